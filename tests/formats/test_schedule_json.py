"""c3voc schedule.json (v1 and v2): the conference as the event, talks as sections, persons as speakers."""

from __future__ import annotations

import html
import json
import re
from datetime import time
from pathlib import Path

import pytest
from format_cases import ROOT, SHARED, shared
from format_cases import assert_valid_schedule as assert_valid
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import Proceedings
from tui.formats.podium_yaml import read_podium_yaml
from tui.formats.podium_yaml_writer import to_podium_yaml
from tui.formats.schedule import clean_text, combine, iso_start, minutes
from tui.formats.schedule_json import FORMAT, read_schedule_json, sniff

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "schedules"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "schedules"


def read(path: Path) -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = read_schedule_json(path.name, path.read_bytes())
    return proceedings, [str(p) for p in problems]


def load(path: Path) -> Proceedings:
    proceedings, problems = read(path)
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def from_json(value: object, name: str = "inline.json") -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = read_schedule_json(name, json.dumps(value).encode())
    return proceedings, [str(p) for p in problems]


def agenda(p: Proceedings) -> list[tuple[object, ...]]:
    return [(s.id, s.kind, s.start, s.duration, s.room, s.track, s.speakers) for s in p.sections]


# --------------------------------------------------------------------------- v1


def test_v1_conference_is_the_event() -> None:
    p = load(FIXTURES / "v1_small.json")
    assert (p.event.id, p.event.title, p.event.date, p.event.end_date) == (
        "v1-small",
        "Demo Con 2025",
        "2025-06-14",
        "2025-06-15",
    )
    assert p.origin == "c3voc schedule.json"


def test_v1_talks_in_order_of_day_then_start_then_room() -> None:
    p = load(FIXTURES / "v1_small.json")
    assert agenda(p) == [
        # slug "QX7Z2A" is a pretalx code: the id comes from the title
        ("build-a-compiler", "workshop", "2025-06-14T09:00:00+02:00", 90, "Main Hall", "Languages",
         ("grace-hopper", "ada-lovelace")),
        ("democon-2025-11-opening-keynote", "talk", "2025-06-14T10:00:00+02:00", 45, "Main Hall", "Keynotes",
         ("ada-lovelace",)),
        ("democon-2025-13-five-lightning-ideas", "talk", "2025-06-14T10:00:00+02:00", 15, "Room B", None,
         ("speaker-bd556986", "alan-turing")),
        # only "start": "01:30", before the day's 06:00 start: the next date
        ("democon-2025-14-night-owls", "other", "2025-06-15T01:30", 30, "Room B", "Community", ()),
        # day two lists Room B first; Main Hall comes first, as on day one
        ("democon-2025-22-closing", "other", "2025-06-15T11:00:00+02:00", 30, "Main Hall", "Keynotes",
         ("grace-hopper",)),
        ("democon-2025-21-can-machines-think", "talk", "2025-06-15T11:00:00+02:00", 60, "Room B", "Keynotes",
         ("alan-turing", "alan-turing-2")),
    ]  # fmt: skip


def test_v1_titles_subtitles_and_abstracts() -> None:
    p = load(FIXTURES / "v1_small.json")
    by_id = p.section_by_id
    keynote = by_id["democon-2025-11-opening-keynote"]
    assert (keynote.title, keynote.description) == ("Opening keynote", "Why engines matter")
    # the subtitle opens the talk's text, where the browser shows it; CRLF; description equal to it: once
    assert keynote.abstract == "Why engines matter\nAnalytical engines\nfor poetry."
    assert by_id["build-a-compiler"].abstract == "Bring a laptop."  # empty abstract: the description
    assert by_id["build-a-compiler"].description is None  # empty subtitle
    assert by_id["democon-2025-13-five-lightning-ideas"].abstract == "Short & sharp.\nFive of them."  # HTML
    assert by_id["democon-2025-21-can-machines-think"].abstract == "An imitation game.\nPlayed with the audience."
    assert by_id["democon-2025-22-closing"].abstract is None


def test_v1_persons_become_one_speaker_each() -> None:
    p = load(FIXTURES / "v1_small.json")
    assert [(s.id, s.name, s.bio, s.event_roles) for s in p.speakers] == [
        ("grace-hopper", "Grace Hopper", None, ()),
        # the first non-empty biography; a doubly escaped "\\r\\n" and CRLF become line breaks
        ("ada-lovelace", "Ada Lovelace", "Wrote the first\nalgorithm.\nFor a machine.", ()),
        ("speaker-bd556986", "唐鳳", "Digital minister.", ()),
        ("alan-turing", "Alan Turing", "Asked the question.", ()),
        ("alan-turing-2", "Alan Turing", "A different Alan.", ()),  # same name, another id and code
    ]


def test_v1_title_cut_at_a_colon_goes_on_in_its_subtitle() -> None:
    talk = {"guid": "g1", "title": "Need for Speed:", "subtitle": "Most wanted", "date": "2025-01-01T10:00:00+01:00"}
    p, problems = from_json({"schedule": {"conference": {"title": "C", "days": [{"rooms": {"R": [talk]}}]}}})
    assert problems == []
    assert p is not None
    assert (p.sections[0].title, p.sections[0].description, p.sections[0].abstract) == (
        "Need for Speed: Most wanted",
        None,
        None,
    )


# --------------------------------------------------------------------------- v2


def test_v2_events_sorted_with_rooms_tracks_and_durations() -> None:
    p = load(FIXTURES / "v2_small.json")
    assert (p.event.title, p.event.date, p.event.end_date, p.event.summary) == (
        "Demo Con Two",
        "2025-06-14",
        "2025-06-15",
        "A conference\nof demos.",
    )
    assert agenda(p) == [
        ("democon2-opening", "talk", "2025-06-14T10:00:00+02:00", 40, "Saal 1", "Security",
         ("alex-speaker", "kim-helper")),
        # "duration" wins over start and end; "hands-on" is a workshop; a plain string room and track
        ("democon2-lockpicking", "workshop", "2025-06-14T10:00:00+02:00", 50, "Saal 2", "Security",
         ("alex-speaker",)),
        ("democon2-night-concert", "other", "2025-06-15T00:30:00+02:00", 60, "Saal 1", None, ()),
        # a room given by guid only, a track by slug only: their names from the conference's lists
        ("democon2-soldering", "workshop", "2025-06-15T10:00:00+02:00", 120, "Saal 2", "Science & Art",
         ("kim-helper", "dana-moderator", "sam-submitter")),
    ]  # fmt: skip
    opening = p.section_by_id["democon2-opening"]
    # a title cut at a colon goes on in its subtitle: one title, nothing left behind in a field no view shows
    assert (opening.title, opening.description) == ("Opening: The demos begin", None)
    assert opening.abstract == "Welcome.\nWe open\nthe demos."
    assert p.section_by_id["democon2-soldering"].abstract == "Löten lernen."  # the talk's language, "de"


def test_v2_persons_in_the_files_order_with_roles() -> None:
    p = load(FIXTURES / "v2_small.json")
    assert [(s.id, s.name, s.event_roles, s.bio) for s in p.speakers] == [
        # persons[] first, in its order, then participants it does not list
        ("kim-helper", "Kim Helper", ("contributor", "host"), "Helps at every event.\nLikes solder."),
        ("alex-speaker", "Alex Speaker", ("speaker",), "Speaks often."),
        ("lee-listed", "Lee Listed", (), "Listed, with no talk."),
        ("dana-moderator", "Dana Moderator", ("moderator",), None),
        ("sam-submitter", "Sam Submitter", (), None),  # SUBMITTER is no event role: dropped
    ]


def test_v2_at_conference_level_and_unwrapped() -> None:
    event = {"guid": "e1", "title": "Only talk", "start": "2025-06-14T10:00:00Z", "end": "2025-06-14T10:25:00Z",
             "persons": [{"guid": "p1"}]}  # fmt: skip
    person = {"guid": "p1", "name": "Pat", "bio": "Short bio."}
    conference = {"title": "Inner", "start": "2025-06-14T09:00:00Z", "end": "2025-06-14T18:00:00Z",
                  "events": [event], "persons": [person]}  # fmt: skip
    for document in ({"schedule": {"version": "1", "conference": conference}}, {"conference": conference}):
        p, problems = from_json(document)
        assert problems == []
        assert p is not None
        assert (p.event.date, p.event.end_date) == ("2025-06-14", None)
        assert [(s.title, s.start, s.duration, s.speakers) for s in p.sections] == [
            ("Only talk", "2025-06-14T10:00:00Z", 25, ("pat",))
        ]
        assert [(s.name, s.bio) for s in p.speakers] == [("Pat", "Short bio.")]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("Talk 30 min + 10min Q&A", "talk"),
        ("lecture", "talk"),
        ("LightningTalk 15min", "talk"),
        ("LIGHTNING_TALK", "talk"),
        ("Workshop 110min", "workshop"),
        ("WORKSHOP", "workshop"),
        ("hands-on", "workshop"),
        ("meeting", "other"),
        ("Other", "other"),
        ("", "talk"),
        (None, "talk"),
    ],
)
def test_talk_kind_from_its_type(kind: str | None, expected: str) -> None:
    event = {"guid": "e1", "title": "T", "type": kind, "start": "2025-06-14T10:00:00Z"}
    p, _ = from_json({"schedule": {"conference": {"title": "C", "days": []}, "events": [event]}})
    assert p is not None
    assert p.sections[0].kind == expected


@pytest.mark.parametrize(
    "path", [FIXTURES / "v1_small.json", FIXTURES / "v2_small.json", HOSTILE / "control-chars.json"]
)
def test_converts_to_podium_yaml_and_reads_back_the_same(path: Path) -> None:
    p = load(path)
    back, problems = read_podium_yaml("back.yaml", to_podium_yaml(p).encode())
    assert problems == []
    assert back is not None
    assert (back.event, back.speakers, back.sections, back.remarks) == (p.event, p.speakers, p.sections, ())


# --------------------------------------------------------------------------- the shared helpers


@pytest.mark.parametrize(
    ("value", "expected"),
    [("00:40", 40), ("1:30:00", 90), ("0:25:30", 26), ("0:25:29", 25), ("45", 45), (45, 45), ("120:00", 7200),
     ("00:60", None), ("-0:30", None), ("half", None), (True, None), (-5, None), (None, None), ("", None)],
)  # fmt: skip
def test_minutes(value: object, expected: int | None) -> None:
    assert minutes(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-12-27T11:30:00+01:00", "2020-12-27T11:30:00+01:00"),  # as given
        ("2024-12-27T10:30:00Z", "2024-12-27T10:30:00Z"),
        ("2025-06-14 09:00", "2025-06-14 09:00"),
        ("2025-06-14T10:00:00+01", "2025-06-14T10:00:00+01:00"),  # read, but not as Podium writes it: normalised
        ("2025-06-14T25:00:00", None),
        ("tomorrow", None),
        ("9" * 100, None),
    ],
)
def test_iso_start(value: str, expected: str | None) -> None:
    assert iso_start(value) == expected


def test_combine_puts_early_hours_on_the_next_date() -> None:
    assert combine("2025-06-14", "10:00", time(6)) == "2025-06-14T10:00"
    assert combine("2025-06-14", "05:59:30", time(6)) == "2025-06-15T05:59:30"
    assert combine("2025-12-31", "01:00", time(4)) == "2026-01-01T01:00"
    assert combine("2025-06-14", "01:00", None) == "2025-06-14T01:00"
    assert combine("2025-06-14", "24:00", None) is None
    assert combine(None, "10:00", None) is None


def test_clean_text() -> None:
    assert clean_text("a\r\nb\r\n\r\nc\r\n") == "a\nb\nc"  # CRLF, blank lines dropped
    assert clean_text("one\\r\\ntwo") == "one\ntwo"  # a doubly escaped CRLF, as pretalx wrote it
    assert clean_text("<p>x &lt; y &amp; <em>z</em></p><p>next</p>") == "x < y & z\nnext"  # HTML
    assert clean_text("a < b and c > d &amp; e") == "a < b and c > d &amp; e"  # not HTML: as written
    assert clean_text("  spaced \t out  ") == "spaced out"
    assert clean_text(" \r\n ") is None


# --------------------------------------------------------------------------- sniff


def test_sniff_claims_schedules_and_not_transcripts() -> None:
    assert FORMAT.suffixes == (".json",)
    assert not FORMAT.suffix_is_enough
    for path in (FIXTURES / "v1_small.json", FIXTURES / "v2_small.json"):
        assert sniff(path.read_bytes()[:65536])
    assert sniff(b'\xef\xbb\xbf {"schedule": {"version": "1", "conference": {"title": "x"}}}')
    assert sniff(b'{"$schema": "https://c3voc.de/schema/schedule2", "generator": {}')  # cut before the keys
    transcript = b'{"version": "1.0.0", "segments": [{"speaker": "A", "body": "schedule conference", "startTime": 0}]}'
    assert not sniff(transcript)
    assert not sniff(b'{"schedule": "weekly", "title": "no conference here"}')
    assert not sniff(b'[{"schedule": {}, "conference": {}}]')
    assert not sniff(b'{"body": "say \\"schedule\\": { and \\"conference\\": {"}')  # keys only inside a string


def test_sniff_real_files() -> None:
    for name in ("c3voc_v1_pretalx-rc3.json", "c3voc_v2_hub-schedule2.json"):
        assert sniff(shared(name).read_bytes()[:65536])
    podcast = SHARED / "podcastns_example.json"
    if podcast.exists():
        assert not sniff(podcast.read_bytes()[:65536])


# --------------------------------------------------------------------------- real samples


def test_real_v1_pretalx_rc3() -> None:
    path = shared("c3voc_v1_pretalx-rc3.json")
    p = load(path)
    assert (p.event.title, p.event.date, p.event.end_date) == ("rC3 Channels", "2020-12-27", "2020-12-30")
    assert len(p.sections) == 48
    assert len(p.speakers) == 56
    assert [s.kind for s in p.sections].count("workshop") == 2
    assert [s.kind for s in p.sections].count("other") == 1
    first = p.sections[0]
    assert (first.title, first.start, first.duration, first.room, first.track) == (
        "Der faule Admin automatisiert: Gluon auf echter Hardware testen",
        "2020-12-27T11:30:00+01:00",
        40,
        "r3s - Monheim/Rhein",
        "MON r3s Rhein VHS",
    )
    assert [p.speaker_by_id[s].name for s in first.speakers] == ["Chris Fiege", "Kasa"]
    assert p.speaker_by_id["kasa"].bio is None  # "biography": null
    wimmer = p.speaker_by_id["barbara-wimmer"].bio
    assert wimmer is not None and "IT-Security.\nJournalist, author" in wimmer and "\\r" not in wimmer
    assert p.sections[3].kind == "workshop" and p.sections[3].title == "Dosentelefon zur Interspace-Kommunikation"
    # Stefania Maurizi gives two talks, on two days: one speaker
    maurizi = [s.number for s in p.sections if "stefania-maurizi" in s.speakers]
    assert maurizi == [2, 36]
    starts = [s.start or "" for s in p.sections]
    assert starts == sorted(starts)  # one time zone: the agenda runs in time order

    # Nothing lost: every talk title, every person, every word of every abstract (raw text, read independently).
    raw = path.read_text(encoding="utf-8")
    titles = [json.loads(t) for t in re.findall(r'^ {16}"title": ("(?:[^"\\]|\\.)*")', raw, re.M)]
    assert sorted(titles) == sorted(s.title for s in p.sections)
    names = {json.loads(n) for n in re.findall(r'"public_name": ("(?:[^"\\]|\\.)*")', raw)}
    assert names == {s.name for s in p.speakers}
    abstracts = [json.loads(a) for a in re.findall(r'^ {16}"abstract": ("(?:[^"\\]|\\.)*")', raw, re.M)]
    by_title = {s.title: s.abstract or "" for s in p.sections}
    for title, abstract in zip(titles, abstracts, strict=True):
        assert_words_in_order(abstract, by_title[title])


def test_real_v2_hub_schedule() -> None:
    p = load(shared("c3voc_v2_hub-schedule2.json"))
    assert (p.event.title, p.event.date, p.event.end_date) == ("38C3", "2024-12-27", "2024-12-30")
    assert agenda(p) == [
        ("38c3-opening-ceremony", "other", "2024-12-27T10:30:00+01:00", 30, "Saal 1", "CCC",
         ("gabriela-bogk", "aline-blankertz", "senficon")),
        ("38c3-a-competitive-time-trial-ai-for-need-for-sp", "talk", "2024-12-28T00:15:00+01:00", 40, "Saal ZIGZAG",
         "Hardware & Making", ("sebastian-schwarz",)),
    ]  # fmt: skip
    # the title ends on a colon: its subtitle is the rest of it
    assert p.sections[1].title == (
        "A Competitive Time-Trial AI for Need for Speed: Most Wanted Using Deep Reinforcement Learning"
    )
    assert p.sections[1].description is None
    assert [(s.name, s.event_roles) for s in p.speakers] == [
        ("Gabriela Bogk", ("speaker",)),
        ("Aline Blankertz", ("speaker",)),
        ("Senficon", ("contributor",)),
        ("Sebastian Schwarz", ("speaker",)),
    ]
    bio = p.speaker_by_id["sebastian-schwarz"].bio
    assert bio is not None and "at E.ON.\nEver since" in bio and "\r" not in bio
    abstract = p.sections[1].abstract
    assert abstract is not None and abstract.startswith("All challenges and achievements")
    assert "How hard can it possibly be?" in abstract  # the description follows the abstract


def assert_words_in_order(source: str, text: str) -> None:
    """Every word of `source` (its HTML tags aside) is in `text`, in order."""
    words = re.findall(r"\w+", html.unescape(re.sub(r"<[^<>]*>", " ", source.replace("\\r\\n", " "))))
    at = 0
    for word in words:
        found = text.find(word, at)
        assert found >= 0, f"{word!r} lost from {source[:60]!r}"
        at = found + len(word)


# --------------------------------------------------------------------------- hostile


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("syntax-error.json", ["syntax-error.json:5:7: JSON syntax error: Expecting ',' delimiter; fix the file here"]),
        ("utf16.json", ["utf16.json:1:1: file is UTF-16; save it as UTF-8"]),
        (
            "invalid-utf8.json",
            ["invalid-utf8.json:2:16: invalid UTF-8 byte 0xe9 at byte offset 45; save the file as UTF-8"],
        ),
        (
            "huge-number.json",
            ["huge-number.json:2:22: JSON has a number over 4300 digits long; no schedule has one"],
        ),
        (
            "top-level-list.json",
            [
                'top-level-list.json:1:1: the file is a JSON array, not an object with a "schedule"; '
                "this is not a c3voc schedule"
            ],
        ),
        (
            "no-conference.json",
            [
                'no-conference.json:1:1: no "conference" object in "schedule"; '
                "a c3voc schedule.json gives the conference's title and days"
            ],
        ),
    ],
)
def test_files_that_give_no_event(name: str, expected: list[str]) -> None:
    assert read(HOSTILE / name) == (None, expected)


def test_deep_nesting_is_refused_not_crashed() -> None:
    data = b'{"schedule": {"conference": {"title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}"
    proceedings, problems = read_schedule_json("deep.json", data)
    assert proceedings is None
    assert [str(p) for p in problems] == ["deep.json: JSON nested too deeply to read; a schedule is a few levels deep"]


def test_conference_without_title_is_named_by_its_acronym() -> None:
    p, problems = read(HOSTILE / "no-title.json")
    assert problems == [
        'no-title.json:4:5: the conference has no "title"; add one (meanwhile it is called "notitle-2025")',
        'no-title.json:4:5: the conference start "2025-13-45" is not a date like 2024-12-27',
    ]
    assert p is not None and p.event.title == "notitle-2025" and p.event.date == "2025-06-14"
    assert_valid(p)


def test_bad_talks_are_named_and_placed() -> None:
    p, problems = read(HOSTILE / "bad-talks.json")
    like = "not a date and time like 2024-12-27T10:30:00+01:00 (or HH:MM on a day with a date); its start is left out"
    assert problems == [
        'bad-talks.json:12:25: talk "no-title-here" has no title; add a "title" '
        '(it is shown as "Untitled talk (no-title-here)")',
        f'bad-talks.json:13:25: talk "Bad date" starts "2025-06-14T25:99:00+02:00", {like}',
        'bad-talks.json:14:25: talk "Bad duration" has duration "half an hour", not HH:MM or H:MM:SS; it is left out',
        'bad-talks.json:15:25: talk "Nameless person" lists a person with no name; give them a "name" or "public_name"',
        'bad-talks.json:9:11: room "Hall" on day 2025-06-14 lists "not a talk", not a talk; it is left out',
        f'bad-talks.json:18:16: talk "Bare start" starts "9am", {like}',
        'bad-talks.json:22:22: day 2025-06-15: "rooms" is not an object of room names; its talks are left out',
    ]
    assert p is not None
    assert_valid(p)
    assert [(s.id, s.title, s.start, s.duration) for s in p.sections] == [
        ("no-title-here", "Untitled talk (no-title-here)", "2025-06-14T10:00", 30),
        ("bad-duration", "Bad duration", "2025-06-14T12:00:00+02:00", None),
        ("nameless-person", "Nameless person", "2025-06-14T13:00:00+02:00", 30),
        ("duplicate-guid", "Duplicate guid", "2025-06-14T14:00:00+02:00", 30),  # a guid listed twice: both kept
        ("bad-date", "Bad date", None, 30),
        ("bare-start", "Bare start", None, None),
    ]


def test_wrong_types_never_crash() -> None:
    p, problems = read(HOSTILE / "wrong-types.json")
    like = "not a date and time like 2024-12-27T10:30:00+01:00 (or HH:MM on a day with a date); its start is left out"
    assert problems == [
        'wrong-types.json: talk #1 has no title; add a "title" (it is shown as "Untitled talk")',
        f'wrong-types.json: talk #1 starts "1234", {like}',
        "wrong-types.json: talk #1 has duration true, not HH:MM or H:MM:SS; it is left out",
        'wrong-types.json:16:8: talk "Bonjour" has duration -5, not HH:MM or H:MM:SS; it is left out',
        'wrong-types.json:16:8: talk "Bonjour" lists a person with no name; give them a "name" or "public_name"',
        'wrong-types.json:4:5: the conference start "20250614" is not a date like 2024-12-27',
    ]
    assert p is not None
    assert_valid(p)
    assert p.event.title == "2025"
    assert [(s.title, s.room, s.track, s.abstract) for s in p.sections] == [
        ("Bonjour", "unknown-room", None, None),
        ("Untitled talk", None, "7", "3.5"),
    ]
    assert [s.name for s in p.speakers] == ["Plain Name"]


def test_control_characters_stay_data() -> None:
    p = load(HOSTILE / "control-chars.json")
    assert p.event.title == "Evil \x1b[31mCon\x1b[0m \u202eevil"
    talk = p.sections[0]
    assert (talk.title, talk.room) == ("Talk \x1b]0;pwned\x07 title", "Room \x07 bell")
    assert talk.abstract == "Nul \x00 here\u2028and \x85 next"
    assert [(s.id, s.name, s.bio) for s in p.speakers] == [("2jmallory", "\x1b[2JMallory\u202e", "Bio \x1b[5m blink")]


def test_a_flood_of_problems_is_cut_short() -> None:
    talks = [{"guid": f"g{i}", "title": f"T{i}", "duration": "bad"} for i in range(250)]
    p, problems = from_json({"schedule": {"conference": {"title": "C"}, "events": talks}}, "flood.json")
    assert p is not None and len(p.sections) == 250
    assert len(problems) == 101
    assert problems[0].startswith("flood.json:1:") and 'talk "T0" has duration "bad"' in problems[0]
    assert problems[-1] == "flood.json: 150 more problems like these are not shown"


# --------------------------------------------------------------------------- properties

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
_fields = st.sampled_from(
    ["title", "guid", "id", "code", "slug", "date", "start", "end", "duration", "room", "track", "type",
     "abstract", "description", "subtitle", "persons", "participants", "public_name", "name", "biography", "role",
     "language", "rooms", "days", "events", "tracks", "defaults", "index"]
)  # fmt: skip
_record = st.dictionaries(_fields, _json, max_size=8)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_schedule_json("fuzz.json", data)
    assert proceedings is not None or problems


@settings(max_examples=200, deadline=None)
@given(conference=_record, talks=st.lists(_record | _json, max_size=4), persons=st.lists(_record, max_size=3))
def test_any_schedule_shape_gives_a_valid_event_or_problems(
    conference: dict[str, object], talks: list[object], persons: list[object]
) -> None:
    for document in (
        {"schedule": {"conference": conference, "events": talks, "persons": persons}},
        {"schedule": {"conference": {**conference, "days": [{"date": "2025-06-14", "rooms": {"R": talks}}]}}},
    ):
        proceedings, problems = from_json(document)
        assert proceedings is not None or problems
        if proceedings is not None:
            assert_valid(proceedings)
