"""pretalx's schedule widget data (widgets/schedule.json, and the older widget/v1.json) as a schedule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from format_cases import ROOT, SHARED
from format_cases import assert_valid_schedule as assert_valid
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import Proceedings
from tui.formats.open import pick_format
from tui.formats.podium_yaml import read_podium_yaml
from tui.formats.podium_yaml_writer import to_podium_yaml
from tui.formats.pretalx_json import FORMAT, read_pretalx_json, sniff

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "schedules"


def read(path: Path) -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = read_pretalx_json(path.name, path.read_bytes())
    return proceedings, [str(p) for p in problems]


def from_json(value: object) -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = read_pretalx_json("inline.json", json.dumps(value, indent=1).encode())
    return proceedings, [str(p) for p in problems]


def load(path: Path) -> Proceedings:
    proceedings, problems = read(path)
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def agenda(p: Proceedings) -> list[tuple[object, ...]]:
    return [(s.title, s.kind, s.start, s.duration, s.room, s.track, s.speakers) for s in p.sections]


def test_widget_schedule_talks_rooms_tracks_and_speakers_by_id() -> None:
    p = load(FIXTURES / "pretalx_widget.json")
    assert p.origin == "pretalx widget schedule.json"
    assert (p.event.title, p.event.date, p.event.end_date) == ("pretalx_widget", "2025-09-20", "2025-09-21")
    assert agenda(p) == [
        # the slot's length (start to end), not the submission's nominal 40 minutes
        ("Typing the untyped", "talk", "2025-09-20T10:00:00+02:00", 45, "Great Hall", "Languages",
         ("barbara-liskov", "niklaus-wirth")),
        # a room with no English name: the first language given
        ("Hands on parsers", "workshop", "2025-09-20T10:00:00+02:00", 90, "Werkstatt", "Tools",
         ("niklaus-wirth",)),
        # a break: a translated title, its start given in UTC and told at its end's offset
        ("Coffee break", "other", "2025-09-20T10:45:00+02:00", 30, "Great Hall", None, ()),
        ("Closing remarks", "talk", "2025-09-21T17:00:00+02:00", 15, "Werkstatt", None, ("barbara-liskov",)),
    ]  # fmt: skip
    typing = p.sections[0]
    assert typing.abstract == "Gradual types for a dynamic language.\nWith examples. And a live demo."
    assert [(s.name, s.bio) for s in p.speakers] == [
        ("Barbara Liskov", "Substitution,\nprinciple."),
        ("Niklaus Wirth", None),
    ]


def test_widget_v1_days_of_rooms_of_talks() -> None:
    p = load(FIXTURES / "pretalx_widget_v1.json")
    assert (p.event.title, p.event.date, p.event.end_date) == ("democon", "2023-05-06", None)  # the URL's slug
    assert agenda(p) == [
        ("Why pretalx has codes", "talk", "2023-05-06T09:00:00+02:00", 45, "Lecture Hall", "Infrastructure",
         ("frances-allen", "jean-sammet")),
        ("COBOL at sixty", "talk", "2023-05-06T09:15:00+02:00", 30, "Seminar Room", None, ("jean-sammet",)),
        ("Lunch", "other", "2023-05-06T12:00:00+02:00", 60, "Lecture Hall", None, ()),  # a break: no code
    ]  # fmt: skip


def test_v1_speaker_names_shown_when_no_list() -> None:
    talk = {"title": "T", "code": "AAAAAA", "display_speaker_names": "Ada Lovelace, Grace Hopper",
            "start": "2023-05-06T09:00:00+02:00", "end": "2023-05-06T09:30:00+02:00"}  # fmt: skip
    p, problems = from_json({"schedule": [{"rooms": [{"name": "R", "talks": [talk]}]}]})
    assert problems == []
    assert p is not None
    assert [s.name for s in p.speakers] == ["Ada Lovelace", "Grace Hopper"]


def test_sniff_claims_widget_data_only() -> None:
    assert FORMAT.suffixes == (".json",)
    assert not FORMAT.suffix_is_enough
    for name in ("pretalx_widget.json", "pretalx_widget_v1.json"):
        data = (FIXTURES / name).read_bytes()
        assert sniff(data)
        assert pick_format(name, data) == FORMAT  # no other JSON reader claims it
    assert sniff(b'\xef\xbb\xbf {"talks": [{"title": "x"}]}')  # "talks" first, as pretalx writes it
    assert sniff(b'{"event_end": "2025-01-02", "event_start": "2025-01-01", "rooms": [], "talks": []}')  # keys sorted
    assert not sniff(b'{"talks": [{"title": "x"}], "schedule": {"conference": {}}}')
    assert not sniff(b'{"version": "1.0.0", "segments": [], "talks": []}')
    assert not sniff(b'{"name": "x", "items": {"talks": []}}')  # "talks" neither first nor beside event_start
    assert not sniff(b'[{"talks": []}]')
    for name in ("c3voc_v1_pretalx-rc3.json", "c3voc_v2_hub-schedule2.json", "podcastns_example.json"):
        if (SHARED / name).exists():
            assert not sniff((SHARED / name).read_bytes()[:65536])
    for name in ("v1_small.json", "v2_small.json"):
        assert not sniff((FIXTURES / name).read_bytes())


def test_bad_talks_are_named_and_placed() -> None:
    p, problems = from_json(
        {
            "talks": [
                {"code": "NOTITL", "start": "2025-01-01T10:00:00+01:00", "end": "2025-01-01T10:30:00+01:00"},
                {"code": "BADSTA", "title": "Bad start", "start": "ten o'clock", "room": 99, "speakers": ["NOBODY"]},
                "not a talk",
            ],
            "event_start": "2025-01-01",
            "rooms": [],
            "speakers": [{"code": "NONAME"}],
        }
    )
    assert problems == [
        'inline.json:23:4: the "speakers" list lists a speaker with no "name"; give their name',
        'inline.json:4:4: talk "NOTITL" has no "title"; add one (it is shown as "Untitled talk (NOTITL)")',
        'inline.json:9:4: talk "Bad start" starts "ten o\'clock", not a date and time like '
        "2024-12-27T10:30:00+01:00; it is left out",
        'inline.json:9:4: talk "Bad start" is in room 99, which "rooms" does not list; its room is left out',
        'inline.json:9:4: talk "Bad start" names speaker "NOBODY", whom "speakers" does not list; left out',
        'inline.json:1:1: "talks" lists "not a talk", not a talk; it is left out',
    ]
    assert p is not None
    assert_valid(p)
    assert [(s.title, s.start, s.duration, s.room, s.speakers) for s in p.sections] == [
        ("Untitled talk (NOTITL)", "2025-01-01T10:00:00+01:00", 30, None, ()),
        ("Bad start", None, None, None, ()),
    ]


def test_converts_to_podium_yaml_and_reads_back_the_same() -> None:
    for name in ("pretalx_widget.json", "pretalx_widget_v1.json"):
        p = load(FIXTURES / name)
        back, problems = read_podium_yaml("back.yaml", to_podium_yaml(p).encode())
        assert problems == []
        assert back is not None
        assert (back.event, back.speakers, back.sections) == (p.event, p.speakers, p.sections)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_pretalx_json("fuzz.json", data)
    assert proceedings is not None or problems


_scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=8))
_value = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)
_keys = st.sampled_from(["code", "id", "title", "start", "end", "duration", "room", "track", "speakers",
                         "abstract", "description", "session_type", "slot_type", "name", "biography"])  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    talks=st.lists(st.dictionaries(_keys, _value, max_size=8), max_size=4),
    listed=st.dictionaries(st.sampled_from(["rooms", "tracks", "speakers", "schedule"]), _value, max_size=4),
)
def test_any_widget_shape_gives_a_valid_event_or_problems(
    talks: list[dict[str, object]], listed: dict[str, object]
) -> None:
    proceedings, problems = from_json({"talks": talks, **listed})
    assert proceedings is not None or problems
    if proceedings is not None:
        assert_valid(proceedings)


@pytest.mark.parametrize("layout", ["v2", "v1"])
def test_control_characters_and_markup_stay_data(layout: str) -> None:
    talk = {"code": "CTRL01", "title": "[bold]Talk[/] \u202egnp.exe", "start": "2025-01-01T10:00:00+01:00",
            "speakers": [{"name": "Mallory \x9b31m", "code": "M"}]}  # fmt: skip
    root = {"talks": [talk], "event_start": "2025-01-01"} if layout == "v2" else {
        "schedule": [{"rooms": [{"name": "R", "talks": [talk]}]}]}  # fmt: skip
    p, problems = from_json(root)
    assert problems == []
    assert p is not None
    assert p.sections[0].title == "[bold]Talk[/] \u202egnp.exe"
    assert [s.name for s in p.speakers] == ["Mallory \x9b31m"]
