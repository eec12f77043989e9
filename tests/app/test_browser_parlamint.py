"""A ParlaMint sitting in the browser: its parties to filter by, and a remark's notes beside its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.browser.screens.remark import RemarkScreen
from tui.formats.open import expand_paths, load_paths

SITTING = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "formats"
    / "tei_corpora"
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


REAL = Path(__file__).resolve().parents[3] / "shared" / "formats" / "parlamint"
CORPORA = sorted(p for p in REAL.iterdir() if p.is_dir()) if REAL.exists() else []


@pytest.mark.skipif(not CORPORA, reason=f"{REAL} not present")
@pytest.mark.parametrize("folder", CORPORA, ids=lambda p: p.name)
async def test_every_real_corpus_opens_in_the_browser_with_every_utterance(make_app, ui, folder: Path) -> None:
    result = load_paths(expand_paths([folder]))
    total = sum(len(e.remarks) for e in result.library.events)
    assert total and not result.problems
    app = make_app(*expand_paths([folder]))
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        events = len(result.library.events)
        where = f" in {events} events" if events > 1 else ""
        assert ui.status(app) == f"{total:,} of {total:,} remarks{where}"
        await ui.filter(pilot, "role:chair")
        chairs = sum(
            1 for e in result.library.events for r in e.remarks if "chair" in e.speaker_by_id[r.speaker].event_roles
        )
        assert ui.status(app).startswith(f"{chairs:,} of {total:,} remarks")
