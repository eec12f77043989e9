"""The loading panel: loads a large corpus in a thread behind a progress bar (imported only then)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from ...core.combined import Combined, combinable, combine
from ...formats.open import file_size, load_paths
from ...formats.source import LoadResult

if TYPE_CHECKING:
    from ...core.word_index import WordSource
    from ...formats.open import Loader


class LoadingPanel(Vertical):
    """A label and a progress bar, fed by the parser's reads; posts Loaded when done."""

    class Loaded(Message):
        def __init__(self, result: LoadResult, combined: Combined | None, *, final: bool = True) -> None:
            super().__init__()
            self.result = result
            self.combined = combined  # All events, made here in the worker: at a million remarks, seconds
            self.final = final  # False: the first files, to read while the others load

    class Indexed(Message):
        """The library index's word indexes, built after the load (None: none will come)."""

        def __init__(self, words: WordSource | None) -> None:
            super().__init__()
            self.words = words

    def __init__(self, label: str, paths: Sequence[Path], loader: Loader | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = label
        self._paths = list(paths)
        self._loader: Loader = loader if loader is not None else load_paths

    def compose(self) -> ComposeResult:
        yield Static(self._label, id="loading-label")
        yield ProgressBar(id="loading-bar", show_eta=False)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """Load while the window is up; the filter bar takes keys meanwhile."""
        last = [-1]

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:  # the app is closing: stop between files rather than parse them all
                raise _Cancelled
            percent = 100 * done // max(1, total)
            if percent != last[0]:  # at most a hundred updates
                last[0] = percent
                self.app.call_from_thread(self._progress, done, total)

        first = _first_files(self._paths)
        early = getattr(self._loader, "early", None)  # the library index gives them without parsing, if it can
        try:
            if len(first) < len(self._paths):  # a library: its first files to read at once, then all of them
                shown = early(self._paths, first) if early is not None else None
                self._post(shown if shown is not None else load_paths(first), final=False)
                self.app.call_from_thread(self._label_rest, len(self._paths) - len(first))
            self._post(self._loader(self._paths, progress), final=True)
            finish = getattr(self._loader, "finish", None)  # the library index: what it left for later
            if finish is not None:
                # A daemon thread, not this worker: quitting never waits for it (its worker processes
                # end with Podium, and the index keeps what it finished).
                threading.Thread(target=self._finish, args=(finish,), daemon=True, name="podium-index").start()
        except _Cancelled:
            return

    def _finish(self, finish: Callable[[Sequence[Path]], WordSource | None]) -> None:
        """Build what the load left for later, and say so: after Loaded, from the same (hidden) panel.

        Whatever stops it (a worker process killed for memory), the screen is told, so that its
        large views stop waiting for word indexes that will not come and build their own.
        """
        words: WordSource | None = None
        try:
            words = finish(self._paths)
        except Exception:  # the index keeps what it finished; the next open says why
            words = None
        finally:
            self.post_message(self.Indexed(words))

    def _post(self, result: LoadResult, *, final: bool) -> None:
        combined = result.combined  # the library index makes it as it reads the events back
        if combined is None and combinable(result.library):
            combined = combine(result.library)
        if combined is not None:
            # What the first profile shown asks of All events, grouped here rather than on the
            # screen's thread: at a million remarks, seconds the window would not answer a key.
            combined.proceedings.group()
        self.post_message(self.Loaded(result, combined, final=final))

    def _label_rest(self, count: int) -> None:
        self.query_one("#loading-label", Static).update(f"Loading {count} more file{'s' if count != 1 else ''}…")

    def _progress(self, done: int, total: int) -> None:
        if not self.is_attached:
            return
        self.query_one("#loading-bar", ProgressBar).update(total=max(1, total), progress=done)


class _Cancelled(Exception):
    """The loading worker was cancelled (the app is closing)."""


FIRST_BYTES = 5_000_000  # what the first files may weigh: parsed in about a second


def _first_files(paths: Sequence[Path]) -> list[Path]:
    """The files to show first, while the rest load: as many as fit in FIRST_BYTES (at least one)."""
    first: list[Path] = []
    weight = 0
    for path in paths:
        weight += file_size(path)
        if first and weight > FIRST_BYTES:
            break
        first.append(path)
    return first
