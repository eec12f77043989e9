"""The shape of a conversation: who spoke how much, who answered whom, and when.

Counted over the remarks a filter leaves (their positions), from int-coded columns
built once per event, so that a keystroke's recount is a few C-level passes
(Counter over a map, a sort keyed by a list's __getitem__) and a loop over
speakers, never a Python loop over remarks. Pure Python, no Textual.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from .model import Proceedings

# Words as word processors count them: what stands between spaces ("AI-safety" is one);
# in Chinese and Japanese, written without spaces, each character is one word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_MARKS = "\u3000-\u303f\uff00-\uffef"  # CJK punctuation and full-width forms: not words
_CJK_WORD = re.compile(rf"[{_CJK}]|[^\s{_CJK}{_CJK_MARKS}]+")


def count_words(text: str) -> int:
    if _HAS_CJK.search(text) is None:
        return len(text.split())  # the common case, ten times faster than a regex
    return len(_CJK_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class SpeakerShare:
    speaker: str  # speaker id
    remarks: int
    words: int
    seconds: float | None  # None when none of the speaker's remarks has its times
    first_section: str  # section ids, of the speaker's first and last remark
    last_section: str


@dataclass(frozen=True, slots=True)
class Shape:
    shares: tuple[SpeakerShare, ...]  # most words first, then most remarks, then agenda order
    replies: tuple[tuple[str, str, int], ...]  # (who answered, whom, how many times), most first
    remarks: int
    words: int
    seconds: float | None


class Columns:
    """One event's remarks as int-coded columns: speaker, words, seconds, and the speaker each reply answers."""

    def __init__(self, proceedings: Proceedings) -> None:
        self.proceedings = proceedings
        self.speaker_ids = [s.id for s in proceedings.speakers]
        self.section_ids = [s.id for s in proceedings.sections]
        remarks, columns = proceedings.remarks, proceedings.columns
        self.speaker_of = list(columns.speaker)
        self.section_of = list(columns.section)
        self.words_of: list[int] = []
        self.seconds_of: list[float] = []
        self.timed: list[bool] = []
        for remark in remarks:  # one pass: from an index, every remark is read from disk once
            duration = remark.duration
            self.words_of.append(count_words(remark.text))
            self.seconds_of.append(duration or 0.0)
            self.timed.append(duration is not None)
        self.any_timed = any(self.timed)
        count = len(self.speaker_ids)
        # (answering speaker, answered speaker) as one int; -1 for a remark that answers nothing
        speaker_of = self.speaker_of
        self.pair_of = [-1 if up < 0 else speaker_of[p] * count + speaker_of[up] for p, up in enumerate(columns.parent)]

    def everything(self) -> range:
        return range(len(self.speaker_of))

    def shape(self, positions: Sequence[int] | None = None) -> Shape:
        """The shares and reply counts of the remarks at `positions` (report order; None: every remark)."""
        if positions is None:
            positions = self.everything()
        speaker_of = self.speaker_of.__getitem__
        words_of, seconds_of, timed = self.words_of.__getitem__, self.seconds_of.__getitem__, self.timed.__getitem__
        shares = []
        # A stable sort keeps each speaker's positions in report order: first and last are the ends.
        for code, group in groupby(sorted(positions, key=speaker_of), key=speaker_of):
            mine = list(group)
            seconds = None
            if self.any_timed and any(map(timed, mine)):
                seconds = math.fsum(map(seconds_of, mine))
            shares.append(
                SpeakerShare(
                    self.speaker_ids[code],
                    len(mine),
                    sum(map(words_of, mine)),
                    seconds,
                    self.section_ids[self.section_of[mine[0]]],
                    self.section_ids[self.section_of[mine[-1]]],
                )
            )
        order = {s: n for n, s in enumerate(self.speaker_ids)}
        shares.sort(key=lambda s: (-s.words, -s.remarks, order[s.speaker]))
        count = len(self.speaker_ids)
        pairs = Counter(map(self.pair_of.__getitem__, positions))
        pairs.pop(-1, None)
        replies = sorted(
            ((self.speaker_ids[p // count], self.speaker_ids[p % count], n) for p, n in pairs.items()),
            key=lambda r: (-r[2], order[r[0]], order[r[1]]),
        )
        timed_shares = [s.seconds for s in shares if s.seconds is not None]
        return Shape(
            tuple(shares),
            tuple(replies),
            len(positions),
            sum(s.words for s in shares),
            math.fsum(timed_shares) if timed_shares else None,
        )

    def exchanges(self, answering: str, answered: str, positions: Sequence[int] | None = None) -> list[int]:
        """The positions of the replies by one speaker to another, among `positions`."""
        count = len(self.speaker_ids)
        pair = self.speaker_ids.index(answering) * count + self.speaker_ids.index(answered)
        pair_of = self.pair_of
        return [i for i in (self.everything() if positions is None else positions) if pair_of[i] == pair]


@dataclass(frozen=True, slots=True)
class Lanes:
    """The event over time in `width` columns: how much each speaker says in each, and where matches fall."""

    clock: bool  # the axis is the recording's clock (every remark has times), else the remarks' order
    start: float  # the axis' first and last value: seconds, or remark positions
    end: float
    amounts: dict[str, list[float]]  # speaker id -> seconds (or remarks) in each column
    column_of: list[int]  # each remark's first column


def lanes(columns: Columns, width: int) -> Lanes:
    """Each speaker's lane: what they said in each of `width` columns along the event."""
    remarks = columns.proceedings.remarks
    width = max(1, width)
    amounts = {s: [0.0] * width for s in columns.speaker_ids}
    clock = bool(remarks) and all(r.start is not None for r in remarks)
    if clock:
        start = min(r.start or 0.0 for r in remarks)
        end = max(r.end if r.end is not None else (r.start or 0.0) for r in remarks)
    else:
        start, end = 0.0, float(len(remarks))
    scale = width / (end - start) if end > start else 0.0
    column_of = []
    for remark in remarks:  # once per event and width, in the worker, never per keystroke
        begin = (remark.start or 0.0) if clock else float(remark.position)
        finish = (remark.end if remark.end is not None else begin) if clock else begin + 1.0
        first = min(width - 1, int((begin - start) * scale))
        last = max(first, min(width - 1, math.ceil((finish - start) * scale) - 1))
        column_of.append(first)
        lane = amounts[remark.speaker]
        share = (finish - begin) / (last - first + 1) if clock else 1.0
        for column in range(first, last + 1):
            lane[column] += share
    return Lanes(clock, start, end, amounts, column_of)


def match_columns(lanes: Lanes, positions: Sequence[int]) -> dict[int, int]:
    """Each column where a match falls, with the first matching remark in it (its position)."""
    column_of = lanes.column_of.__getitem__
    return dict(zip(map(column_of, reversed(positions)), reversed(positions), strict=True))
