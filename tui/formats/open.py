"""The one way in: files and directories to a library of events, a bad file never stopping the good ones.

The reader for each file is picked here, by its suffix and a sniff of its
content; the CLI and the browser never name a format.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from ..core.model import Library, Proceedings
from .pairing import Loaded, pair_recordings
from .reader import SNIFF_BYTES, Format
from .source import LoadResult, PathError, Problem, read_source

# Every reader module, with the suffixes its FORMAT claims, in the order a message lists them.
# Readers are imported only when a file with one of their suffixes is opened: lxml and the
# schedule readers stay off the start-up path of `podium` on the bundled YAML.
READERS: dict[str, tuple[str, ...]] = {
    "podium_yaml": (".yaml", ".yml"),
    "webvtt": (".vtt",),
    "srt": (".srt",),
    "podcast_json": (".json",),
    "akoma_ntoso": (".xml", ".akn"),
    "parlparse": (".xml",),
    "schedule_json": (".json",),
    "pretalx_json": (".json",),
    "frab_xml": (".xml",),
    "parla_clarin": (".xml",),
    "ical": (".ics",),
    "zoom_chat": (".txt",),
    "sayit_markdown": (".md", ".markdown"),
}
# The suffixes whose readers take every file so named (`Format.suffix_is_enough`): a folder's
# files with them are listed without importing their readers.
SURE_SUFFIXES = frozenset({".yaml", ".yml", ".vtt", ".srt", ".ics"})


@cache
def _reader(module: str) -> Format:
    found: Format = importlib.import_module(f"{__package__}.{module}").FORMAT
    return found


def formats_for(suffix: str | None = None) -> list[Format]:
    """The formats that claim a suffix (None: every format)."""
    return [_reader(m) for m, suffixes in READERS.items() if suffix is None or suffix in suffixes]


def context_of(path: Path, format_name: str) -> str:
    """What else a file read as this format depends on (tui.formats.reader.Format.context); "" for most."""
    for module, suffixes in READERS.items():
        if path.suffix.lower() in suffixes:
            kind = _reader(module)
            if kind.name == format_name and kind.context is not None:
                return kind.context(str(path))
    return ""


def formats_read() -> str:
    return "; ".join(f.describe() for f in formats_for())


def pick_format(name: str, data: bytes) -> Format | Problem:
    """The format of a file, by its suffix and then its content; a clear problem when none fits."""
    suffix = Path(name).suffix.lower()
    head = data[:SNIFF_BYTES]
    by_suffix = formats_for(suffix)
    sniffed = [f for f in by_suffix if f.sniff(head)]
    if len(sniffed) == 1:
        return sniffed[0]
    if not sniffed:
        sure = [f for f in by_suffix if f.suffix_is_enough]
        if len(sure) == 1:
            return sure[0]  # its own reader says what is wrong with it
        sniffed = [f for f in formats_for() if f.sniff(head)]  # a file named oddly, e.g. .txt for a .vtt
        if len(sniffed) == 1:
            return sniffed[0]
    if sniffed:
        which = " or ".join(f.name for f in sniffed)
        return Problem(name, f"this file could be {which}; give it the suffix of the one it is")
    return Problem(name, f"not a format Podium reads; Podium reads {formats_read()}")


def _is_event_file(path: Path) -> bool:
    """In a directory: files with a sure suffix, and shared suffixes (.md, .json…) whose content fits."""
    suffix = path.suffix.lower()
    if suffix in SURE_SUFFIXES:
        return True
    candidates = formats_for(suffix)
    if not candidates:
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return True  # named so it can be reported
    return any(f.sniff(head) for f in candidates)


# --------------------------------------------------------------------------- paths


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to load: each file as named, each directory's event files in name order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _event_files(path)
            if not found:
                raise PathError(f"{path}: no event files in this directory; Podium reads {formats_read()}")
            files.extend(found)
        elif path.suffix.lower() == ".xml" and _corpus_root(path):
            files.extend(_corpus_sittings(path))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise PathError(f"{path}: no such file or directory")
    return files


def _corpus_root(path: Path) -> bool:
    from .tei_corpus import is_corpus_root  # lxml only when a .xml is named

    return path.is_file() and is_corpus_root(path)


def _corpus_sittings(root: Path) -> list[Path]:
    """A TEI corpus root named alone: the sittings it names that are there, else its folder's.

    A root that names no sitting file (its sittings inside it) is itself the file to report on.
    """
    from .tei_corpus import sittings_named

    named, found = sittings_named(root)
    if not named:
        return [root]
    found = found or _event_files(root.parent)
    if not found:
        raise PathError(f"{root}: names {named:,} sittings and none of them is in its folder")
    return found


def _event_files(folder: Path) -> list[Path]:
    """The event files in a folder and the folders in it, in name order; hidden ones and links to folders left out.

    One listing per folder (`os.scandir`: a file's kind comes with its name), not a stat per file.
    """
    found: list[Path] = []
    folders = [folder]
    while folders:
        here = folders.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError:  # unreadable: nothing listed from it, as from an empty folder
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(here / entry.name)
                elif entry.is_file() and _is_event_file(here / entry.name):
                    found.append(here / entry.name)
            except OSError:
                continue
    return sorted(_without_twins(found))


def _without_twins(found: list[Path]) -> list[Path]:
    """A TEI sitting once: its annotated twin (X.ana.xml, the same words as tokens) left out where X.xml is
    listed too, beside it or in a sibling folder (a release's ParlaMint-XX.TEI/ and ParlaMint-XX.TEI.ana/)."""
    plain = {p.name for p in found if not p.name.endswith(".ana.xml")}
    return [p for p in found if not (p.name.endswith(".ana.xml") and p.name[: -len(".ana.xml")] + ".xml" in plain)]


# Told (done, of how many) as files are read and parsed: bytes, or files.
Progress = Callable[[int, int], None]
# Reads a library: load_paths itself, or one that reads through the library index.
Loader = Callable[[Sequence[Path], Progress | None], "LoadResult"]
# A file's proceedings (None when it could not be loaded) and the problems found in it.
LoadedFile = tuple[Proceedings | None, list[Problem]]


def load_file(path: Path, on_read: Callable[[float], None] | None = None) -> LoadedFile:
    """One event file: its proceedings, or every problem found in it."""
    source = read_source(path)
    if isinstance(source, Problem):
        return None, [source]
    data, _info = source
    kind = pick_format(str(path), data)
    if isinstance(kind, Problem):
        return None, [kind]
    proceedings, problems = kind.read(str(path), data, on_read)
    empty = None if proceedings is None else kind.nothing_found(str(path), proceedings)
    if empty is not None:  # a schedule of no talks, a transcript of no remarks: never "OK"
        return None, [*problems, empty]
    if proceedings is not None:
        proceedings.origin = kind.name
    return proceedings, problems


def load_paths(paths: Iterable[Path], progress: Progress | None = None) -> LoadResult:
    """Load several files into one library; a bad file does not stop the good ones.

    Many files are parsed on every core, each in a process of its own (parsing is
    CPU-bound Python: threads would take turns); the library keeps the order named.
    """
    loaded: list[Loaded] = []
    found_in: list[list[Problem]] = []
    paths = list(paths)
    sizes = [file_size(p) for p in paths]
    total, done = sum(sizes), 0
    results: list[LoadedFile] = []
    cores = os.cpu_count() or 1
    if cores > 1 and len(paths) >= PARALLEL_MIN_FILES and total >= PARALLEL_MIN_BYTES:
        for index, loaded_file in enumerate(_load_in_processes(paths, min(cores, MAX_PROCESSES))):
            results.append(loaded_file)
            done += sizes[index]
            if progress is not None:
                progress(done, total)
    else:
        for path, size in zip(paths, sizes, strict=True):
            on_read = None
            if progress is not None:
                progress(done, total)
                on_read = _reporter(progress, done, size, total)
            results.append(load_file(path, on_read))
            done += size
    for index, (path, (proceedings, found)) in enumerate(zip(paths, results, strict=True)):
        found_in.append(found)
        if proceedings is not None:
            loaded.append((index, path, proceedings))
    events = []
    for index, _path, proceedings, problem in listed(pair_recordings(loaded)):
        if problem is not None:
            found_in[index] = [problem]
        else:
            events.append(proceedings)
    if progress is not None:
        progress(total, total)
    files = tuple((str(p), tuple(found)) for p, found in zip(paths, found_in, strict=True))
    # once each: a corpus root's refused include is every one of its sittings' problem
    problems = tuple(dict.fromkeys(problem for _, found in files for problem in found))
    return LoadResult(Library(tuple(events)), problems, files)


def listed(loaded: list[Loaded]) -> Iterator[tuple[int, Path, Proceedings, Problem | None]]:
    """Each event as the library lists it: an id made from a file name made unique, a YAML id used twice refused."""
    seen: dict[str, str] = {}
    for index, path, proceedings in loaded:
        event_id = proceedings.event.id
        if event_id in seen and proceedings.origin != "Podium YAML":
            # An id made from a file name (two transcript.vtt in two folders): made unique, not refused.
            n = 2
            while f"{event_id}-{n}" in seen:
                n += 1
            proceedings = _with_event_id(proceedings, f"{event_id}-{n}")
        other = seen.get(proceedings.event.id)
        if other is not None:
            message = f"event id '{event_id}' is already used by {other}; give each event its own id"
            yield index, path, proceedings, Problem(str(path), message)
            continue
        seen[proceedings.event.id] = str(path)
        yield index, path, proceedings, None


PARALLEL_MIN_FILES = 8  # fewer files: starting the processes would cost more than it saves
PARALLEL_MIN_BYTES = 4_000_000
MAX_PROCESSES = 8
AHEAD = 4  # files parsed ahead of the reader, per process


def prepare_processes(paths: Sequence[Path]) -> None:
    """Start what worker processes need, before a full-screen app takes the terminal over.

    Spawned workers share a helper process (multiprocessing's resource tracker) that is
    started with the program's stderr; under Textual stderr is captured and has no file
    descriptor, so it must be started first.
    """
    if (os.cpu_count() or 1) > 1 and len(paths) >= PARALLEL_MIN_FILES:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()


def _load_in_processes(paths: list[Path], processes: int) -> Iterator[LoadedFile]:
    """load_file over every path in worker processes, yielded in the order of the paths."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the browser has threads running, and a forked child could inherit a held lock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=end_with, initargs=(os.getpid(),)) as pool:
        # A few files ahead of the reader, not all of them: parsed events wait in memory until taken.
        ahead = deque(pool.submit(load_file, path) for path in paths[: AHEAD * processes])
        try:
            for index, path in enumerate(paths):
                future = ahead.popleft()
                if index + len(ahead) + 1 < len(paths):
                    ahead.append(pool.submit(load_file, paths[index + len(ahead) + 1]))
                try:
                    result = future.result()
                except Exception:  # a worker that died (out of memory, killed): this file here, in turn
                    result = load_file(path)
                yield result
        except BaseException:  # given up (the reader quit): the files not started are never parsed
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def end_with(parent: int) -> None:
    """A worker ends when Podium does, even killed (kill -9): else it waits for work forever, holding the terminal."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="podium-parent-watch").start()


def load_each(paths: list[Path]) -> Iterator[LoadedFile]:
    """load_file over every path, in order: on every core when there are many."""
    cores = os.cpu_count() or 1
    if cores > 1 and len(paths) >= PARALLEL_MIN_FILES and sum(map(file_size, paths)) >= PARALLEL_MIN_BYTES:
        yield from _load_in_processes(paths, min(cores, MAX_PROCESSES))
    else:
        for path in paths:
            yield load_file(path)


def _with_event_id(proceedings: Proceedings, event_id: str) -> Proceedings:
    p = proceedings
    event = dataclasses.replace(p.event, id=event_id)
    renamed = Proceedings(p.source, event, p.speakers, p.sections, p.remarks, folded_texts=p.folded_texts)
    renamed.origin = p.origin
    return renamed


def file_size(path: Path) -> int:
    """A file's size in bytes; 0 when it cannot be read (it is reported when it is loaded)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _reporter(progress: Progress, before: int, size: int, total: int) -> Callable[[float], None]:
    return lambda fraction: progress(before + int(fraction * size), total)
