"""Reading component styles for widgets that draw their own lines."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def layer_style(widget: Widget, name: str) -> Style:
    """A component's colours and text style, without its background unless it sets one.

    Component styles come back merged with the widget's background; a cursor's
    or highlight's background must survive a speaker colour drawn on top of it.
    """
    full = widget.get_component_rich_style(name)
    own_background = widget.get_component_rich_style(name, partial=True).bgcolor is not None
    return Style(
        color=full.color,
        bgcolor=full.bgcolor if own_background else None,
        bold=full.bold,
        italic=full.italic,
    )
