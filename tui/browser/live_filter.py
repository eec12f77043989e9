"""Running the reader's filters over the view shown: at once for small events, in a worker for large ones.

The filter bar tells its text as the key that changed it is handled, so the search and its
echo paint in one frame; a worker's result comes back as a message and is dropped if a newer
search was asked for meanwhile. A plain object: the screen it serves runs its workers.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from ..core.query_parse import toggled_term
from ..core.search import Outcome
from ..core.threads import ThreadRows
from .searcher import Request
from .widgets.exchanges import ExchangeView
from .widgets.filter_bar import FilterInput

if TYPE_CHECKING:
    from ..core.model import Proceedings
    from .main_view import MainView


class Searched(Message):
    """A worker's result, for the search asked for as `generation`."""

    def __init__(self, outcome: Outcome, rows: ThreadRows, generation: int) -> None:
        super().__init__()
        self.outcome, self.rows, self.generation = outcome, rows, generation


class LiveFilter:
    """The main screen's searches: asked for by a key, a pane or a view shown; shown when current."""

    def __init__(self, screen: MainView) -> None:
        self.screen = screen

    def refilter(self) -> None:
        """Run the current query, speakers and scope, and redraw what depends on them."""
        searcher = self.screen.searcher
        request = searcher.request()
        if searcher.schedule_shown:
            self.screen.panes.show_talks(searcher, searcher.talks(request))
        elif searcher.at_once():
            self.apply(*searcher.run(request), request.generation)
        else:  # the first screen of matches now, in the key's own frame; every match and its counts after
            first = searcher.first_screen(request)
            if first is None:
                self._count(request)
            else:
                self.show_first(*first, request.generation)
                # Counted once that screen is painted: a worker beside the paint would take turns with it.
                self.screen.call_after_refresh(self._count, request)

    def _count(self, request: Request) -> None:
        if self.screen.searcher.is_current(request.generation):  # not if another key has asked since
            work = partial(self._search, request)
            self.screen.run_worker(work, thread=True, exclusive=True, group="search")

    def _search(self, request: Request) -> None:
        """In a worker thread: the result goes back to the screen as a message."""
        outcome, rows = self.screen.searcher.run(request)
        if not get_current_worker().is_cancelled:
            self.screen.post_message(Searched(outcome, rows, request.generation))

    def show_first(self, outcome: Outcome, rows: ThreadRows, generation: int) -> None:
        """The first matches, while every match is counted (the counts stay as they were until then)."""
        screen, searcher = self.screen, self.screen.searcher
        if searcher.is_current(generation) and screen.shape is None:
            screen.panes.show_first(searcher, outcome, rows)

    def apply(self, outcome: Outcome, rows: ThreadRows, generation: int) -> None:
        screen, searcher = self.screen, self.screen.searcher
        if not searcher.is_current(generation):
            return  # a newer search has been asked for: never show a stale one
        searcher.outcome, searcher.outcome_generation = outcome, generation
        if screen.shape is not None:  # the shape screen is open: the panes are redrawn when it closes
            screen.shape.follow(outcome.positions)
            return
        screen.panes.show_outcome(searcher, outcome, rows)
        if (position := searcher.cursor_to_go()) is not None:
            screen.query_one(ExchangeView).go_to(position)
        screen.panes.after_filtering(searcher)
        to_prepare = searcher.to_prepare()
        if to_prepare is not None:  # after the first results, not beside their search: they would share a core
            self.prepare(to_prepare)

    def prepare(self, proceedings: Proceedings) -> None:
        """Fold the texts, build the word index and the reply forest now, not on the first keystroke."""
        self.screen.run_worker(partial(self.screen.searcher.prepare, proceedings), thread=True, group="prepare")

    def typed(self, text: str) -> None:
        """The filter's text as the key that changed it is handled: searched in that key's frame."""
        filters = self.screen.searcher.filters
        if text != filters.text:
            filters.text = text
            if self.screen.library.events:  # while loading, the query waits
                self.refilter()

    def toggle_speaker(self, speaker_id: str) -> None:
        if self.screen.library.events:
            filters = self.screen.searcher.filters
            filters.speakers = filters.speakers ^ {speaker_id}
            self.refilter()

    def clear(self) -> None:
        """Every filter off: the query, the speakers and the section scope."""
        searcher = self.screen.searcher
        searcher.filters.reset()
        self.screen.panes.highlight_scope(searcher)
        self.screen.query_one("#filter", FilterInput).value = ""
        searcher.filters.text = ""
        if self.screen.library.events:
            self.refilter()

    def toggle_term(self, field_name: str, value: str) -> None:
        """Add `field:"value"` to the filter's text (an organisation's entry), or take it out when it is there."""
        if not self.screen.library.events:
            return
        text = toggled_term(self.screen.searcher.filters.text, field_name, value)
        if text is None:
            self.screen.warn(
                f"The filter has OR sides, or the name a quote: type the {field_name}: term where it belongs."
            )
            return
        self.filter_text(text)

    def filter_text(self, text: str) -> None:
        """Filter on this text (typed on the shape screen), the filter bar to match."""
        self.screen.searcher.filters.text = text
        self.screen.query_one("#filter", FilterInput).value = text
        self.refilter()
