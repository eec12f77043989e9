"""A new result starts at its first match: not at the old scroll position, never on a context remark."""

from __future__ import annotations

from tui.browser.widgets.exchanges import ExchangeView


async def test_choosing_a_speaker_starts_at_their_first_remark(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        view = app.query_one(ExchangeView)
        while view.current is not None and view.current.id != "r11":  # the panel's question
            await ui.press(pilot, "j")
        assert view.scroll_y > 0
        await ui.press(pilot, "s")
        await ui.highlight_speaker(pilot, "hickok")
        await ui.press(pilot, "enter", "e")
        # r11 is still shown, dimmed, as the question Hickok answers; the cursor leaves it for her first remark
        assert "r11" in ui.context_ids(app)
        assert view.current is not None and view.current.id == ui.matched_ids(app)[0] == "r06"
        assert view.scroll_y == 0  # her first remark is at the top of the result: shown from its first line


async def test_typing_a_filter_puts_the_cursor_on_a_match_not_on_context(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        view = app.query_one(ExchangeView)
        await ui.filter(pilot, "standards")  # one match, shown under the remark it answers
        assert len(ui.context_ids(app)) > 0
        assert view.current is not None and view.current.id == ui.matched_ids(app)[0]
        assert not view.rows[view.cursor].context


async def test_a_remark_that_still_matches_keeps_the_cursor(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        view = app.query_one(ExchangeView)
        while view.current is not None and view.current.id != "r14":
            await ui.press(pilot, "j")
        await ui.press(pilot, "f")  # Hickok's remarks: r14 is one of them
        assert view.current is not None and view.current.id == "r14"
