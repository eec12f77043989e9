"""The exchanges pane: remarks as reply threads, drawn one visible line at a time.

A `ScrollView` with `render_line` (the Line API, as Textual's own OptionList and
Textualize's toolong use) so that 100,000 remarks cost what the visible ones
cost: heights come from a cached word wrap, lines are rendered on demand and
kept in a small LRU cache.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import accumulate, repeat
from operator import add, attrgetter, floordiv, mul, neg

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.model import Proceedings, Remark
from ...core.query import Query, spans
from ...core.textsafe import safe_line, safe_text
from ...core.threads import MATCHED, ThreadRow, ThreadRows, continues_width
from ...core.wrap import wrap_offsets
from ...output.render import clock
from .keys import movement_bindings
from .styles import layer_style

SPEAKER_COLOURS = 8


def speaker_colour_class(index: int) -> str:
    return f"speaker--{index % SPEAKER_COLOURS}"


class ExchangeView(ScrollView, can_focus=True):
    """Threads of remarks with a cursor on one remark."""

    COMPONENT_CLASSES = {
        "exchange--guide",
        "exchange--meta",
        "exchange--context",
        "exchange--match",
        "exchange--cursor",
        "exchange--empty",
        *(speaker_colour_class(i) for i in range(SPEAKER_COLOURS)),
    }

    BINDINGS = [
        *movement_bindings("exchanges"),
        Binding("enter", "open", "Open", id="exchanges.open", tooltip="Open the remark with its thread"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Opened(Message):
        """A remark was chosen to read in full."""

        def __init__(self, remark: Remark) -> None:
            super().__init__()
            self.remark = remark

    class Moved(Message):
        """The cursor is on another remark (or the rows changed under it)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._proceedings: Proceedings | None = None
        self._rows: ThreadRows | None = None
        self._query = Query()
        self._colours: Mapping[str, int] = {}
        self._where: Callable[[Remark], str] | None = None
        self.marked: frozenset[str] = frozenset()  # remark ids in the reader's collection: drawn with ★
        self._empty_message = ""
        self._starts: list[int] = [0]  # first line of each row, then the total
        self._layout_width = -1
        # Per width: each remark's height in lines (header, text, separator), an
        # estimate until the remark is first drawn, and which ones are exact.
        self._heights: dict[int, list[int]] = {}
        self._exact: dict[int, bytearray] = {}
        self._strips: LRUCache[tuple[int, int, bool, bool], list[Strip]] = LRUCache(256)

    # ------------------------------------------------------------------ data

    @property
    def rows(self) -> Sequence[ThreadRow]:
        return self._rows if self._rows is not None else ()

    @property
    def current(self) -> Remark | None:
        if self._rows is not None and 0 <= self.cursor < len(self._rows):
            assert self._proceedings is not None
            return self._proceedings.remarks[self._rows.positions[self.cursor]]
        return None

    def show(
        self,
        proceedings: Proceedings,
        rows: ThreadRows,
        query: Query,
        colours: Mapping[str, int],
        empty_message: str = "",
        where: Callable[[Remark], str] | None = None,
    ) -> None:
        """Replace the rows: the cursor stays on its remark if it still matches, else starts at the first match.

        `where`: where a remark was said, when its section does not say it (All events: its event and section).
        """
        self._where = where
        previous = self.current
        if proceedings is not self._proceedings:
            self._heights.clear()
            self._exact.clear()
            previous = None
        self._proceedings = proceedings
        self._rows = rows
        self._query = query
        self._colours = colours
        self._empty_message = empty_message
        self._strips.clear()
        kept = previous is not None and rows.mask[previous.position] == MATCHED
        if kept:
            cursor = rows.positions.index(previous.position)  # type: ignore[union-attr]
        else:  # a new result: its first match, never a dimmed context remark
            cursor = next((i for i, p in enumerate(rows.positions) if rows.mask[p] == MATCHED), 0)
        self._relayout()
        self.cursor = cursor
        if rows.positions:
            # The view shows the cursor's remark from its first line; from the top when that fits.
            region = self._row_region(cursor)
            fits = region.bottom <= self.scrollable_content_region.height
            self.scroll_to(y=0 if fits else region.y, animate=False)
        else:
            self.scroll_to(y=0, animate=False)
        self.refresh()

    def go_to(self, position: int) -> bool:
        """Put the cursor on the remark at this position of the event, if it is shown."""
        if self._rows is None or not 0 <= position < len(self._rows.mask) or not self._rows.mask[position]:
            return False
        self.cursor = self._rows.positions.index(position)
        return True

    # ---------------------------------------------------------------- layout

    def _text_width(self, depth: int, width: int) -> int:
        return max(8, width - continues_width(depth) - 1)

    def _width(self) -> int:
        width = self.scrollable_content_region.width
        return width if width > 0 else (self.size.width or 80)

    def _heights_at(self, width: int) -> list[int]:
        heights = self._heights.get(width)
        if heights is None:
            assert self._rows is not None and self._proceedings is not None
            depth = self._rows.forest.depth
            # A first guess from the text's length: 2 + max(1, ceil(1.1 * length / text width)),
            # exact once the remark is drawn. Built of C-level maps: at a million remarks, 0.2 s, not 0.8.
            widths = [10 * self._text_width(d, width) for d in range(max(depth, default=0) + 1)]
            lengths = map(len, map(attrgetter("text"), self._proceedings.remarks))
            lines = map(neg, map(floordiv, map(mul, lengths, repeat(-11)), map(widths.__getitem__, depth)))
            heights = list(map(add, map(max, lines, repeat(1)), repeat(2)))
            self._heights[width] = heights
            self._exact[width] = bytearray(len(heights))
        return heights

    def _relayout(self) -> None:
        width = self._width()
        self._layout_width = width
        if self._rows is None or not self._rows.positions:
            self._starts = [0]
            self.virtual_size = Size(width, 3)
            return
        heights = self._heights_at(width)
        self._starts = list(accumulate(map(heights.__getitem__, self._rows.positions), initial=0))
        self.virtual_size = Size(width, self._starts[-1])

    def _make_exact(self, indexes: Iterable[int]) -> int | None:
        """Measure these rows' remarks exactly; the first row whose guess was wrong, if any."""
        assert self._rows is not None and self._proceedings is not None
        width = self._layout_width
        heights, exact = self._heights_at(width), self._exact[width]
        changed: int | None = None
        for index in indexes:
            position = self._rows.positions[index]
            if exact[position]:
                continue
            exact[position] = 1
            text_width = self._text_width(self._rows.forest.depth[position], width)
            height = 2 + len(wrap_offsets(safe_text(self._proceedings.remarks[position].text), text_width))
            if heights[position] != height:
                heights[position] = height
                changed = index if changed is None else min(changed, index)
        return changed

    def _relayout_from(self, index: int) -> None:
        """Re-lay out the rows from `index` on: a correction near the end costs little."""
        assert self._rows is not None
        heights = self._heights_at(self._layout_width)
        positions = self._rows.positions
        self._starts[index:] = accumulate(map(heights.__getitem__, positions[index:]), initial=self._starts[index])
        self.virtual_size = Size(self._layout_width, self._starts[-1])

    def _settle(self, first_line: int, last_line: int) -> None:
        """Make the rows between these lines exact, re-laying out as guesses are corrected."""
        if self._rows is None or not self._rows.positions:
            return
        for _ in range(8):  # each pass can only pull more rows into view; few are needed
            first = max(0, bisect_right(self._starts, first_line) - 1)
            last = min(len(self._rows) - 1, bisect_right(self._starts, last_line) - 1)
            changed = self._make_exact(range(first, last + 1))
            if changed is None:
                return
            self._relayout_from(changed)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._layout_width != self._width():
            self._strips.clear()
            self._relayout()
        top = self.scroll_offset.y
        self._settle(top, top + self.size.height)
        return super().render_lines(crop)

    def on_resize(self, event: events.Resize) -> None:
        if self._width() != self._layout_width:
            self._strips.clear()
            self._relayout()
        # After the new size is laid out: the remark under the cursor stays in view.
        self.call_after_refresh(self._scroll_cursor_into_view)

    # --------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        base = self.rich_style
        rows = self._rows
        if not rows:
            message = safe_line(self._empty_message)
            lines = wrap_offsets(message, max(8, width - 4)) if message else []
            if 1 <= line <= len(lines):
                start, end = lines[line - 1]
                style = base + self._style("exchange--empty")
                return Strip([Segment("  " + message[start:end], style)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        index = bisect_right(self._starts, line) - 1
        if index < 0 or index >= len(rows):
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, width, selected, self.has_focus)
        strips = self._strips.get(key)
        if strips is None:
            strips = self._render_row(rows[index], width, selected)
            self._strips[key] = strips
        offset = line - self._starts[index]
        return strips[offset] if offset < len(strips) else Strip.blank(width, base)

    def _style(self, name: str) -> Style:
        return layer_style(self, name)

    def _render_row(self, row: ThreadRow, width: int, selected: bool) -> list[Strip]:
        assert self._proceedings is not None
        proceedings = self._proceedings
        remark = row.remark
        base = self.rich_style
        if row.context:
            base = base + self._style("exchange--context")
        if selected:
            base = base + self._style("exchange--cursor")
        guide = base + self._style("exchange--guide")
        meta = base + self._style("exchange--meta")
        speaker = proceedings.speaker_by_id[remark.speaker]
        name_style = base + self._style(speaker_colour_class(self._colours.get(speaker.id, 0)))
        if row.context:
            name_style = name_style + self._style("exchange--context")
        section = proceedings.section_by_id[remark.section]

        header = [Segment(row.guide, guide)]
        if remark.id in self.marked:
            header.append(Segment("★ ", name_style + Style(bold=True)))
        header.append(Segment(safe_line(speaker.name), name_style + Style(bold=True)))
        details = f"  {section.label if self._where is None else self._where(remark)}"
        if remark.start is not None:
            details += f"  {clock(remark.start)}"
        if remark.reply_to is not None:
            parent = proceedings.remark_by_id[remark.reply_to]
            details += f"  ↳ answers {proceedings.speaker_by_id[parent.speaker].name}"
        if row.context:
            details += "  (context)"
        header.append(Segment(safe_line(details), meta))
        header.append(Segment(f"  {remark.id}", meta + Style(dim=True)))  # to type in `podium thread`
        head = Strip(header)
        if head.cell_length > width:  # cut where it ends, and say so
            head = Strip.join([head.crop(0, max(0, width - 1)), Strip([Segment("…", meta)])])
        strips = [head.crop_extend(0, width, base)]

        text = safe_text(remark.text)
        highlights = [] if row.context else spans(remark.text, self._query)
        match = base + self._style("exchange--match")
        for start, end in wrap_offsets(text, self._text_width(row.depth, width)):
            segments = [Segment(row.continues + " ", guide)]
            segments += highlighted(text, start, end, highlights, base, match)
            strips.append(Strip(segments).crop_extend(0, width, base))
        strips.append(Strip([Segment(row.continues, guide)]).crop_extend(0, width, base))
        return strips

    def show_marked(self, marked: frozenset[str]) -> None:
        if marked != self.marked:
            self.marked = marked
            self._strips.clear()
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ---------------------------------------------------------------- cursor

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Moved())

    def _row_region(self, index: int) -> Region:
        changed = self._make_exact([index])
        if changed is not None:
            self._relayout_from(changed)
        start, end = self._starts[index], self._starts[index + 1]
        return Region(0, start, max(1, self.scrollable_content_region.width), end - start)

    def _scroll_cursor_into_view(self) -> None:
        if not self.rows or not self.is_mounted:
            return
        region = self._row_region(self.cursor)
        height = self.scrollable_content_region.height
        if region.height > height:
            region = Region(region.x, region.y, region.width, max(1, height))
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._keep_cursor_in_view()

    def _keep_cursor_in_view(self) -> None:
        """Scrolled away (wheel, scrollbar): the cursor moves to the top visible remark, as in Textual's lists.

        Keys then act on what the reader sees: c copies, enter opens, j goes on from there.
        """
        if not self.rows or not self.is_mounted or len(self._starts) != len(self.rows) + 1:
            return
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        start, end = self._starts[self.cursor], self._starts[self.cursor + 1]
        if end > top and start < top + height:
            return  # some of the cursor's remark is on screen
        index = bisect_left(self._starts, top)  # the first remark whose heading is on screen
        if index >= len(self.rows) or self._starts[index] >= top + height:
            index = max(0, bisect_right(self._starts, top) - 1)  # one remark fills the screen
        self.cursor = index

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def _move_by_page(self, direction: int) -> None:
        if not self.rows:
            return
        target = self._starts[self.cursor] + direction * max(1, self.scrollable_content_region.height)
        self.cursor = min(len(self.rows) - 1, bisect_right(self._starts, max(0, target)) - 1)

    def action_page_up(self) -> None:
        self._move_by_page(-1)

    def action_page_down(self) -> None:
        self._move_by_page(1)

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current))

    def on_click(self, event: events.Click) -> None:
        if not self.rows:
            return
        line = self.scroll_offset.y + event.y
        index = bisect_right(self._starts, line) - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index


def highlighted(
    text: str, start: int, end: int, highlights: list[tuple[int, int]], style: Style, match: Style
) -> list[Segment]:
    """Segments of text[start:end] with the spans that fall inside it highlighted."""
    segments: list[Segment] = []
    at = start
    # Spans are sorted and disjoint: start at the first that ends inside this line.
    first = bisect_right(highlights, (start, start)) - 1
    for h_start, h_end in highlights[max(0, first) :]:
        if h_start >= end:
            break
        if h_end <= start:
            continue
        h_start, h_end = max(h_start, start), min(h_end, end)
        if h_start > at:
            segments.append(Segment(text[at:h_start], style))
        segments.append(Segment(text[h_start:h_end], match))
        at = h_end
    if at < end:
        segments.append(Segment(text[at:end], style))
    return segments
