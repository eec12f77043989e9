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


@pytest.mark.parametrize("opener", [_open_help], ids=["help"])
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


async def test_the_remark_screen_has_a_cursor_to_copy_or_open_any_remark_of_the_thread(app, ui):
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        await _open_thread(pilot, ui)
        screen = app.screen
        ids = [row.remark.id for row in screen.rows]
        assert screen.current is screen.remark  # it opens on the remark chosen
        start = ids.index(screen.remark.id)
        await ui.press(pilot, "k")
        assert screen.current.id == ids[start - 1]
        assert "-cursor" in screen.query_one(f".row-{start - 1}.thread-head").classes
        await ui.press(pilot, "g")
        assert screen.current.id == ids[0]
        await ui.press(pilot, "G")
        assert screen.current.id == ids[-1]
        profile = str(screen.query_one("#remark-profile").render())
        assert app.proceedings.speaker_by_id[screen.current.speaker].name in profile  # the cursor's speaker
        await ui.press(pilot, "c")
        assert screen.current.text[:40] in app.clipboard
        await ui.press(pilot, "g", "enter")  # the first remark of the thread, read in full
        assert ids[0] != screen.remark.id
        assert isinstance(app.screen, RemarkScreen) and app.screen is not screen and app.screen.remark.id == ids[0]
        await ui.press(pilot, "escape")
        assert app.screen is screen
