"""A ParlaMint sitting in the browser: its parties to filter by, and a remark's notes beside its words."""

from __future__ import annotations

from pathlib import Path

from tui.browser.screens.remark import RemarkScreen

SITTING = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "formats"
    / "parlamint"
    / "ParlaMint-XX"
    / "2020"
    / "ParlaMint-XX_2020-03-01.xml"
)


async def test_a_sittings_remark_shows_its_notes_and_party_filters_work(make_app, ui):
    app = make_app(SITTING)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert ui.status(app) == "6 of 6 remarks"
        await ui.filter(pilot, "org:grn")  # the Speaker and a member of the Green Group that day
        assert ui.status(app).startswith("2 of 6 remarks")
        await ui.press(pilot, "escape", "escape", "e", "j", "enter")
        assert isinstance(app.screen, RemarkScreen)
        shown = ui.statics_text(app)
        assert "Madam Speaker, the budget grows by two per cent." in shown
        assert "[Applause]" in shown and "[gap (inaudible)]" in shown
        assert "member, Minister of Finance, LIB" in shown  # the profile: his positions and party that day
