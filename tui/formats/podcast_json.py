"""Podcasting 2.0 JSON transcripts (podcast:transcript type="application/json") as one section of remarks.

The format (github.com/Podcastindex-org/podcast-namespace, docs/examples/transcripts):
{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime", "body"}, ...]},
times in seconds, a segment anything from one word to a paragraph. Consecutive
segments by one speaker become one remark (see `transcript`): bodies joined by spaces,
with none before a body of punctuation only. A segment without a speaker continues the
one before when the file names speakers only where they change; in a file that names
the speaker of (nearly) every segment it is an "Unknown speaker"'s turn. Kept: speakers,
bodies, times. Not kept: version, any other key.

A segment without a body or startTime, with a time that is not a number of seconds,
ending before it starts or starting before the segment before it, is a problem placed
at that segment's key in the text (found only once a problem is: a good file is never
searched), and named by its index, segments[i].
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from ..core.model import Proceedings
from .json_source import TextLines, load_json, shown
from .reader import Format
from .source import Problem, decode
from .transcript import build, limited
from .transcript_speakers import Piece, settle
from .transcript_text import collapse

NAME = "Podcasting 2.0 JSON transcript"

_SEGMENTS_BYTES = re.compile(rb'"segments"\s*:\s*\[')
_SEGMENTS = re.compile(r'"segments"\s*:\s*\[')
_WHITE = re.compile(r"[ \t\n\r]*")  # JSON's white space
SHAPE = '{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime", "body"}, ...]}'


def sniff(head: bytes) -> bool:
    """A JSON object with a "segments" array, and "startTime" and "body" keys in the first 64 KB."""
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return (
        body.lstrip(b" \t\r\n").startswith(b"{")
        and b'"startTime"' in body
        and b'"body"' in body
        and _SEGMENTS_BYTES.search(body) is not None
    )


class _Places(TextLines):
    """Lines and columns of the text and of each segment in it, worked out on the first problem only."""

    def __init__(self, text: str, count: int) -> None:
        super().__init__(text)
        self.count = count
        self._spans: list[tuple[int, int]] | None = None

    def _segment_spans(self) -> list[tuple[int, int]]:
        """Where each segment is: the items of the "segments" array, decoded one by one for their ends."""
        found = _SEGMENTS.search(self.text)
        spans: list[tuple[int, int]] = []
        if found is None:
            return spans
        decoder, text, i = json.JSONDecoder(), self.text, found.end()
        try:
            while True:
                i = _WHITE.match(text, i).end()  # type: ignore[union-attr]  # matches the empty string
                if text.startswith("]", i):
                    break
                _, end = decoder.raw_decode(text, i)
                spans.append((i, end))
                i = _WHITE.match(text, end).end()  # type: ignore[union-attr]
                i += text.startswith(",", i)
        except ValueError:
            return []
        # A "segments" key nested before the real one would place every problem wrongly: then place none.
        return spans if len(spans) == self.count else []

    def segment(self, index: int, key: str | None) -> tuple[int | None, int | None]:
        """The line and column of a segment's key (else of the segment), if it can be found."""
        if self._spans is None:
            self._spans = self._segment_spans()
        if index >= len(self._spans):
            return None, None
        start, end = self._spans[index]
        at = self.text.find(f'"{key}"', start, end) if key else -1
        return self.at(at if at >= 0 else start)


def _seconds(value: object) -> float | None:
    """A time in seconds, or None when it is not a finite number (true and false are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "true or false"}.get(
        type(value), "null" if value is None else "a number"
    )


def _pieces(name: str, segments: list[Any], places: _Places) -> tuple[list[Piece], list[Problem]]:
    pieces: list[Piece] = []
    problems: list[Problem] = []

    def fail(index: int, key: str | None, message: str) -> None:
        problems.append(Problem(name, f"segments[{index}]: {message}", *places.segment(index, key)))

    previous: tuple[int, float] | None = None
    for index, segment in enumerate(segments):
        if not isinstance(segment, dict):
            fail(index, None, f'is {_kind(segment)}, not a segment object {{"startTime", "body", ...}}')
            continue
        body, speaker = segment.get("body"), segment.get("speaker")
        start, end = _seconds(segment.get("startTime")), segment.get("endTime")
        end_seconds = None if end is None else _seconds(end)
        if not isinstance(body, str):
            what = 'has no "body"' if body is None else f'"body" is {_kind(body)}'
            fail(index, "body" if "body" in segment else None, f"{what}; a segment's words are its body, a string")
        if start is None:
            if "startTime" in segment:
                message = f'"startTime" is {shown(segment["startTime"])}; write seconds, e.g. 12.5'
            else:
                message = 'has no "startTime"; give the seconds from the recording\'s start, e.g. 12.5'
            fail(index, "startTime" if "startTime" in segment else None, message)
        if end is not None and end_seconds is None:
            fail(index, "endTime", f'"endTime" is {shown(end)}; write seconds, e.g. 14.0')
        elif end_seconds is not None and start is not None and end_seconds < start:
            fail(index, "endTime", f"ends at {end_seconds:g}, before it starts at {start:g}; fix its times")
        if speaker is not None and not isinstance(speaker, str):
            fail(index, "speaker", f'"speaker" is {_kind(speaker)}; write the speaker\'s name as a string')
        if start is not None and previous is not None and start < previous[1]:
            earlier = f"segments[{previous[0]}] ({previous[1]:g})"
            message = f"starts at {start:g}, before {earlier}; segments must be in time order"
            fail(index, "startTime", message)
        if start is not None:
            previous = (index, start)
        if not problems:
            name_of = collapse(speaker) if isinstance(speaker, str) else ""
            pieces.append(Piece(name_of or None, collapse(str(body)), start or 0.0, end_seconds))
    return pieces, problems


def read_podcast_json(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """A Podcasting 2.0 JSON transcript's bytes to its event, or every problem found in it."""
    text = decode(name, data)
    if isinstance(text, Problem):
        return None, [text]
    root = load_json(name, text, "transcript", "three levels deep")
    if isinstance(root, Problem):
        return None, [root]
    if on_read is not None:
        on_read(0.5)
    segments = root.get("segments") if isinstance(root, dict) else None
    if not isinstance(segments, list):
        places = _Places(text, 0)
        found = text.find('"segments"') if isinstance(root, dict) else -1
        where = places.at(found if found >= 0 else len(text) - len(text.lstrip(" \t\r\n")))
        what = 'has no "segments" array' if isinstance(root, dict) else f"is {_kind(root)}, not an object"
        return None, [Problem(name, f"the file {what}; a Podcasting 2.0 transcript is {SHAPE}", *where)]
    pieces, problems = _pieces(name, segments, _Places(text, len(segments)))
    if problems:
        return None, limited(name, problems)
    if on_read is not None:
        on_read(1.0)
    empty = "no segments in this file" if not segments else 'no words in any segment\'s "body"'
    pieces = settle(pieces, [piece.speaker for piece in pieces])
    return build(name, pieces, NAME, f"{empty}; a Podcasting 2.0 transcript is {SHAPE}")


FORMAT = Format(NAME, (".json",), sniff, read_podcast_json)
