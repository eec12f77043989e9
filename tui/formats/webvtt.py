"""WebVTT transcripts (.vtt: Zoom, Teams, podcasts, YouTube captions) read as one section of remarks.

Kept: every cue's text (markup stripped, entities decoded), its start and end, and its
speaker (a <v Name> voice span, Zoom's identifier `12 "Name" (16778240)`, a "Name:"
prefix, a "[SPEAKER_00]:" label); see `transcript`. Not kept: the header (Kind:,
Language:...), other cue identifiers and Zoom's user numbers, cue settings
(align:, position:...), NOTE, STYLE and REGION blocks, voice and class styling, inline
timestamps. Text in a block without a timing line after a cue (a blank line inside a
cue) is kept as that cue's; before the first cue it is header matter and skipped.

Cues must be in time order, as the WebVTT spec asks: a cue starting before the one
before it, or ending before it starts, is a problem at its timing line, and so is a
malformed timestamp. Accepted beyond the spec, as real files write them: Teams'
unpadded 0:0:5.320, a comma before the milliseconds, 1 to 9 fraction digits, no spaces
around "-->". This module also scans SRT (see `srt`), whose blocks are the same shape.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import NamedTuple

from ..core.model import Proceedings
from .reader import Format
from .source import Problem, decode
from .transcript import build, clock, limited
from .transcript_cues import Cue, pieces_from_cues
from .transcript_text import collapse

NAME = "WebVTT transcript"
SRT_NAME = "SRT transcript"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TIME = r"(?:([0-9]{1,9}):)?([0-9]{1,2}):([0-9]{1,2})[.,]([0-9]{1,9})"
_TIMESTAMP = re.compile(_TIME)
_TIMING = re.compile(rf"[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t].*)?")
_BARE_TIME = r"(?:[0-9]{1,9}:)?[0-9]{1,2}:[0-9]{1,2}[.,][0-9]{1,9}"
_ARROWLESS = re.compile(rf"[ \t]*{_BARE_TIME}[ \t]*([^ \t0-9]{{1,5}})[ \t]*{_BARE_TIME}")  # "00:01.000 -> 00:02.000"
_INDEX = re.compile(r"[ \t]*[0-9]+[ \t]*")  # an SRT cue's number
# Zoom's cloud-recording identifier: the cue's number, its speaker quoted, their user number
_ZOOM_IDENTIFIER = re.compile(r'[ \t]*[0-9]+[ \t]+"(.*)"(?:[ \t]*\([0-9A-Za-z_-]*\))?[ \t]*')
_KEYWORD_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
_INLINE_TIME = re.compile(r"<(?:[0-9]{1,9}:)?[0-9]{2}:[0-9]{2}\.[0-9]{3}>")  # YouTube's rolling captions have these
_PROGRESS_EVERY = 4096  # cues between two progress reports

Timing = tuple[float, float, int]  # start, end, the end time's column


class Fault(NamedTuple):
    message: str
    column: int


def sniff(head: bytes) -> bool:
    """An optional UTF-8 BOM, then WEBVTT, then the line's end, a space or a tab."""
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return body.startswith(b"WEBVTT") and body[6:7] in (b"", b" ", b"\t", b"\r", b"\n")


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str) -> float | str:
    """A timestamp's value, or what is wrong with it."""
    if int(minutes) > 59:
        return f"minutes must be 00 to 59, not {minutes}"
    if int(seconds) > 59:
        return f"seconds must be 00 to 59, not {seconds}"
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction) / 10.0 ** len(fraction)


def _quoted(token: str) -> str:
    return repr(token if len(token) <= 40 else token[:37] + "...")


def parse_timing(line: str, srt: bool) -> Timing | Fault:
    """A timing line's start and end, or what is wrong with it and where."""
    example = "hh:mm:ss,ttt, e.g. 00:01:02,500" if srt else "hh:mm:ss.ttt, e.g. 00:01:02.500"
    found = _TIMING.fullmatch(line)
    if found is None:
        arrow = line.find("-->")
        left = line[:arrow]
        token = left.strip(" \t")
        if not _TIMESTAMP.fullmatch(token):
            column = len(left) - len(left.lstrip(" \t")) + 1
            return Fault(f"malformed start time {_quoted(token)}; write it as {example}", column)
        right = line[arrow + 3 :]
        column = arrow + 3 + len(right) - len(right.lstrip(" \t")) + 1
        token = (right.split() or [""])[0]
        return Fault(f"malformed end time {_quoted(token)}; write it as {example}", column)
    start = _seconds(*found.group(1, 2, 3, 4))
    if isinstance(start, str):
        return Fault(f"start time: {start}", found.start(1 if found.group(1) else 2) + 1)
    end_column = found.start(5 if found.group(5) else 6) + 1
    end = _seconds(*found.group(5, 6, 7, 8))
    if isinstance(end, str):
        return Fault(f"end time: {end}", end_column)
    return start, end, end_column


def _text_end(lines: list[str], at: int, srt: bool) -> tuple[int, int]:
    """Where a run of text lines from `at` ends: (end of its text, where the next block starts).

    A run ends at a blank line or at a timing line (the spec's rule, which also
    reads a cue whose blank line is missing); before a timing line an SRT cue's
    number is the next cue's, not text.
    """
    n, i = len(lines), at
    while i < n and "-->" not in lines[i] and (lines[i].strip(" \t") if srt else lines[i]):
        i += 1
    if srt and at < i < n and "-->" in lines[i] and (_INDEX.fullmatch(lines[i - 1]) or speaker_of(lines[i - 1])):
        return i - 1, i - 1  # the next block opens with the number (or Zoom's identifier) over its times
    return i, i


def speaker_of(identifier: str) -> str | None:
    """The speaker Zoom names in a cue's identifier, `12 "Ann Lee" (16778240)` ("" when it names no one)."""
    found = _ZOOM_IDENTIFIER.fullmatch(identifier) if '"' in identifier else None
    return None if found is None else collapse(html.unescape(found.group(1)))


def scan(
    name: str, text: str, srt: bool = False, on_read: Callable[[float], None] | None = None
) -> tuple[list[Cue], list[Problem]]:
    """The cues of a WebVTT (or, `srt`, SubRip) text in file order, or the problems of its timing lines."""
    lines = _LINE_BREAK.split(text)
    n = len(lines)
    cues: list[Cue] = []
    problems: list[Problem] = []
    i = 0
    if not srt:
        if not sniff(lines[0][:7].encode("utf-8")):
            message = "the first line is not WEBVTT; a WebVTT file starts with the line WEBVTT"
            return [], [Problem(name, f"{message} (an SRT file, with numbered cues, is named .srt)", 1, 1)]
        i = 1
        while i < n and lines[i] and "-->" not in lines[i]:  # the header: Kind:, Language:...
            i += 1
    previous: Cue | None = None
    while i < n:
        line = lines[i]
        if not (line.strip(" \t") if srt else line):
            i += 1
            continue
        # NOTE, STYLE, REGION run to the blank line, even past a "-->" in a note's words; but
        # "NOTE" over a timing line is a cue's identifier, as the spec reads it.
        if not srt and _KEYWORD_BLOCK.match(line) and not (i + 1 < n and _TIMING.fullmatch(lines[i + 1])):
            while i < n and lines[i]:
                i += 1
            continue
        if "-->" in line:
            timing = i
        elif i + 1 < n and "-->" in lines[i + 1]:
            timing = i + 1  # after its identifier (WebVTT) or number (SRT)
        else:  # a block without a timing line: header matter, or a cue's text after a blank line
            block = i
            text_end, i = _text_end(lines, block, srt)
            for number in range(block, text_end):  # a timing line mistyped is a problem, not text
                arrowless = _ARROWLESS.match(lines[number])
                if arrowless is not None:
                    message = (
                        f"{_quoted(arrowless.group(1))} between the times; a timing line's times are joined by -->"
                    )
                    problems.append(Problem(name, message, number + 1, arrowless.start(1) + 1))
            if cues:
                cues[-1].lines.extend(lines[block:text_end])
            continue
        identifier = lines[timing - 1] if timing > i else ""
        text_end, i = _text_end(lines, timing + 1, srt)
        parsed = parse_timing(lines[timing], srt)
        if isinstance(parsed, Fault):
            problems.append(Problem(name, parsed.message, timing + 1, parsed.column))
            continue
        start, end, end_column = parsed
        if end < start:
            message = f"the cue ends at {clock(end, srt)}, before it starts at {clock(start, srt)}; fix its times"
            problems.append(Problem(name, message, timing + 1, end_column))
        elif previous is not None and start < previous.start:
            message = (
                f"the cue starts at {clock(start, srt)}, before the cue at line {previous.line} starts "
                f"({clock(previous.start, srt)}); cues must be in time order"
            )
            timing_line = lines[timing]
            problems.append(Problem(name, message, timing + 1, len(timing_line) - len(timing_line.lstrip(" \t")) + 1))
        cue = Cue(start, end, lines[timing + 1 : text_end], timing + 1, speaker_of(identifier))
        cues.append(cue)
        previous = cue
        if on_read is not None and len(cues) % _PROGRESS_EVERY == 0:
            on_read(0.8 * i / n)
    return cues, problems


def read_cues(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None, srt: bool = False
) -> tuple[Proceedings | None, list[Problem]]:
    """A WebVTT (or, `srt`, SubRip) file's bytes to its event, or every problem found in it."""
    text = decode(name, data)
    if isinstance(text, Problem):
        return None, [text]
    cues, problems = scan(name, text, srt, on_read)
    if problems:
        return None, limited(name, problems)
    kind = "an SRT" if srt else "a WebVTT"
    if not cues:
        example = clock(1, srt) + " --> " + clock(4, srt)
        return None, [Problem(name, f"no cues in this file; {kind} cue is a timing line ({example}) and its text")]
    rolling = "<" in text and _INLINE_TIME.search(text) is not None
    result = build(
        name,
        pieces_from_cues(cues, srt, rolling),
        SRT_NAME if srt else NAME,
        f"no words in any of the file's {len(cues)} cues; {kind} cue's text follows its timing line",
    )
    if on_read is not None:
        on_read(1.0)
    return result


def read_webvtt(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    return read_cues(name, data, on_read)


FORMAT = Format(NAME, (".vtt",), sniff, read_webvtt, suffix_is_enough=True)
