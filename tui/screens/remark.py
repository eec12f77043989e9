"""A remark read in full: its whole exchange, and who the speaker is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..model import Proceedings, Remark
from ..textsafe import safe_line, safe_text
from ..threads import ThreadIndex, thread_of

# A thread longer than this is cut, with a note, so the screen opens at once.
MAX_THREAD_ROWS = 300


def number_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5, 7, 8 -> "1–3, 5, 7–8": short however many sections a speaker spoke in."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


def some_names(names: list[str], most: int = 6) -> str:
    if len(names) <= most:
        return ", ".join(names)
    return ", ".join(names[:most]) + f" and {len(names) - most} more"


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
    numbers = [s.number for s in proceedings.sections_of(speaker_id)]
    count = f"{len(remarks)} remark{'s' if len(remarks) != 1 else ''}"
    if numbers:
        count += f" in section{'s' if len(numbers) > 1 else ''} {number_ranges(numbers)}"
    facts.append(count)
    answered = proceedings.answered_by(speaker_id)
    if answered:
        facts.append("Answered: " + some_names([s.name for s in answered]))
    answering = proceedings.answering(speaker_id)
    if answering:
        facts.append("Answered by: " + some_names([s.name for s in answering]))
    if speaker.aliases:
        facts.append("Also named: " + ", ".join(speaker.aliases))
    lines += [Content.styled(safe_line(fact), "dim") for fact in facts]
    if speaker.bio:
        lines += [Content(""), Content(safe_text(speaker.bio))]
    return Content("\n").join(lines)


def thread_entries(proceedings: Proceedings, remark: Remark, forest: ThreadIndex | None = None) -> list[Static]:
    """The exchange a remark belongs to, indented as a tree, with that remark marked."""
    rows = thread_of(proceedings, remark.id, forest)
    entries: list[Static] = []
    for row in rows[:MAX_THREAD_ROWS]:
        speaker = proceedings.speaker_by_id[row.remark.speaker]
        chosen = row.remark is remark
        head = Content.assemble(
            (row.guide, "dim"),
            ("▶ " if chosen else "", "bold"),
            (safe_line(speaker.name), "bold"),
            (f"  {row.remark.id}", "dim"),
        )
        classes = "thread-entry -chosen" if chosen else "thread-entry"
        entries.append(Static(head, classes=classes + " thread-head"))
        body = Static(Content(safe_text(row.remark.text)), classes=classes + " thread-text")
        body.styles.padding = (0, 0, 1, len(row.continues) + 1)
        entries.append(body)
    if len(rows) > MAX_THREAD_ROWS:
        more = f"… and {len(rows) - MAX_THREAD_ROWS} more remarks in this exchange"
        entries.append(Static(Content.styled(more, "italic")))
    return entries


class RemarkScreen(ModalScreen[None]):
    """One remark with its exchange and the speaker's bio; `c` copies it as a quotation."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Back", id="remark.back"),
        Binding("c", "app.copy_remark", "Copy quotation", id="remark.copy", tooltip="Copy with attribution"),
        Binding("j,down", "scroll_down", "Down", show=False, id="remark.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="remark.up"),
    ]

    def __init__(self, proceedings: Proceedings, remark: Remark, forest: ThreadIndex | None = None) -> None:
        super().__init__()
        self.proceedings = proceedings
        self.remark = remark
        self.forest = forest

    def compose(self) -> ComposeResult:
        proceedings, remark = self.proceedings, self.remark
        section = proceedings.section_by_id[remark.section]
        with Horizontal(id="remark-body") as body:
            body.border_title = Content(safe_line(f"{remark.id} · {section.label} · the whole exchange"))
            with VerticalScroll(id="remark-thread"):
                yield from thread_entries(proceedings, remark, self.forest)
            with VerticalScroll(id="remark-speaker"):
                yield Static(speaker_profile(proceedings, remark.speaker))
        yield Footer()

    def on_mount(self) -> None:
        thread = self.query_one("#remark-thread", VerticalScroll)
        thread.focus()
        chosen = self.query(".-chosen").first()
        self.call_after_refresh(thread.scroll_to_widget, chosen, top=True, animate=False)

    def action_scroll_down(self) -> None:
        self.query_one("#remark-thread", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#remark-thread", VerticalScroll).scroll_up()
