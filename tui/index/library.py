"""A library read through its index: the events as the plain load lists them, their remarks on demand.

`open_library` brings the index up to date (reading only what changed) and returns a
`LibraryIndex`: the events' records (small), the segments mapped, and a connection to
fetch remarks by row. Nothing of the size of the corpus is held in memory.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec
from pyroaring import FrozenBitMap

from ..core.model import Library, Proceedings, Remark
from ..formats.open import listed
from ..formats.pairing import told_apart
from ..formats.records import event_of, section_of, speaker_of
from ..formats.source import Problem
from . import store
from .build import Progress, update
from .records import Head
from .segment import CorruptSegment, Segment
from .store import CorruptIndex, IndexUnavailable


@dataclass(frozen=True, slots=True)
class Unit:
    """One event of the library: its records (no remarks) and where its remarks' rows are."""

    stub: Proceedings  # the event, speakers and sections, as the library lists them; remarks: none
    first_row: int
    rows: int


class LibraryIndex:
    def __init__(self, directory: Path, paths: Sequence[Path], connection: sqlite3.Connection) -> None:
        self.directory, self.connection = directory, connection
        named = {str(p.resolve()): p for p in paths}
        order = {key: n for n, key in enumerate(named)}
        try:
            units = connection.execute("SELECT path, head, first_row, rows FROM units").fetchall()
            files = connection.execute("SELECT path, problems FROM files").fetchall()
            segments = connection.execute("SELECT name, first_row, rows FROM segments ORDER BY first_row").fetchall()
        except sqlite3.DatabaseError as error:
            raise CorruptIndex(str(error)) from error
        self.problems = _problems(files, named)
        loaded = []
        where: dict[int, tuple[int, int]] = {}  # by the order of the file named: its rows
        for key, head, first, rows in units:
            if key not in named or not isinstance(first, int) or not isinstance(rows, int) or first < 0 or rows < 0:
                raise CorruptIndex("an event the files do not name")
            if order[key] in where:
                raise CorruptIndex("two events of one file")
            loaded.append((order[key], named[key], _stub(named[key], head)))
            where[order[key]] = (first, rows)
        loaded.sort(key=lambda item: item[0])
        self.units: list[Unit] = []
        for index, _path, stub, problem in listed(told_apart(loaded)):
            if problem is not None:
                self.problems.append(problem)
            else:
                self.units.append(Unit(stub, *where[index]))
        self.problems.sort(key=lambda p: order.get(str(Path(p.path).resolve()), 0))
        self.segments = [_segment(directory, name, first, rows) for name, first, rows in segments]
        self.live = FrozenBitMap.union(
            FrozenBitMap(), *(FrozenBitMap(range(u.first_row, u.first_row + u.rows)) for u in self.units if u.rows)
        )
        self._unit_starts = sorted((u.first_row, n) for n, u in enumerate(self.units) if u.rows)

    @property
    def total(self) -> int:
        return sum(u.rows for u in self.units)

    def close(self) -> None:
        self.connection.close()

    def unit_of(self, row: int) -> int:
        """The index in `units` of the event a live row belongs to."""
        from bisect import bisect_right

        at = bisect_right(self._unit_starts, (row, len(self.units))) - 1
        if at < 0:
            raise CorruptIndex("a row of no event")
        first, unit = self._unit_starts[at]
        if not first <= row < first + self.units[unit].rows:
            raise CorruptIndex("a row of no event")
        return unit

    def segment_of(self, row: int) -> tuple[Segment, int]:
        for segment, first, rows in self.segments:
            if first <= row < first + rows:
                return segment, row - first
        raise CorruptIndex("a row no segment covers")

    def fetch(self, rows: Iterable[int], columns: str) -> dict[int, tuple[object, ...]]:
        """The named columns of these rows (`columns` is one of this module's own lists, never a user's)."""
        assert columns in _COLUMNS
        found: dict[int, tuple[object, ...]] = {}
        wanted = list(rows)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                for row, *values in self.connection.execute(
                    f"SELECT row, {columns} FROM remarks WHERE row IN ({marks})", chunk
                ):
                    found[row] = tuple(values)
            except sqlite3.DatabaseError as error:
                raise CorruptIndex(str(error)) from error
        if len(found) != len(wanted):
            raise CorruptIndex("a remark the index lists is missing")
        return found

    def remarks(self, unit: Unit, positions: Sequence[int]) -> list[Remark]:
        """These remarks of one event, as the plain load gives them (ids, speakers, replies resolved)."""
        stub = unit.stub
        if any(not 0 <= p < unit.rows for p in positions):
            raise CorruptIndex("a remark outside its event")
        rows = self.fetch((unit.first_row + p for p in positions), REMARK_COLUMNS)
        ids = {row - unit.first_row: str(values[0]) for row, values in rows.items()}
        wanted_parents = {v[3] for v in rows.values() if isinstance(v[3], int) and 0 <= v[3] < unit.rows} - set(ids)
        parents = {
            row - unit.first_row: str(rid)
            for row, (rid,) in self.fetch((unit.first_row + p for p in wanted_parents), "id").items()
        }
        out = []
        for position in positions:
            rid, section, speaker, reply_to, topics, text, _folded, start, end, spoken = rows[unit.first_row + position]
            if not (
                isinstance(section, int)
                and isinstance(speaker, int)
                and isinstance(reply_to, int)
                and 0 <= section < len(stub.sections)
                and 0 <= speaker < len(stub.speakers)
                and -1 <= reply_to < position
                and isinstance(text, str)
            ):
                raise CorruptIndex("a remark's references point outside its event")
            parent = None if reply_to < 0 else ids.get(reply_to, parents.get(reply_to))
            out.append(
                Remark(
                    str(rid),
                    stub.sections[section].id,
                    stub.speakers[speaker].id,
                    text,
                    parent,
                    tuple(_topics(topics)),
                    position,
                    _number(start),
                    _number(end),
                    _number(spoken),
                )
            )
        return out

    def parents(self, unit: Unit, remarks: Sequence[Remark]) -> set[int]:
        """The positions of the remarks these answer."""
        answering = [r.position for r in remarks if r.reply_to is not None]
        found = self.fetch((unit.first_row + p for p in answering), "reply_to")
        positions = {value for (value,) in found.values()}
        if not all(isinstance(p, int) and 0 <= p < unit.rows for p in positions):
            raise CorruptIndex("a reply to a remark outside its event")
        return positions  # type: ignore[return-value]


REMARK_COLUMNS = 'id, section, speaker, reply_to, topics, text, folded, start, "end", spoken'
_COLUMNS = (REMARK_COLUMNS, "id", "text, folded", "topics", "reply_to")


def _number(value: object) -> float | None:
    if value is None or isinstance(value, float | int):
        return value
    raise CorruptIndex("a time that is not a number")


def _topics(value: object) -> list[str]:
    if value is None:
        return []
    try:
        topics = json.loads(value) if isinstance(value, str | bytes) else None
    except ValueError:
        topics = None
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise CorruptIndex("topics that are not a list of words")
    return topics


def _stub(path: Path, head: object) -> Proceedings:
    try:
        record = msgspec.json.decode(head, type=Head) if isinstance(head, bytes) else None
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        raise CorruptIndex(f"an event's record: {error}") from error
    if record is None:
        raise CorruptIndex("an event's record is not JSON")
    stub = Proceedings(
        str(path),
        event_of(record.event),
        tuple(map(speaker_of, record.speakers)),
        tuple(map(section_of, record.sections)),
        (),
        origin=record.origin,
    )
    if record.source != str(path):
        stub.source = str(path)  # named another way this time (relative, through a link): as named now
    return stub


def _problems(files: list[tuple[str, bytes]], named: dict[str, Path]) -> list[Problem]:
    out = []
    for key, stored in files:
        if key not in named:
            continue
        try:
            problems = json.loads(stored)
            for message, line, column in problems:
                if not isinstance(message, str) or not all(isinstance(n, int | None) for n in (line, column)):
                    raise ValueError
                out.append(Problem(str(named[key]), message, line, column))
        except (ValueError, TypeError) as error:
            raise CorruptIndex("a file's problems are not as written") from error
    return out


def _segment(directory: Path, name: object, first: object, rows: object) -> tuple[Segment, int, int]:
    if not (isinstance(name, str) and name.startswith("segment-") and "/" not in name and os.sep not in name):
        raise CorruptIndex("a segment named outside the index")
    if not (isinstance(first, int) and isinstance(rows, int) and first >= 0 and rows > 0):
        raise CorruptIndex("a segment's rows are not numbers")
    try:
        return Segment(directory / name, rows), first, rows
    except CorruptSegment as error:
        raise CorruptIndex(f"{name}: {error}") from error


def index_directory(paths: Sequence[Path], root: Path | None = None) -> Path:
    return (root if root is not None else store.default_root()) / store.library_key(paths)


def open_library(
    paths: Sequence[Path], root: Path | None = None, progress: Progress | None = None, notes: list[str] | None = None
) -> LibraryIndex:
    """The index of these files, brought up to date; IndexUnavailable when it cannot be used here.

    A damaged index is set aside and built again (said in `notes`); a cache dir that
    cannot be written, or another Podium building this very index, raise IndexUnavailable
    with the reason, and the caller reads the files directly.
    """
    directory = index_directory(paths, root)
    for attempt in range(2):
        try:
            return _open(directory, paths, progress)
        except CorruptIndex as error:
            if attempt or not directory.exists():
                raise IndexUnavailable(f"the library index is damaged ({error})") from error
            try:
                aside = store.set_aside(directory)
            except OSError as moved:
                raise IndexUnavailable(f"the library index is damaged and cannot be moved: {moved}") from moved
            if notes is not None:
                notes.append(f"the library index was damaged ({error}): set aside as {aside.name}, built again")
    raise AssertionError("unreachable")


def _open(directory: Path, paths: Sequence[Path], progress: Progress | None) -> LibraryIndex:
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        with store.build_lock(directory):
            connection = store.connect(directory / store.DATABASE, create=True)
            try:
                update(connection, directory, paths, progress)
            except BaseException:
                connection.close()
                raise
    except IndexUnavailable as busy:
        # Another Podium is building it: use it as it stands if it already holds these files unchanged.
        connection = _reader_if_current(directory, paths, busy)
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and _unwritable(error):
            raise IndexUnavailable(f"cannot write the library index in {directory.parent}: {error}") from error
        raise CorruptIndex(str(error)) from error
    except OSError as error:
        raise IndexUnavailable(f"cannot write the library index in {directory.parent}: {error.strerror}") from error
    try:
        return LibraryIndex(directory, paths, connection)
    except BaseException:
        connection.close()
        raise


def _unwritable(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return any(s in text for s in ("readonly", "read-only", "unable to open", "disk is full", "disk i/o"))


def _reader_if_current(directory: Path, paths: Sequence[Path], busy: IndexUnavailable) -> sqlite3.Connection:
    from .build import stale

    try:
        connection = store.connect(directory / store.DATABASE, create=False)
    except (CorruptIndex, sqlite3.DatabaseError) as error:
        raise busy from error
    changed, removed = stale(connection, paths, hash_touched=False)
    if changed or removed:
        connection.close()
        raise busy
    return connection


def as_library(index: LibraryIndex) -> Library:
    """The events' records without their remarks (for what needs only speakers, sections and talks)."""
    return Library(tuple(u.stub for u in index.units))


def with_remarks(unit: Unit, remarks: Sequence[Remark]) -> Proceedings:
    stub = unit.stub
    return Proceedings(stub.source, stub.event, stub.speakers, stub.sections, tuple(remarks), origin=stub.origin)
