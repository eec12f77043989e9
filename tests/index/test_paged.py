"""All events read from the library index a page at a time: what is shown is what the files say, or says it is not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.core.combined import Combined, combine
from tui.formats.open import expand_paths, load_paths
from tui.index import paged
from tui.index.opening import index_directory
from tui.index.paged import DAMAGED, IndexedRemarks
from tui.index.reading import load_library


@pytest.fixture
def library(tmp_path: Path) -> list[Path]:
    from bench.generate import write_library

    write_library(4, 3, tmp_path / "library")
    return expand_paths([tmp_path / "library"])


def _browsed(paths: list[Path], root: Path) -> Combined:
    loaded = load_library(paths, [], opened=[paths[0].parent], root=root, all_events=True)
    assert loaded.combined is not None
    return loaded.combined


def test_remarks_are_read_a_page_at_a_time_and_only_a_few_pages_kept(library, tmp_path, monkeypatch):
    monkeypatch.setattr(paged, "PAGE", 7)
    monkeypatch.setattr(paged, "KEPT_PAGES", 3)
    remarks = _browsed(library, tmp_path / "index").proceedings.remarks
    expected = combine(load_paths(library).library).proceedings.remarks
    assert isinstance(remarks, IndexedRemarks) and len(remarks) == len(expected) > 30
    assert remarks[0] == expected[0] and remarks[-1] == expected[-1] and remarks[12] == expected[12]
    assert "3 pages kept" in repr(remarks)
    assert remarks[12] is remarks[12]  # kept: the screen reads a row many times
    for position in range(0, len(remarks), 7):
        assert remarks[position] == expected[position]
    assert "3 pages kept" in repr(remarks)  # however far the reader scrolls
    spread = [len(expected) - 1, 3, 17, 3]
    assert remarks.take(spread) == [expected[p] for p in spread]
    assert remarks[5:40:3] == list(expected[5:40:3])
    with pytest.raises(IndexError):
        remarks[len(expected)]
    # Every reply names what it answers, read alone when it lies on another page.
    assert [r.reply_to for r in remarks] == [r.reply_to for r in expected]
    assert remarks.search_texts([1, 30, 31]) == [expected[p].text.lower() for p in (1, 30, 31)]


def test_another_podium_reindexing_a_changed_file_changes_nothing_an_open_view_reads(library, tmp_path):
    """The view reads one snapshot of the index: the old rows of a file re-indexed meanwhile are still there."""
    root = tmp_path / "index"
    browsed = _browsed(library, root)
    before = combine(load_paths(library).library).proceedings.remarks
    text = library[0].read_text(encoding="utf-8")
    library[0].write_text(text.replace("moratorium", "pause"), encoding="utf-8")
    again = _browsed(library, root)  # re-indexes the changed file: its rows written anew, the old ones deleted
    assert list(again.proceedings.remarks) == list(combine(load_paths(library).library).proceedings.remarks)
    assert list(browsed.proceedings.remarks) == list(before)  # the first view, unchanged


def test_a_row_that_is_not_what_the_index_lists_is_shown_as_damaged_and_the_index_set_aside(library, tmp_path):
    root = tmp_path / "index"
    _browsed(library, root)
    directory = index_directory([library[0].parent], root)
    # Another hand changes a text in the database: what is checked as the index opens still agrees.
    with sqlite3.connect(directory / "library.sqlite") as other:
        other.execute("UPDATE remarks SET text = 'Words nobody said' WHERE row = (SELECT MIN(row) FROM remarks)")
    browsed = _browsed(library, root)
    remarks = browsed.proceedings.remarks
    assert isinstance(remarks, IndexedRemarks)
    told: list[str] = []
    remarks.on_damage = told.append
    position = next(p for p in range(len(remarks)) if browsed.event_of(p) == 0)
    speaker = browsed.proceedings.speakers[browsed.proceedings.columns.speaker[position]].id
    shown = remarks[position]
    assert shown.text == DAMAGED and "Words nobody said" not in shown.text
    assert shown.speaker == speaker  # still the speaker the index listed, never another's
    assert remarks.damage and told == [remarks.damage]
    assert not directory.exists() and list(root.glob(f"{directory.name}.damaged-*"))  # built again on next open
    remarks[len(remarks) - 1]
    assert len(told) == 1  # said once
