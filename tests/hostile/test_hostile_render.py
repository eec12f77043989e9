"""Hostile text through the core: queries, the CLI's renderings, the clipboard's quotation.

Whatever a name or a remark holds, text and Markdown output never carries a
character that acts on a terminal, JSON keeps the original text (escaped), and
no query is slow or raises anything but QueryError.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from work_count import growth, is_linear, work_of

from tui.core.model import Event, Library, Proceedings, Remark, Section, Speaker, Venue
from tui.core.query import MAX_QUERY_CHARS, Query, QueryError, SearchIndex, parse
from tui.core.textsafe import safe_json, safe_line, safe_text, table_text
from tui.core.wrap import wrap_offsets
from tui.formats.bundled import bundled_event
from tui.formats.open import load_file
from tui.output import render

Unsafe = Callable[[str], list[str]]

# Characters that act on a terminal or hide text, always in the mix.
NASTY = ["\x1b", "\x9b", "\x85", "\x7f", "\x07", "\x00", "\r", "\t", "\n", "\u202e", "\u200b", "\ufeff", "\u2028"]
PAYLOADS = [
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]52;c;cGF3bmVk\x07",
    "\x9b31m",
    "[bold]x[/]",
    "[@click=app.quit]x[/]",
    "*_`<b>#|",
]
_characters = st.one_of(
    st.characters(exclude_categories=("Cs",)),  # the full range (lone surrogates cannot come from a UTF-8 file)
    st.sampled_from(NASTY),
)
_texts = st.one_of(
    st.text(_characters, min_size=1, max_size=80),
    st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(_characters, max_size=5)), min_size=1, max_size=8).map(
        "".join
    ),
)


def _event(name: str, text: str, title: str, topic: str) -> Proceedings:
    """Every free-text field from the draw; a reply so that threads and 'answering' are drawn too."""
    speaker = Speaker(
        "ana", name, role=title, honorific=topic, organisation=text, aliases=(name,), bio=text, event_roles=("host",)
    )
    other = Speaker("ben", title, organisation=name)
    section = Section("s1", 1, title, "remarks", description=text)
    remarks = (
        Remark("r01", "s1", "ana", text, None, (topic,), 0),
        Remark("r02", "s1", "ben", name + "\n" + text, "r01", (topic, name), 1),
    )
    event = Event("e1", title, "2024-03-28", Venue(title, name, topic, text), (name, title), (), text)
    return Proceedings("memory", event, (speaker, other), (section,), remarks)


@settings(max_examples=150, deadline=None)
@given(name=_texts, text=_texts, title=_texts, topic=_texts, query=st.sampled_from(["", "a", "o", "[", "x y"]))
def test_text_and_markdown_never_carry_terminal_controls(
    unsafe_in: Unsafe, name: str, text: str, title: str, topic: str, query: str
) -> None:
    proceedings = _event(name, text, title, topic)
    library = Library((proceedings,))
    parsed = parse(query)
    for fmt in ("text", "md"):
        for view in (render.remarks, render.agenda, render.speakers):
            out = view(library, parsed, fmt)
            assert unsafe_in(out) == [], (view.__name__, fmt, out)
    for remark_id in ("r01", "r02"):
        out = render.thread(proceedings, remark_id)
        assert unsafe_in(out) == [], out
        assert unsafe_in(render.quotation(proceedings, proceedings.remark_by_id[remark_id])) == []


@settings(max_examples=150, deadline=None)
@given(name=_texts, text=_texts, title=_texts, topic=_texts)
def test_json_keeps_the_original_text_and_escapes_controls(
    unsafe_in: Unsafe, name: str, text: str, title: str, topic: str
) -> None:
    proceedings = _event(name, text, title, topic)
    library = Library((proceedings,))
    out = render.remarks(library, Query(), "json")
    assert unsafe_in(out) == [], out
    assert "\x07" not in out and "\x00" not in out
    first = json.loads(out)["remarks"][0]
    assert first["text"] == text
    assert first["speaker"]["name"] == name
    assert first["section"]["title"] == title
    assert first["topics"] == [topic]
    for view in (render.agenda, render.speakers):
        out = view(library, Query(), "json")
        assert unsafe_in(out) == []
        json.loads(out)
    speakers = json.loads(render.speakers(library, Query(), "json"))["speakers"]
    assert (speakers[0]["name"], speakers[0]["bio"], speakers[0]["aliases"]) == (name, text, [name])
    agenda = json.loads(render.agenda(library, Query(), "json"))["events"][0]
    assert (agenda["title"], agenda["summary"], agenda["venue"]["institution"]) == (title, text, text)


@settings(max_examples=150, deadline=None)
@given(text=st.text(_characters, max_size=200))
def test_placeholders_are_one_visible_character_each(unsafe_in: Unsafe, text: str) -> None:
    safe = safe_text(text)
    assert len(safe) == len(text)  # match spans found in the original still apply
    assert unsafe_in(safe) == []
    line = safe_line(text)
    assert len(line) == len(text) and "\n" not in line and unsafe_in(line) == []
    assert json.loads(safe_json(text)) == text


def test_every_payload_is_shown_as_placeholders() -> None:
    assert safe_line("\x1b]0;pwned\x07 \x9b31m \u202e\u200b \x7f") == "␛]0;pwned␇ \ufffd31m ◌◌ ␡"


# --------------------------------------------------------------------------- queries


@pytest.fixture(scope="module")
def bundled() -> Proceedings:
    proceedings, problems = load_file(bundled_event())
    assert problems == [] and proceedings is not None
    return proceedings


@pytest.fixture(scope="module")
def raw_texts() -> dict[str, str]:
    """The bundled remarks' texts read with PyYAML alone, independently of tui/."""
    with bundled_event().open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.safe_load(stream)
    return {r["id"]: r["text"] for r in data["remarks"]}


def _refused(source: str) -> None:
    with pytest.raises(QueryError):
        parse(source)


def test_a_1mb_paste_is_refused_at_once_naming_the_limit() -> None:
    pasted = "safety " * 150_000  # about 1 MB
    # At once: on its length alone, at the work of a paste one character over the limit (not timed).
    assert work_of(lambda: _refused(pasted)) == work_of(lambda: _refused("x" * (MAX_QUERY_CHARS + 1)))
    with pytest.raises(QueryError) as raised:
        parse(pasted)
    assert raised.value.message == f"query is {len(pasted):,} characters; the limit is {MAX_QUERY_CHARS:,}"
    assert raised.value.position == MAX_QUERY_CHARS


def test_a_query_at_the_limit_is_still_read() -> None:
    assert len(parse("a" * MAX_QUERY_CHARS).terms) == 1


LITERAL_QUERIES = [".*[(", "(?:", "a|b", "^$", "\\", "[bold]", "'", "it's", "a\\d+", "%s%n", "${x}", "ai?", "(a)"]


@pytest.mark.parametrize("source", LITERAL_QUERIES)
def test_regex_looking_queries_are_literal_and_never_a_pattern(
    bundled: Proceedings, raw_texts: dict[str, str], source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What made such a query slow would be its text compiled as a pattern (a backtracking one can take
    # minutes): every pattern made while searching holds the query's text escaped, if at all.
    compile_pattern = re._compile  # type: ignore[attr-defined]  # what re.compile, re.search... all call
    compiled: list[str] = []

    def spied(pattern: str | bytes, flags: int) -> re.Pattern[str]:
        compiled.append(str(pattern))
        return compile_pattern(pattern, flags)  # type: ignore[no-any-return]

    monkeypatch.setattr(re, "_compile", spied)
    query = parse(source)
    found = SearchIndex(bundled).search(query)
    monkeypatch.undo()
    assert all(source not in pattern or re.escape(source) in pattern for pattern in compiled), compiled
    expected = [remark_id for remark_id, text in raw_texts.items() if source.lower() in text.lower()]
    assert [bundled.remarks[i].id for i in found] == expected


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ('"AI for all', 'a quoted phrase is not closed: add the closing "', 0),
        ('safety "', 'a quoted phrase is not closed: add the closing "', 7),
        ('"a" "b" "c', 'a quoted phrase is not closed: add the closing "', 8),
        ('speaker:"merve', 'a quoted phrase is not closed: add the closing "', 8),
    ],
)
def test_an_unbalanced_quote_is_a_located_query_error(
    bundled: Proceedings, source: str, message: str, position: int
) -> None:
    with pytest.raises(QueryError) as raised:
        parse(source)
    assert (raised.value.message, raised.value.position) == (message, position)
    # Found in one pass (work counted, not timed): after twice the words, at most about twice the work.
    assert is_linear(works := growth(lambda n: work_of(lambda: _refused("word " * n + source)), 40)), works
    with pytest.raises(QueryError) as raised:
        parse("word " * 100 + source)
    assert (raised.value.message, raised.value.position) == (message, position + 500)


@settings(max_examples=150, deadline=None)
@given(source=st.one_of(st.text(_characters, max_size=60), st.text(max_size=MAX_QUERY_CHARS + 20)))
def test_any_query_text_is_parsed_or_refused_with_a_query_error(bundled: Proceedings, source: str) -> None:
    try:
        query = parse(source)
    except QueryError as error:
        assert 0 <= error.position <= max(len(source), MAX_QUERY_CHARS)
        assert error.message
        return
    SearchIndex(bundled).search(query)  # and whatever it parsed to, searching never raises


# --------------------------------------------------------------------------- wrapping


@pytest.mark.parametrize(
    "text",
    ["x" * 1_000_000, "lorem ipsum " * 85_000, "écrit " * 170_000],
    ids=["one-word", "ascii-words", "accented-words"],
)
def test_wrapping_a_1mb_text_is_linear_work(text: str) -> None:
    lines = wrap_offsets(text, 80)
    assert lines[0][0] == 0 and lines[-1][1] == len(text.rstrip(" "))
    # Work, not time (timed in `python -m bench`): a tenth, a fifth, two fifths of the text.
    works = growth(lambda n: work_of(lambda: wrap_offsets(text[:n], 80)), len(text) // 10)
    assert is_linear(works), works


def test_wrapping_a_long_text_without_spaces_in_wide_characters_is_linear_work() -> None:
    text = "日本語の発言" * 4_000  # 24,000 characters, 72 KB, not one space: a long speech in Japanese
    lines = wrap_offsets(text, 80)
    assert len(lines) == -(-len(text) * 2 // 80)
    works = growth(lambda n: work_of(lambda: wrap_offsets(text[:n], 80)), len(text) // 4)
    assert is_linear(works), works


def test_the_cli_output_of_a_hostile_file_is_inert(
    hostile_dir: Path, cli: Callable[..., Any], unsafe_in: Unsafe
) -> None:
    path = hostile_dir / "injection.yaml"
    for command in ("agenda", "speakers", "remarks"):
        for fmt in ("text", "md", "json"):
            result = cli(command, str(path), "-f", fmt)
            assert (result.returncode, result.stderr) == (0, "")
            assert unsafe_in(result.stdout) == [], (command, fmt)
            assert "\x07" not in result.stdout
    thread = cli("thread", "r02", str(path))
    assert thread.returncode == 0 and unsafe_in(thread.stdout) == []
    remarks = json.loads(cli("remarks", str(path), "-f", "json").stdout)["remarks"]
    assert "\x1b]0;pwned\x07" in remarks[0]["text"], "JSON keeps the original text"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_table_of_a_hostile_file_is_inert_and_reads_back_the_original(
    hostile_dir: Path, cli: Callable[..., Any], unsafe_in: Unsafe, fmt: str
) -> None:
    path = hostile_dir / "injection.yaml"
    result = cli("remarks", str(path), "-f", fmt)
    assert (result.returncode, result.stderr) == (0, "")
    assert unsafe_in(result.stdout) == [] and "\x07" not in result.stdout
    rows = list(
        csv.DictReader(io.StringIO(result.stdout, newline=""), dialect="excel" if fmt == "csv" else "excel-tab")
    )
    proceedings, problems = load_file(path)
    assert proceedings is not None and not problems
    mallory = proceedings.speaker_by_id["mallory"]
    assert table_text(rows[0]["text"]) == proceedings.remarks[0].text, "the original text, escaped as in JSON"
    assert (table_text(rows[0]["speaker_name"]), table_text(rows[0]["organisation"])) == (
        mallory.name,
        mallory.organisation,
    )


IMPORTED_CONTROL_CHARS = [
    "transcripts/control-chars.vtt",
    "transcripts/control-chars.json",
    "transcripts/control-chars.txt",
    "transcripts/control-chars.md",
    "schedules/control-chars.json",
    "schedules/control-chars.xml",
    "schedules/control-chars.ics",
    "xml/akn-control-chars.xml",
    "xml/pp-control-chars.xml",
]


@pytest.mark.parametrize("name", IMPORTED_CONTROL_CHARS)
def test_the_cli_output_of_every_imported_format_is_inert(
    hostile_dir: Path, cli: Callable[..., Any], unsafe_in: Unsafe, name: str
) -> None:
    """Escape sequences, bells and bidi overrides in any format reach the terminal as visible placeholders."""
    path = hostile_dir / name
    for command in ("agenda", "speakers", "remarks"):
        for fmt in ("text", "md"):
            result = cli(command, str(path), "-f", fmt)
            assert (result.returncode, result.stderr) == (0, ""), (command, fmt, result.stderr)
            assert unsafe_in(result.stdout) == [], (command, fmt)


@pytest.mark.parametrize("command", ["stats", "speakers"])
def test_a_speaker_name_of_200000_characters_is_cut_in_one_pass(cli: Callable[..., Any], tmp_path: Path, command):
    # Cut a character at a time and measured each time, a name of 100,000 characters kept
    # `podium stats` busy for minutes (a fuzzed Zoom transcript). The wait is a hang guard:
    # cut in one pass it takes well under a second.
    name = "Dee " + "x " * 100_000
    transcript = tmp_path / "long-name.vtt"
    transcript.write_text(f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v {name}>Hello there.\n", encoding="utf-8")
    result = cli(command, str(transcript), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Dee x x" in result.stdout


def test_a_heading_of_200000_blanks_without_a_colon_is_read_in_one_pass(cli: Callable[..., Any], tmp_path: Path):
    # "### A", 40,000 spaces and no colon: a pattern backtracked for 27 s (a fuzzed SayIt file).
    # Timed in `python -m bench` against a plain line; the wait here is a hang guard.
    transcript = tmp_path / "2024-01-01-heading.md"
    transcript.write_text("### Ann:\nHello.\n\n### A" + " " * 200_000 + "x\n", encoding="utf-8")
    result = cli("remarks", str(transcript), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Hello." in result.stdout
