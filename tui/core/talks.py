"""A conference schedule's talks, searched with the same query language as remarks.

A schedule has talks (sections with a start, room, speakers and abstract) and no
remarks; the browser shows the talks where the exchanges would be, and the same
filter narrows them: words match a talk's title, abstract, track, room and
speakers' names, `speaker:` and the speaker pane its speakers (`org:` and `role:`
theirs too), `section:` the talk, `topic:` its track, `date:` the schedule's date;
`=word` is a whole word, `a OR b` either side.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import attributes
from .model import Proceedings, Section
from .query import Query, Resolved, SearchIndex, Term, fold


def is_schedule(proceedings: Proceedings) -> bool:
    """An event of talks and no remarks: what a conference schedule gives."""
    return not proceedings.remarks and any(s.start or s.speakers or s.abstract for s in proceedings.sections)


@dataclass(frozen=True, slots=True)
class TalkOutcome:
    query: Query
    talks: list[int]  # indexes into proceedings.sections, agenda order
    speaker_counts: Counter[str]  # talks per speaker, under every filter but the speakers'
    section_counts: Counter[str]  # 1 per talk that matches every filter but the scope
    unmatched: tuple[Term, ...] = ()


class TalkSearch:
    """One schedule's talks with their searchable text folded once."""

    def __init__(self, proceedings: Proceedings) -> None:
        self.proceedings = proceedings
        self._index = SearchIndex(proceedings)  # resolves speaker: and section: terms
        self._folded = [fold(self._searchable(s)) for s in proceedings.sections]
        self._tracks = [fold(s.track or "") for s in proceedings.sections]

    def _searchable(self, talk: Section) -> str:
        names = [self.proceedings.speaker_by_id[i].name for i in talk.speakers]
        parts = (talk.title, talk.abstract, talk.description, talk.track, talk.room, *names)
        return "\n".join(p for p in parts if p)

    def run(self, query: Query, speakers: frozenset[str] = frozenset(), scope: str | None = None) -> TalkOutcome:
        """The talks that match, with the speakers' and talks' counts, as LiveSearch gives remarks."""
        resolved = self._index.resolve(query)
        if query.alternatives:  # an OR keeps its fields inside each side
            base = self.matching(query.alternatives, [self._index.resolve(side) for side in query.alternatives])
        else:  # speaker: and section: are lifted for their own counts, applied in outcome()
            lifted = lift_facets(query)
            base = self.matching((lifted,), [self._index.resolve(lifted)])
        speaker_set = resolved.speakers
        if speakers:
            speaker_set = speakers if speaker_set is None else speaker_set | speakers
        section_set = resolved.sections
        if scope is not None:
            section_set = frozenset({scope}) if section_set is None else section_set & {scope}
        return self.outcome(query, base, speaker_set, section_set, resolved.unmatched)

    def matching(self, sides: tuple[Query, ...], resolved: list[Resolved]) -> list[int]:
        """The talks that match any side of a query, each side with its field terms resolved to ids."""
        if len(sides) == 1:
            return self._matching_side(sides[0], resolved[0])
        found: set[int] = set()
        for side, side_resolved in zip(sides, resolved, strict=True):
            found.update(self._matching_side(side, side_resolved))
        return sorted(found)

    def _matching_side(self, query: Query, resolved: Resolved) -> list[int]:
        words, whole = query.text_terms, [_whole_word(w) for w in query.whole_words]
        whole_negated = {t.folded for t in query.terms if t.whole and t.negate and t.field is None}
        not_words = [w for w in query.of(None, negate=True) if w not in whole_negated]
        not_whole = [_whole_word(w) for w in whole_negated]
        topics, not_topics = query.of("topic"), query.of("topic", negate=True)
        by_org_or_role, not_by = self._attributes(query)
        dates = bool(query.of("date") or query.of("date", negate=True))
        if by_org_or_role is not None and not by_org_or_role:
            return []  # date: leaves the schedule out, or org:/role: name none of its speakers
        found: list[int] = []
        for i, talk in enumerate(self.proceedings.sections):
            text, track = self._folded[i], self._tracks[i]
            if any(w not in text for w in words) or not all(p.search(text) for p in whole):
                continue
            if any(w in text for w in not_words) or any(p.search(text) for p in not_whole):
                continue
            if (topics and not any(t in track for t in topics)) or any(t in track for t in not_topics):
                continue
            if resolved.speakers is not None and not resolved.speakers & set(talk.speakers):
                continue
            if resolved.not_speakers & set(talk.speakers) or talk.id in resolved.not_sections:
                continue
            if resolved.sections is not None and talk.id not in resolved.sections:
                continue
            if (by_org_or_role is not None and not by_org_or_role & set(talk.speakers)) or not_by & set(talk.speakers):
                continue
            if dates and not self._on_its_day(query, talk):
                continue
            found.append(i)
        return found

    def _attributes(self, query: Query) -> tuple[frozenset[str] | None, frozenset[str]]:
        """The speakers org:/role: name (a talk needs one; None: no such term, empty: no talk) and those
        -org:/-role: name (a talk has none), as speaker: and -speaker: pick talks (date: is each talk's day)."""
        if not attributes.asks(query):
            return None, frozenset()
        speakers = self.proceedings.speakers
        wanted, unwanted = attributes.sorted_speakers(query, speakers)
        return (
            None if wanted is None else frozenset(speakers[n].id for n in wanted),
            frozenset(speakers[n].id for n in unwanted),
        )

    def _on_its_day(self, query: Query, talk: Section) -> bool:
        """date: of a talk: its own day where the schedule gives its start, else the schedule's days."""
        event = self.proceedings.event
        if talk.start and len(talk.start) >= 10:
            return attributes.dated(query, talk.start[:10])
        return attributes.dated(query, event.date, event.end_date)

    def outcome(
        self,
        query: Query,
        base: list[int],
        speakers: frozenset[str] | None,
        sections: frozenset[str] | None,
        unmatched: tuple[Term, ...] = (),
    ) -> TalkOutcome:
        """The talks shown and the counts beside them, from the talks that match the query's other terms.

        `speakers` (any of them) and `sections` (talk ids) narrow what is shown; None: no
        restriction. Each count is taken as if its own restriction were lifted.
        """
        talks = self.proceedings.sections
        in_section = [i for i in base if sections is None or talks[i].id in sections]
        by_speaker = [i for i in base if speakers is None or speakers & set(talks[i].speakers)]
        chosen = set(by_speaker)
        return TalkOutcome(
            query=query,
            talks=[i for i in in_section if i in chosen],
            speaker_counts=Counter(s for i in in_section for s in talks[i].speakers),
            section_counts=Counter(talks[i].id for i in by_speaker),
            unmatched=unmatched,
        )


def lift_facets(query: Query) -> Query:
    """The query without its speaker: and section: terms (their exclusions stay)."""
    return Query(query.source, tuple(t for t in query.terms if t.field not in ("speaker", "section") or t.negate))


def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
