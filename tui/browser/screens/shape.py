"""The conversation at a glance: share of voice, who answered whom, and each speaker's turns over time.

Drawn under the browser's filter (typed here too), recounted in a worker from the
event's int-coded columns (tui/core/stats.py) whenever the result changes. The bars
and lanes are drawn by hand in block characters: Textual's Sparkline draws one
series in one colour, and the lanes need a speaker colour per row and a match mark
and a cursor per column; the matrix is Textual's DataTable, whose cell cursor
is what choosing an exchange needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core.model import Proceedings, Remark
from ...core.stats import Columns, Lanes, Shape, lanes, match_columns
from ...core.textsafe import safe_line
from ...output.plain_text import of_total, plural
from ...output.render import clock
from ...output.stats_view import bar, fit_cells
from ..inline_keys import InlineKeysInput

NAME_CELLS = 18  # a speaker's name column in the bars and lanes
EXCERPT_CHARS = 140  # a reply's opening in the list of exchanges: two lines or so, cut at a word
_LEVELS = " ▁▂▃▄▅▆▇█"


def fit(text: str, cells: int) -> str:
    """A name cut to `cells` terminal cells with …, padded (names are data: made safe first)."""
    return fit_cells(safe_line(text), cells)


MIN_TITLE_CELLS = 16  # below this the event's title is not cut to keep the counts: the line is cut at its end


def title_line(title: str, counts: str, width: int) -> Text:
    """The event's title and the counts on one line of `width` cells: the title cut with … to keep the counts."""
    room = width - 2 - cell_len(counts)  # the line's padding
    name = safe_line(title)
    if cell_len(name) > room >= MIN_TITLE_CELLS:
        name = fit_cells(name, room).rstrip()
    line = Text(name, Style(bold=True), no_wrap=True, overflow="ellipsis")
    line.append(counts, Style(dim=True))
    return line


def share_heading(*, timed: bool) -> str:
    """What the share of voice measures: words always; speaking time only where the remarks have times."""
    if timed:
        return "Share of voice (by words; remarks; speaking time)"
    return "Share of voice (by words; remarks; no times given for these remarks)"


def shortened(text: str, most: int) -> str:
    """Text cut at a word to at most `most` characters, with … when cut."""
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"


class CursorMoved(Message):
    """The timeline's cursor moved: say which remark it is on."""


class Timeline(Static, can_focus=True):
    """One lane per speaker along the event; ▲ under each column where the filter's matches fall."""

    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier", show=False, id="shape.earlier"),
        Binding("right,l", "move(1)", "Later", show=False, id="shape.later"),
        Binding("n", "jump(1)", "Next match", id="shape.next_match"),
        Binding("N,p", "jump(-1)", "Previous match", id="shape.previous_match"),
        Binding("enter", "open", "Open remark", id="shape.open"),
    ]
    cursor: reactive[int] = reactive(0)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lanes: Lanes | None = None
        self.matches: dict[int, int] = {}  # column -> first matching remark's position
        self.speakers: list[tuple[str, str, Style]] = []  # (id, name, colour), most words first

    def width_for_lanes(self) -> int:
        return max(10, self.size.width - NAME_CELLS - 3)

    def show(self, lanes_: Lanes, matches: dict[int, int], speakers: list[tuple[str, str, Style]]) -> None:
        self.lanes, self.matches, self.speakers = lanes_, matches, speakers
        width = len(next(iter(lanes_.amounts.values()), []))
        self.cursor = max(0, min(self.cursor, width - 1))
        self.refresh_lanes()

    def watch_cursor(self) -> None:
        self.refresh_lanes()

    def refresh_lanes(self) -> None:
        lanes_ = self.lanes
        if lanes_ is None or not self.speakers:
            self.update("No remarks to draw.")
            return
        width = len(next(iter(lanes_.amounts.values())))
        text = Text(no_wrap=True, overflow="crop")
        for speaker_id, name, colour in self.speakers:
            lane = lanes_.amounts[speaker_id]
            top = max(lane) or 1.0
            cells = "".join(_LEVELS[min(8, max(1, round(v / top * 8)))] if v else "·" for v in lane)
            text.append(fit(name, NAME_CELLS) + "  ", colour)
            text.append(cells[: self.cursor], colour)
            text.append(cells[self.cursor : self.cursor + 1], colour + Style(reverse=True))
            text.append(cells[self.cursor + 1 :] + "\n", colour)
        if self.matches:
            # an axis line with a mark at each match: drawn as a line, it stays aligned in any renderer
            text.append(fit("matches", NAME_CELLS) + "  ", Style(dim=True))
            for column in range(width):
                if column in self.matches:
                    text.append("▲", Style(bold=True))
                else:
                    text.append("─", Style(dim=True))
            text.append("\n")
        if lanes_.clock:
            axis = ("clock", f"{clock(lanes_.start)} … {clock(lanes_.end)}")
        else:
            axis = ("in order", f"remark 1 … remark {int(lanes_.end)}")
        text.append(fit(axis[0], NAME_CELLS) + "  " + axis[1], Style(dim=True))
        self.update(text)

    def remark_at_cursor(self) -> int | None:
        """The position of the first remark that starts in the cursor's column, or at or after it."""
        if self.lanes is None:
            return None
        for position, column in enumerate(self.lanes.column_of):
            if column >= self.cursor:
                return position
        return None

    def action_move(self, step: int) -> None:
        if self.lanes is not None:
            width = len(next(iter(self.lanes.amounts.values())))
            self.cursor = max(0, min(width - 1, self.cursor + step))
            self.post_message(CursorMoved())

    def action_jump(self, step: int) -> None:
        columns = sorted(self.matches)
        ahead = (
            [c for c in columns if c > self.cursor] if step > 0 else [c for c in reversed(columns) if c < self.cursor]
        )
        if ahead:
            self.cursor = ahead[0]
            self.post_message(CursorMoved())
        else:
            self.notify("No more matches this way" if columns else "No matches to jump to", severity="warning")

    def action_open(self) -> None:
        position = self.matches.get(self.cursor, self.remark_at_cursor())
        if position is not None:
            screen = self.screen
            assert isinstance(screen, ShapeScreen)
            screen.open_remark(position)


class ExchangesList(ModalScreen[int | None]):
    """The replies of one speaker to another: choose one to open it."""

    BINDINGS = [Binding("escape,q", "dismiss(None)", "Back", id="shape.exchanges.back")]

    def __init__(self, title: str, options: list[tuple[int, str]]) -> None:
        super().__init__()
        self.title_text, self.choices = title, options

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title_text, Style(bold=True)), id="exchanges-title")
        yield OptionList(*(Option(Text(label), id=str(pos)) for pos, label in self.choices), id="exchanges-list")
        yield Footer()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))


class ShapeScreen(Screen[None]):
    """Who spoke how much, who answered whom, and when, for the remarks the filter leaves."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="shape.back"),
        Binding("slash", "focus_filter", "Filter", id="shape.filter"),
        Binding("t", "focus_timeline", "Over time", id="shape.timeline"),
        Binding("m", "focus_matrix", "Who answered whom", id="shape.matrix"),
        # The browser's own keys for its panes and for this view: here they leave for them (else they would
        # move the focus in the panes under this screen, unseen). Not in the footer: it has this view's keys.
        Binding("s", "leave_for('#speakers')", "Speakers", show=False, id="shape.speakers"),
        Binding("a", "leave_for('#agenda')", "Agenda", show=False, id="shape.agenda"),
        Binding("e", "leave_for('#exchanges')", "Exchanges", show=False, id="shape.exchanges"),
        Binding("v", "close", "Back", show=False, id="shape.close"),
    ]

    class FilterTyped(Message):
        """The reader typed this filter here: the browser runs it and hands the result back to `follow`."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class LeftFor(Message):
        """The reader left for a pane of the browser (its selector)."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(
        self,
        proceedings: Proceedings,
        columns: Callable[[], Columns],
        text: str,
        positions: Sequence[int],
    ) -> None:
        super().__init__()
        self.proceedings = proceedings
        self._columns_for = columns  # built on first use, in the worker: counting 100,000 texts' words takes seconds
        self.columns: Columns | None = None
        self.text, self.positions = text, list(positions)
        self.shape: Shape | None = None
        self._lane_width = -1
        self._lanes: Lanes | None = None
        self._lane_order: list[str] = []  # speaker ids, most words in the whole event first

    def compose(self) -> ComposeResult:
        yield Static(Text("Counting the remarks…", Style(italic=True)), id="shape-title")
        yield InlineKeysInput(self.text, placeholder='filter: words, "a phrase", speaker:NAME', id="shape-filter")
        with VerticalScroll(id="shape-body"):
            yield Static(share_heading(timed=False), id="shape-share-heading", classes="shape-heading")
            yield Static(id="shape-share")
            yield Static("Who answered whom (enter on a count lists those exchanges)", classes="shape-heading")
            yield DataTable(id="shape-matrix", cursor_type="cell", zebra_stripes=True)
            yield Static("No reply links among these remarks.", id="shape-no-replies")
            yield Static("Over time (n next match, enter opens)", classes="shape-heading")
            yield Timeline(id="shape-timeline")
            yield Static(id="shape-at")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#shape-timeline", Timeline).focus()
        self.call_after_refresh(self.follow, self.positions)  # once laid out: the lanes fill the width

    # ----------------------------------------------------------- recounting

    def follow(self, positions: Sequence[int]) -> None:
        """The browser's filter gave a new result: recount it in a worker."""
        self.positions = list(positions)
        self._recount(self.positions, self.query_one("#shape-timeline", Timeline).width_for_lanes())

    @work(thread=True, exclusive=True, group="shape")
    def _recount(self, positions: list[int], width: int) -> None:
        columns = self._columns_for()
        shape = columns.shape(positions)
        drawn = self._lanes if self._lane_width == width and self._lanes is not None else lanes(columns, width)
        if not self._lane_order:
            whole = columns.shape() if len(positions) < len(columns.speaker_of) else shape
            spoke = [s.speaker for s in whole.shares]
            self._lane_order = spoke + [s for s in columns.speaker_ids if s not in spoke]
        matches = match_columns(drawn, positions) if len(positions) < len(columns.speaker_of) else {}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, columns, shape, drawn, width, matches)

    def _show(self, columns: Columns, shape: Shape, drawn: Lanes, width: int, matches: dict[int, int]) -> None:
        self.columns, self.shape, self._lanes, self._lane_width = columns, shape, drawn, width
        colours = self._colours(columns)
        names = {s.id: s.name for s in self.proceedings.speakers}
        total = len(columns.speaker_of)
        filtered = f" · filter: {safe_line(self.text)}" if self.text.strip() else ""
        counts = f"  {of_total(shape.remarks, total, 'remark')}, {plural(shape.words, 'word')}{filtered}"
        self.query_one("#shape-title", Static).update(title_line(self.proceedings.event.title, counts, self.size.width))
        self.query_one("#shape-share-heading", Static).update(share_heading(timed=shape.seconds is not None))
        self.query_one("#shape-share", Static).update(self._share(shape, names, colours))
        self._matrix(columns, shape, names, colours)
        # every speaker's lane, whatever the filter, in the order of the whole event's shares
        order = [(s, names[s], colours[s]) for s in self._lane_order]
        self.query_one("#shape-timeline", Timeline).show(drawn, matches, order)
        self._describe_cursor()

    def _colours(self, columns: Columns) -> dict[str, Style]:
        # the exchanges pane's speaker colours (its speaker--N component classes), so a speaker looks the same here
        view = self.app.screen_stack[0].query_one("#exchanges")
        count = sum(1 for name in view.COMPONENT_CLASSES if name.startswith("speaker--")) or 1
        return {
            s: view.get_component_rich_style(f"speaker--{i % count}", partial=True)
            for i, s in enumerate(columns.speaker_ids)
        }

    def _share(self, shape: Shape, names: Mapping[str, str], colours: Mapping[str, Style]) -> Text:
        if not shape.shares:
            return Text("No remarks match the filter.", Style(italic=True))
        tails = [
            f" {s.words / shape.words if shape.words else 0.0:>4.0%}  {s.remarks:>4} rem."
            + (f"  {clock(s.seconds)}" if s.seconds is not None else "")
            for s in shape.shares
        ]
        # the bars take what the names and the longest tail leave (the body keeps a gutter for its scrollbar)
        room = self.query_one("#shape-share").size.width or self.size.width - 4
        width = max(10, room - NAME_CELLS - 2 - max(len(tail) for tail in tails))
        largest = max(s.words for s in shape.shares)
        text = Text(no_wrap=True, overflow="crop")
        for s, tail in zip(shape.shares, tails, strict=True):
            text.append(fit(names[s.speaker], NAME_CELLS) + "  ", colours[s.speaker])
            text.append(bar(s.words, largest, width).ljust(width), colours[s.speaker])
            text.append(tail + "\n")
        return text

    def _matrix(self, columns: Columns, shape: Shape, names: Mapping[str, str], colours: Mapping[str, Style]) -> None:
        table = self.query_one("#shape-matrix", DataTable)
        was_on = self._matrix_cursor_keys(table)
        table.clear(columns=True)
        none = self.query_one("#shape-no-replies", Static)
        table.display, none.display = bool(shape.replies), not shape.replies
        if not shape.replies:
            return
        answering = sorted({a for a, _, _ in shape.replies}, key=columns.speaker_ids.index)
        answered = sorted({b for _, b, _ in shape.replies}, key=columns.speaker_ids.index)
        counts = {(a, b): n for a, b, n in shape.replies}
        table.add_column("who ↓ answered →", key="who")
        for b in answered:
            table.add_column(Text(fit(names[b], 12).rstrip(), colours[b]), key=b)
        for a in answering:
            cells = [Text(str(counts[(a, b)]) if (a, b) in counts else "·", justify="right") for b in answered]
            table.add_row(Text(fit(names[a], NAME_CELLS).rstrip(), colours[a]), *cells, key=a)
        self._place_matrix_cursor(table, answering, answered, counts, was_on)

    @staticmethod
    def _matrix_cursor_keys(table: DataTable[Text]) -> tuple[str | None, str | None] | None:
        """The (row, column) keys of the matrix's cursor, or None while the matrix is empty."""
        if not table.row_count:
            return None
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        return keys.row_key.value, keys.column_key.value

    @staticmethod
    def _place_matrix_cursor(
        table: DataTable[Text],
        answering: list[str],
        answered: list[str],
        counts: Mapping[tuple[str, str], int],
        was_on: tuple[str | None, str | None] | None,
    ) -> None:
        """Where it was if that cell is still there, else on the first count (a name lists less at a glance)."""
        if was_on is not None and was_on[0] in answering and was_on[1] in answered:
            row, column = answering.index(was_on[0]), 1 + answered.index(was_on[1])
        else:
            row = 0
            column = 1 + next(i for i, b in enumerate(answered) if (answering[0], b) in counts)
        table.cursor_coordinate = Coordinate(row, column)

    # -------------------------------------------------------------- actions

    @on(Input.Changed, "#shape-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.text = event.value
        self.post_message(self.FilterTyped(event.value))

    @on(Input.Submitted, "#shape-filter")
    def _filter_done(self) -> None:
        self.query_one("#shape-timeline", Timeline).focus()

    @on(DataTable.CellSelected, "#shape-matrix")
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        """A count lists those replies; a speaker's name (the first column) lists every reply of theirs."""
        answering, answered = event.cell_key.row_key.value, event.cell_key.column_key.value
        if answering is None or answered is None or self.columns is None or self.shape is None:
            return
        names = {s.id: s.name for s in self.proceedings.speakers}
        remarks = self.proceedings.remarks
        if answered == "who":
            whom = sorted({b for a, b, _ in self.shape.replies if a == answering}, key=self.columns.speaker_ids.index)
            found = sorted(p for b in whom for p in self.columns.exchanges(answering, b, self.positions))
            title = f"{safe_line(names[answering])} answering anyone: {len(found)}"
        else:
            found = self.columns.exchanges(answering, answered, self.positions)
            title = f"{safe_line(names[answering])} answering {safe_line(names[answered])}: {len(found)}"
        if not found:
            self.notify(f"{safe_line(names[answering])} did not answer {safe_line(names[answered])} here")
            return
        options = [(p, f"{remarks[p].id}  {shortened(safe_line(remarks[p].text), EXCERPT_CHARS)}") for p in found]
        self.app.push_screen(ExchangesList(title, options), self._opened)

    def _opened(self, position: int | None) -> None:
        if position is not None:
            self.open_remark(position)

    def open_remark(self, position: int) -> None:
        from .remark import RemarkScreen

        self.app.push_screen(RemarkScreen(self.proceedings, self.proceedings.remarks[position]))

    @property
    def current(self) -> Remark | None:
        """The remark at the timeline's cursor: the one the line under the lanes describes and enter opens."""
        timeline = self.query_one("#shape-timeline", Timeline)
        position = timeline.matches.get(timeline.cursor, timeline.remark_at_cursor())
        return None if position is None else self.proceedings.remarks[position]

    @on(CursorMoved)
    def _describe_cursor(self) -> None:
        remark = self.current
        at = self.query_one("#shape-at", Static)
        if remark is None:
            at.update("")
            return
        speaker = self.proceedings.speaker_by_id[remark.speaker]
        when = f"  {clock(remark.start)}" if remark.start is not None else ""
        line = Text(f"{remark.id}{when}  ", Style(dim=True))
        line.append(safe_line(speaker.name), Style(bold=True))
        line.append(f": {safe_line(remark.text)}")
        at.update(line)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_leave_for(self, pane: str) -> None:
        """Back to the browser, in the pane the key goes to there."""
        self.app.post_message(self.LeftFor(pane))  # to the app: this screen is gone before it could pass it on
        self.dismiss(None)

    def action_focus_filter(self) -> None:
        self.query_one("#shape-filter", Input).focus()

    def action_focus_timeline(self) -> None:
        self.query_one("#shape-timeline", Timeline).focus()

    def action_focus_matrix(self) -> None:
        self.query_one("#shape-matrix", DataTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted and self.shape is not None:
            self.follow(self.positions)
