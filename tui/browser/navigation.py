"""Moving between the views of the main screen: events, All events, sections, and a remark in its own event.

A plain object over the screen's searcher and panes: it changes what is shown and keeps the
reader's filters where the new view has them, then asks the screen to search again.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from ..core.talks import is_schedule
from ..formats.source import LoadResult
from .collecting import Collections
from .panes import MAX_EVENT_TABS
from .widgets.panels import EventHeader

if TYPE_CHECKING:
    from ..core.combined import Combined
    from ..core.model import Proceedings, Remark
    from ..core.word_index import WordSource
    from .main_view import MainView


WORDS_COMING = "Building the word index in the background: until it is ready, a search reads every text."
WORDS_READY = "The word index is ready: searches read it now."
DAMAGED = (
    "The library index is damaged ({error}): the remarks it cannot read back say so. It has been set aside,"
    " and is built again from the files on the next open."
)
WORDS_FAILED = "The word index could not be built now: Podium builds one in memory instead."


class Navigator:
    """The view and section shown, and where the cursor goes once a view is shown."""

    def __init__(self, screen: MainView) -> None:
        self.screen = screen

    def show_library(
        self,
        result: LoadResult,
        combined: Combined | None = None,
        *,
        final: bool = True,
        before: Proceedings | None = None,
    ) -> None:
        """Show what was loaded; not `final`: the first files, while the loading panel goes on with the rest.

        `before`: what was shown until now (the first files), whose filters carry over where they can.
        """
        from ..core.combined import ALL_EVENTS_ID, combinable, combine

        screen = self.screen
        screen.result, screen.is_loading = result, False
        library = result.library
        if final:
            for loading in screen.query("#loading"):
                loading.display = False
        combined = combined or result.combined  # from the loading worker, or made as the index was read
        if combined is None:  # the loading worker combines only libraries of several panels
            combined = combine(library) if combinable(library, talks=True) else None
        # With several events, the reader starts in All events.
        screen.searcher.replace(library, combined, result.words)
        screen.collections = Collections(library, combined, screen.warn)
        screen.panes.forget()
        screen.panes.mount_event_tabs(screen.searcher.views)
        screen.panes.mount_problems(result)
        for note in result.notes:  # how it was read, when it matters: the index set aside, or not usable here
            screen.notify(note, title="Library index", severity="warning", timeout=8, markup=False)
        remarks = combined.proceedings.remarks if combined is not None else None
        if remarks is not None and getattr(remarks, "on_damage", False) is None:  # read from the index as shown
            remarks.on_damage = _teller(screen)  # type: ignore[attr-defined]
            if remarks.damage is not None:  # type: ignore[attr-defined]  # found before it could be told
                remarks.on_damage(remarks.damage)  # type: ignore[attr-defined]
        if final and result.words is not None and result.words.pending and screen.searcher.large_views():
            screen.notify(WORDS_COMING, title="Library index", timeout=8, markup=False)
        if library.events:
            if before is not None:  # an event's sections are not All events' events
                crossing = (before.event.id == ALL_EVENTS_ID) != screen.searcher.in_all_events
                self.tell_dropped(screen.searcher.keep_what_the_view_has(before, drop_scope=crossing))
                screen.panes.highlight_scope(screen.searcher)
            screen.show_event()
        else:
            screen.query_one(EventHeader).update("No event to show")

    def adopt_words(self, words: WordSource | None) -> list[Proceedings]:
        """The library index's word indexes, built after the load (None: none came); the views to prepare again."""
        searcher = self.screen.searcher
        was_coming = searcher.word_source is not None and searcher.word_source.pending
        again = searcher.adopt_words(words)
        if was_coming and searcher.large_views():
            ready = words is not None and not words.pending
            self.screen.notify(WORDS_READY if ready else WORDS_FAILED, title="Library index", timeout=5, markup=False)
        return again

    def tell_dropped(self, dropped: list[str]) -> None:
        if dropped:
            names = ", ".join(dropped)
            self.screen.notify(f"Not in this event, so no longer filtered on: {names}", markup=False, timeout=6)

    def switch_event(self, index: int) -> None:
        """Show another view: an event, or All events."""
        searcher = self.screen.searcher
        if index == searcher.event_index or not 0 <= index < len(searcher.views):
            return
        leaving_all = searcher.in_all_events
        before, searcher.event_index = searcher.proceedings, index
        # Sections of an event and the events of All events are different things, even when an id matches.
        drop = leaving_all or searcher.in_all_events
        self.tell_dropped(searcher.keep_what_the_view_has(before, drop_scope=drop, quiet_scope=leaving_all))
        self.screen.panes.highlight_scope(searcher)
        self.screen.panes.activate_tab(index)
        self.screen.show_event()

    def step(self, by: int) -> None:
        """The next (1) or previous (-1) view, round the end."""
        views = self.screen.searcher.views
        if views:
            self.switch_event((self.screen.searcher.event_index + by) % len(views))

    def scope_section(self, section_id: str | None) -> None:
        """Show one section only (None: all); in All events a schedule's row opens its talks in its own view."""
        searcher = self.screen.searcher
        if not searcher.library.events:
            return
        searcher.filters.scope = section_id
        self.screen.panes.highlight_scope(searcher)
        schedule = None if section_id is None or not searcher.in_all_events else self._schedule_view(section_id)
        if schedule is not None:  # All events lists remarks: a schedule's talks are shown in its own view
            self.switch_event(schedule)
            return
        self.screen.refilter()

    def scope_number(self, number: int) -> None:
        """Section N of the view (0: every section)."""
        searcher = self.screen.searcher
        if not searcher.library.events:
            return
        if number == 0:
            self.scope_section(None)
            return
        for section in searcher.proceedings.sections:
            if section.number == number:
                self.scope_section(section.id)
                return
        self.screen.notify(f"There is no section {number} in this event.", severity="warning", markup=False)

    def _schedule_view(self, section_id: str) -> int | None:
        """In All events, the view of the schedule an event section (chosen in the agenda) stands for, if it is one."""
        searcher = self.screen.searcher
        ids = [s.id for s in searcher.proceedings.sections]
        if section_id not in ids:
            return None
        index = ids.index(section_id)
        return searcher.view_of_event(index) if is_schedule(searcher.library.events[index]) else None

    def open_in_its_event(self, remark: Remark) -> None:
        """From All events: the remark in its own event, with the cursor on it."""
        searcher = self.screen.searcher
        assert searcher.combined is not None
        index, own = searcher.combined.origin(remark)
        view = searcher.view_of_event(index)
        searcher.go_to = (view, own.position)
        self.switch_event(view)
        title = searcher.proceedings.event.title
        many = len(searcher.views) > MAX_EVENT_TABS
        back = "ctrl+p, Switch to event: All events" if many else "the All events tab"
        self.screen.notify(f"{own.id} in {title}; {back} goes back", markup=False, timeout=4)


class IndexDamaged(Message):
    """A remark All events could not read back from the library index (posted from whichever thread found it)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


def _teller(screen: MainView) -> Callable[[str], None]:
    """What the remarks call when they find damage: a message to the screen, never waited on (the finder may
    hold what the screen's thread waits for), and no hold on the screen (a replaced library goes with it)."""
    held = weakref.ref(screen)

    def tell(error: str) -> None:
        screen = held()
        if screen is not None:
            screen.post_message(IndexDamaged(error))

    return tell
