"""numpy's replies, groups and forest are exactly what the loops give, on forests of every shape."""

from __future__ import annotations

import itertools
import math
import tempfile
from array import array
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_word_index import PIECES, TEXT
from tui.core import column_math, word_index
from tui.core.columns import Replies
from tui.core.folding import fold
from tui.core.model import Proceedings
from tui.core.query import parse
from tui.core.search import LiveSearch
from tui.core.threads import ThreadIndex, _forest_by_loops
from tui.core.word_index import WordIndex
from tui.index.segment import Segment, write_segment


@st.composite
def parents(draw: st.DrawFn) -> array[int]:
    """Each remark answers nothing or an earlier one: wide, deep and chained forests alike."""
    size = draw(st.integers(0, 120))
    shape = draw(st.sampled_from(["any", "recent", "chain"]))
    values = []
    for i in range(size):
        if not i or draw(st.integers(0, 4)) == 0:
            values.append(-1)
        elif shape == "chain":
            values.append(i - 1)
        elif shape == "recent":
            values.append(draw(st.integers(max(0, i - 3), i - 1)))
        else:
            values.append(draw(st.integers(0, i - 1)))
    return array("i", values)


def _loops_replies(parent: array[int]) -> Replies:
    """`Replies.of` as a small event makes it, one remark at a time."""
    saved, column_math.LARGE = column_math.LARGE, 10**9
    try:
        return Replies.of(parent)
    finally:
        column_math.LARGE = saved


@settings(max_examples=300, deadline=None)
@given(parents())
def test_numpy_replies_and_forest_are_the_loops(parent: array[int]) -> None:
    by_loops = _loops_replies(parent)
    offsets, answers = column_math.replies(parent)
    assert (offsets, answers) == (by_loops.offsets, by_loops.answers)
    forest = column_math.forest(parent, by_loops.offsets, by_loops.answers)
    assert forest == _forest_by_loops(parent, by_loops)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 9), max_size=200), st.integers(0, 5))
def test_numpy_groups_are_each_codes_positions_in_order(codes: list[int], extra: int) -> None:
    column = array("i", codes)
    count = (max(codes) + 1 if codes else 0) + extra
    assert column_math.groups(column, count) == [
        array("i", [p for p, c in enumerate(codes) if c == code]) for code in range(count)
    ]


def test_a_chain_deeper_than_its_steps_is_left_to_the_loops() -> None:
    parent = array("i", [-1, *range(column_math.MAX_LEVELS + 5)])
    replies = _loops_replies(parent)
    assert column_math.forest(parent, replies.offsets, replies.answers) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5_000), st.integers(0, 3)), max_size=100), st.integers(1, 2_000))
def test_numpy_guesses_each_rows_height_from_its_length(rows: list[tuple[int, int]], width: int) -> None:
    widths = [width + 17 * d for d in range(4)]  # text widths, in tenths of a column, at each depth
    length, depth = array("i", [n for n, _ in rows]), array("i", [d for _, d in rows])
    assert list(column_math.guessed_heights(length, depth, widths)) == [
        2 + max(1, math.ceil(11 * n / widths[d])) for n, d in rows
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 40), min_size=1, max_size=60), st.data())
def test_numpy_lays_rows_end_to_end(heights: list[int], data: st.DataObject) -> None:
    shown = data.draw(st.lists(st.integers(0, len(heights) - 1), max_size=80))
    first = data.draw(st.integers(0, 10_000))
    expected = list(itertools.accumulate((heights[p] for p in shown), initial=first))
    for positions in (shown, array("i", shown)):  # a filtered view's list, or the whole walk's array
        starts = column_math.line_starts(array("i", heights), positions, first)
        assert starts.typecode == "q" and list(starts) == expected


@settings(max_examples=300, deadline=None)
@given(parents(), st.data())
def test_numpy_shows_what_the_loops_show(parent: array[int], data: st.DataObject) -> None:
    """The rows of a view: the chosen remarks and the ones they answer, in the walk's order, each marked."""
    replies = _loops_replies(parent)
    forest = ThreadIndex(SimpleNamespace(columns=SimpleNamespace(parent=parent), replies=replies))  # type: ignore[arg-type]
    chosen = data.draw(st.sets(st.integers(0, len(parent) - 1)) if len(parent) else st.just(set()))
    by_loops = forest.view(sorted(chosen))
    positions, mask = column_math.shown(forest.order, forest.parent, forest.up, sorted(chosen))
    assert list(positions) == list(by_loops.positions)
    assert mask == by_loops.mask


@settings(max_examples=120, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=30), st.lists(st.sampled_from(PIECES), min_size=1, max_size=3))
def test_numpy_finds_a_short_terms_words_and_postings_as_the_loops_do(texts: list[str], pieces: list[str]) -> None:
    """In memory and read back from a segment: every hit of a term, and of a term that begins a word."""
    folded = [fold(t) for t in texts]
    term = fold("".join(pieces)).replace(" ", "") or "a"
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "segment-1"
        write_segment(path, WordIndex(folded, dense=3), [0] * len(folded), [0] * len(folded))
        for words in (WordIndex(folded, dense=3), Segment(path, len(folded)).words):
            for needle in (term, " " + term):
                saved = word_index.MANY_HITS
                try:
                    word_index.MANY_HITS = 10**9
                    by_loops = words._find(needle, None)
                    word_index.MANY_HITS = -1
                    by_numpy = words._find(needle, None)
                finally:
                    word_index.MANY_HITS = saved
                assert by_numpy == by_loops, needle


def test_a_segment_whose_vocabulary_holds_words_its_header_does_not_count_is_refused(tmp_path: Path) -> None:
    """A crafted segment: no words counted, a vocabulary of hits. Refused as it is read, never a crash on a search."""
    import struct

    from tui.index.segment import _HEADER, CorruptSegment

    path = tmp_path / "segment-1"
    write_segment(path, WordIndex(["x y", "x"]), [0, 0], [0, 0])
    data = bytearray(path.read_bytes())
    words = struct.unpack_from("<Q", data, 16)[0]
    assert words == 2 and Segment(path, 2).words.containing("x") is not None
    vocabulary = data.index(b" x ", _HEADER.size)
    data[vocabulary + 1] = ord(" ")  # " x y " becomes "   y ": the same bytes, words it does not count
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptSegment):
        Segment(path, 2)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_numpy_counts_a_search_as_the_loops_do(bundled: Proceedings, data: st.DataObject) -> None:
    """Every match, and the counts per speaker and section, under each speaker and section filter."""
    queries = ["", "safety", "ai -japan", "speaker:hodes", '"international" OR data', "section:3 governance", "zzz"]
    queries += ["org:gpai", "ai role:panel", "safety -org:anthropic", "date:2024 -role:chair", "org:tokyo OR org:gp"]
    query = parse(data.draw(st.sampled_from(queries), label="query"))
    speakers = frozenset(data.draw(st.lists(st.sampled_from([s.id for s in bundled.speakers]), max_size=2)))
    section = data.draw(st.sampled_from([None, *(s.id for s in bundled.sections)]))
    outcomes = []
    for large in (10**9, 0):
        saved, column_math.LARGE = column_math.LARGE, large
        try:
            outcomes.append(LiveSearch(bundled).run(query, speakers, section))
        finally:
            column_math.LARGE = saved
    by_loops, by_numpy = outcomes
    assert list(by_numpy.positions) == list(by_loops.positions)
    assert (by_numpy.speaker_counts, by_numpy.section_counts) == (by_loops.speaker_counts, by_loops.section_counts)
    assert by_numpy.hints == by_loops.hints
