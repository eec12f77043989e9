"""Bring a library's index up to date with its files: only what changed is read again.

A file is known by its resolved path, size and modification time; one whose size or
time changed is hashed, and read again only if its bytes did. Files are read on every
core and their remarks written in batches, each batch one transaction; then a segment
(the word index) is built over every run of rows none covers, by worker processes reading
the database, each committed as it is written. A build that is killed keeps every batch
and segment it finished, and the next open goes on from there. A recording's transcript
and chat are joined as the plain load joins them: when one changes, comes or goes, the
transcripts and chats of its folder are read again and written together.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from ..core.folding import fold
from ..core.model import Proceedings
from ..core.word_index import WordIndex, common_letters, hit_limit
from ..formats.open import context_of, load_each
from ..formats.pairing import join_pairs, pairable
from ..formats.source import Problem
from .records import Head, little_endian, search_text
from .segment import write_segment
from .store import DATABASE, CorruptIndex, file_keys, transaction

# Remarks committed at once. PODIUM_INDEX_BATCH sets it smaller, for the tests that kill a build
# between its commits.
BATCH_REMARKS = int(os.environ.get("PODIUM_INDEX_BATCH", "100000"))
# Batches a segment holds, at most: a search reads every segment's vocabulary (most words are in
# all of them), so fewer, larger segments answer a key sooner; one builds in a few seconds a core.
SEGMENT_BATCHES = 5
PARALLEL_MIN_ROWS = 50_000  # fewer: starting worker processes costs more than it saves
Progress = Callable[[int, int], None]  # (files read, files to read)


# A file whose time is this close to when it was read may have changed again within its clock's
# tick (a write in the same millisecond leaves the time as it was): its bytes are checked.
RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class Identity:
    """A file as it was when read: its stat (None: it could not be), its bytes' SHA-256, and when."""

    info: os.stat_result | None
    sha256: str
    read_ns: int


@dataclass(frozen=True, slots=True)
class Known:
    size: int
    mtime_ns: int
    sha256: str
    kind: str | None
    indexed_ns: int
    context: str | None  # JSON [format, context] where the format's reading depends on other files


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stale(
    connection: sqlite3.Connection, paths: Sequence[Path], keys: Sequence[str], *, write: bool = True
) -> tuple[list[Path], list[str]]:
    """The files to read again (new or changed) and the paths the index holds that are no longer named.

    A file whose time changed but not its size (or that was written as it was indexed) is
    hashed and, if its bytes are the same, kept; its new time is written when `write`.
    """
    known = {
        path: Known(size, mtime, sha, kind, indexed, context)
        for path, size, mtime, sha, kind, indexed, context in connection.execute(
            "SELECT path, size, mtime_ns, sha256, kind, indexed_ns, context FROM files"
        )
    }
    changed: list[Path] = []
    named = set()
    for path, key in zip(paths, keys, strict=True):
        named.add(key)
        before = known.get(key)
        try:
            info = os.stat(path)
        except OSError:
            changed.append(path)  # read again: its problem is reported as the plain load reports it
            continue
        if before is None or before.size != info.st_size or not _same_context(path, before.context):
            changed.append(path)
        elif before.mtime_ns != info.st_mtime_ns or info.st_mtime_ns >= before.indexed_ns - RACY_NS:
            now = time.time_ns()
            if not _same_bytes(path, before.sha256):
                changed.append(path)
            elif write:  # touched, not changed: remember the new time only
                with transaction(connection):
                    connection.execute(
                        "UPDATE files SET mtime_ns = ?, indexed_ns = ? WHERE path = ?", (info.st_mtime_ns, now, key)
                    )
    return changed, [path for path in known if path not in named]


def _same_context(path: Path, stored: str | None) -> bool:
    """Whether what else the file's reading depended on (a TEI sitting's person lists) is as it was."""
    if stored is None:
        return True
    try:
        format_name, value = json.loads(stored)
    except (ValueError, TypeError):
        return False  # not what the index writes: read the file again
    return isinstance(format_name, str) and context_of(path, format_name) == value


def _context(path: Path, proceedings: Proceedings | None) -> str | None:
    value = "" if proceedings is None else context_of(path, proceedings.origin)
    return json.dumps([proceedings.origin, value]) if proceedings is not None and value else None


def _same_bytes(path: Path, sha256: str) -> bool:
    try:
        return file_hash(path) == sha256
    except OSError:
        return False


def update(
    connection: sqlite3.Connection,
    directory: Path,
    paths: Sequence[Path],
    keys: Sequence[str],
    progress: Progress | None = None,
    *,
    segments: bool = True,
    processes: int | None = None,
) -> int:
    """Read what changed into the index (the caller holds the build lock); how many files were read.

    `keys` are the paths resolved, as the index knows its files. `segments`: build the word
    indexes too (a query needs them; loading every event whole does not, and builds them after).
    """
    changed, removed = stale(connection, paths, keys)
    if not changed and not removed:
        if segments:  # a build killed after its last file, before its segments
            build_segments(connection, directory, processes)
        _drop_dead_segments(connection, directory)
        return 0
    kinds = dict(connection.execute("SELECT path, kind FROM files WHERE kind IS NOT NULL").fetchall())
    named = dict(zip(keys, paths, strict=True))
    order = {key: n for n, key in enumerate(keys)}
    if removed:
        with transaction(connection):
            for gone in removed:
                _forget(connection, gone)
    held: list[tuple[Path, Identity, Proceedings, list[Problem]]] = []  # transcripts and chats, paired at the end
    batch = _Batch(connection, directory)
    for path, identity, (proceedings, problems) in _read(_in_order(changed, order), progress):
        if proceedings is not None and pairable(proceedings):
            held.append((path, identity, proceedings, problems))
        else:
            batch.file(path, identity, None, problems, proceedings)
            batch.flush_if_full()
    batch.flush()
    # A recording's transcript or chat changed, came or went: its folder's pairs are made again,
    # with the folder's other transcripts and chats read again too.
    touched = {Path(p).parent for p in removed if p in kinds}
    touched |= {Path(key).parent for key in map(_key, changed) if key in kinds}
    touched |= {Path(_key(path)).parent for path, *_ in held}
    read = {_key(path) for path in changed}
    again = [named[p] for p in kinds if p in named and p not in read and Path(p).parent in touched]
    held += [
        (path, identity, proceedings, problems)
        for path, identity, (proceedings, problems) in _read(_in_order(again, order))
        if proceedings is not None and pairable(proceedings)
    ]
    if held:
        # One transaction for them all: a build killed before it leaves them as they were, to be read again.
        joined = join_pairs([(n, path, p) for n, (path, _, p, _) in enumerate(held)])
        kept = {_key(path): proceedings for _, path, proceedings in joined}
        for path, identity, proceedings, problems in sorted(held, key=lambda item: order[_key(item[0])]):
            batch.file(path, identity, pairable(proceedings), problems, kept.get(_key(path)))
        batch.flush()
    if segments:
        build_segments(connection, directory, processes)
    _drop_dead_segments(connection, directory)
    return len(changed) + len(again)


def _key(path: Path) -> str:
    return file_keys([path])[0]


def _in_order(paths: list[Path], order: dict[str, int]) -> list[Path]:
    return sorted(paths, key=lambda p: order[_key(p)])


def _read(
    paths: list[Path], progress: Progress | None = None
) -> Iterator[tuple[Path, Identity, tuple[Proceedings | None, list[Problem]]]]:
    """Each file's identity, taken before it is read (a file changed meanwhile is read again next time)."""
    identities: list[Identity] = []
    for path in paths:
        now = time.time_ns()
        try:
            identities.append(Identity(os.stat(path), file_hash(path), now))
        except OSError:
            identities.append(Identity(None, "", now))
    for done, (path, identity, loaded) in enumerate(zip(paths, identities, load_each(paths), strict=True), 1):
        if progress is not None:
            progress(done, len(paths))
        yield path, identity, loaded


def _forget(connection: sqlite3.Connection, path: str) -> None:
    """A file's rows go, and the event read from it (its pair's too: that file is read again)."""
    row = connection.execute("SELECT unit FROM files WHERE path = ?", (path,)).fetchone()
    if row is not None and row[0] is not None:
        _drop_unit(connection, row[0])
    connection.execute("DELETE FROM files WHERE path = ?", (path,))


def _drop_unit(connection: sqlite3.Connection, unit: int) -> None:
    found = connection.execute("SELECT first_row, rows FROM units WHERE id = ?", (unit,)).fetchone()
    if found is not None:
        first, rows = found
        connection.execute("DELETE FROM remarks WHERE row >= ? AND row < ?", (first, first + rows))
        connection.execute("DELETE FROM units WHERE id = ?", (unit,))
    connection.execute("UPDATE files SET unit = NULL WHERE unit = ?", (unit,))


def _drop_dead_segments(connection: sqlite3.Connection, directory: Path) -> None:
    """Segments none of whose rows are left go, with their files; so do files no commit ever named."""
    with transaction(connection):
        dead = []
        for segment, name, first, rows in connection.execute("SELECT id, name, first_row, rows FROM segments"):
            alive = connection.execute(
                "SELECT 1 FROM units WHERE first_row < ? AND first_row + rows > ? LIMIT 1", (first + rows, first)
            ).fetchone()
            if alive is None:
                dead.append((segment, name))
        connection.executemany("DELETE FROM segments WHERE id = ?", [(s,) for s, _ in dead])
    referenced = {name for (name,) in connection.execute("SELECT name FROM segments")}
    for entry in directory.iterdir():
        if (entry.name.startswith("segment-") or entry.name.startswith(".segment-")) and entry.name not in referenced:
            entry.unlink(missing_ok=True)  # a reader that has it mapped keeps its pages until it closes


class _Batch:
    """Files read since the last commit: written together, with the segment over their remarks."""

    def __init__(self, connection: sqlite3.Connection, directory: Path) -> None:
        self.connection, self.directory = connection, directory
        # (path, identity, kind, problems, its event: None for a file that gave none or a chat joined to its transcript)
        self.files: list[tuple[Path, Identity, str | None, list[Problem], Proceedings | None]] = []
        self.remarks = 0

    def file(
        self,
        path: Path,
        identity: Identity,
        kind: str | None,
        problems: list[Problem],
        proceedings: Proceedings | None,
    ) -> None:
        self.files.append((path, identity, kind, problems, proceedings))
        self.remarks += len(proceedings.remarks) if proceedings is not None else 0

    def flush_if_full(self) -> None:
        if self.remarks >= BATCH_REMARKS:
            self.flush()

    def flush(self) -> None:
        """Commit the files read since the last flush, their events and remarks; segments come after."""
        if not self.files:
            return
        connection = self.connection
        with transaction(connection):
            row = next_row(connection)
            for path, identity, kind, problems, proceedings in self.files:
                info = identity.info
                key = _key(path)
                _forget_unit_of(connection, key)
                unit = None
                if proceedings is not None:
                    unit = _insert_unit(connection, key, proceedings, row)
                    row += len(proceedings.remarks)
                stored_problems = _problems(problems)
                connection.execute(
                    "INSERT OR REPLACE INTO files(path, size, mtime_ns, sha256, indexed_ns, kind, problems, unit,"
                    " context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        info.st_size if info is not None else -1,
                        info.st_mtime_ns if info is not None else -1,
                        identity.sha256,
                        identity.read_ns,
                        kind,
                        stored_problems,
                        unit,
                        _context(path, proceedings),
                    ),
                )
        self.files, self.remarks = [], 0


def next_row(connection: sqlite3.Connection) -> int:
    """The first row after every event's and every segment's: rows are never reused while a segment covers them."""
    (units,) = connection.execute("SELECT COALESCE(MAX(first_row + rows), 0) FROM units").fetchone()
    (segments,) = connection.execute("SELECT COALESCE(MAX(first_row + rows), 0) FROM segments").fetchone()
    return max(int(units), int(segments))


def uncovered(connection: sqlite3.Connection) -> list[tuple[int, int]]:
    """Runs of rows (first, stop) of events no segment covers yet, about SEGMENT_BATCHES batches each."""
    covered = connection.execute("SELECT first_row, first_row + rows FROM segments ORDER BY first_row").fetchall()
    runs: list[tuple[int, int]] = []
    for first, rows in connection.execute("SELECT first_row, rows FROM units WHERE rows > 0 ORDER BY first_row"):
        if any(a <= first and first + rows <= b for a, b in covered):
            continue
        if runs and runs[-1][1] == first and runs[-1][1] - runs[-1][0] < SEGMENT_BATCHES * BATCH_REMARKS:
            runs[-1] = (runs[-1][0], first + rows)
        else:
            runs.append((first, first + rows))
    return runs


def build_segments(connection: sqlite3.Connection, directory: Path, processes: int | None = None) -> None:
    """A segment for every run of rows none covers, on every core (or `processes`); each committed as written."""
    runs = uncovered(connection)
    if not runs:
        return
    database = directory / DATABASE
    named = [(first, stop, f"segment-{first}-{secrets.token_hex(4)}.bin") for first, stop in runs]
    workers = min(processes or os.cpu_count() or 1, len(runs))
    here = sum(stop - first for first, stop in runs) < PARALLEL_MIN_ROWS or (processes is None and workers < 2)
    if here:  # a few rows, or one core anyway: a worker process would cost more than it saves
        done: Iterator[tuple[int, int, str]] = (segment_from_rows(database, *run) for run in named)
    else:  # `processes` asked for is honoured even if one: this process (a reader's screen) stays free
        done = _in_processes(database, named, workers)
    for first, stop, name in done:  # the file is written before the commit that names it
        with transaction(connection):
            connection.execute(
                "INSERT INTO segments(name, first_row, rows) VALUES (?, ?, ?)", (name, first, stop - first)
            )


def _in_processes(database: Path, runs: list[tuple[int, int, str]], cores: int) -> Iterator[tuple[int, int, str]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from ..formats.open import end_with

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(cores, mp_context=context, initializer=end_with, initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(segment_from_rows, database, *run) for run in runs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def segment_from_rows(database: Path, first: int, stop: int, name: str) -> tuple[int, int, str]:
    """Write the segment over rows first..stop-1 from the database (in a worker process); its run and name."""
    size = stop - first
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        counted = "SELECT COUNT(*) FROM remarks WHERE row >= ? AND row < ?"
        (count,) = connection.execute(counted, (first, stop)).fetchone()
        if count != size:  # checked before lists of that size are made: the count is the index's word only
            raise CorruptIndex("an event's count of remarks is not what it holds")
        folded: list[str] = []
        speakers: list[int] = []
        sections: list[int] = []
        query = "SELECT text, folded, speaker, section FROM remarks WHERE row >= ? AND row < ? ORDER BY row"
        for text, searched, speaker, section in connection.execute(query, (first, stop)):
            if not (isinstance(speaker, int) and isinstance(section, int) and min(speaker, section) >= 0):
                raise CorruptIndex("a remark's speaker or section is not a number")
            folded.append(search_text(text, searched))
            speakers.append(speaker)
            sections.append(section)
    finally:
        connection.close()
    try:
        letters = common_letters(folded, hit_limit(size))
        write_segment(database.parent / name, WordIndex(folded), speakers, sections, letters)
    except OverflowError as error:  # a number past 32 bits
        raise CorruptIndex(str(error)) from error
    return first, stop, name


def _forget_unit_of(connection: sqlite3.Connection, key: str) -> None:
    row = connection.execute("SELECT unit FROM files WHERE path = ?", (key,)).fetchone()
    if row is not None and row[0] is not None:
        _drop_unit(connection, row[0])


def _problems(problems: Iterable[Problem]) -> bytes:
    return json.dumps([[p.message, p.line, p.column] for p in problems]).encode()


def _insert_unit(connection: sqlite3.Connection, key: str, p: Proceedings, first_row: int) -> int:
    head = Head(p.origin, p.event, p.speakers, p.sections)
    columns = p.columns  # stored as the view reads them back: section, speaker, reply_to, length
    stored = columns.section + columns.speaker + columns.parent + columns.length
    cursor = connection.execute(
        "INSERT INTO units(path, head, first_row, rows, columns) VALUES (?, ?, ?, ?, ?)",
        (key, msgspec.json.encode(head), first_row, len(p.remarks), little_endian(stored)),
    )
    unit = cursor.lastrowid
    assert unit is not None
    folded = p.folded_texts or [fold(r.text) for r in p.remarks]
    connection.executemany(
        'INSERT INTO remarks(row, id, section, speaker, reply_to, topics, text, folded, start, "end", spoken, notes)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                first_row + n,
                r.id,
                columns.section[n],
                columns.speaker[n],
                columns.parent[n],
                json.dumps(list(r.topics)) if r.topics else None,
                r.text,
                None if f == r.text.lower() else f,
                r.start,
                r.end,
                r.spoken,
                json.dumps(list(r.notes)) if r.notes else None,
            )
            for n, (r, f) in enumerate(zip(p.remarks, folded, strict=True))
        ),
    )
    return unit
