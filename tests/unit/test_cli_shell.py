"""The `podium` command as a shell tool: pipes, help, unknown commands, convert of a folder, wrapping."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui import cli
from tui.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

Capture = pytest.CaptureFixture[str]
SCHEDULES = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "schedules"


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- a closed pipe


def _long_transcript(path: Path, cues: int = 4000) -> Path:
    """A WebVTT transcript whose JSON is far larger than a pipe's buffer (64 KiB)."""
    lines = ["WEBVTT", ""]
    for n in range(cues):
        clock = f"{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}"
        lines += [f"{clock}.000 --> {clock}.900"]
        lines += [f"<v Speaker {n % 3}>Remark number {n}, said at some length to fill the pipe.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", [["remarks", "-f", "json"], ["remarks"], ["speakers", "-f", "json"]])
def test_a_reader_that_stops_early_ends_podium_quietly(tmp_path: Path, argv: list[str]) -> None:
    source = _long_transcript(tmp_path / "long.vtt")
    command = [sys.executable, "-m", "tui", *argv, str(source)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as podium:
        assert podium.stdout is not None and podium.stderr is not None
        first = podium.stdout.readline()  # what `| head -1` reads, and then it goes away
        podium.stdout.close()
        err = podium.stderr.read().decode()
        code = podium.wait(timeout=60)
    assert first
    assert (code, err) == (EXIT_OK, "")  # no "Broken pipe", no "Exception ignored"


def test_a_convert_that_would_not_read_back_is_an_error_on_stderr(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch, bundled_path: Path, tmp_path: Path
) -> None:
    from tui.formats import podium_yaml
    from tui.formats.source import Problem

    monkeypatch.setattr(podium_yaml, "read_podium_yaml", lambda name, data: (None, [Problem(name, "broken")]))
    code, out, err = run(capsys, "convert", str(bundled_path), "-o", str(tmp_path / "out.yaml"))
    assert (code, out) == (EXIT_INVALID, "")
    assert err.startswith("podium: convert: the output would not read back, please report this: ")
    assert not (tmp_path / "out.yaml").exists()


# --------------------------------------------------------------------------- help and unknown commands


@pytest.mark.parametrize("word", ["frobnicate", "remark"])
def test_an_unknown_command_is_named_with_the_commands_there_are(
    capsys: Capture, word: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, word)
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith(f"podium: error: unknown command '{word}'; ")
    assert "commands: browse, validate, agenda, speakers, remarks, talks, stats, thread, marks, convert, serve" in err
    assert ("did you mean 'remarks'?" in err) == (word == "remark")
    assert err.count("\n") == 1


def test_a_file_named_like_a_command_word_still_opens(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli._looks_like_a_command("minutes")
    (tmp_path / "minutes").write_text("", encoding="utf-8")
    assert not cli._looks_like_a_command("minutes")  # `podium minutes` browses the file
    assert not cli._looks_like_a_command("notes.yaml") and not cli._looks_like_a_command("../x")


def test_thread_says_only_the_remark_id_is_required(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["thread"])
    assert exit_info.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "the following arguments are required: REMARK_ID\n" in err
    assert "FILE|DIR\n" not in err


@pytest.mark.parametrize("command", ["validate", "agenda", "remarks", "talks", "thread", "browse"])
def test_help_says_every_format_is_read(capsys: Capture, command: str) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "*.yaml" not in out
    assert "any format Podium reads, or folders of them" in out


# --------------------------------------------------------------------------- convert


def _two_schedules(tmp_path: Path) -> Path:
    folder = tmp_path / "schedules"
    folder.mkdir()
    for name in ("v1_small.json", "frab_small.xml"):
        shutil.copy(SCHEDULES / name, folder / name)
    return folder


def test_convert_of_a_folder_writes_one_file_per_event_to_a_folder(capsys: Capture, tmp_path: Path) -> None:
    source, out = _two_schedules(tmp_path), tmp_path / "curated"
    code, stdout, err = run(capsys, "convert", str(source), "-o", str(out))
    assert (code, err) == (EXIT_OK, "")
    assert stdout.splitlines() == [
        f"{out / 'frab_small.yaml'}: 4 talks written as Podium YAML",
        f"{out / 'v1_small.yaml'}: 6 talks written as Podium YAML",
    ]
    code, stdout, err = run(capsys, "validate", str(out))
    assert (code, err) == (EXIT_OK, "") and stdout.count(": OK\n") == 2
    code, stdout, err = run(capsys, "convert", str(source), "-o", str(out))  # again: nothing replaced…
    assert (code, stdout) == (EXIT_USAGE, "")
    assert err.startswith(f"podium: error: {out / 'frab_small.yaml'} exists (and 1 other file); choose another name")
    code, stdout, _ = run(capsys, "convert", str(source), "-o", str(out), "--force")  # …unless told
    assert code == EXIT_OK and stdout.count("written") == 2


@pytest.mark.parametrize("output", [None, "y.yaml"])
def test_convert_of_a_folder_to_one_file_or_nowhere_is_a_usage_error(
    capsys: Capture, tmp_path: Path, output: str | None
) -> None:
    source = _two_schedules(tmp_path)
    argv = ["convert", str(source)] + (["-o", str(tmp_path / output)] if output else [])
    code, stdout, err = run(capsys, *argv)
    assert (code, stdout) == (EXIT_USAGE, "")
    assert err.startswith("podium: error: ") and err.count("\n") == 1
    assert "-o OUTDIR" in err if output is None else "give -o a folder" in err
    assert list(tmp_path.iterdir()) == [source]  # nothing written


def test_convert_never_writes_over_the_folder_it_reads(capsys: Capture, tmp_path: Path) -> None:
    source = tmp_path / "events"
    source.mkdir()
    shutil.copy(SCHEDULES.parent / "schedule.yaml", source / "schedule.yaml")
    before = (source / "schedule.yaml").read_bytes()
    code, _, err = run(capsys, "convert", str(source), "-o", str(source), "--force")
    assert code == EXIT_USAGE and "would replace them" in err
    assert (source / "schedule.yaml").read_bytes() == before


# --------------------------------------------------------------------------- wrapping


def test_piped_text_is_one_line_per_paragraph(capsys: Capture) -> None:
    code, out, _ = run(capsys, "remarks", "-q", "moratorium")  # capsys is no terminal
    assert code == EXIT_OK
    (text,) = [line for line in out.splitlines() if "moratorium" in line]
    assert text.startswith("    Finally among the presenters") and text.endswith("may be insufficient.")


def test_text_for_a_terminal_is_wrapped_to_it(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "remarks", "-q", "moratorium")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines[1:]) <= 60 < len(lines[0]) + 60
    assert lines[-1] == "1 of 28 remarks"
    assert " ".join(line.strip() for line in lines[1:-2]).endswith("may be insufficient.")


def test_a_talks_every_line_is_wrapped_for_a_terminal(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    # Its title, its time and room, its speakers and its abstract: each kept within the terminal, indented.
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "24")
    code, out, _ = run(capsys, "talks", str(SCHEDULES.parent / "schedule.yaml"))
    assert code == EXIT_OK
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 24
    talk = lines[lines.index(next(line for line in lines if line.startswith("  2. ")))]
    assert talk == "  2. Compilers for"
    following = lines[lines.index(talk) + 1 :]
    assert following[0] == "     everyone"
    assert all(line.startswith("     ") for line in following[: following.index("")])


def test_convert_of_a_folder_names_same_named_files_by_their_suffix(capsys: Capture, tmp_path: Path) -> None:
    # talk.srt and talk.vtt became talk.yaml and talk-2.yaml: which was which?
    folder = tmp_path / "talks"
    folder.mkdir()
    cue = "00:00:01{0}000 --> 00:00:02{0}000\nAnn: Hello there.\n"
    (folder / "talk.srt").write_text("1\n" + cue.format(","), encoding="utf-8")
    (folder / "talk.vtt").write_text("WEBVTT\n\n" + cue.format("."), encoding="utf-8")
    (folder / "other.vtt").write_text("WEBVTT\n\n" + cue.format("."), encoding="utf-8")
    out = tmp_path / "curated"
    code, _, err = run(capsys, "convert", str(folder), "-o", str(out))
    assert (code, err) == (EXIT_OK, "")
    assert sorted(p.name for p in out.iterdir()) == ["other.yaml", "talk.srt.yaml", "talk.vtt.yaml"]
