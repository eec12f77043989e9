"""A Podium served read-only (`podium serve` off this machine): what would write is off, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.browser.served import READ_ONLY_ENV


async def test_read_only_a_mark_or_an_export_is_off_with_a_message(
    app, ui, monkeypatch: pytest.MonkeyPatch, private_data_dir: Path
) -> None:
    monkeypatch.setenv(READ_ONLY_ENV, "1")
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "e", "m", "E")
    assert app.notifications_seen.count("This Podium is served read-only: marks, notes and exports are off here.") == 2
    assert not any(private_data_dir.rglob("*"))  # no mark, no export written
