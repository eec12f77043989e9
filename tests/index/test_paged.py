"""All events read from the library index a page at a time: what is shown is what the files say, or says it is not."""

from __future__ import annotations

import sqlite3
import sys
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


def _tampered(library: list[Path], root: Path, statement: str, *values: object) -> IndexedRemarks:
    """All events read back after `statement` changed the index: what is checked as it opens still agrees."""
    _browsed(library, root)
    with sqlite3.connect(index_directory([library[0].parent], root) / "library.sqlite") as other:
        other.execute(statement, values)
    remarks = _browsed(library, root).proceedings.remarks
    assert isinstance(remarks, IndexedRemarks)
    return remarks


def test_a_section_the_rows_do_not_give_is_damage_not_a_remark_in_another_section(library, tmp_path):
    """An event's own sections come from its stored columns; each row read says which section it is in."""
    from array import array

    from tui.index.records import little_endian

    _browsed(library, tmp_path / "index")
    database = index_directory([library[0].parent], tmp_path / "index") / "library.sqlite"
    with sqlite3.connect(database) as other:
        unit, rows, blob = other.execute("SELECT id, rows, columns FROM units WHERE rows > 1 LIMIT 1").fetchone()
        stored = array("i", blob if sys.byteorder == "little" else b"")
        if sys.byteorder != "little":
            stored.frombytes(blob)
            stored.byteswap()
        section, speaker, reply_to, length = (stored[k * rows : (k + 1) * rows] for k in range(4))
        assert len(set(section)) > 1
        section[0], section[-1] = section[-1], section[0]  # still sections of the event: the open checks pass
        if section[0] == section[-1]:
            section[0] = next(s for s in section if s != section[-1])
        crafted = array("i", [*section, *speaker, *reply_to, *length])
        other.execute("UPDATE units SET columns = ? WHERE id = ?", (little_endian(crafted), unit))
    browsed = _browsed(library, tmp_path / "index")
    remarks = browsed.proceedings.remarks
    assert isinstance(remarks, IndexedRemarks)
    event = next(n for n, u in enumerate(remarks._index.units) if u.id == unit)
    first = browsed.starts[event]
    assert remarks[first].text == DAMAGED and remarks.damage
    own = browsed.library.events[event].remarks
    assert own.one(0).text == DAMAGED  # the event's own remarks are made from the same, checked, rows


def test_topics_too_deep_to_read_are_damage_not_a_crash(library, tmp_path):
    remarks = _tampered(
        library,
        tmp_path / "index",
        "UPDATE remarks SET topics = ? WHERE row = (SELECT MIN(row) FROM remarks)",
        "[" * 100_000 + "]" * 100_000,
    )
    assert remarks[0].text == DAMAGED and remarks.damage


def test_a_database_that_cannot_be_read_just_now_is_not_damage(library, tmp_path, monkeypatch):
    """Locked, or an I/O error: the rows say they could not be read, are not kept, and are read again next time."""
    remarks = _browsed(library, tmp_path / "index").proceedings.remarks
    assert isinstance(remarks, IndexedRemarks)
    made = remarks._made

    def locked(positions):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(remarks, "_made", locked)
    assert "could not be read back just now: database is locked" in remarks[3].text
    assert remarks.damage is None and "0 pages kept" in repr(remarks)
    monkeypatch.setattr(remarks, "_made", made)
    assert remarks[3] == combine(load_paths(library).library).proceedings.remarks[3]


def test_one_large_event_opened_alone_is_read_a_page_at_a_time(tmp_path, monkeypatch):
    """The browser's view of a single large file holds only the rows on screen, and answers as the file does."""
    from bench.generate import write_library
    from tui.core.query import parse
    from tui.core.search import LiveSearch
    from tui.index import reading

    monkeypatch.setattr(reading, "BY_PAGE", 50)
    paths = expand_paths([write_library(1, 3, tmp_path / "one")])
    loader = reading.IndexLoader(paths, root=tmp_path / "index", all_events=True)
    first = loader(paths)  # built, as a first open
    assert loader.finish(paths) is not None  # and its word index
    loaded = loader(paths)
    plain = load_paths(paths).library.events[0]
    for result in (first, loaded):
        (event,) = result.library.events
        assert isinstance(event.remarks, IndexedRemarks) and "0 pages kept" in repr(event.remarks)
        assert (event.event, event.speakers, event.sections) == (plain.event, plain.speakers, plain.sections)
        assert event.columns == plain.columns and event.remarks == plain.remarks
    assert loaded.words is not None and not loaded.words.pending
    words = loaded.words.words_for([(event, 0)])
    assert words is not None
    through = LiveSearch(event)
    through.index.use_words(words)
    for query in ("moratorium", '"safety governance"', "speaker:hickok", "=ai -risk", "s", "section:2 interop"):
        found, expected = through.run(parse(query)), LiveSearch(plain).run(parse(query))
        assert (found.positions, found.speaker_counts, found.section_counts) == (
            expected.positions,
            expected.speaker_counts,
            expected.section_counts,
        ), query
    small = load_library(paths, [], root=tmp_path / "index")  # the other commands: the event whole, as before
    assert type(small.library.events[0].remarks) is tuple
