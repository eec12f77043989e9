"""A schedule's talks from the shell: `podium talks`, and agenda, speakers, remarks and stats on a schedule."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tui.cli import EXIT_OK, main

Capture = pytest.CaptureFixture[str]
SCHEDULES = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "schedules"
V1 = SCHEDULES / "v1_small.json"  # Demo Con 2025: six talks, "Build a compiler" the only one of compilers
REAL = Path(__file__).resolve().parents[3] / "shared" / "formats" / "c3voc_v1_pretalx-rc3.json"


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_talks_lists_the_talks_that_match(capsys: Capture) -> None:
    code, out, err = run(capsys, "talks", "-q", "compiler", str(V1))
    assert (code, err) == (EXIT_OK, "")
    lines = out.splitlines()
    assert lines[0] == "Demo Con 2025"
    assert "  1. Build a compiler" in lines
    assert "     Sat 14 Jun 2025 09:00 · 90 min · Main Hall · Languages" in lines
    assert "     Grace Hopper, Ada Lovelace" in lines
    assert "Opening keynote" not in out
    assert lines[-1] == "1 of 6 talks"


def test_talks_as_json_and_markdown(capsys: Capture) -> None:
    code, out, err = run(capsys, "talks", "-q", "speaker:turing", "-f", "json", str(V1))
    assert (code, err) == (EXIT_OK, "")
    data = json.loads(out)
    assert data["query"] == "speaker:turing" and data["total"] == 2
    assert [t["title"] for t in data["talks"]] == ["Five lightning ideas", "Can machines think?"]
    assert data["talks"][0]["speakers"] == [
        {"id": "speaker-bd556986", "name": "唐鳳"},
        {"id": "alan-turing", "name": "Alan Turing"},
    ]
    code, out, _ = run(capsys, "talks", "-q", "compiler", "-f", "md", str(V1))
    assert out.startswith("# Demo Con 2025\n\n2025-06-14 to 2025-06-15\n\nTalks matching `compiler`: 1 of 6 talks.\n")
    assert "\n## 1. Build a compiler\n" in out


def test_agenda_under_a_query_lists_only_the_talks_that_match(capsys: Capture) -> None:
    code, out, _ = run(capsys, "agenda", "-q", "keynotes", str(V1))
    assert code == EXIT_OK
    listed = re.findall(r"(?m)^ +\d+\. (.+?)  \(", out)
    assert listed == ["Opening keynote", "Closing", "Can machines think?"]  # the Keynotes track
    assert out.splitlines()[-1] == "3 of 6 talks match"
    code, out, _ = run(capsys, "agenda", "-q", "keynotes", "-f", "json", str(V1))
    assert [s["title"] for s in json.loads(out)["events"][0]["sections"]] == listed
    code, out, _ = run(capsys, "agenda", str(V1))
    assert len(re.findall(r"(?m)^ +\d+\. ", out)) == 6  # no query: every talk


def test_speakers_under_a_query_count_their_talks(capsys: Capture) -> None:
    code, out, _ = run(capsys, "speakers", "-q", "compiler", str(V1))
    assert (code, out) == (EXIT_OK, "Grace Hopper  (1 talk)\nAda Lovelace  (1 talk)\n")
    code, out, _ = run(capsys, "speakers", "-q", "speaker:grace", str(V1))
    assert out == "Grace Hopper  (2 talks)\n"  # her talks, not her co-speakers
    code, out, _ = run(capsys, "speakers", "-q", "speaker:grace", "-f", "json", str(V1))
    (grace,) = json.loads(out)["speakers"]
    assert grace["talks"] == ["build-a-compiler", "democon-2025-22-closing"]


def test_a_speaker_of_no_talk_in_a_schedule_has_no_talks_not_no_remarks(capsys: Capture) -> None:
    code, out, _ = run(capsys, "speakers", str(SCHEDULES / "v2_small.json"))
    assert code == EXIT_OK
    assert "Lee Listed  (0 talks)" in out.splitlines()


def test_remarks_and_stats_of_a_schedule_point_at_its_talks(capsys: Capture) -> None:
    code, out, err = run(capsys, "remarks", "-q", "compiler", str(V1))
    assert (code, err) == (EXIT_OK, "")
    assert "0 of 0 remarks" not in out
    assert out == "Demo Con 2025 is a schedule of 6 talks (1 match), not remarks: `podium talks` lists them\n"
    code, out, err = run(capsys, "stats", str(V1))
    assert (code, err) == (EXIT_OK, "")
    assert out.splitlines()[0] == "Demo Con 2025"
    assert "A schedule of 6 talks by 5 speakers, and no remarks to count: `podium talks`" in out
    code, out, _ = run(capsys, "stats", "-q", "compiler", "-f", "json", str(V1))  # the same numbers as data
    (event,) = json.loads(out)["events"]
    assert event["totals"]["remarks"] == 0 and event["talks"] == {"total": 6, "matching": 1, "speakers": 2}


def test_talks_of_a_folder_of_remarks_and_schedules(capsys: Capture, tmp_path: Path, bundled_path: Path) -> None:
    shutil.copy(V1, tmp_path / "v1.json")
    shutil.copy(bundled_path, tmp_path / "debate.yaml")
    code, out, err = run(capsys, "talks", "-q", "compiler OR section:2", str(tmp_path))
    assert (code, err) == (EXIT_OK, "")
    assert "Build a compiler" in out and "Opening keynote" in out  # section:2 is the second talk
    assert out.splitlines()[-1] == "2 of 6 talks"  # the debate has no talks to count
    code, out, err = run(capsys, "remarks", "-q", "compiler", str(tmp_path))
    assert out.splitlines()[-2:] == [
        "0 of 28 remarks",
        "Demo Con 2025 is a schedule of 6 talks (1 match), not remarks: `podium talks` lists them",
    ]


def test_talks_of_events_without_talks_says_where_their_remarks_are(capsys: Capture) -> None:
    code, out, err = run(capsys, "talks")
    assert (code, out) == (EXIT_OK, "0 of 0 talks\n")
    assert err == "podium: note: no schedule of talks here: `podium remarks` lists these events' remarks\n"


def test_a_real_schedule_finds_its_talks_everywhere(capsys: Capture) -> None:
    if not REAL.exists():
        pytest.skip(f"{REAL} not present")
    code, out, _ = run(capsys, "talks", "-q", "tox", "-f", "json", str(REAL))
    assert [t["title"] for t in json.loads(out)["talks"]] == [
        "An Introduction to Tox",
        "Adopting the Noise Key Exchange in Tox",
    ]
    code, out, _ = run(capsys, "speakers", "-q", "tox", str(REAL))
    assert out == 'Anthony  (1 talk)\nTobias "Tobi" Buchberger  (1 talk)\n'
    code, out, _ = run(capsys, "agenda", "-q", "tox", str(REAL))
    assert out.splitlines()[-1] == "2 of 48 talks match"
    code, out, _ = run(capsys, "remarks", "-q", "tox", str(REAL))
    assert code == EXIT_OK
    assert "(2 match)" in out and "podium talks" in out


def test_speakers_under_role_count_only_the_speakers_it_names(capsys: Capture) -> None:
    schedule = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "schedule.yaml"  # Grace: role speaker
    code, out, _ = run(capsys, "speakers", "-q", "role:speaker", str(schedule))
    assert (code, out) == (EXIT_OK, "Grace Hopper  (1 talk)\n")  # not Ada, who gives that talk with her
    code, out, _ = run(capsys, "talks", "-q", "role:speaker", str(schedule))
    assert "Compilers for everyone" in out and "Opening keynote" not in out
