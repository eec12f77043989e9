"""WebVTT transcripts, and what all transcripts share (tui.formats.transcript): cues become remarks."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from format_cases import ID, ROOT, assert_no_word_lost, shared
from hypothesis import given, settings
from hypothesis import strategies as st
from work_count import growth, is_linear, work_of

from tui.core.model import Proceedings
from tui.formats.podium_yaml import read_podium_yaml
from tui.formats.podium_yaml_writer import to_podium_yaml
from tui.formats.transcript_speakers import is_name, name_prefix
from tui.formats.transcript_text import clean_line, join_text
from tui.formats.webvtt import FORMAT, read_webvtt, sniff

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "transcripts"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "transcripts"


def problems_of(path: Path) -> list[str]:
    proceedings, problems = read_webvtt(path.name, path.read_bytes())
    assert proceedings is None
    return [str(p) for p in problems]


def load(path: Path) -> Proceedings:
    return loads(path.read_bytes(), path.name)


def loads(data: bytes | str, name: str = "inline.vtt") -> Proceedings:
    proceedings, problems = read_webvtt(name, data.encode() if isinstance(data, str) else data)
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def assert_valid(p: Proceedings) -> None:
    """What every transcript gives: one section, ids valid and unique, every reference resolving, in time order."""
    assert [(s.id, s.number, s.kind) for s in p.sections] == [("transcript", 1, "transcript")]
    assert all(ID.fullmatch(i) for i in [p.event.id, *p.speaker_by_id, *p.remark_by_id])
    assert len(p.speaker_by_id) == len(p.speakers) and len(p.remark_by_id) == len(p.remarks)
    assert [r.position for r in p.remarks] == list(range(len(p.remarks)))
    assert {r.speaker for r in p.remarks} == set(p.speaker_by_id)  # every speaker speaks
    assert all(r.section == "transcript" and r.reply_to is None and r.text for r in p.remarks)
    assert all(r.start is not None and (r.end is None or r.start <= r.end) for r in p.remarks)
    # runs merged: only an unknown speaker's turns (split by dialogue dashes) can follow each other
    assert all(a.speaker != b.speaker or a.speaker == "unknown" for a, b in zip(p.remarks, p.remarks[1:], strict=False))


def attributions(p: Proceedings) -> list[tuple[str, str]]:
    return [(p.speaker_by_id[r.speaker].name, r.text) for r in p.remarks]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def in_order(source: list[str], p: Proceedings) -> bool:
    """Every word of the source appears in the remarks' texts, in order."""
    said = iter(words(" ".join(r.text for r in p.remarks)))
    return all(word in said for word in source)


# --------------------------------------------------------------------------- the format's rules


def test_header_blocks_identifiers_settings_and_line_endings() -> None:
    # BOM, "WEBVTT - title", Kind:/Language:, STYLE, REGION and NOTE blocks (one with "-->" in
    # its words), an identifier or none, cue settings, CRLF with a lone CR, Teams' 0:0:5.320, mm:ss.ttt
    p = load(FIXTURES / "features.vtt")
    assert [(r.speaker, r.start, r.end) for r in p.remarks] == [
        ("ann-lee", 5.32, 10.0),
        ("bob-ray", 10.0, 12.5),
        ("ann-lee", 10.0, 15.0),
        ("bob-ray", 15.0, 16.0),
    ]
    text = " ".join(r.text for r in p.remarks)
    for skipped in ("Kind", "captions", "cue", "fred", "note", "intro", "align", "position", "region"):
        assert skipped not in text
    assert p.origin == "WebVTT transcript"


def test_voice_spans_with_classes_markup_and_entities() -> None:
    p = load(FIXTURES / "features.vtt")
    assert [(s.id, s.name, s.kind) for s in p.speakers] == [
        ("ann-lee", "Ann Lee", "speaker"),
        ("bob-ray", "Bob Ray", "speaker"),
    ]
    assert attributions(p) == [
        # <v.loud.first Ann Lee>, <b>, &amp; &lt; &gt; &#39; &nbsp;; the cue after continues Ann
        ("Ann Lee", "Welcome to Q&A, where we answer <your> questions' answers."),
        # two voices in one cue split it; "Bob&#32;Ray" is Bob Ray
        ("Bob Ray", "Thanks, Ann."),
        # <c.yellow>, <u>, <lang>, <ruby>/<rt>, an inline timestamp; a line after a blank line stays the cue's
        ("Ann Lee", "You're welcome. Coloured words, colour, 漢字(kanji), and timed words. "
                    "then a line after a blank line"),
        ("Bob Ray", "Bye."),
    ]  # fmt: skip


def test_zoom_name_prefixes_are_speakers_and_leave_the_text() -> None:
    p = load(FIXTURES / "zoom.vtt")
    assert [(s.id, s.name) for s in p.speakers] == [
        ("jihoon", "Jihoon"),
        ("justin-florentine-besu", "Justin Florentine (Besu)"),
        ("dr-a-smith-ef", "Dr. A. Smith | EF"),
        ("nflaig", "nflaig"),  # lower case: a name because it opens two cues
    ]
    assert attributions(p) == [
        ("Jihoon", "Hello, guys, I think we can start in, like, 30 seconds."),  # two cues, one sentence
        ("Justin Florentine (Besu)", "Good morning. Note: the call is recorded."),  # "Note:" mid-text stays
        ("Dr. A. Smith | EF", "Thanks: really."),  # only the first colon
        ("nflaig", "first"),
        ("Jihoon", "Ok."),
        ("nflaig", "second"),
    ]
    assert [(r.start, r.end) for r in p.remarks][:2] == [(601.0, 608.0), (608.27, 609.66)]


def test_running_text_is_not_taken_for_a_name() -> None:
    p = load(FIXTURES / "not-names.vtt")
    assert attributions(p) == [
        (
            "Unknown speaker",
            "Note: this is running text. So the point is: we wait. Here's the thing: it works. "
            "At 10:30 we meet; the time: noon. we said Ann: hello on a second line See https://example.org: a link.",
        ),
        ("Ann Lee", "Now a name."),
    ]


def test_whisperx_labels_keep_their_label_as_the_name() -> None:
    p = load(FIXTURES / "whisperx.vtt")
    assert [(s.id, s.name) for s in p.speakers] == [
        ("speaker-00", "SPEAKER_00"),
        ("speaker-01", "SPEAKER_01"),
        ("unknown", "Unknown speaker"),
    ]
    assert attributions(p) == [
        ("SPEAKER_00", "Hello there."),
        ("SPEAKER_01", "Hi."),  # "[SPEAKER_01]" without a colon
        ("Unknown speaker", "[Music] plays"),  # "[Music]" is heard, not a speaker; unlabelled: not SPEAKER_01's
        ("SPEAKER_00", "Again."),
    ]


def spoken(path: Path) -> str:
    """A fixture's words as said: no header, identifiers, timings, voice spans or name labels."""
    text = html.unescape(re.sub(r"<[^>]*>", "", path.read_text("utf-8")))
    lines = text.splitlines()
    kept = [line for n, line in enumerate(lines) if not (n + 1 < len(lines) and "-->" in lines[n + 1])]
    text = "\n".join(line for line in kept[1:] if "-->" not in line and not line.startswith(("Kind:", "Language:")))
    return re.sub(r"(?m)^(?:- )?(?:[A-Z][\w ()/]*|\[SPEAKER_\d+\]): ", "", text)


def test_zoom_identifiers_name_the_speakers() -> None:
    # Zoom cloud recordings' newer layout: `1 "Name" (user number)` over each cue's times, no "Name:" in the text
    path = FIXTURES / "zoom-identifiers.vtt"
    p = load(path)
    assert [(s.id, s.name) for s in p.speakers] == [
        ("patjohn-ashkin", "PatJohn Ashkin"),
        ("ruth-okafor-she-her", "Ruth Okafor (she/her)"),
        ("unknown", "Unknown speaker"),
    ]
    assert attributions(p) == [
        ("PatJohn Ashkin", "Good afternoon, this is the parks committee, and the minutes are approved."),
        ("Ruth Okafor (she/her)", "Thank you, chair."),  # the older "Name:" prefix, when it repeats the name, goes
        ("Unknown speaker", "Can everyone hear the dial-in?"),  # `"" (0)`: Zoom could not tell who
        ("Ruth Okafor (she/her)", "Yes. The lake path: it reopens in May."),
        ("PatJohn Ashkin", "Noted & thanks."),
    ]
    assert [(r.start, r.end) for r in p.remarks][:2] == [(2.04, 9.12), (9.5, 12.0)]
    assert_no_word_lost(spoken(path), p.remarks)


def test_an_unlabelled_cue_among_alternating_voices_is_an_unknown_speakers() -> None:
    # Speakers alternate at every cue, so no label repeats the one before, yet ten cues of eleven
    # are labelled: a file that labels nearly every cue does not label at changes only.
    path = FIXTURES / "alternating.vtt"
    p = loads(path.read_bytes(), path.name)
    said = [(p.speaker_by_id[r.speaker].name, r.text) for r in p.remarks]
    assert len(said) == 11
    assert said[5:8] == [
        ("Tom Adeyemi", "The ones abroad."),
        ("Unknown speaker", "Sorry, I was on mute."),
        ("Ines Moreau", "Who said that?"),
    ]


def test_dialogue_dashes_start_turns() -> None:
    path = FIXTURES / "dialogue.vtt"
    p = load(path)
    assert attributions(p) == [
        ("Unknown speaker", "Hi, everyone."),  # a dash before each speaker's line
        ("Unknown speaker", "Hello."),
        ("Unknown speaker", "Did the bus come?"),  # "-Did", no space, as Netflix writes it
        ("Unknown speaker", "Not yet, it's late again this morning. It was -5 degrees"),  # the next cue, undashed: hers
        ("Unknown speaker", "Was it windy? --and the bus was full —then it left."),  # dash on the second line only
        ("Unknown speaker", "Good evening, I'm the news desk."),  # broadcast captions' >>
        ("Unknown speaker", "And I'm the weather."),
        ("MARIA", "Thanks, both."),  # a name after the dash names the turn
        ("Unknown speaker", "Bye - for now."),  # a dash inside a line is text
    ]
    assert [(r.start, r.end) for r in p.remarks][:2] == [(1.0, 3.0), (1.0, 3.0)]
    assert_no_word_lost(spoken(path), p.remarks)


def test_a_dash_does_not_split_a_speaker_named_in_the_cue() -> None:
    p = loads("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>- Hi,\n- it's me again.\n")
    assert attributions(p) == [("Ann", "- Hi, - it's me again.")]  # a voice span names who: the dash is hers


def test_unknown_speaker_before_the_first_name_and_a_name_only_cue() -> None:
    p = load(FIXTURES / "unknown-first.vtt")
    assert [(s.id, s.name, s.kind) for s in p.speakers] == [
        ("unknown", "Unknown speaker", "speaker"),
        ("maria", "Maria", "speaker"),
    ]
    # "Maria:" alone names who says the next cue, from its own start; "." joins without a space
    assert [(r.speaker, r.text, r.start, r.end) for r in p.remarks] == [
        ("unknown", "Applause. And the show begins", 0.5, 2.0),
        ("maria", "Good evening.", 2.0, 5.0),
    ]


def test_youtube_rolling_lines_and_10ms_repeats_said_once() -> None:
    p = load(FIXTURES / "youtube.vtt")
    assert attributions(p) == [("Unknown speaker", "hello world this is live no no no")]  # "no no no" kept
    assert (p.remarks[0].start, p.remarks[0].end) == (0.0, 6.01)


def test_roll_up_lines_said_once_but_a_cue_said_twice_stays() -> None:
    p = load(FIXTURES / "rollup.vtt")  # no inline timestamps: a whole repeated cue is someone saying it again
    assert [r.text for r in p.remarks] == ["first line second line third line Yes. Yes."]


def test_event_from_the_file_name_dated_when_it_opens_with_a_date() -> None:
    cue = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hi.\n"
    p = loads(cue, "2024-03-28 Panel.vtt")
    assert (p.event.id, p.event.title, p.event.date) == ("2024-03-28-panel", "2024-03-28 Panel", "2024-03-28")
    assert p.sections[0].title == "Transcript"
    assert loads(cue, "2024-13-45 talk.vtt").event.date is None
    assert loads(cue, "dir/transcript.vtt").event.title == "transcript"


def test_a_cue_without_a_blank_line_before_the_next_is_two_cues() -> None:
    p = loads("WEBVTT\n00:01.000 --> 00:02.000\n<v A>one\n00:02.000 --> 00:03.000\n<v B>two\n")
    assert attributions(p) == [("A", "one"), ("B", "two")]


def test_the_same_start_twice_is_in_order() -> None:
    p = loads("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>one\n\n00:01.000 --> 00:01.000\n<v B>two\n")
    assert [(r.start, r.end) for r in p.remarks] == [(1.0, 2.0), (1.0, 1.0)]


def test_round_trips_through_podium_yaml() -> None:
    p = load(FIXTURES / "features.vtt")
    again, problems = read_podium_yaml("again.yaml", to_podium_yaml(p).encode())
    assert problems == [] and again is not None
    assert [(r.speaker, r.text, r.start, r.end) for r in again.remarks] == [
        (r.speaker, r.text, r.start, r.end) for r in p.remarks
    ]


# --------------------------------------------------------------------------- the shared pieces


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Justin Florentine (Besu): Good morning.", ("Justin Florentine (Besu)", "Good morning.", False)),
        ("Ann:", ("Ann", "", False)),
        ("唐鳳：大家好", ("唐鳳", "大家好", False)),
        ("[SPEAKER_00]: hi", ("SPEAKER_00", "hi", True)),
        ("[SPEAKER_00] hi", ("SPEAKER_00", "hi", True)),
        ("[Music] plays", None),
        ("At 10:30 we meet", None),
        ("https://example.org is down", None),
        ("Is it? Yes: maybe", None),
        ("- Ann: a dialogue dash", None),
        ("One two three four five six seven eight nine: words", None),
        ("A" * 61 + ": too long", None),
    ],
)
def test_name_prefix(line: str, expected: tuple[str, str, bool] | None) -> None:
    assert name_prefix(line) == expected


def test_is_name_weighs_one_off_prefixes() -> None:
    assert (
        is_name("Fabio Di Fabio", False, 1) and is_name("Ann van Dijk (ACME)", False, 1) and is_name("唐鳳", False, 1)
    )
    assert (
        not is_name("Note", False, 1) and not is_name("Here's the thing", False, 1) and not is_name("nflaig", False, 1)
    )
    assert is_name("nflaig", False, 2) and is_name("SPEAKER_00", True, 1)


def test_clean_line_and_join_text() -> None:
    assert clean_line("<c.x>a</c>  <00:00:01.000><b>b</b>&amp;&nbsp;c &lt;i&gt;") == "a b& c <i>"
    assert clean_line("{\\an8}<font color='red'>x</font>", srt=True) == "x"
    assert clean_line("a <3 b") == "a <3 b"  # not a tag
    assert join_text(["I", "am", "", "father", ".", "No", "...", "way", "!?"]) == "I am father. No... way!?"


# --------------------------------------------------------------------------- real files


def test_zoom_transcript() -> None:
    path = shared("zoom_focil31_transcript.vtt")
    p = load(path)
    assert [s.name for s in p.speakers] == ["Jihoon", "Justin Florentine (Besu)", "nflaig", "Fabio Di Fabio"]
    assert len(p.remarks) == 26
    assert attributions(p)[0] == ("Jihoon", "Hello, guys, I think we can start in, like, 30 seconds.")
    assert attributions(p)[5] == ("Justin Florentine (Besu)", "Mmm…")
    assert attributions(p)[-2:] == [("Fabio Di Fabio", "Yep."), ("Jihoon", "Bye-bye.")]
    assert (p.remarks[0].start, p.remarks[-1].end) == (601.0, 1284.75)  # starts at 00:10:01
    assert p.remarks[2].text.startswith("Alright guys, thanks for waiting, let's get this started. Hello everyone")
    assert all(r.reply_to is None for r in p.remarks)
    raw = path.read_text("utf-8")
    spoken = re.sub(r"(?m)^(?:WEBVTT|.*-->.*|\d+\r?$|[^:\r\n]{1,60}: )", "", raw)  # header, numbers, timings, names
    assert in_order(words(spoken), p)
    assert not any(r.text.startswith(("Jihoon:", "nflaig:")) for r in p.remarks)


def test_podcast_namespace_example() -> None:
    path = shared("podcastns_example.vtt")
    p = load(path)
    assert [(s.id, s.name) for s in p.speakers] == [("sarah", "Sarah"), ("gillian", "Gillian")]
    assert [(r.speaker, r.start, r.end) for r in p.remarks] == [("sarah", 0.0, 18.63), ("gillian", 19.08, 25.35)]
    assert p.remarks[0].text.startswith("In today's episode, you'll learn whether or not you should have a podcast")
    assert "Welcome to Podcasting Q&A, where you learn" in p.remarks[0].text
    assert p.remarks[1].text.endswith("My question is, do we need a podcast trailer?")
    raw = html.unescape(re.sub(r"<[^>]*>|.*-->.*|WEBVTT", "", path.read_text("utf-8")))
    assert in_order(words(raw), p)


def test_webvtt_py_youtube_dl() -> None:
    p = load(shared("webvttpy_youtube_dl.vtt"))  # Kind/Language/Style header, <c> tags, inline timestamps
    assert attributions(p) == [("Unknown speaker", "yeah what this will happen is I'm telling")]
    assert (p.remarks[0].start, p.remarks[0].end) == (286.07, 305.4)


def test_webvtt_py_captions_with_bom() -> None:
    p = load(shared("webvttpy_captions_with_bom.vtt"))
    assert attributions(p) == [("Unknown speaker", "Caption text #1 Caption text #2 Caption text #3 Caption text #4")]
    assert (p.remarks[0].start, p.remarks[0].end) == (0.5, 21.58)


# --------------------------------------------------------------------------- hostile files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("backwards.vtt", ["backwards.vtt:3:18: the cue ends at 00:00:04.000, before it starts at 00:00:05.000; "
                           "fix its times"]),
        (
            "malformed-times.vtt",
            [
                "malformed-times.vtt:3:1: malformed start time '00:00:0a.000'; "
                "write it as hh:mm:ss.ttt, e.g. 00:01:02.500",
                "malformed-times.vtt:6:19: end time: minutes must be 00 to 59, not 61",
                "malformed-times.vtt:9:18: malformed end time '00:00:04'; write it as hh:mm:ss.ttt, e.g. 00:01:02.500",
                "malformed-times.vtt:12:16: '->' between the times; a timing line's times are joined by -->",
            ],
        ),
        ("no-cues.vtt", ["no-cues.vtt: no cues in this file; "
                         "a WebVTT cue is a timing line (00:00:01.000 --> 00:00:04.000) and its text"]),
        ("empty-cues.vtt", ["empty-cues.vtt: no words in any of the file's 2 cues; "
                            "a WebVTT cue's text follows its timing line"]),
        (
            "not-webvtt.vtt",
            ["not-webvtt.vtt:1:1: the first line is not WEBVTT; a WebVTT file starts with the line WEBVTT "
             "(an SRT file, with numbered cues, is named .srt)"],
        ),
        ("utf16.vtt", ["utf16.vtt:1:1: file is UTF-16; save it as UTF-8"]),
        ("nul.vtt", ["nul.vtt:4:4: NUL byte at byte offset 41; this is not a text file"]),
    ],
)  # fmt: skip
def test_hostile_files_are_refused_with_their_place(name: str, expected: list[str]) -> None:
    assert problems_of(HOSTILE / name) == expected


def test_out_of_order_cues_are_refused() -> None:
    data = "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\na\n\n  00:00:02.000 --> 00:00:03.000\nb\n"
    proceedings, problems = read_webvtt("late.vtt", data.encode())
    assert proceedings is None
    assert [str(p) for p in problems] == [
        "late.vtt:6:3: the cue starts at 00:00:02.000, before the cue at line 3 starts (00:00:05.000); "
        "cues must be in time order"
    ]


def test_control_characters_stay_data() -> None:
    p = load(HOSTILE / "control-chars.vtt")
    assert [s.name for s in p.speakers] == ["\x1b[31mRed\x1b[0m", "Evil\x1b[2J Name"]
    assert [r.text for r in p.remarks] == ["bell\x07 and \x1b]0;title\x07 and \u202eevil", "clears the screen\x08"]


def test_problems_are_capped() -> None:
    data = "WEBVTT\n\n" + "".join("00:00:0x.000 --> 00:00:01.000\nx\n\n" for _ in range(150))
    proceedings, problems = read_webvtt("many.vtt", data.encode())
    assert proceedings is None and len(problems) == 101
    assert str(problems[-1]) == "many.vtt: 50 more problems like these are not shown"


# Hostile lines, each as a function of its size: what a regular expression could backtrack over.
HOSTILE_LINES = {
    "voice tags never closed": lambda n: "<v " * n,
    "angle brackets": lambda n: "<" * 3 * n,
    "voice classes": lambda n: "<v.a" * n + ">",
    "a tag of spaces": lambda n: "<b" + " " * 3 * n,
    "a bracket never closed": lambda n: "[" + "a" * 3 * n,
    "colons": lambda n: "x:" * n,
}


def _two_cues_of(line: str) -> bytes:
    return f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{line}\n\n00:00:02.000 --> 00:00:03.000\n{line}\n".encode()


@pytest.mark.parametrize("hostile", list(HOSTILE_LINES.values()), ids=list(HOSTILE_LINES))
def test_hostile_lines_are_read_in_linear_work(hostile: Callable[[int], str]) -> None:
    # Work, not time (timed in `python -m bench`): twice the line, at most about twice the work.
    works = growth(lambda n: work_of(lambda: read_webvtt("long.vtt", _two_cues_of(hostile(n)))), 10_000)
    assert is_linear(works), works
    proceedings, problems = read_webvtt("long.vtt", _two_cues_of(hostile(200_000)))  # 600 KB lines: read
    assert proceedings is not None or problems


# --------------------------------------------------------------------------- sniff and properties


def test_sniff() -> None:
    assert (
        sniff(b"WEBVTT\n\n00:01.000 --> 00:02.000\nx") and sniff(b"\xef\xbb\xbfWEBVTT - title\r\n") and sniff(b"WEBVTT")
    )
    assert not sniff(b"WEBVTTX\n") and not sniff(b" WEBVTT\n") and not sniff(b"1\n00:00:01,000 --> 00:00:02,000\n")
    assert (FORMAT.name, FORMAT.suffixes, FORMAT.suffix_is_enough) == ("WebVTT transcript", (".vtt",), True)


FRAGMENTS = [
    "WEBVTT", "", "", "00:00:01.000 --> 00:00:02.000", "00:01.000 --> 00:00.500", "0:0:5.320 --> 0:0:6.000 align:start",
    "NOTE", "STYLE", "1", "<v Ann>hi", "<v.loud>", "</v>", "Ann: hello", "[SPEAKER_00]: x", "&amp;&#0;&#x110000;",
    "<c><00:00:01.500>", "\r", "-->", "::", "：", "<rt>x</rt>", "\x1b[2J", "\u00a0", "é",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=30), st.booleans())
def test_any_text_gives_an_event_or_problems(lines: list[str], header: bool) -> None:
    text = ("WEBVTT\n\n" if header else "") + "\n".join(lines)
    proceedings, problems = read_webvtt("any.vtt", text.encode())
    assert (proceedings is None) == bool(problems)
    if proceedings is not None:
        assert_valid(proceedings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_webvtt("any.vtt", b"WEBVTT\n\n" + data)
    assert (proceedings is None) == bool(problems)
