"""What the main screen's helpers (its navigator and live filter) may use of it: declared here, so that
they import this and not the screen that composes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.model import Library
from ..formats.source import LoadResult
from .collecting import Collections
from .layout import PaneLayout
from .panes import Panes
from .searcher import Searcher

if TYPE_CHECKING:
    from .screens.shape import ShapeScreen


class MainView(PaneLayout):
    """The main screen as its helpers see it: the library loaded, the searcher, the panes, the shape over it."""

    result: LoadResult
    is_loading: bool  # not Textual's `loading`, which covers the screen with its indicator
    searcher: Searcher
    collections: Collections
    panes: Panes
    shape: ShapeScreen | None

    @property
    def library(self) -> Library:
        return self.searcher.library

    def refilter(self) -> None:
        """Search again with the reader's filters, and redraw."""
        raise NotImplementedError

    def show_event(self) -> None:
        """Show the view the searcher is on."""
        raise NotImplementedError

    def warn(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False, timeout=10)
