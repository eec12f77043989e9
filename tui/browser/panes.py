"""Filling the main screen's panes from a result: exchanges or talks, agenda, speakers, filter labels, status, profile.

One place that knows which pane shows what of a search's outcome, so that the screen wires and
the panes draw. The profile is redrawn only when the speaker it should show changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from ..core.model import Remark
from ..core.search import Outcome
from ..core.talks import TalkOutcome
from ..core.textsafe import safe_line
from ..core.threads import ThreadRows
from ..formats.source import LoadResult
from .searcher import Searcher
from .widgets.exchanges import ExchangeView
from .widgets.filter_bar import FilterBar
from .widgets.lists import ORGANISATION, AgendaList, SpeakerList
from .widgets.panels import BioPane, EventHeader, ProblemsPanel
from .widgets.status import StatusLine
from .widgets.talks import TalkView

if TYPE_CHECKING:
    from ..core.model import Proceedings
    from .layout import PaneLayout

MAX_EVENT_TABS = 12  # a row of tabs for a few events; a library's events are listed in All events' agenda


class Panes:
    """The main screen's panes, filled from the searcher's view and its latest result."""

    def __init__(self, screen: PaneLayout) -> None:
        self.screen = screen
        self._bio_speaker: str | None = None  # the speaker whose profile is shown
        self._bio_shown: tuple[int, str | None] | None = None  # (view, speaker) drawn in the profile
        self._filtering = False  # whether a filter was on at the last redraw

    def forget(self) -> None:
        """Another library: the profile shown belonged to the last one."""
        self._bio_shown = None
        self._bio_speaker = None

    # ------------------------------------------------------------ the frame

    def mount_event_tabs(self, views: Sequence[Proceedings]) -> None:
        if 1 < len(views) <= MAX_EVENT_TABS:  # more: the agenda of All events lists them
            from textual.widgets import Tab, Tabs  # only for several events

            titles = (Tab(Content(safe_line(p.event.title)), id=f"event-{i}") for i, p in enumerate(views))
            tabs = Tabs(*titles, id="events")
            self.screen.mount(tabs, after=self.screen.query_one("#event-header"))

    def activate_tab(self, index: int) -> None:
        if self.screen.query("#events"):
            from textual.widgets import Tabs

            self.screen.query_one("#events", Tabs).active = f"event-{index}"

    def mount_problems(self, result: LoadResult) -> None:
        if result.problems:
            bad = sum(1 for _, found in result.files if found)
            problems = ProblemsPanel(result.problems, bad, bool(result.library.events), id="problems")
            self.screen.mount(problems, after=self.screen.query_one("#event-header"))
            self.screen.refresh_bindings()
            self.screen.fit_footer(self.screen.app.size.width)  # the banner names x: a narrow footer need not

    def show_event(self, searcher: Searcher) -> None:
        self.screen.query_one(EventHeader).show(searcher.proceedings)
        self.screen.app.sub_title = safe_line(searcher.proceedings.event.title)

    def highlight_scope(self, searcher: Searcher) -> None:
        scope = searcher.filters.scope
        sections = [s.id for s in searcher.proceedings.sections]
        agenda = self.screen.query_one(AgendaList)
        agenda.highlighted = 1 + sections.index(scope) if scope in sections else 0

    # ------------------------------------------------------------ a result

    def show_first(self, searcher: Searcher, outcome: Outcome, rows: ThreadRows) -> None:
        """The first matches of a search still counting: the exchanges and the status line, not the counts."""
        proceedings, filters = searcher.proceedings, searcher.filters
        colours = {s.id: i for i, s in enumerate(proceedings.speakers)}
        where = _where_said(searcher) if searcher.in_all_events else None
        empty = "Searching every remark…"
        self.screen.query_one(ExchangeView).show(proceedings, rows, filters.query, colours, empty, where)
        shown = len(outcome.positions)
        self.screen.query_one(StatusLine).show(proceedings, shown, outcome.unmatched, filters, counting=True)
        self._counting(True)  # the counts beside are the last query's: faded

    def _counting(self, counting: bool) -> None:
        """Fade the agenda's and speakers' counts, or not: on the two lists, without restyling anything
        (a class on the screen restyled every widget on it, a thousand event tabs, tens of ms a key)."""
        for counts in (self.screen.query_one(AgendaList), self.screen.query_one(SpeakerList)):
            counts.show_counting(counting)

    def show_outcome(self, searcher: Searcher, outcome: Outcome, rows: ThreadRows) -> None:
        self._counting(False)
        proceedings, filters = searcher.proceedings, searcher.filters
        colours = {s.id: i for i, s in enumerate(proceedings.speakers)}
        talks = searcher.combined_talks()
        empty = filters.empty_message(proceedings, outcome)
        if talks is not None and talks.total and not outcome.positions:  # the talks are a key away
            keys = [str(s.number) for s in proceedings.sections if talks.event_counts.get(s.id) and s.number < 10]
            which = f"press {' or '.join(keys)}" if keys else "choose their event in the agenda"
            talk_s = "talk does" if talks.total == 1 else "talks do"
            empty = f"No remarks match {filters.describe(proceedings)}, but {talks.total} {talk_s}: {which}."
        where = _where_said(searcher) if searcher.in_all_events else None
        self.screen.query_one(ExchangeView).show(proceedings, rows, filters.query, colours, empty, where)
        counts = outcome.section_counts
        every = "All events" if searcher.in_all_events else "All sections"
        if talks is not None:  # the schedules' events count their talks that match
            counts = counts + talks.event_counts
        agenda = self.screen.query_one(AgendaList)
        agenda.fill(proceedings, counts, sum(counts.values()), filters.scope, every)
        speaker_counts = outcome.speaker_counts if talks is None else outcome.speaker_counts + talks.speaker_counts
        # All events joins a person over events where their organisation may differ: counted per event only
        organisations = None if searcher.in_all_events else frozenset(filters.query.of("org"))
        self.screen.query_one(SpeakerList).fill(proceedings, speaker_counts, colours, filters.speakers, organisations)
        self._show_chosen_speakers(searcher)
        events = None
        if searcher.in_all_events:  # how many events the remarks (and talks) shown come from
            events = sum(1 for s in proceedings.sections if (filters.scope in (None, s.id)) and counts.get(s.id))
        status = self.screen.query_one(StatusLine)
        shown = len(outcome.positions)
        also = None if talks is None else (talks.total, searcher.talks_in_all_events())
        status.show(proceedings, shown, outcome.unmatched, filters, hints=outcome.hints, events=events, also_talks=also)

    def show_talks(self, searcher: Searcher, outcome: TalkOutcome) -> None:
        self._counting(False)
        proceedings, filters = searcher.proceedings, searcher.filters
        colours = {s.id: i for i, s in enumerate(proceedings.speakers)}
        empty = "" if outcome.talks else f"No talks match {filters.describe(proceedings)}."
        self.screen.query_one(TalkView).show(proceedings, outcome.talks, filters.query, colours, empty)
        counts = outcome.section_counts
        self.screen.query_one(AgendaList).fill(proceedings, counts, sum(counts.values()), filters.scope)
        self.screen.query_one(SpeakerList).fill(proceedings, outcome.speaker_counts, colours, filters.speakers)
        self._show_chosen_speakers(searcher)
        status = self.screen.query_one(StatusLine)
        status.show(proceedings, len(outcome.talks), outcome.unmatched, filters, talks=True)
        self.after_filtering(searcher)

    def _show_chosen_speakers(self, searcher: Searcher) -> None:
        proceedings = searcher.proceedings
        speakers = searcher.filters.speaker_ids(proceedings)
        self.screen.query_one(FilterBar).show_speakers((s, proceedings.speaker_by_id[s].name) for s in speakers)

    def after_filtering(self, searcher: Searcher) -> None:
        if searcher.filters.active != self._filtering:  # "esc Clear" shows while a filter is on
            self._filtering = searcher.filters.active
            self.screen.refresh_bindings()  # recomposes the footer: not on every keystroke
        self.update_bio(searcher)  # the cursor may now be on another speaker's remark: redrawn only if so

    # ------------------------------------------------------------ the profile

    def update_bio(self, searcher: Searcher) -> None:
        """The profile of whoever the reader is on: the remark with the cursor, or the speaker row.

        The pane that has focus decides; from the agenda, the last one stays.
        """
        if not searcher.library.events or self.screen.app.screen is not self.screen:
            return
        focused = self.screen.focused
        speaker_id = self._bio_speaker
        if isinstance(focused, SpeakerList) or speaker_id is None:
            option = self.screen.query_one(SpeakerList).highlighted_option
            speaker_id = None if option is None else option.id
        if not isinstance(focused, (SpeakerList, AgendaList)):  # the exchanges, or typing a filter over them
            if searcher.schedule_shown:
                talk = self.screen.query_one(TalkView).current
                speaker_id = talk.speakers[0] if talk is not None and talk.speakers else speaker_id
            elif (remark := self.screen.query_one(ExchangeView).current) is not None:
                speaker_id = remark.speaker
        proceedings = searcher.proceedings
        if (
            speaker_id is not None
            and speaker_id not in proceedings.speaker_by_id
            and not speaker_id.startswith(ORGANISATION)
        ):
            speaker_id = None  # another event is shown
        self._bio_speaker = speaker_id
        if self._bio_shown != (searcher.event_index, speaker_id):  # moving within one speaker's remarks: as it is
            self._bio_shown = (searcher.event_index, speaker_id)
            by_event = None
            speaker = speaker_id if speaker_id in proceedings.speaker_by_id else None
            if searcher.combined is not None and searcher.in_all_events and speaker is not None:
                by_event = [(p.event.title, n) for p, n in searcher.combined.counts_by_event(speaker)]
            self.screen.query_one(BioPane).show(proceedings, speaker_id, by_event)


def _where_said(searcher: Searcher) -> Callable[[Remark], str]:
    """In All events: the event a remark was said at, and its section there when the event has several."""
    combined, library = searcher.combined, searcher.library
    assert combined is not None

    def where(remark: Remark) -> str:
        index, own = combined.origin(remark)  # the one remark made, not its event's: a row of each event
        event = library.events[index]
        if len(event.sections) < 2:
            return event.event.title
        return f"{event.event.title} › {event.section_by_id[own.section].label}"

    return where
