"""What the reader is filtering on: the query, the chosen speakers and the section in scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.model import Proceedings
from ..core.query import IncompleteQuery, Query, QueryError, parse
from ..core.search import Outcome


@dataclass(slots=True)
class Filters:
    text: str = ""  # the filter bar's text, as typed
    query: Query = field(default_factory=Query)  # what is searched: the last text that parsed
    error: str | None = None  # why the current text does not parse, if it does not
    speakers: frozenset[str] = frozenset()
    scope: str | None = None  # a section id

    def parse(self) -> None:
        """Parse the text; on a mistake keep the last good query (its results stay on screen).

        A term still being typed (`speaker:`, a lone `-`) is no mistake: until it has
        a value, the query before it is searched, so the list does not jump to the
        remarks that hold the word "speaker" and back.
        """
        try:
            self.query = parse(self.text)
            self.error = None
        except IncompleteQuery as unfinished:
            self.query = unfinished.complete
            self.error = None
        except QueryError as error:
            self.error = error.message

    def reset(self) -> None:
        """Every speaker, every section (the query is the filter bar's to clear)."""
        self.speakers = frozenset()
        self.scope = None

    def speaker_ids(self, proceedings: Proceedings) -> list[str]:
        """The chosen speakers in the event's order."""
        return [s.id for s in proceedings.speakers if s.id in self.speakers]

    def speaker_names(self, proceedings: Proceedings) -> list[str]:
        return [proceedings.speaker_by_id[s].name for s in self.speaker_ids(proceedings)]

    def describe(self, proceedings: Proceedings) -> str:
        parts = []
        if self.query.source.strip():
            parts.append(f"“{self.query.source.strip()}”")
        if self.speakers:
            parts.append("by " + " or ".join(self.speaker_names(proceedings)))
        if self.scope is not None:
            parts.append(f"in {proceedings.section_by_id[self.scope].label}")
        return " ".join(parts) or "the filter"

    def empty_message(self, proceedings: Proceedings, outcome: Outcome) -> str:
        """What the exchanges pane says when nothing matches, and how to get out of it."""
        if outcome.positions:
            return ""
        if outcome.unmatched:
            return f"No speaker or section matches {', '.join(str(t) for t in outcome.unmatched)}."
        if self.query.is_empty and not self.speakers:
            return "No remarks in this section. Press 0 for all sections."
        undo = []
        if not self.query.is_empty:
            undo.append("/ then escape clears the text")
        if self.speakers:
            undo.append("f on a label or a chosen speaker removes them")
        if self.scope is not None:
            undo.append("0 shows all sections")
        keys = "; ".join(["In a pane, escape clears every filter", *undo])
        return f"No remarks match {self.describe(proceedings)}. {keys}."

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.speakers or self.scope is not None)
