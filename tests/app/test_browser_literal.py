"""Data is shown as written: markup in names and texts stays literal, controls stay inert."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Tabs

from tui.browser.screens.remark import RemarkScreen

NAME = "[bold]Eve[/bold] [@click=app.quit]x[/]"
TEXT_START = "Warned that [red]not red[/red] is"
ESC = "\x1b"

# YAML double quotes: \e is ESC, so the remark text carries a real ESC [2J.
LITERAL_EVENT = r"""schema_version: 1
event:
  id: literal-2024
  title: Literal event
  date: "2024-05-01"
speakers:
  - id: eve
    name: "[bold]Eve[/bold] [@click=app.quit]x[/]"
    organisation: Example Org
  - id: ben
    name: Ben Example
sections:
  - id: opening
    number: 1
    title: Opening remarks
    kind: remarks
remarks:
  - id: r01
    section: opening
    speaker: eve
    text: "Warned that [red]not red[/red] is text, and \e[2J must not clear the screen."
  - id: r02
    section: opening
    speaker: ben
    reply_to: r01
    text: Agreed with Eve.
"""


@pytest.fixture
def literal_path(tmp_path):
    path = tmp_path / "literal-2024.yaml"
    path.write_text(LITERAL_EVENT, encoding="utf-8")
    return path


@pytest.fixture
def literal_app(make_app, literal_path):
    app = make_app(literal_path)
    assert not app.result.problems
    remark = app.library.events[0].remark_by_id["r01"]
    assert ESC + "[2J" in remark.text, "the fixture really carries an ESC"
    return app


def _no_escape(lines: list[str]) -> None:
    for line in lines:
        assert ESC not in line, repr(line)


async def test_markup_and_controls_in_data_are_literal(literal_app, ui):
    app = literal_app
    async with app.run_test(size=ui.size, notifications=True) as pilot:
        await ui.settle(pilot)
        assert any(NAME in line for line in ui.exchange_lines(app))
        assert any(TEXT_START in line for line in ui.exchange_lines(app))
        _no_escape(ui.exchange_lines(app))
        _no_escape(ui.screen_lines(app))
        assert any(NAME in prompt for prompt in ui.speaker_prompts(app))

        await ui.filter(pilot, "[red]")  # brackets typed are searched for as text
        assert app.is_running
        assert ui.status(app).startswith("1 of 2 remarks")
        assert ui.matched_ids(app) == ["r01"]
        lines = ui.exchange_lines(app)
        assert any(NAME in line for line in lines)
        assert any(TEXT_START in line for line in lines)
        _no_escape(lines)

        # Filter on the speaker: her label shows the name as written.
        await ui.press(pilot, "enter", "f")
        assert ui.labels(app) == [f"{NAME} ✕"]
        assert NAME in ui.status(app)
        _no_escape(ui.screen_lines(app))

        # Read the remark in full and copy it.
        await ui.press(pilot, "enter")
        assert isinstance(app.screen, RemarkScreen)
        assert app.is_running
        text = ui.statics_text(app)
        assert NAME in text
        assert TEXT_START in text
        assert ESC not in text
        _no_escape(ui.screen_lines(app))
        await ui.press(pilot, "c")
        assert app.is_running
        assert TEXT_START in app.clipboard
        assert NAME in app.clipboard
        assert ESC not in app.clipboard
        assert any(NAME in message for message in app.notifications_seen)
        _no_escape(ui.screen_lines(app))  # the notification too

        await ui.press(pilot, "escape")
        assert app.is_running
        _no_escape(ui.screen_lines(app))


async def test_clicking_a_literal_speaker_label_only_removes_the_filter(literal_app, ui):
    app = literal_app
    async with app.run_test(size=ui.size) as pilot:
        await ui.press(pilot, "f")  # the first remark is Eve's
        assert ui.labels(app) == [f"{NAME} ✕"]
        await pilot.click("SpeakerLabel")
        await ui.settle(pilot)
        assert app.is_running, "[@click=app.quit] in a name must not be a live action"
        assert ui.labels(app) == []


async def test_command_palette_shows_names_literally(literal_app, ui):
    app = literal_app
    async with app.run_test(size=ui.size) as pilot:
        await ui.press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        # With nothing typed the palette lists every command.
        await ui.wait_for(pilot, lambda: any("Filter by speaker: Ben Example" in ln for ln in ui.screen_lines(app)))
        entries = [line.strip() for line in ui.screen_lines(app) if "Filter by speaker" in line]
        assert any(f"Filter by speaker: {NAME}" in line for line in entries), entries


async def test_clicking_a_name_in_the_command_palette_does_not_run_its_markup(literal_app, ui):
    app = literal_app
    async with app.run_test(size=ui.size) as pilot:
        await ui.press(pilot, "ctrl+p")
        await pilot.press(*"Eve")  # the matches found by typing
        await ui.wait_for(pilot, lambda: any("Filter by speaker: " in ln for ln in ui.screen_lines(app)))
        lines = ui.screen_lines(app)
        y = next(i for i, line in enumerate(lines) if "Filter by speaker: " in line and "Eve" in line)
        x = lines[y].rindex("x")  # the text that carries the @click markup
        await pilot.click(offset=(x, y))
        await ui.settle(pilot)
        assert app.is_running, "clicking the palette entry quit the app"


async def test_event_tabs_show_titles_literally(make_app, ui, bundled_path, tmp_path):
    title = "Notes on [i]italics[/i] and [@click=app.quit]links[/]"
    path = tmp_path / "marked-2024.yaml"
    path.write_text(LITERAL_EVENT.replace("title: Literal event", f'title: "{title}"'), encoding="utf-8")
    app = make_app(bundled_path, path)
    assert not app.result.problems
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        labels = [str(tab.label) for tab in app.query_one("#events", Tabs).query("Tab")]
        assert labels[0] == "All events (2)" and labels[2] == title


async def test_remark_border_title_shows_the_section_literally(make_app, ui, tmp_path):
    title = "[b]Opening[/b] remarks"
    path = tmp_path / "marked-section.yaml"
    path.write_text(LITERAL_EVENT.replace("title: Opening remarks", f'title: "{title}"'), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=ui.size) as pilot:
        await ui.press(pilot, "1")
        assert title in ui.status(app)  # the status line is literal
        assert any(title in prompt for prompt in ui.agenda_prompts(app))
        await ui.press(pilot, "enter")
        assert isinstance(app.screen, RemarkScreen)
        # The remark's frame is titled with its id and section (the status behind it is literal anyway).
        frame = [line for line in ui.screen_lines(app) if "r01 · " in line]
        assert frame, "the remark's frame names the remark"
        assert title in frame[0], frame[0]


async def test_clicking_an_event_tab_does_not_run_markup_from_its_title(make_app, ui, bundled_path, tmp_path):
    path = tmp_path / "linked-2024.yaml"
    path.write_text(LITERAL_EVENT.replace("title: Literal event", 'title: "Notes [@click=app.quit]links[/]"'))
    app = make_app(bundled_path, path)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        tab = app.query_one("#event-2")  # after All events and the bundled event
        row = tab.region.y
        line = ui.screen_lines(app)[row]
        word = "links" if "links" in line[tab.region.x :] else "Notes"
        x = line.index(word, tab.region.x) + 2
        await pilot.click(offset=(x, row))
        await ui.settle(pilot)
        assert app.is_running, "clicking the tab quit the app"
        assert ui.header(app).startswith("Notes")
