"""The shape screen: share of voice, the reply matrix with its exchanges, and matches along the event."""

from __future__ import annotations

from pathlib import Path

import pytest
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
    """Talks are no conversation: v is not offered on a schedule, and neither is the palette's shape entry."""
    from textual.command import CommandPalette

    schedule = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "schedule.yaml"
    app = make_app(schedule)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await pilot.press("v")
        await ui.settle(pilot)
        assert not isinstance(app.screen, ShapeScreen)
        await ui.press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"show")
        # The palette lists its hits in the order given, the shape's before the collection's.
        await ui.wait_for(pilot, lambda: any("Show your collection" in line for line in ui.screen_lines(app)))
        assert not any("Show the shape" in line for line in ui.screen_lines(app))


TRANSCRIPT = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "transcripts" / "zoom.vtt"


def _footer_keys(screen) -> set[str]:
    return {key for key, active in screen.active_bindings.items() if active.binding.show and active.enabled}


async def _open_shape(pilot, ui) -> ShapeScreen:
    await ui.settle(pilot)
    await pilot.press("v")
    await _settle(pilot, ui)
    assert isinstance(pilot.app.screen, ShapeScreen)
    return pilot.app.screen


@pytest.mark.parametrize(("key", "pane"), [("s", "speakers"), ("a", "agenda"), ("e", "exchanges")])
async def test_the_pane_keys_on_the_shape_view_go_back_to_that_pane_with_the_filter(app, ui, key, pane):
    async with app.run_test(size=(200, 50)) as pilot:  # roomy: the browser's footer offers the most keys
        screen = await _open_shape(pilot, ui)
        assert not {"s", "a", "e", "v"} & _footer_keys(screen)  # the footer offers this view's keys
        await pilot.press("slash", *"regulation", "enter")
        await _settle(pilot, ui)
        await pilot.press(key)
        await _settle(pilot, ui)
        assert not isinstance(app.screen, ShapeScreen)
        assert app.focused is not None and app.focused.id == pane
        assert ui.status(app).startswith("4 of 28 remarks")


async def test_v_on_the_shape_view_goes_back_and_typing_it_in_the_filter_types_it(app, ui):
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await _open_shape(pilot, ui)
        await pilot.press("slash", *"sev")
        await _settle(pilot, ui)
        assert app.screen is screen and screen.query_one("#shape-filter", Input).value == "sev"
        await pilot.press("enter", "v")
        await _settle(pilot, ui)
        assert not isinstance(app.screen, ShapeScreen)


async def test_the_reply_matrix_starts_on_a_count_and_enter_on_a_name_lists_all_that_speakers_replies(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        screen = await _open_shape(pilot, ui)
        await pilot.press("m")
        table = screen.query_one("#shape-matrix", DataTable)
        first = table.coordinate_to_cell_key(table.cursor_coordinate)
        assert first.column_key.value != "who" and str(table.get_cell_at(table.cursor_coordinate)) != "·"
        await pilot.press("enter")  # straight away: a count, so a list
        await _settle(pilot, ui)
        assert isinstance(app.screen, ExchangesList)
        await pilot.press("escape")
        await _settle(pilot, ui)
        table.cursor_coordinate = table.cursor_coordinate._replace(row=table.get_row_index("martinez"), column=0)
        await pilot.press("enter")  # on Inma Martinez's name
        await _settle(pilot, ui)
        assert isinstance(app.screen, ExchangesList)
        listed = [str(option.id) for option in app.screen.query_one(OptionList).options]
        remarks = app.proceedings.remarks
        theirs = [str(r.position) for r in remarks if r.speaker == "martinez" and r.reply_to is not None]
        assert listed == theirs and len(theirs) == 2


async def test_the_share_of_voice_says_it_counts_words_when_the_remarks_have_no_times(app, make_app, ui):
    async with app.run_test(size=ui.size) as pilot:
        screen = await _open_shape(pilot, ui)
        heading = str(screen.query_one("#shape-share-heading").render())
        assert "words" in heading and "speaking time" not in heading and "no times" in heading
    timed = make_app(TRANSCRIPT)
    async with timed.run_test(size=ui.size) as pilot:
        screen = await _open_shape(pilot, ui)
        assert "speaking time" in str(screen.query_one("#shape-share-heading").render())


async def test_at_80_columns_the_shape_title_is_cut_with_an_ellipsis_and_keeps_the_counts(app, ui):
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_shape(pilot, ui)
        line = ui.screen_lines(app)[0].rstrip()
        assert "…" in line and line.endswith("28 of 28 remarks, 1,683 words"), line


async def test_at_80_columns_the_exchanges_listed_are_cut_at_a_word(app, ui):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_shape(pilot, ui)
        await pilot.press("m", "enter")
        await _settle(pilot, ui)
        assert isinstance(app.screen, ExchangesList)
        words = set(" ".join(r.text for r in app.proceedings.remarks).split())
        for option in app.screen.query_one(OptionList).options:
            prompt = str(option.prompt)
            *_, last = prompt.split()
            assert last.endswith("…") or last in words, prompt  # a whole word, then …
            assert last.rstrip("…") in words, prompt
        assert screen is app.screen_stack[1]
