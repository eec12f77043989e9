"""The exchanges pane: remarks as reply threads, drawn one visible line at a time.

A `ScrollView` with `render_line` (the Line API, as Textual's own OptionList and
Textualize's toolong use) so that 100,000 remarks cost what the visible ones
cost: an `ExchangeLayout` places the rows from a cached word wrap, an
`ExchangeRenderer` draws a row on demand and keeps the last ones in a small
LRU cache; the view holds the rows, the cursor, scrolling, messages and keys.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence

from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.model import Proceedings, Remark
from ...core.query import Query
from ...core.threads import MATCHED, ThreadRow, ThreadRows
from .exchange_layout import ExchangeLayout
from .exchange_rows import SPEAKER_COLOURS, ExchangeRenderer, highlighted, speaker_colour_class
from .keys import movement_bindings
from .styles import layer_style

__all__ = ["SPEAKER_COLOURS", "ExchangeView", "highlighted", "speaker_colour_class"]  # as the other panes import them


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
        self._layout = ExchangeLayout()
        self._renderer = ExchangeRenderer(lambda name: layer_style(self, name))

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

    @property
    def marked(self) -> frozenset[str]:
        """Remark ids in the reader's collection: drawn with ★."""
        return self._renderer.marked

    @property
    def _empty_message(self) -> str:
        """What the view says when no remark is shown (and how to undo the filters that hid them)."""
        return self._renderer.empty_message

    @property
    def _starts(self) -> Sequence[int]:
        """The first line of each row, then the total."""
        return self._layout.starts

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
        previous = self.current if proceedings is self._proceedings else None
        self._proceedings = proceedings
        self._rows = rows
        self._renderer.show(proceedings, query, colours, empty_message, where)
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

    def show_marked(self, marked: frozenset[str]) -> None:
        if self._renderer.mark(marked):
            self.refresh()

    # ---------------------------------------------------------------- layout

    def _width(self) -> int:
        width = self.scrollable_content_region.width
        return width if width > 0 else (self.size.width or 80)

    def _relayout(self) -> None:
        self._layout.lay_out(self._proceedings, self._rows, self._width())
        self._sync_virtual_size()

    def _relayout_if_resized(self) -> None:
        if self._layout.width != self._width():
            self._renderer.forget()
            self._relayout()

    def _sync_virtual_size(self) -> None:
        self.virtual_size = Size(self._layout.width, self._layout.lines)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._relayout_if_resized()
        top = self.scroll_offset.y
        if self._layout.settle(top, top + self.size.height):
            self._sync_virtual_size()
        return super().render_lines(crop)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout_if_resized()
        # After the new size is laid out: the remark under the cursor stays in view.
        self.call_after_refresh(self._scroll_cursor_into_view)

    # --------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        base = self.rich_style
        rows = self._rows
        if not rows:
            return self._renderer.empty_line(line, width, base)
        index = self._layout.row_at(line)
        if index < 0 or index >= len(rows):
            return Strip.blank(width, base)
        strips = self._renderer.row(index, rows[index], width, index == self.cursor, self.has_focus, base)
        offset = line - self._starts[index]
        return strips[offset] if offset < len(strips) else Strip.blank(width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._renderer.forget()

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
        if self._layout.measure([index]):
            self._sync_virtual_size()
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
