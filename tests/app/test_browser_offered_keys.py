"""What a first-time reader met: a key the footer offers does what it says, and each pane says where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.browser.widgets.talks import TalkView

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEDULE = FIXTURES / "formats" / "schedule.yaml"


async def test_c_on_a_talk_copies_its_details(make_app, ui, private_data_dir, monkeypatch):
    import tui.browser.clipboard as clipboard

    monkeypatch.setattr(clipboard, "system_clipboard", lambda text: True)
    app = make_app(SCHEDULE)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "j")  # the second talk
        talk = app.query_one(TalkView).current
        assert talk is not None and talk.title == "Compilers for everyone"
        await ui.press(pilot, "c")
        copied = app.clipboard
        assert copied.startswith("Compilers for everyone\nGrace Hopper, Ada Lovelace\n")
        assert "30 min · Room B · Languages" in copied
        assert copied.rstrip().endswith(f"talk {talk.id}")
        assert (private_data_dir / "podium" / "last-copy.txt").read_text(encoding="utf-8") == copied
        assert not any("No remark" in m for m in app.notifications_seen)
        assert any(m.startswith("Copied the talk Compilers for everyone") for m in app.notifications_seen)


@pytest.mark.parametrize("key", ["m", "n", "v"])
async def test_mark_note_and_shape_are_not_offered_on_a_schedule(make_app, ui, key):
    """Talks are not remarks: no quotation to collect, no conversation to draw; off rather than "No remark"."""
    app = make_app(SCHEDULE)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        action = {"m": "mark", "n": "note", "v": "show_shape"}[key]
        offered = app.check_action if key != "v" else app.screen.check_action
        assert offered(action, ()) is False
        assert "Shape" not in ui.screen_lines(app)[-1]
        await ui.press(pilot, key)
        assert not any("No remark" in m for m in app.notifications_seen)


async def test_all_events_names_each_remarks_event_once_and_its_section(make_app, ui, fixtures_dir):
    folder = fixtures_dir / "formats"
    town_hall = sorted((folder / "sayit").glob("*.md"))[0]
    app = make_app(town_hall, FIXTURES.parent.parent / "data" / "ai-safety-governance-2024.yaml")
    async with app.run_test(size=(160, 40)) as pilot:
        await ui.settle(pilot)
        assert app.in_all_events
        bundled = next(p for p in app.library.events if p.event.title.startswith("International Trends"))
        view = ui.exchanges(app)
        assert view.go_to(next(r.position for r in app.proceedings.remarks if r.id.startswith(bundled.event.id + "/")))
        await ui.settle(pilot)
        header = view.render_line(view._row_region(view.cursor).y - int(view.scroll_y)).text
        remark = view.current
        _, own = app.combined.origin(remark)
        section = bundled.section_by_id[own.section]
        assert f"International Trends in AI Safety and Governance › {section.label}" in header
        assert header.count("International Trends") == 1


async def test_a_single_remark_is_counted_in_the_singular(make_app, ui, tmp_path):
    one = tmp_path / "one.vtt"
    one.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ada>Hello there.\n", encoding="utf-8")
    app = make_app(one)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert ui.status(app) == "1 of 1 remark"
        await ui.filter(pilot, "nothing")
        assert ui.status(app).startswith("0 of 1 remark ")
        await ui.press(pilot, "escape", "escape", "v")  # the shape's heading agrees too
        await ui.wait_for(pilot, lambda: any("1 of 1 remark, 2 words" in line for line in ui.screen_lines(app)))
        assert not any("1 of 1 remarks" in line for line in ui.screen_lines(app))
