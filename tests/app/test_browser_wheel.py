"""Scrolling with the wheel takes the cursor along: keys act on what is on screen."""

from __future__ import annotations

from tui.browser.screens.remark import RemarkScreen
from tui.browser.widgets.exchanges import ExchangeView


def visible_ids(view: ExchangeView) -> list[str]:
    top, bottom = view.scroll_y, view.scroll_y + view.scrollable_content_region.height
    return [
        row.remark.id
        for index, row in enumerate(view.rows)
        if view._starts[index + 1] > top and view._starts[index] < bottom
    ]


async def test_after_wheel_scrolling_keys_act_on_a_visible_remark(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        view = app.query_one(ExchangeView)
        for _ in range(12):  # what the wheel does, a notch at a time
            view.scroll_down(animate=False)
            await ui.settle(pilot)
        assert view.scroll_y >= 12 and view.current is not None
        assert view.current.id in visible_ids(view), "the cursor came along"

        before = view.scroll_y
        await ui.press(pilot, "j")  # goes on from there, no jump back to the top
        assert view.scroll_y >= before - 1
        assert view.current.id in visible_ids(view)

        await ui.press(pilot, "c")
        assert view.current.text[:40] in app.clipboard
        await ui.press(pilot, "enter")
        assert isinstance(app.screen, RemarkScreen) and app.screen.remark.id in visible_ids(view)
