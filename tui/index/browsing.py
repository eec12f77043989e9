"""The browser's views of a library read through its index: All events, or one large event alone.

No remark is made as they open. What a view counts, filters and threads is read now, as
each event's stored columns (`LibraryIndex.columns_of`); its remarks are read a page at a
time as they are shown (`IndexedRemarks`).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

from ..core.columns import RemarkColumns
from ..core.combined import Combined, joining
from ..core.event_remarks import EventRemarks
from ..core.memory import give_back
from ..core.model import Library, Proceedings
from .library import LibraryIndex, with_remarks
from .paged import IndexedRemarks, Naming


def all_events(index: LibraryIndex, progress: Callable[[int, int], None] | None = None) -> Combined:
    """Every event, and All events. Each event's own remarks are made from All events' when first
    asked for (`EventRemarks`). `progress` is told (events read, events to read) after each event."""
    units = index.units
    owns = [EventRemarks(u.rows) for u in units]
    joined = joining(Library(tuple(with_remarks(u, own) for u, own in zip(units, owns, strict=True))))
    speaker_code = {s.id: n for n, s in enumerate(joined.speakers)}
    codes = [[speaker_code[joined.speaker_ids[n][s.id]] for s in u.stub.speakers] for n, u in enumerate(units)]
    reading = [n for n, u in enumerate(units) if u.rows]
    stored = index.columns_of([units[n] for n in reading], progress)
    own_sections: list[Sequence[int]] = [array("i") for _ in units]  # per event: each remark's section in it
    attach = []  # per event with remarks: its own sections and speakers, and each remark's index in them
    for k, number in enumerate(reading):
        section, speaker = stored.own(k)
        own_sections[number] = section
        stub = units[number].stub
        attach.append((number, ([s.id for s in stub.sections], section, [s.id for s in stub.speakers], speaker)))
    columns = stored.joined(reading, [joined.starts[n] for n in reading], [codes[n] for n in reading])
    naming = Naming(
        units,
        joined.starts,
        [joined.prefix(n) for n in range(len(units))],
        [[joined.sections[n].id] * len(u.stub.sections) for n, u in enumerate(units)],
        [s.id for s in joined.speakers],
        codes,
        own_sections,
    )
    remarks = IndexedRemarks(index, naming, columns)
    index.in_use = True
    combined = joined.combined(remarks, columns=columns)
    for number, own in attach:
        owns[number].attach(remarks, joined.starts[number], joined.prefix(number), own)
    del stored
    give_back()  # the columns' temporaries
    return combined


def event_by_page(index: LibraryIndex, number: int) -> Proceedings:
    """One event (the `number`th of the index's units), read a page at a time as All events is:
    a large event opened alone holds only the rows on screen."""
    unit = index.units[number]
    section, speaker, reply_to, length = index.columns_of([unit]).of(0)
    stub = unit.stub
    columns = RemarkColumns(speaker, section, reply_to, length)  # its own codes are the view's
    sections, speakers = [s.id for s in stub.sections], [s.id for s in stub.speakers]
    naming = Naming([unit], (0,), [""], [sections], speakers, [range(len(speakers))], [section])
    index.in_use = True
    remarks = IndexedRemarks(index, naming, columns)
    return Proceedings(
        stub.source, stub.event, stub.speakers, stub.sections, remarks, origin=stub.origin, columns=columns
    )
