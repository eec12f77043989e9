"""The loading panel: loads a large corpus in a thread behind a progress bar (imported only then)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static

from ...core.combined import Combined, combinable, combine
from ...formats.open import load_paths
from ...formats.source import LoadResult

if TYPE_CHECKING:
    from ...formats.cache import Cache


class LoadingPanel(Vertical):
    """A label and a progress bar, fed by the parser's reads; posts Loaded when done."""

    class Loaded(Message):
        def __init__(self, result: LoadResult, combined: Combined | None) -> None:
            super().__init__()
            self.result = result
            self.combined = combined  # All events, made here in the worker: at a million remarks, seconds

    def __init__(self, label: str, paths: Sequence[Path], cache: Cache | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = label
        self._paths = list(paths)
        self._cache = cache

    def compose(self) -> ComposeResult:
        yield Static(self._label, id="loading-label")
        yield ProgressBar(id="loading-bar", show_eta=False)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """Load while the window is up; the filter bar takes keys meanwhile."""
        last = [-1]

        def progress(done: int, total: int) -> None:
            percent = 100 * done // max(1, total)
            if percent != last[0]:  # at most a hundred updates
                last[0] = percent
                self.app.call_from_thread(self._progress, done, total)

        result = load_paths(self._paths, self._cache, progress)
        combined = combine(result.library) if combinable(result.library) else None
        self.post_message(self.Loaded(result, combined))

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#loading-bar", ProgressBar).update(total=max(1, total), progress=done)
