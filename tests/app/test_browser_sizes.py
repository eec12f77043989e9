"""Terminal sizes: small, tiny, and changing while a search is typed."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tui.browser.screens.remark import RemarkScreen


@pytest.mark.parametrize(
    ("size", "too_small"),
    [((80, 24), False), ((60, 20), False), ((40, 10), False), ((20, 6), True), ((1, 1), True)],
)
async def test_runs_at_every_size(app, ui, size, too_small):
    async with app.run_test(size=size) as pilot:
        await ui.settle(pilot)
        assert app.size == size
        assert app.query_one("#too-small").display is too_small
        assert app.query_one("#body").display is not too_small
        if too_small:
            assert "too small" in str(app.query_one("#too-small").render())
            lines = ui.screen_lines(app)
            assert len(lines) == size[1]
            if size[0] >= 20:
                assert "terminal" in "".join(lines), "the message is what is drawn"
        else:
            assert ui.status(app) == "28 of 28 remarks"
        # Use it a little: scope to a section, move, open a remark, come back.
        await ui.press(pilot, "3", "j", "enter")
        if not too_small:
            assert isinstance(app.screen, RemarkScreen)
        await ui.press(pilot, "escape")
        assert app.is_running
        assert ui.status(app).startswith("13 of 28 remarks")


async def test_resizing_while_searching(app, ui, raw_event):
    def expected(text: str) -> int:
        return sum(1 for r in raw_event["remarks"] if text in r["text"].lower())

    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "sa")
        for size, typed in [((80, 24), "f"), ((60, 20), "e"), ((100, 30), "t")]:
            await pilot.resize_terminal(*size)
            await ui.settle(pilot)
            assert app.size == size
            await ui.type(pilot, typed)
        assert app.query_one("#filter", Input).value == "safet"
        assert ui.status(app).startswith(f"{expected('safet')} of 28 remarks")
        for size in [(20, 6), (1, 1), (120, 40)]:
            await pilot.resize_terminal(*size)
            await ui.settle(pilot)
            assert app.size == size
            assert app.query_one("#too-small").display is (size != (120, 40))
        assert app.is_running
        assert ui.status(app).startswith(f"{expected('safet')} of 28 remarks")
        assert len(ui.matched_ids(app)) == expected("safet")


async def test_typing_continues_after_the_terminal_was_briefly_too_small(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "sa")
        await pilot.resize_terminal(20, 6)
        await ui.settle(pilot)
        await pilot.resize_terminal(120, 40)
        await ui.settle(pilot)
        await ui.type(pilot, "f")
        assert ui.labels(app) == [], "f became a speaker filter instead of a typed letter"
        assert app.query_one("#filter", Input).value == "saf"
        assert isinstance(app.focused, Input)
