"""A large view's folded texts, read one by one rather than all kept.

A view searched through a word index made elsewhere (the library index's) needs no folded
text for most queries: the postings settle words, =words and -words. It reads a phrase's
candidates and its first remarks text by text, and every text only for a term too short for
the word index. Folded and kept, a million remarks' texts would be half a gigabyte.
"""

from __future__ import annotations

from collections.abc import Sequence

from .folding import fold
from .model import Remark

# The first remarks' folded texts are kept once read: a first screen reads them on every key
# (search.FIRST_PREFIXES). Past them, a text is folded each time it is read.
KEPT_FOLDED = 20_000


class FoldedAsRead:
    """Each remark's folded text, folded as it is read; the first KEPT_FOLDED folded once and kept."""

    __slots__ = ("_first", "_remarks")

    def __init__(self, remarks: Sequence[Remark]) -> None:
        self._remarks = remarks
        self._first: list[str] | None = None

    def first(self) -> list[str]:
        """The first KEPT_FOLDED remarks' folded texts (two threads may fold them at once: both keep the same)."""
        if self._first is None:
            self._first = [fold(r.text) for r in self._remarks[:KEPT_FOLDED]]
        return self._first

    def for_reading(self, positions: list[int] | None) -> list[str] | FoldedAsRead:
        """What reads these positions' texts fastest: the first remarks' list, if they are all among them."""
        if positions is not None and (not positions or max(positions) < KEPT_FOLDED):
            return self.first()  # a first screen's remarks: a list, read in C
        return self

    def __len__(self) -> int:
        return len(self._remarks)

    def __getitem__(self, index: int) -> str:
        if 0 <= index < KEPT_FOLDED:
            return self.first()[index]
        return fold(self._remarks[index].text)

    def holding(self, word: str) -> list[int]:
        """The positions whose folded text holds `word`, every text read, none kept.

        Folding ASCII text only lowers it and turns newlines into spaces, and a term with
        no space never spans one: it is looked for in the text lowered, or, one or two ASCII
        characters, in the text as it is, written every way.
        """
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
