"""`podium convert`: any event Podium reads, written as Podium YAML that reads back the same."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tui.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from tui.formats.bundled import bundled_event

Capture = pytest.CaptureFixture[str]
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA = json.loads((ROOT / "data" / "schema" / "event.schema.json").read_text(encoding="utf-8"))


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def views(capsys: Capture, path: Path) -> list[object]:
    """What the CLI's JSON says of a file: its agenda, speakers and remarks."""
    found = []
    for command in ("agenda", "speakers", "remarks"):
        code, out, err = run(capsys, command, str(path), "-f", "json")
        assert (code, err) == (EXIT_OK, ""), err
        found.append(json.loads(out))
    return found


def assert_converts_faithfully(capsys: Capture, source: Path, out: Path) -> str:
    code, stdout, err = run(capsys, "convert", str(source), "-o", str(out))
    assert (code, err) == (EXIT_OK, ""), err
    assert stdout.startswith(f"{out}: ")
    code, stdout, err = run(capsys, "validate", str(out))
    assert (code, stdout, err) == (EXIT_OK, f"{out}: OK\n", "")
    assert views(capsys, out) == views(capsys, source)
    text = out.read_text(encoding="utf-8")
    jsonschema.validate(yaml.safe_load(text), SCHEMA)
    return text


FORMATS = FIXTURES / "formats"
SHARED = ROOT.parent / "shared" / "formats"
CASES = [
    bundled_event(),
    FORMATS / "schedule.yaml",
    FIXTURES / "hostile" / "injection.yaml",  # control characters and markup stay data
    # one file of each format Podium imports
    FORMATS / "transcripts" / "features.vtt",
    FORMATS / "transcripts" / "podcast.srt",
    FORMATS / "transcripts" / "words.json",
    FORMATS / "chats" / "chat.txt",
    FORMATS / "sayit" / "2024-05-01-town-hall.md",
    FORMATS / "akoma_ntoso" / "committee_2021-05-06.xml",
    FORMATS / "parlparse" / "senedd2023-04-05.xml",
    FORMATS / "schedules" / "v1_small.json",
    FORMATS / "schedules" / "v2_small.json",
    FORMATS / "schedules" / "frab_small.xml",
    FORMATS / "tei_corpora" / "ParlaMint-XX" / "2020" / "ParlaMint-XX_2020-03-01.xml",  # notes, sex, a guest
    FORMATS / "schedules" / "ical_features.ics",
    FIXTURES / "hostile" / "transcripts" / "control-chars.vtt",
]
# Every real file of a format Podium reads (the superseded ParlParse file has its own message).
READ = [".vtt", ".srt", ".json", ".txt", ".md", ".xml", ".ics"]
NOT_READ = {"README.md", "tei_parla-clarin_exemplar.xml", "twfy_debates2009-10-28b_superseded.xml"}
REAL = sorted(p.name for p in SHARED.glob("*") if p.suffix in READ and p.name not in NOT_READ)


@pytest.mark.parametrize("source", CASES, ids=lambda p: p.name)
def test_convert_round_trips(capsys: Capture, tmp_path: Path, source: Path) -> None:
    assert_converts_faithfully(capsys, source, tmp_path / "out.yaml")


@pytest.mark.parametrize("name", REAL or ["(none)"])
def test_every_real_file_validates_and_converts(capsys: Capture, tmp_path: Path, name: str) -> None:
    if not REAL:
        pytest.skip(f"{SHARED} not present")
    source = SHARED / name
    code, out, err = run(capsys, "validate", str(source))
    assert (code, out, err) == (EXIT_OK, f"{source}: OK\n", "")
    assert_converts_faithfully(capsys, source, tmp_path / "out.yaml")


def test_convert_to_standard_output(capsys: Capture, tmp_path: Path) -> None:
    code, out, err = run(capsys, "convert", str(FIXTURES / "formats" / "schedule.yaml"))
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("# Converted by Podium from Podium YAML: ")
    assert yaml.safe_load(out)["event"]["end_date"] == "2025-06-15"


def test_convert_never_replaces_a_file_unless_told(capsys: Capture, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("mine", encoding="utf-8")
    code, stdout, err = run(capsys, "convert", str(bundled_event()), "-o", str(out))
    assert (code, stdout) == (EXIT_USAGE, "")
    assert err == f"podium: error: {out} exists; choose another name, or add --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "mine"
    code, _, err = run(capsys, "convert", str(bundled_event()), "-o", str(out), "--force")
    assert (code, err) == (EXIT_OK, "")
    assert out.read_text(encoding="utf-8").startswith("# Converted by Podium")


def test_convert_a_bad_file_reports_it_and_writes_nothing(capsys: Capture, tmp_path: Path) -> None:
    bad = FIXTURES / "dangling-speaker.yaml"
    out = tmp_path / "out.yaml"
    code, stdout, err = run(capsys, "convert", str(bad), "-o", str(out))
    assert (code, stdout) == (EXIT_INVALID, "")
    assert err.startswith(f"{bad}:23:14: unknown speaker 'bem'")
    assert not out.exists()


def test_the_header_comment_cannot_be_broken_by_a_file_name(capsys: Capture, tmp_path: Path) -> None:
    """A newline in a path must not end the YAML comment and inject a line of YAML."""
    source = tmp_path / "evil\nschema_version: 2\n.yaml"
    source.write_bytes((FIXTURES / "valid-minimal.yaml").read_bytes())
    out = tmp_path / "out.yaml"
    code, _, err = run(capsys, "convert", str(source), "-o", str(out))
    assert (code, err) == (EXIT_OK, "")
    assert out.read_text(encoding="utf-8").splitlines()[1] == "schema_version: 1"


def test_a_tei_corpus_in_one_file_says_what_podium_opens_instead(capsys: Capture) -> None:
    source = SHARED / "tei_parla-clarin_exemplar.xml"
    if not source.exists():
        pytest.skip(f"{source} not present")
    code, out, err = run(capsys, "validate", str(source))
    assert (code, out) == (EXIT_INVALID, "")
    assert err == (
        f"{source}:4:1: a TEI corpus with its sittings inside this one file; Podium opens corpora whose "
        "sittings are files of their own (ParlaMint's layout): save each <TEI> as a file\n"
    )


@pytest.mark.parametrize("name", ["podcastns_example.html"])
def test_formats_for_a_later_step_get_a_clear_message(capsys: Capture, name: str) -> None:
    source = SHARED / name
    if not source.exists():
        pytest.skip(f"{source} not present")
    code, out, err = run(capsys, "validate", str(source))
    assert (code, out) == (EXIT_INVALID, "")
    assert err.startswith(f"{source}: not a format Podium reads; Podium reads Podium YAML (.yaml, .yml); ")
    assert "Zoom chat (.txt); SayIt Markdown transcript (.md, .markdown)\n" in err and err.count("\n") == 1
