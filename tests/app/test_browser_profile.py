"""The profile pane follows the reader: the speaker of the remark, or of the speaker row, under the cursor."""

from __future__ import annotations


def bio_name(app) -> str:
    """The name the profile starts with, without its honorific."""
    first = str(app.query_one("#bio-text").render()).splitlines()[0]
    names = [s.name for s in app.proceedings.speakers if first.endswith(s.name)]
    assert names, first
    return max(names, key=len)


async def test_the_profile_is_the_speaker_of_the_remark_under_the_cursor(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert app.query_one("#bio").border_title == "Profile"
        assert bio_name(app) == "Hideaki Shiroyama"  # r01
        await ui.press(pilot, "G")  # the last remark: Takeo Hoshi's
        assert bio_name(app) == "Takeo Hoshi"
        await ui.press(pilot, "k")
        assert bio_name(app) == app.proceedings.speaker_by_id[app.query_one("#exchanges").current.speaker].name


async def test_a_filter_shows_the_profile_of_its_first_match(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.filter(pilot, "moratorium")
        await ui.press(pilot, "enter")  # back to the exchanges: only Sellitto's remark
        assert bio_name(app) == "Michael Sellitto"


async def test_in_the_speakers_pane_the_profile_is_the_highlighted_speaker(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        await ui.press(pilot, "G")
        await ui.press(pilot, "s")
        await ui.highlight_speaker(pilot, "iida")
        assert bio_name(app) == "Yoichi Iida"
        await ui.press(pilot, "a")  # the agenda: the last profile stays
        assert bio_name(app) == "Yoichi Iida"
        await ui.press(pilot, "e")
        assert bio_name(app) == "Takeo Hoshi"


async def test_while_typing_a_filter_the_profile_is_the_speaker_of_the_remark_under_the_cursor(app, ui):
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert bio_name(app) == "Hideaki Shiroyama"  # r01, the cursor's
        await ui.filter(pilot, "moratorium")  # still in the filter: only Sellitto's remark matches
        assert app.focused is app.query_one("#filter")
        assert bio_name(app) == "Michael Sellitto"
