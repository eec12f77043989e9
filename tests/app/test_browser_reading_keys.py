"""The movement keys the help promises work on every reading screen: j/k, g/G, page keys."""

from __future__ import annotations

import pytest

from tui.browser.screens.help import HelpScreen
from tui.browser.screens.remark import RemarkScreen


async def _open_help(pilot, ui):
    await ui.press(pilot, "question_mark")
    assert isinstance(pilot.app.screen, HelpScreen)
    return pilot.app.screen.query_one("#help-body")


async def _open_thread(pilot, ui):
    await ui.press(pilot, "3", "G", "k", "k", "enter")  # r19's exchange: longer than the screen
    assert isinstance(pilot.app.screen, RemarkScreen)
    return pilot.app.screen.scrolling()


@pytest.mark.parametrize("opener", [_open_help, _open_thread], ids=["help", "remark"])
async def test_j_k_g_and_G_move_the_reading_screens(app, ui, opener):
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        part = await opener(pilot, ui)
        assert part.max_scroll_y > 3
        await ui.press(pilot, "g")
        assert part.scroll_y == 0
        await ui.press(pilot, "j", "j")
        assert part.scroll_y == 2
        await ui.press(pilot, "k")
        assert part.scroll_y == 1
        await ui.press(pilot, "G")
        assert part.scroll_y == part.max_scroll_y
        await ui.press(pilot, "g")
        assert part.scroll_y == 0
        await ui.press(pilot, "pagedown")
        assert part.scroll_y > 2
