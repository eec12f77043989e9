"""A Podium served by `podium serve`: what would write on the server goes to the visitor's browser
as a download, or is off (read-only) with a message."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tui.browser.served import READ_ONLY_ENV, READ_ONLY_MESSAGE, SERVED_ENV


@pytest.fixture
def downloads(app, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What the app sends to the visitor's browser as downloads (Textual's deliver_text), recorded."""
    sent: list[dict[str, Any]] = []

    def deliver_text(file: io.StringIO, **options: Any) -> str:
        sent.append({"text": file.getvalue(), **options})
        return "key"

    monkeypatch.setattr(app, "deliver_text", deliver_text)
    return sent


@pytest.fixture
def served_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVED_ENV, "1")
    monkeypatch.setenv(READ_ONLY_ENV, "1")


async def test_read_only_a_mark_or_a_note_is_off_with_a_message(
    app, ui, downloads, served_read_only, private_data_dir: Path
) -> None:
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "m", "n")
    assert app.notifications_seen.count(READ_ONLY_MESSAGE) == 2
    assert not any(private_data_dir.rglob("*"))  # no mark, no note written


async def test_served_an_export_is_the_visitor_s_download_and_nothing_on_the_server(
    app, ui, downloads, served_read_only, private_data_dir: Path
) -> None:
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "slash")
        await ui.type(pilot, "speaker:hickok")
        await ui.press(pilot, "enter", "E")  # back to the exchanges, the filter kept: then export
        await ui.wait_for(pilot, lambda: bool(downloads))
    (sent,) = downloads
    assert sent["mime_type"] == "text/csv" and sent["save_filename"].startswith("remarks-ai-safety-governance-2024-")
    rows = list(csv.DictReader(io.StringIO(sent["text"], newline="")))
    assert len(rows) == 4 and {row["speaker_name"] for row in rows} == {"Merve Hickok"}
    assert any("4 remarks exported as CSV" in m and "sent to your browser" in m for m in app.notifications_seen)
    assert not any(private_data_dir.rglob("*"))


async def test_served_a_screenshot_is_the_visitor_s_download(
    app, ui, downloads, served_read_only, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.run_palette_entry(pilot, "Screenshot")
        await ui.wait_for(pilot, lambda: bool(downloads))
    (sent,) = downloads
    assert sent["text"].startswith("<svg") and sent["save_filename"].endswith(".svg")
    assert not (tmp_path / "Pictures").exists()  # nothing saved on the server


async def test_served_the_collection_s_export_is_the_visitor_s_download(
    app, ui, downloads, monkeypatch: pytest.MonkeyPatch, private_data_dir: Path
) -> None:
    monkeypatch.setenv(SERVED_ENV, "1")  # writable: marks kept in the server user's data folder
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "m", "M", "e")  # mark the first remark, open the collection, export it
        await ui.wait_for(pilot, lambda: bool(downloads))
    (sent,) = downloads
    assert sent["save_filename"].startswith("collection-") and sent["save_filename"].endswith(".md")
    assert "Shiroyama" in sent["text"]
    assert not list(private_data_dir.rglob("collection-*.md"))  # nothing exported onto the server


async def test_served_an_export_past_its_limit_says_so_and_sends_nothing(
    app, ui, downloads, served_read_only, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.browser.exporting

    monkeypatch.setattr(tui.browser.exporting, "SERVED_EXPORT_LIMIT", 27)  # the bundled event has 28
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "E")
        await ui.wait_for(pilot, lambda: any("more than a served Podium exports" in m for m in app.notifications_seen))
    assert downloads == []
    assert any(m.startswith("28 remarks are more than a served Podium exports (27)") for m in app.notifications_seen)
