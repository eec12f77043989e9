"""The Podium browser: wires the panes to the core; what each pane does lives in the pane."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from ..core.model import Library, Proceedings, Remark
from ..core.search import Outcome
from ..core.talks import TalkOutcome, is_schedule
from ..core.textsafe import safe_line
from ..core.threads import ThreadRows
from ..formats.source import LoadResult
from ..output.render import quotation
from .layout import MIN_HEIGHT, MIN_WIDTH
from .screens.remark import RemarkScreen
from .searching import SearchingApp
from .widgets.exchanges import ExchangeView
from .widgets.filter_bar import FilterBar, FilterInput, SpeakerLabel
from .widgets.lists import ALL_SECTIONS, AgendaList, EntryList, SpeakerList
from .widgets.pane_tabs import PaneTabs
from .widgets.panels import BioPane, EventHeader, ProblemsPanel
from .widgets.status import StatusLine
from .widgets.talks import TalkView

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen
    from textual.widgets import Tabs

    from ..core.combined import Combined
    from ..core.stats import Columns
    from ..formats.cache import Cache
    from ..formats.marks import Collection
    from .screens.shape import ShapeScreen
    from .widgets.loading import LoadingPanel

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "PodiumApp"]

MAX_EVENT_TABS = 12  # a row of tabs for a few events; a library's events are listed in All events' agenda


def _podium_commands() -> type[Provider]:
    """The palette's Podium commands, imported when the palette first opens."""
    from .commands import PodiumCommands

    return PodiumCommands


class PodiumApp(SearchingApp):
    CSS_PATH = Path(__file__).with_name("podium.tcss")  # absolute: subclasses elsewhere keep it
    TITLE = "Podium"
    COMMANDS = App.COMMANDS | {_podium_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit Podium"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Every key"),
        # priority: handled as the key arrives, so keys typed right after it reach the filter
        Binding("slash", "focus_filter", "Filter", id="app.filter", tooltip="Type a filter", priority=True),
        Binding("s", "focus_speakers", "Speakers", id="app.speakers", tooltip="Go to the speakers"),
        Binding("a", "focus_agenda", "Agenda", show=False, id="app.agenda"),
        Binding("e", "focus_exchanges", "Exchanges", show=False, id="app.exchanges"),
        Binding("f", "toggle_remark_speaker", "Filter speaker", id="app.filter_speaker", show=False),
        Binding("c", "copy_remark", "Copy", id="app.copy", tooltip="Copy the remark as a quotation"),
        Binding("escape", "clear_filters", "Clear", id="app.clear_filters", tooltip="Clear every filter"),
        Binding(
            "m", "mark", "Mark", show=False, id="app.mark", tooltip="Mark or unmark the remark for your collection"
        ),
        Binding("n", "note", "Note", show=False, id="app.note", tooltip="A note on the remark (marks it)"),
        Binding("M", "collection", "Collection", show=False, id="app.collection", tooltip="Your marked remarks"),
        Binding("i", "status_in_full", "Status", show=False, id="app.status", tooltip="The status line in full"),
        Binding("v", "show_shape", "Shape", id="app.shape", tooltip="Who spoke how much, who answered whom, when"),
        Binding("x", "problems", "Problems", id="app.problems", tooltip="Go to the problems found; again to hide them"),
        Binding("right_square_bracket", "next_event", "Next event", show=False, id="app.next_event"),
        Binding("left_square_bracket", "previous_event", "Previous event", show=False, id="app.previous_event"),
        *(Binding(str(n), f"scope_number({n})", show=False, id=f"app.section_{n}") for n in range(10)),
    ]

    def __init__(
        self, result: LoadResult | None = None, *, paths: Sequence[Path] = (), cache: Cache | None = None
    ) -> None:
        """Browse a loaded library, or load `paths` in the background while the window is up."""
        super().__init__()
        self.result = result if result is not None else LoadResult(Library(), (), ())
        self.library: Library = self.result.library
        self._paths = list(paths)
        self._cache = cache
        self.loading = result is None
        self.event_index = 0
        self._refilter_pending = False
        self._shape: ShapeScreen | None = None
        self._columns: dict[Proceedings, Columns] = {}  # per view, for the shape screen
        self._bio_speaker: str | None = None  # the speaker whose profile is shown
        self._bio_shown: tuple[int, str | None] | None = None  # (event, speaker) drawn in the profile
        self._filtering = False  # whether a filter was on at the last redraw
        self._go_to: tuple[int, int] | None = None  # (view, position): where the cursor goes once shown
        self._collections: dict[int, Collection] = {}  # per event, read when first needed

    # --------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield EventHeader(id="event-header")
        yield PaneTabs(id="pane-tabs")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                agenda = AgendaList(id="agenda")
                agenda.border_title = "Agenda"
                yield agenda
                speakers = SpeakerList(id="speakers")
                speakers.border_title = "Speakers"
                yield speakers
                bio = BioPane(id="bio")
                bio.border_title = "Profile"
                yield bio
            with Vertical(id="main"):
                yield FilterBar(id="filter-bar")
                if self.loading:
                    from .widgets.loading import LoadingPanel  # only for a large corpus

                    yield LoadingPanel(self._loading_label(), self._paths, self._cache, id="loading")
                exchanges = ExchangeView(id="exchanges")
                exchanges.border_title = "Exchanges"
                yield exchanges
                talks = TalkView(id="talks")
                talks.border_title = "Talks"
                yield talks
                yield StatusLine(id="status")
        yield Static("The terminal is too small for Podium: make it at least 40×10.", id="too-small")
        yield Footer()

    def _loading_label(self) -> str:
        count = len(self._paths)
        return f"Loading {count} file{'s' if count != 1 else ''}…"

    def on_mount(self) -> None:
        self.query_one("#filter", FilterInput).typed = self._filter_typed
        self.fit_footer(self.size.width)  # the first resize can come before the footer is there
        # After the first paint: reading settings (and the marks, below) imports platformdirs, ~15 ms.
        self.call_after_refresh(self._apply_settings)
        self.call_after_refresh(self._resume_collection)
        self.focus_pane("#exchanges")
        if self.loading:
            self.query_one(EventHeader).update(self._loading_label())
        else:
            self._loaded(self.result)

    async def on_loading_panel_loaded(self, event: LoadingPanel.Loaded) -> None:
        if self.screen is not self.screen_stack[0]:  # help, a remark or the shape is open over the panes
            self.set_timer(0.25, lambda: self.post_message(event))  # shown when the reader is back
            return
        base = self.screen_stack[0]
        await base.query("#events, #problems").remove()  # the first files' (the whole library replaces them)
        before = self.proceedings if self.library.events else None
        self._forget_library()
        self._loaded(event.result, event.combined, final=event.final, before=before)
        if event.final:
            self._resume_collection()

    def _forget_library(self) -> None:
        """Drop what was built over the library shown, before another replaces it."""
        self._searches.clear()
        self._forests.clear()
        self._talk_searches.clear()
        self._columns.clear()
        self._collections.clear()
        self._prepared.clear()
        self._bio_shown = None
        self._bio_speaker = None
        self._go_to = None
        self.event_index = 0

    def _keep_what_the_view_has(self, before: Proceedings, *, drop_scope: bool, quiet_scope: bool = False) -> None:
        """Keep the speakers and section chosen in `before` where the view shown has them (same id); say what went.

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
        scope = filters.scope
        agenda = self.screen_stack[0].query_one(AgendaList)
        agenda.highlighted = 0 if scope is None else 1 + [s.id for s in after.sections].index(scope)
        if dropped:
            names = ", ".join(safe_line(d) for d in sorted(dropped))
            self.notify(f"Not in this event, so no longer filtered on: {names}", markup=False, timeout=6)

    def _resume_collection(self) -> None:
        """Resume the garbage collector the command paused for start-up, once the proceedings are in.

        Frozen first: the records loaded live as long as the app, and a full collection that
        walked a million of them would stall a keystroke by a tenth of a second.
        """
        if not gc.isenabled() and not self.loading:
            gc.freeze()
            gc.enable()

    def _apply_settings(self) -> None:
        """The theme the reader chose last time; a bad settings file is reported, never fatal."""
        from .settings import load_settings, settings_path

        path = settings_path()
        settings, problem = load_settings(path)
        if problem is not None:
            self.notify(safe_line(problem), severity="warning", markup=False, timeout=10)
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                self.notify(f"{path}: no theme called {safe_line(settings.theme)}; using the default", markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _: object) -> None:
        from .settings import Settings, save_settings, settings_path

        problem = save_settings(settings_path(), Settings(theme=self.theme))
        if problem is not None:
            self.notify(safe_line(problem), severity="warning", markup=False)

    def _loaded(
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
        self.result, self.library, self.loading = result, result.library, False
        base = self.screen_stack[0]
        if final:
            for loading in base.query("#loading"):
                loading.display = False
        if combined is None:
            from ..core.combined import combinable, combine

            combined = combine(self.library) if combinable(self.library) else None
        self.combined = combined  # with several events, the reader starts in All events
        if 1 < len(self.views) <= MAX_EVENT_TABS:  # more: the agenda of All events lists them
            from textual.widgets import Tab, Tabs  # only for several events

            tabs = Tabs(
                *(Tab(Content(safe_line(p.event.title)), id=f"event-{i}") for i, p in enumerate(self.views)),
                id="events",
            )
            base.mount(tabs, after=base.query_one("#event-header"))
        if result.problems:
            bad = sum(1 for _, found in result.files if found)
            problems = ProblemsPanel(result.problems, bad, bool(self.library.events), id="problems")
            base.mount(problems, after=base.query_one("#event-header"))
            self.refresh_bindings()
        if self.library.events:
            if before is not None:  # an event's sections are not All events' events
                from ..core.combined import ALL_EVENTS_ID

                crossing = (before.event.id == ALL_EVENTS_ID) != self.in_all_events
                self._keep_what_the_view_has(before, drop_scope=crossing)
            self._show_event()
        else:
            base.query_one(EventHeader).update("No event to show")

    def _show_event(self) -> None:
        screen = self.screen_stack[0]
        schedule = is_schedule(self.proceedings)
        if schedule != screen.has_class("-schedule"):
            focused_main = self.focused is not None and self.focused.id in ("exchanges", "talks")
            screen.set_class(schedule, "-schedule")
            if focused_main:
                self.focus_pane("#exchanges")
        self.query_one(EventHeader).show(self.proceedings)
        self.sub_title = safe_line(self.proceedings.event.title)
        self.call_after_refresh(self._show_marks)
        self.refilter()

    def show_outcome(self, outcome: Outcome, rows: ThreadRows) -> None:
        if self._shape is not None and self.screen is self._shape:  # the panes below are redrawn when it closes
            self._shape.follow(outcome.positions)
            return
        proceedings, filters = self.proceedings, self.filters
        colours = {s.id: i for i, s in enumerate(proceedings.speakers)}
        empty = filters.empty_message(proceedings, outcome)
        exchanges = self.query_one(ExchangeView)
        where = self._where_said if self.in_all_events else None
        exchanges.show(proceedings, rows, filters.query, colours, empty, where)
        if self._go_to is not None and self._go_to[0] == self.event_index:
            exchanges.go_to(self._go_to[1])
            self._go_to = None
        counts = outcome.section_counts
        every = "All events" if self.in_all_events else "All sections"
        self.query_one(AgendaList).fill(proceedings, counts, sum(counts.values()), filters.scope, every)
        self.query_one(SpeakerList).fill(proceedings, outcome.speaker_counts, colours, filters.speakers)
        speakers = filters.speaker_ids(proceedings)
        self.query_one(FilterBar).show_speakers((s, proceedings.speaker_by_id[s].name) for s in speakers)
        events = None
        if self.in_all_events:  # how many events the remarks shown come from
            events = sum(1 for s in proceedings.sections if (filters.scope in (None, s.id)) and counts.get(s.id))
        status = self.query_one(StatusLine)
        status.show(proceedings, len(outcome.positions), outcome.unmatched, filters, hints=outcome.hints, events=events)
        self._after_filtering()

    def _where_said(self, remark: Remark) -> str:
        """In All events: the event a remark was said at, and its section there when the event has several."""
        assert self.combined is not None
        index, own = self.combined.origin(remark)
        event = self.library.events[index]
        if len(event.sections) < 2:
            return event.event.title
        return f"{event.event.title} › {event.section_by_id[own.section].label}"

    def show_talks(self, outcome: TalkOutcome) -> None:
        proceedings, filters = self.proceedings, self.filters
        colours = {s.id: i for i, s in enumerate(proceedings.speakers)}
        empty = "" if outcome.talks else f"No talks match {filters.describe(proceedings)}."
        self.query_one(TalkView).show(proceedings, outcome.talks, filters.query, colours, empty)
        counts = outcome.section_counts
        self.query_one(AgendaList).fill(proceedings, counts, sum(counts.values()), filters.scope)
        self.query_one(SpeakerList).fill(proceedings, outcome.speaker_counts, colours, filters.speakers)
        speakers = filters.speaker_ids(proceedings)
        self.query_one(FilterBar).show_speakers((s, proceedings.speaker_by_id[s].name) for s in speakers)
        status = self.query_one(StatusLine)
        status.show(proceedings, len(outcome.talks), outcome.unmatched, filters, talks=True)
        self._after_filtering()

    def _after_filtering(self) -> None:
        if self.filters.active != self._filtering:  # "esc Clear" shows while a filter is on
            self._filtering = self.filters.active
            self.refresh_bindings()  # recomposes the footer: not on every keystroke
        self._update_bio()  # the cursor may now be on another speaker's remark: redrawn only if so

    def _update_bio(self) -> None:
        """The profile of whoever the reader is on: the remark with the cursor, or the speaker row.

        The pane that has focus decides; from the agenda or the filter, the last one stays.
        """
        if not self.library.events:
            return
        focused = self.focused
        speaker_id = self._bio_speaker
        if isinstance(focused, SpeakerList) or speaker_id is None:
            option = self.query_one(SpeakerList).highlighted_option
            speaker_id = None if option is None else option.id
        if not isinstance(focused, (SpeakerList, AgendaList)):  # the exchanges, or typing a filter over them
            if is_schedule(self.proceedings):
                talk = self.query_one(TalkView).current
                speaker_id = talk.speakers[0] if talk is not None and talk.speakers else speaker_id
            elif (remark := self.query_one(ExchangeView).current) is not None:
                speaker_id = remark.speaker
        if speaker_id is not None and speaker_id not in self.proceedings.speaker_by_id:
            speaker_id = None  # another event is shown
        self._bio_speaker = speaker_id
        if self._bio_shown != (self.event_index, speaker_id):  # moving within one speaker's remarks: as it is
            self._bio_shown = (self.event_index, speaker_id)
            by_event = None
            if self.in_all_events and speaker_id is not None:
                assert self.combined is not None
                by_event = [(p.event.title, n) for p, n in self.combined.counts_by_event(speaker_id)]
            self.query_one(BioPane).show(self.proceedings, speaker_id, by_event)

    @on(ExchangeView.Moved)
    def _remark_moved(self) -> None:
        if self.screen is self.screen_stack[0] and isinstance(self.focused, ExchangeView):
            self._update_bio()

    def on_descendant_focus(self) -> None:
        if self.screen is not self.screen_stack[0]:
            return
        focused = self.focused
        if focused is not None and focused.id:
            self.query_one(PaneTabs).show(focused.id)
        if self.library.events:
            self._update_bio()

    # -------------------------------------------------------------- events

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """A change the filter did not tell at once (before it was wired): searched once, after the keys queued."""
        text = self.query_one("#filter", Input).value  # the latest text, not this message's
        if text != self.filters.text and self.library.events and not self._refilter_pending:
            self._refilter_pending = True
            self.call_later(self._refilter_now)

    def _filter_typed(self, text: str) -> None:
        """The filter's text as the key that changed it is handled: searched in that key's frame."""
        if text != self.filters.text:
            self.filters.text = text
            if self.library.events:  # while loading, the query waits
                self.refilter()

    def _refilter_now(self) -> None:
        self._refilter_pending = False
        self._filter_typed(self.query_one("#filter", Input).value)

    @on(Input.Submitted, "#filter")
    @on(FilterInput.Leave)
    def _filter_left(self) -> None:
        self.focus_pane("#exchanges")

    @on(EntryList.Selected, "#agenda")
    def _section_chosen(self, event: EntryList.Selected) -> None:
        self.scope_section(None if event.option_id == ALL_SECTIONS else event.option_id)
        if self.screen_stack[0].has_class("-narrow"):
            self.focus_pane("#exchanges")  # one pane at a time: show what was chosen

    @on(EntryList.Selected, "#speakers")
    @on(SpeakerList.ToggleSpeaker)
    @on(SpeakerLabel.Remove)
    def _speaker_toggled(self, event: EntryList.Selected | SpeakerList.ToggleSpeaker | SpeakerLabel.Remove) -> None:
        self.toggle_speaker(event.option_id if isinstance(event, EntryList.Selected) else event.speaker_id)

    @on(EntryList.Highlighted, "#speakers")
    def _speaker_highlighted(self) -> None:
        self._update_bio()

    @on(ExchangeView.Opened)
    def _remark_opened(self, event: ExchangeView.Opened) -> None:
        if self.combined is not None and self.in_all_events:  # open it where it was said, in its event
            index, remark = self.combined.origin(event.remark)
            view = self.view_of_event(index)
            self._go_to = (view, remark.position)
            self.switch_event(view)
            title = safe_line(self.proceedings.event.title)
            back = "ctrl+p, Switch to event: All events" if len(self.views) > MAX_EVENT_TABS else "the All events tab"
            self.notify(f"{remark.id} in {title}; {back} goes back", markup=False, timeout=4)
            return
        self.push_screen(RemarkScreen(self.proceedings, event.remark, self.forest))

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id is not None:
            self.switch_event(int(event.tab.id.removeprefix("event-")))

    # ------------------------------------------------------------- commands

    def toggle_speaker(self, speaker_id: str) -> None:
        if not self.library.events:
            return
        self.filters.speakers = self.filters.speakers ^ {speaker_id}
        self.refilter()

    def scope_section(self, section_id: str | None) -> None:
        if not self.library.events:
            return
        self.filters.scope = section_id
        index = 0 if section_id is None else 1 + [s.id for s in self.proceedings.sections].index(section_id)
        self.query_one(AgendaList).highlighted = index
        self.refilter()

    def clear_filters(self) -> None:
        self.filters.reset()
        self.query_one(AgendaList).highlighted = 0
        self.query_one("#filter", Input).value = ""  # posts Changed, which refilters
        self.filters.text = ""
        if self.library.events:
            self.refilter()

    def switch_event(self, index: int) -> None:
        """Show another view: an event, or All events."""
        if index == self.event_index or not 0 <= index < len(self.views):
            return
        leaving_all = self.in_all_events
        before, self.event_index = self.proceedings, index
        # Sections of an event and the events of All events are different things, even when an id matches.
        self._keep_what_the_view_has(before, drop_scope=leaving_all or self.in_all_events, quiet_scope=leaving_all)
        if self.query("#events"):
            from textual.widgets import Tabs

            self.query_one("#events", Tabs).active = f"event-{index}"
        self._show_event()

    def current_remark(self) -> Remark | None:
        if isinstance(self.screen, RemarkScreen):
            return self.screen.current
        return self.query_one(ExchangeView).current

    # -------------------------------------------------------------- actions

    def action_show_shape(self) -> None:
        from ..core.stats import Columns  # imported when first asked for, off the start-up path
        from .screens.shape import ShapeScreen

        if not self.library.events or self._shape is not None:
            return
        if is_schedule(self.proceedings) or self.outcome is None:
            self.notify("A schedule has talks, not remarks: there is no conversation to draw")
            return
        proceedings = self.proceedings

        def columns() -> Columns:  # called in the shape screen's worker
            if proceedings not in self._columns:
                self._columns[proceedings] = Columns(proceedings)
            return self._columns[proceedings]

        positions = self.outcome.positions
        self._shape = ShapeScreen(self, proceedings, columns, self.filters.text, positions)
        self.push_screen(self._shape, self._shape_closed)

    def filter_text(self, text: str) -> None:
        self.filters.text = text
        self.refilter()

    def _shape_closed(self, _: None) -> None:
        self._shape = None
        self.query_one("#filter", Input).value = self.filters.text  # as typed on the shape screen
        self.refilter()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette entries, said in Podium's words, and two that failed a reader here redone.

        Its "Keys" panel lists bindings without what they do (our help does, `?`), and its
        "Screenshot" saves to the working directory without saying so.
        """
        ours = {  # in the reader's words, not the toolkit's
            "Theme": "Colours: dark, light and others (remembered)",
            "Quit": "Quit Podium (also q)",
            "Maximize": "Give the pane with the cursor the whole screen",
            "Minimize": "Back to every pane",
        }
        for command in super().get_system_commands(screen):
            if command.title in ours:
                yield command._replace(help=ours[command.title])
            elif command.title == "Screenshot":
                yield SystemCommand(
                    "Screenshot", "Save an SVG picture of the screen; the path is shown", self.save_picture
                )
            elif command.title == "Keys":
                yield SystemCommand("Keys", "Every key and what it does (also ?)", self.action_help)
            else:
                yield command

    def save_picture(self) -> Path | None:
        """The screen as SVG in the user's pictures folder (created if need be); says where."""
        import platformdirs  # only when asked for

        folder = platformdirs.user_pictures_path() / "Podium"
        name = datetime.now().strftime("podium-%Y-%m-%d-%H%M%S.svg")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(self.export_screenshot(), encoding="utf-8")
        except OSError as error:
            self.notify(f"Could not save the picture in {folder}: {error.strerror}", severity="error")
            return None
        self.notify(f"Picture saved: {path}", timeout=8)
        return path

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # imported when first asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_scope_number(self, number: int) -> None:
        if not self.library.events:
            return
        if number == 0:
            self.scope_section(None)
            return
        for section in self.proceedings.sections:
            if section.number == number:
                self.scope_section(section.id)
                return
        self.notify(f"There is no section {number} in this event.", severity="warning", markup=False)

    def action_toggle_remark_speaker(self) -> None:
        if not self.library.events:
            return
        if is_schedule(self.proceedings):
            talk = self.query_one(TalkView).current
            if talk is not None and talk.speakers:
                self.toggle_speaker(talk.speakers[0])
            return
        remark = self.query_one(ExchangeView).current
        if remark is not None:
            self.toggle_speaker(remark.speaker)

    def action_copy_remark(self) -> None:
        from .clipboard import copy_text  # only when copying

        if self.library.events and is_schedule(self.proceedings) and not isinstance(self.screen, RemarkScreen):
            talk = self.query_one(TalkView).current
            if talk is None:
                self.notify("No talk to copy.", severity="warning", markup=False)
                return
            from ..output.talk_text import talk_details

            what = f"the talk {safe_line(talk.title)}"
            message = copy_text(talk_details(self.proceedings, talk), self.copy_to_clipboard, what)
            self.notify(message, markup=False, timeout=8)
            return
        remark = self.current_remark() if self.library.events else None
        if remark is None:
            self.notify("No remark to copy.", severity="warning", markup=False)
            return

        index, remark = self.origin_of(remark)
        proceedings = self.library.events[index]
        speaker = proceedings.speaker_by_id[remark.speaker]
        what = f"{remark.id} by {safe_line(speaker.name)} as a quotation"
        message = copy_text(quotation(proceedings, remark), self.copy_to_clipboard, what)
        self.notify(message, markup=False, timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "problems":  # only offered (and shown in the footer) when a file had problems
            return bool(self.screen_stack[0].query("#problems"))
        if action in ("next_event", "previous_event"):  # only with several events open
            return len(self.views) > 1
        if action in ("mark", "note"):  # a collection of quotations: a schedule's talks are not remarks
            return not (self.library.events and is_schedule(self.proceedings))
        if action == "clear_filters":  # offered while a filter is on
            return self.screen is self.screen_stack[0] and self.filters.active
        return True

    def action_clear_filters(self) -> None:
        self.clear_filters()
        self.notify("Every filter cleared: all remarks, all speakers, all sections.", markup=False, timeout=3)

    # ----------------------------------------------------------- the collection

    def collection_of(self, index: int) -> Collection:
        """An event's collection of marks, read from disk on first use."""
        from ..formats.marks import Collection, source_hash

        if index not in self._collections:
            proceedings = self.library.events[index]
            collection = Collection(proceedings.event.id, source_hash(proceedings.source))
            self._collections[index] = collection
            self._tell_collection_problem(collection)
            if collection.changed_source:
                lost = [m for m in collection.marks if m not in proceedings.remark_by_id]
                gone = f"; no longer in it: {', '.join(lost)}" if lost else ""
                title = safe_line(proceedings.event.title)
                self.notify(f"{title}: the file changed since you marked remarks in it{gone}", markup=False, timeout=10)
        return self._collections[index]

    def _has_collection(self, index: int) -> bool:
        """Whether an event has marks (read already, or a file of them): else nothing to read or hash."""
        from ..formats.marks import collection_path

        return index in self._collections or collection_path(self.library.events[index].event.id).exists()

    def _tell_collection_problem(self, collection: Collection) -> None:
        if collection.problem:
            self.notify(safe_line(collection.problem), severity="warning", markup=False, timeout=10)
            collection.problem = None

    def _show_marks(self) -> None:
        self.query_one(ExchangeView).show_marked(self._marked(read=True))

    def _marked(self, *, read: bool = False) -> frozenset[str]:
        """The ids of the marked remarks of the view shown, as its rows name them.

        `read`: read collections from disk (only those of events that have a file: no hashing otherwise).
        """

        event = self.event_of_view(self.event_index)
        indexes = range(len(self.library.events)) if event is None else [event]
        marked: set[str] = set()
        for index in indexes:
            if index not in self._collections and not (read and self._has_collection(index)):
                continue  # not read yet, or nothing was ever marked in this event
            marks = self.collection_of(index).marks
            if self.combined is not None and event is None:
                marked.update(self.combined.combined_id(index, m) for m in marks)
            else:
                marked.update(marks)
        return frozenset(marked)

    def origin_of(self, remark: Remark) -> tuple[int, Remark]:
        """The index in library.events of the event a remark of the view shown belongs to, and the
        remark as that event has it."""
        if self.combined is not None and self.in_all_events:
            return self.combined.origin(remark)
        index = self.event_of_view(self.event_index)
        assert index is not None
        return index, remark

    def _current_in_collection(self, doing: str) -> tuple[Collection, Remark] | None:
        """The current remark as its event has it, with that event's collection; None (and said) when none."""
        remark = self.current_remark() if self.library.events else None
        if remark is None:
            self.notify(f"No remark to {doing}.", severity="warning", markup=False)
            return None
        index, remark = self.origin_of(remark)
        return self.collection_of(index), remark

    def action_mark(self) -> None:
        current = self._current_in_collection("mark")
        if current is None:
            return
        collection, remark = current
        marked = collection.toggle(remark.id)
        self._tell_collection_problem(collection)
        self.screen_stack[0].query_one(ExchangeView).show_marked(self._marked())
        done = "Marked" if marked else "Unmarked"
        count = len(collection.marks)
        self.notify(f"{done} {remark.id}; {count} in this event's collection (M shows it)", markup=False, timeout=4)

    def action_note(self) -> None:
        from .screens.collection import NoteScreen

        current = self._current_in_collection("write a note on")
        if current is None:
            return
        collection, remark = current
        mark = collection.marks.get(remark.id)

        def keep(note: str | None) -> None:
            if note is None:
                return
            collection.set_note(remark.id, note)
            self._tell_collection_problem(collection)
            self.screen_stack[0].query_one(ExchangeView).show_marked(self._marked())
            self.notify(f"Note kept on {remark.id} (marked)", markup=False, timeout=3)

        self.push_screen(NoteScreen(remark.id, mark.note if mark else ""), keep)

    def action_collection(self) -> None:
        from ..output.marks_view import marks
        from .screens.collection import CollectionScreen

        if not self.library.events:
            return
        collected = []
        for index in range(len(self.library.events)):
            if self._has_collection(index):
                collection = self.collection_of(index)
                collected.append((collection.marks, collection.changed_source))
            else:
                collected.append(({}, False))
        text = marks(self.library, collected, "text", wrap=False)
        self.push_screen(CollectionScreen(text, marks(self.library, collected, "md")))

    def action_status_in_full(self) -> None:
        status = self.screen_stack[0].query_one(StatusLine).full_text
        if status:
            self.notify(status, title="Status", markup=False, timeout=10)

    def action_problems(self) -> None:
        """Show the problems and go to them; from them, hide them and go back to the exchanges."""
        for panel in self.screen_stack[0].query("#problems"):
            if panel.has_focus:
                panel.display = False
                self.focus_pane("#exchanges")
            else:
                panel.display = True
                self.screen_stack[0].set_focus(panel)

    def action_next_event(self) -> None:
        if self.library.events:
            self.switch_event((self.event_index + 1) % len(self.views))

    def action_previous_event(self) -> None:
        if self.library.events:
            self.switch_event((self.event_index - 1) % len(self.views))
