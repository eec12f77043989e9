"""Settings remembered between runs: the theme; a corrupt settings file is reported and ignored."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def settings_file(private_data_dir):
    return private_data_dir.parent / "config" / "podium" / "settings.json"


async def test_the_theme_chosen_is_there_next_time(make_app, ui, bundled_path, settings_file):
    app = make_app(bundled_path)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        app.theme = "textual-light"
        await ui.settle(pilot)
    assert json.loads(settings_file.read_text(encoding="utf-8")) == {"theme": "textual-light"}
    again = make_app(bundled_path)
    async with again.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert again.theme == "textual-light"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"theme": ', "settings.json:1:11: not valid JSON"),
        ("[1, 2]", "expected a JSON object of settings"),
        ('{"theme": 3}', '"theme" must be a theme\'s name'),
        ('{"theme": "no-such-theme"}', "no theme called no-such-theme"),
    ],
)
async def test_a_bad_settings_file_is_reported_and_ignored(make_app, ui, bundled_path, settings_file, content, message):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(content, encoding="utf-8")
    app = make_app(bundled_path)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert app.is_running and app.theme == "textual-dark"
        assert any(message in m for m in app.notifications_seen), app.notifications_seen
        assert ui.status(app) == "28 of 28 remarks"


def test_saving_replaces_the_file_whole_and_says_when_it_cannot(tmp_path):
    from tui.browser.settings import Settings, load_settings, save_settings

    path = tmp_path / "podium" / "settings.json"
    assert save_settings(path, Settings(theme="nord")) is None
    assert save_settings(path, Settings(theme="gruvbox")) is None
    assert load_settings(path) == (Settings(theme="gruvbox"), None)
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temporary file left
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    problem = save_settings(blocked / "settings.json", Settings(theme="nord"))
    assert problem is not None and problem.startswith("Could not save the settings in")


async def test_served_a_visitor_s_theme_is_their_page_s_alone(
    make_app, ui, bundled_path, settings_file, monkeypatch: pytest.MonkeyPatch
):
    from tui.browser.served import SERVED_ENV

    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text('{"theme": "nord"}', encoding="utf-8")  # the server user's choice
    monkeypatch.setenv(SERVED_ENV, "1")
    app = make_app(bundled_path)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert app.theme == "nord"  # the server's theme to start with
        app.theme = "textual-light"
        await ui.settle(pilot)
        assert app.theme == "textual-light"
    assert json.loads(settings_file.read_text(encoding="utf-8")) == {"theme": "nord"}  # not the next visitor's
