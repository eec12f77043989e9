"""The events' stored columns (section, speaker, reply_to, length), read back together and checked at once.

A view of a million remarks reads four million values as it opens. Checked one by one in
Python that took a third of a second; as numpy's arrays it takes milliseconds, and a crafted
value is still refused before anything reads it: every code names one of its event's own
speakers or sections, every reply an earlier remark of the same event, every length is not
negative. (The index is used from a megabyte of files, thousands of remarks: its views always
pay numpy's import, in the loading worker.)
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ..core.column_math import as_array, numpy
from ..core.columns import RemarkColumns
from ..core.model import Proceedings
from .store import CorruptIndex


class Unit(Protocol):
    """What is read of an event here: its row in the units table, its remarks, its speakers and sections."""

    id: int
    rows: int

    @property
    def stub(self) -> Proceedings: ...


Columns = tuple["array[int]", "array[int]", "array[int]", "array[int]"]


class StoredColumns:
    """The columns of `units` (each with remarks), one after the other, in the units' order."""

    def __init__(self, units: Sequence[Unit], values: Any) -> None:
        np = numpy()
        self.units = units
        self.section, self.speaker, self.reply_to, self.length = values  # numpy C ints, every unit's own codes
        self.starts = np.zeros(len(units) + 1, np.intp)  # where each unit's values begin
        np.cumsum([u.rows for u in units], out=self.starts[1:])

    def of(self, number: int) -> Columns:
        """The `number`th unit's own columns, as array('i')."""
        section, speaker = self.own(number)
        low, high = self.starts[number], self.starts[number + 1]
        return section, speaker, as_array(self.reply_to[low:high]), as_array(self.length[low:high])

    def own(self, number: int) -> tuple[array[int], array[int]]:
        """The `number`th unit's remarks' own sections and speakers, as array('i')."""
        low, high = self.starts[number], self.starts[number + 1]
        return as_array(self.section[low:high]), as_array(self.speaker[low:high])

    def joined(
        self, numbers: Sequence[int], starts: Sequence[int], speaker_codes: Sequence[Sequence[int]]
    ) -> RemarkColumns:
        """All events' columns. Each unit is a section, the `numbers`th; its speakers are as `speaker_codes`
        names them, and its replies move to where it `starts` among all the remarks."""
        np = numpy()
        rows = np.diff(self.starts)
        section = np.repeat(np.asarray(numbers, np.intc), rows)
        code_starts = np.zeros(len(speaker_codes) + 1, np.intp)
        np.cumsum([len(c) for c in speaker_codes], out=code_starts[1:])
        every_code = np.fromiter((c for codes in speaker_codes for c in codes), np.intc, code_starts[-1])
        speaker = every_code[self.speaker + np.repeat(code_starts[:-1], rows)]
        parent = np.where(self.reply_to >= 0, self.reply_to + np.repeat(np.asarray(starts, np.intc), rows), -1)
        return RemarkColumns(
            speaker=as_array(speaker), section=as_array(section), parent=as_array(parent), length=as_array(self.length)
        )


def read_columns(
    connection: sqlite3.Connection, units: Sequence[Unit], progress: Callable[[int, int], None] | None = None
) -> StoredColumns:
    """The stored columns of `units` (those with remarks), checked against their events.

    `progress` is told (units read, units to read) after each.
    """
    np = numpy()
    parts = []
    for done, unit in enumerate(units, 1):
        try:
            row = connection.execute("SELECT columns FROM units WHERE id = ?", (unit.id,)).fetchone()
        except sqlite3.DatabaseError as error:
            raise CorruptIndex(str(error)) from error
        blob = row[0] if row else None
        if not isinstance(blob, bytes) or len(blob) != 16 * unit.rows:
            raise CorruptIndex("an event's columns are not one value a remark")
        parts.append(np.frombuffer(blob, "<i4").reshape(4, unit.rows))  # stored little-endian everywhere
        if progress is not None:
            progress(done, len(units))
    values = np.concatenate(parts, axis=1).astype(np.intc) if parts else np.zeros((4, 0), np.intc)
    del parts
    stored = StoredColumns(units, values)
    _check(stored)
    return stored


def _check(stored: StoredColumns) -> None:
    np = numpy()
    rows = np.diff(stored.starts)

    def each(values: Any) -> Any:  # a unit's value beside each of its remarks
        return np.repeat(np.asarray(values, np.intp), rows)

    position = np.arange(len(stored.section)) - each(stored.starts[:-1])  # each remark's place in its event
    sections, speakers = (
        each([len(u.stub.sections) for u in stored.units]),
        each([len(u.stub.speakers) for u in stored.units]),
    )
    if not (
        ((stored.section >= 0) & (stored.section < sections)).all()
        and ((stored.speaker >= 0) & (stored.speaker < speakers)).all()
        and ((stored.reply_to >= -1) & (stored.reply_to < position)).all()
        and (stored.length >= 0).all()
    ):
        raise CorruptIndex("an event's columns point outside it")
