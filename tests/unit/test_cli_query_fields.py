"""org:, role: and date: on the command line: the bundled event, and a folder read through the library index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.cli import EXIT_OK, EXIT_USAGE, main
from tui.formats.source import CACHE_MIN_BYTES
from tui.index import reading

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "ai-safety-governance-2024.yaml"


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert main([*args, "-f", "json"]) == EXIT_OK
    return json.loads(capsys.readouterr().out)


def _speakers(found: Any) -> set[str]:
    return {r["speaker"]["id"] for r in found["remarks"]}


def test_org_finds_gpai_by_its_acronym_and_its_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remarks", "-q", "org:gpai"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Inma Martinez" in out and "Cyrus Hodes" in out and "Merve Hickok" not in out
    assert out.rstrip().endswith("9 of 28 remarks")
    assert _speakers(_json(capsys, "remarks", "-q", "org:global")) == {"martinez", "hodes"}
    assert _speakers(_json(capsys, "remarks", "-q", "org:tokyo")) == {"ema", "hoshi"}


def test_role_and_date_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert _speakers(_json(capsys, "remarks", "-q", "role:moderator")) == {"ema"}
    assert len(_json(capsys, "remarks", "-q", "date:2024-03..2024-03-28")["remarks"]) == 28
    assert _json(capsys, "remarks", "-q", "date:2025..")["remarks"] == []
    speakers = _json(capsys, "speakers", "-q", "role:chair")["speakers"]
    assert [s["id"] for s in speakers] == ["martinez"]


def test_a_malformed_date_is_a_usage_error_that_says_what_to_write(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remarks", "-q", "safety date:2024-13"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "date: takes 2020, 2020-03, 2020-03-01 or a range 2020-01..2020-06" in err
    assert "(at character 8)" in err


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies of the bundled event over a megabyte in all (so read through the index), a year apart
    in turn; in every third one Hodes works for Anthropic and is the chair."""
    directory = tmp_path_factory.mktemp("library")
    text = BUNDLED.read_text(encoding="utf-8")
    count = CACHE_MIN_BYTES // len(text.encode()) + 2
    hodes = "    organisation: Global Partnership on AI (GPAI)\n    event_role: [presenter, panelist]"
    assert text.count(hodes) == 2  # Martinez's record reads the same: only the second one is Hodes'
    assert text.count('date: "2024-03-28"') == 1
    for n in range(count):
        copy = text.replace("  id: ai-safety-governance-2024", f"  id: event-{n}", 1)
        copy = copy.replace('date: "2024-03-28"', f'date: "{2020 + n % 2}-03-28"', 1)
        if n % 3 == 0:
            first = copy.index(hodes) + len(hodes)
            copy = copy[:first] + copy[first:].replace(hodes, "    organisation: Anthropic\n    event_role: [chair]", 1)
        (directory / f"event-{n:02}.yaml").write_text(copy, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    "source", ["org:gpai", "org:gpai date:2021", "role:chair -date:2020", "org:anthropic OR role:moderator safety"]
)
def test_a_folder_through_the_index_answers_as_the_files_do(
    folder: Path, source: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    through = reading.query_library

    def spy(*args: Any, **kwargs: Any) -> reading.Answer:
        asked.append(args[1].source)
        return through(*args, **kwargs)

    monkeypatch.setattr(reading, "query_library", spy)
    indexed = _json(capsys, "remarks", str(folder), "-q", source)
    assert asked == [source]  # the index answered, not the files
    assert indexed == _json(capsys, "remarks", str(folder), "-q", source, "--no-cache")
    assert indexed["remarks"]  # each query finds something: the two agree on more than nothing


def test_the_folders_index_reads_org_and_date_per_event(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = _json(capsys, "remarks", str(folder), "-q", "org:anthropic date:2020")["remarks"]
    by_event: dict[str, set[str]] = {}
    for remark in found:
        by_event.setdefault(remark["event"], set()).add(remark["speaker"]["id"])
    numbers = sorted(int(event.split("-")[1]) for event in by_event)
    assert numbers and all(n % 2 == 0 for n in numbers)  # date:2020: the even ones
    for event, speakers in by_event.items():
        expected = {"sellitto", "hodes"} if int(event.split("-")[1]) % 3 == 0 else {"sellitto"}
        assert speakers == expected, event  # Hodes is Anthropic's only where that event says so


def test_date_meets_every_day_of_an_event_that_spans_several(tmp_path) -> None:
    from tui.core import attributes
    from tui.core.query_parse import parse

    # an event of 2021-01-10 to 01-12 is on the 11th, and in any range that meets those days
    for value, expected in (("2021-01-11", True), ("2021-01-12..", True), ("..2021-01-09", False), ("2021-01", True)):
        assert attributes.dated(parse(f"date:{value}"), "2021-01-10", "2021-01-12") is expected, value
    assert attributes.dated(parse("-date:2021-01-11"), "2021-01-10", "2021-01-12") is False
    assert attributes.dated(parse("date:2021-01-11"), "2021-01-10") is False  # one day only


def test_a_date_in_other_digits_is_refused_not_silently_empty() -> None:
    import pytest

    from tui.core.query_parse import QueryError, parse

    with pytest.raises(QueryError):
        parse("date:\u0662\u0660\u0662\u0660")  # Arabic-Indic 2020: it would never equal an ISO date's digits
