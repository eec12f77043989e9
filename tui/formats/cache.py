"""A cache of validated events, so that reopening a large corpus skips the YAML parse.

Stored under the user's cache directory (platformdirs: $XDG_CACHE_HOME/podium on
Linux), one file per source path, as JSON through msgspec: plain data that
decodes into typed records, so a tampered cache can never run code (nothing is
ever unpickled). An entry is used only when the source's size, mtime and
SHA-256 all match, and only after its shape and every index in it are checked;
anything else (stale, truncated, corrupt, another format) is rebuilt from the
source. Writes are atomic: a temporary file renamed into place.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

import msgspec

from .. import __version__
from ..core.model import Proceedings, Remark
from .records import (
    EventRecord,
    SectionRecord,
    SpeakerRecord,
    event_of,
    event_record,
    section_of,
    section_record,
    speaker_of,
    speaker_record,
)
from .source import CACHE_MIN_BYTES

CACHE_FORMAT = 3


class _Remarks(msgspec.Struct, frozen=True):
    """Remarks as columns: much smaller and faster to decode than one object each."""

    id: list[str]
    section: list[int]  # index into sections
    speaker: list[int]  # index into speakers
    reply_to: list[int]  # index of an earlier remark, or -1
    topics: list[list[str]]
    text: list[str]
    folded: list[str | None]  # search form of the text, where it is not just text.lower()
    start: list[float | None]
    end: list[float | None]
    spoken: list[float | None]


class _Source(msgspec.Struct, frozen=True):
    path: str
    size: int
    mtime_ns: int
    sha256: str


class _Entry(msgspec.Struct, frozen=True):
    format: int
    podium: str
    source: _Source
    origin: str  # the format the source was read from
    event: EventRecord
    speakers: list[SpeakerRecord]
    sections: list[SectionRecord]
    remarks: _Remarks


class CorruptCache(Exception):
    pass


def default_directory() -> Path:
    import platformdirs  # only when a cache is wanted: keeps start-up lean

    return Path(platformdirs.user_cache_dir("podium", appauthor=False))


def source_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Cache:
    def __init__(self, directory: Path | None = None, min_bytes: int = CACHE_MIN_BYTES) -> None:
        self.directory = directory if directory is not None else default_directory()
        self.min_bytes = min_bytes

    def entry_path(self, source: Path) -> Path:
        name = hashlib.sha256(str(source.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.directory / f"{name}.json"

    def wanted(self, size: int) -> bool:
        return size >= self.min_bytes

    def load(self, source: Path, info: os.stat_result, sha256: str) -> Proceedings | None:
        """The cached proceedings of this exact source, or None (missing, stale or corrupt)."""
        try:
            raw = _read_entry(self.entry_path(source), info.st_size)
            entry = msgspec.json.decode(raw, type=_Entry)
            expected = _Source(str(source.resolve()), info.st_size, info.st_mtime_ns, sha256)
            if entry.format != CACHE_FORMAT or entry.podium != __version__ or entry.source != expected:
                return None
            return _proceedings(str(source), entry)
        except (OSError, msgspec.DecodeError, msgspec.ValidationError, CorruptCache, ValueError):
            return None

    def store(self, source: Path, info: os.stat_result, sha256: str, proceedings: Proceedings) -> None:
        """Write the entry atomically; a cache that cannot be written is simply skipped."""
        entry = _entry(_Source(str(source.resolve()), info.st_size, info.st_mtime_ns, sha256), proceedings)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".podium-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(msgspec.json.encode(entry))
                os.replace(temporary, self.entry_path(source))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass


def _read_entry(path: Path, source_size: int) -> bytes:
    """The entry's bytes, if it is a plain file of a plausible size (never a FIFO, device or link)."""
    entry = os.lstat(path)
    if not stat.S_ISREG(entry.st_mode) or entry.st_size > 4 * source_size + 1_000_000:
        raise CorruptCache("not a plain file of a plausible size")
    with open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NOFOLLOW)) as handle:
        return handle.read(entry.st_size + 1)


def _entry(source: _Source, p: Proceedings) -> _Entry:
    from ..core.query import fold  # the search form, stored so a reopen need not compute it

    speaker_index = {s.id: i for i, s in enumerate(p.speakers)}
    section_index = {s.id: i for i, s in enumerate(p.sections)}
    remarks = p.remarks
    folded = [fold(r.text) for r in remarks]
    return _Entry(
        format=CACHE_FORMAT,
        podium=__version__,
        source=source,
        origin=p.origin,
        event=event_record(p.event),
        speakers=[speaker_record(s) for s in p.speakers],
        sections=[section_record(s) for s in p.sections],
        remarks=_Remarks(
            id=[r.id for r in remarks],
            section=[section_index[r.section] for r in remarks],
            speaker=[speaker_index[r.speaker] for r in remarks],
            reply_to=[p.remark_by_id[r.reply_to].position if r.reply_to else -1 for r in remarks],
            topics=[list(r.topics) for r in remarks],
            text=[r.text for r in remarks],
            folded=[f if f != r.text.lower() else None for f, r in zip(folded, remarks, strict=True)],
            start=[r.start for r in remarks],
            end=[r.end for r in remarks],
            spoken=[r.spoken for r in remarks],
        ),
    )


def _check(entry: _Entry) -> None:
    """Every index in the entry points where it may: a cache is data, never trusted blindly."""
    r = entry.remarks
    count = len(r.id)
    columns = (r.section, r.speaker, r.reply_to, r.topics, r.text, r.folded, r.start, r.end, r.spoken)
    if any(len(column) != count for column in columns):
        raise CorruptCache("columns differ in length")
    if count and (min(r.section) < 0 or max(r.section) >= len(entry.sections)):
        raise CorruptCache("section index out of range")
    if count and (min(r.speaker) < 0 or max(r.speaker) >= len(entry.speakers)):
        raise CorruptCache("speaker index out of range")
    if any(not -1 <= parent < index for index, parent in enumerate(r.reply_to)):
        raise CorruptCache("reply_to does not point to an earlier remark")
    if len(set(r.id)) != count:
        raise CorruptCache("duplicate remark ids")


def _proceedings(name: str, entry: _Entry) -> Proceedings:
    _check(entry)
    event = event_of(entry.event)
    speakers = tuple(map(speaker_of, entry.speakers))
    sections = tuple(map(section_of, entry.sections))
    r = entry.remarks
    ids, speaker_ids, section_ids = r.id, [s.id for s in speakers], [s.id for s in sections]
    remarks = tuple(
        Remark(
            rid,
            section_ids[sec],
            speaker_ids[spk],
            text,
            ids[parent] if parent >= 0 else None,
            tuple(topics),
            n,
            start,
            end,
            spoken,
        )
        for n, (rid, sec, spk, parent, topics, text, start, end, spoken) in enumerate(
            zip(ids, r.section, r.speaker, r.reply_to, r.topics, r.text, r.start, r.end, r.spoken, strict=True)
        )
    )
    folded = [f if f is not None else t.lower() for f, t in zip(r.folded, r.text, strict=True)]
    return Proceedings(name, event, speakers, sections, remarks, folded_texts=folded, origin=entry.origin)
