"""The reader's collection of quotations, across every open event, and a note editor."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from ..inline_keys import InlineKeysInput
from .scrolling import ScrollKeys, scroll_bindings

if TYPE_CHECKING:
    from ...core.model import Library
    from ...output.marks_view import Collected


class CollectionScreen(ScrollKeys, ModalScreen[None]):
    """Every marked remark with its attribution and note; e exports it as Markdown."""

    BINDINGS = [
        Binding("escape,q,M", "dismiss", "Back", id="collection.back"),
        Binding("e", "export", "Export as Markdown", id="collection.export"),
        *scroll_bindings("collection"),
    ]

    def __init__(self, text: str, markdown: str, *, empty: bool = False) -> None:
        super().__init__()
        self.text, self.markdown, self.empty = text, markdown, empty

    @classmethod
    def of(cls, library: Library, collected: list[Collected]) -> CollectionScreen:
        """The screen of every event's marks, as text to read and Markdown to export."""
        from ...output.marks_view import marks

        empty = not any(marked for marked, _ in collected)
        return cls(marks(library, collected, "text", wrap=False), marks(library, collected, "md"), empty=empty)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":  # nothing marked: nothing to export, so e is not offered
            return not self.empty
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="collection-body") as body:
            body.border_title = "Your collection of quotations"
            yield Static(Content(self.text))
        yield Footer()

    def scrolling(self) -> Widget:
        return self.query_one("#collection-body")

    def action_export(self) -> None:
        from datetime import datetime

        from ..clipboard import last_copy_path
        from ..served import served

        name = datetime.now().strftime("collection-%Y-%m-%d-%H%M%S.md")
        if served():  # to the visitor's browser, never onto the server's disk
            self.app.deliver_text(io.StringIO(self.markdown + "\n"), save_filename=name, mime_type="text/markdown")
            self.notify(f"Collection exported as {name}, sent to your browser as a download", markup=False)
            return
        path = last_copy_path().with_name(name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.markdown + "\n", encoding="utf-8")
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror}", severity="error", markup=False)
            return
        self.notify(f"Collection exported: {path}", markup=False, timeout=10)


class NoteScreen(ModalScreen[str | None]):
    """A note on a marked remark: enter keeps it, escape leaves it as it was."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="note.cancel")]

    def __init__(self, remark_id: str, note: str) -> None:
        super().__init__()
        self.remark_id, self.note = remark_id, note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = f"Note on {self.remark_id}"
            yield InlineKeysInput(self.note, placeholder="why this quotation matters (enter to keep)", id="note-input")
        yield Footer()

    @on(Input.Submitted, "#note-input")
    def _kept(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
