"""frab / pentabarf schedule.xml: the conference as the event, events as talks, persons as speakers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from format_cases import ROOT, SHARED
from format_cases import assert_valid_schedule as assert_valid
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.model import Proceedings, Venue
from tui.formats.frab_xml import FORMAT, read_frab_xml, sniff
from tui.formats.podium_yaml import read_podium_yaml
from tui.formats.podium_yaml_writer import to_podium_yaml

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "schedules"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "schedules"
LIKE = "not a date and time like 2024-12-27T10:30:00+01:00 (or HH:MM in a <day date=…>); its start is left out"


def read(path: Path) -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = read_frab_xml(path.name, path.read_bytes())
    return proceedings, [str(p) for p in problems]


def load(path: Path) -> Proceedings:
    proceedings, problems = read(path)
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def test_conference_is_the_event() -> None:
    p = load(FIXTURES / "frab_small.xml")
    assert p.origin == "frab schedule.xml"
    e = p.event
    assert (e.id, e.title, e.date, e.end_date, e.summary) == (
        "frab-small",
        "Demo Con XML",
        "2025-06-14",
        "2025-06-15",
        "Schedules & speakers",
    )
    assert e.venue == Venue(institution="Example Conference Centre, Brussels")  # <venue>, <city>


def test_events_in_order_of_day_then_start_then_room() -> None:
    p = load(FIXTURES / "frab_small.xml")
    assert [(s.id, s.kind, s.start, s.duration, s.room, s.track, s.speakers) for s in p.sections] == [
        # the event's <room> is missing: the enclosing <room name>
        ("workshop-compilers", "workshop", "2025-06-14T09:30:00+02:00", 90, "K.1.105 (La Fontaine)", "Languages",
         ("grace-hopper", "ada-lovelace")),
        ("keynotes-welcome", "talk", "2025-06-14T10:00:00+02:00", 45, "Janson", "Keynotes",
         ("ada-lovelace", "speaker-bd556986")),
        # <start>01:00</start> alone, before the day's 06:00 start: the next date
        ("late-night-hacking", "other", "2025-06-15T01:00", 30, "Janson", "Community", ()),
        # no <date>, a <day date> without start: day_change 06:00 applies; "00:30:00" is 30 minutes
        ("can-machines-think", "talk", "2025-06-15T11:00", 30, "Janson", "Keynotes", ("alan-turing",)),
    ]  # fmt: skip


def test_titles_abstracts_and_speakers() -> None:
    p = load(FIXTURES / "frab_small.xml")
    welcome = p.section_by_id["keynotes-welcome"]
    assert (welcome.title, welcome.description) == ("Welcome to Demo Con", "Opening talk")
    # escaped HTML, as FOSDEM writes it; the subtitle opens the talk's text, where the browser shows it
    assert welcome.abstract == "Opening talk\nWelcome & opening.\nSecond paragraph."
    assert p.section_by_id["workshop-compilers"].title == "Compilers for everyone"  # white space collapsed
    assert p.section_by_id["workshop-compilers"].abstract == "Write a compiler.\nBring a laptop."
    assert p.section_by_id["late-night-hacking"].abstract == "After midnight.\nStill day one\nin the schedule."
    assert [(s.id, s.name, s.bio, s.event_roles) for s in p.speakers] == [
        ("grace-hopper", "Grace Hopper", None, ()),
        ("ada-lovelace", "Ada Lovelace", None, ()),  # person id 7 in two talks: one speaker
        ("speaker-bd556986", "唐鳳", None, ()),
        ("alan-turing", "Alan Turing", None, ()),
    ]


def test_no_word_of_the_fixture_is_lost() -> None:
    raw = (FIXTURES / "frab_small.xml").read_text(encoding="utf-8")
    p = load(FIXTURES / "frab_small.xml")
    titles = [" ".join(t.split()) for t in re.findall(r"<title>([^<]*)</title>", raw, re.S)][1:]  # [0]: conference
    assert sorted(titles) == sorted(s.title for s in p.sections)
    names = re.findall(r"<person [^>]*>([^<]*)</person>", raw)
    assert set(names) == {s.name for s in p.speakers}


def test_converts_to_podium_yaml_and_reads_back_the_same() -> None:
    p = load(FIXTURES / "frab_small.xml")
    back, problems = read_podium_yaml("back.yaml", to_podium_yaml(p).encode())
    assert problems == []
    assert back is not None
    assert (back.event, back.speakers, back.sections, back.remarks) == (p.event, p.speakers, p.sections, ())


def test_sniff() -> None:
    assert FORMAT.suffixes == (".xml",)
    assert not FORMAT.suffix_is_enough
    assert sniff((FIXTURES / "frab_small.xml").read_bytes())
    assert sniff(b"\xef\xbb\xbf<schedule>\n<conference><title>x</title></conference></schedule>")
    assert sniff(b'<?xml version="1.0"?>\n<!DOCTYPE schedule [ <!ENTITY a "b"> ]>\n<!-- c -->\n<schedule><conference>')
    assert not sniff(b"<schedules><conference/></schedules>")  # another root
    assert not sniff(b"<schedule><day/></schedule>")  # no conference in the head
    assert not sniff(b"<akomaNtoso><schedule><conference/></schedule></akomaNtoso>")  # schedule not the root
    assert not sniff(b"<?xml version='1.0'")  # an unfinished declaration
    assert not sniff(b'{"schedule": {"conference": {}}}')
    for name in ("akn2_sayit_Debate_Bungeni_1995-10-31.xml", "twfy_westminster2009-10-29a.xml"):
        if (SHARED / name).exists():
            assert not sniff((SHARED / name).read_bytes()[:65536])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("malformed.xml", ["malformed.xml:8:10: XML: Opening and ending tag mismatch: room line 7 and day"]),
        (
            "billion-laughs.xml",
            [
                "billion-laughs.xml:1:5: XML: Maximum entity amplification factor exceeded, "
                "see xmlCtxtSetMaxAmplification."
            ],
        ),
        ("external-entity.xml", ["external-entity.xml:6:36: XML: Entity 'secret' not defined"]),  # never read
        ("escape-char.xml", ["escape-char.xml:3:35: XML: xmlParseCharRef: invalid xmlChar value 27"]),
        (
            "wrong-root.xml",
            ["wrong-root.xml:2:1: the root element is <iCalendar>, not <schedule>; this is not a frab schedule.xml"],
        ),
        (
            "no-conference.xml",
            [
                "no-conference.xml:2:1: no <conference> in <schedule>; "
                "a frab schedule.xml gives the conference's title there"
            ],
        ),
    ],
)
def test_files_that_give_no_event(name: str, expected: list[str]) -> None:
    assert read(HOSTILE / name) == (None, expected)


def test_bad_talks_are_named_and_placed() -> None:
    p, problems = read(HOSTILE / "bad-talks.xml")
    assert problems == [
        'bad-talks.xml:3:1: the conference has no <title>; add one (meanwhile it is called "badtalks")',
        'bad-talks.xml:5:1: the conference start "14 June 2025" is not a date like 2024-12-27',
        'bad-talks.xml:9:1: talk "no-title-here" has no title; add a <title> '
        '(it is shown as "Untitled talk (no-title-here)")',
        f'bad-talks.xml:16:1: talk "Bad date" starts "2025-06-14T25:99:00+02:00", {LIKE}',
        'bad-talks.xml:22:1: talk "Bad duration" has duration "half an hour", not HH:MM or H:MM:SS; it is left out',
        'bad-talks.xml:27:1: talk "Nameless person" lists a <person> with no name; write the name inside it',
        f'bad-talks.xml:31:1: talk "Bare start" starts "9am", {LIKE}',
        f'bad-talks.xml:39:1: talk "Undated day" starts "10:00", {LIKE}',  # its <day> has no date
    ]
    assert p is not None
    assert_valid(p)
    assert p.event.title == "badtalks"
    assert [(s.id, s.start, s.duration) for s in p.sections] == [
        ("no-title-here", "2025-06-14T10:00", 30),
        ("bad-duration", "2025-06-14T12:00:00+02:00", None),
        ("nameless-person", "2025-06-14T13:00", None),
        ("bad-date", None, 30),  # no start: after the talks that have one
        ("bare-start", None, None),
        ("undated-day", None, None),
    ]


def test_declared_latin1_is_read() -> None:
    p = load(HOSTILE / "latin1.xml")
    assert (p.event.title, p.sections[0].title, p.sections[0].room) == ("Café Con", "Über alles", "Salle à")
    assert [s.name for s in p.speakers] == ["Jürgen Müller"]


def test_control_characters_stay_data() -> None:
    p = load(HOSTILE / "control-chars.xml")
    assert p.event.title == "Evil \u202e Con"  # U+0085 is white space to XML text: trimmed
    assert p.sections[0].title == "Talk \u202egnp.exe"
    assert [s.name for s in p.speakers] == ["Mallory \x9b31m"]


def test_deep_nesting_is_refused_not_crashed() -> None:
    data = b"<schedule><conference><title>x</title></conference>" + b"<a>" * 20_000 + b"</a>" * 20_000 + b"</schedule>"
    proceedings, problems = read_frab_xml("deep.xml", data)
    assert proceedings is None
    # libxml2's own limit, kept by xml_safe (huge_tree off)
    assert [str(p) for p in problems] == [
        "deep.xml:1:820: XML: Excessive depth in document: 256, use XML_PARSE_HUGE option"
    ]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_frab_xml("fuzz.xml", data)
    assert proceedings is not None or problems


_words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_element = st.sampled_from(
    ["title", "date", "start", "duration", "room", "track", "type", "abstract", "subtitle", "slug", "persons"]
)


@settings(max_examples=200, deadline=None)
@given(fields=st.lists(st.tuples(_element, _words), max_size=8), day=_words, attrs=st.lists(_words, max_size=3))
@example(fields=[("duration", "²")], day="", attrs=[])  # a digit to str.isdigit that int() refuses
def test_any_event_content_gives_a_valid_event(fields: list[tuple[str, str]], day: str, attrs: list[str]) -> None:
    from xml.sax.saxutils import escape, quoteattr

    body = "".join(
        f"<persons><person id={quoteattr(v)}>{escape(v)}</person></persons>"
        if k == "persons"
        else f"<{k}>{escape(v)}</{k}>"
        for k, v in fields
    )
    guid = quoteattr(attrs[0]) if attrs else '""'
    xml = (
        f"<schedule><conference><title>C</title><day_change>{escape(day)}</day_change></conference>"
        f"<day date={quoteattr(day)} start={quoteattr(day)}><room name={guid}><event guid={guid}>{body}</event>"
        f"<event>{body}</event></room></day></schedule>"
    )
    proceedings, problems = read_frab_xml("fuzz.xml", xml.encode())
    assert proceedings is not None or problems
    if proceedings is not None:
        assert_valid(proceedings)


def test_pentabarf_events_straight_in_their_days() -> None:
    """FOSDEM's exports to 2012: no <room> wrapper, each <event> naming its own <room>."""
    p = load(FIXTURES / "pentabarf_days.xml")
    assert (p.event.title, p.event.date, p.event.end_date, p.event.summary) == (
        "Old Pentabarf Days",
        "2011-02-05",
        "2011-02-06",
        "Free and open source developers' meeting",
    )
    assert [(s.kind, s.start, s.duration, s.room, s.track, s.speakers) for s in p.sections] == [
        ("talk", "2011-02-05T09:30", 25, "Janson", "Keynotes", ("margaret-hamilton",)),  # type "Podium"
        ("talk", "2011-02-05T10:00", 50, "Janson", "Operating systems", ("linus-pauling", "margaret-hamilton")),
        ("workshop", "2011-02-05T10:00", 90, "H.1302 (Depage)", "Distributions", ("barbara-liskov",)),
        ("talk", "2011-02-06T11:00", 25, "Ferrer", "Keynotes", ("edsger-dijkstra",)),
    ]
    welcome = p.sections[0]
    assert welcome.abstract == "Opening words for the weekend.\nWhere the rooms are, and where the coffee is."


def test_a_title_cut_at_a_colon_goes_on_in_its_subtitle() -> None:
    p = load(FIXTURES / "pentabarf_days.xml")
    kernels = p.sections[1]
    assert (kernels.title, kernels.description) == ("Kernels from scratch: what a scheduler owes its threads", None)
    workshop = p.sections[2]  # any other subtitle opens the talk's text, and stays its description
    assert (workshop.title, workshop.description) == ("Packaging workshop", "Build a package in ninety minutes")
    assert workshop.abstract == "Build a package in ninety minutes\nBring a laptop with a compiler."


def test_bare_persons_each_name_a_speaker() -> None:
    """A static site's <person>Ada Lovelace, Grace Hopper</person>, no <persons> around it."""
    p = load(FIXTURES / "frab_bare_persons.xml")
    assert [s.speakers for s in p.sections] == [
        ("ada-lovelace", "grace-hopper"),
        ("tony-hoare", "grace-hopper", "edsger-dijkstra"),  # the same name in two talks: one speaker
    ]
    assert [s.name for s in p.speakers] == ["Ada Lovelace", "Grace Hopper", "Tony Hoare", "Edsger Dijkstra"]


def test_a_person_in_persons_or_with_an_id_is_one_name_commas_and_all() -> None:
    xml = (
        "<schedule><conference><title>C</title></conference><day date='2025-01-01'>"
        "<event id='1'><title>T</title><start>10:00</start><persons><person id='9'>Lovelace, Ada</person></persons>"
        "</event><event id='2'><title>U</title><start>11:00</start><person id='9'>Lovelace, Ada</person></event>"
        "</day></schedule>"
    )
    p, problems = read_frab_xml("inline.xml", xml.encode())
    assert problems == []
    assert p is not None
    assert [s.name for s in p.speakers] == ["Lovelace, Ada"]
    assert [s.speakers for s in p.sections] == [("lovelace-ada",), ("lovelace-ada",)]
