"""The talks pane: a conference schedule's talks where the exchanges would be.

Each talk shows its time, length, room and track, its title, its speakers in
their colours and its abstract with the filter's matches highlighted. A schedule
has hundreds of talks, not 100,000 remarks, so heights are measured exactly on
each change; lines are still drawn one at a time (the Line API).
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.model import Proceedings, Section
from ...core.query import Query, spans
from ...core.textsafe import safe_line, safe_text
from ...core.wrap import wrap_offsets
from .exchanges import SPEAKER_COLOURS, highlighted, speaker_colour_class
from .keys import movement_bindings
from .styles import layer_style

INDENT = "  "


def when(talk: Section, *, short: bool = False) -> str:
    """'Sun 27 Dec 2020 11:00 · 40 min · room · track' from what the schedule gives; short: day, time, room."""
    start = talk.start or ""
    try:
        moment = datetime.datetime.fromisoformat(start.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is not None:
        has_time = "T" in start or " " in start
        day = "%a %d %b" if short else "%a %d %b %Y"
        start = moment.strftime(f"{day} %H:%M" if has_time else day)
    parts = (
        [start, talk.room or ""]
        if short
        else [start, f"{talk.duration} min" if talk.duration else "", talk.room or "", talk.track or ""]
    )
    return " · ".join(p for p in parts if p)


Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class TalkMarks:
    """A talk's text with the query's matches in it: folded once per query, not once per line drawn."""

    title: str
    title_marks: Spans
    abstract: str
    abstract_marks: Spans


class TalkView(ScrollView, can_focus=True):
    """The talks that match the filter, in agenda order, with a cursor on one."""

    COMPONENT_CLASSES = {
        "talk--meta",
        "talk--match",
        "talk--cursor",
        "talk--empty",
        *(speaker_colour_class(i) for i in range(SPEAKER_COLOURS)),
    }
    BINDINGS = [*movement_bindings("talks")]

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._proceedings: Proceedings | None = None
        self._talks: list[int] = []
        self._query = Query()
        self._colours: Mapping[str, int] = {}
        self._empty_message = ""
        self._starts: list[int] = [0]
        self._width_laid_out = -1
        # Per talk (section index): a frame draws ~30 lines, and folding the whole abstract again
        # for each of them cost ~0.45 s a keystroke on a schedule. The marks hold for one query
        # (shown talks only, as drawn), the wrapped lines for one width (every talk: the heights).
        self._marks: dict[int, TalkMarks] = {}
        self._lines: dict[int, list[tuple[int, int]]] = {}
        # The last talk drawn: the next line of a frame is most likely its next line.
        self._last_drawn: tuple[tuple[object, ...], list[Strip]] | None = None

    @property
    def talks(self) -> Sequence[int]:
        return self._talks

    @property
    def current(self) -> Section | None:
        if self._proceedings is not None and 0 <= self.cursor < len(self._talks):
            return self._proceedings.sections[self._talks[self.cursor]]
        return None

    def show(
        self, proceedings: Proceedings, talks: list[int], query: Query, colours: Mapping[str, int], empty: str = ""
    ) -> None:
        """Replace the talks; a new result starts at its first talk."""
        if proceedings is not self._proceedings:
            self._lines.clear()  # another event's talks under the same indices
        self._proceedings, self._talks, self._query = proceedings, talks, query
        self._colours, self._empty_message = colours, empty
        self._marks.clear()  # a new query: new matches
        self._last_drawn = None
        self._relayout()
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self.refresh()

    # ---------------------------------------------------------------- layout

    def _width(self) -> int:
        width = self.scrollable_content_region.width
        return width if width > 0 else (self.size.width or 80)

    def _talk_marks(self, index: int) -> TalkMarks:
        """The talk's title and abstract as shown, and where the query matches them."""
        marks = self._marks.get(index)
        if marks is None:
            assert self._proceedings is not None
            talk = self._proceedings.sections[index]
            title, abstract = safe_line(f"{talk.number}. {talk.title}"), safe_text(talk.abstract or "")
            marks = TalkMarks(title, spans(title, self._query), abstract, spans(abstract, self._query))
            self._marks[index] = marks
        return marks

    def _abstract_lines(self, index: int) -> list[tuple[int, int]]:
        """[start, end) offsets of the abstract's lines at the width laid out."""
        lines = self._lines.get(index)
        if lines is None:
            assert self._proceedings is not None
            abstract = self._proceedings.sections[index].abstract
            width = max(8, self._width_laid_out - len(INDENT))
            lines = self._lines[index] = wrap_offsets(safe_text(abstract), width) if abstract else []
        return lines

    def _height(self, index: int) -> int:
        assert self._proceedings is not None
        talk = self._proceedings.sections[index]
        return 2 + bool(talk.speakers) + len(self._abstract_lines(index)) + 1

    def _relayout(self) -> None:
        width = self._width()
        if width != self._width_laid_out:
            self._lines.clear()  # wrapped for another width
        self._width_laid_out = width
        self._last_drawn = None
        if self._proceedings is None or not self._talks:
            self._starts = [0]
            self.virtual_size = Size(width, 3)
            return
        self._starts = list(accumulate((self._height(i) for i in self._talks), initial=0))
        self.virtual_size = Size(width, self._starts[-1])

    def on_resize(self, event: events.Resize) -> None:
        if self._width() != self._width_laid_out:
            self._relayout()
        self.call_after_refresh(self._scroll_cursor_into_view)

    # --------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        if self._width() != self._width_laid_out:
            self._relayout()
        width = self._width_laid_out
        line = self.scroll_offset.y + y
        base = self.rich_style
        if not self._talks:
            if line == 1 and self._empty_message:
                style = base + layer_style(self, "talk--empty")
                return Strip([Segment(INDENT + safe_line(self._empty_message), style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        index = bisect_right(self._starts, line) - 1
        if not 0 <= index < len(self._talks):
            return Strip.blank(width, base)
        key = (index, index == self.cursor, width, self.has_focus, base)
        if self._last_drawn is not None and self._last_drawn[0] == key:
            strips = self._last_drawn[1]
        else:
            strips = self._render_talk(index, width)
            self._last_drawn = (key, strips)
        offset = line - self._starts[index]
        return strips[offset] if offset < len(strips) else Strip.blank(width, base)

    def _render_talk(self, index: int, width: int) -> list[Strip]:
        assert self._proceedings is not None
        proceedings = self._proceedings
        talk = proceedings.sections[self._talks[index]]
        base = self.rich_style
        if index == self.cursor:
            base = base + layer_style(self, "talk--cursor")
        meta = base + layer_style(self, "talk--meta")
        match = base + layer_style(self, "talk--match")

        text = self._talk_marks(self._talks[index])

        def text_line(text: str, marks: Spans, style: Style, start: int = 0, end: int | None = None) -> Strip:
            segments = [
                Segment(INDENT, base),
                *highlighted(text, start, len(text) if end is None else end, marks, style, match),
            ]
            return Strip(segments).crop_extend(0, width, base)

        strips = [Strip([Segment(INDENT + safe_line(when(talk) or talk.label), meta)]).crop_extend(0, width, base)]
        strips.append(text_line(text.title, text.title_marks, base + Style(bold=True)))
        if talk.speakers:
            names: list[Segment] = [Segment(INDENT, base)]
            for n, speaker_id in enumerate(talk.speakers):
                colour = layer_style(self, speaker_colour_class(self._colours.get(speaker_id, 0)))
                separator = [Segment(", ", meta)] if n else []
                names += [*separator, Segment(safe_line(proceedings.speaker_by_id[speaker_id].name), base + colour)]
            strips.append(Strip(names).crop_extend(0, width, base))
        for start, end in self._abstract_lines(self._talks[index]):
            strips.append(text_line(text.abstract, text.abstract_marks, base, start, end))
        strips.append(Strip.blank(width, base))
        return strips

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._last_drawn = None  # drawn in the styles of before
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ---------------------------------------------------------------- cursor

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._talks) - 1)) if self._talks else 0

    def watch_cursor(self) -> None:
        self._scroll_cursor_into_view()
        self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        if not self._talks or not self.is_mounted or self.cursor + 1 >= len(self._starts):
            return
        start, end = self._starts[self.cursor], self._starts[self.cursor + 1]
        height = min(end - start, max(1, self.scrollable_content_region.height))
        region = Region(0, start, max(1, self.scrollable_content_region.width), height)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._talks) - 1

    def _move_by_page(self, direction: int) -> None:
        if self._talks:
            target = self._starts[self.cursor] + direction * max(1, self.scrollable_content_region.height)
            self.cursor = min(len(self._talks) - 1, bisect_right(self._starts, max(0, target)) - 1)

    def action_page_up(self) -> None:
        self._move_by_page(-1)

    def action_page_down(self) -> None:
        self._move_by_page(1)

    def on_click(self, event: events.Click) -> None:
        index = bisect_right(self._starts, self.scroll_offset.y + event.y) - 1
        if 0 <= index < len(self._talks):
            self.cursor = index
