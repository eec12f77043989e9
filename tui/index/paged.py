"""A view's remarks (All events, or one large event), read from the library index a page at a time as shown.

A million remarks made as Python objects are a gigabyte and five seconds. The view needs
few of them: counts, threads and layout read the columns (`RemarkColumns`), the screen
shows a page, a search checks its candidates. `IndexedRemarks` is the sequence of every
remark, of known length, that fetches a page of rows when one of them is asked for and
keeps the last pages read. Each row is checked against the columns read at open: a row
that does not agree means a damaged index, which is set aside (built again on the next
open) and shown as a remark that says so, never as someone's words.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING, Any, Protocol, overload

from ..core.columns import RemarkColumns
from ..core.folding import fold
from ..core.model import Remark
from . import store
from .records import search_text, stored_topics
from .store import CorruptIndex

if TYPE_CHECKING:
    from pathlib import Path


class _Unit(Protocol):
    first_row: int


class RowSource(Protocol):
    """What the remarks are read from: the library index (`LibraryIndex`), its events' rows and its connection."""

    directory: Path
    connection: sqlite3.Connection

    def fetch(self, rows: Iterable[int], columns: str) -> dict[int, tuple[object, ...]]: ...
    def fetch_rows(self, rows: list[int], columns: str) -> Iterator[tuple[Any, ...]]: ...


PAGE = 256  # remarks a page: a screen's worth, a few times over
KEPT_PAGES = 64  # ~16,000 remarks kept, a few megabytes: scrolling back reads nothing again
# Remarks read under one hold of the connection: a worker reading many keeps the screen's next page waiting
# no longer than this many take.
READ_TOGETHER = 4096
DAMAGED = (
    "(This remark could not be read back: the library index is damaged. It has been set aside and is "
    "built again from the files when they are next opened.)"
)
UNREAD = "(This remark could not be read back just now: {error}.)"
_NUMBER = (float, int, type(None))
# What a row that is not what the index lists raises as it is read: a damaged index, set aside.
_DAMAGE = (CorruptIndex, sqlite3.DatabaseError, TypeError, IndexError, KeyError, ValueError)
PAGED_COLUMNS = 'row, id, section, speaker, reply_to, topics, text, start, "end", spoken, notes'


@dataclass(frozen=True, slots=True)
class Naming:
    """How a view names its events' rows: All events (`EVENT/ID`, each event a section), or one event's own view.

    A row stores its event's own codes; `codes` and `sections` turn them into the view's.
    """

    units: Sequence[_Unit]  # the view's events, in view order (an event of no remarks takes no position)
    starts: Sequence[int]  # each one's first position in the view
    prefixes: Sequence[str]  # each one's remarks' ids begin so in the view
    sections: Sequence[Sequence[str]]  # per event: the view's section id of each of its own sections
    speakers: Sequence[str]  # the view's speaker ids, by the view's code
    codes: Sequence[Sequence[int]]  # per event: the view's code of each of its own speakers
    own_sections: Sequence[Sequence[int]]  # per event: each remark's own section (checked against its row)


class IndexedRemarks(Sequence[Remark]):
    """A view's remarks (All events, or one large event), named as the view names them, read when asked for."""

    def __init__(self, index: RowSource, naming: Naming, columns: RemarkColumns):
        self._index, self._naming, self._columns = index, naming, columns
        self._speakers, self._starts = naming.speakers, naming.starts
        self._event_of = partial(_event_of, naming.starts)  # the index in the view's events of a position
        self._pages: OrderedDict[int, tuple[Remark, ...]] = OrderedDict()
        self._lock = threading.RLock()  # one connection, read from the screen's thread and the workers'
        self.damage: str | None = None  # what was found wrong, once
        self.on_damage: Callable[[str], None] | None = None  # told once, from whichever thread found it

    def __len__(self) -> int:
        return len(self._columns)

    @overload
    def __getitem__(self, index: int) -> Remark: ...
    @overload
    def __getitem__(self, index: slice) -> list[Remark]: ...
    def __getitem__(self, index: int | slice) -> Remark | list[Remark]:
        if isinstance(index, slice):
            return self.take(range(*index.indices(len(self))))
        count = len(self)
        if not -count <= index < count:
            raise IndexError("remark index out of range")
        index %= count
        return self._page(index // PAGE)[index % PAGE]

    def __iter__(self) -> Iterator[Remark]:
        """Every remark, page by page; the pages read are not kept (a walk over all does not push out the screen's)."""
        for page in range(0, len(self), PAGE):
            kept = self._pages.get(page // PAGE)
            yield from kept if kept is not None else self._read(range(page, min(page + PAGE, len(self))))[0]

    def take(self, positions: Iterable[int]) -> list[Remark]:
        """The remarks at these positions, those not in a kept page read together."""
        wanted = list(positions)
        found: dict[int, Remark] = {}
        missing = []
        for position in wanted:
            page = self._pages.get(position // PAGE)
            if page is not None:
                found[position] = page[position % PAGE]
            else:
                missing.append(position)
        ordered = sorted(set(missing))
        for start in range(0, len(ordered), READ_TOGETHER):  # the connection is let go between chunks
            chunk = ordered[start : start + READ_TOGETHER]
            found |= zip(chunk, self._read(chunk)[0], strict=True)
        return [found[p] for p in wanted]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(other) == len(self) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, ...]:
        return (tuple, (tuple(self),))

    def __repr__(self) -> str:
        return f"IndexedRemarks({len(self)} remarks, {len(self._pages)} pages kept)"

    def _page(self, page: int) -> tuple[Remark, ...]:
        with self._lock:
            kept = self._pages.get(page)
            if kept is not None:
                self._pages.move_to_end(page)
                return kept
        start = page * PAGE
        read, whole = self._read(range(start, min(start + PAGE, len(self))))
        made = tuple(read)
        with self._lock:
            if not whole:
                return made  # not kept: read again when next asked for
            kept = self._pages.setdefault(page, made)
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
            return kept

    def _read(self, positions: Sequence[int]) -> tuple[list[Remark], bool]:
        """The remarks at these positions (ascending), from their rows, or placeholders saying why not;
        and whether they are to keep (not when the database could not be read just now: locked, an I/O error)."""
        try:
            with self._lock:
                return self._made(positions), True
        except sqlite3.OperationalError as error:
            return [self._placeholder(p, UNREAD.format(error=error)) for p in positions], False
        except (*_DAMAGE, RecursionError) as error:
            self._damaged(str(error) or type(error).__name__)
            return [self._placeholder(p) for p in positions], True

    def _made(self, positions: Sequence[int]) -> list[Remark]:
        naming, columns, starts = self._naming, self._columns, self._starts
        units = naming.units
        event_of = self._event_of
        by_event = [(number, list(run)) for number, run in groupby(positions, key=event_of)]
        rows: dict[int, tuple[Any, ...]] = {}
        for number, run in by_event:
            unit, start = units[number], starts[number]
            rows |= self._rows(unit.first_row, [p - start for p in run])
        parents = {columns.parent[p] for p in positions} - {-1} - set(positions)
        parent_ids = self._ids(sorted(parents), event_of)
        ids = dict(parent_ids)
        for number, run in by_event:
            unit, start, prefix = units[number], starts[number], naming.prefixes[number]
            for position in run:
                rid = rows[unit.first_row + position - start][0]
                if type(rid) is not str:
                    raise CorruptIndex("a remark's id is not text")
                ids[position] = prefix + rid
        made: list[Remark] = []
        speakers, speaker_of, parent_of, length = self._speakers, columns.speaker, columns.parent, columns.length
        for number, run in by_event:
            unit, start = units[number], starts[number]
            sections, codes, own_section = naming.sections[number], naming.codes[number], naming.own_sections[number]
            for position in run:
                _, own, speaker, reply_to, topics, text, begin, end, spoken, notes = rows[
                    unit.first_row + position - start
                ]
                parent = parent_of[position]
                if (
                    own != own_section[position - start]
                    or type(text) is not str
                    or len(text) != length[position]
                    or speaker < 0
                    or codes[speaker] != speaker_of[position]
                    or (start + reply_to if reply_to >= 0 else -1) != parent
                    or not (type(begin) in _NUMBER and type(end) in _NUMBER and type(spoken) in _NUMBER)
                ):
                    raise CorruptIndex("a remark is not what the index lists")
                made.append(
                    Remark(
                        ids[position],
                        sections[own],
                        speakers[speaker_of[position]],
                        text,
                        ids[parent] if parent >= 0 else None,
                        tuple(stored_topics(topics)) if topics is not None else (),
                        position,
                        begin,
                        end,
                        spoken,
                        tuple(stored_topics(notes)) if notes is not None else (),
                    )
                )
        return made

    def _rows(self, first_row: int, own: list[int], columns: str = PAGED_COLUMNS) -> dict[int, tuple[Any, ...]]:
        """An event's rows at these of its positions (ascending), by row number: `columns`, led by the row."""
        low, high = first_row + own[0], first_row + own[-1] + 1
        wanted = {first_row + p for p in own}
        if len(wanted) * 4 < high - low:  # a few rows spread over many: ask for them by number
            found = {row: values for row, *values in self._index.fetch_rows(sorted(wanted), columns)}
        else:
            query = f"SELECT {columns} FROM remarks WHERE row >= ? AND row < ?"
            found = {row: values for row, *values in self._index.connection.execute(query, (low, high))}
        if not wanted <= found.keys():
            raise CorruptIndex("a remark the index lists is missing")
        return {row: tuple(found[row]) for row in wanted}

    def search_texts(self, positions: Sequence[int]) -> list[str]:
        """The search form of these remarks' texts (ascending positions), as the index stores it: nothing is folded."""
        texts: list[str] = []
        for start in range(0, len(positions), READ_TOGETHER):  # the connection is let go between chunks
            texts += self._search_texts(positions[start : start + READ_TOGETHER])
        return texts

    def _search_texts(self, positions: Sequence[int]) -> list[str]:
        try:
            with self._lock:
                starts, units, event_of = self._starts, self._naming.units, self._event_of
                texts: dict[int, str] = {}
                for number, run in groupby(positions, key=event_of):
                    first, start = units[number].first_row, starts[number]
                    own = [p - start for p in run]
                    rows = self._rows(first, own, "row, text, folded")
                    for p in own:
                        text, folded = rows[first + p]
                        texts[start + p] = search_text(text, folded)
                return [texts[p] for p in positions]
        except sqlite3.OperationalError as error:
            return [fold(UNREAD.format(error=error))] * len(positions)
        except (*_DAMAGE, RecursionError) as error:
            self._damaged(str(error) or type(error).__name__)
            return [fold(DAMAGED)] * len(positions)

    def _ids(self, positions: list[int], event_of: Callable[[int], int]) -> dict[int, str]:
        """All events' ids of the remarks at these positions (the ones replies answer), read alone."""
        if not positions:
            return {}
        units, starts, prefixes = self._naming.units, self._starts, self._naming.prefixes
        row_of = {units[n].first_row + p - starts[n]: (p, prefixes[n]) for p in positions for n in (event_of(p),)}
        ids = self._index.fetch(row_of, "id")
        out = {}
        for row, (value,) in ids.items():
            if type(value) is not str:
                raise CorruptIndex("a remark's id is not text")
            position, prefix = row_of[row]
            out[position] = prefix + value
        return out

    def _placeholder(self, position: int, text: str = DAMAGED) -> Remark:
        """A remark that could not be read: said so, by whom the columns say, never another's words."""
        number = self._event_of(position)
        return Remark(
            f"{self._naming.prefixes[number]}unreadable-{position - self._starts[number] + 1}",
            self._naming.sections[number][self._naming.own_sections[number][position - self._starts[number]]],
            self._speakers[self._columns.speaker[position]],
            text,
            position=position,
        )

    def _damaged(self, error: str) -> None:
        """Said once, and never under the lock: whoever is told may wait for a thread that waits for it."""
        with self._lock:
            if self.damage is not None:
                return
            self.damage = error
        with contextlib.suppress(OSError, CorruptIndex, store.IndexUnavailable):  # else the next open does
            store.set_aside(self._index.directory)
        told = self.on_damage
        if told is not None:
            told(error)


def _event_of(starts: Sequence[int], position: int) -> int:
    return bisect_right(starts, position) - 1
