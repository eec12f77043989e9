"""Below 100 columns the panes take turns: a strip naming them, with their keys, the current one lit."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

# (pane, label, key, action): clicking a name does what its key does
PANE_TABS = (
    ("agenda", "Agenda", "a", "screen.focus_agenda"),
    ("speakers", "Speakers", "s", "screen.focus_speakers"),
    ("exchanges", "Exchanges", "e", "screen.focus_exchanges"),
)


class PaneTabs(Static):
    def show(self, current: str) -> None:
        """Light the pane that shows: `current` is a pane's id (the filter and talks count as exchanges)."""
        current = "exchanges" if current in ("filter", "talks") else current
        parts = []
        for pane, label, key, action in PANE_TABS:
            style = "bold reverse" if pane == current else "dim"
            parts.append(Content.from_markup(f"[{style} @click={action}] {label} [/] [b]{key}[/b]"))
        self.update(Content("  ·  ").join(parts))
