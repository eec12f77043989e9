"""SayIt Markdown: "# date title", "### Name:" speeches, stage notes left out, audience questions answered."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from format_cases import ID, ROOT, assert_no_word_lost, layouts, shared
from hypothesis import given, settings
from hypothesis import strategies as st
from work_count import growth, is_linear, work_of

from tui.core.model import Proceedings
from tui.formats.open import expand_paths, pick_format
from tui.formats.sayit_markdown import FORMAT, read_sayit_markdown, sniff

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "sayit"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "transcripts"


def loads(data: bytes | str, name: str = "talk.md") -> Proceedings:
    proceedings, problems = read_sayit_markdown(name, data.encode() if isinstance(data, str) else data)
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def load(path: Path) -> Proceedings:
    return loads(path.read_bytes(), str(path))


def assert_valid(p: Proceedings) -> None:
    assert all(ID.fullmatch(i) for i in [p.event.id, *p.speaker_by_id, *p.remark_by_id, *p.section_by_id])
    assert len(p.speaker_by_id) == len(p.speakers) and len(p.remark_by_id) == len(p.remarks)
    assert len(p.section_by_id) == len(p.sections) and [s.number for s in p.sections] == list(
        range(1, len(p.sections) + 1)
    )
    assert [r.position for r in p.remarks] == list(range(len(p.remarks)))
    assert {r.speaker for r in p.remarks} == set(p.speaker_by_id)
    assert {r.section for r in p.remarks} == set(p.section_by_id)
    order = {r.id: r.position for r in p.remarks}
    assert all(r.reply_to is None or order[r.reply_to] < r.position for r in p.remarks)
    assert all(r.text for r in p.remarks)


def said(p: Proceedings) -> list[tuple[str, str, str, str | None]]:
    return [(r.section, p.speaker_by_id[r.speaker].name, r.text, r.reply_to) for r in p.remarks]


# --------------------------------------------------------------------------- our fixture


def test_speeches_sections_questions_and_answers() -> None:
    p = load(FIXTURES / "2024-05-01-town-hall.md")
    mary = "Mary O'Neil (Open Data Lab)"
    assert said(p) == [
        ("transcript", "唐鳳", "歡迎大家。", None),
        (
            "transcript",
            mary,
            "Thank you. I wrote this up in our report (https://example.org/report?a=1&b=2).\n"
            'Second paragraph, "quoted".',
            None,
        ),
        # an empty speech is left out; "(laughter)" is a stage note; a quotation is the speech's text
        ("transcript", mary, "Still me.\nAs the charter says, data is open by default.", None),
        ("questions-from-the-floor", "Audience", "What about privacy?", None),
        ("questions-from-the-floor", "唐鳳", "Personal data is never published.", "r4"),
        ("questions-from-the-floor", "唐鳳", "A second speech, not an answer.", None),
        ("questions-from-the-floor", "Audience", "And the budget?", None),
        ("questions-from-the-floor", mary, "It is in the report.", "r7"),  # past an HTML comment
    ]
    assert (p.event.id, p.event.title, p.event.date) == ("2024-05-01-town-hall", "Town hall on open data", "2024-05-01")
    assert p.event.summary == "A public meeting, recorded and transcribed by the ministry."
    assert [(s.title, s.description) for s in p.sections] == [
        ("Transcript", None),
        ("Questions from the floor", "Microphones were passed around the room."),
    ]
    audience = p.speaker_by_id["audience"]
    assert (audience.kind, audience.aliases) == ("audience", ("問", "Q"))
    assert p.speakers[0].name == "唐鳳" and p.speakers[0].id.startswith("speaker-")


def test_the_same_file_gives_the_same_ids() -> None:
    first, second = (load(FIXTURES / "2024-05-01-town-hall.md") for _ in range(2))
    assert [s.id for s in first.speakers] == [s.id for s in second.speakers]
    assert [(r.id, r.speaker, r.section) for r in first.remarks] == [
        (r.id, r.speaker, r.section) for r in second.remarks
    ]


def test_title_and_date_fall_back_to_the_files_name() -> None:
    p = loads("### A:\nhi\n", "2016-11-04-Meeting-with-David-Plouffe.md")
    assert (p.event.title, p.event.date) == ("2016-11-04-Meeting-with-David-Plouffe", "2016-11-04")
    p = loads("# Untitled session\n\n### A：\nhi\n", "notes.md")
    assert (p.event.title, p.event.date) == ("Untitled session", None)
    assert loads("# 2016-13-45 Bad date\n### A:\nhi\n", "x.md").event.date is None


def test_headings_close_and_comments_go() -> None:
    p = loads("# Title ##\n## C# in practice\n### A:\nsaid <!-- not said --> this\n<!-- unclosed\n")
    assert (p.event.title, p.sections[0].title) == ("Title", "C# in practice")
    assert p.remarks[0].text == "said this <!-- unclosed"


def test_a_section_heading_named_like_the_default_gets_its_own_id() -> None:
    p = loads("### A:\nbefore\n## Transcript\n### B:\nafter\n")
    assert [(s.id, s.title) for s in p.sections] == [("transcript", "Transcript"), ("transcript-2", "Transcript")]


def test_markup_stays_data() -> None:
    p = loads("### [bold]Eve[/bold]:\n\x1b[2J [red]x[/red] \u202e\n")
    assert said(p) == [("transcript", "[bold]Eve[/bold]", "\x1b[2J [red]x[/red] \u202e", None)]


def spoken_text(source: str) -> str:
    """The text under speaker headings, read with regexes, not the reader's parser: comments, stage
    notes (quotations wholly in parentheses), HTML tags and escapes' backslashes taken out, an HTML
    link's url after its text."""
    text = re.sub(r"<!--.*?-->", " ", source, flags=re.S)
    text = re.sub(r"(?m)^>[ \t]*(?:[(（][^)）]*[)）][ \t]*)+$", " ", text)
    text = re.sub(r"<a\s[^>]*?href=[\"']?([^\"'\s>]*)[^>]*>(.*?)</a>", r"\2 \1", text, flags=re.S)
    text = re.sub(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>", " ", text)
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)  # CommonMark's backslash escapes
    kept: list[str] = []
    speaking = False
    for line in text.split("\n"):
        if line.startswith("#"):
            speaking = re.fullmatch(r"###\s.*[:：]\s*", line) is not None
        elif speaking:
            kept.append(line)
    return html.unescape("\n".join(kept))


@pytest.mark.parametrize("path", layouts("sayit"), ids=lambda p: p.name)
def test_no_spoken_word_of_any_layout_is_lost(path: Path) -> None:
    assert_no_word_lost(spoken_text(path.read_text(encoding="utf-8")), load(path).remarks)


def test_html_links_and_tags_and_backslash_escapes_are_read() -> None:
    p = load(FIXTURES / "2024-06-02-library-committee.md")
    assert said(p) == [
        ("transcript", "Ada Park",
         "Welcome. The agenda is at our new site (https://example.org/agenda?day=2&room=b), "
         "and the budget is here (https://example.org/budget).\n"  # HTML links read like Markdown's
         "I really mean it [laughs]. Stars *here*, a back\\slash, 5 > 3, #hashtag and _under_.", None),
        # <br> and <p> end a line, other tags go; an autolink is its url; a code span stays as written
        ("transcript", "Ben Ode",
         "Thanks\nAda. An aside. Visit https://example.org or `code \\[x\\]`.\nOne paragraph.\nAnother.", None),
        # in parentheses, but not wholly: speech; an escaped bracket makes no link
        ("transcript", "Ada Park", "(sighs) Well, that is true (mostly).\nDone, see [1](not a link).", None),
    ]  # fmt: skip
    assert p.event.summary == "Notes taken by the clerk; see the minutes (https://example.org/minutes)."
    assert not any("applause" in r.text or "continues" in r.text or "laughter" in r.text for r in p.remarks)


@pytest.mark.parametrize(
    "note",
    [
        "> (applause\n>\n> continues)",  # one quotation of two paragraphs
        "> (applause\n\n> continues)",  # a blank line between its paragraphs
        "> (applause\n>\n>\n\n> and more\n> continues)",
        "> (laughter) (applause)",  # two notes in one
        "> (laughter)\n>\n> (applause)",
    ],
)
def test_a_stage_note_over_several_paragraphs_is_left_out_whole(note: str) -> None:
    p = loads(f"### A:\nbefore\n{note}\nafter\n")
    assert [r.text for r in p.remarks] == ["before\nafter"]


@pytest.mark.parametrize(
    ("quoted", "text"),
    [
        ("> (applause\n\nafter", "before\n(applause\nafter"),  # never closed: speech, nothing lost
        ("> (laughs) It is true (really).", "before\n(laughs) It is true (really)."),
        ("> (one) two", "before\n(one) two"),
        ("> (one))", "before\n(one))"),
        ("> As said:\n>\n> two paragraphs.", "before\nAs said:\ntwo paragraphs."),
    ],
)
def test_a_quotation_not_wholly_in_parentheses_is_speech(quoted: str, text: str) -> None:
    p = loads(f"### A:\nbefore\n{quoted}\n")
    assert [r.text for r in p.remarks] == [text]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (r"\!\"\#\$\%\&\'\(\)\*\+\,\-\.\/\:\;\<\=\>\?\@\[\\\]\^\_\`\{\|\}\~", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
        ("\\a \\é \\1 \\ end\\", "\\a \\é \\1 \\ end\\"),  # only ASCII punctuation is escaped
        (r"\&amp; \<b\> \[a](b)", "&amp; <b> [a](b)"),  # an escaped character starts no markup
        ('<a href="u">one</a> <a href="v"></a> <a name="x">anchor</a> <a href=w>open', "one (u) v anchor open (w)"),
        ("<A HREF='u'>Up</A> <img src=x alt=y> x<y a < b", "Up (u) x<y a < b"),
        ("&lt;b&gt;literal&lt;/b&gt;", "<b>literal</b>"),  # decoded entities are text, not tags
        # a link's url with parentheses or in <>, and its title (a tooltip, not said) left out
        (
            '[wiki](https://w.org/Foo_(bar)) [d](https://e.org/d "Docs") [x](<a b>)',
            "wiki (https://w.org/Foo_(bar)) d (https://e.org/d) x (a b)",
        ),
        ("[x](a(b and [y]( u 'T' )", "[x](a(b and y (u)"),
    ],
)
def test_inline_markup_is_read(line: str, text: str) -> None:
    assert [r.text for r in loads(f"### A:\n{line}\n").remarks] == [text]


def test_a_speakers_name_has_its_markup_read() -> None:
    p = loads("### <b>Ann</b> \\[host\\]:\nhi\n### Ann [host]:\nagain\n### Q\\&amp;A:\nwhy\n")
    assert [(s.name, len(p.remarks_by_speaker[s.id])) for s in p.speakers] == [("Ann [host]", 2), ("Q&amp;A", 1)]


# --------------------------------------------------------------------------- the real file


def test_a_sayit_transcript() -> None:
    path = shared("sayitmd_2016-11-04-Meeting-with-David-Plouffe.md")
    p = load(path)
    assert (p.event.title, p.event.date) == ("Meeting with David Plouffe", "2016-11-04")
    assert [(s.name, len(p.remarks_by_speaker[s.id])) for s in p.speakers] == [
        ("Audrey Tang", 90),
        ("David Plouffe", 97),
        ("葉寧", 1),
    ]
    assert said(p)[:3] == [
        ("transcript", "Audrey Tang", "Hello.", None),
        ("transcript", "David Plouffe", "Hello. Keeping busy. How are you?", None),
        ("transcript", "David Plouffe", "It is raining out, after all.", None),
    ]
    quoted = [r.text for r in p.remarks if "every way to make our cities" in r.text]
    assert '"Let\u2019s look at every way to make our cities more local."' in quoted[0]
    assert not any("(laughter)" in r.text or "&quot;" in r.text for r in p.remarks)
    # every word under a speaker heading, in order, is in the remarks
    source = path.read_text(encoding="utf-8")
    spoken = [line for line in source.split("\n") if line.strip() and not line.startswith(("#", ">"))]
    words = re.findall(r"\w+", re.sub(r"\]\(([^)]*)\)", r" \1", "\n".join(spoken).replace("&quot;", "")))
    assert re.findall(r"\w+", " ".join(r.text for r in p.remarks)) == words


# --------------------------------------------------------------------------- bad files and detection


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("### A:\n\n### B:\n", 'talk.md:1:1: no speeches in this file; a speech is a heading "### Name:" and its text'),
        ("", 'talk.md:1:1: no speeches in this file; a speech is a heading "### Name:" and its text'),
    ],
)
def test_a_file_without_speeches_is_refused(text: str, expected: str) -> None:
    proceedings, problems = read_sayit_markdown("talk.md", text.encode())
    assert proceedings is None and [str(p) for p in problems] == [expected]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "no-speeches.md",
            'no-speeches.md:1:1: no speeches in this file; a speech is a heading "### Name:" and its text',
        ),
        ("invalid-utf8.md", "invalid-utf8.md:2:4: invalid UTF-8 byte 0xff at byte offset 10; save the file as UTF-8"),
    ],
)
def test_bad_files_are_refused_with_their_place(name: str, expected: str) -> None:
    proceedings, problems = read_sayit_markdown(name, (HOSTILE / name).read_bytes())
    assert proceedings is None and [str(p) for p in problems] == [expected]


def test_control_characters_stay_data() -> None:
    p = load(HOSTILE / "control-chars.md")
    assert said(p) == [("transcript", "\x1b[31mEve\x1b[0m", "bell\x07 and \u202eevil", None)]


# Hostile lines, each as a function of its size: what a regular expression could backtrack over.
HOSTILE_LINES = {
    "brackets never closed": lambda n: "[" * 3 * n + "](",
    "a heading of colons": lambda n: "### " + ":" * 3 * n,
    "quoted parentheses": lambda n: "> (" * 2 * n,
    "comments never closed": lambda n: "<!--" * 2 * n,
    "a heading of hashes": lambda n: "# " + "#" * 3 * n + "x",
    "links": lambda n: "<a href=x>" * (n // 3),
    "links never closed": lambda n: "<a " * n,
    "escaped brackets": lambda n: "\\[" * n,
    "backticks": lambda n: "`" * n,
    "entities never closed": lambda n: "&#" * n,
    "link urls never closed": lambda n: "[a](" + "(x)" * n,
    "link titles never closed": lambda n: '[a](u "' + " " * n,
    "link blanks never closed": lambda n: "[a](u" + " \t" * n,
    "link blanks before a url never closed": lambda n: "[a](" + " " * n + "x",
    "a speaker heading of blanks without a colon": lambda n: "### A" + " " * n + "x",
}


def _two_speeches_of(line: str) -> bytes:
    return f"### A:\n{line}\n### B:\n{line}\n".encode()


@pytest.mark.parametrize("hostile", list(HOSTILE_LINES.values()), ids=list(HOSTILE_LINES))
def test_hostile_lines_are_read_in_linear_work(hostile: Callable[[int], str]) -> None:
    # Work, not time (timed in `python -m bench`): twice the line, at most about twice the work.
    works = growth(lambda n: work_of(lambda: read_sayit_markdown("long.md", _two_speeches_of(hostile(n)))), 10_000)
    assert is_linear(works), works
    proceedings, problems = read_sayit_markdown("long.md", _two_speeches_of(hostile(100_000)))  # 300 KB lines: read
    assert proceedings is not None or problems


def test_only_markdown_with_speaker_headings_is_an_event(tmp_path: Path) -> None:
    assert sniff(b"# 2016-11-04 Meeting\n\n### Audrey Tang:\nHello.\n") and sniff("### 唐鳳：\r\n".encode())
    assert not sniff((FIXTURES / "README.md").read_bytes()) and not sniff("### 問：為什麼？\n答：因為。\n".encode())
    assert (FORMAT.name, FORMAT.suffixes, FORMAT.suffix_is_enough) == (
        "SayIt Markdown transcript",
        (".md", ".markdown"),
        False,
    )
    assert "not a format Podium reads" in str(pick_format("README.md", (FIXTURES / "README.md").read_bytes()))
    assert [p.name for p in expand_paths([FIXTURES])] == ["2024-05-01-town-hall.md", "2024-06-02-library-committee.md"]


FRAGMENTS = [
    "# 2024-01-01 T", "## S", "### A:", "### 問：", "### Q:", "> (note)", "> quoted", "", "text", "[a](b)", "&amp;",
    "<!--", "-->", "\r", "\x1b[2J", "　", "#", "###", "### :",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=30))
def test_any_text_gives_an_event_or_problems(lines: list[str]) -> None:
    proceedings, problems = read_sayit_markdown("any.md", "\n".join(lines).encode())
    assert (proceedings is None) == bool(problems)
    if proceedings is not None:
        assert_valid(proceedings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_sayit_markdown("any.md", b"### A:\nhi\n" + data)
    assert (proceedings is None) == bool(problems)
