"""The query language over the library index: the same answers as the plain scan of each event.

Words, =words and their exclusions are settled by the segments' vocabularies; phrases
are narrowed there and checked in the texts of the candidates only; speaker:, section:,
topic:, org:, role: and date: are resolved against each event's own records, as
`SearchIndex.search` does event by event (org:, role: and date: to speaker codes: no
remark is read for them). Rows are the index's; what leaves here is each event's positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from pyroaring import FrozenBitMap

from ..core import attributes
from ..core.folding import fold
from ..core.matching import SearchIndex
from ..core.model import Proceedings, Remark, Section, Speaker
from ..core.query_parse import Query
from ..core.word_index import WordIndex
from .library import LibraryIndex
from .records import search_text, stored_topics
from .store import CorruptIndex


class IndexSearch:
    def __init__(self, index: LibraryIndex) -> None:
        self.index = index

    def rows(self, query: Query) -> FrozenBitMap:
        if query.alternatives:  # either side, each with its own fields
            return FrozenBitMap.union(FrozenBitMap(), *(self.rows(side) for side in query.alternatives))
        found = self.index.live
        whole = query.whole_words
        whole_negated = {t.folded for t in query.terms if t.whole and t.negate and t.field is None}
        phrases = []
        for term in dict.fromkeys(query.text_terms):
            if " " in term:
                found &= self._each(partial(_look, "phrase_candidates", term))
                phrases.append(term)
            elif term in whole:
                found &= self._each(partial(_look, "containing_word", term))
            else:
                found &= self._each(partial(_look, "containing", term))
            if not found:
                return found
        not_phrases = []
        for term in query.of(None, negate=True):
            if " " in term:
                not_phrases.append(term)
            elif term in whole_negated:
                found -= self._each(partial(_look, "containing_word", term))
            else:
                found -= self._each(partial(_look, "containing", term))
        if (
            query.of("speaker")
            or query.of("speaker", negate=True)
            or query.of("section")
            or query.of("section", negate=True)
            or attributes.asks(query)
        ):
            found = self._by_fields(found, query)
        if phrases or not_phrases:
            found = self._check_texts(found, phrases, not_phrases, whole, whole_negated)
        if query.of("topic") or query.of("topic", negate=True):
            found = self._by_topics(found, query)
        return found

    def _each(self, look_up: Callable[[WordIndex], FrozenBitMap | None]) -> FrozenBitMap:
        """What every segment finds, as rows.

        None from a segment means that no piece of a phrase narrowed it: all its rows are
        candidates, checked in their texts after. A word is always settled by the
        vocabulary (a segment's limit on hits is unbounded).
        """
        parts = []
        try:
            for segment, first, rows in self.index.segments:
                found = look_up(segment.words)
                part = FrozenBitMap(range(rows)) if found is None else found
                parts.append(part.shift(first) if first else part)
        except ValueError as error:
            raise CorruptIndex(str(error)) from error
        return FrozenBitMap.union(FrozenBitMap(), *parts)

    def _by_fields(self, found: FrozenBitMap, query: Query) -> FrozenBitMap:
        """The rows whose speaker and section the field terms keep, event by event, from the segments'
        columns: org:, role: and date: as speaker codes too (an event that date: leaves out is not read)."""
        kept: list[FrozenBitMap] = []
        for unit in self.index.units:
            if not unit.rows or not attributes.dated(query, unit.event.event.date, unit.event.event.end_date):
                continue
            span = FrozenBitMap(range(unit.first_row, unit.first_row + unit.rows))
            here = found & span
            if not here:
                continue
            resolved = SearchIndex(unit.stub).resolve(query)
            segment, offset = self.index.segment_of(unit.first_row)
            wanted = _codes(unit.stub.speakers, resolved.speakers)
            unwanted = _codes(unit.stub.speakers, resolved.not_speakers) or frozenset()
            sections = _codes(unit.stub.sections, resolved.sections)
            not_sections = _codes(unit.stub.sections, resolved.not_sections) or frozenset()
            if resolved.kept is not None:  # org:/role: as the speakers they keep here (one event: one part)
                by_attributes = resolved.kept.by_part.get(0, frozenset())
                wanted = by_attributes if wanted is None else wanted & by_attributes
            if wanted is not None and not wanted:
                continue  # no one here the terms keep: no row of it is read
            speaker_of, section_of = segment.speaker_of, segment.section_of
            base = unit.first_row - offset
            kept.append(
                FrozenBitMap(
                    row
                    for row in here
                    if (wanted is None or speaker_of[row - base] in wanted)
                    and speaker_of[row - base] not in unwanted
                    and (sections is None or section_of[row - base] in sections)
                    and section_of[row - base] not in not_sections
                )
            )
        return FrozenBitMap.union(FrozenBitMap(), *kept)

    def _check_texts(
        self,
        found: FrozenBitMap,
        phrases: list[str],
        not_phrases: list[str],
        whole: frozenset[str],
        whole_not: set[str],
    ) -> FrozenBitMap:
        tests = [(_matcher(p, p in whole), True) for p in phrases] + [
            (_matcher(p, p in whole_not), False) for p in not_phrases
        ]
        kept = []
        rows = found.to_array().tolist()
        for start in range(0, len(rows), 20_000):  # a bounded number of texts in memory at once
            texts = self.index.fetch(rows[start : start + 20_000], "text, folded")
            for row, (text, folded) in texts.items():
                searched = search_text(text, folded)
                if all(test(searched) == wanted for test, wanted in tests):
                    kept.append(row)
        return FrozenBitMap(kept)

    def _by_topics(self, found: FrozenBitMap, query: Query) -> FrozenBitMap:
        topics, not_topics = query.of("topic"), query.of("topic", negate=True)
        kept = []
        rows = found.to_array().tolist()
        for start in range(0, len(rows), 20_000):
            for row, (stored,) in self.index.fetch(rows[start : start + 20_000], "topics").items():
                folded = [fold(t) for t in stored_topics(stored)]
                if topics and not any(t in topic for t in topics for topic in folded):
                    continue
                if not_topics and any(t in topic for t in not_topics for topic in folded):
                    continue
                kept.append(row)
        return FrozenBitMap(kept)

    def found(self, query: Query) -> list[tuple[Proceedings, list[Remark]]]:
        """Each event's matching remarks, read from the index, each checked against the query's words."""
        words = [t for t in query.text_terms if " " not in t] if not query.alternatives else []
        check = (lambda text: all(word in text for word in words)) if words else None
        return self.index.events_with(self.rows(query).to_array().tolist(), check)


def _look(how: str, term: str, words: WordIndex) -> FrozenBitMap | None:
    found: FrozenBitMap | None = getattr(words, how)(term)
    return found


def _matcher(term: str, whole: bool) -> Callable[[str], bool]:
    if whole:
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        return lambda text: pattern.search(text) is not None
    return lambda text: term in text


def _codes(records: Sequence[Speaker | Section], ids: frozenset[str] | None) -> frozenset[int] | None:
    if ids is None:
        return None
    return frozenset(n for n, record in enumerate(records) if record.id in ids)


def found_pairs(search: IndexSearch, query: Query) -> list[tuple[Proceedings, Remark]]:
    """(event, remark) in library order."""
    return [(event, remark) for event, remarks in search.found(query) for remark in remarks]
