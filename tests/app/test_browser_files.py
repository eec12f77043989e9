"""Several files at once: an event switcher, and a bad file beside a good one."""

from __future__ import annotations

import re
import shutil

from textual.widgets import Tabs

from tui.browser.widgets.exchanges import ExchangeView

FIRST = "International Trends in AI Safety and Governance"
SECOND = "A Second Look at Governance"


def _second_event(bundled_path, tmp_path):
    text = bundled_path.read_text(encoding="utf-8")
    assert "id: ai-safety-governance-2024\n" in text
    assert f"title: {FIRST}\n" in text
    text = text.replace("id: ai-safety-governance-2024\n", "id: second-look-2025\n", 1)
    text = text.replace(f"title: {FIRST}\n", f"title: {SECOND}\n", 1)
    path = tmp_path / "second-look-2025.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_two_events_get_a_switcher(make_app, ui, bundled_path, tmp_path):
    app = make_app(bundled_path, _second_event(bundled_path, tmp_path))
    assert not app.result.problems
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        tabs = app.query_one("#events", Tabs)
        assert tabs.display
        assert [str(tab.label) for tab in tabs.query("Tab")] == ["All events (2)", FIRST, SECOND]
        assert tabs.active == "event-0"  # the library scope first
        assert ui.header(app).startswith("All events (2)")
        assert ui.status(app) == "56 of 56 remarks in 2 events"
        await ui.press(pilot, "right_square_bracket")
        assert ui.header(app).startswith(FIRST)
        # The switcher is one row of tabs: the panes below keep the screen.
        assert tabs.region.height <= 2
        assert app.query_one("#exchanges").region.height >= 20
        assert app.query_one("#agenda").region.height >= 5

        # Choose a speaker and a section, then switch: the other event has both, so they follow.
        await ui.press(pilot, "3", "s")
        await ui.highlight_speaker(pilot, "hickok")
        await ui.press(pilot, "f")
        assert ui.labels(app) == ["Merve Hickok ✕"]

        await ui.press(pilot, "right_square_bracket")
        assert ui.header(app).startswith(SECOND)
        assert FIRST not in ui.header(app)
        assert tabs.active == "event-2"
        assert ui.labels(app) == ["Merve Hickok ✕"]
        assert ui.status(app).startswith("2 of 28 remarks")
        assert app.query_one("#agenda").highlighted == 3
        assert not any("no longer filtered" in m for m in app.notifications_seen)

        # ] wraps round to All events, where the speaker follows and the section becomes every event;
        # [ goes back.
        await ui.press(pilot, "right_square_bracket")
        assert ui.header(app).startswith("All events")
        assert ui.status(app).startswith("8 of 56 remarks in 2 events · speakers: Merve Hickok")
        await ui.press(pilot, "left_square_bracket")
        assert ui.header(app).startswith(SECOND)


async def test_clicking_an_event_tab_switches(make_app, ui, bundled_path, tmp_path):
    app = make_app(bundled_path, _second_event(bundled_path, tmp_path))
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await pilot.click("#event-2")
        await ui.settle(pilot)
        assert ui.header(app).startswith(SECOND)
        assert app.query_one("#events", Tabs).active == "event-2"


async def test_one_clean_file_has_no_switcher_and_no_problems(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert not app.query("#events")
        assert not app.query("#problems")
        await ui.press(pilot, "right_square_bracket")
        assert ui.header(app).startswith(FIRST)
        assert app.is_running


async def test_a_bad_file_is_reported_and_the_good_one_opens(make_app, ui, bundled_path, fixtures_dir, tmp_path):
    bad = tmp_path / "unclosed-quote.yaml"
    shutil.copyfile(fixtures_dir / "unclosed-quote.yaml", bad)
    app = make_app(bad, bundled_path)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        problems = app.query_one("#problems")
        assert problems.display
        text = str(app.query_one("#problems-text").render())
        assert re.search(rf"{re.escape(str(bad))}:\d+:\d+: \S", text), text
        assert str(bundled_path) not in text
        # The good event is open and browsable.
        assert ui.header(app).startswith(FIRST)
        assert ui.status(app) == "28 of 28 remarks"
        assert isinstance(app.focused, ExchangeView)
        await ui.press(pilot, "3")
        assert ui.status(app).startswith("13 of 28 remarks")
        assert app.is_running
        # Until x, the panel takes one line of problems: the panes keep the room.
        assert problems.region.height == 3
        await ui.press(pilot, "x")
        assert problems.region.height > 3  # x shows every problem, whole
        # x again hides it, giving its rows back to the panes.
        await ui.press(pilot, "x")
        assert not problems.display
        assert ui.status(app).startswith("13 of 28 remarks")


async def test_every_problem_is_reachable_and_the_panel_reopens(make_app, ui, bundled_path, fixtures_dir, tmp_path):
    """Nine problems in three files at 80x24: the panel scrolls to each one, x hides it and brings it back."""
    names = ["dangling-speaker.yaml", "hostile/wrong-types.yaml", "hostile/empty-strings.yaml"]
    paths = []
    for name in names:
        shutil.copyfile(fixtures_dir / name, tmp_path / name.split("/")[-1])
        paths.append(tmp_path / name.split("/")[-1])
    app = make_app(*paths, bundled_path)
    problems_found = [str(p) for p in app.result.problems]
    assert len(problems_found) == 9
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        panel = app.query_one("#problems")
        await ui.press(pilot, "x")
        assert panel.has_focus
        text = str(app.query_one("#problems-text").render())
        assert all(problem in text for problem in problems_found)  # every problem, whole
        assert panel.max_scroll_y > 0  # more than the panel's rows at 80x24: it scrolls
        inner = panel.scrollable_content_region
        shown: list[str] = []
        for _ in range(panel.max_scroll_y + 1):  # read it through with j, as a reader would
            lines = ui.screen_lines(app)[inner.y : inner.bottom]
            shown += [line[inner.x : inner.right].rstrip() for line in lines]
            await ui.press(pilot, "j")
        assert panel.scroll_y == panel.max_scroll_y
        read = "".join("".join(shown).split())  # lines joined as wrapped, spaces aside
        for problem in problems_found:  # each one's last words were on screen at some point
            assert "".join(problem.split()[-4:]) in read, problem
        await ui.press(pilot, "x")
        assert not panel.display
        assert app.focused is app.query_one("#exchanges")
        await ui.press(pilot, "x")
        assert panel.display and panel.has_focus


async def test_switching_drops_and_names_what_the_other_event_lacks(make_app, ui, bundled_path, tmp_path):
    text = bundled_path.read_text(encoding="utf-8")
    other = text.replace("id: ai-safety-governance-2024\n", "id: third\n", 1)
    other = other.replace("  - id: hickok\n", "  - id: hickok-m\n", 1)
    other = other.replace("speaker: hickok\n", "speaker: hickok-m\n")
    path = tmp_path / "third.yaml"
    path.write_text(other, encoding="utf-8")
    app = make_app(bundled_path, path)
    assert not app.result.problems
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "right_square_bracket", "s")  # from All events to the first event
        for speaker in ("hickok", "iida"):
            await ui.highlight_speaker(pilot, speaker)
            await ui.press(pilot, "enter")
        await ui.press(pilot, "right_square_bracket")
        assert ui.labels(app) == ["Yoichi Iida ✕"]  # kept: the other event has him
        assert any(m == "Not in this event, so no longer filtered on: Merve Hickok" for m in app.notifications_seen)
