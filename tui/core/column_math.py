"""A large view's replies, groups and reply forest, computed by numpy over its columns.

At a million remarks the plain loops (`Replies.of`, `positions_by_code`, `ThreadIndex`) took
two seconds of a reopen; these take a tenth of one. They give exactly what the loops give (a
property test compares the two) as array('i'), so what reads them is unchanged. numpy is
imported only here, and only for views of `LARGE` remarks or more: opening a small event does
not pay its tenth of a second of import.
"""

from __future__ import annotations

import functools
import os
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .memory import give_back

LARGE = 20_000  # remarks: from here the arrays are numpy's work

# No linear algebra here: numpy's BLAS need start no idle threads. Set as this module is imported
# (at start-up, on the main thread), not later beside threads that may read the environment.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

GATHER_WORDS = 16_384  # rare words' postings gathered at once

# A forest deeper than this (a hostile chain of replies) is left to the loops: here each level
# of depth is a numpy step of its own.
MAX_LEVELS = 2_000


@dataclass(frozen=True, slots=True)
class Forest:
    """What `ThreadIndex` keeps of a forest besides its parents and replies."""

    depth: array[int]  # replies above each remark
    roots: array[int]  # the remarks answering nothing, in order
    sibling_index: array[int]  # each remark's place among its parent's replies (or among the roots)
    up: array[int]  # each remark's parent, or itself for a root
    order: array[int]  # every remark, each followed by its replies, depth first
    rank: array[int]  # each remark's place in `order`


def groups(column: array[int], codes: int) -> list[array[int]]:
    """For each code below `codes`, the positions holding it, in order."""
    np = numpy()
    values = _view(column)
    by_code = np.argsort(values, kind="stable")
    bounds = np.zeros(codes + 1, np.intp)
    np.cumsum(np.bincount(values, minlength=codes), out=bounds[1:])
    return [as_array(by_code[bounds[code] : bounds[code + 1]]) for code in range(codes)]


def replies(parent: array[int]) -> tuple[array[int], array[int]]:
    """`Replies`' offsets and answers: each remark's replies, in order."""
    np = numpy()
    up = _view(parent)
    offsets = np.zeros(len(up) + 1, np.intc)
    np.cumsum(np.bincount(up + 1, minlength=len(up) + 1)[1:], out=offsets[1:])  # a root counts at 0
    replying = np.flatnonzero(up >= 0)
    answers = replying[np.argsort(up[replying], kind="stable")]  # stable: each remark's replies in order
    return as_array(offsets), as_array(answers)


def forest(parent: array[int], offsets: array[int], answers: array[int]) -> Forest | None:
    """The depth-first walk and what the rows' guides read; None when too deep for steps by level.

    In C ints throughout, each temporary let go as soon as it is used: at a million remarks
    each one is 4 MB, and the memory a peak takes is not all given back.
    """
    np = numpy()
    up = _view(parent)
    count = len(up)
    is_reply = up >= 0
    depth = _depths(np, up, is_reply)
    deepest = int(depth.max()) if count else 0
    if deepest > MAX_LEVELS:
        return None
    offsets, answers = _view(offsets), _view(answers)  # each remark's replies, as `Replies` holds them
    roots = np.flatnonzero(~is_reply).astype(np.intc)
    first_sibling = offsets[up[answers]]  # where each reply's parent's replies start in `answers`
    sibling_index = np.zeros(count, np.intc)
    sibling_index[roots] = np.arange(len(roots), dtype=np.intc)
    sibling_index[answers] = np.arange(len(answers), dtype=np.intc) - first_sibling
    # Each level's remarks, shallowest first, in position order within a level.
    by_depth = np.argsort(depth, kind="stable").astype(np.intc)
    level = np.zeros(deepest + 2, np.intp)
    np.cumsum(np.bincount(depth, minlength=deepest + 1), out=level[1:])
    # Each remark's thread below it, counted from the deepest level up.
    size = np.ones(count, np.intc)
    for d in range(deepest, 0, -1):
        nodes = by_depth[level[d] : level[d + 1]]
        np.add.at(size, up[nodes], size[nodes])
    # Before a remark in the walk: its parent, then its earlier siblings' threads.
    before = np.zeros(len(answers) + 1, np.intc)
    np.cumsum(size[answers], out=before[1:])
    earlier = np.zeros(count, np.intc)
    earlier[answers] = before[:-1] - before[first_sibling]
    del before, first_sibling
    rank = np.zeros(count, np.intc)
    rank[roots] = np.cumsum(size[roots], dtype=np.intc) - size[roots]
    del size
    for d in range(1, deepest + 1):
        nodes = by_depth[level[d] : level[d + 1]]
        rank[nodes] = rank[up[nodes]] + 1 + earlier[nodes]
    del earlier, by_depth
    everyone = np.arange(count, dtype=np.intc)
    order = np.zeros(count, np.intc)
    order[rank] = everyone
    made = Forest(
        depth=as_array(depth),
        roots=as_array(roots),
        sibling_index=as_array(sibling_index),
        up=as_array(np.where(is_reply, up, everyone)),
        order=as_array(order),
        rank=as_array(rank),
    )
    del depth, roots, sibling_index, order, rank, everyone
    give_back()
    return made


def guessed_heights(length: array[int], depth: array[int], widths: list[int]) -> array[int]:
    """Each row's first guess of height: 2 + max(1, ceil(length / (widths[depth] / 11))) (widths in tenths)."""
    np = numpy()
    lines = -((_view(length).astype(np.int64) * -11) // np.asarray(widths, np.int64)[_view(depth)])
    return as_array(np.maximum(lines, 1) + 2)


def line_starts(heights: array[int], positions: Sequence[int], first: int = 0) -> array[int]:
    """The first line of each row showing `positions`, counted from `first`, then the total: array('q')."""
    np = numpy()
    shown = _any_view(positions)
    starts = np.empty(len(shown) + 1, np.int64)
    starts[0] = first
    np.cumsum(_view(heights)[shown], out=starts[1:])
    starts[1:] += first
    out = array("q")
    out.frombytes(starts.tobytes())
    return out


def shown(order: array[int], parent: array[int], up: array[int], chosen: Sequence[int]) -> tuple[array[int], bytearray]:
    """`ThreadIndex.view` of many remarks: the walk's positions holding a chosen remark or one a chosen
    reply answers, and per remark 1 (chosen), 2 (shown as context) or 0. One step per level of depth."""
    np = numpy()
    ups, parents = _view(up), _view(parent)
    mask = np.zeros(len(ups), np.uint8)
    at = _any_view(chosen)
    mask[at] = 1
    climbing = parents[at[mask[ups[at]] == 0]]  # the parents of chosen replies not shown yet
    while climbing.size:
        climbing = np.unique(climbing[climbing >= 0])
        climbing = climbing[mask[climbing] == 0]
        mask[climbing] = 2
        climbing = parents[climbing]
    walk = _view(order)
    made = as_array(walk[mask[walk] != 0]), bytearray(mask.tobytes())
    del walk, mask, at, climbing
    give_back()
    return made


def facets(
    base: Sequence[int],
    speaker_of: array[int],
    section_of: array[int],
    speaker_codes: frozenset[int] | None,
    section_codes: frozenset[int] | None,
) -> tuple[Sequence[int], dict[int, int], dict[int, int]]:
    """A large search's facets (codes None: any): the positions with both codes (`base` itself when
    both are None: a million ints are 36 MB), then the count by speaker code of those in the
    sections, and by section code of those by the speakers (codes counted once or more)."""
    np = numpy()
    at = _any_view(base)
    speaker, section = _view(speaker_of)[at], _view(section_of)[at]
    in_sections = np.ones(len(at), bool) if section_codes is None else np.isin(section, list(section_codes))
    by_speakers = np.ones(len(at), bool) if speaker_codes is None else np.isin(speaker, list(speaker_codes))
    positions = base if section_codes is None and speaker_codes is None else at[in_sections & by_speakers].tolist()
    per_speaker, per_section = _counted(np, speaker[in_sections]), _counted(np, section[by_speakers])
    del at, speaker, section, in_sections, by_speakers
    give_back()
    return positions, per_speaker, per_section


def kept(
    positions: Sequence[int],
    speaker_of: array[int],
    section_of: array[int] | None,
    by_part: Mapping[int, frozenset[int]],
) -> list[int]:
    """Those of `positions` whose speaker code is kept for their part: the one part (`section_of`
    None), else their section's. What org:, role: and date: leave of a large view."""
    np = numpy()
    at = _any_view(positions)
    speaker = _view(speaker_of)[at].astype(np.int64)
    if section_of is None:
        mask = np.isin(speaker, list(by_part.get(0, ())))
    else:  # each (section, speaker) pair as one number: section * speakers + speaker
        width = int(speaker.max()) + 1 if len(speaker) else 1
        pairs = [part * width + code for part, codes in by_part.items() for code in codes if code < width]
        mask = np.isin(_view(section_of)[at].astype(np.int64) * width + speaker, pairs)
    found: list[int] = at[mask].tolist()
    del at, speaker, mask
    return found


def _counted(np: Any, codes: Any) -> dict[int, int]:
    """How many times each code appears, for those that do."""
    counts = np.bincount(codes, minlength=1)
    present = np.flatnonzero(counts)
    return dict(zip(present.tolist(), counts[present].tolist(), strict=True))


def words_hit(bounds: Sequence[int], pieces: list[str], needle: int, shift: int) -> list[int]:
    """The vocabulary's words (sorted, once each) where a needle `needle` characters long stands
    between `pieces` (the vocabulary split on it); each hit counted from `shift` past its start.
    `bounds`: where each word after the first starts."""
    np = numpy()
    ends = np.cumsum(np.fromiter(map(len, pieces[:-1]), np.int64, len(pieces) - 1) + needle)
    starts = _any_view(bounds)
    return np.unique(np.searchsorted(starts, ends + (shift - needle), side="right")).tolist()  # type: ignore[no-any-return]


def postings_of(flat: Sequence[int], offsets: Sequence[int], words: list[int]) -> array[int]:
    """The rare words' postings, one after the other: `flat[offsets[w] : offsets[w + 1]]` for each.

    A few thousand words at a time: a rare word has under `word_index.DENSE` postings, so each
    step's index arrays stay a few megabytes, whatever the number of words.
    """
    np = numpy()
    bounds, values = _any_view(offsets).astype(np.int64), _any_view(flat)
    out = array("I")
    for start in range(0, len(words), GATHER_WORDS):
        chosen = np.asarray(words[start : start + GATHER_WORDS], np.int64)
        low, high = bounds[chosen], bounds[chosen + 1]
        lengths = high - low
        if (lengths < 0).any() or high.max() > len(values):
            raise ValueError("a word's postings lie outside the file")
        before = np.cumsum(lengths) - lengths  # where each word's postings go in the result
        at = np.repeat(low - before, lengths) + np.arange(int(lengths.sum()))
        out.frombytes(values.take(at).astype(np.uint32, copy=False).tobytes())
    return out


def _any_view(values: Sequence[int]) -> Any:
    """Positions or values (an array, a memoryview, a range or a list) as numpy's: no copy where
    they are C ints already, no int made for a range."""
    np = numpy()
    if isinstance(values, range):
        return np.arange(values.start, values.stop, values.step)
    if isinstance(values, array | memoryview):
        return np.frombuffer(values, dtype=np.dtype(values.typecode if isinstance(values, array) else values.format))
    return np.asarray(values, np.int64)


def _depths(np: Any, up: Any, is_reply: Any) -> Any:
    """Replies above each remark, by doubling: each step adds the distance to the ancestor twice as far up."""
    depth = is_reply.astype(np.intc)  # the distance to `jump`, the ancestor this far up
    jump = up.copy()
    live = np.flatnonzero(jump >= 0)
    while live.size:
        above = jump[live]
        depth[live] += depth[above]  # read before written: every remark steps at once
        jump[live] = jump[above]
        live = live[jump[live] >= 0]
    return depth


@functools.cache
def numpy() -> Any:
    """numpy, imported on first use, not at the top: only large views pay its import (a tenth of a second)."""
    import numpy

    return numpy


def _view(values: array[int]) -> Any:
    """The array's values as numpy's, without a copy (array 'i' is a C int, numpy's intc)."""
    np = numpy()
    return np.frombuffer(values, dtype=np.intc) if len(values) else np.zeros(0, np.intc)


def as_array(values: Any) -> array[int]:
    """numpy's values as array('i'): one copy of the bytes, no int made per value."""
    out = array("i")
    out.frombytes(values.astype(numpy().intc, copy=False).tobytes())
    return out
