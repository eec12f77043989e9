"""iCalendar (.ics): the calendar as the event, each VEVENT a talk, ATTENDEEs or a "(talk by …)" as speakers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from format_cases import ROOT, shared
from format_cases import assert_valid_schedule as assert_valid
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli import EXIT_INVALID, EXIT_OK, main
from tui.core.model import Proceedings
from tui.formats.ical import FORMAT, read_ical, sniff, summary_speakers
from tui.formats.ical_lines import MAX_DEPTH, MAX_EVENTS, MAX_LINES
from tui.formats.open import load_file, pick_format
from tui.formats.podium_yaml import read_podium_yaml
from tui.formats.podium_yaml_writer import to_podium_yaml

FIXTURE = ROOT / "tests" / "fixtures" / "formats" / "schedules" / "ical_features.ics"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "schedules"
HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
TAIL = "END:VCALENDAR\r\n"
NOT_A_LINE = (
    "is not a content line NAME:VALUE (or NAME;PARAM=VALUE:VALUE); a line that goes on from the one before "
    "starts with a space"
)


def read(name: str, data: bytes) -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = read_ical(name, data)
    return proceedings, [str(p) for p in problems]


def load(path: Path) -> Proceedings:
    proceedings, problems = read(path.name, path.read_bytes())
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def event(*lines: str) -> str:
    """A calendar of one VEVENT with these content lines."""
    return HEAD + "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n" + TAIL


# --------------------------------------------------------------------------- the features


def test_the_calendar_is_the_event() -> None:
    p = load(FIXTURE)
    assert p.origin == "iCalendar schedule"
    e = p.event
    # X-WR-CALNAME, X-WR-CALDESC (its escapes decoded), the first and last day of the talks
    assert (e.id, e.title, e.summary, e.date, e.end_date) == (
        "ical-features",
        "Demo Con ICS",
        "Talks, workshops; and a late night",
        "2025-06-14",
        "2025-06-16",
    )


def test_each_vevent_a_talk_in_order_of_start() -> None:
    p = load(FIXTURE)
    assert [(s.id, s.kind, s.start, s.duration, s.room, s.track, s.speakers) for s in p.sections] == [
        # TZID of the file's own VTIMEZONE (June: its daylight offset); DTEND; the first CATEGORIES
        ("welcome-to-demo-con-opening-words", "talk", "2025-06-14T10:00:00+02:00", 45, "Janson, ground floor",
         "Keynotes", ("lovelace-ada", "grace-hopper")),
        # an IANA TZID; DURATION; speakers from "(workshop by …)", the kind too
        ("compilers-for-everyone", "workshop", "2025-06-14T11:30:00+02:00", 90, "H.1302 (Depage)", "Languages",
         ("grace-hopper", "alan-turing")),
        # UTC; RRULE: one talk, at its first occurrence; the ORGANIZER is no speaker
        ("late-night-hacking", "talk", "2025-06-14T20:00:00+00:00", 120, "Hackcenter", None, ()),
        # all day, DTEND two days on
        ("sprints", "talk", "2025-06-15", 2 * 24 * 60, "Sprint rooms", None, ()),
        # floating time (no zone), no DTEND or DURATION: no length
        ("can-machines-think", "talk", "2025-06-15T11:00:00", None, "Janson, ground floor", None, ("alan-turing",)),
        # "(panel by Discussion: …)" names no person: the SUMMARY stays whole
        ("discussion-open-data-panel-by-discussion-open-da", "talk", "2025-06-15T13:00:00+00:00", 45,
         "Janson, ground floor", None, ()),
        # no SUMMARY: kept (it holds a room and a time), nothing says it is a talk
        ("untitled-talk", "other", "2025-06-15T14:00:00+00:00", 30, "Ferrer", None, ()),
        # all day, no DTEND: its one day
        ("museum-visit", "talk", "2025-06-16", 24 * 60, None, None, ()),
    ]  # fmt: skip


def test_escapes_folding_and_descriptions() -> None:
    p = load(FIXTURE)
    welcome = p.section_by_id["welcome-to-demo-con-opening-words"]
    assert welcome.title == "Welcome to Demo Con; opening words"  # \;
    assert welcome.room == "Janson, ground floor"  # \,
    # \n a line break; a folded line joined without its leading space; the VALARM's DESCRIPTION not taken
    assert welcome.abstract == "Opening talk.\nWhere the rooms are, and where the coffee is. Sprints start on Sunday."
    compilers = p.section_by_id["compilers-for-everyone"]
    assert compilers.title == "Compilers for everyone"  # the SUMMARY folded inside "Bletchley"
    assert p.section_by_id["can-machines-think"].abstract == "An imitation game, played with the audience."


def test_attendees_with_a_name_are_the_speakers() -> None:
    p = load(FIXTURE)
    # Not speakers: ROLE=NON-PARTICIPANT ("Everyone"), CUTYPE=ROOM ("Janson"), an ATTENDEE with no CN,
    # the ORGANIZER ("Demo Con"). A quoted CN keeps its comma; one name in two talks is one speaker.
    assert [(s.id, s.name, s.organisation) for s in p.speakers] == [
        ("lovelace-ada", "Lovelace, Ada", None),
        ("grace-hopper", "Grace Hopper", None),
        ("alan-turing", "Alan Turing", "Bletchley Park"),
    ]


@pytest.mark.parametrize(
    ("summary", "title", "kind", "people"),
    [
        ("Python's Infamous GIL (talk by Larry Hastings)", "Python's Infamous GIL", "talk", [("Larry Hastings", None)]),
        ("Django Security Workshop (workshop by Peter Inglesby)", "Django Security Workshop", "workshop",
         [("Peter Inglesby", None)]),
        ("Python for mobile games (talk by Safe Hammad & Fiona Burrows)", "Python for mobile games", "talk",
         [("Safe Hammad", None), ("Fiona Burrows", None)]),
        ("Python powered Nukes (talk by Babak Khataee and Dan Milburn)", "Python powered Nukes", "talk",
         [("Babak Khataee", None), ("Dan Milburn", None)]),
        ("Demo: web services (demo by Alys Brett, Culham Centre for Fusion Energy)", "Demo: web services", "demo",
         [("Alys Brett", "Culham Centre for Fusion Energy")]),
        # not a person: a colon in the "name", more than six words, a lower-case start
        ("Discussion: data (panel by Discussion: data)", "Discussion: data (panel by Discussion: data)", None, []),
        ("X (talk by Ada Lovelace and the whole team)", "X (talk by Ada Lovelace and the whole team)", None, []),
        ("X (talk by Ada Augusta King Countess of Lovelace Byron)", "X (talk by Ada Augusta King Countess of "
         "Lovelace Byron)", None, []),
        # ambiguous layouts are left alone: a dash or a colon may be part of any title
        ("Gabbi - Declarative HTTP Testing", "Gabbi - Declarative HTTP Testing", None, []),
        ("Keynote: Van Lindberg, PSF Chair", "Keynote: Van Lindberg, PSF Chair", None, []),
        ("PyKids UK Lunch (provided packed lunch)", "PyKids UK Lunch (provided packed lunch)", None, []),
        # commas in a list part people; an organisation only after the last name
        ("Panel (panel by Ada Lovelace, Alan Turing, Grace Hopper)", "Panel", "panel",
         [("Ada Lovelace", None), ("Alan Turing", None), ("Grace Hopper", None)]),
        ("P (talk by Ada Lovelace, Alan Turing and Grace Hopper)", "P", "talk",
         [("Ada Lovelace", None), ("Alan Turing", None), ("Grace Hopper", None)]),
        # a name that stands for no one yet
        ("Closing (talk by TBA)", "Closing (talk by TBA)", None, []),
        ("Lunch (session by Everyone)", "Lunch (session by Everyone)", None, []),
    ],
)  # fmt: skip
def test_speakers_in_a_summary_only_where_it_is_unambiguous(
    summary: str, title: str, kind: str | None, people: list[tuple[str, str | None]]
) -> None:
    found_title, found_kind, persons = summary_speakers(summary)
    assert (found_title, found_kind, [(p.name, p.organisation) for p in persons]) == (title, kind, people)


def test_attendees_win_over_the_summary() -> None:
    data = event(
        "UID:1", "DTSTART:20250101T100000Z", "SUMMARY:Both (talk by Someone Else)", "ATTENDEE;CN=Ada:mailto:a@x"
    )
    p, problems = read("a.ics", data.encode())
    assert problems == [] and p is not None
    assert [(s.title, s.speakers) for s in p.sections] == [("Both (talk by Someone Else)", ("ada",))]


def test_no_calendar_name_gives_the_file_stem() -> None:
    p, problems = read("devroom.2025.ics", event("DTSTART:20250101T100000Z", "SUMMARY:T").encode())
    assert problems == [] and p is not None
    assert (p.event.id, p.event.title) == ("devroom", "devroom")


def test_converts_to_podium_yaml_and_reads_back_the_same() -> None:
    p = load(FIXTURE)
    back, problems = read_podium_yaml("back.yaml", to_podium_yaml(p).encode())
    assert problems == []
    assert back is not None
    assert (back.event, back.speakers, back.sections, back.remarks) == (p.event, p.speakers, p.sections, ())


def test_sniff_and_suffix() -> None:
    assert (FORMAT.suffixes, FORMAT.suffix_is_enough) == ((".ics",), True)
    assert sniff(FIXTURE.read_bytes())
    assert sniff(b"\xef\xbb\xbf\r\nbegin:vcalendar\nVERSION:2.0\n")  # BOM, a blank line, lower case
    assert not sniff(b"BEGIN:VCARD\r\n")
    assert not sniff(b"X-WR-CALNAME:x\r\nBEGIN:VCALENDAR\r\n")
    assert not sniff(b"<schedule><conference>")
    # named oddly, it is still found by its content
    assert pick_format("calendar.txt", FIXTURE.read_bytes()) is FORMAT


def test_the_library_is_loaded_only_to_read_a_calendar() -> None:
    """Listing the formats and sniffing a file import the reader module, never icalendar itself."""
    code = (
        "import sys; from tui.formats.open import formats_read, pick_format; formats_read(); "
        "pick_format('x.ics', b'BEGIN:VCALENDAR\\r\\n'); sys.exit('icalendar' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


# --------------------------------------------------------------------------- the real file


def test_the_pycon_uk_2015_calendar() -> None:
    path = shared("ical_pyconuk2015_schedule.ics")
    p = load(path)
    assert (p.event.title, p.event.date, p.event.end_date) == ("PyCon UK 2015 Schedule", "2015-09-18", "2015-09-21")
    assert len(p.sections) == 162
    by_title = {s.title: s for s in p.sections}
    gil = by_title["Python's Infamous GIL"]
    assert (gil.start, gil.duration, gil.room, gil.abstract) == (
        "2015-09-18T10:30:00+00:00",
        30,
        "PythonAnywhere Room (CC1.3)",
        "http://www.pyconuk.org/talks/pythons-infamous-gil/",
    )
    assert [p.speaker_by_id[i].name for i in gil.speakers] == ["Larry Hastings"]
    # "Fun\,Growth" unescaped; the speaker's name folded over two lines ("Wil" / " lmer")
    django = by_title["Real-Time Data + Django = Fun,Growth + Profit"]
    assert (django.room, [p.speaker_by_id[i].name for i in django.speakers]) == ("LaterPay Room (CC2.1)",
                                                                                 ["Rachel Willmer"])  # fmt: skip
    games = by_title["Python for mobile games on iOS and Android"]
    assert [p.speaker_by_id[i].name for i in games.speakers] == ["Safe Hammad", "Fiona Burrows"]
    research = by_title["Forming a PyCon UK research community"]
    (sarah,) = (p.speaker_by_id[i] for i in research.speakers)
    assert (sarah.name, sarah.organisation) == ("Sarah Mount", "University of Wolverhampton")
    assert by_title["Fifty Shades of Disaster - Human Error and Complex Systems"].kind == "workshop"
    assert by_title["Keynote: Van Lindberg, PSF Chair"].speakers == ()  # no "(talk by …)": no guess
    assert sum(1 for s in p.sections if s.title == "Untitled talk") == 4  # four empty SUMMARYs
    assert len(p.speakers) == 68
    assert [s.start for s in p.sections] == sorted(s.start or "" for s in p.sections)  # all UTC: sorted as text


# --------------------------------------------------------------------------- hostile data


def test_bad_talks_are_named_and_placed() -> None:
    p, problems = read("bad-talks.ics", (HOSTILE / "bad-talks.ics").read_bytes())
    zone = 'is in time zone "Atlantis/Lost City", which no VTIMEZONE defines and is no IANA zone name; ' + (
        "its time is kept without an offset: add the VTIMEZONE"
    )
    kind = "or not the same kind of time (a date, a time with a zone, a floating time); its length is left out"
    assert problems == [
        'bad-talks.ics:7:1: talk "Bad date": DTSTART "2025-06-14 10am" is not a date and time like '
        "20240615T103000Z or a date like 20240615; it is left out",
        'bad-talks.ics:14:1: talk "Bad duration": DURATION "half an hour" is not a length like PT45M or P1D; '
        "it is left out",
        'bad-talks.ics:20:1: talk "Ends before it starts": DTEND 2025-06-14T11:30:00+00:00 is before DTSTART '
        f"2025-06-14T12:00:00+00:00, {kind}",
        f'bad-talks.ics:25:1: talk "Unknown zone": DTSTART {zone}',
        f'bad-talks.ics:26:1: talk "Unknown zone": DTEND {zone}',
        f'bad-talks.ics:31:1: "this line lost its name and colon" {NOT_A_LINE}',
        'bad-talks.ics:39:1: talk "Day and time": DTEND 2025-06-15 is before DTSTART 2025-06-14T15:00:00+00:00, '
        + kind,
    ]
    assert p is not None
    assert_valid(p)
    assert [(s.id, s.start, s.duration) for s in p.sections] == [
        ("bad-duration", "2025-06-14T11:00:00+00:00", None),
        ("ends-before-it-starts", "2025-06-14T12:00:00+00:00", None),
        ("unknown-zone", "2025-06-14T13:00:00", 30),  # floating, as the zone is unknown
        ("a-broken-line", "2025-06-14T14:00:00+00:00", 30),  # the line is dropped, the talk kept
        ("day-and-time", "2025-06-14T15:00:00+00:00", None),
        ("bad-date", None, 30),  # no start: after the talks that have one
    ]


CUT = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20250101T100000Z\r\nDESCRIPTION:cut he"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (CUT, "c.ics:5:1: the file ends inside BEGIN:VEVENT (line 2): it may be cut short; end it with END:VEVENT "
         "… END:VCALENDAR"),
        (HEAD + "BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
         "c.ics:5:1: the file ends inside BEGIN:VCALENDAR (line 1): it may be cut short; end it with END:VCALENDAR"),
        (HEAD + "BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VTODO\r\n" + TAIL,
         "c.ics:5:1: END:VTODO where BEGIN:VEVENT (line 3) is open; close it with END:VEVENT"),
        (HEAD + "END:VEVENT\r\n" + TAIL + "END:VCALENDAR\r\n",
         "c.ics:3:1: END:VEVENT where BEGIN:VCALENDAR (line 1) is open; close it with END:VCALENDAR"),
        (HEAD + TAIL + "END:VCALENDAR\r\n", "c.ics:4:1: END:VCALENDAR closes nothing: no BEGIN:VCALENDAR is open"),
        (HEAD + TAIL + HEAD + TAIL,
         "c.ics:4:1: a second BEGIN:VCALENDAR: Podium reads one calendar a file; split it in two"),
        ("BEGIN:VEVENT\r\nEND:VEVENT\r\n",
         "c.ics:1:1: BEGIN:VEVENT outside BEGIN:VCALENDAR; an iCalendar file is one VCALENDAR"),
        (HEAD + TAIL + "SUMMARY:after\r\n",
         'c.ics:4:1: "SUMMARY:after" is outside BEGIN:VCALENDAR … END:VCALENDAR'),
        ("hello world\r\n" + HEAD + TAIL, f'c.ics:1:1: "hello world" {NOT_A_LINE}'),
        ("", "c.ics:1:1: no BEGIN:VCALENDAR: an iCalendar file starts with it and ends with END:VCALENDAR"),
        ("\r\n\r\n", "c.ics:1:1: no BEGIN:VCALENDAR: an iCalendar file starts with it and ends with END:VCALENDAR"),
        ("BEGIN:VCALENDAR\rEND:VCALENDAR\r", "c.ics:1:1: lines end in CR alone; save the file with CRLF (or LF) "
         "line ends"),
        (HEAD + "BEGIN:X\r\n" * 20 + "END:X\r\n" * 20 + TAIL,
         f"c.ics:{3 + MAX_DEPTH - 1}:1: components nest more than {MAX_DEPTH} deep here; a calendar needs 3"),
    ],
)  # fmt: skip
def test_broken_calendars_are_refused_at_their_line(data: str, expected: str) -> None:
    assert read("c.ics", data.encode()) == (None, [expected])


def test_bytes_that_are_no_text_are_located() -> None:
    body = event("SUMMARY:Caf\xe9", "DTSTART:20250101T100000Z").encode("latin-1")
    assert read("l.ics", body) == (
        None,
        ["l.ics:4:12: invalid UTF-8 byte 0xe9 at byte offset 55; save the file as UTF-8"],
    )
    assert read("u.ics", event("SUMMARY:x").encode("utf-16")) == (None, ["u.ics:1:1: file is UTF-16; save it as UTF-8"])
    junk = bytes(range(1, 256)) * 40
    proceedings, problems = read("junk.ics", junk)
    assert proceedings is None
    assert problems == ["junk.ics:2:118: invalid UTF-8 byte 0x80 at byte offset 127; save the file as UTF-8"]


def test_a_utf8_bom_and_bare_lf_lines_are_read() -> None:
    data = b"\xef\xbb\xbf" + event("SUMMARY:Caf\u00e9", "DTSTART:20250101T100000Z").replace("\r\n", "\n").encode()
    p, problems = read("bom.ics", data)
    assert problems == [] and p is not None
    assert [s.title for s in p.sections] == ["Café"]


def test_more_vevents_than_the_limit_are_refused_without_parsing_them() -> None:
    one = "BEGIN:VEVENT\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\n"
    data = (HEAD + one * (MAX_EVENTS + 1) + TAIL).encode()
    line = 3 + 3 * MAX_EVENTS
    assert read("many.ics", data) == (
        None,
        [f"many.ics:{line}:1: more than {MAX_EVENTS:,} VEVENTs: Podium reads a calendar of at most that many"],
    )


def test_a_file_of_broken_lines_stops_at_a_hundred() -> None:
    data = (HEAD + "BEGIN:VEVENT\r\n" + "no colon here\r\n" * 10_000 + "END:VEVENT\r\n" + TAIL).encode()
    proceedings, problems = read("broken.ics", data)
    assert proceedings is None
    assert problems[:-1] == [f'broken.ics:{line}:1: "no colon here" {NOT_A_LINE}' for line in range(4, 103)]
    assert problems[-1] == "broken.ics:102:1: more than 100 broken lines: this is not an iCalendar file"


def test_control_characters_stay_data() -> None:
    p = load(HOSTILE / "control-chars.ics")
    assert p.event.title == "Evil \u202e Con [bold]x[/bold]"
    assert p.sections[0].title == "Talk \u202egnp.exe \x1b]0;pwned\x07 [red]markup[/red]"
    assert [s.name for s in p.speakers] == ["Mallory \x9b31m \u202e"]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_ical("fuzz.ics", data)
    assert proceedings is not None or problems


_value = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=16)
_prop = st.sampled_from(
    ["SUMMARY", "DTSTART", "DTEND", "DURATION", "LOCATION", "CATEGORIES", "DESCRIPTION", "ATTENDEE;CN=x",
     "DTSTART;TZID=Europe/Paris", "DTSTART;VALUE=DATE", "RRULE", "UID", "ATTENDEE;CN=\"a, b\";ROLE=CHAIR"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(fields=st.lists(st.tuples(_prop, _value), max_size=8))
def test_any_event_content_gives_a_valid_event(fields: list[tuple[str, str]]) -> None:
    data = event(*(f"{k}:{v}" for k, v in fields)) + ""
    proceedings, problems = read_ical("fuzz.ics", data.encode())
    assert proceedings is not None or problems
    if proceedings is not None:
        assert_valid(proceedings)
        assert len(proceedings.sections) == 1


# --------------------------------------------------------------------------- the CLI


def test_agenda_and_validate_of_a_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURE)]) == EXIT_OK
    assert capsys.readouterr() == (f"{FIXTURE}: OK\n", "")
    assert main(["agenda", str(FIXTURE), "-f", "json"]) == EXIT_OK
    (e,) = json.loads(capsys.readouterr().out)["events"]
    assert [(s["title"], s["start"], s["room"]) for s in e["sections"][:2]] == [
        ("Welcome to Demo Con; opening words", "2025-06-14T10:00:00+02:00", "Janson, ground floor"),
        ("Compilers for everyone", "2025-06-14T11:30:00+02:00", "H.1302 (Depage)"),
    ]
    assert main(["talks", "-q", "turing", str(FIXTURE)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Can machines think?" in out and "Compilers for everyone" in out and out.endswith("2 of 8 talks\n")


def test_a_calendar_of_no_events_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.ics"
    path.write_text(HEAD + "BEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\n" + TAIL, encoding="utf-8")
    assert load_file(path)[0] is None
    assert main(["validate", str(path)]) == EXIT_INVALID
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"{path}: no talks found: an iCalendar schedule lists each talk as a BEGIN:VEVENT … END:VEVENT "
        "in its VCALENDAR\n"
    )


def test_docs_state_the_limits_from_the_code() -> None:
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    assert f"more than\n{MAX_EVENTS:,} `VEVENT`s" in text or f"more than {MAX_EVENTS:,} `VEVENT`s" in text
    assert f"nested more than {MAX_DEPTH} deep" in text


def test_a_broken_component_podium_does_not_read_costs_no_talk() -> None:
    # A VALARM, a VTODO or an unused VTIMEZONE with a bad value: the library refused the whole calendar
    alarm = event("SUMMARY:Talk", "DTSTART:20250101T100000Z", "BEGIN:VALARM", "TRIGGER:garbage", "END:VALARM")
    todo = HEAD + "BEGIN:VTODO\r\nDUE:garbage\r\nEND:VTODO\r\n" + event("SUMMARY:Talk")[len(HEAD) :]
    for data in (alarm, todo):
        p, problems = read("c.ics", data.encode())
        assert problems == [] and p is not None and [t.title for t in p.sections] == ["Talk"]
    zone = (
        HEAD + "BEGIN:VTIMEZONE\r\nTZID:Nowhere\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:bad\r\nTZOFFSETTO:bad\r\n"
        "DTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        + event("SUMMARY:Talk", "DTSTART:20250101T100000Z")[len(HEAD) :]
    )
    p, problems = read("z.ics", zone.encode())
    assert p is not None and [t.start for t in p.sections] == ["2025-01-01T10:00:00+00:00"]
    assert problems == ["z.ics:3:1: its VTIMEZONE could not be read; times in its zones are kept without an offset"]


def test_a_lone_cr_inside_a_line_is_said_not_swallowed() -> None:
    data = event("SUMMARY:t\rDTSTART:20240101T100000Z").encode()
    p, problems = read("cr.ics", data)
    assert problems == ["cr.ics:4:1: a CR alone inside this line ends nothing: save the file with CRLF line ends"]
    assert p is not None and p.sections[0].title == "Untitled talk"


def test_more_lines_than_the_limit_are_refused_before_the_library_reads_them() -> None:
    data = (HEAD + "BEGIN:VEVENT\r\n" + "X-A:b\r\n" * MAX_LINES + "END:VEVENT\r\n" + TAIL).encode()
    line = MAX_LINES - 1  # the line past the limit: VERSION and BEGIN come first
    proceedings, problems = read("long.ics", data)
    assert proceedings is None
    assert problems == [
        f"long.ics:{line + 2}:1: more than {MAX_LINES:,} lines: Podium reads a calendar of at most that many"
    ]


def test_a_length_of_more_than_a_month_is_said_and_left_out() -> None:
    p, problems = read("d.ics", event("SUMMARY:Long", "DTSTART:20250101T100000Z", "DURATION:P999999999D").encode())
    assert p is not None and p.sections[0].duration is None
    assert problems == [
        'd.ics:6:1: talk "Long" lasts 1,439,999,998,560 minutes, more than a month; its length is left out'
    ]


def test_a_bad_value_is_quoted_as_the_file_writes_it() -> None:
    p, problems = read("n.ics", event("SUMMARY:Neg", "DTSTART:20250101T100000Z", "DURATION:-PT30M").encode())
    assert problems == ['n.ics:6:1: talk "Neg": DURATION "-PT30M" is not a length like PT45M or P1D; it is left out']
    assert p is not None and p.sections[0].duration is None
