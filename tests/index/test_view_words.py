"""The browser's views searched through the library index's segments: the same remarks, even from a damaged one."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from bench.library import write_varied_library
from tui.core.combined import combine
from tui.core.matching import SearchIndex
from tui.core.query import parse
from tui.formats.open import expand_paths
from tui.index.reading import load_library, query_library
from tui.index.view_words import IndexWords

QUERIES = ["moratorium", "interop -safety", '"international safety"', "=ai", "e", "speaker:hickok interop"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_varied_library(6, tmp_path_factory.mktemp("generated") / "library", remarks=300)


def _all_events(library: Path, root: Path) -> tuple[IndexWords, SearchIndex, SearchIndex]:
    paths = expand_paths([library])
    query_library(paths, parse("x"), [], root=root)  # builds the segments
    loaded = load_library(paths, [], root=root)
    assert isinstance(loaded.words, IndexWords) and not loaded.words.pending
    combined = combine(loaded.library)
    words = loaded.words.words_for(list(zip(loaded.library.events, combined.starts, strict=True)))
    assert words is not None
    through = SearchIndex(combined.proceedings)
    through.use_words(words)
    return loaded.words, through, SearchIndex(combined.proceedings)


def test_all_events_through_the_segments_finds_what_its_scan_finds(library: Path, tmp_path: Path) -> None:
    _, through, scan = _all_events(library, tmp_path / "index")
    for source in QUERIES:
        query = parse(source)
        assert through.search(query) == scan.search(query), source


def test_a_damaged_segment_leaves_the_texts_in_memory_to_answer(library: Path, tmp_path: Path) -> None:
    """Postings pointing past the segment (a file damaged under the reader): scanned instead, never a crash."""
    words, through, scan = _all_events(library, tmp_path / "index")
    assert words.segments
    for segment, _first, _rows in words.segments:
        flat = segment.words._flat  # what the mapped file says: here, every posting past the last remark
        segment.words._flat = array("I", [2**31] * len(flat))
    for source in QUERIES:
        query = parse(source)
        assert through.search(query) == scan.search(query), source
