"""Text folded for comparison: case- and accent-insensitive, with a map back to the original.

A query's words and a remark's text are compared folded (`cafe` finds *Café*,
`strasse` finds *Straße*); highlight spans found in the folded text are mapped
back to the original through fold_with_offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_match(match: re.Match[str]) -> str:
    return _fold_char(match.group())


def fold(text: str) -> str:
    """Text for comparison: case- and accent-insensitive; a newline counts as a space.

    Lowercased as a whole, then each non-ASCII character folded on its own
    (decomposed, accents dropped, case-folded): the same steps, character by
    character, as fold_with_offsets, so the two always agree.
    """
    lowered = text.lower().replace("\n", " ")
    return lowered if lowered.isascii() else _NON_ASCII.sub(_fold_match, lowered)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for non-ASCII text the original offset of each folded char.

    Folding can change lengths ("ß" -> "ss", "é" -> "e"), so spans found in the
    folded text are mapped back through these offsets. ASCII folds one to one.
    """
    if text.isascii():
        return fold(text), None
    parts: list[str] = []
    offsets: list[int] = []
    done = 0
    for match in _NON_ASCII.finditer(text):  # the ASCII between folds one to one, a run at a time
        index = match.start()
        parts.append(text[done:index].lower().replace("\n", " "))
        offsets.extend(range(done, index))
        folded = fold(match.group())
        parts.append(folded)
        offsets.extend([index] * len(folded))
        done = index + 1
    parts.append(text[done:].lower().replace("\n", " "))
    offsets.extend(range(done, len(text)))
    return "".join(parts), offsets
