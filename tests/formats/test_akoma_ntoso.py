"""Akoma Ntoso debate records: the debate as the event, speech sections as sections, speeches as remarks."""

from __future__ import annotations

import html
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from format_cases import ID, ROOT, SHARED, assert_no_word_lost, layouts
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import SECTION_KINDS, Proceedings
from tui.formats.akoma_ntoso import FORMAT, read_akoma_ntoso, sniff
from tui.formats.ids import slug
from tui.formats.podium_yaml import read_podium_yaml
from tui.formats.podium_yaml_writer import to_podium_yaml

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "akoma_ntoso"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "xml"
BUNGENI = SHARED / "akn2_sayit_Debate_Bungeni_1995-10-31.xml"
AUDREYT = SHARED / "akn_nons_audreyt_2025-10-15.an.xml"


def read(path: Path) -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = read_akoma_ntoso(path.name, path.read_bytes())
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
    assert p.origin == "Akoma Ntoso debate"
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
    assert {r.speaker for r in p.remarks} == {s.id for s in p.speakers}  # everyone listed speaks


def spoken_words(raw: str) -> list[str]:
    """The words inside <speech>, <question> and <answer>, read with regexes, not the reader's parser;
    a <from>'s words after the name ("NAME.- words", "NAME: words") are spoken."""
    words: list[str] = []
    for body in re.findall(r"<((?:\w+:)?(?:speech|question|answer))\b[^>]*>(.*?)</\1>", raw, re.S):
        text = re.sub(r"<((?:\w+:)?from)\b[^>]*>[^<]*?(?:\.-|:(?!\d))([^<]*)</\1>", r" \2 ", body[1])
        text = re.sub(
            r"<((?:\w+:)?(?:from|narrative|scene|summary|remark|authorialNote|heading|num))\b[^>]*>.*?</\1>",
            " ",
            text,
            flags=re.S,
        )
        text = re.sub(r"</?(?:\w+:)?(?:p|li|ul|ol|br|div|blockList|item|tr|td|th)\b[^>]*>", " ", text)  # blocks
        words += html.unescape(re.sub(r"<[^>]+>", "", text)).split()  # inline markup is inside words
    return words


def assert_in_order(words: list[str], texts: list[str]) -> None:
    joined, at = "\n".join(texts), 0
    for word in words:
        found = joined.find(word, at)
        assert found >= 0, f"{word!r} lost (or out of order) after {joined[max(at - 40, 0) : at]!r}"
        at = found + len(word)


# --------------------------------------------------------------------------- the fixture of every rule


def test_the_preface_gives_the_title_and_date() -> None:
    p = load(FIXTURES / "debate_v3.xml", [START])
    # the docTitle wins over the FRBRalias, the docDate over the FRBRWork's FRBRdate (2024-03-01)
    assert (p.event.id, p.event.title, p.event.date) == ("debate-v3", "Sitting of the Assembly", "2024-03-28")


START = (
    'debate_v3.xml:93:9: speech startTime "not a time" is not a date and time like 2024-03-28T10:30:00; '
    "its time is left out"
)


def test_sections_flatten_in_document_order() -> None:
    p = load(FIXTURES / "debate_v3.xml", [START])
    assert [(s.id, s.number, s.title, s.kind, s.description) for s in p.sections] == [
        # a speech straight in the debateBody: a first section titled like the event
        ("sitting-of-the-assembly", 1, "Sitting of the Assembly", "debate", None),
        # the QUESTIONS section only holds others before its own speech: not a section itself;
        # its children are titled under its num and heading
        ("i-questions-roads", 2, "I. QUESTIONS — Roads", "debate", "(The question was deferred.)"),
        ("i-questions-question", 3, "I. QUESTIONS — question", "debate", None),  # no heading: its name
        ("i-questions", 4, "I. QUESTIONS", "debate", "[The Speaker left the Chair]"),  # after its children
        ("prayers", 5, "Prayers", "debate", None),  # empty, no heading, no name: still on the agenda
        ("a-statement", 6, "A Statement", "debate", "Papers laid on the table.\n(Statement ends.)"),
    ]


def test_speakers_in_the_files_order_with_roles_and_aliases() -> None:
    p = load(FIXTURES / "debate_v3.xml", [START])
    assert [(s.id, s.name, s.role, s.aliases) for s in p.speakers] == [
        # TLCPerson order (Silent Member never speaks: not listed), then the unlisted by first appearance
        ("ana-chair", "Ana Chair", "Speaker of the Assembly", ("The Speaker",)),  # first role kept
        (slug("唐鳳", "speaker"), "唐鳳", None, ()),
        ("ben-asker", "Ben Asker", None, ("Mr Asker",)),  # <from> is an alias, not text
        ("cy-minister", "Cy Minister", "Minister of Things", ("The Minister",)),  # as="#deputy" later: first kept
        ("dee-asker", "Dee Asker", None, ("Ms Asker",)),
        ("visitor", "visitor", None, ("A Visitor",)),  # a by that names no TLCPerson: the id
        ("someone-in-the-gallery", "Someone in the gallery", None, ()),  # no by: the <from> name
    ]
    assert p.speakers[1].id == "speaker-bd556986"


def test_remarks_replies_and_times() -> None:
    p = load(FIXTURES / "debate_v3.xml", [START])
    assert [(r.id, r.section, r.speaker, r.reply_to, r.start, r.end, r.text) for r in p.remarks] == [
        ("r1", "sitting-of-the-assembly", "ana-chair", None, 34200.0, 34275.5, "Order, order. The sitting is open."),
        ("r2", "i-questions-roads", "ben-asker", None, None, None, "Will the Minister mend the roads?"),
        ("r3", "i-questions-roads", "dee-asker", None, None, None, "And the bridges?"),  # the footnote left out
        # to="#ben": Ben's question, not the latest; <br/> a line; the (Laughter) remark left out
        ("r4", "i-questions-roads", "cy-minister", "r2", None, None, "Yes, the roads\nand the lanes.\nAll of them."),
        ("r5", "i-questions-roads", "cy-minister", "r3", None, None, "The bridges too."),  # refersTo="#q2"
        ("r6", "i-questions-roads", "cy-minister", "r3", None, None, "That is all."),  # the latest question
        # no question in its section: it answers none
        ("r7", "i-questions-question", "cy-minister", None, None, None,
         "An answer with no question before it in its section."),
        ("r8", "i-questions", "ana-chair", None, None, None, "Questions are over."),
        ("r9", "a-statement", "speaker-bd556986", None, None, None, "大家好。我們將智慧聯網。\n謝謝。"),
        ("r10", "a-statement", "visitor", None, None, None, "A list:\nfirst item,\nsecond item."),  # no narrative
        ("r11", "a-statement", "someone-in-the-gallery", None, None, None, "Shouted from the gallery."),
        ("r12", "a-statement", "ana-chair", None, None, None, "Spaces are collapsed."),
        ("r13", "a-statement", "dee-asker", None, None, None, "Her time is left out."),  # its heading left out
        # Ben's speech with only a <from>: nothing said, no remark
    ]  # fmt: skip


def test_no_spoken_word_of_the_fixture_is_lost() -> None:
    path = FIXTURES / "debate_v3.xml"
    words = spoken_words(path.read_text(encoding="utf-8"))
    assert "(Laughter)" not in words and "footnote," not in words and "Mr" not in words
    assert len(words) > 60
    assert_in_order(words, [r.text for r in load(path, [START]).remarks])


@pytest.mark.parametrize("path", layouts("akoma_ntoso"), ids=lambda p: p.name)
def test_no_spoken_word_of_any_layout_is_lost(path: Path) -> None:
    p, _ = read(path)
    assert p is not None
    assert_no_word_lost(" ".join(spoken_words(path.read_text(encoding="utf-8"))), p.remarks)


# --------------------------------------------------------------------------- Chile's Senate: names only in <from>

SENADO = FIXTURES / "senado_2023-06-14.xml"


def test_a_placeholder_by_gives_one_speaker_per_from_name() -> None:
    p = load(SENADO)
    assert [(s.id, s.name, s.role, s.aliases) for s in p.speakers] == [
        # a TLCPerson that <from> names is that person, in the file's order, even under the placeholder `by`
        ("la-senora-soto-ministra", "La señora SOTO (Ministra)", None, ()),
        ("el-senor-garcia-presidente", "El señor GARCÍA (Presidente)", "Presidente del Senado", ()),
        ("el-senor-perez", "El señor PÉREZ", None, ()),  # "PÉREZ.-" and "PÉREZ:": one person
        ("la-senora-munoz", "La señora MUÑOZ", None, ()),  # the same name under "#orador": the same person
        ("unknown-speaker", "(unknown speaker)", None, ()),  # the placeholder and no <from>: no one known
        ("el-senor-rojas", "El señor ROJAS", None, ()),  # "#orador" is shared by ROJAS and MUÑOZ
    ]
    assert "representa cualquier persona" not in [s.name for s in p.speakers]
    assert [s.id for s in load(SENADO).speakers] == [s.id for s in p.speakers]  # ids stable


def test_words_in_from_after_the_name_open_the_remark() -> None:
    p = load(SENADO)
    assert [(r.section, r.speaker, r.text) for r in p.remarks] == [
        ("apertura-de-la-sesion", "el-senor-garcia-presidente",
         "En el nombre de Dios y de la Patria, se abre la sesión."),  # a speech wholly in <from>
        ("apertura-de-la-sesion", "el-senor-perez",
         "Señor Presidente, pido la palabra\npara un asunto de la Cuenta, a las 16:30."),
        ("apertura-de-la-sesion", "la-senora-munoz", "Estoy de acuerdo con el Senador."),
        ("apertura-de-la-sesion", "el-senor-perez", "Muchas gracias."),
        ("apertura-de-la-sesion", "la-senora-soto-ministra", "Quiero agregar algo breve."),
        ("apertura-de-la-sesion", "unknown-speaker", "Una voz sin nombre en la sala."),
        ("orden-del-dia", "el-senor-rojas", "Votaré a favor."),
        ("orden-del-dia", "la-senora-munoz", "Yo también.\nY lo digo con convicción."),
        ("orden-del-dia", "el-senor-garcia-presidente", "Se levanta la sesión."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("said_from", "name", "text"),
    [
        ("Mr Smith: Thank you.", "Mr Smith", "Thank you.\nMore."),
        ("Mr Smith (10:30): Thank you.", "Mr Smith (10:30)", "Thank you.\nMore."),  # a time is not the end
        ("El señor PÉREZ .– Gracias.", "El señor PÉREZ", "Gracias.\nMore."),  # an en dash, a space
        ("唐鳳：謝謝。", "唐鳳", "謝謝。\nMore."),  # the full-width colon
        ("The Speaker", "The Speaker", "More."),  # nothing after the name
    ],
)
def test_the_name_in_from_ends_at_its_separator(said_from: str, name: str, text: str) -> None:
    xml = (
        '<akomaNtoso><debate><meta><references><TLCPerson eId="a" showAs="Anyone at all"/></references></meta>'
        f'<debateBody><speech by="#someone"><from>{escape(said_from)}</from><p>More.</p></speech>'
        "</debateBody></debate></akomaNtoso>"
    )
    p, problems = read_akoma_ntoso("f.xml", xml.encode())
    assert problems == [] and p is not None
    assert [(s.name, s.aliases) for s in p.speakers] == [("someone", (name,))]
    assert [r.text for r in p.remarks] == [text]


def test_a_persons_different_forms_of_address_stay_one_speaker() -> None:
    # Kenya's and South Africa's layout: one `by` per person, whose <from> varies ("Mr. Speaker",
    # "Mr. Smith"): one of them is the person's own name, so it is no placeholder
    speeches = "".join(
        f'<speech by="#smith"><from>{f}</from><p>Said as {f}.</p></speech>'
        for f in ("Mr. Speaker", "Hon. Smith", "The Speaker")
    )
    xml = (
        '<akomaNtoso><debate><meta><references><TLCPerson eId="smith" showAs="Mr John Smith"/>'
        '<TLCPerson eId="speaker" showAs="Mr. Jones"/></references></meta>'
        f"<debateBody>{speeches}<speech by='#speaker'><from>Mr. Speaker</from><p>Also.</p></speech>"
        "</debateBody></debate></akomaNtoso>"
    )
    p, problems = read_akoma_ntoso("k.xml", xml.encode())
    assert problems == [] and p is not None
    assert [(s.id, s.name, s.aliases) for s in p.speakers] == [
        ("mr-john-smith", "Mr John Smith", ("Mr. Speaker", "Hon. Smith", "The Speaker")),
        ("mr-jones", "Mr. Jones", ("Mr. Speaker",)),
    ]
    assert len(p.remarks) == 4


def test_prefixed_akoma_ntoso_2_with_a_placeholder_date() -> None:
    p = load(FIXTURES / "committee_2021-05-06.xml")
    # no docTitle: the FRBRalias; FRBRdate 3000-01-01 is a placeholder: the date in the file's name
    assert (p.event.title, p.event.date) == ("Committee on Roads", "2021-05-06")
    assert [(s.id, s.title) for s in p.sections] == [
        ("administration-of-oath", "Administration of oath"),  # no heading, no name: the element's name
        ("evidence", "evidence"),
    ]
    assert [(s.id, s.name) for s in p.speakers] == [("eve-clerk", "Eve Clerk"), ("fay", "fay")]  # no showAs: the id
    assert [(r.speaker, r.text) for r in p.remarks] == [
        ("eve-clerk", "I swear to tell the truth."),
        ("fay", "A person with no showAs is named by the id."),
    ]


def test_a_bare_debate_root_titled_by_its_only_section() -> None:
    p = load(FIXTURES / "bare_debate.xml")
    assert (p.event.title, p.event.date) == ("2024-03-28 Town hall meeting", "2024-03-28")
    assert [(s.id, s.name) for s in p.speakers] == [("unknown-speaker", "(unknown speaker)"), ("host", "host")]
    assert [r.text for r in p.remarks] == ["Nobody is named for this speech.", "The by is trimmed."]


@pytest.mark.parametrize("name", ["debate_v3.xml", "committee_2021-05-06.xml", "bare_debate.xml"])
def test_converts_to_podium_yaml_and_reads_back_the_same(name: str) -> None:
    p, _ = read(FIXTURES / name)
    assert p is not None
    back, problems = read_podium_yaml("back.yaml", to_podium_yaml(p).encode())
    assert problems == []
    assert back is not None
    assert (back.event, back.speakers, back.sections, back.remarks) == (p.event, p.speakers, p.sections, p.remarks)


def test_sniff() -> None:
    assert (FORMAT.name, FORMAT.suffixes, FORMAT.suffix_is_enough) == ("Akoma Ntoso debate", (".xml", ".akn"), False)
    for path in FIXTURES.iterdir():
        assert sniff(path.read_bytes()), path.name
    assert sniff(b"<an:akomaNtoso xmlns:an='x'>")
    assert sniff(b"<?xml version='1.0'?>\n<debate>")  # a debate without the akomaNtoso wrapper
    assert sniff(b"<debateSection\n name='x'>")
    assert not sniff(b"<debates>")  # another element
    assert not sniff(b"<akomaNtosoX>")
    assert not sniff(b"<TEI><akomaNtoso>")  # TEI is its own format
    assert not sniff(b"<publicwhip><debate>")
    assert not sniff(b"akomaNtoso debate")  # words, not elements
    for name in ("tei_parla-clarin_exemplar.xml", "twfy_westminster2009-10-29a.xml"):
        if (SHARED / name).exists():
            assert not sniff((SHARED / name).read_bytes()[:65536]), name
    for path in (BUNGENI, AUDREYT):
        if path.exists():
            assert sniff(path.read_bytes()[:65536])


# --------------------------------------------------------------------------- real files


def test_bungeni_sample() -> None:
    p = load(shared(BUNGENI))
    assert (p.event.title, p.event.date) == ("akn2_sayit_Debate_Bungeni_1995-10-31", "1995-10-31")  # no docTitle
    assert [(s.id, s.name, s.role, s.aliases) for s in p.speakers] == [
        ("mr-smith", "Mr Smith", "Mr. Speaker", ("Mr. Speaker",)),  # as=" #speaker": trimmed
        ("mr-brown", "Mr. Brown", None, ("Prof. Brown",)),
        ("mr-adam", "Mr. Adam", None, ()),
        ("mr-cameroon", "Mr. Cameroon", "Minister of State, Office of the President", ()),
        ("mr-white", "Mr. White", None, ()),  # as="#black" names a TLCPerson, not a TLCRole: no role
    ]
    assert [s.title for s in p.sections] == [
        "preamble",
        "PRAYERS",
        "PAPERS LAID",
        "NOTICE OF MOTION — EXPORT OF MANGROVE POLES",
        "ORAL ANSWERS TO QUESTIONS — BANDITRY MENACE IN GALOLE",
        "ADJOURNMENT",
    ]
    assert p.sections[0].description == "[Mr. Speaker in the Chair]"
    assert p.sections[4].description == "(Question deferred)\n(Several hon. Members stood up in their places)"
    assert len(p.remarks) == 5
    assert [(r.speaker, r.text[:40], r.reply_to) for r in p.remarks] == [
        ("mr-brown", "Mr. Speaker, Sir, I beg to give notice o", None),
        ("mr-adam", "asked the Minister of State, Office of t", None),
        ("mr-smith", "Anybody from the Office of the President", None),
        ("mr-cameroon", "Mr. Speaker, Sir, the answer is being pr", "r2"),  # the answer to Mr. Adam's question
        ("mr-white", "Order hon. Members! Tomorrow, hon. Dr. B", None),
    ]
    assert p.remarks[1].text.count("\n") == 3  # a paragraph and three list items
    assert_no_word_lost(" ".join(spoken_words(BUNGENI.read_text(encoding="utf-8"))), p.remarks)


def test_audreyt_sample() -> None:
    p = load(shared(AUDREYT))
    title = "2025-10-15 日本國會「AI 與民主」跨黨派議員會議"
    assert (p.event.id, p.event.title, p.event.date) == ("akn-nons-audreyt-2025-10-15", title, "2025-10-15")
    assert [(s.id, s.name) for s in p.speakers] == [(slug("唐鳳", "speaker"), "唐鳳")]
    assert [
        (s.title, s.description is not None and s.description.startswith("臺灣數位治理大使")) for s in p.sections
    ] == [
        (title, True)  # the narratives (an introduction, a summary) describe the section
    ]
    assert len(p.remarks) == 1
    text = p.remarks[0].text
    assert text.startswith("尊敬的國會議員、平（Taira）大臣")
    assert text.endswith("謝謝大家。祝生生不息，繁榮昌盛。")
    assert "看見「萬物聯網」，我們將智慧聯網。\n看見「虛擬實境」" in text  # <br /> a line, <b> as text
    assert "重點摘要" not in text and "\xa0" not in text
    assert_no_word_lost(" ".join(spoken_words(AUDREYT.read_text(encoding="utf-8"))), p.remarks)


# --------------------------------------------------------------------------- files that give no event


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "akn-wrong-root.xml",
            "akn-wrong-root.xml:2:1: the root element is <TEI>, not <akomaNtoso>; this is not an Akoma Ntoso file",
        ),
        (
            "akn-no-debate.xml",
            "akn-no-debate.xml:2:1: this Akoma Ntoso file holds <act>, not a <debate>; "
            "Podium reads debate records only",
        ),
        (
            "akn-no-remarks.xml",
            "akn-no-remarks.xml:3:3: this debate has no <speech>, <question> or <answer> with any text; "
            "there is nothing said to show (write each speech in the <debateBody>)",
        ),
    ],
)
def test_files_that_give_no_event(name: str, expected: str) -> None:
    assert read(HOSTILE / name) == (None, [expected])


def test_an_empty_akoma_ntoso_holds_nothing() -> None:
    assert [str(x) for x in read_akoma_ntoso("e.xml", b"<akomaNtoso>\n</akomaNtoso>")[1]] == [
        "e.xml:1:1: this Akoma Ntoso file holds nothing, not a <debate>; Podium reads debate records only"
    ]


def test_control_characters_stay_data() -> None:
    p = load(HOSTILE / "akn-control-chars.xml")
    assert [s.name for s in p.speakers] == ["Mallory \x9b31m \u202e"]
    assert [s.title for s in p.sections] == ["Evil \u202e Section\x85"]  # U+0085 is not XML white space
    assert [r.text for r in p.remarks] == ["Text with \x9b31m and \x7f"]


def test_problems_past_a_hundred_are_counted() -> None:
    speeches = "".join(f'<speech by="#a" startTime="t{n}"><p>x</p></speech>\n' for n in range(105))
    data = f"<akomaNtoso><debate><debateBody>\n{speeches}</debateBody></debate></akomaNtoso>".encode()
    p, problems = read_akoma_ntoso("many.xml", data)
    assert p is not None and len(p.remarks) == 105
    assert [str(x) for x in problems[:1]] == [
        'many.xml:2:1: speech startTime "t0" is not a date and time like 2024-03-28T10:30:00; its time is left out'
    ]
    assert str(problems[99]).startswith('many.xml:101:1: speech startTime "t99"')
    assert [str(x) for x in problems[100:]] == ["many.xml: 5 more problems like these are not shown"]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_akoma_ntoso("fuzz.xml", b"<akomaNtoso><debate>" + data)
    assert proceedings is not None or problems
    proceedings, problems = read_akoma_ntoso("fuzz.xml", data)
    assert proceedings is not None or problems


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_kind = st.sampled_from(["speech", "question", "answer", "narrative", "debateSection", "questions", "wrapper"])


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.tuples(_kind, _text, _text, _text), max_size=10))
def test_any_debate_content_gives_a_valid_event(items: list[tuple[str, str, str, str]]) -> None:
    body = ""
    for kind, by, role, text in items:
        inner = f"<from>{escape(role)}</from><p>{escape(text)}</p>"
        if kind in ("debateSection", "questions"):
            body += f"<{kind} name={quoteattr(by)}><heading>{escape(role)}</heading>"
            body += f"<question by={quoteattr('#' + by)}>{inner}</question></{kind}>"
        else:
            body += f"<{kind} by={quoteattr(by)} as={quoteattr(role)} to={quoteattr(by)}>{inner}</{kind}>"
    xml = (
        '<akomaNtoso><debate><meta><references><TLCPerson eId="a" showAs="A"/><TLCRole eId="r" showAs=""/>'
        f"</references></meta><debateBody>{body}</debateBody></debate></akomaNtoso>"
    )
    proceedings, problems = read_akoma_ntoso("fuzz.xml", xml.encode())
    assert proceedings is not None or problems
    if proceedings is not None:
        assert_valid(proceedings)
