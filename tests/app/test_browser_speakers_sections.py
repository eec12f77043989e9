"""Filtering by speaker (list, labels, remarks) and scoping to a section (keys, agenda)."""

from __future__ import annotations

from collections import Counter

from tui.browser.widgets.exchanges import ExchangeView
from tui.browser.widgets.filter_bar import SpeakerLabel
from tui.browser.widgets.lists import AgendaList, SpeakerList

HICKOK = ["r06", "r07", "r14", "r20"]


async def test_speaker_filter_from_the_speakers_pane(app, ui, select_remarks, ancestors):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "s")
        assert isinstance(app.focused, SpeakerList)

        await ui.highlight_speaker(pilot, "hickok", key="down")
        await ui.press(pilot, "f")
        assert ui.matched_ids(app) == HICKOK
        assert ui.context_ids(app) == ["r11"]
        assert ui.status(app).startswith("4 of 28 remarks")
        assert "Merve Hickok" in ui.status(app)
        assert ui.labels(app) == ["Merve Hickok ✕"]
        hickok_prompt = next(p for p in ui.speaker_prompts(app) if "Merve Hickok" in p)
        assert hickok_prompt.startswith("● "), "the chosen speaker is marked in the list"
        # f again stops it, and once more brings it back.
        await ui.press(pilot, "f")
        assert ui.status(app) == "28 of 28 remarks"
        assert ui.labels(app) == []
        await ui.press(pilot, "f")
        assert ui.labels(app) == ["Merve Hickok ✕"]

        # enter on another speaker adds them: either speaker's remarks.
        await ui.highlight_speaker(pilot, "iida", key="j")
        await ui.press(pilot, "enter")
        both = select_remarks(lambda r: r["speaker"] in ("hickok", "iida"))
        assert sorted(ui.matched_ids(app)) == sorted(both)
        assert set(ui.context_ids(app)) == ancestors(both) - set(both)
        assert ui.status(app).startswith(f"{len(both)} of 28 remarks")
        assert ui.labels(app) == ["Merve Hickok ✕", "Yoichi Iida ✕"]

        # Clicking a label removes that speaker's filter only.
        label = next(w for w in app.query(SpeakerLabel) if w.speaker_id == "hickok")
        await pilot.click(label)
        await ui.settle(pilot)
        iida = select_remarks(lambda r: r["speaker"] == "iida")
        assert sorted(ui.matched_ids(app)) == sorted(iida)
        assert ui.labels(app) == ["Yoichi Iida ✕"]
        assert "Merve Hickok" not in ui.status(app)

        label = app.query_one(SpeakerLabel)
        await pilot.click(label)
        await ui.settle(pilot)
        assert ui.labels(app) == []
        assert ui.status(app) == "28 of 28 remarks"


async def test_f_on_a_remark_toggles_its_speaker(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        view = app.query_one(ExchangeView)
        assert isinstance(app.focused, ExchangeView)
        while view.current is not None and view.current.id != "r06":
            before = view.cursor
            await ui.press(pilot, "j")
            assert view.cursor == before + 1
        assert view.current is not None and view.current.id == "r06"
        await ui.press(pilot, "f")
        assert ui.matched_ids(app) == HICKOK
        assert ui.labels(app) == ["Merve Hickok ✕"]
        assert view.current is not None and view.current.id == "r06", "the cursor stays on the remark"
        await ui.press(pilot, "f")
        assert ui.status(app) == "28 of 28 remarks"
        assert ui.labels(app) == []


async def test_number_keys_scope_to_a_section(app, ui, raw_event):
    panel = [r["id"] for r in raw_event["remarks"] if r["section"] == "panel"]
    assert len(panel) == 13
    async with app.run_test(size=ui.size, notifications=True) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3")
        assert ui.status(app).startswith("13 of 28 remarks")
        assert "3. Panel Discussion" in ui.status(app)
        assert sorted(ui.ids(app)) == sorted(panel)
        assert app.query_one(AgendaList).highlighted == 3
        # The speakers pane counts each speaker's remarks in the section.
        counts = Counter(r["speaker"] for r in raw_event["remarks"] if r["section"] == "panel")
        prompts = ui.speaker_prompts(app)
        for speaker in raw_event["speakers"]:
            first_line = next(p for p in prompts if speaker["name"] in p.split("\n")[0]).split("\n")[0]
            assert first_line.endswith(f"({counts[speaker['id']]})"), first_line

        await ui.press(pilot, "0")
        assert ui.status(app) == "28 of 28 remarks"
        assert len(ui.ids(app)) == 28
        assert app.query_one(AgendaList).highlighted == 0

        await ui.press(pilot, "3")
        rows = ui.rows(app)
        await ui.press(pilot, "9")
        assert ui.rows(app) == rows, "a section that does not exist changes nothing"
        assert ui.status(app).startswith("13 of 28 remarks")
        assert any("no section 9" in message for message in app.notifications_seen)
        assert any("no section 9" in line for line in ui.screen_lines(app)), "the notification is shown"


async def test_choosing_a_section_in_the_agenda(app, ui, raw_event):
    questions = [r["id"] for r in raw_event["remarks"] if r["section"] == "questions"]
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "a")
        agenda = app.query_one(AgendaList)
        assert app.focused is agenda
        while agenda.highlighted != 4:
            await ui.press(pilot, "j")
        await ui.press(pilot, "enter")
        assert ui.ids(app) == questions
        assert ui.status(app).startswith(f"{len(questions)} of 28 remarks")
        assert "4. Questions from an audience" in ui.status(app)

        # "All sections" undoes it.
        await ui.press(pilot, "g", "enter")
        assert ui.status(app) == "28 of 28 remarks"
        await ui.press(pilot, "e")
        assert isinstance(app.focused, ExchangeView)


async def test_agenda_counts_follow_the_filter(app, ui, raw_event):
    sections = raw_event["sections"]

    def expected(keep, scope: str | None = None) -> list[str]:
        """Each entry with its count; the section in force (or All sections) is marked with a dot."""
        counts = Counter(r["section"] for r in raw_event["remarks"] if keep(r))
        total = sum(counts.values())
        mark = {None: "", **{s["id"]: "" for s in sections}, scope: "● "}
        return [f"{mark[None]}All sections ({total})"] + [
            f"{mark[s['id']]}{s['number']}. {s['title']} ({counts[s['id']]})" for s in sections
        ]

    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert ui.agenda_prompts(app) == expected(lambda r: True)
        await ui.filter(pilot, "safety")
        assert ui.agenda_prompts(app) == expected(lambda r: "safety" in r["text"].lower())
        # Scoped to a section, the agenda still counts every section, and marks the one in force.
        await ui.press(pilot, "enter", "3")
        assert ui.agenda_prompts(app) == expected(lambda r: "safety" in r["text"].lower(), "panel")
