"""The CLI with several events: every remark says its event, ambiguous ids are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "ai-safety-governance-2024.yaml"


@pytest.fixture
def two_events(tmp_path: Path) -> Path:
    text = BUNDLED.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    second = text.replace("  id: ai-safety-governance-2024", "  id: second-event", 1)
    (tmp_path / "b.yaml").write_text(second, encoding="utf-8")
    return tmp_path


def test_remarks_from_several_events_name_their_event(two_events: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remarks", str(two_events), "-q", '"AI for all"']) == 0
    out = capsys.readouterr().out
    assert "ai-safety-governance-2024/r02  Inma Martinez" in out
    assert "second-event/r02  Inma Martinez" in out
    assert out.rstrip().endswith("2 of 56 remarks")


def test_thread_of_an_id_in_two_events_is_refused(two_events: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["thread", "r14", str(two_events)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "podium: error: remark id 'r14' is in several events (ai-safety-governance-2024, second-event); "
        "write it as EVENT/r14, e.g. ai-safety-governance-2024/r14"
    ]
    assert main(["thread", "r14", str(two_events / "b.yaml")]) == 0


def test_every_id_the_cli_prints_is_accepted_by_thread(two_events: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remarks", str(two_events)]) == 0
    printed = [line.split()[0] for line in capsys.readouterr().out.splitlines() if "/r" in line.split(" ")[0]]
    assert len(printed) == 56
    for remark_id in printed:
        assert main(["thread", remark_id, str(two_events)]) == 0, remark_id
        out = capsys.readouterr().out
        assert f"({remark_id.split('/')[1]}, " in out  # the tree marks the remark asked for
    assert main(["thread", "second-event/r99", str(two_events)]) == 2
    assert "no remark with id 'second-event/r99'" in capsys.readouterr().err


def test_a_speaker_nobody_is_called_gets_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remarks", "-q", "speaker:nobody"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "0 of 28 remarks"
    assert captured.err.strip() == "podium: note: no speaker or section matches speaker:nobody"


def test_thread_formats(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["thread", "r14", "-f", "md"]) == 0
    md = capsys.readouterr().out.splitlines()
    assert md[0] == "# International Trends in AI Safety and Governance"
    assert md[2].startswith("2024-03-28 · ")
    assert any(line.startswith(">> **Merve Hickok** (r14, 3. Panel Discussion) (the remark asked for)") for line in md)
    assert main(["thread", "r14", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["event"] == {"id": "ai-safety-governance-2024", "title": data["event"]["title"], "date": "2024-03-28"}
    asked = [r for r in data["thread"] if r["asked"]]
    assert [(r["id"], r["depth"], r["reply_to"]) for r in asked] == [("r14", 1, "r11")]
    assert data["thread"][0]["id"] == "r11" and data["thread"][0]["depth"] == 0
