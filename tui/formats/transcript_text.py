"""A transcript's words as plain text: markup stripped, entities decoded, white space collapsed, pieces joined.

Shared by every transcript reader (WebVTT, SRT, Podcasting 2.0 JSON) and by the merging of
pieces into remarks (`transcript`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# `[^<>]` stops each tag at the next "<": a line of a million "<v " is still read in linear time.
_TAG = re.compile(r"<[/A-Za-z0-9][^<>]*>")
_RUBY_TEXT = re.compile(r"<rt(?:\.[^<>]*)?>([^<]*)</rt>")  # a reading, kept in parentheses after its base
_ASS_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # SRT's {\an8} positioning codes
_SPACES = re.compile("[ \t\r\n\u00a0]+")  # white space and no-break spaces; control characters stay data


def collapse(text: str) -> str:
    """Runs of white space as one space; the regex only runs where there is a run to collapse (10x faster)."""
    if "  " in text or "\t" in text or "\n" in text or "\r" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    return text.strip(" ")


def clean_line(line: str, srt: bool = False) -> str:
    """One line of cue text as plain text: tags and inline timestamps gone, entities decoded."""
    if "<" in line:
        if "<rt" in line:
            line = _RUBY_TEXT.sub(r"(\1)", line)
        line = _TAG.sub("", line)
    if srt and "{\\" in line:
        line = _ASS_OVERRIDE.sub("", line)
    if "&" in line:  # after the tags: "&lt;b&gt;" is text, not a tag
        line = html.unescape(line)
    return collapse(line)


def join_text(parts: Iterable[str]) -> str:
    """Words and phrases joined by spaces, with no space before a piece that is only punctuation."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and any(ch.isalnum() for ch in part):
            out.append(" ")
        out.append(part)
    return "".join(out)
