"""The small panes around the lists: the event header, the speaker's bio, the problems found."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...core.model import Proceedings
from ...core.textsafe import safe_line
from ...output.render import describe_event
from ..screens.remark import speaker_profile


class EventHeader(Static):
    def show(self, proceedings: Proceedings) -> None:
        self.update(
            Content.assemble(
                (safe_line(proceedings.event.title), "bold"),
                "\n",
                (safe_line(describe_event(proceedings)), "dim"),
            )
        )


class BioPane(VerticalScroll):
    """A speaker's profile; a long bio scrolls rather than being cut."""

    def compose(self) -> ComposeResult:
        yield Static(id="bio-text")

    def show(self, proceedings: Proceedings, speaker_id: str | None) -> None:
        text = self.query_one("#bio-text", Static)
        text.update("" if speaker_id is None else speaker_profile(proceedings, speaker_id))


class ProblemsPanel(Static):
    """Every problem found in the files, titled with how many and whether the others opened."""

    def __init__(self, problems: Iterable[object], bad_files: int, opened: bool, *, id: str | None = None) -> None:
        problems = list(problems)
        super().__init__(Content("\n".join(str(p) for p in problems)), id=id)
        others = "the others are open" if opened else "no event could be opened"
        self.border_title = f"{plural(len(problems), 'problem')} in {plural(bad_files, 'file')}; {others}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
