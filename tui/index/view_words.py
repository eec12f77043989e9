"""The library index's word indexes, read as the browser's views: no view builds one of its own.

A view (one event, or All events) numbers its remarks from 0; the index numbers its rows as
they were written, each event one run of them. A segment's answer becomes the view's by
shifting each run to where its event starts in the view: a few bitmap operations in C,
where building the view's own index takes a minute at a million remarks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pyroaring import FrozenBitMap

from ..core.model import Proceedings
from ..core.word_index import WordIndex
from .library import LibraryIndex
from .segment import Segment

CACHE = 64  # terms remembered, as a WordIndex remembers them
_MISSING = object()

EventKey = tuple[str, str]  # the file an event was read from, and its id in the library
Mapped = tuple[Segment, int, int]  # a segment, its first row and its rows
Run = tuple[int, int, int]  # an event's rows (first, count) and its first position in a view


@dataclass(frozen=True, slots=True)
class _Piece:
    """The rows of a segment that belong to the view: local rows lo..hi, at local + shift in the view."""

    lo: int
    hi: int
    shift: int
    mask: FrozenBitMap | None  # lo..hi, unless that is the whole segment


class ViewWords:
    """One view's word index, answered by the segments holding its events' rows."""

    def __init__(self, pieces: Sequence[tuple[WordIndex, Sequence[_Piece]]], size: int) -> None:
        self._pieces = pieces
        self.size = size
        self.covered = sum(words.size for words, _ in pieces)  # the remarks of the segments it reads
        sized = [(words.size, words.mean_chars) for words, _ in pieces]
        self.mean_chars = sum(n * mean for n, mean in sized) / max(1, sum(n for n, _ in sized))
        self._vocabulary = sum(words.vocabulary_chars for words, _ in pieces)
        self._cache: dict[tuple[str, str], FrozenBitMap | None] = {}
        self._broken = False

    @property
    def vocabulary_chars(self) -> int:
        return self._vocabulary

    def containing(self, term: str) -> FrozenBitMap | None:
        return self._look("containing", term, settled=True)

    def containing_word(self, term: str) -> FrozenBitMap | None:
        return self._look("containing_word", term, settled=True)

    def phrase_candidates(self, phrase: str) -> FrozenBitMap | None:
        return self._look("phrase_candidates", phrase, settled=False)

    def _look(self, how: str, term: str, *, settled: bool) -> FrozenBitMap | None:
        """The view's positions a segment look-up finds; None where the texts must be scanned.

        `settled`: a segment's None means "too common: scan" (a word), not "every row may" (a phrase).
        """
        key = (how, term)
        cached = self._cache.get(key, _MISSING)  # one look-up: another search thread may drop it
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        found = None if self._broken else self._gather(how, term, settled=settled)
        if len(self._cache) >= CACHE:
            self._cache.pop(next(iter(self._cache)), None)
        self._cache[key] = found
        return found

    def _gather(self, how: str, term: str, *, settled: bool) -> FrozenBitMap | None:
        parts: list[FrozenBitMap] = []
        narrowed = False
        try:
            for words, pieces in self._pieces:
                found: FrozenBitMap | None = getattr(words, how)(term)
                if found is None and settled:
                    return None
                narrowed = narrowed or found is not None
                for piece in pieces:
                    if found is None:
                        part = FrozenBitMap(range(piece.lo, piece.hi))
                    else:
                        part = found if piece.mask is None else found & piece.mask
                    parts.append(part.shift(piece.shift) if piece.shift else part)
        except ValueError:  # a damaged segment: the texts in memory answer instead, from now on
            self._broken = True
            return None
        if not narrowed and parts:
            return None
        return FrozenBitMap.union(FrozenBitMap(), *parts)


class IndexWords:
    """The word indexes of a library loaded from its index, for any view of its events.

    `segments` None: they are being built (`pending`); the loader's `finish` gives the ones
    built, if the library did not change meanwhile (`fingerprint`).
    """

    def __init__(
        self,
        spans: Mapping[EventKey, tuple[int, int]],
        segments: Sequence[Mapped] | None,
        fingerprint: object,
    ) -> None:
        self.spans, self.segments, self.fingerprint = spans, segments, fingerprint
        self.pending = segments is None

    @classmethod
    def of(cls, index: LibraryIndex) -> IndexWords:
        """The index's word indexes as they are: pending where some rows have no segment yet."""
        spans = {(u.event.source, u.event.event.id): (u.first_row, u.rows) for u in index.units if u.rows}
        covered = FrozenBitMap.union(
            FrozenBitMap(), *(FrozenBitMap(range(first, first + rows)) for _, first, rows in index.segments)
        )
        whole = index.live <= covered
        return cls(spans, index.segments if whole else None, index.fingerprint())

    def words_for(self, parts: Sequence[tuple[Proceedings, int]], min_share: float = 0.0) -> ViewWords | None:
        if self.segments is None:
            return None
        runs = []
        for event, position in parts:
            if not event.remarks:
                continue
            span = self.spans.get((event.source, event.event.id))
            if span is None or span[1] != len(event.remarks):
                return None  # not an event of this index as it was loaded
            runs.append((span[0], span[1], position))
        size = max((position + rows for _first, rows, position in runs), default=0)
        words = _over(self.segments, runs, size)
        if words is None or size < min_share * words.covered:
            return None
        return words


def _over(segments: Sequence[Mapped], runs: list[Run], size: int) -> ViewWords | None:
    """The view whose events are these runs (first row, rows, position in the view); None if a row has no segment."""
    runs = _merged(sorted(runs))
    pieces = []
    covered = 0
    ends = [first + rows for _, first, rows in segments]
    if any(first < end for (_, first, _), end in zip(segments[1:], ends, strict=False)):
        return None  # segments that overlap: an index damaged so, the texts answer instead
    for segment, first, rows in segments:
        here = []
        for run_first, run_rows, position in runs:
            lo, hi = max(run_first, first), min(run_first + run_rows, first + rows)
            if lo < hi:
                mask = None if (lo, hi) == (first, first + rows) else FrozenBitMap(range(lo - first, hi - first))
                here.append(_Piece(lo - first, hi - first, position - run_first + first, mask))
                covered += hi - lo
        if here:
            pieces.append((segment.words, here))
    if covered != sum(rows for _first, rows, _position in runs):
        return None
    return ViewWords(pieces, size)


def _merged(runs: list[Run]) -> list[Run]:
    """Runs that follow one another in rows and in the view, as one (a library indexed in order: one run)."""
    merged: list[Run] = []
    for first, rows, position in runs:
        if merged:
            last_first, last_rows, last_position = merged[-1]
            if first == last_first + last_rows and position == last_position + last_rows:
                merged[-1] = (last_first, last_rows + rows, last_position)
                continue
        merged.append((first, rows, position))
    return merged
