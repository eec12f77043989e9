"""The reader's collection of quotations: each event's marks, read from disk when first needed.

A plain object over the library shown (no Textual): the main screen and the remark screen ask it
which remarks are marked and to mark one; what the reader should be told goes through `tell`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..core.textsafe import safe_line

if TYPE_CHECKING:
    from ..core.combined import Combined
    from ..core.marks import Marks
    from ..core.model import Library, Remark
    from ..formats.marks import Collection

Tell = Callable[[str], None]  # a warning for the reader, already terminal-safe


class Collections:
    """Every event's collection of marks, by its index in library.events."""

    def __init__(self, library: Library, combined: Combined | None, tell: Tell) -> None:
        self.library, self.combined, self._tell = library, combined, tell
        self._read: dict[int, Collection] = {}

    def of(self, index: int) -> Collection:
        """An event's collection, read from disk on first use (and the reader told what went wrong)."""
        from ..formats.marks import Collection, source_hash

        if index not in self._read:
            proceedings = self.library.events[index]
            collection = Collection(proceedings.event.id, source_hash(proceedings.source))
            self._read[index] = collection
            self.tell_problem(collection)
            if collection.changed_source:
                lost = [m for m in collection.marks if m not in proceedings.remark_by_id]
                gone = f"; no longer in it: {', '.join(lost)}" if lost else ""
                title = safe_line(proceedings.event.title)
                self._tell(f"{title}: the file changed since you marked remarks in it{gone}")
        return self._read[index]

    def has_any(self, index: int, files: frozenset[str] | None = None) -> bool:
        """Whether an event has marks (read already, or a file of them): else nothing to read or hash.

        `files`: the names in the marks folder, listed once for a thousand events (`_files`), not
        one look-up each on the screen's thread.
        """
        from ..formats.marks import collection_name, collection_path

        if index in self._read:
            return True
        event_id = self.library.events[index].event.id
        return collection_name(event_id) in files if files is not None else collection_path(event_id).exists()

    @staticmethod
    def _files() -> frozenset[str] | None:
        """The names of the files in the marks folder (none if it is not there; None if it cannot
        be listed, though its files may still be read: then each is looked for)."""
        from ..formats.marks import marks_folder

        try:
            with os.scandir(marks_folder()) as entries:
                return frozenset(entry.name for entry in entries)
        except FileNotFoundError:
            return frozenset()
        except OSError:
            return None

    def tell_problem(self, collection: Collection) -> None:
        if collection.problem:
            self._tell(safe_line(collection.problem))
            collection.problem = None

    def marked(self, event: int | None, *, read: bool = False) -> frozenset[str]:
        """The ids of the marked remarks of a view (an event's index, or None for All events), as its rows name them.

        `read`: read collections from disk (only those of events that have a file: no hashing otherwise).
        """
        indexes = range(len(self.library.events)) if event is None else [event]
        files = self._files() if read and len(indexes) > 1 else None
        ids: set[str] = set()
        for index in indexes:
            if index not in self._read and not (read and self.has_any(index, files)):
                continue  # not read yet, or nothing was ever marked in this event
            marks = self.of(index).marks
            if self.combined is not None and event is None:
                ids.update(self.combined.combined_id(index, m) for m in marks)
            else:
                ids.update(marks)
        return frozenset(ids)

    def every_event(self) -> list[tuple[Marks, bool]]:
        """Each event's marks and whether its file changed since, in library order (for M and `podium marks`)."""
        collected: list[tuple[Marks, bool]] = []
        files = self._files()
        for index in range(len(self.library.events)):
            if self.has_any(index, files):
                collection = self.of(index)
                collected.append((collection.marks, collection.changed_source))
            else:
                collected.append(({}, False))
        return collected

    def toggle(self, index: int, remark: Remark) -> str:
        """Mark or unmark a remark of library.events[index]; what to tell the reader."""
        collection = self.of(index)
        marked = collection.toggle(remark.id)
        self.tell_problem(collection)
        done = "Marked" if marked else "Unmarked"
        return f"{done} {remark.id}; {len(collection.marks)} in this event's collection (M shows it)"

    def note_of(self, index: int, remark: Remark) -> str:
        mark = self.of(index).marks.get(remark.id)
        return mark.note if mark else ""

    def keep_note(self, index: int, remark: Remark, note: str) -> None:
        collection = self.of(index)
        collection.set_note(remark.id, note)
        self.tell_problem(collection)


def origin_in(
    library: Library, combined: Combined | None, view_event: int | None, remark: Remark
) -> tuple[int, Remark]:
    """The index in library.events of the event a remark of a view belongs to, and the remark as that event has it.

    `view_event`: the event the view shows, None for All events (whose remarks are combined ones).
    """
    if view_event is None:
        assert combined is not None
        return combined.origin(remark)
    return view_event, remark
