"""JSON for the JSON formats: parsed with every problem placed, and offsets turned into lines and columns."""

from __future__ import annotations

import bisect
import json
import re

from .source import Problem

_LONG_NUMBER = re.compile("[0-9]{4301}")


class TextLines:
    """Line and column of an offset in a text; the lines are indexed on first use (on a problem only)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[int] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._lines, offset)
        return line + 1, offset - (self._lines[line - 1] + 1 if line else 0) + 1


def load_json(name: str, text: str, what: str, depth: str) -> object | Problem:
    """The parsed document, or its problem placed; `what` names the format ("transcript"), `depth` its nesting."""
    try:
        document: object = json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(name, f"JSON syntax error: {error.msg}; fix the file here", error.lineno, error.colno)
    except RecursionError:
        return Problem(name, f"JSON nested too deeply to read; a {what} is {depth}")
    except ValueError:  # an integer of more digits than Python converts (4300)
        long = _LONG_NUMBER.search(text)
        line, column = (None, None) if long is None else TextLines(text).at(long.start())
        return Problem(name, f"JSON has a number over 4300 digits long; no {what} has one", line, column)
    if _SURROGATE_ESCAPE.search(text):  # rare: only then is every string looked at
        document = _without_lone_surrogates(document)
    return document


# "\ud800" alone is no character: json.loads makes it a lone surrogate, which no UTF-8 output can
# write (a traceback when printed or converted). A pair ("\ud83d\ude00") is decoded into one character.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: object) -> object:
    """The document with each lone surrogate in its strings (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value


def shown(value: object) -> str:
    """A value as a message quotes it: JSON, cut short with "..." (a number of 400 digits too)."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
