"""Literal text in Markdown: escaped so that data is never read as emphasis, a list, a heading or code."""

from __future__ import annotations

import re

from ..core.model import Proceedings
from ..core.textsafe import safe_line
from .plain_text import describe_event

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
# What would start a list, a heading underline or a numbered list at the start of a line.
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def md_text(text: str) -> str:
    """Literal text in Markdown: special characters escaped, controls made visible."""
    return _MD_SPECIAL.sub(r"\\\1", safe_line(text))


def md_line(text: str) -> str:
    """A line of literal text that starts a Markdown line: not read as a list item or a heading underline."""
    escaped = md_text(text)
    match = _MD_LINE_START.match(escaped)
    if match is None:
        return escaped
    marker = match.group(2)
    if marker.isdigit():  # "1. " starts a numbered list; "1\. " does not
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return escaped[: match.start(2)] + "\\" + escaped[match.start(2) :]


def md_code(text: str) -> str:
    """Text as a Markdown code span, fenced with more backticks than it holds."""
    safe = safe_line(text)
    runs = [len(r) for r in re.findall(r"`+", safe)]
    fence = "`" * (max(runs, default=0) + 1)
    padding = " " if safe.startswith("`") or safe.endswith("`") else ""
    return f"{fence}{padding}{safe}{padding}{fence}"


def md_event_heading(proceedings: Proceedings, level: str) -> list[str]:
    """An event's title as a heading at `level` ("#", "##"), and its dates and place under it."""
    described = describe_event(proceedings)
    return [f"{level} {md_text(proceedings.event.title)}", ""] + ([md_text(described), ""] if described else [])
