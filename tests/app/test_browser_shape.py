"""The shape screen: share of voice, the reply matrix with its exchanges, and matches along the event."""

from __future__ import annotations

from textual.widgets import DataTable, Input, OptionList

from tui.browser.screens.remark import RemarkScreen
from tui.browser.screens.shape import ExchangesList, ShapeScreen, Timeline
from tui.core.stats import Columns


async def _settle(pilot, ui):
    await ui.settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_v_shows_the_share_of_voice_and_the_reply_matrix(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await pilot.press("v")
        await _settle(pilot, ui)
        screen = app.screen
        assert isinstance(screen, ShapeScreen)
        shape = Columns(app.proceedings).shape()
        share_lines = str(screen.query_one("#shape-share").render()).splitlines()
        names = {s.id: s.name for s in app.proceedings.speakers}
        assert [line.split("  ")[0].strip() for line in share_lines] == [names[s.speaker] for s in shape.shares]
        table = screen.query_one("#shape-matrix", DataTable)
        cells = {
            (str(row.value), str(column.value)): str(table.get_cell(row, column))
            for row in table.rows
            for column in table.columns
            if column.value != "who"
        }
        assert {k: v for k, v in cells.items() if v != "·"} == {(a, b): str(n) for a, b, n in shape.replies}


async def test_a_matrix_cell_lists_its_exchanges_and_opens_one(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await pilot.press("v")
        await _settle(pilot, ui)
        table = app.screen.query_one("#shape-matrix", DataTable)
        table.focus()
        row = table.get_row_index("hickok")
        column = table.get_column_index("shiroyama")
        table.cursor_coordinate = table.cursor_coordinate._replace(row=row, column=column)
        await pilot.press("enter")
        await _settle(pilot, ui)
        assert isinstance(app.screen, ExchangesList)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2  # Hickok answered Shiroyama twice
        await pilot.press("enter")
        await _settle(pilot, ui)
        assert isinstance(app.screen, RemarkScreen)
        remark = app.screen.remark
        assert remark.speaker == "hickok"
        assert app.proceedings.remark_by_id[remark.reply_to].speaker == "shiroyama"


async def test_a_filter_redraws_the_picture_and_n_jumps_to_its_matches(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await pilot.press("v")
        await _settle(pilot, ui)
        await pilot.press("slash", *"regulation", "enter")
        await _settle(pilot, ui)
        screen = app.screen
        assert isinstance(screen, ShapeScreen)
        assert "4 of 28 remarks" in str(screen.query_one("#shape-title").render())
        timeline = screen.query_one(Timeline)
        matched = sorted(timeline.matches.values())
        assert len(matched) == 4
        seen = []
        for _ in matched:
            await pilot.press("n")
            await _settle(pilot, ui)
            position = timeline.matches[timeline.cursor]
            seen.append(position)
            assert str(screen.query_one("#shape-at").render()).startswith(app.proceedings.remarks[position].id)
        assert seen == matched
        await pilot.press("N")
        await _settle(pilot, ui)
        assert timeline.matches[timeline.cursor] == matched[-2]

        # back in the browser, the same filter holds
        await pilot.press("escape")
        await _settle(pilot, ui)
        assert not isinstance(app.screen, ShapeScreen)
        assert app.query_one("#filter", Input).value == "regulation"
        assert ui.status(app).startswith("4 of 28 remarks")


async def test_a_schedule_has_no_shape(make_app, ui):
    from pathlib import Path

    schedule = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "schedule.yaml"
    app = make_app(schedule)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await pilot.press("v")
        await ui.settle(pilot)
        assert not isinstance(app.screen, ShapeScreen)
        assert any("no conversation to draw" in m for m in app.notifications_seen)
