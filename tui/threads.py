"""Reply trees: who answered whom, laid out as rows with tree guides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Proceedings, Remark

# Past this depth the guides stop growing, so a pathological chain of replies
# cannot push the text off the screen; the row says how deep it really is.
MAX_GUIDE_DEPTH = 8


@dataclass(frozen=True, slots=True)
class ThreadRow:
    remark: Remark
    depth: int
    guide: str  # tree guides to draw before the remark, e.g. "│  └─ "
    context: bool = False  # shown only so that a matching reply reads in context
    continues: str = ""  # guides beside the remark's text lines, e.g. "│  │  "


def thread_rows(proceedings: Proceedings, positions: Iterable[int] | None = None) -> list[ThreadRow]:
    """Rows for the chosen remarks as reply threads, in report order.

    A chosen reply brings the remarks it answers along as context, so each
    exchange reads from its start. `None` chooses every remark.
    """
    remarks = proceedings.remarks
    chosen = range(len(remarks)) if positions is None else positions
    included: dict[int, bool] = {}  # position -> context?
    by_id = proceedings.remark_by_id
    for position in chosen:
        included[position] = False
    for position in list(included):
        parent_id = remarks[position].reply_to
        while parent_id is not None:
            parent = by_id[parent_id]
            if parent.position in included:
                break
            included[parent.position] = True
            parent_id = parent.reply_to
    children: dict[str, list[Remark]] = {}
    roots: list[Remark] = []
    for position in sorted(included):
        remark = remarks[position]
        if remark.reply_to is None:
            roots.append(remark)
        else:
            children.setdefault(remark.reply_to, []).append(remark)
    return _layout(roots, children, included)


def thread_of(proceedings: Proceedings, remark_id: str) -> list[ThreadRow]:
    """The whole exchange a remark belongs to: from its first remark, every reply."""
    root = proceedings.remark_by_id[remark_id]
    while root.reply_to is not None:
        root = proceedings.remark_by_id[root.reply_to]
    children = {parent: list(replies) for parent, replies in proceedings.replies_by_parent.items()}
    return _layout([root], children, {})


def _layout(roots: list[Remark], children: dict[str, list[Remark]], context: dict[int, bool]) -> list[ThreadRow]:
    rows: list[ThreadRow] = []
    # Depth-first without recursion: (remark, depth, guides of its ancestors, is last child).
    stack: list[tuple[Remark, int, str, bool]] = [(r, 0, "", True) for r in reversed(roots)]
    while stack:
        remark, depth, ancestors, last = stack.pop()
        if depth == 0:
            guide, below = "", ""
        elif depth <= MAX_GUIDE_DEPTH:
            guide, below = ancestors + ("└─ " if last else "├─ "), ancestors + ("   " if last else "│  ")
        else:
            guide, below = ancestors + f"…{depth} ", ancestors + "   "
        replies = children.get(remark.id, ())
        rows.append(
            ThreadRow(remark, depth, guide, context.get(remark.position, False), below + ("│  " if replies else "   "))
        )
        inner = below if depth <= MAX_GUIDE_DEPTH else ancestors
        for index in range(len(replies) - 1, -1, -1):
            stack.append((replies[index], depth + 1, inner, index == len(replies) - 1))
    return rows
