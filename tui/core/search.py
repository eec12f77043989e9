"""Live, faceted search for the browser: results plus counts per speaker and section.

Each facet is counted as if its own restriction were lifted, so the agenda shows
where matches are in every section and the speakers pane how many each speaker
has, whichever section or speakers are chosen. Pure Python, no Textual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from . import column_math
from .attributes import Part
from .matching import SearchIndex, name_hints
from .model import Proceedings
from .query_parse import Query, Term

_FACETS = ("speaker", "section")
# How many of the first remarks `first` looks in: a few thousand, then a screen's worth more.
FIRST_PREFIXES = (2_500, 20_000)


@dataclass(frozen=True, slots=True)
class Outcome:
    query: Query
    positions: Sequence[int]  # matching remarks, report order (every remark: a range)
    speaker_counts: Counter[str]  # under the filter and scope, any speaker
    section_counts: Counter[str]  # under the filter and speakers, any section
    unmatched: tuple[Term, ...] = ()  # speaker:/section: terms that name nothing
    hints: tuple[str, ...] = ()  # how to write what was probably meant (speaker:"merve hickok")


@dataclass
class LiveSearch:
    """One event's search state; remembers the last result to narrow from it."""

    proceedings: Proceedings
    # The events behind its sections, when the view is All events (for org:, role: and date:)
    parts: Sequence[Part] | None = None
    index: SearchIndex = field(init=False)
    _last_base: tuple[Query, Sequence[int]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = SearchIndex(self.proceedings, self.parts)

    def run(self, query: Query, speakers: frozenset[str] = frozenset(), section: str | None = None) -> Outcome:
        """Search with the query, the chosen speakers (any of them) and a section scope."""
        base_query = _without_facets(query)
        within = None
        if self._last_base is not None and base_query.narrows(self._last_base[0]):
            within = self._last_base[1]  # typing on: filter the previous result only
        base = self._base(base_query, within)
        self._last_base = (base_query, base)
        return self._outcome(query, base, speakers, section)

    def first(
        self,
        query: Query,
        speakers: frozenset[str] = frozenset(),
        section: str | None = None,
        count: int = 200,
        prefixes: tuple[int, ...] | None = None,
    ) -> Outcome:
        """The first `count` positions `run` gives, or fewer, looked for among the first remarks only; no counts.

        What a screen shows first while `run` counts every match: a few thousand texts are
        scanned in milliseconds, whatever the size of the event.
        """
        base_query, total = _without_facets(query), len(self.proceedings.remarks)
        for prefix in prefixes or FIRST_PREFIXES:
            base = self._base(base_query, range(min(prefix, total)))
            outcome = self._outcome(query, base, speakers, section, counted=False)
            if len(outcome.positions) >= count or prefix >= total:
                break
        return replace(outcome, positions=outcome.positions[:count])

    def _base(self, base_query: Query, within: Sequence[int] | None) -> Sequence[int]:
        """What the query finds before its speakers and sections (counted as facets) narrow it.

        Nothing asked of the texts: every remark `within`, as a range, not a list of every remark
        (ten million of them are 360 MB).
        """
        if not base_query.terms and not base_query.alternatives:
            return within if within is not None else range(len(self.proceedings.remarks))
        return self.index.search(base_query, within=within)

    def _outcome(
        self,
        query: Query,
        base: Sequence[int],
        speakers: frozenset[str],
        section: str | None,
        *,
        counted: bool = True,
    ) -> Outcome:
        resolved = self.index.resolve(query)
        speaker_set = resolved.speakers
        if speakers:
            speaker_set = speakers if speaker_set is None else speaker_set | speakers
        section_set = resolved.sections
        if section is not None:
            section_set = frozenset({section}) if section_set is None else section_set & {section}

        index = self.index
        speaker_of, section_of = index.speaker_of, index.section_of
        speaker_codes = None if speaker_set is None else index.speaker_codes(speaker_set)
        section_codes = None if section_set is None else index.section_codes(section_set)
        if counted and len(base) >= column_math.LARGE:  # the same, as numpy's whole-array steps
            columns = self.proceedings.columns
            positions, per_speaker, per_section = column_math.facets(
                base, columns.speaker, columns.section, speaker_codes, section_codes
            )
        else:
            in_section = base if section_codes is None else [i for i in base if section_of[i] in section_codes]
            positions = in_section
            if speaker_codes is not None:
                positions = [i for i in in_section if speaker_of[i] in speaker_codes]
            if not counted:
                return Outcome(query, positions, Counter(), Counter(), resolved.unmatched)
            by_speaker = base if speaker_codes is None else [i for i in base if speaker_of[i] in speaker_codes]
            per_speaker = Counter(map(speaker_of.__getitem__, in_section))
            per_section = Counter(map(section_of.__getitem__, by_speaker))
        people, parts = self.proceedings.speakers, self.proceedings.sections
        speaker_counts = Counter({people[k].id: n for k, n in per_speaker.items()})
        section_counts = Counter({parts[k].id: n for k, n in per_section.items()})
        hints = tuple(name_hints(query, people)) if not positions else ()
        return Outcome(query, positions, speaker_counts, section_counts, resolved.unmatched, hints)


def _without_facets(query: Query) -> Query:
    """The query without its speaker: and section: terms (counted as facets); an OR keeps them in each side.

    org:, role: and date: stay: they narrow what is counted, as words do.
    """
    if query.alternatives:
        return query
    return Query(query.source, tuple(t for t in query.terms if t.field not in _FACETS or t.negate))
