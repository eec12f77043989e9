"""The `podium` command, run in-process (and once as `python -m tui`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from tui.formats.bundled import bundled_event

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_the_bundled_event(capsys: Capture) -> None:
    code, out, err = run(capsys, "validate")
    assert (code, out, err) == (EXIT_OK, f"{bundled_event()}: OK\n", "")
    code, out, err = run(capsys, "validate", str(bundled_event()))
    assert (code, out, err) == (EXIT_OK, f"{bundled_event()}: OK\n", "")


def test_validate_a_bad_file(capsys: Capture, fixtures_dir: Path) -> None:
    bad = fixtures_dir / "dangling-speaker.yaml"
    code, out, err = run(capsys, "validate", str(bad))
    assert code == EXIT_INVALID == 1
    assert out == ""
    assert err == f"{bad}:23:14: unknown speaker 'bem'; did you mean 'ben'? expected one of: ana, ben\n"


def test_validate_reports_every_problem_one_per_line(capsys: Capture, fixtures_dir: Path) -> None:
    good, bad, empty = (fixtures_dir / n for n in ("valid-minimal.yaml", "reply-to-self.yaml", "empty.yaml"))
    code, out, err = run(capsys, "validate", str(good), str(bad), str(empty))
    assert code == 1
    assert out == f"{good}: OK\n"
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}:24:15: ")
    assert lines[1].startswith(f"{empty}:1:1: ")
    assert all(re.match(r"^.+:\d+:\d+: \S", line) for line in lines)


def test_validate_a_directory(capsys: Capture, fixtures_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_bytes((fixtures_dir / "valid-minimal.yaml").read_bytes())
    (tmp_path / ".hidden.yaml").write_text("not: [an event", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert (code, out, err) == (0, f"{tmp_path / 'b.yaml'}: OK\n", "")


def test_remarks_by_speaker_as_json(capsys: Capture) -> None:
    code, out, err = run(capsys, "remarks", "--query", "speaker:merve", "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [r["id"] for r in data["remarks"]] == ["r06", "r07", "r14", "r20"]
    assert {r["speaker"]["name"] for r in data["remarks"]} == {"Merve Hickok"}
    assert data["total"] == 4


def test_short_options(capsys: Capture) -> None:
    code, out, _ = run(capsys, "remarks", "-q", "section:4", "-f", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)["remarks"]] == ["r23", "r24", "r25"]


@pytest.mark.parametrize("query", ['"AI for all', "spaker:hickok", "speaker:", "-"])
def test_malformed_query_is_a_usage_error_on_one_line(capsys: Capture, query: str) -> None:
    code, out, err = run(capsys, "remarks", "--query", query)
    assert code == EXIT_USAGE == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert err.startswith("podium: error: query: ")


def test_missing_path_is_a_usage_error(capsys: Capture, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    code, out, err = run(capsys, "validate", str(missing))
    assert code == 2
    assert out == ""
    assert err == f"podium: error: {missing}: no such file or directory\n"
    assert run(capsys, "agenda", str(missing))[0] == 2


def test_directory_without_event_files_is_a_usage_error(capsys: Capture, tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert err.count("\n") == 1 and str(tmp_path) in err


def test_listing_with_a_bad_file_still_shows_the_good_one(capsys: Capture, fixtures_dir: Path) -> None:
    good, bad = fixtures_dir / "valid-minimal.yaml", fixtures_dir / "reply-to-missing.yaml"
    code, out, err = run(capsys, "remarks", str(good), str(bad))
    assert code == 1
    assert "r01" in out and "Welcomed everyone." in out
    assert err == f"{bad}:24:15: reply_to 'r99' names no remark in this event\n"


def test_thread_prints_the_tree_from_its_start(capsys: Capture) -> None:
    code, out, err = run(capsys, "thread", "r19")
    assert code == 0 and err == ""
    heads = [line for line in out.splitlines() if re.search(r"\(r\d\d, ", line)]
    assert heads[0].startswith("Arisa Ema (r17, ")
    assert [re.search(r"\((r\d\d), ", h).group(1) for h in heads] == ["r17", "r18", "r19"]  # type: ignore[union-attr]
    assert "▶ Cyrus Hodes (r19, " in heads[2]


def test_thread_of_an_unknown_remark(capsys: Capture) -> None:
    code, _, err = run(capsys, "thread", "r99")
    assert code == 2
    assert err == "podium: error: no remark with id 'r99'\n"


@pytest.mark.parametrize("command", ["browse", "validate", "agenda", "speakers", "remarks", "thread"])
def test_help_of_each_command(capsys: Capture, command: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert f"usage: podium {command}" in capsys.readouterr().out


def test_top_level_help_and_version(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("validate", "agenda", "speakers", "remarks", "thread"):
        assert command in out
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("podium ")


def test_unknown_format_is_refused(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["agenda", "--format", "html"])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_agenda_and_speakers_formats_run(capsys: Capture, fmt: str) -> None:
    code, out, err = run(capsys, "agenda", "--format", fmt)
    assert (code, err) == (0, "")
    assert "International Trends in AI Safety and Governance" in out
    assert "Panel Discussion" in out
    code, out, err = run(capsys, "speakers", "--format", fmt)
    assert (code, err) == (0, "")
    for name in ("Merve Hickok", "Michael Sellitto", "Takeo Hoshi", "Online participant"):
        assert name in out


def test_speakers_under_a_query(capsys: Capture) -> None:
    code, out, _ = run(capsys, "speakers", "-q", '"Responsible Scaling Policy"', "-f", "json")
    assert code == 0
    assert [s["id"] for s in json.loads(out)["speakers"]] == ["sellitto"]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_speakers_matching_nothing_say_so(capsys: Capture, fmt: str) -> None:
    # Not a blank line, which reads as a fault: the answer, with the query, as `remarks` gives "0 of 28".
    code, out, _ = run(capsys, "speakers", "-q", "zzzz", "-f", fmt)
    assert code == 0
    quoted = "`zzzz`" if fmt == "md" else "'zzzz'"
    assert out.strip() == f"No speaker has remarks or talks matching {quoted}."


def test_a_digit_int_cannot_read_is_a_usage_error(capsys: Capture) -> None:
    code, _, err = run(capsys, "remarks", "-q", "section:፩")
    assert code in (0, 2)
    assert err.count("\n") <= 1


def test_module_entry_point(repo_root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "validate"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(": OK")
    assert done.stderr == ""
