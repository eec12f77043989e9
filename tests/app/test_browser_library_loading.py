"""A library opens with its first files readable at once, then becomes the whole library."""

from __future__ import annotations

import threading

from textual.widgets import Tabs

import tui.browser.widgets.loading as loading
from bench.generate import write_library
from tui.browser.app import PodiumApp
from tui.formats.open import expand_paths, load_paths


def _held_library(tmp_path, monkeypatch, first_name: str | None = None):
    """Four events of 112 remarks; the first file shows at once, the rest wait for the returned Event."""
    folder = write_library(4, 4, tmp_path / "library")
    if first_name is not None:  # a file that sorts first
        (folder / first_name).write_text("event: [unclosed\n", encoding="utf-8")
    paths = expand_paths([folder])
    monkeypatch.setattr(loading, "FIRST_BYTES", paths[0].stat().st_size + 1)  # the first file alone
    the_rest = threading.Event()

    def slow_for_all(files, *args):
        if len(files) == len(paths):
            assert the_rest.wait(10), "the test never let the rest load"
        return load_paths(files, *args)

    monkeypatch.setattr(loading, "load_paths", slow_for_all)
    return paths, the_rest


async def test_the_first_files_are_readable_while_the_rest_load(ui, tmp_path, monkeypatch):
    paths, the_rest = _held_library(tmp_path, monkeypatch)
    app = PodiumApp(paths=paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: bool(app.library.events))
        await pilot.pause()
        assert ui.status(app) == "112 of 112 remarks"  # the first event, to read and search now
        assert "Loading 3 more files" in str(app.query_one("#loading-label").render())
        assert app.query_one("#loading").display
        await pilot.press("slash", *"moratorium")  # (not ui.filter: it waits for every worker, the load too)
        await ui.wait_for(pilot, lambda: ui.status(app).startswith("4 of 112 remarks"))

        the_rest.set()
        await ui.wait_for(pilot, lambda: len(app.library.events) == 4)
        await ui.settle(pilot)
        assert not app.query_one("#loading").display
        assert ui.status(app).startswith("16 of 448 remarks in 4 events")  # the filter typed meanwhile holds
        assert len(app.query_one("#events", Tabs).query("Tab")) == 5  # All events and the four
        await ui.press(pilot, "enter", "right_square_bracket")
        assert ui.status(app).startswith("4 of 112 remarks")


async def test_the_library_waits_for_a_screen_over_the_panes_to_close(ui, tmp_path, monkeypatch):
    paths, the_rest = _held_library(tmp_path, monkeypatch)
    app = PodiumApp(paths=paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: bool(app.library.events))
        await pilot.press("e", "enter")  # a remark opened over the panes
        await pilot.pause()
        assert app.screen is not app.screen_stack[0]
        the_rest.set()
        await pilot.pause(0.5)
        assert len(app.library.events) == 1  # not replaced under the open remark
        await pilot.press("escape")
        await ui.wait_for(pilot, lambda: len(app.library.events) == 4)
        await ui.settle(pilot)
        assert ui.status(app) == "448 of 448 remarks in 4 events"


async def test_a_section_chosen_in_the_first_file_is_dropped_with_the_library(ui, tmp_path, monkeypatch):
    paths, the_rest = _held_library(tmp_path, monkeypatch)
    app = PodiumApp(paths=paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: bool(app.library.events))
        await pilot.press("e", "2")  # a section of the first event
        await ui.wait_for(pilot, lambda: "section 2." in ui.status(app))
        the_rest.set()
        await ui.wait_for(pilot, lambda: len(app.library.events) == 4)
        await ui.settle(pilot)
        assert ui.status(app) == "448 of 448 remarks in 4 events"
        assert app.is_running


async def test_a_first_file_that_fails_is_still_reported_once_the_rest_loads(ui, tmp_path, monkeypatch):
    paths, the_rest = _held_library(tmp_path, monkeypatch, first_name="a-broken.yaml")
    app = PodiumApp(paths=paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: bool(app.screen_stack[0].query("#problems")))
        the_rest.set()
        await ui.wait_for(pilot, lambda: len(app.library.events) == 4)
        await ui.settle(pilot)
        assert len(app.screen_stack[0].query("#problems")) == 1
        assert "a-broken.yaml" in str(app.query_one("#problems-text").render())


async def _filtered(ui, app: PodiumApp, expected: int = 16) -> str:
    """The status line of the whole library, loaded, filtered on a word (found in `expected` remarks)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: len(app.library.events) == 4)
        await ui.settle(pilot)
        await pilot.press("slash", *"moratorium")
        await ui.wait_for(pilot, lambda: ui.status(app).startswith(f"{expected} of 448"))
        return ui.status(app)


async def test_a_library_opened_again_comes_from_the_index_and_parses_no_file(ui, tmp_path, monkeypatch):
    import tui.formats.open as opening
    from tui.index.reading import IndexLoader

    folder = write_library(4, 4, tmp_path / "library")
    paths = expand_paths([folder])
    parsed: list[str] = []
    real_pick = opening.pick_format
    monkeypatch.setattr(opening, "pick_format", lambda name, data: parsed.append(name) or real_pick(name, data))
    monkeypatch.setattr(opening, "PARALLEL_MIN_FILES", 10**9)  # parsed here, where it is seen
    monkeypatch.setattr(loading, "FIRST_BYTES", paths[0].stat().st_size + 1)  # a first file shown first
    loader = IndexLoader([folder], root=tmp_path / "index", all_events=True)
    first = await _filtered(ui, PodiumApp(paths=paths, loader=loader))
    assert sorted(parsed) == sorted(map(str, [paths[0], *paths]))  # the first file at once, then all of them
    parsed.clear()
    assert await _filtered(ui, PodiumApp(paths=paths, loader=loader)) == first
    assert parsed == [], "the second open read the index alone"


async def test_all_events_searches_through_the_index_and_never_builds_a_word_index_of_its_own(
    ui, tmp_path, monkeypatch
):
    """At a million remarks building All events' word index takes a minute: the index's segments answer instead."""
    import tui.browser.searcher as searcher_module
    import tui.core.word_index as word_index
    from tui.browser.navigation import WORDS_COMING, WORDS_READY
    from tui.index.reading import IndexLoader

    monkeypatch.setattr(searcher_module, "SYNC_SEARCH_LIMIT", 100)  # All events' 448 remarks count as many
    built: list[int] = []

    class Counted(word_index.WordIndex):  # what a view's search builds (the index's own builds are not counted)
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(word_index, "WordIndex", Counted)
    folder = write_library(4, 4, tmp_path / "library")
    paths = expand_paths([folder])
    plain = await _filtered(ui, PodiumApp(paths=paths))  # read from the files: All events builds its own
    assert built, "without the index, All events builds its word index"
    told: list[list[str]] = []
    for _ in range(2):  # the first open builds the segments after the load; the second finds them
        built.clear()
        app = PodiumApp(paths=paths, loader=IndexLoader([folder], root=tmp_path / "index", all_events=True))
        told.append(_recorded(app))
        assert await _filtered_through_the_index(ui, app) == plain
        assert built == [], "All events used the index's word indexes"
    assert told[0] == [WORDS_COMING, WORDS_READY], "the first open says the word index is on its way, then ready"
    assert WORDS_COMING not in told[1] and WORDS_READY not in told[1]


def _recorded(app: PodiumApp) -> list[str]:
    """What the app will be asked to notify, in order."""
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(message)
        original(message, *args, **kwargs)

    app.notify = notify
    return seen


async def _filtered_through_the_index(ui, app: PodiumApp) -> str:
    """As _filtered, once All events searches through the index's segments."""
    from tui.index.view_words import ViewWords

    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: len(app.library.events) == 4)
        searcher = app.screen_stack[0].searcher
        all_events = searcher.views[0]
        await ui.wait_for(pilot, lambda: isinstance(searcher.search_of(all_events).index.words, ViewWords))
        await pilot.press("slash", *"moratorium")
        await ui.wait_for(pilot, lambda: ui.status(app).startswith("16 of 448"))
        await ui.settle(pilot)
        return ui.status(app)


async def test_a_file_changed_and_indexed_again_under_a_running_browser(ui, tmp_path, monkeypatch):
    """Another Podium re-indexes a file the browser shows: the browser answers from what it loaded, the next open
    from the file as it is now."""
    import tui.browser.searcher as searcher_module
    from tui.core.query import parse
    from tui.index.reading import IndexLoader, query_library
    from tui.index.view_words import ViewWords

    monkeypatch.setattr(searcher_module, "SYNC_SEARCH_LIMIT", 100)  # All events searches through the segments
    folder = write_library(4, 4, tmp_path / "library")
    paths = expand_paths([folder])
    root = tmp_path / "index"
    app = PodiumApp(paths=paths, loader=IndexLoader([folder], root=root, all_events=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: len(app.library.events) == 4)
        searcher = app.screen_stack[0].searcher
        await ui.wait_for(pilot, lambda: isinstance(searcher.search_of(searcher.views[0]).index.words, ViewWords))
        await pilot.press("slash", *"moratorium")
        await ui.wait_for(pilot, lambda: ui.status(app).startswith("16 of 448"))
        words = searcher.search_of(searcher.views[0]).index.words
        before = words.containing("moratorium")
        changed = paths[0].read_text(encoding="utf-8").replace("moratorium", "pause")
        paths[0].write_text(changed, encoding="utf-8")
        answer = query_library(paths, parse("moratorium"), [], opened=[folder], root=root)  # another Podium
        now = len(answer.found.remarks)
        assert now < 16, "the change took some matches away"
        await pilot.press("escape", *"moratorium")  # escape clears the filter, which keeps the focus
        await ui.settle(pilot)
        assert ui.status(app).startswith("16 of 448"), "the browser answers from what it loaded"
        words._cache.clear()  # asked again of the segments it mapped (their files replaced since)
        for segment_words, _pieces in words._pieces:
            segment_words._cache.clear()
        assert words.containing("moratorium") == before
    # Opened again: the file as it is now, as reading the files directly shows it.
    reopened = await _filtered(
        ui, PodiumApp(paths=paths, loader=IndexLoader([folder], root=root, all_events=True)), now
    )
    assert reopened == await _filtered(ui, PodiumApp(paths=paths), now)


async def test_all_events_comes_from_the_index_and_an_event_is_made_when_opened(ui, tmp_path, monkeypatch):
    """Reading the index back makes each remark once, as All events has it: nothing combines the events again,
    and an event's own remarks are made when the reader goes to it, answering as the files do."""
    import tui.core.combined as combined_module
    from tui.core.event_remarks import EventRemarks
    from tui.index.reading import IndexLoader

    folder = write_library(4, 4, tmp_path / "library")
    paths = expand_paths([folder])
    root = tmp_path / "index"
    IndexLoader([folder], root=root)(paths)  # built once
    combined: list[int] = []
    real = combined_module.combine
    monkeypatch.setattr(combined_module, "combine", lambda library: combined.append(1) or real(library))
    monkeypatch.setattr(loading, "combine", combined_module.combine)
    from_files = await _second_event_filtered(ui, PodiumApp(paths=paths))
    assert combined, "read from the files, the events are combined"
    combined.clear()
    app = PodiumApp(paths=paths, loader=IndexLoader([folder], root=root, all_events=True))

    def unmade() -> bool:  # the second event's own remarks: counted, not made until the reader goes there
        remarks = app.library.events[1].remarks
        return isinstance(remarks, EventRemarks) and repr(remarks) == "EventRemarks(112 remarks)"

    from_index = await _second_event_filtered(ui, app, unmade)
    assert combined == [], "All events came with the events read back"
    assert from_index == from_files
    assert from_index[1].startswith("4 of 112")


async def _second_event_filtered(ui, app: PodiumApp, check=lambda: True) -> list[str]:
    """All events filtered on a word, then the second event: the statuses, and that event's first remarks."""
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: len(app.library.events) == 4 and app.combined is not None)
        await ui.settle(pilot)
        assert check()
        await pilot.press("slash", *"moratorium")
        await ui.wait_for(pilot, lambda: ui.status(app).startswith("16 of 448"))
        seen = [ui.status(app)]
        await pilot.press("enter", "right_square_bracket", "right_square_bracket")  # the second event
        await ui.wait_for(pilot, lambda: app.proceedings is app.library.events[1])
        await ui.settle(pilot)
        seen.append(ui.status(app))
        thread = app.screen_stack[0].searcher.forest_of(app.proceedings)
        seen.append(repr([(r.id, r.speaker, r.section, r.reply_to) for r in app.proceedings.remarks]))
        seen.append(repr((list(thread.order), len(thread.roots))))
        return seen


async def test_a_remark_the_index_cannot_read_back_is_shown_as_such_and_the_reader_told(ui, tmp_path):
    """Damage found only as a page is read (a row that is not what the index lists): the row says so, under
    the speaker the index lists, never as someone's words; the reader is told once; the next open builds anew."""
    import sqlite3

    from tui.index.opening import index_directory
    from tui.index.paged import DAMAGED as UNREADABLE
    from tui.index.reading import IndexLoader

    folder = write_library(3, 2, tmp_path / "library")
    paths = expand_paths([folder])
    root = tmp_path / "index"
    built = IndexLoader([folder], root=root)
    built(paths)
    assert built.finish(paths) is not None  # built once, its word indexes too: the browser builds nothing
    directory = index_directory([folder], root)
    with sqlite3.connect(directory / "library.sqlite") as other:
        other.execute("UPDATE remarks SET text = 'Words nobody said' WHERE row = (SELECT MIN(row) FROM remarks)")
    app = PodiumApp(paths=paths, loader=IndexLoader([folder], root=root, all_events=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: len(app.library.events) == 3 and app.combined is not None)
        await ui.settle(pilot)
        shown = app.combined.proceedings.remarks
        assert shown[0].text == UNREADABLE and "Words nobody said" not in repr(list(shown))
        told = [n.message for n in app._notifications if "library index is damaged" in n.message]
        assert len(told) == 1 and "built again" in told[0]
    assert list(root.glob(f"{directory.name}.damaged-*"))  # set aside: the next open builds it again from the files
    again = IndexLoader([folder], root=root, all_events=True)(paths)
    assert again.combined is not None and again.combined.proceedings.remarks[0].text != UNREADABLE


async def _one_event_read(ui, app: PodiumApp) -> list[str]:
    """A large event opened alone: filtered, the last row reached, a remark opened; what the screen says."""
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.wait_for(pilot, lambda: len(app.library.events) == 1 and "remarks" in ui.status(app))
        await ui.settle(pilot)
        seen = [ui.status(app)]
        await ui.filter(pilot, "speaker:hickok safety")
        seen.append(ui.status(app))
        await ui.press(pilot, "enter", "e", "G", "enter")  # out of the filter, to the exchanges, the last, opened
        seen.append(repr(app.screen.remark))
        await ui.press(pilot, "escape")
        return seen


async def test_one_large_event_read_a_page_at_a_time_shows_what_the_file_says(ui, tmp_path, monkeypatch):
    from tui.index import reading
    from tui.index.paged import IndexedRemarks

    monkeypatch.setattr(reading, "BY_PAGE", 50)
    folder = write_library(1, 4, tmp_path / "one")
    paths = expand_paths([folder])
    from_files = await _one_event_read(ui, PodiumApp(paths=paths))
    loader = reading.IndexLoader(paths, root=tmp_path / "index", all_events=True)
    loader(paths)
    loader.finish(paths)
    app = PodiumApp(paths=paths, loader=reading.IndexLoader(paths, root=tmp_path / "index", all_events=True))
    from_index = await _one_event_read(ui, app)
    assert isinstance(app.library.events[0].remarks, IndexedRemarks)
    assert from_index == from_files and from_index[1].startswith("4 of 112")
