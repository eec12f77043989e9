"""Keys: moving in the exchanges, moving between panes, help, a remark read in full,
copying a quotation, quitting, the command palette, and binding ids."""

from __future__ import annotations

import inspect

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input

import tui.browser.app
import tui.browser.main_screen
import tui.browser.screens.help
import tui.browser.screens.remark
import tui.browser.widgets.exchanges
import tui.browser.widgets.filter_bar
import tui.browser.widgets.lists
from tui.browser.app import PodiumApp
from tui.browser.main_screen import MainScreen
from tui.browser.screens.help import HelpScreen
from tui.browser.screens.remark import RemarkScreen
from tui.browser.widgets.exchanges import ExchangeView
from tui.browser.widgets.filter_bar import FilterInput
from tui.browser.widgets.lists import AgendaList, SpeakerList

TITLE = "International Trends in AI Safety and Governance"


async def test_cursor_keys_move_in_the_exchanges(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        view = app.query_one(ExchangeView)
        ids = ui.ids(app)
        last = len(ids) - 1

        def at() -> tuple[int, str | None]:
            return view.cursor, view.current.id if view.current else None

        assert at() == (0, ids[0])
        await ui.press(pilot, "j")
        assert at() == (1, ids[1])
        await ui.press(pilot, "down")
        assert at() == (2, ids[2])
        await ui.press(pilot, "k")
        assert at() == (1, ids[1])
        await ui.press(pilot, "up")
        assert at() == (0, ids[0])
        await ui.press(pilot, "up")
        assert at() == (0, ids[0]), "the cursor stops at the first remark"
        await ui.press(pilot, "G")
        assert at() == (last, ids[last])
        await ui.press(pilot, "j")
        assert at() == (last, ids[last]), "the cursor stops at the last remark"
        await ui.press(pilot, "g")
        assert at() == (0, ids[0])
        await ui.press(pilot, "end")
        assert at() == (last, ids[last])
        await ui.press(pilot, "home")
        assert at() == (0, ids[0])

        await ui.press(pilot, "pagedown")
        first_page = view.cursor
        assert 0 < first_page < last
        await ui.press(pilot, "pagedown")
        second_page = view.cursor
        assert first_page < second_page <= last
        await ui.press(pilot, "pageup")
        assert 0 <= view.cursor < second_page
        await ui.press(pilot, "end", "pagedown")
        assert at() == (last, ids[last]), "pagedown stops at the last remark"
        # The cursor's remark is scrolled into view.
        assert any(view.current.text[:30] in line for line in ui.exchange_lines(app))
        await ui.press(pilot, "pageup")
        assert view.cursor < last


async def test_tab_and_shift_tab_cycle_the_panes(app, ui):
    panes = {"filter", "exchanges", "agenda", "speakers"}
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        forward = []
        for _ in range(len(panes)):
            await ui.press(pilot, "tab")
            assert app.focused is not None
            forward.append(app.focused.id)
        assert set(forward) == panes, forward
        assert forward[-1] == "exchanges", "four tabs come back to where they started"
        backward = []
        for _ in range(len(panes)):
            await ui.press(pilot, "shift+tab")
            assert app.focused is not None
            backward.append(app.focused.id)
        assert set(backward) == panes, backward
        assert backward[-1] == "exchanges"
        # shift+tab goes the other way round.
        assert backward[:-1] == list(reversed(forward[:-1]))


async def test_help_opens_with_question_mark_or_f1_and_escape_closes_it(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        for key in ("question_mark", "f1"):
            await ui.press(pilot, key)
            assert isinstance(app.screen, HelpScreen), key
            text = ui.statics_text(app)
            assert "ctrl+p" in text
            assert "speaker:NAME" in text
            await ui.press(pilot, "escape")
            assert type(app.screen) is MainScreen, key
            assert isinstance(app.focused, ExchangeView)


async def test_enter_opens_the_remark_with_its_thread_and_bio(app, ui):
    async with app.run_test(size=ui.size, notifications=True) as pilot:
        await ui.settle(pilot)
        view = app.query_one(ExchangeView)
        while view.current is not None and view.current.id != "r14":
            await pilot.press("j")
        await ui.settle(pilot)
        remark = view.current
        assert remark is not None and remark.id == "r14"

        await ui.press(pilot, "enter")
        assert isinstance(app.screen, RemarkScreen)
        assert app.screen.remark.id == "r14"
        text = ui.statics_text(app)
        # The whole exchange: the question it answers and the other answers.
        for other in ("r11", "r12", "r13", "r14", "r15", "r16", "r20"):
            assert other in text, other
        assert "Posed the question, as a discussant" in text  # r11's text
        assert remark.text in text
        # The speaker's bio.
        assert "Merve Hickok" in text
        assert "Center for AI & Digital Policy (CAIDP)" in text
        assert "tasked with providing recommendations on AI policy" in text

        await ui.press(pilot, "c")
        clip = app.clipboard
        assert remark.text[:60] in clip
        assert "Merve Hickok" in clip
        assert TITLE in clip
        assert "2024-03-28" in clip
        assert "Panel Discussion" in clip
        assert "r14" in clip
        assert any("r14 by Merve Hickok as a quotation" in m for m in app.notifications_seen)
        assert any("r14 by Merve" in line for line in ui.screen_lines(app)), "the notification is shown"

        await ui.press(pilot, "escape")
        assert type(app.screen) is MainScreen
        assert isinstance(app.focused, ExchangeView)
        assert view.current is not None and view.current.id == "r14"


async def test_c_in_the_exchanges_copies_the_current_remark(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.press(pilot, "j", "c")
        remark = app.query_one(ExchangeView).current
        assert remark is not None and remark.id == "r02"
        assert remark.text[:60] in app.clipboard
        assert "Inma Martinez" in app.clipboard
        assert "Topics from presenters" in app.clipboard


async def test_q_quits(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_q_in_a_remark_goes_back_rather_than_quitting(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.press(pilot, "enter")
        assert isinstance(app.screen, RemarkScreen)
        await ui.press(pilot, "q")
        assert app.is_running
        assert type(app.screen) is MainScreen


async def test_command_palette_filters_by_speaker(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Hickok")
        # The palette searches in the background: wait until her entry is listed.
        await ui.wait_for(
            pilot, lambda: any("Filter by speaker: Merve Hickok" in line for line in ui.screen_lines(app))
        )
        await ui.press(pilot, "enter")
        assert not isinstance(app.screen, CommandPalette)
        assert ui.matched_ids(app) == ["r06", "r07", "r14", "r20"]
        assert ui.labels(app) == ["Merve Hickok ✕"]
        assert ui.status(app).startswith("4 of 28 remarks")


def _project_classes() -> list[type]:
    modules = [
        tui.browser.app,
        tui.browser.main_screen,
        tui.browser.widgets.exchanges,
        tui.browser.widgets.filter_bar,
        tui.browser.widgets.lists,
    ]
    modules += [tui.browser.screens.help, tui.browser.screens.remark]
    return [
        cls
        for module in modules
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__ and "BINDINGS" in vars(cls)
    ]


@pytest.mark.parametrize(
    "cls", [PodiumApp, MainScreen, ExchangeView, AgendaList, SpeakerList, FilterInput, RemarkScreen, HelpScreen]
)
def test_every_binding_has_an_id(cls):
    own = [b for klass in cls.__mro__ if klass.__module__.startswith("tui.") for b in vars(klass).get("BINDINGS", [])]
    assert own, f"{cls.__name__} declares bindings"
    for binding in own:
        assert isinstance(binding, Binding), f"{cls.__name__}: {binding!r} is not a Binding"
        assert binding.id, f"{cls.__name__}: binding {binding.key!r} -> {binding.action!r} has no id"


def test_binding_ids_are_unique():
    seen: dict[str, str] = {}
    for cls in _project_classes():
        for binding in vars(cls)["BINDINGS"]:
            assert isinstance(binding, Binding)
            assert binding.id, f"{cls.__name__}: {binding.key!r} has no id"
            assert binding.id not in seen, f"{binding.id} is used by {seen[binding.id]} and {cls.__name__}"
            seen[binding.id] = cls.__name__


async def test_typing_in_the_filter_does_not_trigger_app_keys(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "q 3 fc")
        assert app.is_running, "q was typed, not quit"
        assert isinstance(app.focused, Input)
        assert app.query_one("#filter", Input).value == "q 3 fc"
        assert "filter: q 3 fc" in ui.status(app)
        assert "section" not in ui.status(app)  # "3" was typed, not a section key
        assert ui.labels(app) == []  # "f" was typed, not a speaker filter
        assert app.clipboard == ""  # "c" was typed, not a copy
        assert type(app.screen) is MainScreen


async def test_copy_says_where_the_quotation_went(app, ui, private_data_dir, monkeypatch):
    import tui.browser.clipboard as clipboard

    monkeypatch.setattr(clipboard, "system_clipboard", lambda text: False)  # no wl-copy, xclip...
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "c")
        saved = private_data_dir / "podium" / "last-copy.txt"
        assert saved.read_text(encoding="utf-8") == app.clipboard  # the quotation is never lost
        (message,) = [m for m in app.notifications_seen if "r01" in m]
        assert message.startswith("Sent r01 by Hideaki Shiroyama as a quotation by OSC 52 (no xclip or wl-copy")
        assert "set-clipboard on" in message and str(saved) in message
        assert not message.startswith("Copied")

    monkeypatch.setattr(clipboard, "system_clipboard", lambda text: True)
    assert clipboard.copy_text("x", lambda text: None, "r02").startswith("Copied r02 to the clipboard; also saved in")


async def test_at_80x24_the_longest_message_leaves_the_status_line_in_sight(app, ui, monkeypatch):
    """The copy message by OSC 52 is the longest one: it is a few lines tall and stands above the status line."""
    from textual.widgets._toast import Toast

    import tui.browser.clipboard as clipboard

    monkeypatch.setattr(clipboard, "system_clipboard", lambda text: False)
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "c")
        await ui.wait_for(pilot, lambda: bool(app.screen.query(Toast)))
        (toast,) = app.screen.query(Toast)
        status = app.query_one("#status").region
        assert toast.region.height <= 5
        assert not toast.region.overlaps(status)
        assert "of 28 remarks" in ui.status(app)
