"""Live, faceted search for the browser: results plus counts per speaker and section.

Each facet is counted as if its own restriction were lifted, so the agenda shows
where matches are in every section and the speakers pane how many each speaker
has, whichever section or speakers are chosen. Pure Python, no Textual.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import Proceedings
from .query import Query, SearchIndex, Term

_FACETS = ("speaker", "section")


@dataclass(frozen=True, slots=True)
class Outcome:
    query: Query
    positions: list[int]  # matching remarks, report order
    speaker_counts: Counter[str]  # under the filter and scope, any speaker
    section_counts: Counter[str]  # under the filter and speakers, any section
    unmatched: tuple[Term, ...] = ()  # speaker:/section: terms that name nothing


@dataclass
class LiveSearch:
    """One event's search state; remembers the last result to narrow from it."""

    proceedings: Proceedings
    index: SearchIndex = field(init=False)
    _last_base: tuple[Query, list[int]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = SearchIndex(self.proceedings)

    def run(self, query: Query, speakers: frozenset[str] = frozenset(), section: str | None = None) -> Outcome:
        """Search with the query, the chosen speakers (any of them) and a section scope."""
        base_query = Query(query.source, tuple(t for t in query.terms if t.field not in _FACETS or t.negate))
        within = None
        if self._last_base is not None and base_query.narrows(self._last_base[0]):
            within = self._last_base[1]  # typing on: filter the previous result only
        base = self.index.search(base_query, within=within)
        self._last_base = (base_query, base)

        resolved = self.index.resolve(query)
        speaker_set = resolved.speakers
        if speakers:
            speaker_set = speakers if speaker_set is None else speaker_set | speakers
        section_set = resolved.sections
        if section is not None:
            section_set = frozenset({section}) if section_set is None else section_set & {section}

        remarks = self.proceedings.remarks
        positions: list[int] = []
        speaker_counts: Counter[str] = Counter()
        section_counts: Counter[str] = Counter()
        for position in base:
            remark = remarks[position]
            speaker_ok = speaker_set is None or remark.speaker in speaker_set
            section_ok = section_set is None or remark.section in section_set
            if section_ok:
                speaker_counts[remark.speaker] += 1
            if speaker_ok:
                section_counts[remark.section] += 1
                if section_ok:
                    positions.append(position)
        return Outcome(query, positions, speaker_counts, section_counts, resolved.unmatched)
