"""Where the panes go and which has focus: side by side, or one at a time when narrow."""

from __future__ import annotations

import dataclasses
from typing import Protocol, cast

from textual.events import Key
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input

from .inline_keys import InlineKeysInput

NARROW_WIDTH = 100  # below this the panes take turns, like tabs
ROOMY_WIDTH = 140  # from this the footer also shows the keys below
ROOMY_KEYS = {  # binding id: (what the footer shows as the key, label)
    "main.filter_speaker": ("f", "Speaker"),
    "main.exchanges": ("e", "Exchanges"),
    "main.next_event": ("[ ]", "Events"),
    "main.section_1": ("1-9", "Section"),
}
# Below NARROW_WIDTH, keys the footer leaves to what is on screen: the problems banner names x while it shows.
NARROW_HIDDEN = {"main.problems"}
WIDE_WIDTH = 160  # from this the side panes grow
MIN_WIDTH, MIN_HEIGHT = 40, 10  # below this the screen says it is too small
PANES = ("#filter", "#exchanges", "#agenda", "#speakers")  # the order tab cycles through


class KeyHandler(Protocol):
    """The app, as the layout asks it to handle keys it kept."""

    def handle_in_order(self, keys: list[Key]) -> None:
        """Handle these keys as typed, before any key that arrives after them."""


class PaneLayout(Screen[None]):
    """A screen that lays out Podium's panes by the terminal's size and moves between them."""

    _focus_before_small: Widget | None = None

    def lay_out(self, size: Size) -> None:
        """Fit the panes to the terminal (told by the app: a screen under another hears no resize)."""
        self.set_class(size.width < NARROW_WIDTH, "-narrow")
        self.set_class(size.width >= WIDE_WIDTH, "-wide")
        self.fit_footer(size.width)
        too_small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        if too_small and not self.has_class("-too-small"):
            self._focus_before_small = self.focused  # hidden panes lose focus: remember it
        self.set_class(too_small, "-too-small")
        if not too_small and self._focus_before_small is not None:
            widget, self._focus_before_small = self._focus_before_small, None
            self.call_after_refresh(widget.focus)

    _footer_fit: tuple[bool, bool, bool] | None = None  # (compact, roomy, problems shown) as last fitted

    def fit_footer(self, width: int) -> None:
        """Narrow: the footer's keys closer together and fewer, so that no label is cut; roomy: more keys in it."""
        compact, roomy = width < NARROW_WIDTH, width >= ROOMY_WIDTH
        banner = any(panel.display for panel in self.query("#problems"))
        footers = self.query(Footer)
        if (compact, roomy, banner) == self._footer_fit or not footers:
            return  # as it is: recomposing the footer costs a frame's worth of time
        self._footer_fit = (compact, roomy, banner)
        for footer in footers:
            footer.compact = compact
        bindings = self._bindings.key_to_bindings
        for key, found in bindings.items():
            bindings[key] = [
                dataclasses.replace(b, show=roomy, key_display=ROOMY_KEYS[b.id][0], description=ROOMY_KEYS[b.id][1])
                if b.id in ROOMY_KEYS
                else dataclasses.replace(b, show=not (compact and banner))
                if b.id in NARROW_HIDDEN
                else b
                for b in found
            ]
        self.refresh_bindings()

    def focus_pane(self, selector: str) -> None:
        """Focus a pane; when narrow, where one pane shows at a time, show it first."""
        if selector == "#exchanges" and self.has_class("-schedule"):
            selector = "#talks"  # a schedule's talks stand where the exchanges would
        found = self.query(selector)
        if not found:
            return  # a key typed at launch, before the panes are there
        widget = found.first()
        self.set_class(selector in ("#agenda", "#speakers"), "-sidebar")
        # Focus now, never later: widget.focus() and a retry after the refresh would each leave a
        # request queued that takes focus back from wherever the reader's next keys went (keys
        # typed right after "/" reached the talks, where letters are bindings). The class above
        # applies its styles at once and display does not stop focus, so this cannot miss.
        self.set_focus(widget)

    def cycle_panes(self, step: int) -> None:
        """The next (or previous) pane in tab order."""
        focused = self.focused
        current = f"#{focused.id}" if focused is not None and focused.id else PANES[0]
        current = "#exchanges" if current == "#talks" else current
        index = PANES.index(current) if current in PANES else -step
        self.focus_pane(PANES[(index + step) % len(PANES)])

    def action_focus_filter(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):  # typing: "/" is just a character
            focused.insert_text_at_cursor("/")
        elif not self.query("#filter"):  # at launch, before the panes: what follows is kept for the filter
            self._typed_early = []
        else:
            self.focus_pane("#filter")

    _typed_early: list[Key] | None = None  # after a "/" typed before the panes were there

    def keep_typed_early(self, event: Key) -> bool:
        """Keep a key typed after an early "/" for the filter; whether it was kept.

        The app asks as each key arrives, before it goes to any widget: keys are taken in the
        one order they were typed, and none reaches a pane that has focus for a moment before
        the filter is there ("a" and "s" bring panes forward; "m" marks a remark).
        """
        if self._typed_early is None:
            return False
        self._typed_early.append(event)
        return True

    def replay_typed_early(self) -> None:
        """ "/" and what followed it at launch: into the filter, in order, now that the panes are up."""
        if self._typed_early is None:
            return
        early = self._typed_early
        filter_input = self.query_one("#filter", InlineKeysInput)
        self.focus_pane("#filter")  # at once: the keys the app takes from now on go to the filter
        self._typed_early = None
        # The filter's own keys at once, as it would take them; from the first key that leaves it
        # or is not its own, the rest as the app takes any key, before any typed after them.
        for at, event in enumerate(early):
            key = "enter" if event.key == "ctrl+j" else event.key  # ctrl+j: enter before the terminal's raw mode
            if event.is_printable and event.character:
                filter_input.insert_text_at_cursor(event.character)
            elif filter_input.edit_now(key):
                pass
            elif key == "escape" and filter_input.value:  # a first escape clears
                filter_input.value = ""
            else:
                rest = early[at + 1 :]
                if key in ("escape", "enter"):  # done with the filter, as a second escape or enter is
                    self.focus_pane("#exchanges")
                elif key in ("tab", "shift+tab"):
                    self.cycle_panes(1 if key == "tab" else -1)
                else:
                    rest = early[at:]
                if rest:
                    cast(KeyHandler, self.app).handle_in_order(rest)
                return

    def action_focus_speakers(self) -> None:
        self.focus_pane("#speakers")

    def action_focus_agenda(self) -> None:
        self.focus_pane("#agenda")

    def action_focus_exchanges(self) -> None:
        self.focus_pane("#exchanges")
