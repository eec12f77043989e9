"""Running the filters: at once for small events, in a worker for large ones, never showing a stale result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from ..core.model import Library, Proceedings
from ..core.query import Query
from ..core.search import LiveSearch, Outcome
from ..core.talks import TalkOutcome, TalkSearch, is_schedule
from ..core.threads import ThreadIndex, ThreadRows
from .filters import Filters
from .layout import PaneLayout

if TYPE_CHECKING:
    from ..core.combined import Combined

SYNC_SEARCH_LIMIT = 20_000  # larger events search in a worker thread…
INDEXED_SYNC_LIMIT = 200_000  # …until their word index is ready, up to this size


class SearchingApp(PaneLayout):
    """An app over a library, with the reader's filters and one search index and reply forest per view.

    The views are the library's events, preceded by "All events" (every event's remarks as one)
    when several events have remarks; `event_index` is the index of the view shown.
    """

    library: Library
    event_index: int
    combined: Combined | None = None

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.outcome: Outcome | None = None
        # Keyed by the proceedings themselves, not by view number: a worker still building for a
        # library that was since replaced can never file its result under the new one's view.
        self._searches: dict[Proceedings, LiveSearch] = {}
        self._forests: dict[Proceedings, ThreadIndex] = {}
        self._talk_searches: dict[Proceedings, TalkSearch] = {}
        self._generation = 0  # bumped by every refilter; older results are dropped
        self._prepared: set[Proceedings] = set()  # views whose word index is built or being built

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

    def view_of_event(self, index: int) -> int:
        """The view that shows library.events[index]."""
        return index if self.combined is None else index + 1

    def event_of_view(self, view: int) -> int | None:
        """The index in library.events of the event a view shows; None for All events."""
        if self.combined is None:
            return view
        return None if view == 0 else view - 1

    @property
    def chosen_speakers(self) -> frozenset[str]:
        return self.filters.speakers

    @property
    def live_search(self) -> LiveSearch:
        return self.search_of(self.proceedings)

    @property
    def forest(self) -> ThreadIndex:
        return self.forest_of(self.proceedings)

    def search_of(self, proceedings: Proceedings) -> LiveSearch:
        search = self._searches.get(proceedings)
        if search is None:
            search = self._searches[proceedings] = LiveSearch(proceedings)
        return search

    def forest_of(self, proceedings: Proceedings) -> ThreadIndex:
        forest = self._forests.get(proceedings)
        if forest is None:
            forest = self._forests[proceedings] = ThreadIndex(proceedings)
        return forest

    @work(thread=True, group="prepare")
    def prepare_search(self, proceedings: Proceedings) -> None:
        """Fold the texts, build the word index and the reply forest now, not on the first keystroke."""
        self.search_of(proceedings).index.prepare()
        self.forest_of(proceedings)

    def refilter(self) -> None:
        """Run the current query, speakers and scope, and redraw what depends on them."""
        filters = self.filters
        filters.parse()
        self._generation += 1
        if is_schedule(self.proceedings):  # talks, not remarks: a few hundred, searched at once
            if self.proceedings not in self._talk_searches:
                self._talk_searches[self.proceedings] = TalkSearch(self.proceedings)
            search = self._talk_searches[self.proceedings]
            self.show_talks(search.run(filters.query, filters.speakers, filters.scope))
        elif self._search_at_once():
            outcome = self.live_search.run(filters.query, filters.speakers, filters.scope)
            self._apply(outcome, self.forest.view(outcome.positions), self._generation)
        else:
            query, speakers, scope = filters.query, filters.speakers, filters.scope
            self._search_in_background(self.proceedings, query, speakers, scope, self._generation)

    def _search_at_once(self) -> bool:
        """Search in the key's own frame (its echo and its results paint together), or in a worker.

        A small event scans in a few milliseconds; a larger one, once its word index is built,
        answers most keys in a few more; past that, or before the index, a worker keeps the
        keys flowing while it searches.
        """
        size = len(self.proceedings.remarks)
        search = self._searches.get(self.proceedings)
        indexed = search is not None and search.index.words is not None
        return size <= SYNC_SEARCH_LIMIT or (indexed and size <= INDEXED_SYNC_LIMIT)

    @work(thread=True, exclusive=True, group="search")
    def _search_in_background(
        self, proceedings: Proceedings, query: Query, speakers: frozenset[str], scope: str | None, generation: int
    ) -> None:
        search, forest = self.search_of(proceedings), self.forest_of(proceedings)
        outcome = search.run(query, speakers, scope)
        rows = forest.view(outcome.positions)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._apply, outcome, rows, generation)

    def _apply(self, outcome: Outcome, rows: ThreadRows, generation: int) -> None:
        if generation != self._generation:
            return  # a newer search has been asked for: never show a stale one
        self.outcome = outcome
        self.show_outcome(outcome, rows)
        proceedings = self.proceedings
        if len(proceedings.remarks) > SYNC_SEARCH_LIMIT and proceedings not in self._prepared:
            # After the first results, not beside their search: the two would share one interpreter.
            self._prepared.add(proceedings)
            self.prepare_search(proceedings)

    def show_outcome(self, outcome: Outcome, rows: ThreadRows) -> None:
        """Redraw every pane that depends on the filters."""
        raise NotImplementedError

    def show_talks(self, outcome: TalkOutcome) -> None:
        """Redraw every pane that depends on the filters, for a schedule."""
        raise NotImplementedError
