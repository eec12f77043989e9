"""The remarks shown, exported as the table `podium remarks -f csv` prints, to a file in the user data folder.

No Textual here: the main screen asks for the rows and the file and tells the reader where it went.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..core.combined import Combined
from ..core.model import Library, Proceedings, Remark
from ..formats.atomic import write_atomically
from ..formats.ids import slug
from ..output.table_view import remarks_table
from .clipboard import last_copy_path
from .collecting import origin_in
from .searcher import Searcher


@dataclass(frozen=True, slots=True)
class Shown:
    """What the screen shows as the export is asked for: the view, its event, and the filter's rows.

    Taken at once, so that a key typed or an event chosen while it is written changes nothing."""

    view: Proceedings
    view_event: int | None  # None: All events
    library: Library
    combined: Combined | None
    positions: Sequence[int]

    @classmethod
    def of(cls, searcher: Searcher, positions: Sequence[int]) -> Shown:
        view_event = searcher.event_of_view(searcher.event_index)
        return cls(searcher.proceedings, view_event, searcher.library, searcher.combined, positions)

    def remarks(self) -> list[tuple[Proceedings, Remark]]:
        """The remarks at these positions, each as its own event has it (in All events too)."""
        pairs = []
        for position in self.positions:
            index, remark = origin_in(self.library, self.combined, self.view_event, self.view.remarks[position])
            pairs.append((self.library.events[index], remark))
        return pairs


def export_path(event_id: str, at: datetime) -> Path:
    """remarks-EVENT-2024-03-28-153000.csv in the user data folder, beside the collection's exports,
    reserved at once (an empty file): the table is written into it later, by a worker.

    A second export in the same second (another filter) gets -2, -3: it never replaces the first,
    even while the first is still being written. OSError: the folder cannot be written.
    """
    stem = f"remarks-{slug(event_id, 'event')}-{at:%Y-%m-%d-%H%M%S}"
    folder = last_copy_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while True:
        path = folder / (f"{stem}.csv" if number == 1 else f"{stem}-{number}.csv")
        try:
            with open(path, "x", encoding="utf-8"):
                return path
        except FileExistsError:
            number += 1


def export_table(pairs: list[tuple[Proceedings, Remark]], path: Path) -> None:
    """The table written whole over its reserved file, or not at all (OSError: the disk refused;
    the reserved file is then removed)."""
    table = remarks_table(pairs, "csv")
    try:
        write_atomically(path, table, newline="")  # the table's CRLFs as they are, on Windows too
    except OSError:
        path.unlink(missing_ok=True)
        raise
