"""The browser's views searched through the library index's segments: the same remarks, even from a damaged one."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from bench.library import write_varied_library
from tui.core.combined import Combined, combine
from tui.core.matching import SearchIndex
from tui.core.query import parse
from tui.formats.open import expand_paths
from tui.index import build
from tui.index.reading import load_library, query_library
from tui.index.view_words import IndexWords, ViewWords

QUERIES = ["moratorium", "interop -safety", '"international safety"', "=ai", "e", "speaker:hickok interop", "zzz"]


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Six events in segments of 500 rows; the second file rewritten, so its rows come last: runs that shift."""
    monkeypatch.setattr(build, "BATCH_REMARKS", 100)
    folder = write_varied_library(6, tmp_path / "library", remarks=300)
    query_library(expand_paths([folder]), parse("x"), [], root=tmp_path / "index")
    second = sorted(folder.iterdir())[1]
    second.write_text(second.read_text(encoding="utf-8").replace("the ", "thé "), encoding="utf-8")
    query_library(expand_paths([folder]), parse("x"), [], root=tmp_path / "index")  # its rows, then its segment
    return folder


def _loaded(library: Path, root: Path) -> tuple[IndexWords, Combined]:
    loaded = load_library(expand_paths([library]), [], root=root)
    assert isinstance(loaded.words, IndexWords) and not loaded.words.pending
    assert loaded.words.segments is not None and len(loaded.words.segments) > 3  # several segments, as built
    return loaded.words, combine(loaded.library)


def _all_events(words: IndexWords, combined: Combined) -> tuple[SearchIndex, SearchIndex]:
    view = words.words_for(list(zip(combined.library.events, combined.starts, strict=True)))
    assert view is not None
    through = SearchIndex(combined.proceedings)
    through.use_words(view)
    return through, SearchIndex(combined.proceedings)


def test_every_view_through_the_segments_finds_what_its_scan_finds(library: Path, tmp_path: Path) -> None:
    words, combined = _loaded(library, tmp_path / "index")
    views = [(combined.proceedings, list(zip(combined.library.events, combined.starts, strict=True)))]
    views += [(event, [(event, 0)]) for event in combined.library.events]
    for proceedings, parts in views:
        view = words.words_for(parts)
        assert view is not None
        through = SearchIndex(proceedings)
        through.use_words(view)
        for source in QUERIES:
            query = parse(source)
            assert through.search(query) == SearchIndex(proceedings).search(query), (source, proceedings.event.id)


def test_a_view_holding_little_of_the_segments_it_would_read_builds_its_own(library: Path, tmp_path: Path) -> None:
    words, combined = _loaded(library, tmp_path / "index")
    event = combined.library.events[0]
    assert isinstance(words.words_for([(event, 0)]), ViewWords)
    assert words.words_for([(event, 0)], min_share=0.9) is None  # its vocabulary would be read for others' rows
    everything = list(zip(combined.library.events, combined.starts, strict=True))
    assert words.words_for(everything, min_share=0.5) is not None  # every live row, and the old ones of a file


def test_a_damaged_segment_leaves_the_texts_in_memory_to_answer(library: Path, tmp_path: Path) -> None:
    """Postings pointing past the segment (a file damaged under the reader): scanned instead, never a crash."""
    words, combined = _loaded(library, tmp_path / "index")
    through, scan = _all_events(words, combined)
    assert words.segments
    for segment, _first, _rows in words.segments:
        flat = segment.words._flat  # what the mapped file says: here, every posting past the last remark
        segment.words._flat = array("I", [2**31] * len(flat))
    for source in QUERIES:
        query = parse(source)
        assert through.search(query) == scan.search(query), source
