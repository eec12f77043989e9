"""The collection of quotations on disk: atomic, shared by two windows, never lost or overwritten."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import EXIT_OK, main
from tui.formats.marks import Collection


def test_marks_and_notes_are_kept_between_runs(tmp_path: Path) -> None:
    first = Collection("ai-safety", "hash-1", tmp_path)
    assert first.toggle("r14") is True
    first.set_note("r14", "  the line on interoperability  ")
    first.toggle("r02")
    again = Collection("ai-safety", "hash-1", tmp_path)
    assert list(again.marks) == ["r14", "r02"]
    assert again.marks["r14"].note == "the line on interoperability" and again.marks["r14"].at
    assert again.toggle("r02") is False and list(Collection("ai-safety", "hash-1", tmp_path).marks) == ["r14"]
    assert not again.changed_source and Collection("ai-safety", "hash-2", tmp_path).changed_source
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ai-safety.json", "ai-safety.json.lock"]


def test_two_windows_keep_each_others_marks(tmp_path: Path) -> None:
    one, two = Collection("ev", "h", tmp_path), Collection("ev", "h", tmp_path)  # both opened before either marks
    one.toggle("r01")
    two.toggle("r02")
    two.set_note("r01", "seen from the other window")
    one.toggle("r03")
    assert list(Collection("ev", "h", tmp_path).marks) == ["r01", "r02", "r03"]
    assert Collection("ev", "h", tmp_path).marks["r01"].note == "seen from the other window"


def test_a_corrupt_file_is_reported_kept_aside_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "ev.json"
    path.write_text('{"format": 1, "marks": [', encoding="utf-8")
    collection = Collection("ev", "h", tmp_path)
    assert collection.problem is not None and "kept aside as ev.json.unreadable-" in collection.problem
    (aside,) = tmp_path.glob("ev.json.unreadable-*")
    assert aside.read_text(encoding="utf-8") == '{"format": 1, "marks": ['
    collection.toggle("r01")
    assert list(Collection("ev", "h", tmp_path).marks) == ["r01"]
    assert aside.read_text(encoding="utf-8") == '{"format": 1, "marks": ['


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_a_read_only_folder_keeps_the_marks_in_memory(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        collection = Collection("ev", "h", tmp_path)
        collection.toggle("r01")
        assert collection.in_memory and list(collection.marks) == ["r01"]
        assert collection.problem is not None and "kept in memory only" in collection.problem
    finally:
        tmp_path.chmod(0o700)


def test_a_folder_that_is_a_file_keeps_the_marks_in_memory(tmp_path: Path) -> None:
    """What a read-only data folder does to a root user too: nothing can be written there."""
    blocked = tmp_path / "marks"
    blocked.write_text("", encoding="utf-8")
    collection = Collection("ev", "h", blocked)
    collection.toggle("r01")
    collection.toggle("r02")
    assert collection.in_memory and list(collection.marks) == ["r01", "r02"]
    assert collection.problem is not None and "kept in memory only" in collection.problem


WRITER = """
import sys
from pathlib import Path
from tui.formats.marks import Collection
collection = Collection("ev", "h", Path(sys.argv[1]))
n = 0
while True:
    n += 1
    collection.set_note("r01", "x" * (n % 5000))  # notes of changing size: a torn write would show
    if n == 1:
        print("writing", flush=True)
"""


def test_a_kill_at_any_moment_leaves_a_whole_collection(tmp_path: Path) -> None:
    Collection("ev", "h", tmp_path).set_note("r01", "first")
    rng = random.Random(7)
    for _ in range(15):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE)
        assert writer.stdout is not None and writer.stdout.readline() == b"writing\n"  # killed mid-stream
        time.sleep(rng.uniform(0.0, 0.2))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        data = json.loads((tmp_path / "ev.json").read_text(encoding="utf-8"))  # always whole JSON
        (mark,) = data["marks"]
        assert mark["remark"] == "r01" and set(mark["note"]) <= {"x"} | set("first")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 15  # a kill between write and rename leaves a temporary file, never a broken one


def test_podium_marks_prints_each_quotation_with_its_attribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.formats.bundled import bundled_event
    from tui.formats.marks import source_hash

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    collection = Collection("ai-safety-governance-2024", source_hash(str(bundled_event())))
    collection.toggle("r20")
    collection.set_note("r14", "for the brief")
    collection.toggle("r99")  # no such remark: listed, not dropped
    assert main(["marks"]) == EXIT_OK
    md = capsys.readouterr().out
    assert md.startswith("## International Trends in AI Safety and Governance, 2024-03-28")
    assert md.index("remark r14") < md.index("remark r20")  # in the order of the proceedings
    assert "\n\n— Merve Hickok, President and Research Director" in md  # the attribution, a paragraph of its own
    from markdown_it import MarkdownIt  # Textual's own Markdown parser

    html = MarkdownIt().render(md)
    assert "<p>— Merve Hickok" in html and "<blockquote>\n<p>— " not in html
    assert "section 3. Panel Discussion, remark r14" in md and "Note: for the brief" in md
    assert "Marked r99, no longer in the file" in md
    assert main(["marks", "-f", "json"]) == EXIT_OK
    (event,) = json.loads(capsys.readouterr().out)["events"]
    assert [q["remark"] for q in event["quotations"]] == ["r14", "r20"]
    assert event["quotations"][0]["note"] == "for the brief"
    assert event["unresolved"] == [{"remark": "r99", "note": None}]
    assert event["file_changed"] is False
