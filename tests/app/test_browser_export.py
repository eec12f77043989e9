"""E (and the palette) export the remarks shown as the CSV table `podium remarks -f csv` prints for the same query."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from tui.cli import main

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def _exports(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "podium").glob("remarks-*.csv"))


def _cli_table(capsysbinary: pytest.CaptureFixture[bytes], query: str, *paths: Path) -> bytes:
    capsysbinary.readouterr()
    assert main(["remarks", *map(str, paths), "-q", query, "-f", "csv", "--no-cache"]) == 0
    return capsysbinary.readouterr().out


def _ids(table: bytes) -> list[tuple[str, str]]:
    rows = csv.DictReader(io.StringIO(table.decode("utf-8"), newline=""))
    return [(row["event_id"], row["remark_id"]) for row in rows]


async def test_e_exports_the_filtered_remarks_as_the_cli_prints_them(
    app, ui, bundled_path, private_data_dir, capsysbinary
):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "interoperability")
        await ui.press(pilot, "enter", "E")
        (path,) = _exports(private_data_dir)
        shown = ui.matched_ids(app)
    assert path.name.startswith("remarks-ai-safety-governance-2024-")
    assert any(m.startswith(f"{len(shown)} remarks exported as CSV: {path}") for m in app.notifications_seen)
    table = path.read_bytes()
    assert [remark for _, remark in _ids(table)] == _in_report_order(app, shown) and len(shown) > 1
    assert table == _cli_table(capsysbinary, "interoperability", bundled_path)


def _in_report_order(app, ids: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The exchanges show replies under what they answer; a table lists remarks as the report does."""
    return sorted(ids, key=lambda remark_id: app.proceedings.remark_by_id[remark_id].position)


async def test_a_section_and_a_speaker_chosen_narrow_the_export_too(app, ui, private_data_dir):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3")  # the third section only
        await ui.filter(pilot, "AI")
        await ui.press(pilot, "enter", "E")
        in_section = _in_report_order(app, ui.matched_ids(app))
        (first,) = _exports(private_data_dir)
        await ui.press(pilot, "escape", "s")  # every filter cleared, then a speaker chosen
        await ui.highlight_speaker(pilot, "hickok")
        await ui.press(pilot, "f", "E")
        by_hickok = _in_report_order(app, ui.matched_ids(app))
        (second,) = set(_exports(private_data_dir)) - {first}  # another file, even within the same second
    assert [remark for _, remark in _ids(first.read_bytes())] == in_section
    assert 0 < len(in_section) < len(app.proceedings.remarks)
    assert [remark for _, remark in _ids(second.read_bytes())] == by_hickok == ["r06", "r07", "r14", "r20"]


async def test_all_events_exports_every_events_remarks_shown(
    make_app, ui, bundled_path, tmp_path, private_data_dir, capsysbinary
):
    data = yaml.safe_load(bundled_path.read_text(encoding="utf-8"))
    data["event"]["id"], data["event"]["title"] = "second-look", "A Second Look"
    second = tmp_path / "second-look.yaml"
    second.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = make_app(bundled_path, second)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert app.in_all_events
        await ui.filter(pilot, "interoperability")
        await ui.press(pilot, "enter", "E")
        shown = ui.matched_ids(app)  # EVENT/REMARK in All events
        (path,) = _exports(private_data_dir)
    assert path.name.startswith("remarks-all-events-")
    table = path.read_bytes()
    assert [f"{event}/{remark}" for event, remark in _ids(table)] == _in_report_order(app, shown)
    assert {event for event, _ in _ids(table)} == {"ai-safety-governance-2024", "second-look"}
    assert table == _cli_table(capsysbinary, "interoperability", bundled_path, second)


async def test_the_palette_exports_too(app, ui, private_data_dir):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.run_palette_entry(pilot, "Export the remarks shown")
        await ui.wait_for(pilot, lambda: bool(_exports(private_data_dir)))
        (path,) = _exports(private_data_dir)
    assert len(_ids(path.read_bytes())) == len(app.proceedings.remarks)  # no filter: every remark


async def test_a_folder_that_cannot_be_written_is_said_not_raised(app, ui, private_data_dir):
    private_data_dir.mkdir(parents=True)
    (private_data_dir / "podium").write_text("a file where the folder should be", encoding="utf-8")
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "E")
        assert app.is_running
    (message,) = [m for m in app.notifications_seen if "CSV" in m or "Could not" in m]
    assert message.startswith(f"Could not write {private_data_dir / 'podium'}")


async def test_no_export_while_a_search_is_still_running(app, ui, private_data_dir):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        app.main.searcher.generation += 1  # as when a worker has not answered the last key yet
        await ui.press(pilot, "E")
    assert not _exports(private_data_dir)
    assert any(m.startswith("Still searching") for m in app.notifications_seen)


async def test_a_schedule_has_no_remarks_to_export(make_app, ui, private_data_dir):
    app = make_app(FORMATS / "schedule.yaml")
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert app.screen.check_action("export_remarks", ()) is False
        await ui.press(pilot, "E")
    assert not _exports(private_data_dir)


def test_a_second_export_in_the_same_second_never_replaces_the_first(private_data_dir):
    from datetime import datetime

    from tui.browser.exporting import export_path

    at = datetime(2024, 3, 28, 15, 30, 0)
    first = export_path("panel", at)  # reserved at once: the worker writes into it later
    second = export_path("panel", at)  # asked before the first is written
    assert (first.name, second.name) == ("remarks-panel-2024-03-28-153000.csv", "remarks-panel-2024-03-28-153000-2.csv")
    assert first.parent == second.parent == private_data_dir / "podium"
