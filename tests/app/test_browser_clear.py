"""One key clears every filter, and an empty result says which keys undo each filter."""

from __future__ import annotations

from textual.widgets import Input

from tui.browser.widgets.lists import AgendaList


async def test_escape_in_a_pane_clears_text_speakers_and_section(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "ai")
        await ui.press(pilot, "enter", "3", "s")
        await ui.highlight_speaker(pilot, "hickok")
        await ui.press(pilot, "enter", "e")
        assert not ui.status(app).startswith("28 of 28")
        assert any("Clear" in line for line in ui.screen_lines(app)[-1:])
        await ui.press(pilot, "escape")
        assert ui.status(app) == "28 of 28 remarks"
        assert ui.labels(app) == [] and app.query_one("#filter", Input).value == ""
        assert app.query_one(AgendaList).highlighted == 0
        assert not any("Clear" in line for line in ui.screen_lines(app)[-1:])


async def test_an_empty_result_names_the_keys_that_undo_each_filter(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "5", "s")
        await ui.highlight_speaker(pilot, "hickok")
        await ui.press(pilot, "enter")  # Hickok did not speak in section 5
        message = ui.exchanges(app)._empty_message
        assert "In a pane, escape clears every filter" in message
        assert "0 shows all sections" in message and "removes them" in message
        assert "clears the text" not in message  # no text filter is on
