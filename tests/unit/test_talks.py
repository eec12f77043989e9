"""A schedule's talks are filtered by the same query language as remarks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.model import Proceedings
from tui.core.query import parse
from tui.core.talks import TalkSearch, is_schedule
from tui.formats.open import load_file

SCHEDULE = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "schedule.yaml"


@pytest.fixture(scope="module")
def schedule() -> Proceedings:
    proceedings, problems = load_file(SCHEDULE)
    assert proceedings is not None, problems
    return proceedings


def _titles(
    schedule: Proceedings, query: str, speakers: frozenset[str] = frozenset(), scope: str | None = None
) -> list[str]:
    outcome = TalkSearch(schedule).run(parse(query), speakers, scope)
    return [schedule.sections[i].title for i in outcome.talks]


def test_a_schedule_is_talks_without_remarks(schedule: Proceedings, bundled: Proceedings) -> None:
    assert is_schedule(schedule)
    assert not is_schedule(bundled)


def test_words_match_title_abstract_room_and_speaker_names(schedule: Proceedings) -> None:
    assert _titles(schedule, "") == ["Opening keynote", "Compilers for everyone", "Can machines think?"]
    assert _titles(schedule, "compiler") == ["Compilers for everyone"]  # title and abstract
    assert _titles(schedule, "imitation") == ["Can machines think?"]  # abstract only
    assert _titles(schedule, '"main hall"') == ["Opening keynote", "Can machines think?"]  # room
    assert _titles(schedule, "hopper") == ["Compilers for everyone"]  # a speaker's name
    assert _titles(schedule, "-keynote") == ["Compilers for everyone"]  # title and track excluded


def test_speaker_terms_and_chosen_speakers_match_any_speaker_of_a_talk(schedule: Proceedings) -> None:
    assert _titles(schedule, "speaker:ada") == ["Opening keynote", "Compilers for everyone"]
    assert _titles(schedule, "-speaker:ada") == ["Can machines think?"]
    assert _titles(schedule, "", frozenset({"alan", "grace"})) == ["Compilers for everyone", "Can machines think?"]


def test_topic_is_the_track_and_section_the_talk(schedule: Proceedings) -> None:
    assert _titles(schedule, "topic:languages") == ["Compilers for everyone"]
    assert _titles(schedule, "section:3") == ["Can machines think?"]
    assert _titles(schedule, "", scope="opening") == ["Opening keynote"]


def test_counts_lift_their_own_restriction(schedule: Proceedings) -> None:
    outcome = TalkSearch(schedule).run(parse("keynote"), frozenset({"alan"}), None)
    assert [schedule.sections[i].id for i in outcome.talks] == ["machines"]
    # Speakers are counted as if no speaker were chosen; talks as if no scope were.
    assert outcome.speaker_counts == {"ada": 1, "alan": 1}
    assert outcome.section_counts == {"machines": 1}


def test_a_speaker_term_that_names_nobody_is_reported(schedule: Proceedings) -> None:
    outcome = TalkSearch(schedule).run(parse("speaker:nobody"))
    assert outcome.talks == []
    assert [str(t) for t in outcome.unmatched] == ["speaker:nobody"]


def test_or_matches_either_side_and_a_whole_word_only_as_a_word(schedule: Proceedings) -> None:
    assert _titles(schedule, "compiler OR imitation") == ["Compilers for everyone", "Can machines think?"]
    assert _titles(schedule, "speaker:alan OR compiler") == ["Compilers for everyone", "Can machines think?"]
    assert _titles(schedule, "=compile") == []  # only "compiler" and "compilers" are there
    assert _titles(schedule, "compile") == ["Compilers for everyone"]
    assert _titles(schedule, "-=compile") == ["Opening keynote", "Compilers for everyone", "Can machines think?"]


def test_a_speaker_term_is_lifted_for_the_speaker_counts_as_for_remarks(schedule: Proceedings) -> None:
    outcome = TalkSearch(schedule).run(parse("speaker:alan"))
    assert [schedule.sections[i].id for i in outcome.talks] == ["machines"]
    assert outcome.speaker_counts == {"ada": 2, "grace": 1, "alan": 1}  # every speaker, as if none were asked
    assert outcome.section_counts == {"machines": 1}


def test_org_role_and_date_pick_talks_by_their_speakers_and_their_days(schedule: Proceedings) -> None:
    assert _titles(schedule, "role:speaker") == ["Compilers for everyone"]  # Grace's event role
    assert _titles(schedule, "-role:speaker") == ["Opening keynote", "Can machines think?"]  # no talk of hers
    assert _titles(schedule, "org:x") == []  # no one here has an organisation
    everything = _titles(schedule, "")
    assert _titles(schedule, "date:2025-06") == everything
    # each talk on its own day: the schedule runs 2025-06-14 to 06-15
    assert _titles(schedule, "date:..2025-06-14") == ["Opening keynote", "Compilers for everyone"]
    assert _titles(schedule, "date:2025-06-15") == ["Can machines think?"]
    assert _titles(schedule, "date:2024") == [] and _titles(schedule, "keynote -date:2025") == []
