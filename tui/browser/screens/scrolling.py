"""The movement keys every reading screen shares with the panes: j/k, g/G, and the page keys."""

from __future__ import annotations

from textual.binding import Binding
from textual.widget import Widget


def scroll_bindings(prefix: str) -> list[Binding]:
    return [
        Binding("j,down", "scroll_by(1)", "Down", show=False, id=f"{prefix}.down"),
        Binding("k,up", "scroll_by(-1)", "Up", show=False, id=f"{prefix}.up"),
        Binding("g,home", "scroll_to_end(False)", "Top", show=False, id=f"{prefix}.top"),
        Binding("G,end", "scroll_to_end(True)", "Bottom", show=False, id=f"{prefix}.bottom"),
        Binding("pagedown,space", "scroll_page(1)", "Page down", show=False, id=f"{prefix}.page_down"),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False, id=f"{prefix}.page_up"),
    ]


class ScrollKeys:
    """Actions for scroll_bindings, on whatever part of the screen scrolls."""

    def scrolling(self) -> Widget:
        raise NotImplementedError

    def action_scroll_by(self, lines: int) -> None:
        part = self.scrolling()
        part.scroll_to(y=part.scroll_y + lines, animate=False)

    def action_scroll_to_end(self, bottom: bool) -> None:
        part = self.scrolling()
        part.scroll_to(y=part.max_scroll_y if bottom else 0, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        part = self.scrolling()
        part.scroll_to(y=part.scroll_y + pages * max(1, part.scrollable_content_region.height - 1), animate=False)
