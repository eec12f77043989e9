"""A large view's folded texts, read one by one rather than all kept.

A view searched through a word index made elsewhere (the library index's) needs no folded
text for most queries: the postings settle words, =words and -words. It reads a phrase's
candidates and its first remarks text by text, and every text only for a term too short for
the word index. Folded and kept, a million remarks' texts would be half a gigabyte.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

from .folding import fold
from .model import Remark

# The first remarks' folded texts are kept once read: a first screen reads them on every key
# (search.FIRST_PREFIXES). Past them, a text is folded each time it is read.
KEPT_FOLDED = 20_000
READ_TOGETHER = 8_192  # texts read from an index in one go


class FoldedAsRead:
    """Each remark's folded text, folded as it is read; the first KEPT_FOLDED folded once and kept."""

    __slots__ = ("_first", "_remarks", "_stored")

    def __init__(self, remarks: Sequence[Remark]) -> None:
        self._remarks = remarks
        self._first: list[str] | None = None
        # Remarks read from an index give their search texts as it stores them: read, not folded.
        self._stored: Callable[[Sequence[int]], list[str]] | None = getattr(remarks, "search_texts", None)

    def first(self) -> list[str]:
        """The first KEPT_FOLDED remarks' folded texts (two threads may fold them at once: both keep the same)."""
        if self._first is None:
            self._first = self._read(range(min(KEPT_FOLDED, len(self._remarks))))
        return self._first

    def _read(self, positions: Sequence[int]) -> list[str]:
        """These remarks' folded texts (ascending positions)."""
        if self._stored is not None:
            return self._stored(positions)
        remarks = self._remarks
        return [fold(remarks[p].text) for p in positions]

    def for_reading(self, positions: list[int] | None) -> list[str] | FoldedAsRead:
        """What reads these positions' texts fastest: the first remarks' list, if they are all among them."""
        if positions is not None and (not positions or max(positions) < KEPT_FOLDED):
            return self.first()  # a first screen's remarks: a list, read in C
        return self

    def keep(self, positions: Sequence[int] | None, tests: Sequence[Callable[[str], object]]) -> list[int]:
        """The positions (ascending; None: every one) whose folded text passes every test, read a chunk at a time."""
        if positions is None:
            positions = range(len(self._remarks))
        kept: list[int] = []
        for start in range(0, len(positions), READ_TOGETHER):
            chunk = positions[start : start + READ_TOGETHER]
            texts = self._read_at(chunk)
            if len(tests) == 1:
                test = tests[0]
                kept += [p for p, text in zip(chunk, texts, strict=True) if test(text)]
            else:
                kept += [p for p, text in zip(chunk, texts, strict=True) if all(test(text) for test in tests)]
        return kept

    def _read_at(self, positions: Sequence[int]) -> list[str]:
        """These remarks' folded texts (ascending): the first remarks' as kept, the others read."""
        kept = bisect_left(positions, KEPT_FOLDED)
        if not kept:
            return self._read(positions)
        first = self.first()
        return [first[p] for p in positions[:kept]] + self._read(positions[kept:])

    def __len__(self) -> int:
        return len(self._remarks)

    def every(self) -> list[str]:
        """Every remark's folded text, read a chunk at a time."""
        return [text for chunk in self._chunks() for text in self._read(chunk)]

    def _chunks(self) -> list[range]:
        count = len(self._remarks)
        return [range(start, min(start + READ_TOGETHER, count)) for start in range(0, count, READ_TOGETHER)]

    def holding(self, word: str) -> list[int]:
        """The positions whose folded text holds `word`, every text read, none kept.

        Folding ASCII text only lowers it and turns newlines into spaces, and a term with
        no space never spans one: it is looked for in the text lowered, or, one or two ASCII
        characters, in the text as it is, written every way.
        """
        if self._stored is not None:  # stored folded: read, not folded
            return self.keep(None, [lambda text: word in text])
        if " " in word:
            return [i for i, remark in enumerate(self._remarks) if word in fold(remark.text)]
        # A short ASCII term: each way of writing it in ASCII (in, In, iN, IN), looked for as it is.
        cases = _ascii_cases(word) if word.isascii() and len(word) <= 2 else None
        found = []
        for position, remark in enumerate(self._remarks):
            text = remark.text
            if not text.isascii():
                if word in fold(text):
                    found.append(position)
            elif cases is None:
                if word in text.lower():
                    found.append(position)
            else:
                for case in cases:
                    if case in text:
                        found.append(position)
                        break
        return found


def _ascii_cases(word: str) -> list[str]:
    """Every way to write a folded ASCII word in upper and lower case: in, In, iN, IN."""
    cases = [""]
    for char in word:
        cases = [c + variant for c in cases for variant in dict.fromkeys((char, char.upper()))]
    return cases
