"""A library opens with its first files readable at once, then becomes the whole library."""

from __future__ import annotations

import threading

from textual.widgets import Tabs

import tui.browser.widgets.loading as loading
from bench.generate import write_library
from tui.browser.app import PodiumApp
from tui.formats.open import expand_paths, load_paths


async def test_the_first_files_are_readable_while_the_rest_load(ui, tmp_path, monkeypatch):
    paths = expand_paths([write_library(4, 4, tmp_path / "library")])  # four events of 112 remarks
    monkeypatch.setattr(loading, "FIRST_BYTES", paths[0].stat().st_size + 1)  # the first file alone
    the_rest = threading.Event()

    def slow_for_all(files, *args):
        if len(files) == len(paths):
            assert the_rest.wait(10), "the test never let the rest load"
        return load_paths(files, *args)

    monkeypatch.setattr(loading, "load_paths", slow_for_all)
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
