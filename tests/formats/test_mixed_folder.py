"""A folder of files in several formats opens as several events; a broken one is reported, the rest open."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tui.cli import EXIT_INVALID, main
from tui.formats.bundled import bundled_event

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def test_a_mixed_folder_opens_every_event_and_reports_the_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(bundled_event(), tmp_path / "panel.yaml")
    shutil.copy(FIXTURES / "akoma_ntoso" / "committee_2021-05-06.xml", tmp_path / "debate.xml")
    shutil.copy(FIXTURES / "parlparse" / "senedd2023-04-05.xml", tmp_path / "hansard.xml")
    shutil.copy(FIXTURES / "schedules" / "v1_small.json", tmp_path / "schedule.json")
    shutil.copy(FIXTURES / "sayit" / "2024-05-01-town-hall.md", tmp_path / "town-hall.md")
    (tmp_path / "README.md").write_text("# Notes\n\nNot an event: skipped in a folder.\n", encoding="utf-8")
    (tmp_path / "broken.xml").write_text("<akomaNtoso><debate>", encoding="utf-8")
    code = main(["agenda", str(tmp_path), "-f", "json"])
    out, err = capsys.readouterr()
    assert code == EXIT_INVALID
    assert err.startswith(f"{tmp_path / 'broken.xml'}:1:")
    assert err.count("\n") == 1
    events = json.loads(out)["events"]
    assert len(events) == 5
    assert "ai-safety-governance-2024" in [e["id"] for e in events]
    assert any(s["start"] for e in events for s in e["sections"])  # the schedule's talks


def test_a_transcript_and_its_chat_named_alike_are_one_event_among_other_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(bundled_event(), tmp_path / "panel.yaml")
    shutil.copy(FIXTURES / "transcripts" / "zoom.vtt", tmp_path / "2024-06-12 standup.vtt")
    shutil.copy(FIXTURES / "chats" / "chat.txt", tmp_path / "2024-06-12 standup_chat.txt")
    shutil.copy(FIXTURES / "transcripts" / "podcast.srt", tmp_path / "episode.srt")
    shutil.copy(FIXTURES / "chats" / "meeting_saved_chat.txt", tmp_path / "other_chat.txt")
    code = main(["agenda", str(tmp_path), "-f", "json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    events = {e["title"]: [s["kind"] for s in e["sections"]] for e in json.loads(out)["events"]}
    assert events["2024-06-12 standup"] == ["transcript", "chat"]  # paired by name, though not alone
    assert events["episode"] == ["transcript"] and events["other_chat"] == ["chat"]
    assert len(events) == 4
