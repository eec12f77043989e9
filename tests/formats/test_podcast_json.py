"""Podcasting 2.0 JSON transcripts: segments (often one word each) merged into remarks by speaker."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from format_cases import ID, ROOT, SHARED, assert_no_word_lost, shared
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import Proceedings
from tui.formats.podcast_json import FORMAT, read_podcast_json, sniff
from tui.formats.podium_yaml_writer import to_podium_yaml
from tui.formats.schedule_json import sniff as schedule_sniff

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "transcripts"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "transcripts"
SHAPE = '{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime", "body"}, ...]}'


def loads(data: bytes | str | object, name: str = "inline.json") -> Proceedings:
    raw = data if isinstance(data, bytes) else (data if isinstance(data, str) else json.dumps(data)).encode()
    proceedings, problems = read_podcast_json(name, raw)
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def problems_of(path: Path) -> list[str]:
    proceedings, problems = read_podcast_json(path.name, path.read_bytes())
    assert proceedings is None
    return [str(p) for p in problems]


def assert_valid(p: Proceedings) -> None:
    assert [(s.id, s.number, s.kind) for s in p.sections] == [("transcript", 1, "transcript")]
    assert all(ID.fullmatch(i) for i in [p.event.id, *p.speaker_by_id, *p.remark_by_id])
    assert len(p.speaker_by_id) == len(p.speakers) and len(p.remark_by_id) == len(p.remarks)
    assert [r.position for r in p.remarks] == list(range(len(p.remarks)))
    assert {r.speaker for r in p.remarks} == set(p.speaker_by_id)
    assert all(r.section == "transcript" and r.reply_to is None and r.text for r in p.remarks)
    assert all(a.speaker != b.speaker for a, b in zip(p.remarks, p.remarks[1:], strict=False))


def test_word_segments_become_sentences_by_speaker() -> None:
    p = loads((FIXTURES / "words.json").read_bytes(), "words.json")
    assert [(s.id, s.name, s.kind) for s in p.speakers] == [
        ("darth-vader", "Darth Vader", "speaker"),
        ("luke", "Luke", "speaker"),
        ("speaker-bd556986", "唐鳳", "speaker"),
    ]
    # a segment without a speaker continues Darth Vader; " your " trimmed; "." and "..." take no space
    # before them; a body of white space adds nothing; Luke's first segment has no endTime
    assert [(r.speaker, r.text, r.start, r.end) for r in p.remarks] == [
        ("darth-vader", "I am your father.", 0.5, 2.6),
        ("luke", "No... it's not true!", 2.75, 4.0),
        ("speaker-bd556986", "大家好", 4.0, 5.0),
    ]
    assert (p.event.id, p.event.title, p.origin) == ("words", "words", "Podcasting 2.0 JSON transcript")


def test_segments_before_any_speaker_are_an_unknown_speakers() -> None:
    p = loads(
        {"segments": [{"startTime": 0, "body": "Hello"}, {"startTime": 1, "speaker": " Ann  Lee ", "body": "Hi"}]}
    )
    assert [(s.id, s.name) for s in p.speakers] == [("unknown", "Unknown speaker"), ("ann-lee", "Ann Lee")]
    assert [(r.text, r.end) for r in p.remarks] == [("Hello", None), ("Hi", None)]


def test_an_unlabelled_segment_of_a_labelling_file_is_an_unknown_speakers_turn() -> None:
    path = FIXTURES / "unlabelled-segment.json"  # every other segment is named; this one, 40 s on, is not
    p = loads(path.read_bytes(), path.name)
    assert [(p.speaker_by_id[r.speaker].name, r.text, r.start) for r in p.remarks] == [
        ("Ines", "Tides turn twice.", 0.5),
        ("Unknown speaker", "(inaudible)", 42.0),
        ("Omar", "Daily?", 43.5),
    ]
    bodies = [segment["body"] for segment in json.loads(path.read_text("utf-8"))["segments"]]
    assert_no_word_lost(" ".join(bodies), p.remarks)


def test_podcast_namespace_example() -> None:
    path = shared("podcastns_example.json")
    p = loads(path.read_bytes(), path.name)
    assert [(s.id, s.name) for s in p.speakers] == [("darth-vader", "Darth Vader"), ("luke", "Luke")]
    assert [(r.speaker, r.text, r.start, r.end) for r in p.remarks] == [
        ("darth-vader", "I am your father.", 0.5, 2.5),
        ("luke", "Nooooo", 2.75, 3.0),
    ]
    bodies = [s["body"] for s in json.loads(path.read_text("utf-8"))["segments"]]
    said = iter(re.findall(r"\w+", " ".join(r.text for r in p.remarks)))
    assert all(word in said for word in re.findall(r"\w+", " ".join(bodies)))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bad-segments.json",
            [
                'bad-segments.json:5:24: segments[1]: "startTime" is "4"; write seconds, e.g. 12.5',
                "bad-segments.json:6:40: segments[2]: ends at 4.5, before it starts at 5; fix its times",
                "bad-segments.json:7:36: segments[3]: \"body\" is an array; a segment's words are its body, a string",
                "bad-segments.json:7:6: segments[3]: \"speaker\" is a number; write the speaker's name as a string",
                "bad-segments.json:8:5: segments[4]: has no \"startTime\"; "
                "give the seconds from the recording's start, e.g. 12.5",
                "bad-segments.json:9:24: segments[5]: starts at 1, before segments[3] (6); "
                "segments must be in time order",
                'bad-segments.json:10:24: segments[6]: "startTime" is -1; write seconds, e.g. 12.5',
                'bad-segments.json:10:41: segments[6]: "endTime" is Infinity; write seconds, e.g. 14.0',
                'bad-segments.json:11:5: segments[7]: is a string, not a segment object {"startTime", "body", ...}',
                'bad-segments.json:12:24: segments[8]: "startTime" is true; write seconds, e.g. 12.5',
            ],
        ),
        ("syntax-error.json", ["syntax-error.json:4:34: JSON syntax error: "
                               "Expecting property name enclosed in double quotes; fix the file here"]),
        ("not-object.json", [f"not-object.json:2:3: the file is an array, not an object; "
                             f"a Podcasting 2.0 transcript is {SHAPE}"]),
        ("no-segments.json", [f'no-segments.json:3:3: the file has no "segments" array; '
                              f"a Podcasting 2.0 transcript is {SHAPE}"]),
        ("huge-number.json", ["huge-number.json:1:29: JSON has a number over 4300 digits long; no transcript has one"]),
        ("utf16.json", ["utf16.json:1:1: file is UTF-16; save it as UTF-8"]),
        # 400 digits: float() of it raised OverflowError, a traceback
        ("long-integer.json", ['long-integer.json:1:16: segments[0]: "startTime" is '
                               + "1" + "0" * 56 + '...; write seconds, e.g. 12.5']),
    ],
)  # fmt: skip
def test_hostile_files_are_refused_with_their_place(name: str, expected: list[str]) -> None:
    assert problems_of(HOSTILE / name) == expected


def test_empty_transcripts_name_the_file() -> None:
    for value, expected in [
        ({"segments": []}, f"empty.json: no segments in this file; a Podcasting 2.0 transcript is {SHAPE}"),
        (
            {"segments": [{"startTime": 0, "body": " "}]},
            f'empty.json: no words in any segment\'s "body"; a Podcasting 2.0 transcript is {SHAPE}',
        ),
    ]:
        proceedings, problems = read_podcast_json("empty.json", json.dumps(value).encode())
        assert proceedings is None and [str(p) for p in problems] == [expected]


def test_a_nested_segments_key_before_the_real_one_places_nothing_wrongly() -> None:
    value = {"meta": {"segments": [1, 2, 3]}, "segments": [{"startTime": 1, "body": 5}]}
    proceedings, problems = read_podcast_json("nested.json", json.dumps(value).encode())
    assert proceedings is None
    assert [str(p) for p in problems] == [
        'nested.json: segments[0]: "body" is a number; a segment\'s words are its body, a string'
    ]


def test_deep_nesting_is_refused_not_crashed() -> None:
    proceedings, problems = read_podcast_json("deep.json", b'{"segments": ' + b"[" * 100_000)
    assert proceedings is None and problems


def test_control_characters_stay_data() -> None:
    p = loads((HOSTILE / "control-chars.json").read_bytes(), "control-chars.json")
    assert [s.name for s in p.speakers] == ["\x1b[31mRed\x07"]
    assert [r.text for r in p.remarks] == ["esc \x1b[2J and nul \x00 and bidi \u202e"]


def test_a_lone_surrogate_escape_becomes_a_replacement_character() -> None:
    # "\uD800" alone decoded to no character: printing, converting or exporting it was a traceback
    p = loads((HOSTILE / "lone-surrogate.json").read_bytes(), "lone-surrogate.json")
    assert [r.text for r in p.remarks] == ["smile \U0001f600 and \ufffd lone \\ud800 literal"]
    to_podium_yaml(p).encode("utf-8")


def test_sniff_claims_transcripts_and_not_schedules() -> None:
    transcript = b'\xef\xbb\xbf {"version": "1.0.0", "segments": [{"speaker": "A", "startTime": 0, "body": "hi"}]}'
    assert sniff(transcript) and not schedule_sniff(transcript)
    assert not sniff(b'[{"segments": [{"startTime": 0, "body": "hi"}]}]')
    assert not sniff(b'{"segments": [{"start": 0, "text": "hi"}]}')  # Whisper's own JSON
    assert not sniff(b'{"schedule": {"conference": {"title": "x", "body": "startTime"}}}')
    if (SHARED / "c3voc_v2_hub-schedule2.json").exists():
        assert not sniff((SHARED / "c3voc_v2_hub-schedule2.json").read_bytes()[:65536])
    assert (FORMAT.name, FORMAT.suffixes, FORMAT.suffix_is_enough) == (
        "Podcasting 2.0 JSON transcript",
        (".json",),
        False,
    )


KEYS = st.sampled_from(["speaker", "startTime", "endTime", "body", "x"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(JSON_VALUES, max_size=6))
def test_any_segments_give_an_event_or_problems(segments: list[object]) -> None:
    proceedings, problems = read_podcast_json("any.json", json.dumps({"segments": segments}).encode())
    assert (proceedings is None) == bool(problems)
    if proceedings is not None:
        assert_valid(proceedings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_podcast_json("any.json", data)
    assert (proceedings is None) == bool(problems)
