"""A large view shows a key's first matches at once and counts every match after, saying so meanwhile."""

from __future__ import annotations

import threading

import tui.browser.searcher as searcher_module
from tui.browser.searcher import Searcher
from tui.browser.widgets.lists import AgendaList, SpeakerList
from tui.core.query import parse
from tui.core.search import LiveSearch


async def test_the_first_matches_show_while_every_match_is_counted(app, ui, monkeypatch):
    # The bundled event searched as a large one is: in a worker, which is held here until released.
    monkeypatch.setattr(searcher_module, "SYNC_SEARCH_LIMIT", 0)
    monkeypatch.setattr(searcher_module, "INDEXED_SYNC_LIMIT", 0)
    counted = threading.Event()
    real_run = Searcher.run

    def held_run(self, request):
        assert counted.wait(10), "the test never let the count finish"
        return real_run(self, request)

    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)  # the first full search (not held): it builds what the first screen reads
        speakers_before = ui.speaker_prompts(app)
        monkeypatch.setattr(Searcher, "run", held_run)
        await pilot.press("slash", *"safety")
        await pilot.pause()
        total = len(app.proceedings.remarks)
        expected = LiveSearch(app.proceedings).run(parse("safety")).positions
        ids = [app.proceedings.remarks[p].id for p in expected]
        assert ui.status(app).startswith(f"{len(expected)}+ of {total} remarks (counting…)")
        assert ui.matched_ids(app) == ids  # the first screen is the start of the answer (here, all of it)
        assert ui.speaker_prompts(app) == speakers_before  # counts wait for the count…
        assert all(app.query_one(counts).styles.text_opacity < 1 for counts in (AgendaList, SpeakerList))  # faded
        counted.set()
        await ui.settle(pilot)
        await pilot.pause()
        assert ui.status(app).startswith(f"{len(expected)} of {total} remarks")
        assert "counting" not in ui.status(app) and all(
            app.query_one(counts).styles.text_opacity == 1 for counts in (AgendaList, SpeakerList)
        )
        assert ui.speaker_prompts(app) != speakers_before


async def test_the_first_screen_is_the_start_of_the_answer_when_the_first_remarks_do_not_hold_it_all(
    app, ui, monkeypatch
):
    import tui.core.search as search

    monkeypatch.setattr(searcher_module, "SYNC_SEARCH_LIMIT", 0)
    monkeypatch.setattr(searcher_module, "INDEXED_SYNC_LIMIT", 0)
    monkeypatch.setattr(search, "FIRST_PREFIXES", (12,))  # the first screen looks at the first 12 remarks only
    counted = threading.Event()
    real_run = Searcher.run
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        monkeypatch.setattr(Searcher, "run", lambda self, request: counted.wait(10) and real_run(self, request))
        await pilot.press("slash", *"ai")
        await pilot.pause()
        every = LiveSearch(app.proceedings).run(parse("ai")).positions
        early = [p for p in every if p < 12]
        assert 0 < len(early) < len(every)
        assert ui.status(app).startswith(f"{len(early)}+ of {len(app.proceedings.remarks)} remarks (counting…)")
        ids = [r.id for r in app.proceedings.remarks]
        assert sorted(ui.matched_ids(app)) == sorted(ids[p] for p in early)  # shown in thread order
        counted.set()
        await ui.settle(pilot)
        await pilot.pause()
        assert sorted(ui.matched_ids(app)) == sorted(ids[p] for p in every)
