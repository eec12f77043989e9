"""The filter bar: a query input, and the speaker filters shown as removable labels."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ...core.textsafe import safe_line
from ..inline_keys import InlineKeysInput


class FilterInput(InlineKeysInput):
    """Typing filters live; escape clears, and a second escape leaves."""

    BINDINGS = [
        Binding(
            "escape", "clear_or_leave", "Clear / leave", id="filter.escape", tooltip="Clear the filter, then leave it"
        ),
    ]

    class Leave(Message):
        """The person is done with the filter bar."""

    # Told the new text in the key's own handling, before the screen paints: its echo and the
    # results it brings then reach the screen in one frame, not one screen refresh apart.
    typed: Callable[[str], None] | None = None

    def watch_value(self, value: str) -> None:
        if self.typed is not None:
            self.typed(value)

    def action_clear_or_leave(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.post_message(self.Leave())


class SpeakerLabel(Static):
    """One active speaker filter; clicking it removes it."""

    class Remove(Message):
        def __init__(self, speaker_id: str) -> None:
            super().__init__()
            self.speaker_id = speaker_id

    def __init__(self, speaker_id: str, name: str) -> None:
        super().__init__(Content.assemble(safe_line(name), (" ✕", "bold")), classes="speaker-label")
        self.speaker_id = speaker_id
        self.tooltip = "Click to stop filtering on this speaker"

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Remove(self.speaker_id))


PLACEHOLDER = '/ to filter: words "a phrase" -not speaker:NAME section:N topic:WORD'
SHORT_PLACEHOLDER = "/ to filter (f1 for the syntax)"  # when speaker labels take the room; ? is text there


class FilterBar(Horizontal):
    def compose(self) -> ComposeResult:
        # Focus keeps the text, cursor at its end, so that typing refines the filter.
        yield FilterInput(placeholder=PLACEHOLDER, id="filter", select_on_focus=False)
        yield Horizontal(id="speaker-labels")

    def show_speakers(self, speakers: Iterable[tuple[str, str]]) -> None:
        """Show one label per (speaker id, name) chosen."""
        container = self.query_one("#speaker-labels", Horizontal)
        wanted = list(speakers)
        current = [(label.speaker_id) for label in container.query(SpeakerLabel)]
        if current == [speaker_id for speaker_id, _ in wanted]:
            return
        container.remove_children()
        container.mount_all(SpeakerLabel(speaker_id, name) for speaker_id, name in wanted)
        container.display = bool(wanted)
        self.query_one("#filter", FilterInput).placeholder = SHORT_PLACEHOLDER if wanted else PLACEHOLDER
