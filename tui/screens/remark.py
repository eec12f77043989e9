"""A remark read in full: its whole exchange, and who the speaker is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..model import Proceedings, Remark
from ..textsafe import safe_line, safe_text
from ..threads import thread_of

# A thread longer than this is cut, with a note, so the screen opens at once.
MAX_THREAD_ROWS = 300


def speaker_profile(proceedings: Proceedings, speaker_id: str) -> Content:
    """A speaker's bio: role, organisation, role at the event, sections, exchanges."""
    speaker = proceedings.speaker_by_id[speaker_id]
    remarks = proceedings.remarks_by_speaker.get(speaker_id, ())
    lines: list[Content] = [Content.styled(safe_line(speaker.display_name), "bold")]
    if speaker.affiliation:
        lines.append(Content(safe_line(speaker.affiliation)))
    facts = []
    if speaker.event_roles:
        facts.append("Role at the event: " + ", ".join(speaker.event_roles))
    elif speaker.kind == "audience":
        facts.append("Audience")
    sections = ", ".join(str(s.number) for s in proceedings.sections_of(speaker_id))
    facts.append(
        f"{len(remarks)} remark{'s' if len(remarks) != 1 else ''}" + (f" in sections {sections}" if sections else "")
    )
    answered = proceedings.answered_by(speaker_id)
    if answered:
        facts.append("Answered: " + ", ".join(s.name for s in answered))
    answering = proceedings.answering(speaker_id)
    if answering:
        facts.append("Answered by: " + ", ".join(s.name for s in answering))
    if speaker.aliases:
        facts.append("Also named: " + ", ".join(speaker.aliases))
    lines += [Content.styled(safe_line(fact), "dim") for fact in facts]
    if speaker.bio:
        lines += [Content(""), Content(safe_text(speaker.bio))]
    return Content("\n").join(lines)


def thread_content(proceedings: Proceedings, remark: Remark) -> Content:
    """The exchange a remark belongs to, indented, with that remark marked."""
    rows = thread_of(proceedings, remark.id)
    parts: list[Content] = []
    for row in rows[:MAX_THREAD_ROWS]:
        speaker = proceedings.speaker_by_id[row.remark.speaker]
        chosen = row.remark is remark
        head = Content.assemble(
            (row.guide, "dim"),
            ("▶ " if chosen else "", "bold"),
            (safe_line(speaker.name), "bold $accent" if chosen else "bold"),
            (f"  {row.remark.id}", "dim"),
        )
        body = Content(safe_text(row.remark.text))
        if not chosen:
            body = body.stylize("dim")
        parts += [head, Content.assemble((row.continues, "dim"), body), Content("")]
    if len(rows) > MAX_THREAD_ROWS:
        parts.append(Content.styled(f"… and {len(rows) - MAX_THREAD_ROWS} more remarks in this exchange", "italic"))
    return Content("\n").join(parts)


class RemarkScreen(ModalScreen[None]):
    """One remark with its exchange and the speaker's bio; `c` copies it as a quotation."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Back", id="remark.back"),
        Binding("c", "app.copy_remark", "Copy quotation", id="remark.copy", tooltip="Copy with attribution"),
        Binding("j,down", "scroll_down", "Down", show=False, id="remark.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="remark.up"),
    ]

    def __init__(self, proceedings: Proceedings, remark: Remark) -> None:
        super().__init__()
        self.proceedings = proceedings
        self.remark = remark

    def compose(self) -> ComposeResult:
        proceedings, remark = self.proceedings, self.remark
        section = proceedings.section_by_id[remark.section]
        with VerticalScroll(id="remark-body") as body:
            body.border_title = f"{remark.id} · {safe_line(section.label)}"
            yield Static(thread_content(proceedings, remark), id="remark-thread")
            yield Static(speaker_profile(proceedings, remark.speaker), id="remark-speaker")
        yield Footer()

    def action_scroll_down(self) -> None:
        self.query_one("#remark-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#remark-body", VerticalScroll).scroll_up()
