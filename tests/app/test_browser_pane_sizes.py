"""Pane sizes: a small event's whole speaker list shows at 120x40; wide terminals widen the side."""

from __future__ import annotations

import pytest

from tui.browser.widgets.lists import ORGANISATION, SpeakerList


@pytest.mark.parametrize("size", [(120, 40), (200, 50)])
async def test_every_speaker_of_the_bundled_event_shows(app, ui, size):
    async with app.run_test(size=size) as pilot:
        await ui.settle(pilot)
        speakers = app.query_one(SpeakerList)
        people = [o for o in speakers.options if not o.id.startswith(ORGANISATION)]
        assert len(people) == 9  # then the two organisations two of them share, below
        shown = "\n".join(speakers.render_line(y).text for y in range(speakers.size.height))
        in_view = all(o.title[:12] in shown and o.caption[:12] in shown for o in people)
        assert in_view, "every speaker is in view, name and caption, none scrolled off"
        bio = app.query_one("#bio")
        assert bio.region.height >= 5  # the profile keeps room to be read


async def test_wide_terminals_widen_the_side_panes(make_app, ui, bundled_path):
    widths = []
    for size in ((200, 50), (120, 40)):
        app = make_app(bundled_path)
        async with app.run_test(size=size) as pilot:
            await ui.settle(pilot)
            widths.append(app.query_one("#sidebar").region.width)
    assert widths[0] > widths[1]


async def test_no_footer_label_is_cut_at_80_columns(make_app, ui, bundled_path, fixtures_dir, tmp_path):
    import shutil

    bad = tmp_path / "dangling-speaker.yaml"
    shutil.copyfile(fixtures_dir / "dangling-speaker.yaml", bad)
    app = make_app(bad, bundled_path)  # a problem: x goes to it
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "moratorium")  # and a filter: esc clears it
        await ui.press(pilot, "enter")
        footer = ui.screen_lines(app)[-1]
        for label in ("Open", "Quit", "Help", "Filter", "Speakers", "Copy", "Clear", "Shape", "palette"):
            assert f" {label} " in f"{footer} ", footer  # whole words: "q Qui▏^p palette" was cut
        # No room for x there: the problems banner names it, and x still goes to the problems.
        assert "x: all of them here" in "\n".join(ui.screen_lines(app))
        await ui.press(pilot, "x")
        assert app.focused is app.query_one("#problems")
        await ui.press(pilot, "x")  # hidden again: now the footer names x, as nothing else does
        assert not app.query_one("#problems").display
        assert "x Problems" in ui.screen_lines(app)[-1]


async def test_narrow_terminals_name_the_panes_that_take_turns(app, ui):
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        tabs = app.query_one("#pane-tabs")
        assert tabs.display and tabs.region.height == 1
        line = ui.screen_lines(app)[tabs.region.y]
        for name, key in (("Agenda", "a"), ("Speakers", "s"), ("Exchanges", "e")):
            assert f"{name}  {key}" in line
        await ui.press(pilot, "s")
        assert app.focused is app.query_one("#speakers")
        await pilot.click("#pane-tabs", offset=(3, 0))  # "Agenda"
        await ui.settle(pilot)
        assert app.focused is app.query_one("#agenda")


async def test_wide_terminals_have_no_pane_strip(make_app, ui, bundled_path):
    app = make_app(bundled_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        assert not app.query_one("#pane-tabs").display


async def test_with_a_filter_on_no_footer_label_is_cut_at_80_columns(app, ui):
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "moratorium")
        await ui.press(pilot, "enter")
        footer = ui.screen_lines(app)[-1]
        for label in ("Open", "Quit", "Help", "Filter", "Speakers", "Copy", "Clear", "Shape", "palette"):
            assert label in footer, footer


async def test_a_roomy_footer_shows_the_speaker_pane_event_and_section_keys(make_app, ui, bundled_path, tmp_path):
    text = bundled_path.read_text(encoding="utf-8").replace("id: ai-safety-governance-2024\n", "id: other\n", 1)
    (tmp_path / "other.yaml").write_text(text, encoding="utf-8")
    for size, shown in (((160, 40), True), ((120, 40), False)):
        app = make_app(bundled_path, tmp_path / "other.yaml")
        async with app.run_test(size=size) as pilot:
            await ui.settle(pilot)
            footer = ui.screen_lines(app)[-1]
            for key, label in (("f", "Speaker"), ("e", "Exchanges"), ("[ ]", "Events"), ("1-9", "Section")):
                assert (f"{key} {label}" in footer) == shown, footer
            if shown:  # the keys still do what they did
                await ui.press(pilot, "2")  # in All events, the numbers choose events
                assert ui.status(app).startswith("28 of 56 remarks in 1 event ·")
