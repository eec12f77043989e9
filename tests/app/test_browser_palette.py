"""The palette's entries do what they say: a screenshot says where it went, no switch to the shown event."""

from __future__ import annotations

from pathlib import Path

from tui.browser.screens.help import HelpScreen


async def test_screenshot_saves_into_a_created_folder_and_says_where(app, ui, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user-dirs.dirs: ~/Pictures
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.run_palette_entry(pilot, "Screenshot")
        await ui.wait_for(pilot, lambda: any("Picture saved" in m for m in app.notifications_seen))
        (message,) = [m for m in app.notifications_seen if "Picture saved" in m]
        path = Path(message.removeprefix("Picture saved: "))
        assert path.parent == tmp_path / "Pictures" / "Podium"
        assert path.read_text(encoding="utf-8").startswith("<svg")


async def test_the_keys_entry_opens_podiums_own_help(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Keys") == 1 and "Screenshot" in titles
        await ui.run_palette_entry(pilot, "Keys")
        assert isinstance(app.screen, HelpScreen)


async def test_switch_to_event_lists_only_the_other_events(make_app, ui, bundled_path, tmp_path):
    second = tmp_path / "second.yaml"
    text = bundled_path.read_text(encoding="utf-8")
    second.write_text(text.replace("id: ai-safety-governance-2024\n", "id: second-look\n", 1), encoding="utf-8")
    app = make_app(bundled_path, second)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "right_square_bracket", "ctrl+p")  # from All events to the first event
        await pilot.press(*"Switch to event")
        await ui.wait_for(pilot, lambda: any("Switch to event:" in line for line in ui.screen_lines(app)))
        entries = [line for line in ui.screen_lines(app) if "Switch to event:" in line]
        assert len(entries) == 2  # All events and the other event; not the one shown
        assert any("Switch to event: All events (2)" in line for line in entries)


async def test_the_palettes_own_entries_speak_of_panes_not_widgets(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "Maximize" in helps
        assert not [h for h in helps.values() if "widget" in h or "application" in h], helps
