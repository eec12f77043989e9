"""A remark read in full: its whole exchange, and who the speaker is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.style import Style as RichStyle
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Footer, Static

from ...core.model import Proceedings, Remark
from ...core.textsafe import safe_line, safe_text
from ...core.threads import ThreadIndex, thread_of
from .scrolling import ScrollKeys, scroll_bindings

# A thread longer than this is cut, with a note, so the screen opens at once.
MAX_THREAD_ROWS = 300
NARROW_WIDTH = 90  # below this the bio goes under the exchange


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


MAX_EVENTS_LISTED = 12  # a profile over a library of hundreds of events lists the first ones


def speaker_profile(
    proceedings: Proceedings, speaker_id: str, by_event: Sequence[tuple[str, int]] | None = None
) -> Content:
    """A speaker's bio: role, organisation, role at the event, sections (or events), exchanges."""
    speaker = proceedings.speaker_by_id[speaker_id]
    remarks = proceedings.positions_of("speaker").get(speaker_id, ())
    lines: list[Content] = [Content.styled(safe_line(speaker.display_name), "bold")]
    if speaker.affiliation:
        lines.append(Content(safe_line(speaker.affiliation)))
    facts = []
    if speaker.event_roles:
        facts.append("Role at the event: " + ", ".join(speaker.event_roles))
    elif speaker.kind == "audience":
        facts.append("Audience")
    numbers = [s.number for s in proceedings.sections_of(speaker_id)]
    count = f"{len(remarks):,} remark{'s' if len(remarks) != 1 else ''}"
    per_event = []
    if by_event is not None:  # All events: the sections are the events
        count += f" in {len(by_event)} event{'s' if len(by_event) != 1 else ''}"
        per_event = [f"  {title}: {n:,}" for title, n in by_event[:MAX_EVENTS_LISTED]]
        if len(by_event) > MAX_EVENTS_LISTED:
            per_event.append(f"  and {len(by_event) - MAX_EVENTS_LISTED:,} more")
    elif numbers:
        count += f" in section{'s' if len(numbers) > 1 else ''} {number_ranges(numbers)}"
    talks = [s for s in proceedings.sections if speaker_id in s.speakers]
    if remarks or not talks:
        facts += [count, *per_event]
    if talks:  # a schedule: what they present
        facts.append("Talks: " + "; ".join(f"{t.number}. {t.title}" for t in talks))
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


def organisation_profile(proceedings: Proceedings, name: str, members: Sequence[str]) -> Content:
    """An organisation's profile: who speaks for it, and how much."""
    counts = proceedings.positions_of("speaker")
    total = sum(len(counts.get(member, ())) for member in members)
    lines = [
        Content.styled(safe_line(name), "bold"),
        Content.styled(safe_line(f"Organisation of {len(members):,} speakers, {total:,} remarks in all"), "dim"),
        Content.styled("enter: filter on it (org:); again to stop", "dim"),
        Content(""),
    ]
    lines += [Content(safe_line(f"{proceedings.speaker_by_id[m].name} ({len(counts.get(m, ())):,})")) for m in members]
    return Content("\n").join(lines)


def thread_entries(
    proceedings: Proceedings,
    remark: Remark,
    forest: ThreadIndex | None = None,
    colours: Mapping[str, RichStyle] | None = None,
) -> list[Static]:
    """The exchange a remark belongs to, indented as a tree, with that remark marked.

    Each remark is a heading and a text, both with the class row-N (N its place in the thread).
    """
    rows = thread_of(proceedings, remark.position, forest)
    entries: list[Static] = []
    for index, row in enumerate(rows[:MAX_THREAD_ROWS]):
        speaker = proceedings.speaker_by_id[row.remark.speaker]
        chosen = row.remark.position == remark.position  # read again from an index: equal, not the same object
        answers = ""
        parent = proceedings.parent_of(row.remark)
        if parent is not None:
            answers = f"  ↳ answers {proceedings.speaker_by_id[parent.speaker].name}"
        colour = (colours or {}).get(speaker.id)
        name_style: Style | str = "bold"
        if colour is not None:
            name_style = Style.from_rich_style(colour) + Style(bold=True)
        head = Content.assemble(
            (row.guide, "dim"),
            ("▶ " if chosen else "", "bold"),
            (safe_line(speaker.name), name_style),
            (safe_line(f"  {row.remark.id}{answers}"), "dim"),
        )
        classes = f"thread-entry row-{index}" + (" -chosen" if chosen else "")
        if remark.reply_to is not None and row.remark.id == remark.reply_to:
            classes += " -answered"  # scrolled to on opening: what the remark answers shows first
        entries.append(Static(head, classes=classes + " thread-head"))
        body = Static(Content(safe_text(row.remark.text)), classes=classes + " thread-text")
        body.styles.padding = (0, 0, 0 if row.remark.notes else 1, len(row.continues) + 1)
        entries.append(body)
        if row.remark.notes:  # what the record says beside the words: applause, a gap, a stage direction
            notes = Static(Content(safe_text("\n".join(f"[{n}]" for n in row.remark.notes))), classes="thread-notes")
            notes.styles.padding = (0, 0, 1, len(row.continues) + 1)
            entries.append(notes)
    if len(rows) > MAX_THREAD_ROWS:
        more = f"… and {len(rows) - MAX_THREAD_ROWS} more remarks in this exchange"
        entries.append(Static(Content.styled(more, "italic")))
    return entries


class RemarkScreen(ScrollKeys, ModalScreen[None]):
    """One remark with its exchange and the speaker's bio; `c` copies it as a quotation."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Back", id="remark.back"),
        Binding("c", "app.copy_remark", "Copy quotation", id="remark.copy", tooltip="Copy with attribution"),
        # a modal screen cuts the app's own keys off: these reach them, for the remark under the cursor
        Binding("m", "app.mark", "Mark", id="remark.mark", tooltip="Mark or unmark it for your collection"),
        Binding("n", "app.note", "Note", id="remark.note", tooltip="A note on it (marks it)"),
        Binding("enter", "choose", "Choose", id="remark.choose", tooltip="Make the remark under the cursor the one"),
        # j/k and g/G move a cursor through the thread; the page keys scroll
        *(b for b in scroll_bindings("remark") if b.action.startswith("scroll_page")),
        Binding("j,down", "move(1)", "Down", show=False, id="remark.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="remark.up"),
        Binding("g,home", "move_to(0)", "First", show=False, id="remark.first"),
        Binding("G,end", "move_to(-1)", "Last", show=False, id="remark.last"),
    ]

    def __init__(self, proceedings: Proceedings, remark: Remark, forest: ThreadIndex | None = None) -> None:
        super().__init__()
        self.proceedings = proceedings
        self.remark = remark
        self.forest = forest
        self.rows = thread_of(proceedings, remark.position, forest)[:MAX_THREAD_ROWS]
        chosen = [i for i, row in enumerate(self.rows) if row.remark.position == remark.position]
        self.cursor = chosen[0] if chosen else 0
        self._on_chosen = True  # whether the cursor is on the chosen remark, as the footer last showed

    @property
    def current(self) -> Remark:
        """The remark under the cursor: what c copies, m marks, n notes and enter chooses."""
        return self.rows[self.cursor].remark if self.rows else self.remark

    def _is_chosen(self) -> bool:
        """Whether the cursor is on the remark the screen was opened on (by place: a remark read again
        from the library index is an equal one, not the same object)."""
        return self.current.position == self.remark.position

    def _title(self) -> Content:
        section = self.proceedings.section_by_id[self.remark.section]
        return Content(safe_line(f"{self.remark.id} · {section.label} · the whole exchange"))

    def compose(self) -> ComposeResult:
        proceedings, remark = self.proceedings, self.remark
        with Horizontal(id="remark-body") as body:
            body.border_title = self._title()
            with VerticalScroll(id="remark-thread"):
                yield from thread_entries(proceedings, remark, self.forest, self._colours())
            with VerticalScroll(id="remark-speaker"):
                yield Static(speaker_profile(proceedings, remark.speaker), id="remark-profile")
        yield Footer()

    def on_mount(self) -> None:
        thread = self.query_one("#remark-thread", VerticalScroll)
        thread.focus()
        # Open on the remark, with the one it answers just above it.
        target = self.query(".-answered.thread-head").first() if self.query(".-answered") else None
        target = target or self.query(".-chosen").first()
        self.call_after_refresh(target.scroll_visible, top=True, animate=False)
        self._show_cursor(scroll=False)

    def _colours(self) -> dict[str, RichStyle]:
        """The speaker colours of the exchanges pane, so a speaker looks the same here."""
        views = self.app.screen_stack[0].query("#exchanges")
        if not views:
            return {}
        view = views.first()
        count = sum(1 for name in view.COMPONENT_CLASSES if name.startswith("speaker--")) or 1
        return {
            s.id: view.get_component_rich_style(f"speaker--{i % count}", partial=True)
            for i, s in enumerate(self.proceedings.speakers)
        }

    def _show_cursor(self, scroll: bool = True) -> None:
        for widget in self.query(".-cursor"):
            widget.remove_class("-cursor")
        entries = list(self.query(f".row-{self.cursor}"))
        for widget in entries:
            widget.add_class("-cursor")
        if entries and scroll:
            # The text, then (once the first scroll is laid out) the heading: both in view. Scrolled to in one
            # frame, the second scroll would start from where the first had not yet gone.
            head, text = entries[0], entries[-1]
            text.scroll_visible(animate=False)
            self.call_after_refresh(head.scroll_visible, animate=False)
        self.query_one("#remark-profile", Static).update(speaker_profile(self.proceedings, self.current.speaker))
        if self._is_chosen() != self._on_chosen:
            self._on_chosen = self._is_chosen()
            self.refresh_bindings()  # enter is offered off the chosen remark only

    def action_move(self, step: int) -> None:
        self.action_move_to(max(0, min(len(self.rows) - 1, self.cursor + step)))

    def action_move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = index % len(self.rows)
            self._show_cursor()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return self.current is not self.remark
        return True

    async def action_choose(self) -> None:
        """Make the remark under the cursor the one the window is on (▶, title), in place.

        Every remark of the exchange is here in full already: another window would show the same.
        """
        if self._is_chosen():
            return
        self.remark = self.current
        thread = self.query_one("#remark-thread", VerticalScroll)
        await thread.remove_children()
        await thread.mount_all(thread_entries(self.proceedings, self.remark, self.forest, self._colours()))
        self.query_one("#remark-body").border_title = self._title()
        self._show_cursor()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    def scrolling(self) -> Widget:
        """The part that scrolls: the thread, or (narrow) the whole body."""
        thread = self.query_one("#remark-thread", VerticalScroll)
        return thread if thread.max_scroll_y > 0 else self.query_one("#remark-body")
