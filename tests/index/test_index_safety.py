"""The library index as a reader meets it: reopened without parsing, brought up to date file by file,
and still right after a crash, beside another Podium, damaged, or where it cannot be written."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.library import write_varied_library
from tui.core.query import parse
from tui.formats.open import expand_paths, load_paths
from tui.formats.source import CACHE_MIN_BYTES
from tui.index import build
from tui.index.opening import index_directory
from tui.index.reading import query_library
from tui.index.store import DATABASE
from tui.output import render

REPO = Path(__file__).resolve().parent.parent.parent
QUERIES = ["moratorium", '"safety and"', "speaker:hickok -the", "international OR =ai section:1", ""]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Over a megabyte, so that `podium remarks` reads it through the index
    library = write_varied_library(12, tmp_path_factory.mktemp("generated") / "library", remarks=200)
    assert sum(p.stat().st_size for p in library.iterdir()) > CACHE_MIN_BYTES
    return library


@pytest.fixture(scope="module")
def generated_large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Large enough that building its index takes a few seconds: time to kill it, or to start another Podium."""
    return write_varied_library(60, tmp_path_factory.mktemp("generated") / "large", remarks=200)


@pytest.fixture
def large(generated_large: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "large"
    shutil.copytree(generated_large, folder)
    return folder


@pytest.fixture
def library(generated: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    shutil.copytree(generated, folder)
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every file the index reads (parses), in order."""
    seen: list[Path] = []
    original = build.load_each

    def counting(paths: list[Path]) -> Iterator[tuple[object, list[object]]]:
        seen.extend(paths)
        return original(paths)  # type: ignore[return-value]

    monkeypatch.setattr(build, "load_each", counting)
    yield seen


def plain(paths: list[Path], source: str, fmt: str = "json") -> str:
    return render.remarks(load_paths(paths).library, parse(source), fmt, width=None)


def indexed(paths: list[Path], source: str, root: Path, notes: list[str] | None = None, fmt: str = "json") -> str:
    """The answer through the index of the folder the paths are in (as `podium remarks FOLDER`)."""
    answer = query_library(
        paths, parse(source), notes if notes is not None else [], opened=[paths[0].parent], root=root
    )
    return render.found_remarks(answer.found, parse(source), fmt, width=None)


def test_a_second_open_parses_no_file_and_a_change_reads_that_file_alone(
    library: Path, tmp_path: Path, reads: list[Path]
) -> None:
    paths, root = expand_paths([library]), tmp_path / "index"
    assert indexed(paths, "moratorium", root) == plain(paths, "moratorium")
    assert len(reads) == len(paths)
    reads.clear()
    for source in QUERIES:
        assert indexed(paths, source, root) == plain(paths, source)
    assert reads == []  # the index alone answered
    changed = paths[3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("the", "THE moratorium"), encoding="utf-8")
    assert indexed(paths, "moratorium", root) == plain(paths, "moratorium")
    assert reads == [changed]
    reads.clear()
    os.utime(paths[5], ns=(time.time_ns(), time.time_ns()))  # touched, not changed: hashed, not parsed
    assert indexed(paths, "safety", root) == plain(paths, "safety")
    assert reads == []


def test_a_file_removed_or_added_leaves_or_joins_the_answers(library: Path, tmp_path: Path, reads: list[Path]) -> None:
    root = tmp_path / "index"
    paths = expand_paths([library])
    indexed(paths, "", root)
    reads.clear()
    fewer = [*paths[:-1], paths[-1].with_name("zz-new.yaml")]
    paths[-1].rename(fewer[-1])
    text = fewer[-1].read_text(encoding="utf-8")
    fewer[-1].write_text(text.replace("id: sitting-00011", "id: sitting-new"), encoding="utf-8")
    for source in QUERIES:
        assert indexed(fewer, source, root) == plain(fewer, source)
    assert reads == [fewer[-1]]


def test_a_file_that_fails_is_reported_again_from_the_index(library: Path, tmp_path: Path) -> None:
    (library / "broken.yaml").write_text("schema_version: 1\nevent: [\n", encoding="utf-8")
    paths, root = expand_paths([library]), tmp_path / "index"
    for _ in range(2):  # built, then read back
        answer = query_library(paths, parse("moratorium"), [], opened=[library], root=root)
        assert [str(p) for p in answer.problems] == [str(p) for p in load_paths(paths).problems]
        assert answer.problems and "broken.yaml:" in str(answer.problems[0])


def _podium(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(cache), "PODIUM_INDEX_BATCH": "40"}


def test_a_build_killed_at_any_moment_leaves_an_index_the_next_open_finishes(large: Path, tmp_path: Path) -> None:
    library = large
    paths = expand_paths([library])
    cache = tmp_path / "cache"
    expected = {source: plain(paths, source) for source in QUERIES}
    rng = random.Random(7)
    # How long a whole build takes here (it was seconds, it is now under one): each kill comes at a
    # random moment within that, so it lands in the build however fast the machine or the code is.
    started = time.perf_counter()
    whole = _podium("remarks", str(library), "-q", "moratorium", "-f", "json", env=_env(tmp_path / "timed"))
    assert whole.communicate(timeout=300)[0].rstrip("\n") == expected["moratorium"]
    build = time.perf_counter() - started
    killed_while_building = 0
    for attempt in range(6):
        process = _podium("remarks", str(library), "-q", "moratorium", "-f", "json", env=_env(cache))
        time.sleep(rng.uniform(0.15, 0.85) * build)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        killed_while_building += process.returncode == -signal.SIGKILL and _unfinished(cache, paths)
        notes: list[str] = []
        root = cache / "podium" / "libraries"
        for source in QUERIES:
            assert indexed(paths, source, root, notes) == expected[source], (attempt, source)
        assert notes == []  # nothing found damaged: the last commit was whole
        if attempt % 2:
            shutil.rmtree(root)  # start again from nothing, to be killed earlier in the build
    assert killed_while_building >= 2, "the kills came after the builds: make the library larger"


def _unfinished(cache: Path, paths: list[Path]) -> bool:
    """Whether the build was cut short: fewer files than the folder's, or remarks no segment covers yet."""
    databases = list((cache / "podium" / "libraries").glob(f"*/{DATABASE}"))
    if not databases:
        return True  # killed before it made the database
    with sqlite3.connect(databases[0]) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM files").fetchone()
        return bool(count < len(paths) or build.uncovered(connection))


def test_two_podiums_on_one_library_both_answer(large: Path, tmp_path: Path) -> None:
    library = large
    env = _env(tmp_path / "cache")
    expected = plain(expand_paths([library]), "moratorium")
    command = ("remarks", str(library), "-q", "moratorium", "-f", "json")
    first = _podium(*command, env=env)
    time.sleep(0.6)  # one is indexing: the other reads the files, and says why
    second = _podium(*command, env=env)
    said = []
    for process in (first, second):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert out.rstrip("\n") == expected
        said.append(err)
    assert sorted(said) == ["", "podium: note: another Podium is indexing these files; reading the files directly\n"]
    readers = [_podium(*command, env=env) for _ in range(2)]  # then two readers of the finished index
    for process in readers:
        out, err = process.communicate(timeout=300)
        assert (process.returncode, out.rstrip("\n"), err) == (0, expected, "")


def _damage_database(directory: Path) -> None:
    database = directory / DATABASE
    with open(database, "r+b") as handle:
        handle.truncate(os.path.getsize(database) // 3)
    for sidecar in ("-wal", "-shm"):
        Path(f"{database}{sidecar}").unlink(missing_ok=True)


def _damage_segment(directory: Path) -> None:
    segment = next(directory.glob("segment-*"))
    data = bytearray(segment.read_bytes())
    data[8:16] = b"\xff" * 8  # the header's count of remarks
    segment.write_bytes(bytes(data))


def _mislead_a_remark(directory: Path) -> None:
    with sqlite3.connect(directory / DATABASE) as connection:
        connection.execute("UPDATE remarks SET speaker = 99999 WHERE row = (SELECT MIN(row) FROM remarks)")


def _forge_the_version(directory: Path) -> None:
    with sqlite3.connect(directory / DATABASE) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'format'")


def _rows_past_32_bits(directory: Path) -> None:
    with sqlite3.connect(directory / DATABASE) as connection:
        connection.execute("UPDATE units SET first_row = first_row + 4294967296")


def _a_billion_rows(directory: Path) -> None:
    with sqlite3.connect(directory / DATABASE) as connection:
        connection.execute("UPDATE units SET rows = 2000000000 WHERE id = (SELECT MAX(id) FROM units)")


def _forget_the_events(directory: Path) -> None:
    with sqlite3.connect(directory / DATABASE) as connection:
        connection.execute("DELETE FROM units")


def _a_folder_for_the_lock(directory: Path) -> None:
    (directory / "build.lock").unlink()
    (directory / "build.lock").mkdir()


@pytest.mark.parametrize(
    "damage",
    [
        _damage_database,
        _damage_segment,
        _mislead_a_remark,
        _forge_the_version,
        _rows_past_32_bits,
        _a_billion_rows,
        _forget_the_events,
        _a_folder_for_the_lock,
    ],
)
def test_a_damaged_index_is_set_aside_said_and_built_again(
    library: Path, tmp_path: Path, damage: object, capfd: pytest.CaptureFixture[str]
) -> None:
    paths, root = expand_paths([library]), tmp_path / "index"
    indexed(paths, "", root)
    directory = index_directory([library], root)
    damage(directory)  # type: ignore[operator]
    notes: list[str] = []
    assert indexed(paths, "", root, notes) == plain(paths, "")
    if damage is not _forge_the_version:  # another version's index is simply built again
        assert len(notes) == 1 and "damaged" in notes[0] and "set aside" in notes[0], notes
        assert list(root.glob("*.damaged-*")), "kept aside, for a bug report"
    assert indexed(paths, "speaker:hickok", root, notes) == plain(paths, "speaker:hickok")


def _remarks_with_cache(library: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "remarks", str(library), "-q", "moratorium"],
        cwd=REPO,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_where_the_index_cannot_be_written_podium_says_so_and_reads_the_files(library: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    result = _remarks_with_cache(library, blocked)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip("\n") == plain(expand_paths([library]), "moratorium", "text")
    (note,) = result.stderr.splitlines()
    assert note.startswith("podium: note: cannot write the library index in ") and "reading the files directly" in note


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_a_read_only_cache_folder_is_said_and_the_files_are_read(library: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    result = _remarks_with_cache(library, cache)
    assert result.returncode == 0 and "reading the files directly" in result.stderr


FORMATS = REPO / "tests" / "fixtures" / "formats"


def _recordings(folder: Path, library: Path) -> Path:
    """A folder of one recording's transcript and chat (a pair), beside a library big enough for the index."""
    recording = folder / "recording"
    recording.mkdir(parents=True)
    shutil.copy(FORMATS / "chats" / "shared-folder" / "panel.vtt", recording / "alpha.vtt")
    shutil.copy(FORMATS / "chats" / "shared-folder" / "panel_chat.txt", recording / "beta.txt")
    shutil.copytree(library, folder / "library")
    return folder


@pytest.mark.parametrize("change", ["a transcript added", "the chat removed", "the chat added back"])
def test_a_recording_s_pair_follows_its_folder(library: Path, tmp_path: Path, change: str) -> None:
    folder = _recordings(tmp_path / "both", library)
    recording, root = folder / "recording", tmp_path / "index"
    chat = (recording / "beta.txt").read_bytes()
    paths = expand_paths([folder])
    assert indexed(paths, "", root) == plain(paths, "")
    if change == "a transcript added":  # no longer the folder's only transcript: the names pair, or nothing does
        shutil.copy(FORMATS / "transcripts" / "dialogue.vtt", recording / "gamma.vtt")
    else:
        (recording / "beta.txt").unlink()
        if change == "the chat added back":
            indexed(expand_paths([folder]), "", root)
            (recording / "beta.txt").write_bytes(chat)
    paths = expand_paths([folder])
    for source in ("", "speaker:a", "section:chat"):
        assert indexed(paths, source, root) == plain(paths, source), source


def test_a_build_killed_while_pairing_reads_the_pair_again(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _recordings(tmp_path / "both", library)
    paths, root = expand_paths([folder]), tmp_path / "index"

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # as a kill between the other files' commit and the pair's

    monkeypatch.setattr(build, "join_pairs", killed)
    with pytest.raises(KeyboardInterrupt):
        indexed(paths, "", root)
    monkeypatch.undo()
    assert indexed(paths, "", root) == plain(paths, "")


def test_a_file_named_twice_is_read_as_the_plain_load_reads_it(library: Path, tmp_path: Path) -> None:
    (library / "zz-again.yaml").symlink_to(library / "sitting-00003.yaml")
    result = _remarks_with_cache(library, tmp_path / "cache")
    plain_run = subprocess.run(
        [sys.executable, "-m", "tui", "remarks", str(library), "-q", "moratorium", "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (result.returncode, result.stdout) == (plain_run.returncode, plain_run.stdout) == (1, plain_run.stdout)
    assert "is named twice (or through a link); reading the files directly" in result.stderr
    assert "event id 'sitting-00003' is already used" in result.stderr


def test_a_whole_load_leaves_the_word_indexes_for_after(library: Path, tmp_path: Path) -> None:
    from tui.index.reading import IndexLoader

    paths, root = expand_paths([library]), tmp_path / "index"
    loader = IndexLoader([library], root=root)
    loaded = loader(paths, None)
    assert [len(p.remarks) for p in loaded.library.events] == [len(p.remarks) for p in load_paths(paths).library.events]
    with sqlite3.connect(index_directory([library], root) / DATABASE) as connection:
        assert build.uncovered(connection), "the load waited for the word indexes"
    loader.finish(paths)
    with sqlite3.connect(index_directory([library], root) / DATABASE) as connection:
        assert build.uncovered(connection) == []
    assert indexed(paths, "moratorium", root) == plain(paths, "moratorium")
