"""Reply threads: order, depth, context rows and tree guides."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import Event, Proceedings, Remark, Section, Speaker
from tui.core.query import SearchIndex, parse
from tui.core.threads import MAX_GUIDE_DEPTH, ThreadIndex, ThreadRow, thread_of, thread_rows


def _depth(remark_id: str, replies: dict[str, str]) -> int:
    depth = 0
    while remark_id in replies:
        remark_id = replies[remark_id]
        depth += 1
    return depth


def _row_ids(rows: list[ThreadRow]) -> list[str]:
    return [row.remark.id for row in rows]


def test_every_remark_once_as_a_tree_in_report_order(bundled: Proceedings) -> None:
    rows = thread_rows(bundled)
    # Depth first: Shiroyama's question (r11) with its replies in report order, r20 included,
    # then the moderator's point (r17) with the chain r18 -> r19, and so on.
    expected = (
        [f"r{i:02d}" for i in range(1, 12)]
        + ["r12", "r13", "r14", "r15", "r16", "r20"]
        + ["r17", "r18", "r19"]
        + ["r21", "r22", "r23", "r24", "r25", "r26", "r27", "r28"]
    )
    assert _row_ids(rows) == expected
    assert sorted(_row_ids(rows)) == [r.id for r in bundled.remarks]
    assert not any(row.context for row in rows)


def test_depth_is_the_length_of_the_reply_chain(bundled: Proceedings, report_replies: dict[str, str]) -> None:
    for row in thread_rows(bundled):
        assert row.depth == _depth(row.remark.id, report_replies), row.remark.id
    assert {row.remark.id: row.depth for row in thread_rows(bundled)}["r19"] == 2


def test_each_reply_sits_inside_its_parents_subtree(bundled: Proceedings) -> None:
    rows = thread_rows(bundled)
    order = _row_ids(rows)
    for index, row in enumerate(rows):
        parent = row.remark.reply_to
        if parent is None:
            assert row.depth == 0
            continue
        parent_index = order.index(parent)
        assert parent_index < index
        # Every row between the parent and the reply is deeper than the parent.
        assert all(r.depth > rows[parent_index].depth for r in rows[parent_index + 1 : index + 1])


def test_a_matching_reply_brings_its_exchange_as_context(bundled: Proceedings) -> None:
    positions = SearchIndex(bundled).search(parse('"two giants"'))
    assert [bundled.remarks[p].id for p in positions] == ["r19"]
    rows = thread_rows(bundled, positions)
    assert [(row.remark.id, row.depth, row.context) for row in rows] == [
        ("r17", 0, True),
        ("r18", 1, True),
        ("r19", 2, False),
    ]


def test_chosen_parent_is_not_context(bundled: Proceedings) -> None:
    positions = [bundled.remark_by_id[i].position for i in ("r18", "r19")]
    rows = thread_rows(bundled, positions)
    assert [(row.remark.id, row.context) for row in rows] == [("r17", True), ("r18", False), ("r19", False)]


def test_filtered_replies_under_one_question(bundled: Proceedings) -> None:
    positions = SearchIndex(bundled).search(parse("speaker:hickok section:panel"))
    rows = thread_rows(bundled, positions)
    assert [(row.remark.id, row.context) for row in rows] == [("r11", True), ("r14", False), ("r20", False)]
    assert [row.guide for row in rows] == ["", "├─ ", "└─ "]


def test_empty_selection_gives_no_rows(bundled: Proceedings) -> None:
    assert thread_rows(bundled, []) == []


def _thread_of(proceedings: Proceedings, remark_id: str) -> list[ThreadRow]:
    return thread_of(proceedings, proceedings.remark_by_id[remark_id].position)


def test_thread_of_a_reply_starts_at_the_first_remark(bundled: Proceedings) -> None:
    for remark_id in ("r17", "r18", "r19"):
        rows = _thread_of(bundled, remark_id)
        assert [(row.remark.id, row.depth) for row in rows] == [("r17", 0), ("r18", 1), ("r19", 2)]
        assert not any(row.context for row in rows)


def test_thread_of_a_lone_remark_is_itself(bundled: Proceedings) -> None:
    assert _row_ids(_thread_of(bundled, "r01")) == ["r01"]


def test_guides_for_the_six_replies_to_r11(bundled: Proceedings) -> None:
    rows = _thread_of(bundled, "r13")
    assert _row_ids(rows) == ["r11", "r12", "r13", "r14", "r15", "r16", "r20"]
    guides = {row.remark.id: row.guide for row in rows}
    assert guides["r11"] == ""
    for remark_id in ("r12", "r13", "r14", "r15", "r16"):
        assert guides[remark_id] == "├─ ", remark_id
    assert guides["r20"] == "└─ "
    # The text under a non-last reply keeps the vertical line going to the next sibling.
    continues = {row.remark.id: row.continues for row in rows}
    assert continues["r11"].startswith("│")
    assert all(continues[r].startswith("│") for r in ("r12", "r13", "r14", "r15", "r16"))
    assert not continues["r20"].startswith("│")


def test_guides_of_a_chain(bundled: Proceedings) -> None:
    rows = {row.remark.id: row for row in thread_rows(bundled)}
    assert rows["r17"].guide == ""
    assert rows["r18"].guide == "└─ "
    assert rows["r19"].guide == "   └─ "  # r18 is the last (only) reply: no line beside it
    assert rows["r24"].guide == "├─ "
    assert rows["r25"].guide == "└─ "


def test_deep_chains_stop_growing_the_guides(make_proceedings: Callable[..., Proceedings]) -> None:
    depth = MAX_GUIDE_DEPTH + 12
    proceedings = make_proceedings([f"reply {i}" for i in range(depth + 1)], reply_chain=True)
    rows = thread_rows(proceedings)
    assert [row.depth for row in rows] == list(range(depth + 1))
    widths = [len(row.guide) for row in rows]
    assert max(widths) <= 3 * MAX_GUIDE_DEPTH + len(f"…{depth} ")
    for row in rows[MAX_GUIDE_DEPTH + 1 :]:
        assert f"…{row.depth}" in row.guide  # says how deep it really is
    assert _row_ids(_thread_of(proceedings, f"r{depth + 1:02d}")) == _row_ids(rows)


def _replies(data: st.DataObject, size: int) -> tuple[list[int], Proceedings]:
    """An event of `size` remarks, each answering an earlier one or none: the parents drawn, and the event."""
    parents = [data.draw(st.integers(-1, i - 1)) if i else -1 for i in range(size)]
    remarks = tuple(
        Remark(f"r{i}", "s", "ana", f"text {i}", None if p < 0 else f"r{p}", position=i) for i, p in enumerate(parents)
    )
    event = Proceedings(
        "memory", Event("e", "E"), (Speaker("ana", "Ana"),), (Section("s", 1, "S", "remarks"),), remarks
    )
    return parents, event


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_a_filtered_view_is_the_walk_of_the_matches_and_what_they_answer(data: st.DataObject) -> None:
    """However few or many remarks match, the rows are the depth-first walk restricted to them and their parents."""
    size = data.draw(st.integers(1, 60))
    parents, event = _replies(data, size)
    forest = ThreadIndex(event)
    matched = sorted(data.draw(st.sets(st.integers(0, size - 1))))
    shown = set(matched)
    for position in matched:  # every remark a match answers, up to the first of its thread
        while parents[position] >= 0:
            position = parents[position]
            shown.add(position)
    rows = forest.view(matched)
    assert list(rows.positions) == [p for p in forest.order if p in shown]
    assert [rows.is_context(p) for p in rows.positions] == [p not in matched for p in rows.positions]


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_the_forest_is_the_plain_walk(data: st.DataObject) -> None:
    """Order, depth, place among siblings and parent are what a plain recursive walk gives."""
    size = data.draw(st.integers(0, 60))
    parents, event = _replies(data, size)
    replies = {i: [c for c in range(size) if parents[c] == i] for i in range(-1, size)}
    order: list[int] = []
    depth = [0] * size

    def walk(position: int, level: int) -> None:
        order.append(position)
        depth[position] = level
        for reply in replies[position]:
            walk(reply, level + 1)

    for root in replies[-1]:
        walk(root, 0)
    forest = ThreadIndex(event)
    assert list(forest.order) == order
    assert [forest.rank[p] for p in order] == list(range(size))
    assert list(forest.depth) == depth and list(forest.parent) == parents
    assert list(forest.roots) == replies[-1]
    assert [list(forest.children_of(p)) for p in range(size)] == [replies[p] for p in range(size)]
    assert [forest.sibling_index[p] for p in range(size)] == [replies[parents[p]].index(p) for p in range(size)]
    assert list(forest.up) == [p if p >= 0 else i for i, p in enumerate(parents)]
