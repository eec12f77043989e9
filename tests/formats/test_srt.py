"""SRT transcripts: numbered cues, "Name:" at each change of speaker, merged into remarks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from format_cases import ID, ROOT, assert_no_word_lost, shared
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.model import Proceedings
from tui.formats.srt import FORMAT, read_srt, sniff

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "transcripts"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "transcripts"


def loads(data: bytes | str, name: str = "inline.srt") -> Proceedings:
    proceedings, problems = read_srt(name, data.encode() if isinstance(data, str) else data)
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def problems_of(data: bytes | str, name: str) -> list[str]:
    proceedings, problems = read_srt(name, data.encode() if isinstance(data, str) else data)
    assert proceedings is None
    return [str(p) for p in problems]


def assert_valid(p: Proceedings) -> None:
    assert [(s.id, s.number, s.kind) for s in p.sections] == [("transcript", 1, "transcript")]
    assert all(ID.fullmatch(i) for i in [p.event.id, *p.speaker_by_id, *p.remark_by_id])
    assert len(p.speaker_by_id) == len(p.speakers) and len(p.remark_by_id) == len(p.remarks)
    assert [r.position for r in p.remarks] == list(range(len(p.remarks)))
    assert {r.speaker for r in p.remarks} == set(p.speaker_by_id)
    assert all(r.section == "transcript" and r.reply_to is None and r.text for r in p.remarks)
    # one speaker's remarks are merged; only a caption's dialogue dash marks turns of one unknown speaker
    assert all(a.speaker != b.speaker or a.speaker == "unknown" for a, b in zip(p.remarks, p.remarks[1:], strict=False))


def attributions(p: Proceedings) -> list[tuple[str, str]]:
    return [(p.speaker_by_id[r.speaker].name, r.text) for r in p.remarks]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_buzzsprout_style_names_only_at_a_change_of_speaker() -> None:
    # BOM, CRLF; <i>, <font>, {\an8}, &amp;; coordinates after the times; a line of spaces between
    # cues; a cue whose blank line is missing before the next number; text after a blank line
    p = loads((FIXTURES / "podcast.srt").read_bytes(), "podcast.srt")
    assert [(s.id, s.name) for s in p.speakers] == [("travis", "Travis"), ("sarah", "Sarah")]
    assert [(r.speaker, r.start, r.end) for r in p.remarks] == [
        ("travis", 0.179, 7.98),
        ("sarah", 7.98, 16.109),
        ("travis", 16.2, 19.5),
    ]
    assert attributions(p) == [
        ("Travis", "When you first get started in podcasting, it's almost guaranteed that you're going to make "
                   "& rookie mistakes."),
        ("Sarah", "Creating good audio is key. A line after a blank line."),
        ("Travis", "Back to me."),
    ]  # fmt: skip
    assert p.origin == "SRT transcript" and p.event.title == "podcast"


def test_an_index_is_optional_and_periods_are_accepted() -> None:
    p = loads("00:00:01.000 --> 00:00:02.000\n[SPEAKER_00]: one\n\n2\n0:0:2,500 --> 0:0:3,000\ntwo\n")
    # the second cue, unlabelled in a WhisperX file, is a turn WhisperX could not attribute
    assert [(r.speaker, r.text, r.start, r.end) for r in p.remarks] == [
        ("speaker-00", "one", 1.0, 2.0),
        ("unknown", "two", 2.5, 3.0),
    ]


def spoken(path: Path) -> str:
    """A fixture's words as said: no numbers, identifiers, timings or name labels."""
    lines = path.read_text("utf-8").splitlines()
    kept = [line for n, line in enumerate(lines) if not (n + 1 < len(lines) and "-->" in lines[n + 1])]
    text = "\n".join(line for line in kept if "-->" not in line)
    return re.sub(r"(?m)^(?:[A-Z]\w*|\[SPEAKER_\d+\]): ", "", text)


def test_an_unlabelled_cue_of_a_labelling_file_is_an_unknown_speakers_turn() -> None:
    # WhisperX labels every cue it can attribute: an unlabelled one, 40 s after the last label, is not theirs
    path = FIXTURES / "whisperx-gaps.srt"
    p = loads(path.read_bytes(), path.name)
    assert [(p.speaker_by_id[r.speaker].name, r.text, r.start, r.end) for r in p.remarks] == [
        ("SPEAKER_01", "The pump station needs a new roof. We priced it twice.", 0.2, 4.5),
        ("SPEAKER_00", "And the timeline?", 4.6, 6.0),
        ("Unknown speaker", "spring at the earliest maybe later", 46.0, 50.0),
        ("SPEAKER_00", "Then we vote next month. Agreed?", 50.2, 55.0),
    ]
    assert_no_word_lost(spoken(path), p.remarks)


def test_an_answer_between_one_speakers_cues_is_not_theirs() -> None:
    # Within 2 s on both sides: a word missed mid-sentence stays the speaker's, but after a
    # finished question the unlabelled "Yeah." is somebody's answer, not the questioner's.
    path = FIXTURES / "answer-between.srt"
    p = loads(path.read_bytes(), path.name)
    assert [(p.speaker_by_id[r.speaker].name, r.text) for r in p.remarks] == [
        ("SPEAKER_00", "So we start with the budget and the roof. Everyone ready?"),
        ("Unknown speaker", "Yeah."),
        ("SPEAKER_00", "Good, let us go."),
    ]
    assert_no_word_lost(spoken(path), p.remarks)


def test_a_line_a_diarizer_missed_inside_a_turn_stays_the_speakers() -> None:
    # WhisperX cues are sentences: one left unlabelled between two of SPEAKER_00's, 0.1 s apart.
    path = FIXTURES / "whisperx-missed-line.srt"
    p = loads(path.read_bytes(), path.name)
    assert [(p.speaker_by_id[r.speaker].name, r.text) for r in p.remarks] == [
        ("SPEAKER_00", "We raised the budget last year. It went to the roof. That took most of the summer. "
                       "Then we built the hall."),
        ("SPEAKER_01", "And the windows?"),
    ]  # fmt: skip


def test_names_at_changes_with_quick_turns_still_continue() -> None:
    # Most cues named, for most turns are one cue long; but no name repeats, even across the
    # unnamed cue: it continues Bob's turn, as a change-only producer means it.
    path = FIXTURES / "change-only-quick.srt"
    p = loads(path.read_bytes(), path.name)
    assert [(p.speaker_by_id[r.speaker].name, r.text) for r in p.remarks][1] == (
        "Bob",
        "Glad to be here. It has been quite a year for us",
    )


def test_names_written_only_at_a_change_continue_across_a_gap() -> None:
    path = FIXTURES / "change-only.srt"  # no name repeats the one before: they mark changes of speaker
    p = loads(path.read_bytes(), path.name)
    assert [(p.speaker_by_id[r.speaker].name, r.start, r.end) for r in p.remarks] == [
        ("Dana", 0.5, 49.0),  # its third cue, 40 s on, is still Dana's
        ("Lee", 49.2, 54.0),
        ("Dana", 54.2, 56.0),
    ]
    assert_no_word_lost(spoken(path), p.remarks)


def test_zoom_identifiers_name_the_speakers() -> None:
    path = FIXTURES / "zoom-identifiers.srt"  # and a missing blank line before an identifier
    p = loads(path.read_bytes(), path.name)
    assert [(p.speaker_by_id[r.speaker].name, r.text) for r in p.remarks] == [
        ("PatJohn Ashkin", "Good afternoon, this is the parks committee."),
        ("Ruth Okafor", "Thank you, chair."),
        ("PatJohn Ashkin", "Next item."),
    ]
    assert_no_word_lost(spoken(path), p.remarks)


def test_whisperx_medford_unlabelled_cue_is_not_the_speaker_before() -> None:
    path = shared("srt_whisperx_medford-2014-01-24_5f3tIbvTEKs.srt")
    p = loads(path.read_bytes(), path.name)
    said = [(p.speaker_by_id[r.speaker].name, r.text, r.start) for r in p.remarks]
    assert said[0][:2] == (
        "SPEAKER_03",
        "Go at the same time. It's like shoot to the mirror. Start at like 50 miles an hour across the room.",
    )
    assert said[1] == ("Unknown speaker", "time will change everything", 45.221)  # cue 4, unlabelled
    assert said[2][0] == "SPEAKER_02"
    unknown = [r for r in p.remarks if p.speaker_by_id[r.speaker].name == "Unknown speaker"]
    assert len(unknown) == 3  # the file's three unlabelled cues, none given to the speaker before
    assert_no_word_lost(spoken(path), p.remarks)


def test_podcast_namespace_example() -> None:
    path = shared("podcastns_example.srt")
    p = loads(path.read_bytes(), path.name)
    assert [(s.id, s.name) for s in p.speakers] == [("travis", "Travis"), ("sarah", "Sarah"), ("gilon", "Gilon")]
    assert [p.speaker_by_id[r.speaker].name for r in p.remarks] == [
        "Travis", "Sarah", "Travis", "Gilon", "Travis", "Gilon", "Travis", "Sarah", "Gilon", "Travis"
    ]  # fmt: skip
    first, last = p.remarks[0], p.remarks[-1]
    assert first.text.startswith("When you first get started in podcasting, it's almost guaranteed that you're going")
    assert (first.start, first.end) == (0.179, 50.34)
    assert p.remarks[3].text.startswith("So is there an ideal podcast length, short answer? Nope.")
    assert last.text.endswith("the next best thing to do is to batch your episodes.")
    assert last.end == 754.769
    raw = path.read_text("utf-8")
    spoken = re.sub(r"(?m)^(?:.*-->.*|\d+$|(?:Travis|Sarah|Gilon): )", "", raw)
    said = iter(words(" ".join(r.text for r in p.remarks)))
    assert len(words(spoken)) > 2000
    assert all(word in said for word in words(spoken))
    assert not any(name + ":" in r.text for r in p.remarks for name in ("Travis", "Sarah", "Gilon"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "out-of-order.srt",
            ["out-of-order.srt:6:1: the cue starts at 00:00:02,000, before the cue at line 2 starts (00:00:05,000); "
             "cues must be in time order"],
        ),
        ("malformed.srt", ["malformed.srt:2:1: malformed start time '00:00:01;000'; "
                           "write it as hh:mm:ss,ttt, e.g. 00:01:02,500"]),
        ("empty.srt", ["empty.srt: no cues in this file; "
                       "an SRT cue is a timing line (00:00:01,000 --> 00:00:04,000) and its text"]),
        ("invalid-utf8.srt", ["invalid-utf8.srt:3:4: invalid UTF-8 byte 0xe9 at byte offset 35; "
                              "save the file as UTF-8"]),
    ],
)  # fmt: skip
def test_hostile_files_are_refused_with_their_place(name: str, expected: list[str]) -> None:
    assert problems_of((HOSTILE / name).read_bytes(), name) == expected


def test_a_backwards_cue_is_refused_at_its_end_time() -> None:
    assert problems_of("1\n00:00:05,000 --> 00:00:04,999\nx\n", "back.srt") == [
        "back.srt:2:18: the cue ends at 00:00:04,999, before it starts at 00:00:05,000; fix its times"
    ]


def test_a_mistyped_arrow_is_refused_not_read_as_text() -> None:
    data = "1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:03,000 -> 00:00:04,000\ny\n"
    assert problems_of(data, "arrow.srt") == [
        "arrow.srt:6:14: '->' between the times; a timing line's times are joined by -->"
    ]


def test_sniff() -> None:
    assert sniff(b"1\n00:00:00,179 --> 00:00:02,399\nTravis: When")
    assert sniff(b"\xef\xbb\xbf\r\n\r\n12\r\n0:0:1,5 --> 0:0:2,0\r\n")
    assert not sniff(b"1\n00:00:00.179 --> 00:00:02.399\n")  # periods: WebVTT-style times
    assert not sniff(b"WEBVTT\n\n1\n00:00:00,179 --> 00:00:02,399\n")
    assert not sniff(b"Travis: 1\n00:00:00,179 --> 00:00:02,399\n")
    assert (FORMAT.name, FORMAT.suffixes, FORMAT.suffix_is_enough) == ("SRT transcript", (".srt",), True)


FRAGMENTS = [
    "1", "", "  ", "00:00:01,000 --> 00:00:02,000", "00:00:03,000 --> 00:00:02,000", "Ann: hi", "{\\an8}", "<i>x</i>",
    "-->", "\r", "&amp;", "：", "\x07",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=30))
@example(["00:00:01,000 --> 00:00:02,000", "1", "-:"])  # a dialogue dash: two turns of one unknown speaker
def test_any_text_gives_an_event_or_problems(lines: list[str]) -> None:
    proceedings, problems = read_srt("any.srt", "\n".join(lines).encode())
    assert (proceedings is None) == bool(problems)
    if proceedings is not None:
        assert_valid(proceedings)
