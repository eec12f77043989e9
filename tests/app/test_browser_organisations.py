"""The speakers pane counts each organisation two or more speakers share, and enter filters on it."""

from __future__ import annotations

from tui.browser.widgets.lists import ORGANISATION, SpeakerList, members_of
from tui.core.model import Proceedings
from tui.core.query_parse import toggled_term
from tui.formats.bundled import bundled_event
from tui.formats.open import load_file

GPAI = "Global Partnership on AI (GPAI)"


def bundled() -> Proceedings:
    event, problems = load_file(bundled_event())
    assert event is not None and not problems
    return event


def test_an_organisation_is_listed_when_two_or_more_speak_for_it() -> None:
    event = bundled()
    members = members_of(event)
    assert set(members) == {GPAI, "Tokyo College, The University of Tokyo"}
    assert {event.speaker_by_id[s].name.split()[-1] for s in members[GPAI]} == {"Hodes", "Martinez"}


def test_a_term_is_added_then_taken_out() -> None:
    assert toggled_term("safety", "org", GPAI) == f'safety org:"{GPAI}"'
    assert toggled_term(f'safety org:"{GPAI}" speaker:x', "org", GPAI) == "safety speaker:x"
    # an exclusion is not the term: the organisation is added beside it, the exclusion kept
    assert toggled_term(f'-org:"{GPAI}"', "org", GPAI) == f'-org:"{GPAI}" org:"{GPAI}"'


def test_a_term_is_not_toggled_where_it_cannot_be_faithfully() -> None:
    assert toggled_term("", "org", 'The "Quoted" Group') is None  # the quote would end the phrase early
    assert toggled_term(f'org:"{GPAI}" OR safety', "org", GPAI) is None  # which side?
    assert toggled_term("safety OR regulation", "org", GPAI) is None


async def test_enter_on_an_organisation_filters_its_speakers_remarks_and_again_stops(app, ui):
    event = bundled()
    gpai = {s.id for s in event.speakers if s.organisation == GPAI}
    theirs = sum(1 for r in event.remarks if r.speaker in gpai)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        prompts = ui.speaker_prompts(app)
        assert f"{GPAI} ({theirs})" in "\n".join(prompts)
        await ui.press(pilot, "s")
        await ui.highlight_speaker(pilot, ORGANISATION + GPAI)
        profile = str(app.query_one("#bio-text").render())
        assert profile.startswith(f"{GPAI}\nOrganisation of 2 speakers, {theirs} remarks in all")
        assert "\nInma Martinez (5)\nCyrus Hodes (4)" in profile
        await ui.press(pilot, "enter")
        assert app.screen.query_one("#filter").value == f'org:"{GPAI}"'
        assert ui.status(app).startswith(f"{theirs} of {len(event.remarks)} remarks")
        assert any(p.startswith(f"● {GPAI} ({theirs})") for p in ui.speaker_prompts(app))
        assert {app.query_one(SpeakerList).highlighted_option.id} == {ORGANISATION + GPAI}
        await ui.press(pilot, "enter")
        assert app.screen.query_one("#filter").value == ""
        assert ui.status(app).startswith(f"{len(event.remarks)} of {len(event.remarks)} remarks")


async def test_all_events_lists_no_organisation_whose_members_it_joins_over_events(make_app, ui):
    # In All events one person is one row over every event; their organisation may differ by event
    # (a member changing group), so an organisation's count would not be what org: finds.
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "tei_corpora" / "ParlaMint-XX"
    from tui.formats.open import expand_paths

    app = make_app(*expand_paths([corpus]))
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert not [o for o in app.query_one(SpeakerList).options if o.id.startswith(ORGANISATION)]
        await ui.press(pilot, "]")  # the first sitting alone: its groups are listed
        names = [o.title for o in app.query_one(SpeakerList).options if o.id.startswith(ORGANISATION)]
        assert names == ["Green Group (GRN)"]
