"""A word index over a run of the library's remarks, as one file read back by memory-mapping it.

The file holds what `WordIndex.stored` takes: the vocabulary (UTF-8), where each word
ends, and the postings as unsigned 32-bit little-endian numbers, dense words first;
then each remark's speaker and section (their index in its event), so a filter by
either reads two small arrays instead of the texts; then the common letters and their
remarks (or, for a letter most remarks hold, the remarks without it), so a one-letter
term reads one array instead of most of the vocabulary's postings.
Nothing is unpickled or deserialised by a library: the layout is fixed, its lengths are
checked against the file's size when it is opened, and every posting against the
segment's size when it is used. A file is written whole under a temporary name and
renamed into place, so a reader never sees half of one.
"""

from __future__ import annotations

import mmap
import os
import stat
import struct
import sys
import tempfile
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from pyroaring import FrozenBitMap

from ..core.word_index import WordIndex

MAGIC = b"PODSEG02"
# magic, size, words, word bytes, dense, dense postings, flat, mean chars, letters, letter postings
_HEADER = struct.Struct("<8sQQQQQQdQQ")
_LITTLE = sys.byteorder == "little"


class CorruptSegment(Exception):
    pass


def _u32(values: Sequence[int] | array[int]) -> bytes:
    packed = values if isinstance(values, array) and values.typecode == "I" else array("I", values)
    if packed.itemsize != 4:
        raise OverflowError("unsigned int is not 32 bits here")
    if not _LITTLE:
        packed = array("I", packed)
        packed.byteswap()
    return packed.tobytes()


def write_segment(
    path: Path,
    words: WordIndex,
    speakers: Sequence[int],
    sections: Sequence[int],
    letters: Mapping[str, array[int]] | None = None,
) -> int:
    """Write the index to `path` atomically; its size in bytes. `letters`: the common letters' remarks."""
    vocabulary, bounds, dense, flat, offsets = words.parts()
    encoded = vocabulary.encode("utf-8", "surrogatepass")
    padding = b"\0" * (-len(encoded) % 4)
    dense_arrays = [bitmap.to_array() for bitmap in dense]
    dense_offsets = array("I", [0])
    for postings in dense_arrays:
        dense_offsets.append(dense_offsets[-1] + len(postings))
    word_count = _word_count(vocabulary)
    codes, without, letter_offsets, letter_postings = _letters(letters or {}, words.size)
    header = _HEADER.pack(
        MAGIC,
        words.size,
        word_count,
        len(encoded),
        len(dense),
        dense_offsets[-1],
        len(flat),
        words.mean_chars,
        len(codes),
        len(letter_postings),
    )
    parts = [header, encoded, padding, _u32(bounds), _u32(dense_offsets)]
    parts += [_u32(postings) for postings in dense_arrays]
    if not len(speakers) == len(sections) == words.size:
        raise ValueError("one speaker and one section a remark")
    parts += [_u32(offsets), _u32(flat), _u32(speakers), _u32(sections)]
    parts += [_u32(codes), _u32(without), _u32(letter_offsets), _u32(letter_postings)]
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".segment-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                out.write(part)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sum(map(len, parts))


def _word_count(vocabulary: str) -> int:
    """The words of a vocabulary joined as " w0 w1 … " (two spaces: none)."""
    return vocabulary.count(" ") - 1 if vocabulary.strip(" ") else 0


def _letters(letters: Mapping[str, array[int]], size: int) -> tuple[array[int], array[int], array[int], array[int]]:
    """Each letter's code point, whether its remarks are stored as those without it, and the remarks."""
    codes, without, offsets, postings = array("I"), array("I"), array("I", [0]), array("I")
    for letter, holding in sorted(letters.items()):
        codes.append(ord(letter))
        inverted = len(holding) > size // 2
        without.append(int(inverted))
        postings.extend(FrozenBitMap(range(size)) - FrozenBitMap(holding) if inverted else holding)
        offsets.append(len(postings))
    return codes, without, offsets, postings


class _LetterPostings:
    """The common letters' bitmaps, each made from the mapped file when first asked for."""

    __slots__ = ("_made", "_offsets", "_place", "_postings", "_size", "_without")

    def __init__(self, codes: memoryview, without: memoryview, offsets: memoryview, postings: memoryview, size: int):
        if any(code > sys.maxunicode for code in codes):
            raise CorruptSegment("a letter that is no character")
        self._place = {chr(code): n for n, code in enumerate(codes)}
        self._without, self._offsets, self._postings, self._size = without, offsets, postings, size
        self._made: dict[str, FrozenBitMap] = {}

    def get(self, letter: str) -> FrozenBitMap | None:
        made = self._made.get(letter)
        if made is None:
            place = self._place.get(letter)
            if place is None:
                return None
            start, stop = self._offsets[place], self._offsets[place + 1]
            if not start <= stop <= len(self._postings):
                raise ValueError("a letter's postings lie outside the file")
            made = FrozenBitMap(self._postings[start:stop])
            if made and made.max() >= self._size:
                raise ValueError("a posting points past the last remark")
            if self._without[place]:
                made = FrozenBitMap(range(self._size)) - made
            self._made[letter] = made
        return made


class _DensePostings:
    """The dense words' bitmaps, each made from the mapped file the first time it is asked for."""

    __slots__ = ("_made", "_offsets", "_postings", "_size")

    def __init__(self, postings: memoryview, offsets: memoryview, size: int) -> None:
        """`postings`: the bytes of every dense posting; `offsets`: where each word's begin and end."""
        self._postings, self._offsets, self._size = postings, offsets, size
        self._made: dict[int, FrozenBitMap] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, word: int) -> FrozenBitMap:
        made = self._made.get(word)
        if made is None:
            start, stop = self._offsets[word], self._offsets[word + 1]
            if not start <= stop <= len(self._postings) // 4:
                raise ValueError("a word's postings lie outside the file")
            postings = array("I")
            postings.frombytes(self._postings[4 * start : 4 * stop])
            made = FrozenBitMap(postings)
            if made and made.max() >= self._size:
                raise ValueError("a posting points past the last remark")
            if len(self._made) >= 4096:
                self._made.clear()  # a bound on memory: they are cheap to make again
            self._made[word] = made
        return made


class Segment:
    """One segment file, mapped: its word index over `size` remarks."""

    def __init__(self, path: Path, size: int) -> None:
        try:
            # Never a link; a FIFO is not waited on (non-blocking), and is refused as no plain file.
            with open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NOFOLLOW | os.O_NONBLOCK)) as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise CorruptSegment(f"{path.name} is not a plain file")
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                self.words = self._read(memoryview(self._map), size, handle)
        except (OSError, ValueError) as error:  # ValueError: an empty file cannot be mapped
            raise CorruptSegment(f"cannot map {path.name}: {error}") from error

    def _read(self, view: memoryview, expected: int, handle: BinaryIO) -> WordIndex:
        if len(view) < _HEADER.size:
            raise CorruptSegment("shorter than its header")
        magic, size, words, word_bytes, dense, dense_postings, flat, mean_chars, letters, letter_postings = (
            _HEADER.unpack_from(view)
        )
        if magic != MAGIC or size != expected or dense > words:
            raise CorruptSegment("not a segment of this library")
        counts = (max(words - 1, 0), dense + 1, dense_postings, words - dense + 1, flat, size, size)
        counts_of_letters = (letters, letters, letters + 1, letter_postings)
        start = _HEADER.size + word_bytes + (-word_bytes % 4)
        if start + 4 * (sum(counts) + sum(counts_of_letters)) != len(view) or not _LITTLE:
            raise CorruptSegment("its length does not match its header")
        try:
            # Read, not mapped: decoded once into a str, its mapped pages would count twice in memory.
            handle.seek(_HEADER.size)
            vocabulary = str(handle.read(word_bytes), "utf-8", "surrogatepass")
        except UnicodeDecodeError as error:
            raise CorruptSegment("its vocabulary is not UTF-8") from error
        if _word_count(vocabulary) != words:  # a hit past the words it counts would point at none
            raise CorruptSegment("its vocabulary does not hold the words its header counts")
        arrays = []
        for count in (*counts, *counts_of_letters):
            arrays.append(view[start : start + 4 * count].cast("I"))
            start += 4 * count
        bounds, dense_offsets, dense_postings_view, flat_offsets, flat_view, speakers, sections = arrays[:7]
        codes, without, letter_offsets, letter_postings_view = arrays[7:]
        self.speaker_of, self.section_of = speakers, sections  # checked where used: they index a short list
        index = WordIndex.stored(
            size,
            mean_chars,
            vocabulary,
            bounds,
            _DensePostings(dense_postings_view.cast("B"), dense_offsets, size),
            flat_view,
            flat_offsets,
            limit=sys.maxsize,  # never "too many words: scan the texts": a scan would read every text from disk
        )
        index.letters = _LetterPostings(codes, without, letter_offsets, letter_postings_view, size)
        return index
