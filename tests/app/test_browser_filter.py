"""Opening the browser, live filtering, and the query language in the filter bar."""

from __future__ import annotations

from textual.widgets import Input

from tui.browser.widgets.exchanges import ExchangeView

TITLE = "International Trends in AI Safety and Governance"


async def test_start_shows_every_remark_as_threads(app, ui, raw_event):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        rows = ui.exchanges(app).rows
        ids = [row.remark.id for row in rows]
        assert sorted(ids) == sorted(r["id"] for r in raw_event["remarks"])
        assert len(ids) == 28
        assert not any(row.context for row in rows)
        # Replies sit under their parents: r12 follows r11 and is one level in.
        assert ids[ids.index("r11") + 1] == "r12"
        depth = {row.remark.id: row.depth for row in rows}
        assert depth["r11"] == 0
        assert depth["r12"] == 1
        assert depth["r19"] == 2  # r19 -> r18 -> r17
        # Every reply comes after its parent, inside the parent's thread.
        parents = {r["id"]: r.get("reply_to") for r in raw_event["remarks"]}
        for index, remark_id in enumerate(ids):
            parent = parents[remark_id]
            if parent is not None:
                assert ids.index(parent) < index
                assert depth[remark_id] == depth[parent] + 1
        assert ui.status(app) == "28 of 28 remarks"
        assert isinstance(app.focused, ExchangeView)
        header = ui.header(app)
        assert TITLE in header
        assert "about 30 at the venue" in header


async def test_typing_filters_on_every_keystroke(app, ui, raw_event, ancestors):
    def expected(text: str) -> list[str]:
        return [r["id"] for r in raw_event["remarks"] if text.lower() in r["text"].lower()]

    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await pilot.press("slash")
        await ui.settle(pilot)
        assert isinstance(app.focused, Input)
        typed = ""
        for char in "safety":
            await pilot.press(char)
            await ui.settle(pilot)
            typed += char
            want = expected(typed)
            assert ui.status(app).startswith(f"{len(want)} of 28 remarks"), (typed, ui.status(app))
            assert typed in ui.status(app)
            assert sorted(ui.matched_ids(app)) == sorted(want)
        safety = expected("safety")
        assert 0 < len(safety) < 28
        assert ui.status(app).startswith(f"{len(safety)} of 28 remarks")
        # Matching replies bring the remarks they answer, marked as context.
        context = ancestors(safety) - set(safety)
        assert context, "the bundled event has a matching reply to a non-matching remark"
        assert set(ui.context_ids(app)) == context
        assert "r18" in context  # r19 matches and answers r18, which does not
        ids = ui.ids(app)
        assert ids.index("r18") == ids.index("r19") - 1

        # Backspace widens the result again.
        await pilot.press("backspace")
        await ui.settle(pilot)
        wider = expected("safet")
        assert ui.status(app).startswith(f"{len(wider)} of 28 remarks")
        assert "filter: safet" in ui.status(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await ui.settle(pilot)
        assert ui.status(app).startswith(f"{len(expected('s'))} of 28 remarks")


async def test_enter_and_escape_in_the_filter(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "ai")
        assert not ui.status(app).startswith("28 of 28")
        # enter keeps the filter and goes to the results.
        await ui.press(pilot, "enter")
        assert isinstance(app.focused, ExchangeView)
        assert "filter: ai" in ui.status(app)
        # escape clears the filter; a second escape leaves it.
        await ui.press(pilot, "slash", "escape")
        assert ui.status(app) == "28 of 28 remarks"
        assert app.query_one("#filter", Input).value == ""
        assert isinstance(app.focused, Input), "the first escape only clears"
        await ui.press(pilot, "escape")
        assert isinstance(app.focused, ExchangeView)
        assert ui.status(app) == "28 of 28 remarks"


async def test_speaker_query_shows_her_remarks_with_context(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "speaker:merve")
        assert ui.matched_ids(app) == ["r06", "r07", "r14", "r20"]
        assert ui.context_ids(app) == ["r11"]
        assert ui.rows(app) == [
            ("r06", False),
            ("r07", False),
            ("r11", True),
            ("r14", False),
            ("r20", False),
        ]
        assert ui.status(app).startswith("4 of 28 remarks")
        assert "⚠" not in ui.status(app)


async def test_malformed_query_warns_and_keeps_running(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, '"unclosed')
        status = ui.status(app)
        assert "⚠" in status
        assert "quoted phrase is not closed" in status
        assert app.is_running
        assert len(ui.ids(app)) == 28  # the last good result stays
        # Closing the quote makes it a phrase search again.
        await ui.type(pilot, '"')
        assert "⚠" not in ui.status(app)
        assert ui.status(app).startswith("0 of 28 remarks")


async def test_unknown_speaker_shows_nothing_with_a_hint(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "speaker:zzz")
        status = ui.status(app)
        assert status.startswith("0 of 28 remarks")
        assert "⚠" in status
        assert "speaker:zzz" in status.split("⚠", 1)[1]
        assert ui.ids(app) == []
        assert any("speaker:zzz" in line for line in ui.exchange_lines(app))


async def test_no_result_says_no_remarks_match(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "xylophone")
        assert ui.status(app).startswith("0 of 28 remarks")
        assert ui.ids(app) == []
        text = "\n".join(ui.exchange_lines(app))
        assert "No remarks match" in text
        assert "xylophone" in text


async def test_a_long_warning_keeps_to_one_line_and_is_one_key_away(make_app, ui, bundled_path):
    app = make_app(bundled_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "speeker:iida regulation and a long tail of words")
        status = app.query_one("#status")
        assert status.region.height == 1  # never pushes the panes
        shown = ui.screen_lines(app)[status.region.y]
        assert "⚠" in shown  # the warning comes right after the count, before what may be cut
        await ui.press(pilot, "enter", "i")
        (full,) = [m for m in app.notifications_seen if "unknown field 'speeker:'" in m]
        # the whole warning, cut on screen at 60 columns, and the query whose results still show
        assert full.startswith("0 of 28 remarks · ⚠ unknown field 'speeker:'; did you mean speaker:?")
        assert 'put it in quotes: "speeker:") · filter: speeker' in full


async def test_with_speaker_labels_the_filter_hint_is_short_enough_to_read(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "s")
        for speaker in ("hickok", "iida"):
            await ui.highlight_speaker(pilot, speaker)
            await ui.press(pilot, "enter")
        hint = app.query_one("#filter", Input)
        assert ui.labels(app) == ["Merve Hickok ✕", "Yoichi Iida ✕"]
        assert len(hint.placeholder) < hint.content_region.width  # whole, not cut


async def test_thread_headings_never_wrap_under_the_guides(make_app, ui, bundled_path):
    from tui.browser.screens.remark import RemarkScreen

    app = make_app(bundled_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "3", "G", "k", "k", "enter")
        assert isinstance(app.screen, RemarkScreen)
        heads = list(app.screen.query(".thread-head"))
        assert heads and all(head.region.height == 1 for head in heads)


async def test_each_remark_shows_its_id_to_type_in_podium_thread(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        lines = ui.exchange_lines(app)
        assert lines[0].rstrip().endswith("r01")  # at the end of the speaker line
        await ui.filter(pilot, "moratorium")
        (matched,) = ui.matched_ids(app)
        assert any(line.rstrip().endswith(matched) for line in ui.exchange_lines(app))
