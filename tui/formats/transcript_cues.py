"""WebVTT and SRT cues as pieces of one speaker's words: voice spans, dialogue dashes, roll-up repeats.

A cue's speaker is its WebVTT voice span (<v Name>, <v.loud Name>), its identifier (Zoom's
`12 "Name" (16778240)`, read by `webvtt`) or a "Name:" prefix (see `transcript_speakers`).

Caption dialogue dashes: a line that opens with a hyphen or en dash and then its words
(`- Hi, everyone.`, `-Hello.`, `– Hej.`), or with the broadcast marker `>>`, starts a new
turn there, by an unknown speaker unless a name follows the dash (`- ANN: Hi.`). This
reads both conventions: a dash before each speaker's line, and a dash before the second
speaker's line only (the lines before it continue whoever spoke); a line without a dash
after a dashed one is that line's wrap. A dash inside a line, "--", an em dash (an
interruption: "—and then") and a hyphen before a digit ("-5 degrees") are text.

The rolling lines of YouTube-style and roll-up captions are said once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .transcript_speakers import UNKNOWN, Piece, is_name, name_prefix, settle
from .transcript_text import clean_line, collapse, join_text

MAX_ROLL = 4  # roll-up captions repeat at most this many lines of the cue before

_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+([^ \t<>][^<>]*)?)?>")
# A caption's change of speaker: a hyphen (or en dash) and the line's words, or the broadcast ">>".
_DIALOGUE_DASH = re.compile(r"(?:[-\u2010\u2013](?![0-9])[ \t]?|>>>?[ \t]*)(?=[^\s\-\u2010\u2013>])")


@dataclass(slots=True)
class Cue:
    """One WebVTT or SRT cue as written: its times, raw text lines and the line of its timing."""

    start: float
    end: float
    lines: list[str]
    line: int
    speaker: str | None = None  # named by the cue's identifier (Zoom's `12 "Name" (16778240)`); "" no one


# (a voice span's name, starting a new speaker's part; None: none here) and a line's cleaned text
Entry = tuple[str | None, str]


def _entries(lines: Sequence[str], srt: bool) -> list[Entry]:
    """A cue's cleaned lines; a voice span splits its line and names who says what follows."""
    out: list[Entry] = []
    for raw in lines:
        if "<v" not in raw:
            text = clean_line(raw, srt)
            if text:
                out.append((None, text))
            continue
        position, voice = 0, None
        for found in _VOICE.finditer(raw):
            text = clean_line(raw[position : found.start()], srt)
            if text or voice is not None:
                out.append((voice, text))
            voice, position = collapse(html.unescape(found.group(1) or "")) or None, found.end()
        text = clean_line(raw[position:], srt)
        if text or voice is not None:
            out.append((voice, text))
    return out


def _rolled(previous: list[str], texts: list[str], rolling: bool) -> int:
    """How many of a cue's first lines repeat the last lines of the cue before (roll-up captions).

    A cue that is nothing but a repeat is dropped only in a rolling file (one with
    YouTube's inline timestamps): elsewhere two cues can truly say the same "Yes.".
    """
    for k in range(min(len(previous), len(texts), MAX_ROLL), 0, -1):
        if (k < len(texts) or rolling) and texts[:k] == previous[-k:]:
            return k
    return 0


def _drop(entries: list[Entry], count: int) -> list[Entry]:
    """The entries without their first `count` texts; a voice among them still names the speaker."""
    kept: list[Entry] = []
    for voice, text in entries:
        if count and text:
            count -= 1
            if voice is not None:
                kept.append((voice, ""))
        else:
            kept.append((voice, text))
    return kept


# A cue's part: (who says it: a voice span's name, UNKNOWN after a dialogue dash, None unlabelled;
# its text; whether it starts a new turn)
Part = tuple[str | None, str, bool]


def _dialogue(entries: list[Entry]) -> list[Part]:
    """A cue's entries with its dialogue dashes taken off, each dashed line a turn of an unknown speaker.

    In a cue with voice spans the spans say who speaks: a dash there is the speaker's text.
    """
    if any(voice is not None for voice, _ in entries):
        return [(voice, text, False) for voice, text in entries]
    parts: list[Part] = []
    for voice, text in entries:
        dash = _DIALOGUE_DASH.match(text)  # each entry of an unvoiced cue opens its line
        if dash is None:
            parts.append((voice, text, False))
        else:
            parts.append((UNKNOWN, text[dash.end() :], True))
    return parts


def _named(part: Part, allowed: str | None, seen: dict[str, int]) -> tuple[str, str, bool] | None:
    """A name prefix opening an unlabelled part or a dialogue turn (only `allowed` when the cue names one)."""
    voice, text, turn = part
    if not (voice is None or turn):
        return None
    prefix = name_prefix(text)
    if prefix is None or (allowed is not None and prefix[0] != allowed):
        return None
    seen[prefix[0]] = seen.get(prefix[0], 0) + 1
    return prefix


def pieces_from_cues(cues: Sequence[Cue], srt: bool = False, rolling: bool = False) -> list[Piece]:
    """Each cue's speakers and plain text, with rolling repeats said once and name prefixes taken off."""
    contents: list[tuple[list[Part], dict[int, tuple[str, str, bool]]]] = []
    seen: dict[str, int] = {}  # each prefix, how many cues it opens (a name repeats; "Note:" rarely does)
    previous: list[str] = []
    sure = False  # a label only a labelling producer writes: WhisperX's, Zoom's identifiers
    for cue in cues:
        entries = _entries(cue.lines, srt)
        texts = [text for _, text in entries if text]
        drop = _rolled(previous, texts, rolling)
        previous = texts
        if drop:
            entries = _drop(entries, drop)
        parts = _dialogue(entries)
        prefixes: dict[int, tuple[str, str, bool]] = {}
        voiced = any(voice is not None and not turn for voice, _, turn in parts)
        for index, part in enumerate(parts):
            if (index == 0 and not voiced) or part[2]:
                prefix = _named(part, cue.speaker, seen)
                if prefix is not None:
                    prefixes[index] = prefix
        sure = sure or cue.speaker is not None
        contents.append((parts, prefixes))
    pieces: list[Piece] = []
    labels: list[str | None] = []  # each cue's first label, or None
    for cue, (parts, prefixes) in zip(cues, contents, strict=True):
        for index, prefix in prefixes.items():
            if prefix[0] == cue.speaker or is_name(prefix[0], prefix[2], seen[prefix[0]]):
                parts[index] = (prefix[0], prefix[1], False)  # a named turn merges with that speaker's
                sure = sure or prefix[2]
        speaker = cue.speaker
        words: list[str] = []
        said: list[tuple[str | None, str, bool]] = []
        turn = False
        for index, (voice, text, starts) in enumerate(parts):
            if voice is not None and index:
                said.append((speaker, join_text(words), turn))
                words, turn = [], False
            if voice is not None:
                speaker, turn = voice, starts
            words.append(text)
        said.append((speaker, join_text(words), turn))
        labels.append(said[0][0] if not said[0][2] else None)
        characters = sum(len(text) for _, text, _ in said)
        for who, text, starts in said:
            share = len(text) / characters if characters else 1.0 / len(said)
            pieces.append(Piece(who, text, cue.start, cue.end, share, starts))
    return settle(pieces, labels, sure)
