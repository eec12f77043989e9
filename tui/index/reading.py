"""`podium remarks` through the library index: what the plain load would print, without loading the corpus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.model import Library
from ..core.query_parse import Query
from ..core.talks import is_schedule
from ..formats.source import Problem
from ..output.remarks_view import Found
from . import store
from .build import Progress
from .library import index_directory, open_library
from .search import IndexSearch, found_pairs
from .store import CorruptIndex, IndexUnavailable


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

    IndexUnavailable when the index cannot be used here: the caller reads the files.
    An index found damaged while it is read is set aside and built again, once.
    """
    for attempt in range(2):
        named = opened if opened is not None else paths
        index = open_library(paths, named, root, progress, notes)
        try:
            pairs = found_pairs(IndexSearch(index), query)
        except CorruptIndex as error:
            index.close()
            if attempt:
                raise IndexUnavailable(f"the library index is damaged ({error})") from error
            try:
                aside = store.set_aside(index_directory(named, root))
            except OSError as moved:
                raise IndexUnavailable(f"the library index is damaged and cannot be moved: {moved}") from moved
            notes.append(f"the library index was damaged ({error}): set aside as {aside.name}, built again")
            continue
        events = tuple(u.event for u in index.units)
        schedules = Library(tuple(u.stub for u in index.units if not u.rows and is_schedule(u.stub)))
        # Speakers and sections are decoded for every event only when the query names some.
        named = any(t.field in ("speaker", "section") for t in query.terms)
        records = Library(tuple(u.stub for u in index.units) if named else events)
        answer = Answer(Found(pairs, index.total, events, schedules), records, tuple(index.problems))
        index.close()
        return answer
    raise AssertionError("unreachable")
