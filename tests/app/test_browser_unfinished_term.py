"""A term still being typed in the filter bar (`speaker:`, a lone `-`) keeps the results until it has a value."""

from __future__ import annotations

HICKOK = ["r06", "r07", "r14", "r20"]


async def test_a_bare_speaker_field_keeps_the_list_then_its_value_narrows_it(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        everything = sorted(ui.matched_ids(app))
        assert ui.status(app) == "28 of 28 remarks"
        await ui.filter(pilot, "speaker:")
        # Not the one remark holding the word "speaker", and no warning: the field is still being typed.
        assert ui.status(app) == "28 of 28 remarks"
        assert sorted(ui.matched_ids(app)) == everything
        counts = []
        await ui.type(pilot, "hickok", lambda status: counts.append(int(status.split(" of ")[0])))
        assert counts == sorted(counts, reverse=True)  # each letter of the value narrows, or keeps
        assert ui.status(app).startswith("4 of 28 remarks · filter: speaker:hickok")
        assert sorted(ui.matched_ids(app)) == HICKOK


async def test_an_unfinished_term_after_words_keeps_their_results(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "safety")
        safety_status, safety = ui.status(app), sorted(ui.matched_ids(app))
        assert 1 < len(safety) < 28
        for unfinished in (" speaker:", " -", " OR"):
            await ui.type(pilot, unfinished)
            assert ui.status(app) == safety_status, unfinished  # "N of 28 remarks · filter: safety"
            assert sorted(ui.matched_ids(app)) == safety, unfinished
            await ui.press(pilot, *["backspace"] * len(unfinished))
        await ui.type(pilot, " speaker:hickok")
        narrowed = sorted(ui.matched_ids(app))
        assert narrowed and set(narrowed) < set(safety) and set(narrowed) <= set(HICKOK)
        assert "⚠" not in ui.status(app)
