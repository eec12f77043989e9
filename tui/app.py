"""The Podium browser: agenda, speakers and threaded exchanges over the core."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from .loader import LoadResult, load_paths
from .model import Library, Proceedings, Remark
from .query import Query, QueryError, parse
from .render import describe_event, quotation
from .screens.remark import RemarkScreen, speaker_profile
from .search import LiveSearch, Outcome
from .textsafe import safe_line
from .threads import ThreadIndex, ThreadRows
from .widgets.exchanges import ExchangeView
from .widgets.filter_bar import FilterBar, FilterInput, SpeakerLabel
from .widgets.lists import ALL_SECTIONS, AgendaList, EntryList, SpeakerList

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.widgets import Tabs

    from .cache import Cache

NARROW_WIDTH = 100  # below this the panes stack
MIN_WIDTH, MIN_HEIGHT = 40, 10  # below this the screen says it is too small
SYNC_SEARCH_LIMIT = 20_000  # larger events search in a worker thread
PANES = ("#filter", "#exchanges", "#agenda", "#speakers")  # the order tab cycles through


def _podium_commands() -> type[Provider]:
    """The palette's Podium commands, imported when the palette first opens."""
    from .commands import PodiumCommands

    return PodiumCommands


class PodiumApp(App[None]):
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
        Binding("x", "hide_problems", "Hide problems", id="app.hide_problems", tooltip="Hide the problems panel"),
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
        self._searches: dict[int, LiveSearch] = {}
        self._forests: dict[int, ThreadIndex] = {}
        self.chosen_speakers: frozenset[str] = frozenset()
        self.scope: str | None = None
        self.query_text = ""
        self.filter_query = Query()
        self.query_error: str | None = None
        self.outcome: Outcome | None = None
        self._generation = 0  # bumped by every refilter; older results are dropped
        self._focus_before_small: Widget | None = None
        self._refilter_pending = False
        self._bio_stale = True

    # ------------------------------------------------------------ properties

    @property
    def proceedings(self) -> Proceedings:
        return self.library.events[self.event_index]

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

    @property
    def colours(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.proceedings.speakers)}

    # --------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static(id="event-header")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                agenda = AgendaList(id="agenda")
                agenda.border_title = "Agenda"
                yield agenda
                speakers = SpeakerList(id="speakers")
                speakers.border_title = "Speakers"
                yield speakers
                with VerticalScroll(id="bio"):  # a long bio scrolls rather than being cut
                    yield Static(id="bio-text")
            with Vertical(id="main"):
                yield FilterBar(id="filter-bar")
                if self.loading:
                    from textual.widgets import ProgressBar  # only for a large corpus

                    with Vertical(id="loading"):
                        yield Static(id="loading-label")
                        yield ProgressBar(id="loading-bar", show_eta=False)
                exchanges = ExchangeView(id="exchanges")
                exchanges.border_title = "Exchanges"
                yield exchanges
                yield Static(id="status")
        yield Static("The terminal is too small for Podium: make it at least 40×10.", id="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self._focus_pane("#exchanges")
        if self.loading:
            count = len(self._paths)
            label = f"Loading {count} file{'s' if count != 1 else ''}…"
            self.query_one("#event-header", Static).update(label)
            self.query_one("#loading-label", Static).update(label)
            self._load_in_background()
        else:
            self._loaded(self.result)

    @work(thread=True, exclusive=True, group="load")
    def _load_in_background(self) -> None:
        """Load while the window is up; the filter bar takes keys meanwhile."""
        last = [-1]

        def progress(done: int, total: int) -> None:
            percent = 100 * done // max(1, total)
            if percent != last[0]:  # at most a hundred updates
                last[0] = percent
                self.call_from_thread(self._show_progress, done, total)

        result = load_paths(self._paths, self._cache, progress)
        self.call_from_thread(self._loaded, result)

    def _show_progress(self, done: int, total: int) -> None:
        from textual.widgets import ProgressBar

        self.query_one("#loading-bar", ProgressBar).update(total=max(1, total), progress=done)

    def _loaded(self, result: LoadResult) -> None:
        self.result, self.library, self.loading = result, result.library, False
        for loading in self.query("#loading"):
            loading.display = False
        if len(self.library.events) > 1:
            from textual.widgets import Tab, Tabs  # only for several events

            tabs = Tabs(
                *(Tab(Content(safe_line(p.event.title)), id=f"event-{i}") for i, p in enumerate(self.library.events)),
                id="events",
            )
            self.mount(tabs, after="#event-header")
        if result.problems:
            problems = Static(Content("\n".join(str(p) for p in result.problems)), id="problems")
            bad = sum(1 for _, found in result.files if found)
            opened = "the others are open" if self.library.events else "no event could be opened"
            problems.border_title = f"{_plural(len(result.problems), 'problem')} in {_plural(bad, 'file')}; {opened}"
            self.mount(problems, after="#event-header")
            self.refresh_bindings()
        if self.library.events:
            self._show_event()
        else:
            self.query_one("#event-header", Static).update("No event to show")

    def on_resize(self, event: Resize) -> None:
        screen = self.screen_stack[0]
        screen.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        too_small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if too_small and not screen.has_class("-too-small"):
            self._focus_before_small = screen.focused  # hidden panes lose focus: remember it
        screen.set_class(too_small, "-too-small")
        if not too_small and self._focus_before_small is not None:
            widget, self._focus_before_small = self._focus_before_small, None
            self.call_after_refresh(widget.focus)

    def _focus_pane(self, selector: str) -> None:
        """Focus a pane; when narrow, where one pane shows at a time, show it first."""
        widget = self.query_one(selector)
        screen = self.screen_stack[0]
        screen.set_class(selector in ("#agenda", "#speakers"), "-sidebar")
        # Focus now, not on the next idle (as widget.focus() would): keys typed
        # right after "/" must already land in the filter.
        screen.set_focus(widget)
        if not widget.has_focus:  # it was hidden until the class above applies
            self.call_after_refresh(widget.focus)

    def _cycle_panes(self, step: int) -> None:
        focused = self.focused
        current = f"#{focused.id}" if focused is not None and focused.id else PANES[0]
        index = PANES.index(current) if current in PANES else -step
        self._focus_pane(PANES[(index + step) % len(PANES)])

    def action_focus_next(self) -> None:
        if self.screen is self.screen_stack[0]:
            self._cycle_panes(1)
        else:
            super().action_focus_next()

    def action_focus_previous(self) -> None:
        if self.screen is self.screen_stack[0]:
            self._cycle_panes(-1)
        else:
            super().action_focus_previous()

    def _show_event(self) -> None:
        proceedings = self.proceedings
        header = Content.assemble(
            (safe_line(proceedings.event.title), "bold"),
            "\n",
            (safe_line(describe_event(proceedings)), "dim"),
        )
        self.query_one("#event-header", Static).update(header)
        self.sub_title = safe_line(proceedings.event.title)
        self._bio_stale = True
        self.refilter()
        if len(proceedings.remarks) > SYNC_SEARCH_LIMIT:
            self._prepare_search()

    @work(thread=True, group="prepare")
    def _prepare_search(self) -> None:
        """Fold the texts and build the reply forest now, not on the first keystroke."""
        self.live_search.index.prepare()
        _ = self.forest

    # ---------------------------------------------------------------- search

    def refilter(self) -> None:
        """Run the current query, speakers and scope, and redraw what depends on them."""
        try:
            self.filter_query = parse(self.query_text)
            self.query_error = None
        except QueryError as error:
            self.query_error = error.message  # keep showing the last good results
        self._generation += 1
        if len(self.proceedings.remarks) <= SYNC_SEARCH_LIMIT:
            outcome = self.live_search.run(self.filter_query, self.chosen_speakers, self.scope)
            self._apply(outcome, self.forest.view(outcome.positions), self._generation)
        else:
            self._search_in_background(self.filter_query, self.chosen_speakers, self.scope, self._generation)

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
        proceedings = self.proceedings
        colours = self.colours
        self.query_one(ExchangeView).show(proceedings, rows, self.filter_query, colours, self._empty_message(outcome))
        self.query_one(AgendaList).fill(
            proceedings, outcome.section_counts, sum(outcome.section_counts.values()), self.scope
        )
        self.query_one(SpeakerList).fill(proceedings, outcome.speaker_counts, colours, self.chosen_speakers)
        self.query_one(FilterBar).show_speakers(
            (s, proceedings.speaker_by_id[s].name) for s in self._ordered(self.chosen_speakers)
        )
        self._update_status()
        if self._bio_stale:
            self._bio_stale = False
            self._update_bio()

    def _ordered(self, speaker_ids: Iterable[str]) -> list[str]:
        chosen = set(speaker_ids)
        return [s.id for s in self.proceedings.speakers if s.id in chosen]

    def _empty_message(self, outcome: Outcome) -> str:
        if outcome.positions:
            return ""
        if outcome.unmatched:
            return f"No speaker or section matches {', '.join(str(t) for t in outcome.unmatched)}."
        if self.filter_query.is_empty and not self.chosen_speakers:
            return "No remarks in this section."
        return f"No remarks match {self._filters_text()}. Press escape in the filter to clear it, 0 for all sections."

    def _filters_text(self) -> str:
        parts = []
        if self.filter_query.source.strip():
            parts.append(f"“{self.filter_query.source.strip()}”")
        if self.chosen_speakers:
            names = [self.proceedings.speaker_by_id[s].name for s in self._ordered(self.chosen_speakers)]
            parts.append("by " + " or ".join(names))
        if self.scope is not None:
            parts.append(f"in {self.proceedings.section_by_id[self.scope].label}")
        return " ".join(parts) or "the filter"

    def _update_status(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return
        total = len(self.proceedings.remarks)
        parts = [f"{len(outcome.positions)} of {total} remarks"]
        if self.scope is not None:
            parts.append(f"section {self.proceedings.section_by_id[self.scope].label}")
        if self.chosen_speakers:
            names = [self.proceedings.speaker_by_id[s].name for s in self._ordered(self.chosen_speakers)]
            parts.append("speakers: " + ", ".join(names))
        if self.filter_query.source.strip():
            parts.append(f"filter: {self.filter_query.source.strip()}")
        status = Content(safe_line(" · ".join(parts)))
        if self.query_error:
            status = status + Content.styled(safe_line(f"  ⚠ {self.query_error}"), "$warning")
        elif outcome.unmatched:
            status = status + Content.styled(
                safe_line(f"  ⚠ nothing matches {', '.join(str(t) for t in outcome.unmatched)}"), "$warning"
            )
        self.query_one("#status", Static).update(status)

    def _update_bio(self) -> None:
        option = self.query_one(SpeakerList).highlighted_option
        bio = self.query_one("#bio-text", Static)
        if option is None or option.id is None:
            bio.update("")
        else:
            bio.update(speaker_profile(self.proceedings, option.id))

    # -------------------------------------------------------------- events

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self.library.events and not self._refilter_pending:  # while loading, the query waits
            # After the keys already queued: a burst of typing searches once, for its last text.
            self._refilter_pending = True
            self.call_later(self._refilter_now)

    def _refilter_now(self) -> None:
        self._refilter_pending = False
        self.refilter()

    @on(Input.Submitted, "#filter")
    @on(FilterInput.Leave)
    def _filter_left(self) -> None:
        self._focus_pane("#exchanges")

    @on(EntryList.Selected, "#agenda")
    def _section_chosen(self, event: EntryList.Selected) -> None:
        self.scope_section(None if event.option_id == ALL_SECTIONS else event.option_id)
        if self.screen_stack[0].has_class("-narrow"):
            self._focus_pane("#exchanges")  # one pane at a time: show what was chosen

    @on(EntryList.Selected, "#speakers")
    def _speaker_chosen(self, event: EntryList.Selected) -> None:
        self.toggle_speaker(event.option_id)

    @on(EntryList.Highlighted, "#speakers")
    def _speaker_highlighted(self) -> None:
        self._update_bio()

    @on(SpeakerList.ToggleSpeaker)
    def _speaker_toggled(self, event: SpeakerList.ToggleSpeaker) -> None:
        self.toggle_speaker(event.speaker_id)

    @on(SpeakerLabel.Remove)
    def _speaker_label_removed(self, event: SpeakerLabel.Remove) -> None:
        self.toggle_speaker(event.speaker_id)

    @on(ExchangeView.Opened)
    def _remark_opened(self, event: ExchangeView.Opened) -> None:
        self.push_screen(RemarkScreen(self.proceedings, event.remark, self.forest))

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id is not None:
            self.switch_event(int(event.tab.id.removeprefix("event-")))

    # ------------------------------------------------------------- commands

    def toggle_speaker(self, speaker_id: str) -> None:
        if not self.library.events:
            return
        self.chosen_speakers = self.chosen_speakers ^ {speaker_id}
        self.refilter()

    def scope_section(self, section_id: str | None) -> None:
        if not self.library.events:
            return
        self.scope = section_id
        agenda = self.query_one(AgendaList)
        index = 0 if section_id is None else 1 + [s.id for s in self.proceedings.sections].index(section_id)
        agenda.highlighted = index
        self.refilter()

    def clear_filters(self) -> None:
        self.chosen_speakers = frozenset()
        self.scope = None
        self.query_one(AgendaList).highlighted = 0
        self.query_one("#filter", Input).value = ""  # posts Changed, which refilters
        self.query_text = ""
        if self.library.events:
            self.refilter()

    def switch_event(self, index: int) -> None:
        if index == self.event_index or not 0 <= index < len(self.library.events):
            return
        self.event_index = index
        self.chosen_speakers = frozenset()
        self.scope = None
        self.query_one(AgendaList).highlighted = 0
        if len(self.library.events) > 1:
            from textual.widgets import Tabs

            self.query_one("#events", Tabs).active = f"event-{index}"
        self._show_event()

    def current_remark(self) -> Remark | None:
        if isinstance(self.screen, RemarkScreen):
            return self.screen.remark
        return self.query_one(ExchangeView).current

    # -------------------------------------------------------------- actions

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # imported when first asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_focus_filter(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):  # typing: "/" is just a character
            focused.insert_text_at_cursor("/")
        elif self.screen is self.screen_stack[0]:
            self._focus_pane("#filter")

    def action_focus_speakers(self) -> None:
        self._focus_pane("#speakers")

    def action_focus_agenda(self) -> None:
        self._focus_pane("#agenda")

    def action_focus_exchanges(self) -> None:
        self._focus_pane("#exchanges")

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
        remark = self.query_one(ExchangeView).current
        if remark is not None:
            self.toggle_speaker(remark.speaker)

    def action_copy_remark(self) -> None:
        remark = self.current_remark() if self.library.events else None
        if remark is None:
            self.notify("No remark to copy.", severity="warning", markup=False)
            return
        self.copy_to_clipboard(quotation(self.proceedings, remark))
        speaker = self.proceedings.speaker_by_id[remark.speaker]
        self.notify(f"Copied {remark.id} by {safe_line(speaker.name)} as a quotation.", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_problems":  # only offered (and shown in the footer) while the panel is up
            return any(panel.display for panel in self.query("#problems"))
        return True

    def action_hide_problems(self) -> None:
        for panel in self.query("#problems"):
            panel.display = False
        self.refresh_bindings()

    def action_next_event(self) -> None:
        if not self.library.events:
            return
        self.switch_event((self.event_index + 1) % len(self.library.events))

    def action_previous_event(self) -> None:
        if not self.library.events:
            return
        self.switch_event((self.event_index - 1) % len(self.library.events))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
