"""The library index's database: one SQLite file per set of files opened, and its segment files beside it.

Everything is written in transactions (a killed build leaves the last commit whole) and
read with parameters only: no SQL is built from anything a user or a file wrote. The
database is opened with `trusted_schema` off and no extension loading, and what comes
back is checked before it is used: an index is data, never code.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sqlite3
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .. import __version__

FORMAT = 5
# Rows are numbered below this: the word indexes' bitmaps hold 32-bit numbers.
MAX_ROWS = 2**32 - 1
DATABASE = "library.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    indexed_ns INTEGER NOT NULL, -- when it was read: a file changed in the same tick of its clock is hashed
    kind TEXT,               -- transcript or chat (a file a recording's pair may join), else NULL
    problems BLOB NOT NULL,  -- JSON: the problems reading it found, reported again on every open
    unit INTEGER,            -- the event read from it (with its pair, if joined), NULL if none
    context TEXT             -- JSON [format, what else its reading depended on] (a TEI sitting's lists), or NULL
);
CREATE TABLE IF NOT EXISTS units(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,      -- the file it is listed at (a joined pair: the transcript)
    head BLOB NOT NULL,      -- JSON: the event, its speakers and sections
    first_row INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    columns BLOB NOT NULL    -- each remark's section, speaker, reply_to and text length: 4 arrays of int32
);
CREATE TABLE IF NOT EXISTS remarks(
    row INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    section INTEGER NOT NULL,  -- index into the unit's sections
    speaker INTEGER NOT NULL,  -- index into the unit's speakers
    reply_to INTEGER NOT NULL, -- position of an earlier remark of the unit, or -1
    topics BLOB,               -- JSON list, NULL when none
    text TEXT NOT NULL,
    folded TEXT,               -- the search form, NULL when it is text.lower()
    start REAL,
    "end" REAL,
    spoken REAL,
    notes BLOB                 -- JSON list of what the record says beside the words, NULL when none
);
CREATE TABLE IF NOT EXISTS segments(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    first_row INTEGER NOT NULL,
    rows INTEGER NOT NULL
);
"""


class IndexUnavailable(Exception):
    """The index cannot be used here (a read-only or full cache dir, another Podium building it): read the files."""


class CorruptIndex(Exception):
    """What the index holds is not what Podium wrote: it is set aside and built again."""


def file_keys(paths: Sequence[Path]) -> list[str]:
    """Each file's absolute path with every link resolved: what the index knows it by.

    `Path.resolve` of each of a thousand files looks up every folder above it again; a file
    that is not itself a link is its folder's resolved path and its name, each folder resolved once.
    """
    folders: dict[Path, str] = {}
    keys = []
    for path in paths:
        try:
            linked = path.is_symlink()
        except OSError:  # a folder that cannot be searched: resolve() says what it can, as before
            linked = True
        if path.name in ("", ".", "..") or linked:
            keys.append(str(path.resolve()))
            continue
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = str(path.parent.resolve())
        keys.append(os.path.join(folder, path.name))
    return keys


def library_key(keys: Sequence[str]) -> str:
    """One index per set of files opened: their resolved paths, in the order named."""
    joined = "\0".join(keys)
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def default_root() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("podium", appauthor=False)) / "libraries"


def connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """The database, with the schema in place (when `create`) and the safe settings on."""
    for part in (path.parent, path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        _plain(part, directory=part == path.parent)
    if not create and not path.is_file():
        raise CorruptIndex("missing")
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA foreign_keys = OFF")
        journal = connection.execute("PRAGMA journal_mode = WAL").fetchone()
        if journal is None or str(journal[0]).lower() != "wal":
            raise IndexUnavailable("cannot keep a write-ahead log there")
        connection.execute("PRAGMA synchronous = NORMAL")
        if create:
            with transaction(connection):
                for statement in _statements():
                    connection.execute(statement)
                stored = dict(connection.execute("SELECT key, value FROM meta").fetchall())
                if not stored:
                    connection.executemany(
                        "INSERT INTO meta(key, value) VALUES (?, ?)",
                        [("format", str(FORMAT)), ("podium", __version__)],
                    )
        check_meta(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _statements() -> list[str]:
    """The schema's statements one by one (executescript would commit the open transaction)."""
    return [s.strip() for s in _SCHEMA.split(";") if s.strip()]


def _plain(path: Path, *, directory: bool) -> None:
    """The index's folder and files are what they say: no link, FIFO or device (opening a FIFO would wait forever)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not (stat.S_ISDIR(mode) if directory else stat.S_ISREG(mode)):
        raise CorruptIndex(f"{path.name} is not a plain {'folder' if directory else 'file'}")


def check_meta(connection: sqlite3.Connection) -> None:
    stored = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    if stored != {"format": str(FORMAT), "podium": __version__}:
        raise CorruptIndex("written by another version of Podium")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextmanager
def build_lock(directory: Path) -> Iterator[None]:
    """Held while this process writes the index; another process that wants to write gives way."""
    try:
        handle = os.open(directory / "build.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
    except OSError as error:  # a link, a folder in its place
        raise CorruptIndex(f"build.lock is not a plain file ({error.strerror})") from error
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise IndexUnavailable("another Podium is indexing these files") from error
        yield
    finally:
        os.close(handle)


def set_aside(directory: Path) -> Path:
    """Move a damaged index out of the way: the last one is kept for a bug report, never read again.

    Not while another Podium is building it (IndexUnavailable): what looked damaged may be
    its work in progress (a segment it has just dropped).
    """
    aside = directory.with_name(f"{directory.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    try:
        if directory.is_dir() and not directory.is_symlink():
            with build_lock(directory):
                os.replace(directory, aside)
        else:
            os.replace(directory, aside)  # a file or a link where the folder should be
    except CorruptIndex:  # the lock itself is what is damaged: no Podium can be holding it
        os.replace(directory, aside)
    for older in directory.parent.glob(f"{directory.name}.damaged-*"):
        if older == aside:
            continue
        if older.is_dir() and not older.is_symlink():
            shutil.rmtree(older, ignore_errors=True)
        else:
            older.unlink(missing_ok=True)
    return aside
