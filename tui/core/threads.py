"""Reply trees: who answered whom, laid out as rows with tree guides.

The forest of an event is computed once (`ThreadIndex`): each remark's parent,
depth and place in a depth-first walk. A filtered view is then the walk
restricted to the matching remarks and the remarks they answer, which keeps a
view of 100,000 remarks cheap; the tree guides of a row are worked out only
when the row is drawn.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import overload

from . import column_math
from .column_math import Forest
from .columns import Replies
from .model import Proceedings, Remark

# Past this depth the guides stop growing, so a pathological chain of replies
# cannot push the text off the screen; the row says how deep it really is.
MAX_GUIDE_DEPTH = 8

MATCHED, CONTEXT = 1, 2


@dataclass(frozen=True, slots=True)
class ThreadRow:
    remark: Remark
    depth: int
    guide: str  # tree guides to draw before the remark, e.g. "│  └─ "
    context: bool = False  # shown only so that a matching reply reads in context
    continues: str = ""  # guides beside the remark's text lines, e.g. "│  │  "


def continues_width(depth: int) -> int:
    """How many columns the guides take beside a remark's text at this depth."""
    return 3 * min(depth, MAX_GUIDE_DEPTH + 1) + 3


class ThreadIndex:
    """The reply forest of one event: parent, depth and depth-first order of every remark."""

    def __init__(self, proceedings: Proceedings) -> None:
        """Built from the remarks' columns (each one's parent before it): no remark is read."""
        self.proceedings = proceedings
        self.parent = parent = proceedings.columns.parent
        self._replies = replies = proceedings.replies
        forest = None
        if len(parent) >= column_math.LARGE:
            forest = column_math.forest(parent, replies.offsets, replies.answers)
        if forest is None:  # a small event, or a chain of replies too deep for numpy's steps by level
            forest = _forest_by_loops(parent, replies)
        self.depth, self.roots, self.sibling_index = forest.depth, forest.roots, forest.sibling_index
        # A remark's parent, or the remark itself for a root: lets a filter test
        # "is the parent shown?" without a branch for roots.
        self.up = forest.up
        # Each remark's place in the walk: a filtered view of a few remarks sorts them by it.
        self.order, self.rank = forest.order, forest.rank

    @functools.cached_property
    def deepest(self) -> int:
        """The most replies above any remark."""
        return max(self.depth, default=0)

    def children_of(self, position: int) -> Sequence[int]:
        return self._replies.to(position)

    def view(self, matched: Iterable[int] | None = None) -> ThreadRows:
        """The rows showing `matched` (None: every remark) with the remarks they answer."""
        count = len(self.order)
        chosen = None if matched is None else matched if isinstance(matched, list | range) else list(matched)
        if chosen is None or len(chosen) == count:  # every remark (positions are distinct): the whole walk
            return ThreadRows(self, self.order, bytearray(b"\x01") * count)
        if len(chosen) >= column_math.LARGE and self.deepest <= column_math.MAX_LEVELS:
            return ThreadRows(self, *column_math.shown(self.order, self.parent, self.up, chosen))
        mask = bytearray(count)
        for position in chosen:
            mask[position] = MATCHED
        parent, up = self.parent, self.up
        context: list[int] = []
        # Only replies whose parent is not shown yet need a walk up the thread.
        for position in [p for p in chosen if not mask[up[p]]]:
            above = parent[position]
            while above >= 0 and not mask[above]:
                mask[above] = CONTEXT
                context.append(above)
                above = parent[above]
        if (len(chosen) + len(context)) * 4 < count:  # a few shown: sort them by walk order, not walk it all
            order, rank = self.order, self.rank
            shown = sorted(map(rank.__getitem__, chain(chosen, context)))
            return ThreadRows(self, list(map(order.__getitem__, shown)), mask)
        return ThreadRows(self, [p for p in self.order if mask[p]], mask)

    def subtree(self, position: int) -> list[int]:
        """A remark and every reply below it, depth first."""
        out: list[int] = []
        stack = [position]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self.children_of(current)))
        return out


class ThreadRows(Sequence[ThreadRow]):
    """The rows of one view; each ThreadRow (with its guides) is made when asked for."""

    def __init__(self, forest: ThreadIndex, positions: Sequence[int], mask: bytearray) -> None:
        self.forest = forest
        self.positions = positions  # remark positions, in the order shown
        self.mask = mask  # per remark: 0 hidden, MATCHED, or CONTEXT
        self._last: dict[int, bool] = {}

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, item: int) -> ThreadRow: ...
    @overload
    def __getitem__(self, item: slice) -> list[ThreadRow]: ...
    def __getitem__(self, item: int | slice) -> ThreadRow | list[ThreadRow]:
        if isinstance(item, slice):
            return [self.row(p) for p in self.positions[item]]
        return self.row(self.positions[item])

    def __iter__(self) -> Iterator[ThreadRow]:
        return (self.row(p) for p in self.positions)

    def is_context(self, position: int) -> bool:
        return self.mask[position] == CONTEXT

    def _is_last(self, position: int) -> bool:
        """No later sibling of this remark is shown."""
        cached = self._last.get(position)
        if cached is None:
            forest = self.forest
            parent = forest.parent[position]
            siblings = forest.roots if parent < 0 else forest.children_of(parent)
            mask = self.mask
            cached = not any(mask[s] for s in siblings[forest.sibling_index[position] + 1 :])
            self._last[position] = cached
        return cached

    def row(self, position: int) -> ThreadRow:
        forest = self.forest
        depth = forest.depth[position]
        chain: list[int] = []  # ancestors below the root, nearest first
        above = forest.parent[position]
        while above >= 0 and forest.parent[above] >= 0:
            chain.append(above)
            above = forest.parent[above]
        outermost = chain[::-1][:MAX_GUIDE_DEPTH]
        ancestors = "".join("   " if self._is_last(a) else "│  " for a in outermost)
        if depth == 0:
            guide = below = ""
        elif depth <= MAX_GUIDE_DEPTH:
            last = self._is_last(position)
            guide = ancestors + ("└─ " if last else "├─ ")
            below = ancestors + ("   " if last else "│  ")
        else:
            guide, below = ancestors + f"…{depth} ", ancestors + "   "
        has_replies = any(self.mask[c] for c in forest.children_of(position))
        remark = forest.proceedings.remarks[position]
        return ThreadRow(remark, depth, guide, self.is_context(position), below + ("│  " if has_replies else "   "))


def _forest_by_loops(parent: array[int], replies: Replies) -> Forest:
    """The forest, one remark at a time."""
    # Arrays of C ints, not lists: at a million remarks a list costs 8 bytes a slot, and
    # each position made here another 28 for its int; six of them were 100 MB.
    count = len(parent)
    offsets, answers = replies.offsets, replies.answers
    depth = array("i", bytes(4 * count))
    sibling_index = array("i", bytes(4 * count))
    roots = array("i")
    for position, above in enumerate(parent):  # a reply always comes after the remark it answers
        if above < 0:
            sibling_index[position] = len(roots)
            roots.append(position)
        else:
            depth[position] = depth[above] + 1
    for index, position in enumerate(answers):  # each remark's replies, in order: its place among them
        sibling_index[position] = index - offsets[parent[position]]
    up = array("i", parent)
    for position in roots:
        up[position] = position
    if not answers:  # no replies at all: the walk is the report order
        order = array("i", range(count))
        return Forest(depth, roots, sibling_index, up, order, order)
    order = _depth_first(roots, replies)
    rank = array("i", bytes(4 * count))
    for index, position in enumerate(order):
        rank[position] = index
    return Forest(depth, roots, sibling_index, up, order, rank)


def _depth_first(roots: Sequence[int], replies: Replies) -> array[int]:
    """Every remark, each followed by its replies, depth first; a root without replies takes no stack."""
    order = array("i")
    append, offsets, answers = order.append, replies.offsets, replies.answers
    for root in roots:
        append(root)
        if offsets[root] == offsets[root + 1]:
            continue
        stack = answers[offsets[root] : offsets[root + 1]]
        stack.reverse()
        while stack:
            position = stack.pop()
            append(position)
            low, high = offsets[position], offsets[position + 1]
            if low < high:
                below = answers[low:high]
                below.reverse()
                stack.extend(below)
    return order


def thread_rows(proceedings: Proceedings, positions: Iterable[int] | None = None) -> list[ThreadRow]:
    """Rows for the chosen remarks as reply threads (None: every remark).

    A chosen reply brings the remarks it answers along as context, so each
    exchange reads from its start.
    """
    return list(ThreadIndex(proceedings).view(positions))


def thread_of(proceedings: Proceedings, position: int, index: ThreadIndex | None = None) -> list[ThreadRow]:
    """The whole exchange the remark at `position` belongs to: from its first remark, every reply."""
    index = index or ThreadIndex(proceedings)
    root = position
    while index.parent[root] >= 0:
        root = index.parent[root]
    return list(index.view(index.subtree(root)))
