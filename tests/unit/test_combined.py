"""All events as one: each remark traced back to its event, a speaker of two events one speaker."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tui.core import column_math
from tui.core.combined import ALL_EVENTS_ID, CombinedTalks, combinable, combine
from tui.core.model import Library, Proceedings
from tui.core.query import SearchIndex, parse
from tui.core.search import LiveSearch
from tui.core.threads import ThreadIndex
from tui.formats.open import load_file


def test_each_remark_keeps_its_event_speaker_and_replies(make_proceedings):
    first = make_proceedings(["Opening words.", "A reply on safety."], reply_chain=True)
    second = make_proceedings(["Safety again.", "And a reply.", "A third."], reply_chain=True, event_title="Two")
    combined = combine(Library((first, second)))
    whole = combined.proceedings
    assert whole.event.id == ALL_EVENTS_ID
    # Both files say demo-2024: the second event's remarks get an id of their own.
    assert [r.id for r in whole.remarks] == [
        "demo-2024/r01",
        "demo-2024/r02",
        "demo-2024-2/r01",
        "demo-2024-2/r02",
        "demo-2024-2/r03",
    ]
    assert [s.title for s in whole.sections] == [first.event.title, "Two"]
    assert [r.reply_to for r in whole.remarks] == [None, "demo-2024/r01", None, "demo-2024-2/r01", "demo-2024-2/r02"]
    assert [s.id for s in whole.speakers] == ["ana"]  # the same id in both: one speaker
    origins = [combined.origin(r) for r in whole.remarks]
    assert [(index, original.id) for index, original in origins] == [
        (0, "r01"),
        (0, "r02"),
        (1, "r01"),
        (1, "r02"),
        (1, "r03"),
    ]
    for remark, (index, original) in zip(whole.remarks, origins, strict=True):
        assert original is (first, second)[index].remarks[original.position] and original.text == remark.text
        assert combined.combined_id(index, original.id) == remark.id
    assert [(p.event.title, n) for p, n in combined.counts_by_event("ana")] == [(first.event.title, 2), ("Two", 3)]
    # Replies thread within their event; a search spans both.
    assert list(ThreadIndex(whole).depth) == [0, 1, 0, 1, 2]
    assert SearchIndex(whole).search(parse("safety")) == [1, 2]
    assert SearchIndex(whole).search(parse("safety section:2")) == [2]


def test_one_id_with_two_names_is_two_speakers(make_proceedings):
    first = make_proceedings(["I chair this one."], speaker_name="Jane Doe")
    second = make_proceedings(["And I chair this one."], speaker_name="John Roe", event_title="Two")
    third = make_proceedings(["Jane again."], speaker_name="jane doe ", event_title="Three")
    whole = combine(Library((first, second, third))).proceedings
    names = [whole.speaker_by_id[r.speaker].name for r in whole.remarks]
    assert names == ["Jane Doe", "John Roe", "Jane Doe"]  # ids are per file; names decide
    assert [s.id for s in whole.speakers] == ["ana", "demo-2024-2/ana"]


@pytest.mark.parametrize(
    "name",
    [
        *("SPEAKER_00", "Speaker 1", "Speaker A", "spk_0", "Guest-1", "Participant 3", "Sprecher 2", "说话人1"),
        *("Unknown speaker", "(unknown speaker)", "Unknown Speaker 2", "Unidentified speaker"),
    ],
)
def test_a_name_that_is_no_ones_is_a_speaker_per_event(make_proceedings, name):
    # Two recordings' "SPEAKER_00" are whoever the diariser met first in each: two people.
    first = make_proceedings(["First recording."], speaker_name=name)
    second = make_proceedings(["Second recording."], speaker_name=name, event_title="Two")
    whole = combine(Library((first, second))).proceedings
    assert [s.id for s in whole.speakers] == ["ana", "demo-2024-2/ana"]
    assert [s.name for s in whole.speakers] == [name, name]


@pytest.mark.parametrize("name", ["Speaker Pelosi", "Guest Lecturer Ada Byron", "Ann Speakerman"])
def test_a_name_that_only_looks_like_a_label_is_one_person(make_proceedings, name):
    first = make_proceedings(["First."], speaker_name=name)
    second = make_proceedings(["Second."], speaker_name=name, event_title="Two")
    assert [s.id for s in combine(Library((first, second))).proceedings.speakers] == ["ana"]


SCHEDULES = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "schedules"


def _schedule(name: str) -> Proceedings:
    proceedings, problems = load_file(SCHEDULES / name)
    assert proceedings is not None, problems
    return proceedings


@pytest.fixture
def with_schedules(make_proceedings: Callable[..., Proceedings]) -> CombinedTalks:
    """A debate and two schedules (events 2 and 3) that share speakers by id and name."""
    remarks = make_proceedings(["A compiler would help here."], event_title="A debate")
    library = Library((remarks, _schedule("v1_small.json"), _schedule("frab_small.xml")))
    assert combinable(library) is False  # one event with remarks: no All events of remarks…
    assert combinable(library, talks=True) is True  # …but one of remarks and talks
    return CombinedTalks(combine(library))


def _found(talks: CombinedTalks, query: str, **choices: Any) -> list[str]:
    outcome = talks.run(parse(query), **choices)
    events = talks.combined.library.events
    return [talks.talk_id(e, events[e].sections[i]) for e, i in outcome.talks]


def test_all_events_finds_every_schedules_talks_by_their_words(with_schedules: CombinedTalks) -> None:
    assert with_schedules.schedules == (1, 2)
    assert with_schedules.talk_counts() == {"v1-small": 6, "frab-small": 4}
    assert _found(with_schedules, "compiler") == ["v1-small/build-a-compiler", "frab-small/workshop-compilers"]
    outcome = with_schedules.run(parse("compiler"))
    assert outcome.total == 2
    assert outcome.event_counts == {"v1-small": 1, "frab-small": 1}  # the agenda's count per event
    assert outcome.speaker_counts == {"grace-hopper": 2, "ada-lovelace": 2}  # one person in both: one row
    assert _found(with_schedules, "machines OR =lightning") == [
        "v1-small/democon-2025-13-five-lightning-ideas",
        "v1-small/democon-2025-21-can-machines-think",
        "frab-small/can-machines-think",
    ]


def test_section_picks_events_and_speaker_all_events_speakers(with_schedules: CombinedTalks) -> None:
    assert _found(with_schedules, "section:3 keynotes") == [
        "frab-small/keynotes-welcome",
        "frab-small/can-machines-think",
    ]
    assert _found(with_schedules, "-section:2 compiler") == ["frab-small/workshop-compilers"]
    assert _found(with_schedules, "speaker:唐鳳") == [
        "v1-small/democon-2025-13-five-lightning-ideas",
        "frab-small/keynotes-welcome",
    ]
    assert with_schedules.run(parse("speaker:nobody")).unmatched[0].value == "nobody"


def test_the_scope_and_chosen_speakers_lift_their_own_counts(with_schedules: CombinedTalks) -> None:
    outcome = with_schedules.run(parse("machines"), frozenset({"alan-turing"}), "frab-small")
    events = with_schedules.combined.library.events
    assert [events[e].sections[i].id for e, i in outcome.talks] == ["can-machines-think"]
    assert outcome.event_counts == {"v1-small": 1, "frab-small": 1}  # every event, as if none were chosen
    assert outcome.speaker_counts == {"alan-turing": 1}  # in the chosen event, any speaker
    # Ids are per file: v1's second "Alan Turing" keeps an id of their own.
    assert with_schedules.combined.speaker_ids[1]["alan-turing-2"] == "alan-turing-2"


def _moved_on(bundled: Proceedings) -> Proceedings:
    """The bundled event a year later, where Martinez (same id and name: one person in All events) speaks for Tokyo."""
    speakers = tuple(
        replace(s, organisation="Tokyo College", event_roles=("moderator",)) if s.id == "martinez" else s
        for s in bundled.speakers
    )
    event = replace(bundled.event, id="later", title="A year later", date="2025-05-02")
    return Proceedings("later.yaml", event, speakers, bundled.sections, bundled.remarks)


@pytest.mark.parametrize("large", [10**9, 0])  # the loops, and numpy's whole-array steps
def test_all_events_reads_org_role_and_date_at_each_remarks_event(bundled: Proceedings, large: int) -> None:
    later = _moved_on(bundled)
    combined = combine(Library((bundled, later)))
    whole = combined.proceedings
    assert [s.id for s in whole.speakers].count("martinez") == 1  # one person, two organisations
    search = LiveSearch(whole, combined.parts())
    offset = combined.starts[1]

    def alone(event: Proceedings, source: str, start: int) -> list[int]:
        return [start + p for p in SearchIndex(event).search(parse(source))]

    saved, column_math.LARGE = column_math.LARGE, large
    try:
        for source in ("org:gpai", "org:tokyo", "role:moderator", "-org:gpai", "date:2025", "org:gpai date:..2024"):
            outcome = search.run(parse(source))
            assert list(outcome.positions) == alone(bundled, source, 0) + alone(later, source, offset), source
        gpai = search.run(parse("org:gpai safety"))
    finally:
        column_math.LARGE = saved
    # Martinez is GPAI's at the first event only (Hodes at both): the counts say so, per speaker and per event
    first, second = (SearchIndex(event).search(parse("org:gpai safety")) for event in (bundled, later))
    assert gpai.section_counts == Counter({whole.sections[0].id: len(first), whole.sections[1].id: len(second)})
    assert {bundled.remarks[p].speaker for p in second} == {"hodes"}
    martinez = [p for p in first if bundled.remarks[p].speaker == "martinez"]
    assert gpai.speaker_counts["martinez"] == len(martinez) > 0
