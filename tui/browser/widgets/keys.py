"""The movement keys every scrolling pane shares, so they stay the same everywhere."""

from __future__ import annotations

from textual.binding import Binding


def movement_bindings(prefix: str) -> list[Binding]:
    """Arrows and vi keys, home/end and g/G, page up/down; ids as `PREFIX.up` and so on."""
    return [
        Binding("up,k", "cursor_up", "Up", show=False, id=f"{prefix}.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id=f"{prefix}.down"),
        Binding("home,g", "first", "First", show=False, id=f"{prefix}.first"),
        Binding("end,G", "last", "Last", show=False, id=f"{prefix}.last"),
        Binding("pageup", "page_up", "Page up", show=False, id=f"{prefix}.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id=f"{prefix}.page_down"),
    ]
