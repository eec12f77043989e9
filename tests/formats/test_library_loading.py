"""A folder of many files: parsed on every core and read back from the library index, always the same library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from format_cases import shared

import tui.formats.open as opening
from tui.core.query import SearchIndex, parse
from tui.formats.open import expand_paths, load_paths
from tui.index.reading import load_library

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "ai-safety-governance-2024.yaml"


def _library(folder: Path, files: int, copies: int) -> list[Path]:
    """`files` copies of the bundled event, each with its remarks `copies` times over, and one bad file."""
    from bench.generate import write_library

    write_library(files, copies, folder)
    shutil.copyfile(BUNDLED.parent.parent / "tests" / "fixtures" / "unclosed-quote.yaml", folder / "event-bad.yaml")
    return expand_paths([folder])


def _summary(result: opening.LoadResult) -> list[tuple[str, int, str, str]]:
    return [(p.event.id, len(p.remarks), p.remarks[-1].id, p.remarks[-1].text) for p in result.library.events]


def test_many_files_load_on_every_core_as_they_would_one_by_one(tmp_path, monkeypatch):
    paths = _library(tmp_path / "library", 9, 20)  # nine files of 560 remarks, 2.5 MB
    monkeypatch.setattr(opening, "PARALLEL_MIN_BYTES", 1_000_000)
    pools: list[int] = []
    real = opening._load_in_processes
    monkeypatch.setattr(opening, "_load_in_processes", lambda p, n: pools.append(len(p)) or real(p, n))
    in_processes = load_paths(paths)
    assert pools == [10]  # every file went to the worker processes
    monkeypatch.setattr(opening, "PARALLEL_MIN_FILES", 10**9)
    one_by_one = load_paths(paths)
    assert _summary(in_processes) == _summary(one_by_one)
    assert len(in_processes.library.events) == 9
    assert [str(p) for p in in_processes.problems] == [str(p) for p in one_by_one.problems]
    assert in_processes.problems and all("event-bad.yaml:" in str(p) for p in in_processes.problems)
    # Records, speakers and replies came across whole.
    first, again = in_processes.library.events[0], one_by_one.library.events[0]
    assert first.remarks == again.remarks and first.speakers == again.speakers
    assert first.remark_by_id["r14-3"].reply_to == again.remark_by_id["r14-3"].reply_to


@pytest.mark.parametrize("parallel", [True, False])
def test_a_library_reopens_from_the_index_with_every_file(tmp_path, monkeypatch, parallel):
    paths = _library(tmp_path / "library", 9, 20)
    if parallel:
        monkeypatch.setattr(opening, "PARALLEL_MIN_BYTES", 1_000_000)
    root = tmp_path / "index"
    first = load_library(paths, [], opened=[tmp_path / "library"], root=root)
    plain = load_paths(paths)
    assert _summary(first) == _summary(plain)
    assert [str(p) for p in first.problems] == [str(p) for p in plain.problems]
    monkeypatch.setattr(opening, "pick_format", lambda *args: pytest.fail(f"{args[0]} parsed again"))
    monkeypatch.setattr(opening, "PARALLEL_MIN_FILES", 10**9)  # a parse in a worker would not be seen
    again = load_library(paths, [], opened=[tmp_path / "library"], root=root)
    assert _summary(again) == _summary(first)
    assert again.files == first.files  # each file with its problems, the bad one's read back from the index
    # The search forms are not read back (a search folds what it reads): the same remarks match.
    query = parse('safety -"international"')
    found = [SearchIndex(p).search(query) for p in again.library.events]
    assert found == [SearchIndex(p).search(query) for p in plain.library.events] and any(found)


TRANSCRIPTS = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "transcripts"


def test_events_of_same_named_files_are_told_apart_by_their_file_names() -> None:
    # interview.json, interview.srt and interview.vtt: three events, each its file's stem as title
    library = load_paths(expand_paths([TRANSCRIPTS / "same-name"])).library
    assert [(p.event.title, p.origin) for p in library.events] == [
        ("interview.json", "Podcasting 2.0 JSON transcript"),
        ("interview.srt", "SRT transcript"),
        ("interview.vtt", "WebVTT transcript"),
    ]
    assert len({p.event.id for p in library.events}) == 3
    alone = load_paths([TRANSCRIPTS / "same-name" / "interview.vtt", TRANSCRIPTS / "zoom.vtt"]).library
    assert [p.event.title for p in alone.events] == ["interview", "zoom"]  # no clash: the stem, as before


def test_same_named_files_of_two_folders_are_told_apart_by_their_folders(tmp_path: Path) -> None:
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        shutil.copyfile(TRANSCRIPTS / "zoom.vtt", tmp_path / folder / "transcript.vtt")
    library = load_paths(expand_paths([tmp_path])).library
    assert [p.event.title for p in library.events] == ["monday/transcript.vtt", "tuesday/transcript.vtt"]
    assert len({p.event.id for p in library.events}) == 2


def test_the_podcast_namespace_examples_have_three_titles() -> None:
    names = ["podcastns_example.json", "podcastns_example.srt", "podcastns_example.vtt"]
    library = load_paths([shared(name) for name in names]).library
    assert [p.event.title for p in library.events] == names
    assert len({p.event.id for p in library.events}) == 3
