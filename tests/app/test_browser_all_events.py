"""Several files open: the browser starts in All events, where typing and speakers filter every event."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import yaml

from tui.browser.widgets.exchanges import ExchangeView

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
TRANSCRIPT = FORMATS / "transcripts" / "features.vtt"


def _plain(text: str) -> str:
    """Case and accents dropped, written here apart from tui/ so the test does not check tui by tui."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("\n", " ")


def _second_event(bundled_path: Path, tmp_path: Path) -> Path:
    """The bundled event under another id and title, with Hickok's remarks on a new word."""
    data = yaml.safe_load(bundled_path.read_text(encoding="utf-8"))
    data["event"]["id"], data["event"]["title"] = "second-look", "A Second Look"
    for remark in data["remarks"]:
        if remark["speaker"] == "hickok":
            remark["text"] += " Interoperability came up again."
    path = tmp_path / "second-look.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _expected(paths: list[Path], word: str) -> dict[str, list[str]]:
    """Per event id, the ids of the remarks whose text holds the word, read from the files directly."""
    found: dict[str, list[str]] = {}
    for path in paths:
        if path.suffix == ".yaml":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            found[data["event"]["id"]] = [r["id"] for r in data["remarks"] if _plain(word) in _plain(r["text"])]
    return found


async def test_typing_in_all_events_filters_every_event(make_app, ui, bundled_path, tmp_path):
    second = _second_event(bundled_path, tmp_path)
    app = make_app(bundled_path, second, TRANSCRIPT)
    assert not app.result.problems
    events = app.library.events
    total = sum(len(e.remarks) for e in events)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        assert ui.header(app).startswith("All events (3)")
        assert ui.status(app) == f"{total} of {total} remarks in 3 events"
        assert "All events" in ui.agenda_prompts(app)[0]

        await ui.filter(pilot, "interoperability")
        expected = _expected([bundled_path, second], "interoperability")
        assert len(expected["second-look"]) > len(expected["ai-safety-governance-2024"])  # the new word counts
        shown = [f"{event}/{remark}" for event, ids in expected.items() for remark in ids]
        assert sorted(ui.matched_ids(app)) == sorted(shown)
        in_events = sum(1 for ids in expected.values() if ids)
        assert ui.status(app).startswith(f"{len(shown)} of {total} remarks in {in_events} events")
        # The agenda counts each event's matches; the rows name their event.
        prompts = ui.agenda_prompts(app)
        assert any(p.startswith("2. A Second Look") for p in prompts)
        agenda = app.query_one("#agenda")
        counts = {option.id: option.count for option in agenda.options[1:]}
        assert counts == {"features": 0, **{event: len(ids) for event, ids in expected.items()}}
        assert any("A Second Look ›" in line for line in ui.exchange_lines(app))

        # A speaker of two events is one row, filtering both; the profile counts per event.
        await ui.press(pilot, "enter", "escape", "s")
        await ui.highlight_speaker(pilot, "hickok")
        assert sum(1 for option in app.query_one("#speakers").options if option.id == "hickok") == 1
        profile = str(app.query_one("#bio-text").render())
        assert "8 remarks in 2 events" in profile
        assert "A Second Look: 4" in profile
        await ui.press(pilot, "f")
        assert ui.status(app).startswith("8 of ") and "in 2 events" in ui.status(app)
        assert {i.split("/")[0] for i in ui.matched_ids(app)} == {"ai-safety-governance-2024", "second-look"}


async def test_enter_opens_a_remark_in_its_event(make_app, ui, bundled_path, tmp_path):
    second = _second_event(bundled_path, tmp_path)
    app = make_app(bundled_path, second)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "came up again")
        await ui.press(pilot, "enter")  # leave the filter for the exchanges
        view = app.query_one(ExchangeView)
        await ui.press(pilot, "down")  # not the first: the cursor must land on this one
        assert view.current is not None and view.current.id.startswith("second-look/")
        wanted = view.current.id.removeprefix("second-look/")
        await ui.press(pilot, "enter")
        assert ui.header(app).startswith("A Second Look")
        assert view.current is not None and view.current.id == wanted
        assert ui.status(app).startswith("4 of 28 remarks")  # the filter came along


async def test_marks_in_all_events_belong_to_the_remarks_event(make_app, ui, bundled_path, tmp_path, private_data_dir):
    second = _second_event(bundled_path, tmp_path)
    app = make_app(bundled_path, second)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "came up again")
        await ui.press(pilot, "enter", "m")
        files = list(private_data_dir.rglob("*.json"))
        assert [f.name for f in files] == ["second-look.json"]
        marks = json.loads(files[0].read_text(encoding="utf-8"))["marks"]
        assert [m["remark"] for m in marks] == [app.query_one(ExchangeView).current.id.removeprefix("second-look/")]
        assert app.query_one(ExchangeView).marked == {app.query_one(ExchangeView).current.id}
        # The event itself shows the same remark marked, under its own id.
        await ui.press(pilot, "right_square_bracket", "right_square_bracket")
        assert ui.header(app).startswith("A Second Look")
        assert app.query_one(ExchangeView).marked == {marks[0]["remark"]}
    # Opened again: All events finds the file of marks among the marks folder's, and shows it.
    again = make_app(bundled_path, second)
    async with again.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        assert again.query_one(ExchangeView).marked == {f"second-look/{marks[0]['remark']}"}


async def test_a_library_lists_its_events_in_the_agenda_not_in_tabs(make_app, ui, bundled_path, tmp_path):
    text = bundled_path.read_text(encoding="utf-8")
    paths = []
    for n in range(13):
        path = tmp_path / f"event-{n:02d}.yaml"
        path.write_text(text.replace("id: ai-safety-governance-2024\n", f"id: event-{n:02d}\n", 1), encoding="utf-8")
        paths.append(path)
    app = make_app(*paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        assert not app.query("#events")  # thirteen events: no row of tabs
        assert ui.status(app) == "364 of 364 remarks in 13 events"
        assert len(ui.agenda_prompts(app)) == 14  # All events, then each event
        await ui.press(pilot, "right_square_bracket")  # ] still goes from event to event
        assert ui.header(app).startswith("International Trends")
        assert ui.status(app) == "28 of 28 remarks"


async def test_org_and_date_in_all_events_read_each_remarks_event(make_app, ui, bundled_path, tmp_path):
    """Martinez (one person in All events) leaves GPAI for Tokyo College in the second event, a year on."""
    data = yaml.safe_load(bundled_path.read_text(encoding="utf-8"))
    data["event"]["id"], data["event"]["title"], data["event"]["date"] = "a-year-on", "A Year On", "2025-04-01"
    for speaker in data["speakers"]:
        if speaker["id"] == "martinez":
            speaker["organisation"] = "Tokyo College"
    second = tmp_path / "a-year-on.yaml"
    second.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    by_speaker = {remark["id"]: remark["speaker"] for remark in data["remarks"]}
    gpai = [r for r, s in by_speaker.items() if s in ("martinez", "hodes")]
    app = make_app(bundled_path, second)
    async with app.run_test(size=(120, 40)) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "org:gpai")
        hodes_only = [r for r in gpai if by_speaker[r] == "hodes"]
        expected = [f"ai-safety-governance-2024/{r}" for r in gpai] + [f"a-year-on/{r}" for r in hodes_only]
        assert sorted(ui.matched_ids(app)) == sorted(expected)
        assert ui.status(app).startswith(f"{len(expected)} of 56 remarks in 2 events")
        counts = {option.id: option.count for option in app.query_one("#agenda").options[1:]}
        assert counts == {"ai-safety-governance-2024": len(gpai), "a-year-on": len(hodes_only)}

        await ui.press(pilot, "escape", "escape")  # the filter cleared, then left
        await ui.filter(pilot, "date:2025 org:tokyo")
        tokyo = [r for r, s in by_speaker.items() if s in ("martinez", "ema", "hoshi")]
        assert sorted(ui.matched_ids(app)) == sorted(f"a-year-on/{r}" for r in tokyo)
