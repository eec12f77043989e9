"""The remarks shown, exported as the table `podium remarks -f csv` prints, to a file in the user data folder.

The main screen's exporter (`E`, and the palette): it takes what the screen shows, reserves the file,
writes the table in a worker and tells the reader where it went. Served (`podium serve`), the table
goes to the visitor's browser as a download instead, and nothing is written on the server.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from ..core.combined import Combined
from ..core.model import Library, Proceedings, Remark
from ..core.textsafe import safe_line
from ..formats.atomic import write_atomically
from ..formats.ids import slug
from ..output.plain_text import plural
from ..output.table_view import remarks_table
from .clipboard import last_copy_path
from .collecting import origin_in
from .main_view import MainView
from .searcher import Searcher
from .served import served


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


def export_stem(event_id: str, at: datetime) -> str:
    return f"remarks-{slug(event_id, 'event')}-{at:%Y-%m-%d-%H%M%S}"


def export_path(event_id: str, at: datetime) -> Path:
    """remarks-EVENT-2024-03-28-153000.csv in the user data folder, beside the collection's exports,
    reserved at once (an empty file): the table is written into it later, by a worker.

    A second export in the same second (another filter) gets -2, -3: it never replaces the first,
    even while the first is still being written. OSError: the folder cannot be written.
    """
    stem = export_stem(event_id, at)
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


def reserve(event_id: str) -> Path | str:
    """The file an export of this event is to be written to, reserved now; else what to tell the reader."""
    try:
        return export_path(event_id, datetime.now())
    except OSError as error:
        return cannot_write(error.filename or "the data folder", error)


def write(shown: Shown, path: Path) -> tuple[str, bool]:
    """The table of the remarks shown, written to its reserved file: what to tell the reader, and whether it failed."""
    pairs = shown.remarks()
    try:
        export_table(pairs, path)
    except OSError as error:
        return cannot_write(path, error), True
    return f"{plural(len(pairs), 'remark')} exported as CSV: {safe_line(str(path))}", False


def cannot_write(where: object, error: OSError) -> str:
    return f"Could not write {safe_line(str(where))}: {safe_line(error.strerror or str(error))}"


EXPORT_NOTICE = 20_000  # an export of more rows than this says it has begun: it takes a few seconds
# Served, a table is built in the visitor's session and sent down their page: bounded, so that one
# visitor's export of a parliament's decade cannot take the memory that other visitors share.
SERVED_EXPORT_LIMIT = 100_000


class Exporter:
    """Exports what the main screen shows; made and written in a worker, since All events of a
    parliament's decade is a million rows read from the library index a page at a time."""

    def __init__(self, screen: MainView) -> None:
        self.screen = screen

    def export(self) -> None:
        screen, searcher = self.screen, self.screen.searcher
        if not screen.library.events or searcher.schedule_shown:
            return
        if not searcher.outcome_is_current or searcher.outcome is None:  # a worker is still searching
            screen.notify("Still searching: export again once the remarks are shown.", severity="warning", markup=False)
            return
        positions = searcher.outcome.positions  # the rows shown now, whatever is typed while it is written
        if served():
            self._download(Shown.of(searcher, positions))
            return
        path = reserve(searcher.proceedings.event.id)
        if isinstance(path, str):
            screen.notify(path, severity="error", markup=False)
            return
        if len(positions) > EXPORT_NOTICE:
            screen.notify(f"Exporting {len(positions):,} remarks…", markup=False, timeout=4)
        screen.run_worker(partial(self._write, Shown.of(searcher, positions), path), thread=True, group="export")

    def _write(self, shown: Shown, path: Path) -> None:
        message, failed = write(shown, path)
        severity = "error" if failed else "information"
        self.screen.app.call_from_thread(self.screen.notify, message, severity=severity, markup=False, timeout=10)

    def _download(self, shown: Shown) -> None:
        """Served: the table made in a worker, then sent to the visitor's browser; nothing on the server."""
        count = len(shown.positions)
        if count > SERVED_EXPORT_LIMIT:
            self.screen.notify(
                f"{count:,} remarks are more than a served Podium exports ({SERVED_EXPORT_LIMIT:,}): "
                "narrow the filter, or use `podium remarks -f csv` where the files are.",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        name = export_stem(shown.view.event.id, datetime.now()) + ".csv"
        if count > EXPORT_NOTICE:
            self.screen.notify(f"Exporting {count:,} remarks…", markup=False, timeout=4)
        self.screen.run_worker(partial(self._send, shown, name), thread=True, group="export")

    def _send(self, shown: Shown, name: str) -> None:
        pairs = shown.remarks()
        table = io.StringIO(remarks_table(pairs, "csv"), newline="")  # the table's CRLFs as they are
        self.screen.app.call_from_thread(self._deliver, table, name, len(pairs))

    def _deliver(self, table: io.StringIO, name: str, count: int) -> None:
        self.screen.app.deliver_text(table, save_filename=name, mime_type="text/csv", encoding="utf-8")
        message = f"{plural(count, 'remark')} exported as CSV: {name}, sent to your browser as a download"
        self.screen.notify(message, markup=False, timeout=10)
