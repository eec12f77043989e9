"""ParlParse / TheyWorkForYou XML: headings as sections, speeches as remarks, speakers by person id."""

from __future__ import annotations

import html
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from format_cases import ID, ROOT, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import SECTION_KINDS, Proceedings
from tui.formats.parlparse import FORMAT, read_parlparse, sniff
from tui.formats.podium_yaml import read_podium_yaml
from tui.formats.podium_yaml_writer import to_podium_yaml

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "parlparse"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "xml"
WESTMINSTER = SHARED / "twfy_westminster2009-10-29a.xml"
SUPERSEDED = SHARED / "twfy_debates2009-10-28b_superseded.xml"
DEBATES = FIXTURES / "debates2020-01-02a.xml"
BAD_TIME = 'debates2020-01-02a.xml:38:1: speech time "2pm" is not HH:MM:SS; its time is left out'


def read(path: Path) -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = read_parlparse(path.name, path.read_bytes())
    return proceedings, [str(p) for p in problems]


def load(path: Path, problems: list[str] | None = None) -> Proceedings:
    proceedings, found = read(path)
    assert found == (problems or [])
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path.name} not present (../shared/formats)")
    return path


def assert_valid(p: Proceedings) -> None:
    assert p.origin == "ParlParse / TheyWorkForYou XML"
    assert [s.number for s in p.sections] == list(range(1, len(p.sections) + 1))
    for records in (p.sections, p.speakers, p.remarks):
        ids = [r.id for r in records]
        assert len(set(ids)) == len(ids)
        assert all(ID.fullmatch(i) for i in ids)
    assert all(s.kind in SECTION_KINDS for s in p.sections)
    seen: set[str] = set()
    for position, remark in enumerate(p.remarks):
        assert remark.position == position
        assert remark.section in p.section_by_id and remark.speaker in p.speaker_by_id
        assert remark.reply_to is None or remark.reply_to in seen
        assert remark.text and remark.text == remark.text.strip()
        seen.add(remark.id)
    assert {r.speaker for r in p.remarks} == {s.id for s in p.speakers}


def spoken_words(raw: str) -> list[str]:
    """The words inside <speech>, <ques> and <reply>, read with regexes, not the reader's parser."""
    words: list[str] = []
    for body in re.findall(r"<(speech|ques|reply)\b[^>]*>(.*?)</\1>", raw, re.S):
        words += html.unescape(re.sub(r"<[^>]+>", " ", body[1])).replace("\xa0", " ").split()
    return words


def assert_in_order(words: list[str], texts: list[str]) -> None:
    joined, at = "\n".join(texts), 0
    for word in words:
        found = joined.find(word, at)
        assert found >= 0, f"{word!r} lost (or out of order) after {joined[max(at - 40, 0) : at]!r}"
        at = found + len(word)


# --------------------------------------------------------------------------- the fixture of every rule


def test_the_gid_gives_the_date_and_the_house() -> None:
    p = load(DEBATES, [BAD_TIME])
    assert (p.event.id, p.event.title, p.event.date) == (
        "debates2020-01-02a",
        "House of Commons, 2020-01-02",
        "2020-01-02",
    )


def test_headings_are_sections() -> None:
    p = load(DEBATES, [BAD_TIME])
    assert [(s.id, s.number, s.title, s.kind) for s in p.sections] == [
        ("house-of-commons-2020-01-02", 1, "House of Commons, 2020-01-02", "debate"),  # speeches before a heading
        ("oral-answers-to-questions", 2, "Oral Answers to Questions", "debate"),  # oral-heading: a section
        # TRANSPORT's only content is its minor heading: no section of its own; &mdash; read
        ("transport-railways-fares", 3, "TRANSPORT — Railways — Fares", "debate"),
        ("business-of-the-house", 4, "Business of the House", "debate"),  # has a speech before its minor heading
        ("business-of-the-house-recess-dates", 5, "Business of the House — Recess dates", "debate"),
        ("adjournment", 6, "Adjournment", "debate"),  # empty, and no minor heading follows: kept
    ]


def test_speakers_by_person_id_with_their_first_office() -> None:
    p = load(DEBATES, [BAD_TIME])
    assert [(s.id, s.name, s.role, s.aliases) for s in p.speakers] == [
        ("procedural", "(procedural)", None, ()),  # nospeaker="true", or no speaker at all
        ("mr-speaker", "Mr. Speaker", None, ()),
        ("john-smith", "John Smith", None, ()),  # person 10002
        ("john-smith-2", "John Smith", None, ()),  # person 10003: the same name, another person
        # speakerid 40004 under two names; the first speakeroffice is kept
        ("ann-jones", "Ann Jones", "The Minister for Transport", ("The Minister for Transport",)),
        ("several-hon-members", "Several hon. Members", None, ()),  # speakerid="unknown": the name tells
    ]  # "Empty Speech" has no text: no remark, not a speaker


def test_remarks_text_and_times() -> None:
    p = load(DEBATES, [BAD_TIME])
    assert [(r.id, r.section, r.speaker, r.start, r.text) for r in p.remarks] == [
        ("r1", "house-of-commons-2020-01-02", "procedural", None, "The House met at half-past Two o'clock."),
        ("r2", "house-of-commons-2020-01-02", "mr-speaker", 52200.0, "Order. Before the first heading."),
        ("r3", "transport-railways-fares", "john-smith", 52260.0,  # "014:31:00"
         "What assessment has the Secretary of State made of fares of £5 million? [Interruption.]\n"
         "I ask about the hon. Member for Elsewhere (John Smith), café—and more."),
        ("r4", "transport-railways-fares", "john-smith-2", 52320.0, "I am the other John Smith."),  # "14:32"
        ("r5", "transport-railways-fares", "ann-jones", None, "An answer with a time that is not a time."),
        ("r6", "transport-railways-fares", "ann-jones", 52500.0, "Her office is given on her second speech."),
        ("r7", "transport-railways-fares", "several-hon-members", 52560.0, "rose—"),
        ("r8", "transport-railways-fares", "ann-jones", 52620.0, "Her first office is kept."),
        ("r9", "business-of-the-house", "procedural", 54000.0, "Motion made, and Question put."),  # no speakername
        # the division is not a remark; a table's cells are one line
        ("r10", "business-of-the-house-recess-dates", "john-smith", 55200.0, "When do we rise?\nRise Return"),
    ]  # fmt: skip
    assert all(r.reply_to is None and r.end is None for r in p.remarks)


def test_no_spoken_word_of_the_fixture_is_lost() -> None:
    words = spoken_words(DEBATES.read_text(encoding="iso-8859-1"))
    assert "café" in words and "£5" in words  # the file's own entities, read by the test too
    assert_in_order(words, [r.text for r in load(DEBATES, [BAD_TIME]).remarks])


def test_written_answers_reply_to_their_question() -> None:
    p = load(FIXTURES / "answers2021-02-03.xml")
    assert (p.event.title, p.event.date) == ("Written Answers, 2021-02-03", "2021-02-03")
    assert [s.title for s in p.sections] == ["Health — Hospitals", "Health — Clinics"]
    assert [(r.id, r.speaker, r.reply_to) for r in p.remarks] == [
        ("r1", "ben-brown", None),
        ("r2", "cara-cole", None),
        ("r3", "dan-dale", "r2"),  # the latest <ques> in its section
        ("r4", "dan-dale", None),  # another section: no question to answer
    ]
    assert p.speaker_by_id["dan-dale"].role == "Minister of State"


def test_without_gids_the_date_is_the_file_names() -> None:
    p = load(FIXTURES / "committee_2022-07-08.xml")
    assert (p.event.title, p.event.date) == ("committee_2022-07-08", "2022-07-08")
    assert [s.title for s in p.sections] == ["Evidence session"]  # a minor heading with no major one


def test_a_type_without_a_house_is_titled_by_the_file() -> None:
    p = load(FIXTURES / "senedd2023-04-05.xml")
    assert (p.event.title, p.event.date, p.sections[0].title) == ("senedd2023-04-05", "2023-04-05", "senedd2023-04-05")


@pytest.mark.parametrize("name", ["debates2020-01-02a.xml", "answers2021-02-03.xml"])
def test_converts_to_podium_yaml_and_reads_back_the_same(name: str) -> None:
    p, _ = read(FIXTURES / name)
    assert p is not None
    back, problems = read_podium_yaml("back.yaml", to_podium_yaml(p).encode())
    assert problems == []
    assert back is not None
    assert (back.event, back.speakers, back.sections, back.remarks) == (p.event, p.speakers, p.sections, p.remarks)


def test_sniff() -> None:
    assert (FORMAT.name, FORMAT.suffixes, FORMAT.suffix_is_enough) == (
        "ParlParse / TheyWorkForYou XML",
        (".xml",),
        False,
    )
    for path in FIXTURES.iterdir():
        assert sniff(path.read_bytes()), path.name
    assert sniff(b"<publicwhip/>")
    assert not sniff(b"<publicwhips>")
    assert not sniff(b"publicwhip")
    assert not sniff(b"<akomaNtoso><debate>")
    for name in ("tei_parla-clarin_exemplar.xml", "akn2_sayit_Debate_Bungeni_1995-10-31.xml"):
        if (SHARED / name).exists():
            assert not sniff((SHARED / name).read_bytes()[:65536]), name
    for path in (WESTMINSTER, SUPERSEDED):
        if path.exists():
            assert sniff(path.read_bytes()[:65536])


# --------------------------------------------------------------------------- real files


def test_westminster_hall_sample() -> None:
    p = load(shared(WESTMINSTER))
    assert (p.event.title, p.event.date) == ("Westminster Hall, 2009-10-29", "2009-10-29")
    assert [s.title for s in p.sections] == ["[Sir Nicholas Winterton in the Chair] — Oil and Gas"]  # &mdash;
    assert [(s.id, s.role) for s in p.speakers] == [
        ("procedural", None),
        ("paddy-tipping", None),
        ("simon-hughes", None),
        ("charles-hendry", None),
        ("nicholas-winterton", None),
        ("several-hon-members", None),
        ("david-kidney", "The Parliamentary Under-Secretary of State for Energy and Climate Change"),
        ("robert-smith", None),
        ("michael-weir", None),
    ]
    assert len(p.remarks) == 52
    assert [(r.speaker, r.start, r.text[:48]) for r in p.remarks[:3]] == [
        ("procedural", None, "[Relevant documents: First Report from the Energ"),  # time="unknown"
        ("paddy-tipping", 52200.0, "I am delighted to speak about the first report o"),  # "014:30:00"
        ("simon-hughes", 52200.0, "I appreciate that this debate is about UK offsho"),
    ]
    assert p.remarks[8].text == "rose—"  # Several hon. Members
    assert p.remarks[-1].text.endswith("Question put and agreed to.\nSitting adjourned.")
    assert all(r.reply_to is None for r in p.remarks)
    assert_in_order(spoken_words(WESTMINSTER.read_text(encoding="iso-8859-1")), [r.text for r in p.remarks])


def test_the_superseded_sample_is_explained() -> None:
    assert read(shared(SUPERSEDED)) == (
        None,
        [
            'twfy_debates2009-10-28b_superseded.xml:64:1: this file is superseded (latest="no"): '
            "it only redirects to a newer version (2009-10-28c); open the newer file"
        ],
    )


# --------------------------------------------------------------------------- files that give no event, or a warning


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "pp-superseded.xml",
            'pp-superseded.xml:7:1: this file is superseded (latest="no"): it only redirects to a newer version '
            "(2009-10-28c); open the newer file",
        ),
        (
            "pp-no-speeches.xml",
            "pp-no-speeches.xml:2:1: this file has no <speech> with any text; there is nothing said to show",
        ),
        (
            "pp-wrong-root.xml",
            "pp-wrong-root.xml:3:3: the root element is <hansard>, not <publicwhip>; "
            "this is not a ParlParse/TheyWorkForYou file",
        ),
    ],
)
def test_files_that_give_no_event(name: str, expected: str) -> None:
    assert read(HOSTILE / name) == (None, [expected])


def test_a_superseded_file_with_speeches_is_read_with_a_warning() -> None:
    p = load(
        HOSTILE / "pp-superseded-with-speech.xml",
        [
            'pp-superseded-with-speech.xml:2:1: this file is superseded (latest="no") by a newer version; '
            "open the newer file"
        ],
    )
    assert [r.text for r in p.remarks] == ["An older version, still read."]


def test_control_characters_stay_data() -> None:
    p = load(HOSTILE / "pp-control-chars.xml")
    assert [(s.name, s.role) for s in p.speakers] == [("Mallory \x9b31m", "Office\u200b")]
    assert [s.title for s in p.sections] == ["Evil \u202e heading\x85"]
    assert [r.text for r in p.remarks] == ["Text with \x9b31m and \x7f"]


def test_problems_past_a_hundred_are_counted() -> None:
    speeches = "".join(f'<speech speakername="A" time="{n}h"><p>x</p></speech>\n' for n in range(103))
    p, problems = read_parlparse("many.xml", f"<publicwhip>\n{speeches}</publicwhip>".encode())
    assert p is not None and len(p.remarks) == 103
    assert str(problems[0]) == 'many.xml:2:1: speech time "0h" is not HH:MM:SS; its time is left out'
    assert [str(x) for x in problems[100:]] == ["many.xml: 3 more problems like these are not shown"]


def one_speech(time: str) -> bytes:
    return f'<publicwhip><speech speakername="A" time="{time}"><p>x</p></speech></publicwhip>'.encode()


@pytest.mark.parametrize(
    ("time", "seconds"),
    [("14:30:00", 52200.0), ("014:30:00", 52200.0), ("9:05", 32700.0), ("25:10:00", 90600.0), ("unknown", None)],
)
def test_times(time: str, seconds: float | None) -> None:
    p, problems = read_parlparse("t.xml", one_speech(time))
    assert problems == [] and p is not None
    assert p.remarks[0].start == seconds


@pytest.mark.parametrize("time", ["14:60:00", "14:30:61", "1430", "2pm", "14:30:00.5", "1234:00", "048:00:00"])
def test_bad_times_are_left_out(time: str) -> None:
    p, problems = read_parlparse("t.xml", one_speech(time))
    assert p is not None and p.remarks[0].start is None
    assert [str(x) for x in problems] == [f't.xml:1:13: speech time "{time}" is not HH:MM:SS; its time is left out']


def test_repeated_headings_and_names_get_numbered_ids() -> None:
    long = "A heading long enough to be cut where ids are cut short"
    items = [("Engagements", f"p{n}") for n in range(3)] + [(long, "p9"), (long, "p9")]
    body = "".join(
        f'<minor-heading>{title}</minor-heading><speech speakername="John Smith" person_id="{who}"><p>x</p></speech>'
        for title, who in items
    )
    p, problems = read_parlparse("same.xml", f"<publicwhip>{body}</publicwhip>".encode())
    assert problems == [] and p is not None
    assert [s.id for s in p.sections] == [
        "engagements",
        "engagements-2",
        "engagements-3",
        "a-heading-long-enough-to-be-cut-where-ids-are-cu",
        "a-heading-long-enough-to-be-cut-where-id-2",  # the repeat's number is kept
    ]
    assert [s.id for s in p.speakers] == ["john-smith", "john-smith-2", "john-smith-3", "john-smith-4"]


def test_a_gid_with_no_real_date_gives_none() -> None:
    gid = "uk.org.publicwhip/debate/2009-13-45a.1.0"
    p, problems = read_parlparse(
        "odd.xml", f'<publicwhip><speech id="{gid}" speakername="A"><p>x</p></speech></publicwhip>'.encode()
    )
    assert problems == [] and p is not None
    assert (p.event.title, p.event.date) == ("House of Commons", None)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_parlparse("fuzz.xml", b"<publicwhip>" + data)
    assert proceedings is not None or problems
    proceedings, problems = read_parlparse("fuzz.xml", data)
    assert proceedings is not None or problems


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_kind = st.sampled_from(["speech", "ques", "reply", "major-heading", "minor-heading", "oral-heading", "division"])


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.tuples(_kind, _text, _text, _text), max_size=10), latest=st.sampled_from(["yes", "no"]))
def test_any_debate_content_gives_a_valid_event(items: list[tuple[str, str, str, str]], latest: str) -> None:
    body = "".join(
        f"<{kind} speakername={quoteattr(name)} person_id={quoteattr(ident)} time={quoteattr(ident)} "
        f"id={quoteattr('uk.org.publicwhip/debate/' + ident)}><p>{escape(text)}</p></{kind}>"
        for kind, name, ident, text in items
    )
    proceedings, problems = read_parlparse("fuzz.xml", f'<publicwhip latest="{latest}">{body}</publicwhip>'.encode())
    assert proceedings is not None or problems
    if proceedings is not None:
        assert_valid(proceedings)
