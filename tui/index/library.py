"""A library read through its index: the events as the plain load lists them, their remarks on demand.

A `LibraryIndex` (made by `opening.open_library`) holds the events' records (small), the
segments mapped, and a connection to fetch remarks by row, each checked against its event as
it is made. Nothing of the size of the corpus is held in memory.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import msgspec
from pyroaring import FrozenBitMap

from ..core.event_remarks import EventRemarks
from ..core.model import Event, Proceedings, Remark, Section, Speaker
from ..formats.open import listed
from ..formats.pairing import told_apart
from ..formats.source import Problem
from . import store
from .paged import PAGED_COLUMNS
from .records import Head, search_text, stored_topics
from .segment import CorruptSegment, Segment
from .store import CorruptIndex
from .stored_columns import StoredColumns, read_columns

T = TypeVar("T")


class Unit:
    """One event of the library: its record, and where its remarks' rows are.

    Its speakers and sections are decoded the first time they are asked for: a query
    that finds nothing in an event never builds them.
    """

    __slots__ = ("_head", "_stub", "event", "first_row", "id", "rows")

    def __init__(self, unit_id: int, event: Proceedings, head: bytes, first_row: int, rows: int) -> None:
        self.id = unit_id  # its row in the units table
        self.event = event  # the event as the library lists it (its id and title made unique), no speakers
        self._head, self.first_row, self.rows = head, first_row, rows
        self._stub: Proceedings | None = None

    @property
    def stub(self) -> Proceedings:
        """The event with its speakers and sections; no remarks."""
        if self._stub is None:
            record = _decode(self._head, Head)
            e = self.event
            speakers = tuple(map(_shared, record.speakers))
            self._stub = Proceedings(e.source, e.event, speakers, record.sections, (), origin=e.origin)
        return self._stub


class LibraryIndex:
    def __init__(
        self, directory: Path, paths: Sequence[Path], keys: Sequence[str], connection: sqlite3.Connection
    ) -> None:
        self.directory, self.connection = directory, connection
        self.in_use = False  # All events reads its remarks from it as they are shown: not to be closed
        # One snapshot for as long as it is read: another Podium re-indexing a changed file
        # meanwhile (deleting its old rows) changes nothing this one reads.
        named = dict(zip(keys, paths, strict=True))
        order = {key: n for n, key in enumerate(keys)}
        try:
            connection.execute("BEGIN")
            units = connection.execute("SELECT id, path, head, first_row, rows FROM units").fetchall()
            files = connection.execute("SELECT path, problems FROM files").fetchall()
            linked = {unit for (unit,) in connection.execute("SELECT unit FROM files WHERE unit IS NOT NULL")}
            segments = connection.execute("SELECT name, first_row, rows FROM segments ORDER BY first_row").fetchall()
        except sqlite3.DatabaseError as error:
            raise CorruptIndex(str(error)) from error
        problems = _problems(files, named, order)
        loaded = []
        where: dict[int, tuple[int, bytes, int, int]] = {}  # by the order of the file named: its record and rows
        if linked != {unit for unit, *_ in units}:
            raise CorruptIndex("its files and their events do not agree")
        for unit_id, key, head, first, rows in units:
            if key not in named or not _run_of_rows(first, rows, empty=True):
                raise CorruptIndex("an event the files do not name, or rows that cannot be")
            if order[key] in where or not isinstance(head, bytes):
                raise CorruptIndex("two events of one file")
            loaded.append((order[key], named[key], _event_stub(named[key], head)))
            where[order[key]] = (unit_id, head, first, rows)
        loaded.sort(key=lambda item: item[0])
        self.units: list[Unit] = []
        for index, _path, event, problem in listed(told_apart(loaded)):
            if problem is not None:
                problems.append((index, problem))
            else:
                unit_id, head, first, rows = where[index]
                self.units.append(Unit(unit_id, event, head, first, rows))
        self.problems = list(dict.fromkeys(problem for _, problem in sorted(problems, key=lambda item: item[0])))
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

    def fingerprint(self) -> tuple[object, ...]:
        """What the index holds, file by file: two equal fingerprints, the same rows with the same texts."""
        try:
            files = self.connection.execute("SELECT path, sha256, unit FROM files ORDER BY path").fetchall()
            units = self.connection.execute("SELECT id, first_row, rows FROM units ORDER BY id").fetchall()
        except sqlite3.DatabaseError as error:
            raise CorruptIndex(str(error)) from error
        return tuple(files), tuple(units)

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
        wanted = list(rows)
        found = {row: tuple(values) for row, *values in self.fetch_rows(wanted, "row, " + columns)}
        if len(found) != len(wanted):
            raise CorruptIndex("a remark the index lists is missing")
        return found

    def fetch_rows(self, rows: list[int], columns: str) -> Iterator[tuple[Any, ...]]:
        """The rows of these numbers that are there, as `columns` (one of this package's own lists, never a user's)."""
        assert columns.removeprefix("row, ") in _COLUMNS
        # As many rows a statement as SQLite takes (999 before 3.32): each statement costs a sort and a walk.
        size = min(self.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 10_000)
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            marks = ",".join("?" * len(chunk))
            try:
                yield from self.connection.execute(f"SELECT {columns} FROM remarks WHERE row IN ({marks})", chunk)
            except sqlite3.DatabaseError as error:
                raise CorruptIndex(str(error)) from error

    def whole_events(self, sources: set[str] | None = None) -> list[Proceedings]:
        """Every event (or those of the files named `sources`) with all its remarks.

        In library order, one pass over the rows. Their search texts are not read: a search
        folds what it reads (the word indexes answer most of a large view's without them).
        """
        units = [(n, u) for n, u in enumerate(self.units) if sources is None or u.event.source in sources]
        remarks = {n: _whole_event(u, rows) for n, u, rows in self._rows_by_event(units)}
        return [with_remarks(unit, remarks.get(number, ())) for number, unit in units]

    def columns_of(self, units: Sequence[Unit], progress: Callable[[int, int], None] | None = None) -> StoredColumns:
        """The stored columns of `units` (each with remarks), checked against their events."""
        return read_columns(self.connection, units, progress)

    def _rows_by_event(self, units: list[tuple[int, Unit]]) -> Iterator[tuple[int, Unit, list[tuple[Any, ...]]]]:
        """Each event that has remarks, in row order, with its rows (of `_WHOLE_COLUMNS`, led by the row number)."""
        query = f"SELECT row, {_WHOLE_COLUMNS} FROM remarks WHERE row >= ? AND row < ? ORDER BY row"
        try:
            for first, number in sorted((u.first_row, n) for n, u in units if u.rows):
                unit = self.units[number]
                rows = self.connection.execute(query, (first, first + unit.rows)).fetchall()
                yield number, unit, rows  # read whole here: damage found as it is read is reported as such
        except sqlite3.DatabaseError as error:
            raise CorruptIndex(str(error)) from error

    def events_with(
        self, rows: Sequence[int], check: Callable[[str], bool] | None = None
    ) -> list[tuple[Proceedings, list[Remark]]]:
        """Each event with some of these rows, in library order, and those rows' remarks.

        Each event holds the remarks asked for and the ones they answer (for "answering NAME").
        `check` is asked of each remark's search text: a remark it refuses means the
        index lists a remark for words it does not hold, and the index is damaged.
        """
        values = self.fetch(rows, REMARK_COLUMNS)
        if check is not None and not all(check(search_text(v[5], v[_WHOLE])) for v in values.values()):
            raise CorruptIndex("a remark listed for words it does not hold")
        by_unit = self._by_unit(rows)
        answered = self._answered(by_unit, values, set(values))
        parents = self.fetch(sorted(answered), REMARK_COLUMNS)
        values |= parents
        ids = {row: str(v[0]) for row, v in values.items()}
        further = self._answered(self._by_unit(parents), parents, set(values))  # whom the parents answer: ids only
        ids |= {row: str(v[0]) for row, v in self.fetch(sorted(further), "id").items()}
        extra = self._by_unit(sorted(answered))
        out = []
        for number in sorted(by_unit):
            unit = self.units[number]
            found = _remarks(unit, ((row, *values[row][:_WHOLE]) for row in by_unit[number]), ids)
            answered_here = _remarks(unit, ((row, *values[row][:_WHOLE]) for row in extra.get(number, [])), ids)
            event = with_remarks(unit, sorted([*found, *answered_here], key=lambda r: r.position))
            out.append((event, found))
        return out

    def _by_unit(self, rows: Iterable[int]) -> dict[int, list[int]]:
        """The rows by the event they belong to: one walk beside the events' runs, not a search per row."""
        by_unit: dict[int, list[int]] = {}
        end: int | None = None
        here: list[int] = []
        for row in sorted(rows):
            if end is None or row >= end:  # past this event's rows: find the next event that has some
                unit = self.unit_of(row)
                end = self.units[unit].first_row + self.units[unit].rows
                here = by_unit.setdefault(unit, [])
            here.append(row)
        return by_unit

    def _answered(
        self, by_unit: dict[int, list[int]], values: dict[int, tuple[object, ...]], known: set[int]
    ) -> set[int]:
        """The rows of the remarks these answer, that are not `known` already."""
        wanted = set()
        for number, rows in by_unit.items():
            unit = self.units[number]
            for row in rows:
                reply_to = values[row][3]
                if not isinstance(reply_to, int) or not -1 <= reply_to < row - unit.first_row:
                    raise CorruptIndex("a reply to a remark outside its event")
                if reply_to >= 0 and unit.first_row + reply_to not in known:
                    wanted.add(unit.first_row + reply_to)
        return wanted


_NUMBER = (float, int, type(None))


def _whole_event(unit: Unit, rows: Iterable[tuple[Any, ...]]) -> list[Remark]:
    """An event's remarks from all its rows, in order (each reply after the remark it answers)."""
    remarks = _remarks(unit, rows, {})
    if len(remarks) != unit.rows:
        raise CorruptIndex("an event's remarks are not all there")
    return remarks


def _remarks(unit: Unit, rows: Iterable[tuple[Any, ...]], ids: dict[int, str]) -> list[Remark]:
    """Remarks as the plain load gives them, from rows of `_WHOLE_COLUMNS` led by the row number.

    `ids`: the ids of the remarks they answer, by row; each remark's own is added as it is
    made. One tight loop, each remark checked against its event. A value of the wrong type
    fails a comparison or an index (TypeError, IndexError, KeyError) and is reported as damage.
    """
    first = unit.first_row
    sections, speakers = _ids(unit.stub.sections), _ids(unit.stub.speakers)
    remarks: list[Remark] = []
    try:
        for row, rid, section, speaker, reply_to, topics, text, start, end, spoken, notes in rows:
            position = row - first
            if (
                not 0 <= position < unit.rows
                or section < 0
                or speaker < 0
                or not -1 <= reply_to < position
                or type(rid) is not str
                or type(text) is not str
                or not (type(start) in _NUMBER and type(end) in _NUMBER and type(spoken) in _NUMBER)
            ):
                raise CorruptIndex("a remark's references point outside its event")
            ids[row] = rid
            remarks.append(
                Remark(
                    rid,
                    sections[section],
                    speakers[speaker],
                    text,
                    ids[first + reply_to] if reply_to >= 0 else None,
                    tuple(stored_topics(topics)) if topics is not None else (),
                    position,
                    start,
                    end,
                    spoken,
                    tuple(stored_topics(notes)) if notes is not None else (),
                )
            )
    except (TypeError, IndexError, KeyError) as error:
        raise CorruptIndex("a remark's values are not what the index writes") from error
    return remarks


def _ids(records: Sequence[Speaker] | Sequence[Section]) -> list[str]:
    return [record.id for record in records]


_WHOLE_COLUMNS = 'id, section, speaker, reply_to, topics, text, start, "end", spoken, notes'  # what a remark is made of
_WHOLE = _WHOLE_COLUMNS.count(",") + 1
REMARK_COLUMNS = _WHOLE_COLUMNS + ", folded"  # and its search form, to check what a query found
_COLUMNS = (REMARK_COLUMNS, "id", "text, folded", "topics", PAGED_COLUMNS.removeprefix("row, "))


class _EventHead(msgspec.Struct, frozen=True):
    """The part of a Head that lists the event: its speakers and sections are skipped, not built."""

    origin: str
    event: Event


def _shared(speaker: Speaker) -> Speaker:
    """A speaker whose texts are the ones every event shares: a parliament's 2,000 sittings list the
    same 650 members, each with a name, a party and a role decoded anew (100 MB at 235,000 records).

    The record is decoded here and nowhere else holds it yet, so its frozen fields are set in place.
    """
    for name in _SHARED_FIELDS:
        value = getattr(speaker, name)
        if value is not None:
            object.__setattr__(speaker, name, sys.intern(value))
    return speaker


_SHARED_FIELDS = ("id", "name", "role", "organisation", "sex")


def _decode(head: bytes, kind: type[T]) -> T:
    try:
        return msgspec.json.decode(head, type=kind)
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        raise CorruptIndex(f"an event's record: {error}") from error


def _event_stub(path: Path, head: bytes) -> Proceedings:
    """The event as its file gave it, named by the path as given now, without speakers, sections or remarks."""
    record = _decode(head, _EventHead)
    return Proceedings(str(path), record.event, (), (), (), origin=record.origin)


def _problems(
    files: list[tuple[str, bytes]], named: dict[str, Path], order: dict[str, int]
) -> list[tuple[int, Problem]]:
    out = []
    for key, stored in files:
        if key not in named:
            continue
        try:
            problems = json.loads(stored)
            for message, line, column in problems:
                if not isinstance(message, str) or not all(isinstance(n, int | None) for n in (line, column)):
                    raise ValueError
                out.append((order[key], Problem(str(named[key]), message, line, column)))
        except (ValueError, TypeError) as error:
            raise CorruptIndex("a file's problems are not as written") from error
    return out


def _run_of_rows(first: object, rows: object, *, empty: bool) -> bool:
    """Whether (first, rows) can be a run of the index's rows."""
    return (
        isinstance(first, int)
        and isinstance(rows, int)
        and first >= 0
        and (rows >= 0 if empty else rows > 0)
        and first + rows <= store.MAX_ROWS
    )


def _segment(directory: Path, name: object, first: object, rows: object) -> tuple[Segment, int, int]:
    if not (isinstance(name, str) and name.startswith("segment-") and "/" not in name and os.sep not in name):
        raise CorruptIndex("a segment named outside the index")
    if not _run_of_rows(first, rows, empty=False):
        raise CorruptIndex("a segment's rows are not numbers")
    assert isinstance(first, int) and isinstance(rows, int)  # as _run_of_rows found
    try:
        return Segment(directory / name, rows), first, rows
    except CorruptSegment as error:
        raise CorruptIndex(f"{name}: {error}") from error


def with_remarks(unit: Unit, remarks: Sequence[Remark]) -> Proceedings:
    stub = unit.stub
    kept = remarks if isinstance(remarks, EventRemarks) else tuple(remarks)
    return Proceedings(stub.source, stub.event, stub.speakers, stub.sections, kept, origin=stub.origin)
