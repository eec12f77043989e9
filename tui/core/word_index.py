"""Which remarks contain a string, found through the distinct words of all texts.

A search term holds no space, so it occurs in a folded text exactly when it is
a substring of one of that text's words, the words being the text split on " "
(and nothing else: a tab or a no-break space stays inside a word). The index
keeps each distinct word once, all joined into one string that str.split
searches in C, and for each word the remarks that hold it. A term then costs
one pass over the vocabulary (a few MB even at a million remarks) and a union
of posting sets, instead of a pass over every text.

Posting sets are roaring bitmaps (pyroaring): unions and intersections run in
C. A word in many remarks keeps a bitmap of its own; the many words in only a
few share one flat array (a bitmap costs ~270 bytes of overhead, and in real
text most words are rare: 60% of them occur in at most 4 remarks).
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import accumulate, islice, repeat
from operator import add
from typing import TYPE_CHECKING, Protocol

from pyroaring import FrozenBitMap

from . import column_math

if TYPE_CHECKING:
    from .model import Proceedings

# A word held by this many remarks or more keeps its own bitmap.
DENSE = 32
_MISSING = object()
# Terms remembered with their remarks: typing "safety r" after "safety " asks for "safety" again.
CACHE = 64
# From this many hits in the vocabulary (a needle of a letter or two), numpy finds their words and
# gathers their postings: in Python, "in" at a million remarks took a third of a second.
MANY_HITS = 4_096


def hit_limit(size: int) -> int:
    """How many vocabulary words may hold a term before scanning the texts is cheaper.

    Measured at 100,000 remarks (a Zipf vocabulary of 384,000 words): a hit costs
    0.6 to 2 µs (its word, then its postings), a scan 0.06 to 0.4 µs a remark (a
    term in many words is common, and `in` stops at its first occurrence). "th"
    (3,200 words) takes 8 ms by the index and 12 ms by scanning; "e" (100,000
    words) 64 ms by the index and 6 ms by scanning.
    """
    return max(100, size // 20)


class Words(Protocol):
    """What a search asks of a word index: a WordIndex, or one read from the library index's files."""

    size: int  # the remarks it covers, positions 0..size-1
    mean_chars: float

    @property
    def vocabulary_chars(self) -> int: ...
    def containing(self, term: str) -> FrozenBitMap | None: ...
    def containing_word(self, term: str) -> FrozenBitMap | None: ...
    def phrase_candidates(self, phrase: str) -> FrozenBitMap | None: ...


class WordSource(Protocol):
    """Word indexes made elsewhere (the library index), for views of events loaded from there.

    `parts` are a view's events, each with the position of its first remark in the view.
    None: not for these events (yet, while `pending`: a build will bring them), or, below
    `min_share`, not worth it: the view holds that share of the remarks its word indexes
    cover at least (a small event in a large index reads a vocabulary many times its own).
    """

    pending: bool

    def words_for(self, parts: Sequence[tuple[Proceedings, int]], min_share: float = 0.0) -> Words | None: ...


class Postings(Protocol):
    """The dense words' bitmaps: a list, or bitmaps made from a file as they are asked for."""

    def __len__(self) -> int: ...
    def __getitem__(self, word: int, /) -> FrozenBitMap: ...


def common_letters(folded: Sequence[str], least: int) -> dict[str, array[int]]:
    """The remarks holding each character that `least` remarks or more hold (not the space: no term has one).

    A one-letter term is in most words: the vocabulary cannot answer it quickly, and
    without the texts in memory nothing else can. One pass over the texts, in C.
    """
    postings: defaultdict[str, array[int]] = defaultdict(partial(array, "I"))
    posting, append = postings.__getitem__, array.append
    for position, text in enumerate(folded):
        deque(map(append, map(posting, set(text)), repeat(position)), maxlen=0)
    postings.pop(" ", None)
    return {letter: positions for letter, positions in postings.items() if len(positions) >= least}


class Letters(Protocol):
    """The common letters' bitmaps: a dict, or bitmaps made from a file as they are asked for."""

    def get(self, letter: str, /) -> FrozenBitMap | None: ...


class WordIndex:
    """The remarks holding each distinct word of the folded texts."""

    __slots__ = (
        "_bounds",
        "_cache",
        "_dense",
        "_flat",
        "_offsets",
        "_words",
        "letters",
        "limit",
        "mean_chars",
        "size",
    )

    def __init__(self, folded: Sequence[str], limit: int | None = None, dense: int = DENSE) -> None:
        self.size = len(folded)
        self.limit = hit_limit(self.size) if limit is None else limit
        self.mean_chars = sum(map(len, folded)) / max(len(folded), 1)
        # One pass over the texts with the inner loop in C: map() looks each distinct word
        # up (the defaultdict makes its array) and array.append adds the remark's position.
        postings: defaultdict[str, array[int]] = defaultdict(partial(array, "I"))
        posting, append = postings.__getitem__, array.append
        for position, text in enumerate(folded):
            deque(map(append, map(posting, set(text.split(" "))), repeat(position)), maxlen=0)
        postings.pop("", None)  # from double spaces: no term is empty
        # Word ids: the dense words first (a bitmap each), then the rare ones (ranges of _flat).
        common = [word for word, positions in postings.items() if len(positions) >= dense]
        rare = [word for word, positions in postings.items() if len(positions) < dense]
        self._dense = [FrozenBitMap(postings.pop(word)) for word in common]
        self._flat = flat = array("I")
        self._offsets = offsets = array("I", [0])
        for word in rare:
            flat.extend(postings.pop(word))
            offsets.append(len(flat))
        words = common + rare
        # " w0 w1 w2 ": a space on either side of every word, so " term" finds the words a term
        # begins and "term " those it ends. Word k+1 starts at _bounds[k]: bisect finds a hit's word.
        self._words = f" {' '.join(words)} "
        self._bounds = list(accumulate(map(add, map(len, words), repeat(1)), initial=1))[1:-1]
        self._cache: dict[tuple[str, bool], FrozenBitMap | None] = {}  # (needle, as a whole word)
        self.letters: Letters = {}  # the common letters' remarks, where stored with the index (a segment's)

    @classmethod
    def stored(
        cls,
        size: int,
        mean_chars: float,
        words: str,
        bounds: Sequence[int],
        dense: Postings,
        flat: Sequence[int],
        offsets: Sequence[int],
        limit: int | None = None,
    ) -> WordIndex:
        """An index read back from its parts (the library index's files): nothing is recomputed.

        `dense` may build each bitmap when it is first asked for; every posting is
        checked against `size` as it is used, so parts from a damaged file raise
        ValueError rather than point past the remarks.
        """
        index = cls.__new__(cls)
        index.size, index.mean_chars = size, mean_chars
        index.limit = hit_limit(size) if limit is None else limit
        index._words, index._bounds = words, bounds  # type: ignore[assignment]
        index._dense, index._flat, index._offsets = dense, flat, offsets  # type: ignore[assignment]
        index._cache = {}
        index.letters = {}
        return index

    def parts(self) -> tuple[str, list[int], list[FrozenBitMap], array[int], array[int]]:
        """What `stored` takes back: the vocabulary, its word bounds, the dense bitmaps, the rare postings."""
        return self._words, self._bounds, self._dense, self._flat, self._offsets

    @property
    def vocabulary_chars(self) -> int:
        """What one lookup reads: a narrower search reading fewer text characters should scan."""
        return len(self._words)

    def containing(self, term: str) -> FrozenBitMap | None:
        """The remarks whose text contains `term` (which holds no space), exactly.

        None when more than `limit` words hold it: a term that short or common
        is cheaper to look for in the texts themselves (a letter common enough
        may have its remarks stored: `letters`).
        """
        if len(term) == 1:
            stored = self.letters.get(term)
            if stored is not None:
                return stored
        return self._lookup(term)

    def containing_word(self, term: str) -> FrozenBitMap | None:
        """The remarks where `term` (no space) stands as a whole word, by the rule of =word, exactly.

        `(?<!\\w)term(?!\\w)` looks only at the characters on either side; inside a
        word they are the text's own, and at its ends the text has a space and
        the word nothing, neither of them \\w. So the words that match hold
        exactly the remarks that do.
        """
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        return self._lookup(term, pattern)

    def phrase_candidates(self, phrase: str) -> FrozenBitMap | None:
        """Remarks that may contain `phrase` ("a b c"): a superset, to check text by text.

        In a text that holds it, the first piece ends a word, the middle pieces
        are whole words and the last begins a word. None when no piece narrows.
        """
        pieces = phrase.split(" ")
        if "" in pieces:
            return None  # two spaces in a row (not from parse()): no word is empty, so nothing narrows
        first, *middle, last = pieces
        found: FrozenBitMap | None = None
        for needle in (f"{first} ", *(f" {word} " for word in middle), f" {last}"):
            candidates = self._lookup(needle)
            if candidates is not None:
                found = candidates if found is None else found & candidates
                if not found:
                    break
        return found

    def _lookup(self, needle: str, pattern: re.Pattern[str] | None = None) -> FrozenBitMap | None:
        key = (needle, pattern is not None)
        cached = self._cache.get(key, _MISSING)  # one look-up: another search thread may drop it
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        found = self._find(needle, pattern)
        if len(self._cache) >= CACHE:
            self._cache.pop(next(iter(self._cache)), None)  # the oldest
        self._cache[key] = found
        return found

    def _find(self, needle: str, pattern: re.Pattern[str] | None) -> FrozenBitMap | None:
        if pattern is not None:  # a whole word: found where it stands whole, one pass of the pattern over every word
            # A term holds no space and the words are joined by spaces: what stands on either side of
            # a match is what stands there in its word, or a space where the word ends.
            hits = list(islice(pattern.finditer(self._words), self.limit + 1 if self.limit < sys.maxsize else None))
            if len(hits) > self.limit:
                return None
            starts: Iterable[int] = map(re.Match.start, hits)
        else:
            pieces = self._words.split(needle, self.limit)
            if len(pieces) > self.limit and needle in pieces[-1]:
                return None  # more hits than the limit
            # Where each hit starts, in C: the lengths of the pieces before it and of the needles between.
            # A needle led by a space starts on the space before its word: count from the next character.
            shift = 1 if needle[0] == " " else 0
            if len(pieces) > MANY_HITS:  # a short needle: as numpy's whole arrays
                return self._union(column_math.words_hit(self._bounds, pieces, len(needle), shift))
            ends = accumulate(map(add, map(len, pieces[:-1]), repeat(len(needle))))
            starts = map(add, ends, repeat(shift - len(needle)))
        return self._union(sorted(set(map(bisect_right, repeat(self._bounds), starts))))

    def _union(self, ids: list[int]) -> FrozenBitMap:
        """The remarks holding any of these words (sorted word ids)."""
        split = bisect_left(ids, len(self._dense))
        found = FrozenBitMap.union(*map(self._dense.__getitem__, ids[:split])) if split else FrozenBitMap()
        if split == len(ids):
            return found
        flat, offsets, base = self._flat, self._offsets, len(self._dense)
        if len(ids) - split > MANY_HITS:
            rare = column_math.postings_of(flat, offsets, [word - base for word in ids[split:]])
        else:
            rare = array("I")
            for word in ids[split:]:
                rare.extend(flat[offsets[word - base] : offsets[word - base + 1]])
        if rare and max(rare) >= self.size:
            raise ValueError("a posting points past the last remark")
        return found | FrozenBitMap(rare)
