"""Where the panes go and which has focus: side by side, or one at a time when narrow."""

from __future__ import annotations

import dataclasses

from textual.app import App
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer, Input

NARROW_WIDTH = 100  # below this the panes take turns, like tabs
ROOMY_WIDTH = 140  # from this the footer also shows the keys below
ROOMY_KEYS = {  # binding id: (what the footer shows as the key, label)
    "app.filter_speaker": ("f", "Speaker"),
    "app.exchanges": ("e", "Exchanges"),
    "app.next_event": ("[ ]", "Events"),
    "app.section_1": ("1-9", "Section"),
}
WIDE_WIDTH = 160  # from this the side panes grow
MIN_WIDTH, MIN_HEIGHT = 40, 10  # below this the screen says it is too small
PANES = ("#filter", "#exchanges", "#agenda", "#speakers")  # the order tab cycles through


class PaneLayout(App[None]):
    """An app whose main screen lays out Podium's panes by the terminal's size and moves between them."""

    _focus_before_small: Widget | None = None

    def on_resize(self, event: Resize) -> None:
        screen = self.screen_stack[0]
        screen.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        screen.set_class(event.size.width >= WIDE_WIDTH, "-wide")
        self.fit_footer(event.size.width)
        too_small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if too_small and not screen.has_class("-too-small"):
            self._focus_before_small = screen.focused  # hidden panes lose focus: remember it
        screen.set_class(too_small, "-too-small")
        if not too_small and self._focus_before_small is not None:
            widget, self._focus_before_small = self._focus_before_small, None
            self.call_after_refresh(widget.focus)

    _footer_fit: tuple[bool, bool] | None = None  # (compact, roomy) as last fitted

    def fit_footer(self, width: int) -> None:
        """Narrow: the footer's keys closer together, so that no label is cut; roomy: more keys in it."""
        compact, roomy = width < NARROW_WIDTH, width >= ROOMY_WIDTH
        footers = self.screen_stack[0].query(Footer)
        if (compact, roomy) == self._footer_fit or not footers:
            return  # as it is: recomposing the footer costs a frame's worth of time
        self._footer_fit = (compact, roomy)
        for footer in footers:
            footer.compact = compact
        bindings = self._bindings.key_to_bindings
        for key, found in bindings.items():
            bindings[key] = [
                dataclasses.replace(b, show=roomy, key_display=ROOMY_KEYS[b.id][0], description=ROOMY_KEYS[b.id][1])
                if b.id in ROOMY_KEYS
                else b
                for b in found
            ]
        self.refresh_bindings()

    def focus_pane(self, selector: str) -> None:
        """Focus a pane; when narrow, where one pane shows at a time, show it first."""
        screen = self.screen_stack[0]
        if selector == "#exchanges" and screen.has_class("-schedule"):
            selector = "#talks"  # a schedule's talks stand where the exchanges would
        widget = self.query_one(selector)
        screen.set_class(selector in ("#agenda", "#speakers"), "-sidebar")
        # Focus now, never later: widget.focus() and a retry after the refresh would each leave a
        # request queued that takes focus back from wherever the reader's next keys went (keys
        # typed right after "/" reached the talks, where letters are bindings). The class above
        # applies its styles at once and display does not stop focus, so this cannot miss.
        screen.set_focus(widget)

    def _cycle_panes(self, step: int) -> None:
        focused = self.focused
        current = f"#{focused.id}" if focused is not None and focused.id else PANES[0]
        current = "#exchanges" if current == "#talks" else current
        index = PANES.index(current) if current in PANES else -step
        self.focus_pane(PANES[(index + step) % len(PANES)])

    def action_focus_next(self) -> None:
        if self.screen is self.screen_stack[0]:
            self._cycle_panes(1)
        else:
            super().action_focus_next()

    def action_focus_previous(self) -> None:
        if self.screen is self.screen_stack[0]:
            self._cycle_panes(-1)
        else:
            super().action_focus_previous()

    def action_focus_filter(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):  # typing: "/" is just a character
            focused.insert_text_at_cursor("/")
        elif self.screen is self.screen_stack[0]:
            self.focus_pane("#filter")
        else:  # a screen with its own filter (the shape screen) takes "/" itself
            for shape_filter in self.screen.query("#shape-filter"):
                self.screen.set_focus(shape_filter)  # at once, as above

    def action_focus_speakers(self) -> None:
        self.focus_pane("#speakers")

    def action_focus_agenda(self) -> None:
        self.focus_pane("#agenda")

    def action_focus_exchanges(self) -> None:
        self.focus_pane("#exchanges")
