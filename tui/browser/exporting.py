"""The remarks shown, exported as the table `podium remarks -f csv` prints, to a file in the user data folder.

No Textual here: the main screen asks for the rows and the file and tells the reader where it went.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..core.model import Proceedings, Remark
from ..formats.atomic import write_atomically
from ..formats.ids import slug
from ..output.table_view import remarks_table
from .clipboard import last_copy_path
from .collecting import origin_in
from .searcher import Searcher


def shown_remarks(searcher: Searcher) -> list[tuple[Proceedings, Remark]]:
    """The remarks the filter leaves in the view shown, each as its own event has it (in All events too)."""
    assert searcher.outcome is not None
    view = searcher.proceedings
    view_event = searcher.event_of_view(searcher.event_index)
    library, combined = searcher.library, searcher.combined
    pairs = []
    for position in searcher.outcome.positions:
        index, remark = origin_in(library, combined, view_event, view.remarks[position])
        pairs.append((library.events[index], remark))
    return pairs


def export_path(event_id: str, at: datetime) -> Path:
    """remarks-EVENT-2024-03-28-153000.csv in the user data folder, beside the collection's exports.

    A second export in the same second (another filter) gets -2, -3: it never replaces the first.
    """
    stem = f"remarks-{slug(event_id, 'event')}-{at:%Y-%m-%d-%H%M%S}"
    path = last_copy_path().with_name(f"{stem}.csv")
    number = 1
    while path.exists():
        number += 1
        path = path.with_name(f"{stem}-{number}.csv")
    return path


def export_table(pairs: list[tuple[Proceedings, Remark]], path: Path) -> None:
    """The table written whole or not at all (OSError: the folder or the disk refused)."""
    table = remarks_table(pairs, "csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, table, newline="")  # the table's CRLFs as they are, on Windows too
