"""Finding a library's index, bringing it up to date, and opening it: or saying why it cannot be used.

`open_library` takes the build lock and reads what changed into the index; another Podium
holding the lock leaves it to read the index as it stands, if that holds every file as it is.
A damaged index is set aside and built again once (said in `notes`); a cache dir that cannot be
written raises IndexUnavailable, and the caller reads the files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from . import store
from .build import Progress, update
from .library import LibraryIndex
from .store import CorruptIndex, IndexUnavailable


def index_directory(opened: Sequence[Path], root: Path | None = None) -> Path:
    """Where the index of what was opened lives: one per folder or set of files named, whatever they hold now."""
    keys = store.file_keys(opened)
    return (root if root is not None else store.default_root()) / store.library_key(keys)


def open_library(
    paths: Sequence[Path],
    opened: Sequence[Path],
    root: Path | None = None,
    progress: Progress | None = None,
    notes: list[str] | None = None,
    *,
    segments: bool = True,
    processes: int | None = None,
) -> LibraryIndex:
    """The index of `paths` (the files `opened` names), brought up to date; IndexUnavailable when it cannot be used.

    A damaged index is set aside and built again (said in `notes`); a cache dir that
    cannot be written, or another Podium building this very index, raise IndexUnavailable
    with the reason, and the caller reads the files directly.
    """
    keys = store.file_keys(paths)
    if len(set(keys)) < len(keys):
        twice = next(p for p, key in zip(paths, keys, strict=True) if keys.count(key) > 1)
        raise IndexUnavailable(f"{twice} is named twice (or through a link)")
    directory = index_directory(opened, root)
    for attempt in range(2):
        try:
            return _open(directory, paths, keys, progress, segments, processes)
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


def _open(
    directory: Path,
    paths: Sequence[Path],
    keys: list[str],
    progress: Progress | None,
    segments: bool,
    processes: int | None,
) -> LibraryIndex:
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise CorruptIndex("its folder is not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        with store.build_lock(directory):
            connection = store.connect(directory / store.DATABASE, create=True)
            try:
                update(connection, directory, paths, keys, progress, segments=segments, processes=processes)
            except BaseException:
                connection.close()
                raise
    except IndexUnavailable as busy:
        # Another Podium is building it: use it as it stands if it already holds these files unchanged.
        connection = _reader_if_current(directory, paths, keys, busy, segments=segments)
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and _unwritable(error):
            raise IndexUnavailable(f"cannot write the library index in {directory.parent}: {error}") from error
        raise CorruptIndex(str(error)) from error
    except OSError as error:
        raise IndexUnavailable(f"cannot write the library index in {directory.parent}: {error.strerror}") from error
    try:
        return LibraryIndex(directory, paths, keys, connection)
    except BaseException:
        connection.close()
        raise


def _unwritable(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return any(s in text for s in ("readonly", "read-only", "unable to open", "disk is full", "disk i/o"))


def _reader_if_current(
    directory: Path, paths: Sequence[Path], keys: list[str], busy: IndexUnavailable, *, segments: bool = True
) -> sqlite3.Connection:
    from .build import stale, uncovered

    try:
        connection = store.connect(directory / store.DATABASE, create=False)
    except (CorruptIndex, sqlite3.DatabaseError) as error:
        raise busy from error
    try:
        changed, removed = stale(connection, paths, keys, write=False)
        unfinished = bool(uncovered(connection))
    except sqlite3.DatabaseError as error:
        connection.close()
        raise busy from error
    if changed or removed or (unfinished and segments):
        connection.close()
        raise busy
    return connection


def open_current(paths: Sequence[Path], opened: Sequence[Path], root: Path | None = None) -> LibraryIndex | None:
    """The index of `opened`, read only, if it holds `paths` as they are now (else None: it needs a build)."""
    keys = store.file_keys(paths)
    directory = index_directory(opened, root)
    try:
        connection = _reader_if_current(directory, paths, keys, IndexUnavailable("not current"), segments=False)
    except (IndexUnavailable, CorruptIndex, sqlite3.Error, OSError):
        return None
    try:
        return LibraryIndex(directory, paths, keys, connection)
    except (CorruptIndex, sqlite3.Error, OSError):
        connection.close()
        return None
