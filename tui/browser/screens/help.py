"""Every key of the app, in one place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Static

from .scrolling import ScrollKeys, scroll_bindings

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Anywhere",
        [
            ("tab / shift+tab", "next / previous pane"),
            ("/", "type a filter"),
            ("s", "go to the speakers"),
            ("a", "go to the agenda"),
            ("e", "go to the exchanges"),
            ("1 – 9", "show section N only (in All events: event N)"),
            ("0", "show all sections (all events)"),
            ("c", "copy the current remark as a quotation"),
            ("i", "the status line in full, with any warning"),
            ("m", "mark or unmark the remark for your collection of quotations"),
            ("n", "a note on the remark (marks it)"),
            ("M", "your collection: every marked remark with attribution and note (e exports it)"),
            ("E", "export the remarks shown as a CSV table, to the user data folder"),
            ("escape", "clear every filter: text, speakers, section"),
            ("v", "the shape: share of voice, who answered whom, turns over time"),
            ("[ / ]", "previous / next event, when several are open; All events comes first"),
            ("enter", "on a remark in All events: open it in its event"),
            ("x", "go to the problems found in the files (scroll with j/k); again to hide them"),
            ("ctrl+p", "command palette: speakers, sections, events, theme"),
            ("? / f1", "this help"),
            ("q / ctrl+q", "quit (q only when not typing)"),
        ],
    ),
    (
        "Lists and exchanges",
        [
            ("↑ ↓ / k j", "move"),
            ("g / G, home / end", "first / last"),
            ("pageup / pagedown", "a page up / down"),
            ("enter", "open a remark; choose a section; filter on a speaker or an organisation"),
            ("f", "filter on the speaker (of a remark too); again to stop"),
            ("mouse", "click to choose, wheel to scroll, click a speaker label to remove it"),
        ],
    ),
    (
        "Filter bar",
        [
            ("words", "remarks containing every word (case and accents ignored)"),
            ('"a phrase"', "the exact phrase"),
            ("-word", "leave out remarks with the word"),
            ("=word", "the word whole, not inside another (=ai)"),
            ("a OR b", "either query (moratorium OR pause)"),
            ("speaker:NAME", "by id, name or alias, prefix (twice: either)"),
            ("section:N", "by number or id (section:panel)"),
            ("topic:WORD", "by topic"),
            ("org:NAME", "the speaker's organisation, or part of it, prefix (org:gpai)"),
            ("role:NAME", "the speaker's role at the event or title, prefix (role:chair)"),
            ("date:2024-03", "the event's date: a year, month or day; a range 2020..2021-06"),
            ("escape", "clear the filter; again to leave it"),
        ],
    ),
    (
        "A remark",
        [
            ("j / k, g / G", "move through the thread"),
            ("c", "copy the remark under the cursor as a quotation"),
            ("m / n", "mark the remark under the cursor / write a note on it"),
            ("enter", "make the remark under the cursor the one shown (▶ and the title)"),
            ("escape / q", "back"),
        ],
    ),
    (
        "The shape (v)",
        [
            ("/", "filter here: the picture redraws for the matching remarks"),
            ("← → / h l", "move along the event"),
            ("n / N", "next / previous match"),
            ("enter", "open the remark (on a matrix count: list those exchanges; on a name: all theirs)"),
            ("t / m", "go to the lanes over time / the reply matrix"),
            ("s / a / e", "back to the speakers / agenda / exchanges, with the filter kept"),
            ("escape / v", "back, with the filter kept"),
        ],
    ),
]


KEY_CELLS = 2 + max(len(k) for _, keys in KEYS for k, _ in keys) + 2  # one key column for every group


def help_rows() -> ComposeResult:
    """A title per group, and a row per key: what it does wraps under itself, never under the keys."""
    for title, keys in KEYS:
        yield Static(Content.styled(title, "bold $accent"), classes="help-group")
        for key, does in keys:
            with Horizontal(classes="help-row"):
                name = Static(Content.styled(key, "bold"), classes="help-key")
                name.styles.width = KEY_CELLS
                yield name
                yield Static(Content(does), classes="help-does")


class HelpScreen(ScrollKeys, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        *scroll_bindings("help"),
    ]

    def scrolling(self) -> Widget:
        return self.query_one("#help-body")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Podium keys"
            yield from help_rows()
        yield Footer()
