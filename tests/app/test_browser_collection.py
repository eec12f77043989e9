"""Collecting quotations in the browser: m marks, n notes, M shows the collection, e exports it."""

from __future__ import annotations

from textual.widgets import Input

from tui.browser.screens.collection import CollectionScreen, NoteScreen
from tui.browser.widgets.exchanges import ExchangeView


async def test_mark_note_and_show_the_collection(app, ui, private_data_dir):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        view = app.query_one(ExchangeView)
        await ui.press(pilot, "j", "m")  # r02
        assert view.marked == {"r02"}
        assert "★" in ui.exchange_lines(app)[view._starts[1]]  # the remark shows its mark
        await ui.press(pilot, "j", "j", "n")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"a good line", "enter")
        await ui.settle(pilot)
        assert view.marked == {"r02", "r04"}  # a note marks the remark too
        await ui.press(pilot, "M")
        assert isinstance(app.screen, CollectionScreen)
        text = app.screen.text
        assert text.index("remark r02") < text.index("remark r04") and "Note: a good line" in text
        await ui.press(pilot, "e")
        (exported,) = (private_data_dir / "podium").glob("collection-*.md")
        assert "\n\n— Inma Martinez" in exported.read_text(encoding="utf-8")
        assert any(str(exported) in m for m in app.notifications_seen)
        await ui.press(pilot, "escape")
        await ui.press(pilot, "k", "k", "m")  # unmark r02
        assert view.marked == {"r04"}


async def test_marks_are_there_when_the_event_is_opened_again(make_app, ui, bundled_path):
    first = make_app(bundled_path)
    async with first.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "G", "m")
        last = first.query_one(ExchangeView).current.id
    second = make_app(bundled_path)
    async with second.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert second.query_one(ExchangeView).marked == {last}


async def test_escape_in_the_note_leaves_it_unchanged(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "n")
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one(Input).value == ""
        await ui.press(pilot, "escape")
        assert app.query_one(ExchangeView).marked == frozenset()


async def test_an_empty_collection_offers_no_export(app, ui, private_data_dir):
    # Exporting nothing wrote a file that said "No marked remarks yet": e is not offered until a mark is made.
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "M")
        assert isinstance(app.screen, CollectionScreen)
        assert "Export" not in ui.screen_lines(app)[-1]
        await ui.press(pilot, "e")
        assert not list(private_data_dir.rglob("collection-*.md"))
