"""All events as one: each remark traced back to its event, a speaker of two events one speaker."""

from __future__ import annotations

from tui.core.combined import ALL_EVENTS_ID, combine
from tui.core.model import Library
from tui.core.query import SearchIndex, parse
from tui.core.threads import ThreadIndex


def test_each_remark_keeps_its_event_speaker_and_replies(make_proceedings):
    first = make_proceedings(["Opening words.", "A reply on safety."], reply_chain=True)
    second = make_proceedings(["Safety again.", "And a reply.", "A third."], reply_chain=True, event_title="Two")
    combined = combine(Library((first, second)))
    whole = combined.proceedings
    assert whole.event.id == ALL_EVENTS_ID
    # Both files say demo-2024: the second event's remarks get an id of their own.
    assert [r.id for r in whole.remarks] == [
        "demo-2024/r01",
        "demo-2024/r02",
        "demo-2024-2/r01",
        "demo-2024-2/r02",
        "demo-2024-2/r03",
    ]
    assert [s.title for s in whole.sections] == [first.event.title, "Two"]
    assert [r.reply_to for r in whole.remarks] == [None, "demo-2024/r01", None, "demo-2024-2/r01", "demo-2024-2/r02"]
    assert [s.id for s in whole.speakers] == ["ana"]  # the same id in both: one speaker
    origins = [combined.origin(r) for r in whole.remarks]
    assert [(index, original.id) for index, original in origins] == [
        (0, "r01"),
        (0, "r02"),
        (1, "r01"),
        (1, "r02"),
        (1, "r03"),
    ]
    for remark, (index, original) in zip(whole.remarks, origins, strict=True):
        assert original is (first, second)[index].remarks[original.position] and original.text == remark.text
        assert combined.combined_id(index, original.id) == remark.id
    assert [(p.event.title, n) for p, n in combined.counts_by_event("ana")] == [(first.event.title, 2), ("Two", 3)]
    # Replies thread within their event; a search spans both.
    assert ThreadIndex(whole).depth == [0, 1, 0, 1, 2]
    assert SearchIndex(whole).search(parse("safety")) == [1, 2]
    assert SearchIndex(whole).search(parse("safety section:2")) == [2]


def test_one_id_with_two_names_is_two_speakers(make_proceedings):
    first = make_proceedings(["I chair this one."], speaker_name="Jane Doe")
    second = make_proceedings(["And I chair this one."], speaker_name="John Roe", event_title="Two")
    third = make_proceedings(["Jane again."], speaker_name="jane doe ", event_title="Three")
    whole = combine(Library((first, second, third))).proceedings
    names = [whole.speaker_by_id[r.speaker].name for r in whole.remarks]
    assert names == ["Jane Doe", "John Roe", "Jane Doe"]  # ids are per file; names decide
    assert [s.id for s in whole.speakers] == ["ana", "demo-2024-2/ana"]
