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
        self._searches: dict[int, LiveSearch] = {}
        self._forests: dict[int, ThreadIndex] = {}
        self._talk_searches: dict[int, TalkSearch] = {}
        self._generation = 0  # bumped by every refilter; older results are dropped
        self._prepared: set[int] = set()  # views whose word index is built or being built

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
        if self.event_index not in self._searches:
            self._searches[self.event_index] = LiveSearch(self.proceedings)
        return self._searches[self.event_index]

    @property
    def forest(self) -> ThreadIndex:
        if self.event_index not in self._forests:
            self._forests[self.event_index] = ThreadIndex(self.proceedings)
        return self._forests[self.event_index]

    @work(thread=True, group="prepare")
    def prepare_search(self) -> None:
        """Fold the texts and build the reply forest now, not on the first keystroke."""
        self.live_search.index.prepare()
        _ = self.forest

    def refilter(self) -> None:
        """Run the current query, speakers and scope, and redraw what depends on them."""
        filters = self.filters
        filters.parse()
        self._generation += 1
        if is_schedule(self.proceedings):  # talks, not remarks: a few hundred, searched at once
            if self.event_index not in self._talk_searches:
                self._talk_searches[self.event_index] = TalkSearch(self.proceedings)
            search = self._talk_searches[self.event_index]
            self.show_talks(search.run(filters.query, filters.speakers, filters.scope))
        elif self._search_at_once():
            outcome = self.live_search.run(filters.query, filters.speakers, filters.scope)
            self._apply(outcome, self.forest.view(outcome.positions), self._generation)
        else:
            self._search_in_background(filters.query, filters.speakers, filters.scope, self._generation)

    def _search_at_once(self) -> bool:
        """Search in the key's own frame (its echo and its results paint together), or in a worker.

        A small event scans in a few milliseconds; a larger one, once its word index is built,
        answers most keys in a few more; past that, or before the index, a worker keeps the
        keys flowing while it searches.
        """
        size = len(self.proceedings.remarks)
        indexed = self.event_index in self._searches and self._searches[self.event_index].index.words is not None
        return size <= SYNC_SEARCH_LIMIT or (indexed and size <= INDEXED_SYNC_LIMIT)

    @work(thread=True, exclusive=True, group="search")
    def _search_in_background(self, query: Query, speakers: frozenset[str], scope: str | None, generation: int) -> None:
        search, forest = self.live_search, self.forest
        outcome = search.run(query, speakers, scope)
        rows = forest.view(outcome.positions)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._apply, outcome, rows, generation)

    def _apply(self, outcome: Outcome, rows: ThreadRows, generation: int) -> None:
        if generation != self._generation:
            return  # a newer search has been asked for: never show a stale one
        self.outcome = outcome
        self.show_outcome(outcome, rows)
        if len(self.proceedings.remarks) > SYNC_SEARCH_LIMIT and self.event_index not in self._prepared:
            # After the first results, not beside their search: the two would share one interpreter.
            self._prepared.add(self.event_index)
            self.prepare_search()

    def show_outcome(self, outcome: Outcome, rows: ThreadRows) -> None:
        """Redraw every pane that depends on the filters."""
        raise NotImplementedError

    def show_talks(self, outcome: TalkOutcome) -> None:
        """Redraw every pane that depends on the filters, for a schedule."""
        raise NotImplementedError
