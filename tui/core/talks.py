"""A conference schedule's talks, searched with the same query language as remarks.

A schedule has talks (sections with a start, room, speakers and abstract) and no
remarks; the browser shows the talks where the exchanges would be, and the same
filter narrows them: words match a talk's title, abstract, track, room and
speakers' names, `speaker:` and the speaker pane its speakers, `section:` the
talk, `topic:` its track.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import Proceedings, Section
from .query import Query, SearchIndex, Term, fold


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
        resolved = self._index.resolve(query)
        wanted_speakers = resolved.speakers
        if speakers:
            wanted_speakers = speakers if wanted_speakers is None else wanted_speakers | speakers
        words, not_words = query.text_terms, query.of(None, negate=True)
        topics, not_topics = query.of("topic"), query.of("topic", negate=True)
        by_text: list[int] = []
        for i, talk in enumerate(self.proceedings.sections):
            text, track = self._folded[i], self._tracks[i]
            if any(w not in text for w in words) or any(w in text for w in not_words):
                continue
            if (topics and not any(t in track for t in topics)) or any(t in track for t in not_topics):
                continue
            if resolved.not_speakers & set(talk.speakers) or talk.id in resolved.not_sections:
                continue
            if resolved.sections is not None and talk.id not in resolved.sections:
                continue
            by_text.append(i)
        sections = self.proceedings.sections
        in_scope = [i for i in by_text if scope is None or sections[i].id == scope]
        by_speaker = [i for i in by_text if wanted_speakers is None or wanted_speakers & set(sections[i].speakers)]
        chosen = set(by_speaker)
        return TalkOutcome(
            query=query,
            talks=[i for i in in_scope if i in chosen],
            speaker_counts=Counter(s for i in in_scope for s in sections[i].speakers),
            section_counts=Counter(sections[i].id for i in by_speaker),
            unmatched=resolved.unmatched,
        )
