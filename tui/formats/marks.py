"""A reader's collection of quotations: marked remarks with notes, saved per event, never lost.

One JSON file per event under the user's data folder (`marks/EVENT-ID.json`), holding the
SHA-256 of the event file it was made from, so that a changed file is noticed: marks whose
remark no longer exists are listed as unresolved, and kept.

Every change is applied under a lock to what is on disk now (so two Podium windows on the
same event keep each other's marks) and written to a temporary file, flushed to disk and
renamed over the old one (so a crash or a kill at any moment leaves the old collection or
the new, never a broken one). A file that cannot be read is moved aside, reported, and
never overwritten; a folder that cannot be written keeps the marks in memory and says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..core.marks import Mark, Marks
from .atomic import write_atomically

FORMAT = 1
_SAFE_NAME = re.compile(r"[^a-z0-9._-]")


def marks_folder() -> Path:
    import platformdirs  # only when marks are used

    return Path(platformdirs.user_data_dir("podium", appauthor=False)) / "marks"


def collection_path(event_id: str, folder: Path | None = None) -> Path:
    """The file that holds an event's marks."""
    return (folder or marks_folder()) / collection_name(event_id)


def collection_name(event_id: str) -> str:
    """The name of the file that holds an event's marks, in the marks folder."""
    return f"{_SAFE_NAME.sub('-', event_id.lower()) or 'event'}.json"


def source_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


class MarksError(Exception):
    pass


def _read(path: Path) -> tuple[Marks, str]:
    """The marks in a collection file and the source hash it was made from; MarksError if unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, ""
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MarksError(str(error)) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("marks"), list):
        raise MarksError("not a Podium collection of marks")
    marks: Marks = {}
    for item in data["marks"]:
        if not isinstance(item, dict) or not isinstance(item.get("remark"), str):
            raise MarksError("a mark without its remark id")
        note, at = item.get("note", ""), item.get("at", "")
        if not isinstance(note, str) or not isinstance(at, str):
            raise MarksError(f"mark {item['remark']}: note and time must be text")
        marks[item["remark"]] = Mark(item["remark"], note, at)
    source = data.get("source_sha256", "")
    return marks, source if isinstance(source, str) else ""


def _write(path: Path, event_id: str, source: str, marks: Marks) -> None:
    document = {
        "format": FORMAT,
        "event": event_id,
        "source_sha256": source,
        "marks": [{"remark": m.remark, "note": m.note, "at": m.at} for m in marks.values()],
    }
    write_atomically(path, json.dumps(document, ensure_ascii=False, indent=1))


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock beside the file, held while a change is read, applied and written."""
    lock = path.with_name(path.name + ".lock")
    with open(lock, "a+b") as handle:
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # not on POSIX: the rename is still atomic
            pass
        yield


class Collection:
    """The marks of one event, kept on disk when it can be and in memory when it cannot."""

    def __init__(self, event_id: str, source: str, folder: Path | None = None) -> None:
        self.event_id = event_id
        self.source = source  # the hash of the event file as opened now
        self.path = collection_path(event_id, folder)
        self.marks: Marks = {}
        self.saved_source = ""
        self.problem: str | None = None  # what went wrong last, to tell the reader once
        self.in_memory = False
        self.reload()

    def reload(self) -> None:
        try:
            self.marks, self.saved_source = _read(self.path)
        except MarksError as error:
            self._set_aside(str(error))

    def _set_aside(self, why: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        try:
            os.replace(self.path, aside)
            self.problem = f"{self.path}: {why}; kept aside as {aside.name}, a new collection begins"
        except OSError:
            self.in_memory = True  # it stays where it is, untouched: never overwritten
            self.problem = f"{self.path}: {why}; left as it is, marks are kept in memory only"
        self.marks, self.saved_source = {}, ""

    @property
    def changed_source(self) -> bool:
        """The event file differs from the one these marks were made on."""
        return bool(self.marks) and bool(self.saved_source) and self.saved_source != self.source

    def change(self, apply: Callable[[Marks], None]) -> None:
        """Apply a change to the latest collection on disk (another window's marks included), then save it."""
        if self.in_memory:
            apply(self.marks)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.path):
                try:
                    marks, _ = _read(self.path)
                except MarksError as error:
                    self._set_aside(str(error))
                    marks = {}
                apply(marks)
                if not self.in_memory:
                    _write(self.path, self.event_id, self.source, marks)
                self.marks, self.saved_source = marks, self.source
        except OSError as error:
            self.in_memory = True
            self.problem = f"cannot save marks in {self.path.parent} ({error.strerror}); they are kept in memory only"
            apply(self.marks)

    def toggle(self, remark_id: str) -> bool:
        """Mark or unmark a remark; whether it is marked now."""
        marked = remark_id not in self.marks

        def apply(marks: Marks) -> None:
            if marked:
                marks.setdefault(remark_id, Mark(remark_id, "", _now()))
            else:
                marks.pop(remark_id, None)

        self.change(apply)
        return marked

    def set_note(self, remark_id: str, note: str) -> None:
        def apply(marks: Marks) -> None:
            old = marks.get(remark_id)
            marks[remark_id] = Mark(remark_id, note.strip(), old.at if old else _now())

        self.change(apply)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
