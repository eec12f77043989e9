"""`podium remarks -f csv|tsv`: a table of the remarks a query selects, read back exactly by csv, pandas and R."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import tui.cli
from tui.cli import EXIT_OK, EXIT_USAGE, main
from tui.core.model import Event, Proceedings, Remark, Section, Speaker
from tui.core.textsafe import table_text
from tui.formats.open import expand_paths, load_paths
from tui.formats.podium_yaml_writer import to_podium_yaml

Capture = pytest.CaptureFixture[str]

# The header row as the table is specified, written out here rather than imported from the code under test.
HEADER = (
    "event_id,event_title,event_date,section,remark_id,speaker_id,speaker_name,"
    "organisation,role,event_role,start,end,reply_to,text"
)
COLUMNS = HEADER.split(",")
# What a table must carry through: its separators, quotes, line breaks, other scripts, formulas.
TEXTS = [
    'She said "no", then: yes, twice.',
    "First line\nsecond line\n\nthird, after a blank",
    "Tab\tinside, and a line break\nhere",
    "Ölçer, 安全 太郎, Zoë, emoji 🙂, — dashes",
    '=HYPERLINK("http://x","click")',
    "+1 for that",
    "-2 against",
    "@everyone listen",
    "A backslash at the end \\ and one before a letter \\d",
    "plain",
]
# Controls a table never holds raw: written as -f json writes them, read back with table_text;
# and what would read back as such an escape, a backslash before u and four hex digits.
CONTROLLED = "Bell\x07 and ESC\x1b[2J and CSI\x9b31m and RLO\u202e and a CR\r end"
ESCAPE_LIKE = "A path C:\\users\\u0041 is not an escape"


def _event(number: int) -> Proceedings:
    speakers = (
        Speaker("ana", "Ana Ölçer, PhD", "Chair, board", organisation='The "Institute"', event_roles=("host", "chair")),
        Speaker("ben", "Ben =Example", event_roles=("panelist",)),
        Speaker("cy", "Cy Plain"),
    )
    sections = (Section("open", 1, "Opening, with a comma", "remarks"), Section("qa", 2, "Q&A\u00a0time", "qa"))
    texts = [*TEXTS, CONTROLLED, ESCAPE_LIKE] if number == 1 else [f"event {number}: {t}" for t in TEXTS[:4]]
    remarks = tuple(
        Remark(
            f"r{n + 1:02}",
            sections[n % 2].id,
            speakers[n % 3].id,
            text,
            reply_to=f"r{n:02}" if n % 2 else None,
            position=n,
            start=None if n == 0 else 10.5 * n,
            end=None if n in (0, 1) else 10.5 * n + 7,
        )
        for n, text in enumerate(texts)
    )
    event = Event(f"event-{number}", f"Event {number}, a panel", "2024-03-28" if number == 1 else None)
    return Proceedings(f"event-{number}.yaml", event, speakers, sections, remarks)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two events written as Podium YAML files, in one folder."""
    directory = tmp_path / "events"
    directory.mkdir()
    for number in (1, 2):
        (directory / f"event-{number}.yaml").write_text(to_podium_yaml(_event(number)), encoding="utf-8")
    return directory


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _rows(table: str, fmt: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(table, newline=""), dialect="excel" if fmt == "csv" else "excel-tab")
    assert reader.fieldnames == COLUMNS
    return list(reader)


def _expected(folder: Path, query: str, capsys: Capture) -> list[dict[str, str]]:
    """The rows a table must have, from the model itself, selected and ordered by `-f json`."""
    code, out, _ = run(capsys, "remarks", str(folder), "-q", query, "-f", "json", "--no-cache")
    assert code == EXIT_OK
    chosen = [(r["event"], r["id"]) for r in json.loads(out)["remarks"]]
    events = {p.event.id: p for p in load_paths(expand_paths([str(folder)])).library.events}
    rows = []
    for event_id, remark_id in chosen:
        p = events[event_id]
        remark = p.remark_by_id[remark_id]
        speaker = p.speaker_by_id[remark.speaker]
        rows.append(
            {
                "event_id": p.event.id,
                "event_title": p.event.title,
                "event_date": p.event.date or "",
                "section": p.section_by_id[remark.section].title,
                "remark_id": remark.id,
                "speaker_id": speaker.id,
                "speaker_name": speaker.name,
                "organisation": speaker.organisation or "",
                "role": speaker.role or "",
                "event_role": ";".join(speaker.event_roles),
                "start": "" if remark.start is None else str(remark.start),
                "end": "" if remark.end is None else str(remark.end),
                "reply_to": remark.reply_to or "",
                "text": remark.text,
            }
        )
    return rows


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("query", ["", "said OR line OR event", "speaker:ana", "zzzz"])
def test_the_table_reads_back_as_the_models_remarks(folder: Path, capsys: Capture, fmt: str, query: str) -> None:
    expected = _expected(folder, query, capsys)
    code, out, err = run(capsys, "remarks", str(folder), "-q", query, "-f", fmt, "--no-cache")
    assert (code, err) == (EXIT_OK, "")
    rows = _rows(out, fmt)
    assert [(r["event_id"], r["remark_id"]) for r in rows] == [(e["event_id"], e["remark_id"]) for e in expected]
    for row, want in zip(rows, expected, strict=True):
        assert {k: table_text(v) for k, v in row.items()} == want
        if want["text"] not in (CONTROLLED, ESCAPE_LIKE):  # every other text is written as it is
            assert row == want
    if query == "":
        assert len(rows) == len(TEXTS) + 2 + 4
        assert {r["text"] for r in rows} >= set(TEXTS)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_the_table_is_utf8_with_crlf_and_no_raw_control(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes], fmt: str
) -> None:
    assert main(["remarks", str(folder), "-f", fmt, "--no-cache"]) == EXIT_OK
    data = capsysbinary.readouterr().out
    separator = b"," if fmt == "csv" else b"\t"
    assert data.startswith(separator.join(c.encode() for c in COLUMNS) + b"\r\n")
    assert data.endswith((b"dashes\r\n", b'dashes"\r\n')), "the last remark's row ends the table, no blank line"
    text = data.decode("utf-8")
    cells = text.replace("\r\n", "\n")  # the line ends are the table's own; a CR in a text is escaped
    assert not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in cells)
    assert "\u202e" not in text
    assert "Bell\\u0007 and ESC\\u001b[2J and CSI\\u009b31m and RLO\\u202e and a CR\\u000d end" in text, "as JSON"
    assert "\\u005cu0041" in text, "a backslash that would read as an escape is escaped"
    assert '"=HYPERLINK(""http://x"",""click"")"' in text, "a formula is kept as said, quoted as any text"


def test_a_folder_through_the_library_index_gives_the_same_rows(
    folder: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.index.reading as reading

    asked: list[str] = []
    query_library = reading.query_library

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append("index")
        return query_library(*args, **kwargs)

    monkeypatch.setattr(reading, "query_library", spy)
    monkeypatch.setattr(tui.cli, "CACHE_MIN_BYTES", 0)  # the two small files count as a library
    for fmt in ("csv", "tsv"):
        for query in ("said OR line", ""):
            code, direct, _ = run(capsys, "remarks", str(folder), "-q", query, "-f", fmt, "--no-cache")
            assert code == EXIT_OK and not asked
            for _ in range(2):  # built, then read back from the index
                code, indexed, err = run(capsys, "remarks", str(folder), "-q", query, "-f", fmt)
                assert (code, err) == (EXIT_OK, "")
                assert indexed == direct
            assert asked == ["index", "index"]
            asked.clear()
            assert _rows(direct, fmt)


def test_pandas_reads_both_tables_back(folder: Path, capsys: Capture) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not installed; the csv module's round trip still runs")
    expected = _expected(folder, "", capsys)
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        _, out, _ = run(capsys, "remarks", str(folder), "-f", fmt, "--no-cache")
        frame = pandas.read_csv(io.StringIO(out, newline=""), sep=sep, dtype=str, keep_default_na=False)
        assert list(frame.columns) == COLUMNS
        rows = [{k: table_text(v) for k, v in row.items()} for row in frame.to_dict("records")]
        assert rows == expected


@pytest.mark.parametrize("command", ["agenda", "speakers", "talks", "stats", "marks"])
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_only_remarks_offers_a_table(capsys: Capture, command: str, fmt: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "-f", fmt])
    assert exit_.value.code == EXIT_USAGE
    assert f"invalid choice: '{fmt}'" in capsys.readouterr().err


def test_thread_offers_no_table(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["thread", "r06", "-f", "csv"])
    assert exit_.value.code == EXIT_USAGE


def test_the_bundled_events_table(capsys: Capture) -> None:
    code, out, _ = run(capsys, "remarks", "-q", "speaker:merve", "-f", "csv")
    assert code == EXIT_OK
    rows = _rows(out, "csv")
    assert [r["remark_id"] for r in rows] == ["r06", "r07", "r14", "r20"]
    first = rows[0]
    assert (first["speaker_name"], first["organisation"]) == ("Merve Hickok", "Center for AI & Digital Policy (CAIDP)")
    assert (first["event_role"], first["event_date"]) == ("presenter;panelist", "2024-03-28")
