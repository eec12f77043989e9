"""Podium's two ways of reading a library through its index.

`query_library`: what `podium remarks` prints, without loading the corpus. `load_library`:
every event whole, as `load_paths` gives it, without parsing what did not change (the
browser and the other commands). Both bring the index up to date first, set a damaged
one aside and build it again (once), and raise IndexUnavailable where it cannot be used:
the caller then reads the files, and says why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..core.model import Library
from ..core.query_parse import Query
from ..core.talks import is_schedule
from ..formats.open import Loader, load_paths
from ..formats.source import LoadResult, Problem
from ..output.remarks_view import Found
from . import browsing, store
from .build import Progress
from .library import LibraryIndex
from .opening import index_directory, open_current, open_library
from .search import IndexSearch, found_pairs
from .store import CorruptIndex, IndexUnavailable
from .view_words import IndexWords

T = TypeVar("T")
# An event opened alone is read a page at a time from this many remarks: below it, whole is as quick.
BY_PAGE = 20_000


@dataclass(frozen=True, slots=True)
class Answer:
    found: Found
    library: Library  # every event's records, without remarks: for the notes on speakers and sections
    problems: tuple[Problem, ...]


def query_library(
    paths: Sequence[Path],
    query: Query,
    notes: list[str],
    *,
    opened: Sequence[Path] | None = None,
    root: Path | None = None,
    progress: Progress | None = None,
) -> Answer:
    """The remarks of `paths` that match, from the index (built or brought up to date first).

    `opened` are the folders and files named (by default `paths`): the index is theirs, so a
    file added to a folder joins it rather than making a new one.
    """

    def answer(index: LibraryIndex) -> Answer:
        pairs = found_pairs(IndexSearch(index), query)
        events = tuple(u.event for u in index.units)
        schedules = Library(tuple(u.stub for u in index.units if not u.rows and is_schedule(u.stub)))
        # Speakers and sections are decoded for every event only when the query names some.
        named = any(t.field in ("speaker", "section") for t in query.terms)
        records = Library(tuple(u.stub for u in index.units) if named else events)
        return Answer(Found(pairs, index.total, events, schedules), records, tuple(index.problems))

    return _with_index(paths, opened or paths, root, progress, notes, answer)


def load_library(
    paths: Sequence[Path],
    notes: list[str],
    *,
    opened: Sequence[Path] | None = None,
    root: Path | None = None,
    progress: Progress | None = None,
    all_events: bool = False,
) -> LoadResult:
    """Every event of `paths`, whole, from the index: what `load_paths` gives, parsing only what changed.

    The word indexes a query needs are not waited for: `build_segments` makes them after.
    `all_events`: with All events made too, where the events combine (the browser's view):
    each remark is then made once, each event's own made from it when first asked for.
    """

    def whole(index: LibraryIndex) -> LoadResult:
        several = sum(1 for u in index.units if u.rows) > 1  # as `combinable` finds
        # Told as it reads: a bar that moves, not one that animates (its frames slow the reading thread).
        combined = browsing.all_events(index, progress) if all_events and several else None
        if combined is not None:
            library = combined.library
        elif all_events and len(index.units) == 1 and index.units[0].rows >= BY_PAGE:  # the browser, one large event
            library = Library((browsing.event_by_page(index, 0),))
        else:
            library = Library(tuple(index.whole_events()))
        found: dict[str, list[Problem]] = {str(p): [] for p in paths}
        for problem in index.problems:
            found.setdefault(problem.path, []).append(problem)
        files = tuple((name, tuple(problems)) for name, problems in found.items())
        return LoadResult(library, tuple(index.problems), files, words=IndexWords.of(index), combined=combined)

    return _with_index(paths, opened or paths, root, progress, notes, whole, segments=False)


def build_segments(
    paths: Sequence[Path], opened: Sequence[Path], root: Path | None = None, loaded: object = None
) -> IndexWords | None:
    """Make the word indexes a load left for later; quietly nothing if it cannot now.

    In one worker process: the other core is the reader's, who is browsing meanwhile.
    They are given back if the index still holds what was `loaded` (its fingerprint).
    """
    try:
        index = open_library(paths, opened, root, processes=1)
    except (IndexUnavailable, CorruptIndex):  # the next query says why, and builds them
        return None
    try:
        words = IndexWords.of(index)
    except CorruptIndex:
        return None
    finally:
        index.close()
    return words if words.fingerprint == loaded and not words.pending else None


def _with_index(
    paths: Sequence[Path],
    opened: Sequence[Path],
    root: Path | None,
    progress: Progress | None,
    notes: list[str],
    read: Callable[[LibraryIndex], T],
    *,
    segments: bool = True,
) -> T:
    for attempt in range(2):
        index = open_library(paths, opened, root, progress, notes, segments=segments)
        try:
            return read(index)
        except CorruptIndex as error:
            if attempt:
                raise IndexUnavailable(f"the library index is damaged ({error})") from error
            index.close()
            try:
                aside = store.set_aside(index_directory(opened, root))
            except OSError as moved:
                raise IndexUnavailable(f"the library index is damaged and cannot be moved: {moved}") from moved
            notes.append(f"the library index was damaged ({error}): set aside as {aside.name}, built again")
        finally:
            if not index.in_use:  # else All events reads from it, and it closes with them
                index.close()
    raise AssertionError("unreachable")


class IndexLoader:
    """A loader that reads the library through the index of what was `opened`, or, where it cannot, the files.

    The result's notes say why the index was set aside or not used.
    """

    def __init__(self, opened: Sequence[Path], root: Path | None = None, *, all_events: bool = False) -> None:
        self.opened, self.root, self.all_events = list(opened), root, all_events
        self._loaded: IndexWords | None = None  # the word indexes of the last load, if it read the index

    def __call__(self, paths: Sequence[Path], progress: Progress | None = None) -> LoadResult:
        notes: list[str] = []
        try:
            result = load_library(
                paths, notes, opened=self.opened, root=self.root, progress=progress, all_events=self.all_events
            )
        except IndexUnavailable as error:
            notes.append(f"{error}; reading the files directly")
            result = load_paths(paths, progress)
        self._loaded = result.words if isinstance(result.words, IndexWords) else None
        return dataclasses.replace(result, notes=tuple(notes))

    def finish(self, paths: Sequence[Path]) -> IndexWords | None:
        """After a load: the word indexes it left for later (worker processes; the screen is not held up).

        None when they cannot be used for what was loaded (the files changed, or no index).
        """
        if self._loaded is None or not self._loaded.pending:
            return self._loaded  # no index, or every word index there already
        return build_segments(paths, self.opened, self.root, self._loaded.fingerprint)

    def early(self, paths: Sequence[Path], first: Sequence[Path]) -> LoadResult | None:
        """The `first` files' events, from the index if it holds every file as it is (else None: parse them)."""
        index = open_current(paths, self.opened, self.root)
        if index is None:
            return None
        try:
            events = index.whole_events({str(p) for p in first})
        except CorruptIndex:
            return None  # the whole load finds it too, and says so
        finally:
            index.close()
        return LoadResult(Library(tuple(events)), (), tuple((str(p), ()) for p in first))


def through_index(opened: Sequence[Path], *, all_events: bool = False) -> Loader:
    """A loader through the index of what was `opened`; `all_events`: with All events made too (the browser)."""
    return IndexLoader(opened, all_events=all_events)
