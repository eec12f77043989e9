"""SubRip (.srt) transcripts, as podcast hosts (Buzzsprout) and transcription services export them.

An SRT file is numbered cues: a number, a timing line (00:00:01,000 --> 00:00:04,000),
the text, a blank line. It is read by the WebVTT scanner in its SRT mode and becomes one
section of remarks the same way (see `transcript`): speakers from "Name:" prefixes (which
Buzzsprout writes only when the speaker changes) or "[SPEAKER_00]:" labels.

Kept: every cue's text (<i>, <b>, <u>, <font> and {\\an8} codes stripped, entities
decoded), its start and end. Not kept: cue numbers, position coordinates (X1:...),
styling. A line of spaces separates cues like a blank line; text after a blank line
inside a cue stays that cue's. A malformed timestamp, a cue ending before it starts or
starting before the cue before it is a problem at its timing line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..core.model import Proceedings
from .reader import Format
from .source import Problem
from .webvtt import SRT_NAME, read_cues

_TIME = rb"[0-9]{1,9}:[0-9]{1,2}:[0-9]{1,2},[0-9]{1,9}"
_START = re.compile(rb"[0-9]{1,9}[ \t]*(?:\r\n|\r|\n)[ \t]*" + _TIME + rb"[ \t]*-->[ \t]*" + _TIME)


def sniff(head: bytes) -> bool:
    """The first non-blank line is a number, the next a timing line with commas: 00:00:01,000 --> 00:00:04,000."""
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return _START.match(body.lstrip(b" \t\r\n")) is not None


def read_srt(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """An SRT file's bytes to its event, or every problem found in it."""
    return read_cues(name, data, on_read, srt=True)


FORMAT = Format(SRT_NAME, (".srt",), sniff, read_srt, suffix_is_enough=True)
