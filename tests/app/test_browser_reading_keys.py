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


async def test_the_remark_screen_has_a_cursor_to_copy_or_choose_any_remark_of_the_thread(app, ui):
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
        await ui.press(pilot, "g", "enter")  # the first remark of the thread becomes the one shown, in place
        assert app.screen is screen and len(app.screen_stack) == 2  # no second window of the same exchange
        assert screen.remark.id == ids[0] and screen.current.id == ids[0]
        assert str(screen.query_one("#remark-body").border_title).startswith(f"{ids[0]} ·")
        assert "▶" in str(screen.query_one(".row-0.thread-head").render())
        assert not any("▶" in str(head.render()) for head in screen.query(".thread-head")[1:])
        await ui.press(pilot, "escape")
        assert type(app.screen) is not RemarkScreen


def _footer_keys(screen) -> set[str]:
    return {key for key, active in screen.active_bindings.items() if active.binding.show and active.enabled}


async def test_enter_on_the_remark_already_shown_opens_no_second_window_and_is_not_offered(app, ui):
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        await _open_thread(pilot, ui)
        screen = app.screen
        assert "enter" not in _footer_keys(screen)  # the cursor starts on the remark shown
        await ui.press(pilot, "enter", "enter")
        assert app.screen is screen and len(app.screen_stack) == 2
        await ui.press(pilot, "k")
        assert "enter" in _footer_keys(screen)  # on another remark, enter is offered again


async def test_m_and_n_in_a_thread_mark_and_note_the_remark_under_the_cursor(app, ui):
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        await _open_thread(pilot, ui)
        screen = app.screen
        assert {"m", "n"} <= _footer_keys(screen)
        await ui.press(pilot, "k")
        under = screen.current
        assert under is not screen.remark
        await ui.press(pilot, "m")
        assert app.notifications_seen[-1].startswith(f"Marked {under.id};")
        assert under.id in app.collection_of(0).marks
        await ui.press(pilot, "n")
        assert type(app.screen).__name__ == "NoteScreen"
        await pilot.press(*"a fair point", "enter")
        await ui.settle(pilot)
        assert app.screen is screen
        assert app.collection_of(0).marks[under.id].note == "a fair point"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])  # the thread scrolls; narrow, the whole body does
async def test_G_in_a_thread_shows_the_whole_last_remark(app, ui, size):
    async with app.run_test(size=size) as pilot:
        await ui.settle(pilot)
        view = ui.exchanges(app)
        while view.current is not None and view.current.id != "r11":
            await pilot.press("j")
        await ui.press(pilot, "enter")  # r11's exchange: seven remarks, longer than the screen
        screen = app.screen
        assert isinstance(screen, RemarkScreen) and len(screen.rows) == 7
        part = screen.scrolling()
        assert part.max_scroll_y > 0
        await ui.press(pilot, "G")
        last = len(screen.rows) - 1
        head = screen.query_one(f".row-{last}.thread-head").region
        text = screen.query_one(f".row-{last}.thread-text").region
        seen = part.content_region
        assert seen.y <= head.y and text.bottom <= seen.bottom, (head, text, seen)
        for _ in range(last):  # and each remark the cursor goes back up to
            await ui.press(pilot, "k")
            rows = screen.query(f".row-{screen.cursor}")
            assert all(seen.y <= widget.region.y and widget.region.bottom <= seen.bottom for widget in rows)


async def test_at_80_columns_the_help_wraps_each_line_under_its_own_description(app, ui):
    from tui.browser.screens.help import KEYS

    titles = {title for title, _ in KEYS}
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        body = await _open_help(pilot, ui)
        box = body.content_region
        seen: list[str] = []
        while True:
            lines = ui.screen_lines(app)[box.y : box.bottom]
            seen += [line[box.x : box.right] for line in lines]
            if body.scroll_y >= body.max_scroll_y:
                break
            await ui.press(pilot, "pagedown")
        starts = {len(text) - len(text.lstrip()) for text in seen if text.strip()}
        assert len(starts) == 3, starts  # group titles, keys, and what a key does (wrapped too)
        titles_at, keys_at, wrapped_at = sorted(starts)
        assert {text.strip() for text in seen if text.strip() and not text.startswith(" ")} <= titles
        assert titles_at == 0 and keys_at == 2 and wrapped_at > max(len(k) for _, keys in KEYS for k, _ in keys)
        assert any(text[wrapped_at:].strip() == "of quotations" for text in seen)  # a line that wrapped
