"""Bytes on disk, checked before they are read: limits, decoding, and the problems a file can have.

Every reader goes through here, so the size limit is checked before a byte is
read and every problem has one shape, FILE:LINE:COL: message.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import Library
from ..core.textsafe import safe_line

if TYPE_CHECKING:
    from ..core.combined import Combined
    from ..core.word_index import WordSource

MAX_FILE_BYTES = 128 * 1024 * 1024  # documented in docs/format.md and docs/security.md
CACHE_MIN_BYTES = 1_000_000  # smaller files parse faster than a cache is checked


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, where it is, and what to do about it."""

    path: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.column}"
        return f"{safe_line(where)}: {safe_line(self.message)}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    library: Library
    problems: tuple[Problem, ...]
    # Each file named, with the problems found in it (empty when it loaded).
    files: tuple[tuple[str, tuple[Problem, ...]], ...]
    notes: tuple[str, ...] = ()  # about how it was read (the library index set aside, or not usable here)
    words: WordSource | None = None  # the library index's word indexes, for views of these events
    combined: Combined | None = None  # All events, where the loader made it (each remark made once)


class PathError(Exception):
    """A path given on the command line that cannot be used at all."""


# --------------------------------------------------------------------------- bytes


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def read_source(path: Path) -> tuple[bytes, os.stat_result] | Problem:
    """The file's bytes, refusing anything that is not a readable regular file under the limit.

    The size and type are checked before a byte is read, so a FIFO, a device
    or a huge file cannot block or exhaust memory.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Problem(name, "no such file")
    except OSError as error:
        return Problem(name, f"cannot read: {error.strerror}")
    if not stat.S_ISREG(info.st_mode):
        return Problem(name, "not a regular file (a directory, FIFO or device); name a .yaml file")
    if info.st_size > MAX_FILE_BYTES:
        return Problem(
            name,
            f"file is {info.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes; "
            "larger files are refused (see docs/format.md)",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return Problem(name, f"cannot read: {error.strerror}")
    if len(data) > MAX_FILE_BYTES:  # it grew after the check
        return Problem(name, f"file is over the limit of {MAX_FILE_BYTES:,} bytes")
    return data, info


def read_text(path: Path) -> str | Problem:
    """The file's text, refusing anything that is not a readable UTF-8 regular file."""
    source = read_source(path)
    if isinstance(source, Problem):
        return source
    return decode(str(path), source[0])


def decode(name: str, data: bytes) -> str | Problem:
    """UTF-8 text (a BOM is accepted); UTF-16, NUL bytes and invalid bytes are refused."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return Problem(name, "file is UTF-32; save it as UTF-8", 1, 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Problem(name, "file is UTF-16; save it as UTF-8", 1, 1)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    body = data[bom:]  # positions are counted in the text, offsets in the file
    nul = body.find(b"\x00")
    if nul >= 0:
        line, column = _position(body, nul)
        return Problem(name, f"NUL byte at byte offset {bom + nul}; this is not a text file", line, column)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(body, error.start)
        return Problem(
            name,
            f"invalid UTF-8 byte 0x{body[error.start]:02x} at byte offset {bom + error.start}; save the file as UTF-8",
            line,
            column,
        )
