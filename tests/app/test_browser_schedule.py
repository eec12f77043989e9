"""A conference schedule in the browser: talks where the exchanges would be, filtered like remarks."""

from __future__ import annotations

from pathlib import Path

from tui.browser.widgets.exchanges import ExchangeView
from tui.browser.widgets.talks import TalkView

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEDULE = FIXTURES / "formats" / "schedule.yaml"


def _talk_titles(app) -> list[str]:
    view = app.query_one(TalkView)
    return [app.proceedings.sections[i].title for i in view.talks]


async def test_a_schedule_shows_its_talks_in_place_of_the_exchanges(make_app, ui):
    app = make_app(SCHEDULE)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        talks = app.query_one(TalkView)
        assert talks.display and not app.query_one(ExchangeView).display
        assert app.focused is talks
        assert ui.status(app) == "3 of 3 talks"
        assert _talk_titles(app) == ["Opening keynote", "Compilers for everyone", "Can machines think?"]
        lines = "\n".join(ui.screen_lines(app))
        assert "Sat 14 Jun 2025 10:00 · 30 min · Room B · Languages" in lines
        assert "Grace Hopper, Ada Lovelace" in lines
        assert "An imitation game, played with the audience." in lines
        # The agenda lists the talks by day and time.
        assert ui.agenda_prompts(app)[1:] == [
            "1. Opening keynote (1)\n  Sat 14 Jun 09:00 · Main Hall",
            "2. Compilers for everyone (1)\n  Sat 14 Jun 10:00 · Room B",
            "3. Can machines think? (1)\n  Sun 15 Jun 11:00 · Main Hall",
        ]


async def test_the_filter_and_the_speakers_narrow_the_talks(make_app, ui):
    app = make_app(SCHEDULE)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "compiler")
        assert _talk_titles(app) == ["Compilers for everyone"]
        assert ui.status(app) == "1 of 3 talks · filter: compiler"
        await ui.press(pilot, "ctrl+u", "enter")  # clear the filter, back to the talks
        assert app.focused is app.query_one(TalkView)
        await ui.press(pilot, "j", "j", "f")  # filter on the third talk's speaker
        assert _talk_titles(app) == ["Can machines think?"]
        assert ui.labels(app) == ["Alan Turing ✕"]
        assert ui.status(app) == "1 of 3 talks · speakers: Alan Turing"
        await ui.filter(pilot, "zzz")
        assert "No talks match “zzz” by Alan Turing." in "\n".join(ui.screen_lines(app))


async def test_tab_and_e_reach_the_talks(make_app, ui):
    app = make_app(SCHEDULE)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "s")
        assert app.focused.id == "speakers"
        await ui.press(pilot, "e")
        assert app.focused.id == "talks"
        await ui.press(pilot, "shift+tab")
        assert app.focused.id == "filter"
        await ui.press(pilot, "tab")
        assert app.focused.id == "talks"


async def test_switching_between_a_schedule_and_a_panel_swaps_the_pane(make_app, ui, bundled_path):
    app = make_app(bundled_path, SCHEDULE)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert app.in_all_events  # a panel and a schedule: the panel's remarks and the schedule's talks together
        await ui.press(pilot, "right_square_bracket")
        assert app.query_one(ExchangeView).display and not app.query_one(TalkView).display
        await ui.press(pilot, "right_square_bracket")
        assert app.query_one(TalkView).display and not app.query_one(ExchangeView).display
        assert app.focused is app.query_one(TalkView)
        await ui.press(pilot, "left_square_bracket")
        assert app.focused is app.query_one(ExchangeView)
        assert ui.status(app) == "28 of 28 remarks"


async def test_all_events_counts_a_schedules_talks_and_opens_them(make_app, ui, bundled_path):
    """All events searches the schedule's talks too: its agenda row counts them, and choosing it shows them."""
    app = make_app(bundled_path, SCHEDULE)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert ui.status(app) == "28 of 28 remarks and 3 of 3 talks in 2 events"
        await ui.filter(pilot, "compilers")  # in one talk's title, in no remark
        assert ui.status(app).startswith("0 of 28 remarks and 1 of 3 talks in 1 event")
        counts = {option.id: option.count for option in app.query_one("#agenda").options[1:]}
        schedule_id = app.library.events[1].event.id
        assert counts[schedule_id] == 1
        assert "No remarks match “compilers”, but 1 talk does: press 2." in "\n".join(ui.screen_lines(app))
        await ui.press(pilot, "enter", "2")  # the schedule's row of All events: its own view, the filter kept
        assert app.query_one(TalkView).display
        assert _talk_titles(app) == ["Compilers for everyone"]
        assert app.query_one("#filter").value == "compilers"


async def test_choosing_a_schedule_in_all_events_takes_v_from_the_footer(make_app, ui, bundled_path):
    """The footer follows the view: a schedule's talks have no shape, so v goes when its row is chosen."""
    app = make_app(bundled_path, SCHEDULE)
    async with app.run_test(size=(200, 50)) as pilot:
        await ui.settle(pilot)
        assert "Shape" in ui.screen_lines(app)[-1]
        await ui.press(pilot, "a", "2")  # from the agenda: the schedule's row
        assert app.query_one(TalkView).display
        assert "Shape" not in ui.screen_lines(app)[-1]


async def test_an_icalendar_schedule_opens_as_talks(make_app, ui):
    """An .ics file: its VEVENTs are the talks, in order of start, its ATTENDEEs and "(talk by …)" the speakers."""
    app = make_app(FIXTURES / "formats" / "schedules" / "ical_features.ics")
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert app.query_one(TalkView).display
        assert ui.status(app) == "8 of 8 talks"
        assert _talk_titles(app)[:3] == ["Welcome to Demo Con; opening words", "Compilers for everyone",
                                         "Late-night hacking"]  # fmt: skip
        assert "Demo Con ICS" in ui.header(app)
        lines = "\n".join(ui.screen_lines(app))
        assert "Lovelace, Ada, Grace Hopper" in lines
        await ui.filter(pilot, 'speaker:"Alan Turing"')
        assert _talk_titles(app) == ["Compilers for everyone", "Can machines think?"]
