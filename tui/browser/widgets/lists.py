"""The agenda and speakers panes: lists of a few lines per entry, with live counts.

Drawn with the Line API like the exchanges: a keystroke that changes every
count costs a refresh of the visible lines, not a re-measure of each entry (an
OptionList measures every option when its prompts change, which at 200
speakers was most of a keystroke's time).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.folding import fold
from ...core.model import Proceedings
from ...core.textsafe import safe_line
from ...output.plain_text import cut_cells
from .exchanges import SPEAKER_COLOURS, speaker_colour_class
from .keys import movement_bindings
from .styles import layer_style
from .talks import when

ALL_SECTIONS = "__all__"


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    count: int
    caption: str = ""
    colour: int | None = None  # speaker colour index
    marked: bool = False  # a chosen speaker

    @property
    def prompt(self) -> str:
        """The entry as plain text (what the lines show, untruncated)."""
        text = f"{'● ' if self.marked else ''}{self.title} ({self.count:,})"
        return f"{text}\n  {self.caption}" if self.caption else text

    @property
    def height(self) -> int:
        return 2 if self.caption else 1


class EntryList(ScrollView, can_focus=True):
    """A keyboard- and mouse-driven list of entries with one highlighted."""

    COMPONENT_CLASSES = {
        "entry--highlight",
        "entry--count",
        "entry--caption",
        "entry--empty",
        "entry--counting",
        *(speaker_colour_class(i) for i in range(SPEAKER_COLOURS)),
    }

    BINDINGS = [
        *movement_bindings("list"),
        Binding("enter", "select", "Choose", id="list.select", tooltip="Choose the highlighted entry"),
    ]

    highlighted: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, entry_list: EntryList, option_id: str) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.option_id = option_id

        @property
        def control(self) -> EntryList:
            return self.entry_list

    class Selected(Highlighted):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[Entry] = []
        self._starts: list[int] = [0]
        self._parts_for: Proceedings | None = None
        self._parts: list[tuple[str, str, str]] = []

    def parts_of(
        self, proceedings: Proceedings, make: Callable[[Proceedings], list[tuple[str, str, str]]]
    ) -> list[tuple[str, str, str]]:
        """Each entry's id, title and caption: made once for the proceedings shown, not on every key
        (a thousand events' dates, three thousand speakers' roles)."""
        if self._parts_for is not proceedings:
            self._parts_for, self._parts = proceedings, make(proceedings)
        return self._parts

    # ----------------------------------------------------------------- data

    @property
    def options(self) -> Sequence[Entry]:
        return self._entries

    @property
    def option_count(self) -> int:
        return len(self._entries)

    @property
    def highlighted_option(self) -> Entry | None:
        return self._entries[self.highlighted] if 0 <= self.highlighted < len(self._entries) else None

    def set_entries(self, entries: list[Entry]) -> None:
        """Replace the entries; the highlight stays where it was."""
        if entries == self._entries:
            return
        resized = [e.height for e in entries] != [e.height for e in self._entries]
        self._entries = entries
        if resized:
            starts = [0]
            for entry in entries:
                starts.append(starts[-1] + entry.height)
            self._starts = starts
            self.virtual_size = Size(self.size.width, starts[-1])
        self.highlighted = min(self.highlighted, max(0, len(entries) - 1))
        self.refresh()

    def show_counting(self, counting: bool) -> None:
        """Fade the entries while their counts are the last query's, or not.

        An opacity set on the list itself (read from `entry--counting`), not a class: a class
        restyles the list and its parts on every key, an opacity only repaints it.
        """
        if counting:
            self.styles.text_opacity = self.get_component_styles("entry--counting").text_opacity
        elif self.styles.inline.has_rule("text_opacity"):
            self.styles.inline.text_opacity = None  # the stylesheet's own again

    # -------------------------------------------------------------- drawing

    def _style(self, name: str) -> Style:
        return layer_style(self, name)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        base = self.rich_style
        index = bisect_right(self._starts, line) - 1
        if not 0 <= index < len(self._entries):
            return Strip.blank(width, base)
        entry = self._entries[index]
        if index == self.highlighted:
            base = base + self._style("entry--highlight")
        if entry.count == 0:
            base = base + self._style("entry--empty")
        if line - self._starts[index] == 1:  # the caption
            caption = cut_cells("  " + safe_line(entry.caption), width)
            return Strip([Segment(caption, base + self._style("entry--caption"))]).adjust_cell_length(width, base)
        mark = "● " if entry.marked else ""
        count = f" ({entry.count:,})"
        title = cut_cells(mark + safe_line(entry.title), max(1, width - len(count)))
        name_style = base
        if entry.colour is not None:
            name_style = base + self._style(speaker_colour_class(entry.colour)) + Style(bold=True)
        if entry.count == 0:
            name_style = name_style + self._style("entry--empty")
        segments = [Segment(title, name_style), Segment(count, base + self._style("entry--count"))]
        return Strip(segments).crop_extend(0, width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, self._starts[-1])
        self.call_after_refresh(self._scroll_to_highlight)

    def _scroll_to_highlight(self) -> None:
        if self._entries:
            start, end = self._starts[self.highlighted], self._starts[self.highlighted + 1]
            self.scroll_to_region(Region(0, start, 1, end - start), animate=False, force=True, immediate=True)

    # ------------------------------------------------------------- movement

    def validate_highlighted(self, index: int) -> int:
        return max(0, min(index, len(self._entries) - 1)) if self._entries else 0

    def watch_highlighted(self, old: int, new: int) -> None:
        if self._entries:
            self._scroll_to_highlight()
            if old != new:
                self.post_message(self.Highlighted(self, self._entries[new].id))
        self.refresh()

    def action_cursor_up(self) -> None:
        self.highlighted -= 1

    def action_cursor_down(self) -> None:
        self.highlighted += 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._entries) - 1

    def action_page_up(self) -> None:
        self.highlighted = bisect_right(self._starts, self._starts[self.highlighted] - self.size.height) - 1

    def action_page_down(self) -> None:
        self.highlighted = bisect_right(self._starts, self._starts[self.highlighted] + self.size.height) - 1

    def action_select(self) -> None:
        entry = self.highlighted_option
        if entry is not None:
            self.post_message(self.Selected(self, entry.id))

    def on_click(self, event: events.Click) -> None:
        index = bisect_right(self._starts, self.scroll_offset.y + event.y) - 1
        if 0 <= index < len(self._entries):
            self.highlighted = index
            self.action_select()


class AgendaList(EntryList):
    """'All sections' then each section, numbered, with its remark count."""

    def fill(
        self,
        proceedings: Proceedings,
        counts: Mapping[str, int],
        total: int,
        scope: str | None = None,
        every: str = "All sections",
    ) -> None:
        """The entries, with the section in force (or `every`, "All sections" or "All events") marked."""
        entries = [Entry(ALL_SECTIONS, every, total, marked=scope is None)]
        parts = self.parts_of(proceedings, _section_parts)
        entries += [Entry(id, title, counts.get(id, 0), caption, marked=id == scope) for id, title, caption in parts]
        self.set_entries(entries)


class SpeakerList(EntryList):
    """Each speaker: name, honorific, role and organisation, and a remark count; then each organisation
    two or more of them speak for, with their remarks counted (a parliament's parties)."""

    BINDINGS = [
        Binding(
            "f", "toggle_filter", "Filter speaker", id="speakers.filter", tooltip="Toggle a filter on this speaker"
        ),
    ]

    class ToggleSpeaker(Message):
        """Filter on this speaker, or stop filtering on them."""

        def __init__(self, speaker_id: str) -> None:
            super().__init__()
            self.speaker_id = speaker_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._members_for: Proceedings | None = None
        self._members_of: dict[str, list[str]] = {}

    def fill(
        self,
        proceedings: Proceedings,
        counts: Mapping[str, int],
        colours: Mapping[str, int],
        chosen: frozenset[str],
        organisations: frozenset[str] | None = None,
    ) -> None:
        """Each speaker, then each organisation with its speakers' remarks counted (`organisations`: those
        the filter's org: terms name, folded, marked; None: none listed, as in All events, whose people
        are joined over events where their organisation may differ)."""
        parts = self.parts_of(proceedings, _speaker_parts if organisations is None else _organisation_parts)
        organisations = organisations or frozenset()
        entries = []
        for id, name, caption in parts:
            if id.startswith(ORGANISATION):
                members = self._members(proceedings).get(name, ())
                count = sum(counts.get(member, 0) for member in members)
                entries.append(Entry(id, name, count, caption, None, fold(name) in organisations))
            else:
                entries.append(Entry(id, name, counts.get(id, 0), caption, colours.get(id, 0), id in chosen))
        self.set_entries(entries)

    def _members(self, proceedings: Proceedings) -> dict[str, list[str]]:
        """Each organisation's speakers, made once for the proceedings shown."""
        if self._members_for is not proceedings:
            self._members_for, self._members_of = proceedings, members_of(proceedings)
        return self._members_of

    def action_toggle_filter(self) -> None:
        entry = self.highlighted_option
        if entry is not None:
            self.post_message(self.ToggleSpeaker(entry.id))


def _section_parts(proceedings: Proceedings) -> list[tuple[str, str, str]]:
    return [(s.id, f"{s.number}. {s.title}", when(s, short=True)) for s in proceedings.sections]


ORGANISATION = "org:"  # an organisation's entry id, ORGANISATION + its name: no speaker id holds a colon


def members_of(proceedings: Proceedings) -> dict[str, list[str]]:
    """The speakers of each organisation that two or more speak for, in order of first appearance."""
    members: dict[str, list[str]] = {}
    for speaker in proceedings.speakers:
        if speaker.organisation:
            members.setdefault(speaker.organisation, []).append(speaker.id)
    return {name: ids for name, ids in members.items() if len(ids) > 1}


def _speaker_parts(proceedings: Proceedings) -> list[tuple[str, str, str]]:
    return [(s.id, s.display_name, s.affiliation) for s in proceedings.speakers]


def _organisation_parts(proceedings: Proceedings) -> list[tuple[str, str, str]]:
    organisations = [
        (ORGANISATION + name, name, f"organisation of {len(ids):,} speakers")
        for name, ids in members_of(proceedings).items()
    ]
    return _speaker_parts(proceedings) + organisations
