"""Where each remark of the exchanges pane starts, at one width, for 100,000 remarks at the cost of the visible ones.

Heights are guessed from the text's length for every remark, then made exact
(wrapped as `ExchangeRenderer` draws them) for the remarks that come into view;
a wrong guess re-lays out the rows from there on. A plain class: the
`ExchangeView` composes it and sets its virtual size from it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, repeat
from operator import add, floordiv, mul, neg

from ...core import column_math
from ...core.model import Proceedings
from ...core.threads import ThreadRows
from .exchange_rows import row_height, text_width


class ExchangeLayout:
    """The first line of each row at a width, from guessed heights made exact as rows are seen."""

    def __init__(self) -> None:
        self._proceedings: Proceedings | None = None
        self._rows: ThreadRows | None = None
        self.width = -1
        # First line of each row, then the total. Arrays, not lists: at ten million rows a list
        # of line numbers was 360 MB (an int object each), an array of 64-bit ints 80 MB.
        self.starts: array[int] = array("q", [0])
        # Per width: each remark's height in lines (header, text, separator), an
        # estimate until the remark is first drawn, and which ones are exact.
        self._heights: dict[int, array[int]] = {}
        self._exact: dict[int, bytearray] = {}

    @property
    def lines(self) -> int:
        """The lines of all rows; with none, room for the message that says why."""
        return self.starts[-1] if self._rows else 3

    def lay_out(self, proceedings: Proceedings | None, rows: ThreadRows | None, width: int) -> None:
        """Lay these rows out at this width; heights measured before are kept while the proceedings are."""
        if proceedings is not self._proceedings:
            self._heights.clear()
            self._exact.clear()
        self._proceedings, self._rows, self.width = proceedings, rows, width
        if rows is None or not rows.positions:
            self.starts = array("q", [0])
            return
        self.starts = _line_starts(self._heights_at(width), rows.positions, 0)

    def row_at(self, line: int) -> int:
        """The index of the row this line is in (-1 above the first, len(rows) past the last)."""
        return bisect_right(self.starts, line) - 1

    def measure(self, indexes: Iterable[int]) -> bool:
        """Make these rows' heights exact, re-laying out after the first wrong guess; whether one was."""
        changed = self._make_exact(indexes)
        if changed is not None:
            self._relayout_from(changed)
        return changed is not None

    def settle(self, first_line: int, last_line: int) -> bool:
        """Make the rows between these lines exact; whether the layout changed."""
        if self._rows is None or not self._rows.positions:
            return False
        moved = False
        for _ in range(8):  # each pass can only pull more rows into view; few are needed
            first = max(0, self.row_at(first_line))
            last = min(len(self._rows) - 1, self.row_at(last_line))
            if not self.measure(range(first, last + 1)):
                return moved
            moved = True
        return moved

    def _heights_at(self, width: int) -> array[int]:
        heights = self._heights.get(width)
        if heights is None:
            assert self._rows is not None and self._proceedings is not None
            depth = self._rows.forest.depth
            # A first guess from the text's length: 2 + max(1, ceil(1.1 * length / text width)),
            # exact once the remark is drawn. Built of C-level maps: at a million remarks, 0.2 s, not 0.8.
            widths = [10 * text_width(d, width) for d in range(max(depth, default=0) + 1)]
            lengths = self._proceedings.columns.length
            if len(lengths) >= column_math.LARGE:
                heights = column_math.guessed_heights(lengths, depth, widths)
            else:
                lines = map(neg, map(floordiv, map(mul, lengths, repeat(-11)), map(widths.__getitem__, depth)))
                heights = array("i", map(add, map(max, lines, repeat(1)), repeat(2)))
            self._heights[width] = heights
            self._exact[width] = bytearray(len(heights))
        return heights

    def _make_exact(self, indexes: Iterable[int]) -> int | None:
        """Measure these rows' remarks exactly; the first row whose guess was wrong, if any."""
        assert self._rows is not None and self._proceedings is not None
        heights, exact = self._heights_at(self.width), self._exact[self.width]
        changed: int | None = None
        for index in indexes:
            position = self._rows.positions[index]
            if exact[position]:
                continue
            exact[position] = 1
            height = row_height(self._proceedings.remarks[position].text, self._rows.forest.depth[position], self.width)
            if heights[position] != height:
                heights[position] = height
                changed = index if changed is None else min(changed, index)
        return changed

    def _relayout_from(self, index: int) -> None:
        """Re-lay out the rows from `index` on: a correction near the end costs little."""
        assert self._rows is not None
        rest = _line_starts(self._heights_at(self.width), self._rows.positions[index:], self.starts[index])
        self.starts[index:] = rest


def _line_starts(heights: array[int], positions: Sequence[int], first: int) -> array[int]:
    """Where each of these rows starts, from line `first`, then where the last ends."""
    if len(positions) >= column_math.LARGE:
        return column_math.line_starts(heights, positions, first)
    return array("q", accumulate(map(heights.__getitem__, positions), initial=first))
