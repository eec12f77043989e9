"""The one way in: files and directories to a library of events, a bad file never stopping the good ones."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import Library, Proceedings
from .podium_yaml import read_proceedings
from .source import LoadResult, PathError, Problem, decode, read_source
from .yaml_compose import compose

if TYPE_CHECKING:  # the cache (msgspec, hashlib) is imported only for large files
    from .cache import Cache

EVENT_FILE_SUFFIXES = (".yaml", ".yml")


# --------------------------------------------------------------------------- paths


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to load: each file as named, each directory's event files in name order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in EVENT_FILE_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise PathError(f"{path}: no event files (*.yaml, *.yml) in this directory")
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise PathError(f"{path}: no such file or directory")
    return files


# Told (bytes done, bytes in all) as files are read and parsed.
Progress = Callable[[int, int], None]


def load_file(
    path: Path, cache: Cache | None = None, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """One event file: its proceedings, or every problem found in it.

    With a cache, an unchanged large file is read back from it instead of
    being parsed again; a file that loads is stored for next time.
    """
    source = read_source(path)
    if isinstance(source, Problem):
        return None, [source]
    data, info = source
    sha256 = ""
    if cache is not None and cache.wanted(len(data)):
        from .cache import source_key

        sha256 = source_key(data)
        cached = cache.load(path, info, sha256)
        if cached is not None:
            return cached, []
    text = decode(str(path), data)
    if isinstance(text, Problem):
        return None, [text]
    root = compose(str(path), text, on_read)
    if isinstance(root, Problem):
        return None, [root]
    proceedings, problems = read_proceedings(str(path), root, text)
    if proceedings is not None and cache is not None and sha256:
        cache.store(path, info, sha256, proceedings)
    return proceedings, problems


def load_paths(paths: Iterable[Path], cache: Cache | None = None, progress: Progress | None = None) -> LoadResult:
    """Load several files into one library; a bad file does not stop the good ones."""
    events: list[Proceedings] = []
    problems: list[Problem] = []
    files: list[tuple[str, tuple[Problem, ...]]] = []
    seen: dict[str, str] = {}
    paths = list(paths)
    sizes = [_size(p) for p in paths]
    total, done = sum(sizes), 0
    for path, size in zip(paths, sizes, strict=True):
        on_read = None
        if progress is not None:
            progress(done, total)
            on_read = _reporter(progress, done, size, total)
        proceedings, found = load_file(path, cache, on_read)
        done += size
        if proceedings is not None:
            other = seen.get(proceedings.event.id)
            if other is not None:
                found = [
                    Problem(
                        str(path),
                        f"event id '{proceedings.event.id}' is already used by {other}; give each event its own id",
                    )
                ]
            else:
                seen[proceedings.event.id] = str(path)
                events.append(proceedings)
        problems.extend(found)
        files.append((str(path), tuple(found)))
    if progress is not None:
        progress(total, total)
    return LoadResult(Library(tuple(events)), tuple(problems), tuple(files))


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _reporter(progress: Progress, before: int, size: int, total: int) -> Callable[[float], None]:
    return lambda fraction: progress(before + int(fraction * size), total)
