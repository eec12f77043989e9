"""The reader's filters over the views of a library, and the search structures built for each view.

A plain object, composed into the main screen rather than inherited by it: it owns its caches
(searches, reply forests, talk searches), so replacing the library is one call here, not a
sweep through another class's fields. It knows nothing of Textual; the screen decides when a
search runs in the key's own frame and when in a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.model import Library, Proceedings
from ..core.query import Query
from ..core.search import LiveSearch, Outcome
from ..core.talks import TalkOutcome, TalkSearch, is_schedule
from ..core.threads import ThreadIndex, ThreadRows
from .filters import Filters

if TYPE_CHECKING:
    from ..core.combined import Combined, CombinedTalkOutcome, CombinedTalks
    from ..core.stats import Columns
    from ..core.word_index import WordSource

SYNC_SEARCH_LIMIT = 20_000  # larger events search in a worker thread…
INDEXED_SYNC_LIMIT = 200_000  # …until their word index is ready, up to this size
# A view uses the library index's word indexes when it holds this share of the remarks they
# cover, at least: an event of 30,000 remarks builds its own (a second) rather than read,
# on every key, a vocabulary of half a million.
INDEX_WORDS_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Request:
    """One search to run: a view and the filters as they were when it was asked for."""

    proceedings: Proceedings
    query: Query
    speakers: frozenset[str]
    scope: str | None
    generation: int


class Searcher:
    """A library's views (All events first, when several events have remarks), the one shown, its filters.

    `event_index` is the index of the view shown in `views`.
    """

    def __init__(self, library: Library | None = None, combined: Combined | None = None) -> None:
        self.library = library if library is not None else Library()
        self.combined = combined
        self.event_index = 0
        self.filters = Filters()
        self.outcome: Outcome | None = None
        self.outcome_generation = -1  # the search `outcome` answered: the filters' now, or an older one
        self.go_to: tuple[int, int] | None = None  # (view, position): where the cursor goes once shown
        self.generation = 0  # bumped by every search asked for; older results are dropped
        # Keyed by the proceedings themselves, not by view number: a worker still building for a
        # library that was since replaced can never file its result under the new one's view.
        self._searches: dict[Proceedings, LiveSearch] = {}
        self._forests: dict[Proceedings, ThreadIndex] = {}
        self._talk_searches: dict[Proceedings, TalkSearch] = {}
        self._combined_talks: CombinedTalks | None = None
        self._columns: dict[Proceedings, Columns] = {}  # what the shape screen counts, per view
        self._prepared: set[Proceedings] = set()  # views whose word index is built or being built
        self.word_source: WordSource | None = None  # the library index's word indexes, if it was loaded from one

    def replace(self, library: Library, combined: Combined | None, words: WordSource | None = None) -> None:
        """Another library (the whole one after its first files): what was built over the last goes."""
        self.library, self.combined, self.word_source = library, combined, words
        self._searches.clear()
        self._forests.clear()
        self._talk_searches.clear()
        self._combined_talks = None
        self._columns.clear()
        self._prepared.clear()
        self.outcome = None
        self.go_to = None
        self.event_index = 0

    # ----------------------------------------------------------------- views

    @property
    def views(self) -> tuple[Proceedings, ...]:
        events = self.library.events
        return events if self.combined is None else (self.combined.proceedings, *events)

    @property
    def proceedings(self) -> Proceedings:
        return self.views[self.event_index]

    @property
    def in_all_events(self) -> bool:
        return self.combined is not None and self.event_index == 0

    @property
    def schedule_shown(self) -> bool:
        return bool(self.library.events) and is_schedule(self.proceedings)

    def cursor_to_go(self) -> int | None:
        """The position the cursor goes to in the view now shown, once (a remark opened from All events)."""
        if self.go_to is not None and self.go_to[0] == self.event_index:
            position, self.go_to = self.go_to[1], None
            return position
        return None

    def view_of_event(self, index: int) -> int:
        """The view that shows library.events[index]."""
        return index if self.combined is None else index + 1

    def event_of_view(self, view: int) -> int | None:
        """The index in library.events of the event a view shows; None for All events."""
        if self.combined is None:
            return view
        return None if view == 0 else view - 1

    # ------------------------------------------------------------- structures

    def search_of(self, proceedings: Proceedings) -> LiveSearch:
        search = self._searches.get(proceedings)
        if search is None:
            combined = self.combined
            parts = combined.parts() if combined is not None and proceedings is combined.proceedings else None
            search = self._searches[proceedings] = LiveSearch(proceedings, parts)
            self._use_index_words(proceedings, search)
        return search

    def _use_index_words(self, proceedings: Proceedings, search: LiveSearch) -> None:
        """A large view searches through the library index's word indexes, when it was loaded from one."""
        source = self.word_source
        if source is None or len(proceedings.remarks) <= SYNC_SEARCH_LIMIT:
            return  # a small view scans its texts faster than a vocabulary is read
        if self.combined is not None and proceedings is self.combined.proceedings:
            parts = list(zip(self.combined.library.events, self.combined.starts, strict=True))
        else:
            parts = [(proceedings, 0)]
        words = source.words_for(parts, min_share=INDEX_WORDS_SHARE)
        if words is not None:
            search.index.use_words(words)

    def large_views(self) -> bool:
        """Whether a view is large enough to search through a word index."""
        return any(len(view.remarks) > SYNC_SEARCH_LIMIT for view in self.views)

    def adopt_words(self, source: WordSource | None) -> list[Proceedings]:
        """The library index's word indexes, built after the load (None: none will come).

        The views prepared meanwhile without a word index of their own, to prepare again.
        """
        if source is None and self.word_source is not None and not self.word_source.pending:
            return []  # what the load gave holds for what was loaded
        self.word_source = source
        searches = list(self._searches.items())  # a search worker may add one meanwhile
        for proceedings, search in searches:
            self._use_index_words(proceedings, search)
        return [p for p, search in searches if p in self._prepared and search.index.words is None]

    def forest_of(self, proceedings: Proceedings) -> ThreadIndex:
        forest = self._forests.get(proceedings)
        if forest is None:
            forest = self._forests[proceedings] = ThreadIndex(proceedings)
        return forest

    def columns_of(self, proceedings: Proceedings) -> Callable[[], Columns]:
        """What the shape screen counts (built in its worker on first use: seconds at 100,000 remarks)."""

        def columns() -> Columns:
            from ..core.stats import Columns  # imported when first asked for, off the start-up path

            if proceedings not in self._columns:
                self._columns[proceedings] = Columns(proceedings)
            return self._columns[proceedings]

        return columns

    @property
    def forest(self) -> ThreadIndex:
        return self.forest_of(self.proceedings)

    def prepare(self, proceedings: Proceedings) -> None:
        """Fold the texts, build the word index and the reply forest (in a worker: seconds at a million).

        Not the word index while the library index is making one (it takes a minute at a million).
        """
        source = self.word_source
        self.search_of(proceedings).index.prepare(build_words=source is None or not source.pending)
        self.forest_of(proceedings)

    def to_prepare(self) -> Proceedings | None:
        """The view shown, the first time its results are in, if it is large enough to want its index built."""
        proceedings = self.proceedings
        if len(proceedings.remarks) > SYNC_SEARCH_LIMIT and proceedings not in self._prepared:
            self._prepared.add(proceedings)
            return proceedings
        return None

    # --------------------------------------------------------------- searching

    def request(self) -> Request:
        """The search the filters ask for now; any older one still running is stale from here on."""
        filters = self.filters
        filters.parse()
        self.generation += 1
        return Request(self.proceedings, filters.query, filters.speakers, filters.scope, self.generation)

    def at_once(self) -> bool:
        """Whether the view shown searches in the key's own frame (its echo and results paint together).

        A small event scans in a few milliseconds; a larger one, once its word index is built,
        answers most keys in a few more; past that, or before the index, a worker keeps the
        keys flowing while it searches.
        """
        proceedings = self.proceedings
        size = len(proceedings.remarks)
        search = self._searches.get(proceedings)
        # Indexed, and its reply forest built by a first search in a worker: not here, on a key.
        indexed = search is not None and search.index.words is not None and proceedings in self._forests
        return size <= SYNC_SEARCH_LIMIT or (indexed and size <= INDEXED_SYNC_LIMIT)

    def run(self, request: Request) -> tuple[Outcome, ThreadRows]:
        """The remarks that match, and the rows of the reply view that shows them (thread-safe per view)."""
        outcome = self.search_of(request.proceedings).run(request.query, request.speakers, request.scope)
        return outcome, self.forest_of(request.proceedings).view(outcome.positions)

    def first_screen(self, request: Request) -> tuple[Outcome, ThreadRows] | None:
        """The first matches, from the first remarks only, and their rows: shown while `run` counts them all.

        None until what this reads is built (the reply forest, the folded texts and facet
        columns, the topics of a topic: query): building them here would hold the screen for seconds.
        """
        proceedings = request.proceedings
        search = self.search_of(proceedings)
        if proceedings not in self._forests or not search.index.ready_for(request.query):
            return None
        outcome = search.first(request.query, request.speakers, request.scope)
        return outcome, self._forests[proceedings].view(outcome.positions)

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    @property
    def outcome_is_current(self) -> bool:
        """Whether `outcome` answers the filters as they are now, not a search still running."""
        return self.outcome is not None and self.is_current(self.outcome_generation)

    def talks(self, request: Request) -> TalkOutcome:
        """A schedule's talks that match: a few hundred, searched at once."""
        search = self._talk_searches.get(request.proceedings)
        if search is None:
            search = self._talk_searches[request.proceedings] = TalkSearch(request.proceedings)
        return search.run(request.query, request.speakers, request.scope)

    def combined_talks(self) -> CombinedTalkOutcome | None:
        """In All events, the schedules' talks that match the filters (None: no schedule is open)."""
        if not self.in_all_events:
            return None
        assert self.combined is not None
        if self._combined_talks is None:
            from ..core.combined import CombinedTalks

            self._combined_talks = CombinedTalks(self.combined)
        if not self._combined_talks.schedules:
            return None
        filters = self.filters
        return self._combined_talks.run(filters.query, filters.speakers, filters.scope)

    def talks_in_all_events(self) -> int:
        """How many talks the schedules open have, together."""
        return 0 if self._combined_talks is None else sum(self._combined_talks.talk_counts().values())

    def keep_what_the_view_has(self, before: Proceedings, *, drop_scope: bool, quiet_scope: bool = False) -> list[str]:
        """Keep the speakers and section chosen in `before` where the view shown has them (same id); what went.

        `drop_scope`: the section goes anyway (an event's sections are not All events' events);
        `quiet_scope`: without a word (from All events, the section was the event now shown).
        """
        after, filters = self.proceedings, self.filters
        kept = frozenset(s for s in filters.speakers if s in after.speaker_by_id)
        dropped = [before.speaker_by_id[s].name for s in filters.speakers - kept]
        filters.speakers = kept
        if filters.scope is not None and (drop_scope or filters.scope not in after.section_by_id):
            if not quiet_scope:
                dropped.append(f"section {before.section_by_id[filters.scope].label}")
            filters.scope = None
        return sorted(dropped)
