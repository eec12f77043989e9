"""Each remark's speaker, section, parent and length, as arrays of C ints.

What a view counts, threads and lays out reads these, not the remarks: a million remarks'
columns are 16 MB, where the remarks themselves are a gigabyte. An event in memory builds
them from its remarks once; the library index reads them as it wrote them, and then no
remark is made until it is shown.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from . import column_math


@dataclass(frozen=True, slots=True)
class RemarkColumns:
    speaker: array[int]  # index of each remark's speaker in the proceedings' speakers
    section: array[int]  # index of its section in the proceedings' sections
    parent: array[int]  # position of the remark it answers, always an earlier one; -1: none
    length: array[int]  # characters in its text (a row's height is guessed from it)

    def __len__(self) -> int:
        return len(self.speaker)


def positions_by_code(column: array[int], codes: int) -> list[array[int]]:
    """For each code, the positions holding it, in order (one pass: each speaker's remarks, each section's)."""
    if len(column) >= column_math.LARGE:
        return column_math.groups(column, codes)
    groups = [array("i") for _ in range(codes)]
    appends = [group.append for group in groups]
    for position, code in enumerate(column):
        appends[code](position)
    return groups


@dataclass(frozen=True, slots=True)
class Replies:
    """Each remark's replies, in order, as two arrays (8 bytes a remark, not a list for each)."""

    offsets: array[int]  # the replies to position p are answers[offsets[p]:offsets[p + 1]]
    answers: array[int]

    @classmethod
    def of(cls, parent: array[int]) -> Replies:
        if len(parent) >= column_math.LARGE:
            return cls(*column_math.replies(parent))
        counts = array("i", bytes(4 * (len(parent) + 1)))
        for up in parent:
            counts[up + 1] += 1  # a remark answering nothing counts at 0, before every offset
        offsets = array("i", [0])
        total = 0
        for n in counts[1:]:
            total += n
            offsets.append(total)
        # Stable: each remark's replies keep their order.
        answers = array("i", sorted((p for p, up in enumerate(parent) if up >= 0), key=parent.__getitem__))
        return cls(offsets, answers)

    def to(self, position: int) -> array[int]:
        return self.answers[self.offsets[position] : self.offsets[position + 1]]
