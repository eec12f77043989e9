"""The small panes around the lists: the event header, the speaker's bio, the problems found."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ...core.model import Proceedings
from ...core.textsafe import safe_line
from ...output.plain_text import plural
from ...output.render import describe_event
from ..screens.remark import organisation_profile, speaker_profile
from ..screens.scrolling import ScrollKeys, scroll_bindings
from .lists import ORGANISATION, members_of


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

    def show(
        self, proceedings: Proceedings, speaker_id: str | None, by_event: Sequence[tuple[str, int]] | None = None
    ) -> None:
        """The speaker's profile; `by_event`: in All events, their remarks per event (title, count)."""
        text = self.query_one("#bio-text", Static)
        if speaker_id is not None and speaker_id.startswith(ORGANISATION):  # an organisation's entry
            name = speaker_id.removeprefix(ORGANISATION)
            text.update(organisation_profile(proceedings, name, members_of(proceedings).get(name, [])))
            return
        text.update("" if speaker_id is None else speaker_profile(proceedings, speaker_id, by_event))


class ProblemsPanel(ScrollKeys, VerticalScroll, can_focus=True):
    """Every problem found in the files, titled with how many and whether the others opened.

    It scrolls (keys once focused with x or tab, or the wheel) so that no problem is out of reach.
    """

    BINDINGS = [*scroll_bindings("problems")]

    def __init__(self, problems: Iterable[object], bad_files: int, opened: bool, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-others-open" if opened else "")
        self.problems = [safe_line(str(p)) for p in problems]
        others = "the others are open" if opened else "no event could be opened"
        self.border_title = f"{plural(len(self.problems), 'problem')} in {plural(bad_files, 'file')}; {others}"
        self.border_subtitle = "x: all of them here, again to hide"

    def compose(self) -> ComposeResult:
        yield Static(Content("\n".join(self.problems)), id="problems-text")

    def scrolling(self) -> Widget:
        return self
