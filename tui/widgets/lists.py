"""The agenda and speakers panes: short lists (sections, people) as OptionLists."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model import Proceedings
from ..textsafe import safe_line
from .exchanges import speaker_colour_class

ALL_SECTIONS = "__all__"


class NavigableList(OptionList):
    """An OptionList with the vi-style keys the rest of the app uses."""

    BINDINGS = [
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]


class AgendaList(NavigableList):
    """'All sections' then each section, numbered, with its remark count."""

    def fill(self, proceedings: Proceedings, counts: Mapping[str, int], total: int) -> None:
        highlighted = self.highlighted
        self.clear_options()
        options = [Option(Content.assemble("All sections ", (f"({total})", "dim")), id=ALL_SECTIONS)]
        for section in proceedings.sections:
            label = Content.assemble(
                f"{section.number}. ",
                safe_line(section.title),
                " ",
                (f"({counts.get(section.id, 0)})", "dim"),
            )
            options.append(Option(label, id=section.id))
        self.add_options(options)
        self.highlighted = highlighted if highlighted is not None else 0


class SpeakerList(NavigableList):
    """Each speaker: name, honorific, role and organisation, and a remark count."""

    COMPONENT_CLASSES = {speaker_colour_class(i) for i in range(8)}

    BINDINGS = [
        Binding(
            "f", "toggle_filter", "Filter speaker", id="speakers.filter", tooltip="Toggle a filter on this speaker"
        ),
    ]

    def fill(
        self,
        proceedings: Proceedings,
        counts: Mapping[str, int],
        colours: Mapping[str, int],
        chosen: frozenset[str],
    ) -> None:
        highlighted = self.highlighted
        self.clear_options()
        options = []
        for speaker in proceedings.speakers:
            colour = self.get_visual_style(speaker_colour_class(colours.get(speaker.id, 0)), partial=True)
            mark = "● " if speaker.id in chosen else ""
            name = safe_line(speaker.display_name)
            count = counts.get(speaker.id, 0)
            caption = safe_line(speaker.affiliation)
            parts: list[str | tuple[str, str | Style]] = [
                mark,
                (name, colour + Style(bold=True)),
                (f" ({count})", "dim"),
            ]
            if caption:
                parts.append(("\n  " + caption, "dim"))
            options.append(Option(Content.assemble(*parts), id=speaker.id))
        self.add_options(options)
        if options:
            self.highlighted = min(highlighted, len(options) - 1) if highlighted is not None else 0

    def action_toggle_filter(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.ToggleSpeaker(option.id))

    class ToggleSpeaker(Message):
        """Filter on this speaker, or stop filtering on them."""

        def __init__(self, speaker_id: str) -> None:
            super().__init__()
            self.speaker_id = speaker_id
