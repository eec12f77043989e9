"""What views count and thread read: each remark's codes as columns, each remark's replies, the common letters."""

from __future__ import annotations

import tempfile
from array import array
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_word_index import TEXT
from tui.core.columns import Replies
from tui.core.folding import fold
from tui.core.model import Proceedings
from tui.core.word_index import WordIndex, common_letters
from tui.index.segment import Segment, write_segment


def test_columns_are_each_remarks_codes(bundled: Proceedings) -> None:
    columns = bundled.columns
    assert len(columns) == len(bundled.remarks)
    for position, remark in enumerate(bundled.remarks):
        assert bundled.speakers[columns.speaker[position]].id == remark.speaker
        assert bundled.sections[columns.section[position]].id == remark.section
        parent = bundled.parent_of(remark)
        assert (parent.id if parent else None) == remark.reply_to
        assert columns.parent[position] == (parent.position if parent else -1)
        assert columns.length[position] == len(remark.text)
    assert {k: [bundled.remarks[p] for p in v] for k, v in bundled.positions_of("speaker").items()} == {
        k: list(v) for k, v in bundled.remarks_by_speaker.items()
    }


def test_who_answered_whom_reads_as_the_remarks_say(bundled: Proceedings) -> None:
    by_id = bundled.remark_by_id
    for speaker in bundled.speakers:
        mine = bundled.remarks_by_speaker.get(speaker.id, ())
        answered = {by_id[r.reply_to].speaker: None for r in mine if r.reply_to}
        answering = {reply.speaker: None for remark in mine for reply in bundled.remarks if reply.reply_to == remark.id}
        assert [s.id for s in bundled.answered_by(speaker.id)] == list(answered)
        assert [s.id for s in bundled.answering(speaker.id)] == list(answering)
        assert [s.id for s in bundled.sections_of(speaker.id)] == [
            s.id for s in bundled.sections if any(r.section == s.id for r in mine)
        ]
    assert bundled.answering("nobody") == [] and bundled.answered_by("nobody") == []


@given(st.data())
@settings(max_examples=100, deadline=None)
def test_each_remarks_replies_in_order(data: st.DataObject) -> None:
    size = data.draw(st.integers(0, 40))
    parents = array("i", [data.draw(st.integers(-1, i - 1)) if i else -1 for i in range(size)])
    replies = Replies.of(parents)
    assert [list(replies.to(p)) for p in range(size)] == [
        [c for c in range(size) if parents[c] == p] for p in range(size)
    ]


@given(st.lists(TEXT, max_size=30), st.integers(1, 5))
@settings(max_examples=100, deadline=None)
def test_common_letters_are_the_remarks_holding_them(texts: list[str], least: int) -> None:
    folded = [fold(t) for t in texts]
    letters = common_letters(folded, least)
    every = {c for t in folded for c in t} - {" "}
    for letter in every:
        holding = [p for p, t in enumerate(folded) if letter in t]
        if len(holding) >= least:
            assert list(letters[letter]) == holding
        else:
            assert letter not in letters
    assert set(letters) <= every


@given(st.lists(TEXT, min_size=1, max_size=30))
@settings(max_examples=60, deadline=None)
def test_a_segment_answers_a_letter_from_its_stored_remarks_as_a_scan_does(texts: list[str]) -> None:
    """Stored as the remarks holding it, or, held by most, as those without it: read back, the same remarks."""
    folded = [fold(t) for t in texts]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "segment-1"
        write_segment(path, WordIndex(folded), [0] * len(folded), [0] * len(folded), common_letters(folded, 1))
        words = Segment(path, len(folded)).words
        for letter in {c for t in folded for c in t} - {" "}:
            found = words.containing(letter)
            assert found is not None and list(found) == [p for p, t in enumerate(folded) if letter in t], letter
