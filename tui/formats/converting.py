"""`podium convert`'s files: an event as Podium YAML, checked by reading it back, named after its source."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..core.model import Proceedings
from .atomic import write_atomically
from .source import PathError


class ConvertError(Exception):
    """The converted document does not read back: a bug in Podium, reported rather than written."""


def file_names(folder: Path, events: Sequence[Proceedings]) -> list[Path]:
    """NAME.yaml for each event, NAME its file's (a recording's, for a recording and its chat).

    Files of one name and several suffixes (talk.srt, talk.vtt) keep their suffix in it
    (talk.srt.yaml), so that each output says where it came from; -2 on a clash still left.
    """
    sources = [Path(p.source) for p in events]
    stems = Counter(source.stem.casefold() for source in sources)
    names: list[Path] = []
    used: set[str] = set()
    for source in sources:
        said = source.name if stems[source.stem.casefold()] > 1 else source.stem
        stem = re.sub(r"[^\w.-]+", "-", said).strip(".-") or "event"
        candidate, n = stem, 1
        while candidate.casefold() in used:  # a case-insensitive file system would merge them
            n += 1
            candidate = f"{stem}-{n}"
        used.add(candidate.casefold())
        names.append(folder / f"{candidate}.yaml")
    return names


def refuse_to_replace(targets: Sequence[Path], *, force: bool) -> None:
    """Say (PathError) that a file would be written over, unless told to (`force`)."""
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        others = len(existing) - 1
        more = f" (and {others:,} other file{'' if others == 1 else 's'})" if others else ""
        raise PathError(f"{existing[0]} exists{more}; choose another name, or add --force to replace it")


def converted(proceedings: Proceedings, name: str) -> str:
    """The event as Podium YAML, read back first: what convert writes always validates."""
    from .podium_yaml import read_podium_yaml
    from .podium_yaml_writer import to_podium_yaml

    document = to_podium_yaml(proceedings)
    problems = read_podium_yaml(name, document.encode("utf-8"))[1]
    if problems:
        raise ConvertError("; ".join(str(p) for p in problems))
    return document


def write_converted(proceedings: Proceedings, output: Path, document: str | None = None) -> None:
    """Write the event as Podium YAML to `output` whole or not at all (its `document`, if made already)."""
    write_atomically(output, document if document is not None else converted(proceedings, str(output)))
