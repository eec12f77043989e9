"""Drawing one remark of the exchanges pane: its header line, its wrapped text, a separator.

A plain class the `ExchangeView` composes and asks for a row's strips; it keeps
the rows it drew lately, so a screen of scrolling redraws no remark twice.
The view keeps what is not drawing: rows, layout, cursor, scrolling and keys.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from ...core.model import Proceedings, Remark
from ...core.query import Query, spans
from ...core.textsafe import safe_line, safe_text
from ...core.threads import ThreadRow, continues_width
from ...core.wrap import wrap_offsets
from ...output.render import clock

SPEAKER_COLOURS = 8


def speaker_colour_class(index: int) -> str:
    return f"speaker--{index % SPEAKER_COLOURS}"


def text_width(depth: int, width: int) -> int:
    """The cells a remark's text wraps to at this depth of its thread: the guide takes the rest."""
    return max(8, width - continues_width(depth) - 1)


def row_height(text: str, depth: int, width: int) -> int:
    """The lines `ExchangeRenderer.row` draws for a remark: its header, its wrapped text, a separator."""
    return 2 + len(wrap_offsets(safe_text(text), text_width(depth, width)))


class ExchangeRenderer:
    """Draws rows of remarks as strips, in the styles its view looks up by component class name."""

    def __init__(self, style: Callable[[str], Style]) -> None:
        self._style = style
        self._proceedings: Proceedings | None = None
        self._query = Query()
        self._colours: Mapping[str, int] = {}
        self._where: Callable[[Remark], str] | None = None
        self.empty_message = ""
        self.marked: frozenset[str] = frozenset()  # remark ids in the reader's collection: drawn with ★
        # Keyed by row index, width, whether the cursor is on it and whether the view has focus.
        self._strips: LRUCache[tuple[int, int, bool, bool], list[Strip]] = LRUCache(256)

    def show(
        self,
        proceedings: Proceedings,
        query: Query,
        colours: Mapping[str, int],
        empty_message: str,
        where: Callable[[Remark], str] | None,
    ) -> None:
        """Draw these proceedings' remarks from now on, the query's matches highlighted."""
        self._proceedings = proceedings
        self._query = query
        self._colours = colours
        self.empty_message = empty_message
        self._where = where
        self.forget()

    def mark(self, marked: frozenset[str]) -> bool:
        """Draw these remarks with ★; whether that changed anything."""
        if marked == self.marked:
            return False
        self.marked = marked
        self.forget()
        return True

    def forget(self) -> None:
        """Drop the rows drawn so far: their rows, styles or marks changed."""
        self._strips.clear()

    def empty_line(self, line: int, width: int, base: Style) -> Strip:
        """A line of the view when there are no rows: the message, wrapped, under a blank line."""
        message = safe_line(self.empty_message)
        lines = wrap_offsets(message, max(8, width - 4)) if message else []
        if 1 <= line <= len(lines):
            start, end = lines[line - 1]
            style = base + self._style("exchange--empty")
            return Strip([Segment("  " + message[start:end], style)]).adjust_cell_length(width, base)
        return Strip.blank(width, base)

    def row(self, index: int, row: ThreadRow, width: int, selected: bool, focused: bool, base: Style) -> list[Strip]:
        """The strips of the row at this index, one a line, drawn once per width, cursor and focus."""
        key = (index, width, selected, focused)
        strips = self._strips.get(key)
        if strips is None:
            strips = self._draw(row, width, selected, base)
            self._strips[key] = strips
        return strips

    def _draw(self, row: ThreadRow, width: int, selected: bool, base: Style) -> list[Strip]:
        if row.context:
            base = base + self._style("exchange--context")
        if selected:
            base = base + self._style("exchange--cursor")
        guide = base + self._style("exchange--guide")
        strips = [self._header(row, width, base, guide)]
        text = safe_text(row.remark.text)
        highlights = [] if row.context else spans(row.remark.text, self._query)
        match = base + self._style("exchange--match")
        for start, end in wrap_offsets(text, text_width(row.depth, width)):
            segments = [Segment(row.continues + " ", guide)]
            segments += highlighted(text, start, end, highlights, base, match)
            strips.append(Strip(segments).crop_extend(0, width, base))
        strips.append(Strip([Segment(row.continues, guide)]).crop_extend(0, width, base))
        return strips

    def _header(self, row: ThreadRow, width: int, base: Style, guide: Style) -> Strip:
        """The speaker's name, where and when it was said, whom it answers, and the remark's id."""
        assert self._proceedings is not None
        proceedings = self._proceedings
        remark = row.remark
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
        parent = proceedings.parent_of(remark)
        if parent is not None:
            details += f"  ↳ answers {proceedings.speaker_by_id[parent.speaker].name}"
        if row.context:
            details += "  (context)"
        header.append(Segment(safe_line(details), meta))
        header.append(Segment(f"  {remark.id}", meta + Style(dim=True)))  # to type in `podium thread`
        head = Strip(header)
        if head.cell_length > width:  # cut where it ends, and say so
            head = Strip.join([head.crop(0, max(0, width - 1)), Strip([Segment("…", meta)])])
        return head.crop_extend(0, width, base)


def highlighted(
    text: str, start: int, end: int, highlights: list[tuple[int, int]], style: Style, match: Style
) -> list[Segment]:
    """Segments of text[start:end] with the spans that fall inside it highlighted."""
    segments: list[Segment] = []
    at = start
    # Spans are sorted and disjoint: start at the first that ends inside this line, by index,
    # not by a slice: copying the rest of the spans on every line is quadratic in a long remark.
    for index in range(max(0, bisect_right(highlights, (start, start)) - 1), len(highlights)):
        h_start, h_end = highlights[index]
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
