"""The main view: the panes of one event (or of All events), the reader's filters over them, and their keys.

The screen composes the panes and wires their messages to a `Searcher` (the views, the filters,
the search structures) and to the reader's `Collections`; what each pane draws lives in the pane,
and filling the panes from a result lives in `panes.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from ..core.model import Library, Remark
from ..formats.source import LoadResult
from .collecting import Collections
from .exporting import Exporter
from .live_filter import LiveFilter, Searched
from .main_view import MainView
from .navigation import DAMAGED, IndexDamaged, Navigator
from .panes import Panes
from .searcher import Searcher
from .widgets.exchanges import ExchangeView
from .widgets.filter_bar import FilterBar, FilterInput, SpeakerLabel
from .widgets.lists import ALL_SECTIONS, ORGANISATION, AgendaList, EntryList, SpeakerList
from .widgets.pane_tabs import PaneTabs
from .widgets.panels import BioPane, EventHeader
from .widgets.status import StatusLine
from .widgets.talks import TalkView

if TYPE_CHECKING:
    from textual.widgets import Tabs

    from ..formats.open import Loader
    from .screens.shape import ShapeScreen
    from .widgets.loading import LoadingPanel


# The main view's keys (the help screen lists them all, with what they do).
MAIN_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    # priority: handled as the key arrives, so keys typed right after it reach the filter
    Binding("slash", "focus_filter", "Filter", id="main.filter", tooltip="Type a filter", priority=True),
    # Leaving the filter by enter, at once too: keys typed right after it go where the reader went. (Not
    # escape: whether it clears or leaves depends on letters still on their way into the filter.)
    Binding("enter", "filter_done", show=False, priority=True, id="main.filter_done"),
    Binding("s", "focus_speakers", "Speakers", id="main.speakers", tooltip="Go to the speakers"),
    Binding("a", "focus_agenda", "Agenda", show=False, id="main.agenda"),
    Binding("e", "focus_exchanges", "Exchanges", show=False, id="main.exchanges"),
    Binding("f", "toggle_remark_speaker", "Filter speaker", id="main.filter_speaker", show=False),
    Binding("c", "app.copy_remark", "Copy", id="main.copy", tooltip="Copy the remark as a quotation"),
    Binding("escape", "clear_filters", "Clear", id="main.clear_filters", tooltip="Clear every filter"),
    Binding("m", "app.mark", "Mark", show=False, id="main.mark", tooltip="Mark or unmark the remark"),
    Binding("n", "app.note", "Note", show=False, id="main.note", tooltip="A note on the remark (marks it)"),
    Binding("M", "collection", "Collection", show=False, id="main.collection", tooltip="Your marked remarks"),
    Binding("E", "export_remarks", "Export", show=False, id="main.export", tooltip="The remarks shown, as CSV"),
    Binding("i", "status_in_full", "Status", show=False, id="main.status", tooltip="The status line in full"),
    Binding("v", "show_shape", "Shape", id="main.shape", tooltip="Who spoke how much, who answered whom"),
    Binding("x", "problems", "Problems", id="main.problems", tooltip="Go to the problems found; again to hide"),
    Binding("right_square_bracket", "next_event", "Next event", show=False, id="main.next_event"),
    Binding("left_square_bracket", "previous_event", "Previous event", show=False, id="main.previous_event"),
    *(Binding(str(n), f"scope_number({n})", show=False, id=f"main.section_{n}") for n in range(10)),
]


W = TypeVar("W", bound=Widget)


def titled(widget: W, title: str) -> W:
    widget.border_title = title
    return widget


class MainScreen(MainView):
    """The agenda, speakers and profile beside the filter, the exchanges (or talks) and the status line."""

    AUTO_FOCUS = None  # focus is set, at once, by the keys and on mount: never moved later by Textual

    BINDINGS = MAIN_KEYS

    def __init__(self, result: LoadResult | None, paths: Sequence[Path] = (), loader: Loader | None = None) -> None:
        """Browse a loaded library, or load `paths` in the background while the window is up."""
        super().__init__()
        self.result = result if result is not None else LoadResult(Library(), (), ())
        self.is_loading = result is None
        self.library_shown = result is not None  # the whole library, not only its first files
        self._paths, self._loader = list(paths), loader
        self.searcher = Searcher(self.result.library)
        self.collections = Collections(self.searcher.library, None, self.warn)
        self.panes = Panes(self)
        self.navigator = Navigator(self)
        self.live = LiveFilter(self)
        self.exporter = Exporter(self)
        self._refilter_pending = False
        self.shape: ShapeScreen | None = None  # open over this screen, following its filter

    # --------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield EventHeader(id="event-header")
        yield PaneTabs(id="pane-tabs")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield titled(AgendaList(id="agenda"), "Agenda")
                yield titled(SpeakerList(id="speakers"), "Speakers")
                yield titled(BioPane(id="bio"), "Profile")
            with Vertical(id="main"):
                yield FilterBar(id="filter-bar")
                if self.is_loading:
                    from .widgets.loading import LoadingPanel  # only for a large corpus

                    yield LoadingPanel(self._loading_label(), self._paths, self._loader, id="loading")
                yield titled(ExchangeView(id="exchanges"), "Exchanges")
                yield titled(TalkView(id="talks"), "Talks")
                yield StatusLine(id="status")
        yield Static("The terminal is too small for Podium: make it at least 40×10.", id="too-small")
        yield Footer()

    def _loading_label(self) -> str:
        count = len(self._paths)
        return f"Loading {count} file{'s' if count != 1 else ''}…"

    def on_mount(self) -> None:
        try:
            filter_input = self.query_one("#filter", FilterInput)
        except NoMatches:  # quit as it came up (a served page closed at once): its panes are gone
            return
        filter_input.typed = self.live.typed
        self.lay_out(self.app.size)  # the first resize can come before the footer is there
        if not isinstance(self.focused, Input):  # a "/" typed as the panes came up has put the reader there
            self.focus_pane("#exchanges")
        if self.is_loading:
            self.query_one(EventHeader).update(self._loading_label())
        else:
            self.navigator.show_library(self.result)
        self.replay_typed_early()

    def _later(self, event: Message, *, unless: bool) -> bool:
        """Whether `event` waits (posted again in a moment) because it cannot be shown yet."""
        if not unless:
            self.set_timer(0.25, lambda: self.post_message(event))
        return not unless

    async def on_loading_panel_loaded(self, event: LoadingPanel.Loaded) -> None:
        if self._later(event, unless=self.app.screen is self):  # not while help, a remark or the shape is open
            return
        await self.query("#events, #problems").remove()  # the first files' (the whole library replaces them)
        before = self.searcher.proceedings if self.library.events else None
        self.navigator.show_library(event.result, event.combined, final=event.final, before=before)
        if event.final:
            self.library_shown = True
            self.post_message(LibraryShown())

    def on_loading_panel_indexed(self, event: LoadingPanel.Indexed) -> None:
        if self._later(event, unless=self.library_shown):  # not before the library it is for
            return
        for proceedings in self.navigator.adopt_words(event.words):
            self.live.prepare(proceedings)  # no word index will come for it: build its own

    def show_event(self) -> None:
        schedule = self.searcher.schedule_shown
        if schedule != self.has_class("-schedule"):
            focused_main = self.focused is not None and self.focused.id in ("exchanges", "talks")
            self.set_class(schedule, "-schedule")
            self.refresh_bindings()  # the footer: v is no key of a schedule's
            if focused_main:
                self.focus_pane("#exchanges")
        self.panes.show_event(self.searcher)
        self.call_after_refresh(self.show_marks)
        self.refilter()

    # -------------------------------------------------------------- events

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        """A change the filter did not tell at once (before it was wired): searched once, after the keys queued."""
        text = self.query_one("#filter", Input).value  # the latest text, not this message's
        if text != self.searcher.filters.text and self.library.events and not self._refilter_pending:
            self._refilter_pending = True
            self.call_later(self._refilter_now)

    def _refilter_now(self) -> None:
        self._refilter_pending = False
        self.live.typed(self.query_one("#filter", Input).value)

    def refilter(self) -> None:
        self.live.refilter()

    @on(IndexDamaged)
    def _index_damaged(self, event: IndexDamaged) -> None:
        message = DAMAGED.format(error=event.error)
        self.notify(message, title="Library index", severity="error", timeout=12, markup=False)

    @on(Searched)
    def _searched(self, event: Searched) -> None:
        self.live.apply(event.outcome, event.rows, event.generation)

    @on(Input.Submitted, "#filter")
    @on(FilterInput.Leave)
    def _filter_left(self) -> None:
        self.focus_pane("#exchanges")

    @on(EntryList.Selected, "#agenda")
    def _section_chosen(self, event: EntryList.Selected) -> None:
        self.scope_section(None if event.option_id == ALL_SECTIONS else event.option_id)
        if self.has_class("-narrow"):
            self.focus_pane("#exchanges")  # one pane at a time: show what was chosen

    @on(EntryList.Selected, "#speakers")
    @on(SpeakerList.ToggleSpeaker)
    @on(SpeakerLabel.Remove)
    def _speaker_toggled(self, event: EntryList.Selected | SpeakerList.ToggleSpeaker | SpeakerLabel.Remove) -> None:
        chosen = event.option_id if isinstance(event, EntryList.Selected) else event.speaker_id
        if chosen.startswith(ORGANISATION):
            self.live.toggle_term("org", chosen.removeprefix(ORGANISATION))
        else:
            self.toggle_speaker(chosen)

    @on(EntryList.Highlighted, "#speakers")
    @on(ExchangeView.Moved)
    def _moved(self) -> None:
        self.panes.update_bio(self.searcher)

    def on_descendant_focus(self) -> None:
        focused = self.focused
        if focused is not None and focused.id:
            self.query_one(PaneTabs).show(focused.id)
        if self.library.events:
            self.panes.update_bio(self.searcher)

    @on(ExchangeView.Opened)
    def _remark_opened(self, event: ExchangeView.Opened) -> None:
        searcher = self.searcher
        if searcher.in_all_events:  # open it where it was said, in its event
            self.navigator.open_in_its_event(event.remark)
            return
        from .screens.remark import RemarkScreen

        self.app.push_screen(RemarkScreen(searcher.proceedings, event.remark, searcher.forest))

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id is not None:
            self.switch_event(int(event.tab.id.removeprefix("event-")))

    # ------------------------------------------------------------- commands

    def toggle_speaker(self, speaker_id: str) -> None:
        self.live.toggle_speaker(speaker_id)

    def clear_filters(self) -> None:
        self.live.clear()

    def current_remark(self) -> Remark | None:
        return self.query_one(ExchangeView).current

    def show_marks(self) -> None:
        shown = self.searcher.event_of_view(self.searcher.event_index)
        self.query_one(ExchangeView).show_marked(self.collections.marked(shown, read=True))

    # -------------------------------------------------------------- actions

    def action_toggle_remark_speaker(self) -> None:
        if not self.library.events:
            return
        if self.searcher.schedule_shown:
            talk = self.query_one(TalkView).current
            if talk is not None and talk.speakers:
                self.toggle_speaker(talk.speakers[0])
            return
        remark = self.current_remark()
        if remark is not None:
            self.toggle_speaker(remark.speaker)

    def action_clear_filters(self) -> None:
        self.clear_filters()
        self.notify("Every filter cleared: all remarks, all speakers, all sections.", markup=False, timeout=3)

    def action_status_in_full(self) -> None:
        status = self.query_one(StatusLine).full_text
        if status:
            self.notify(status, title="Status", markup=False, timeout=10)

    def action_problems(self) -> None:
        """Show the problems and go to them; from them, hide them and go back to the exchanges."""
        for panel in self.query("#problems"):
            if panel.has_focus:
                panel.display = False
                self.focus_pane("#exchanges")
            else:
                panel.display = True
                self.set_focus(panel)
        self.fit_footer(self.app.size.width)  # hidden, the banner no longer names x: the footer does

    def action_next_event(self) -> None:
        self.navigator.step(1)

    def action_previous_event(self) -> None:
        self.navigator.step(-1)

    def action_scope_number(self, number: int) -> None:
        self.navigator.scope_number(number)

    def scope_section(self, section_id: str | None) -> None:
        self.navigator.scope_section(section_id)

    def switch_event(self, index: int) -> None:
        self.navigator.switch_event(index)

    def action_show_shape(self) -> None:
        from .screens.shape import ShapeScreen

        searcher = self.searcher
        if not self.library.events or self.shape is not None:
            return
        if searcher.schedule_shown or searcher.outcome is None:
            self.notify("A schedule has talks, not remarks: there is no conversation to draw")
            return
        proceedings = searcher.proceedings
        columns = searcher.columns_of(proceedings)
        self.shape = ShapeScreen(proceedings, columns, searcher.filters.text, searcher.outcome.positions)
        self.app.push_screen(self.shape, self._shape_closed)

    def _shape_closed(self, _: None) -> None:
        self.shape = None
        self.live.filter_text(self.searcher.filters.text)  # as typed on the shape screen: the panes catch up

    def action_collection(self) -> None:
        from .screens.collection import CollectionScreen

        if self.library.events:
            self.app.push_screen(CollectionScreen.of(self.library, self.collections.every_event()))

    def action_export_remarks(self) -> None:
        self.exporter.export()

    def action_filter_done(self) -> None:
        self.focus_pane("#exchanges")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("show_shape", "export_remarks"):  # a schedule's talks are no conversation, nor remarks
            return not self.searcher.schedule_shown
        if action == "filter_done":  # only while typing in the filter
            return isinstance(self.focused, FilterInput)
        if action == "problems":  # only offered (and shown in the footer) when a file had problems
            return bool(self.query("#problems"))
        if action in ("next_event", "previous_event"):  # only with several events open
            return len(self.searcher.views) > 1
        if action == "clear_filters":  # offered while a filter is on
            return self.searcher.filters.active
        return True


class LibraryShown(Message):
    """The whole library is on screen (the app resumes the collector it paused for the load)."""
