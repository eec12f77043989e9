"""Text, Markdown and JSON views: documented JSON shapes, and no raw controls ever."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.core.model import Library, Proceedings
from tui.core.query import fold, parse
from tui.output import render

SETTINGS = settings(max_examples=200, deadline=None)

REMARK_KEYS = {
    "id",
    "event",
    "section",
    "speaker",
    "reply_to",
    "start",
    "end",
    "spoken",
    "topics",
    "text",
    "notes",
    "matches",
}
EVENT_KEYS = {"id", "title", "date", "end_date", "venue", "organisers", "attendance", "summary", "sections"}
AGENDA_SECTION_KEYS = {
    "id",
    "number",
    "title",
    "kind",
    "description",
    "start",
    "duration",
    "room",
    "track",
    "abstract",
    "speakers",
    "remark_count",
}
SPEAKER_KEYS = {
    "id",
    "event",
    "name",
    "honorific",
    "role",
    "organisation",
    "event_role",
    "kind",
    "aliases",
    "bio",
    "sex",
    "remark_count",
    "talks",
}
# ESC, every other C0 control but newline, DEL and C1 (CSI U+009B included).
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def library(bundled: Proceedings) -> Library:
    return Library((bundled,))


# --------------------------------------------------------------------------- remarks


def test_remarks_json_shape(library: Library) -> None:
    data = json.loads(render.remarks(library, parse("speaker:merve interoperability"), "json"))
    assert set(data) == {"query", "total", "remarks"}
    assert data["query"] == "speaker:merve interoperability"
    assert data["total"] == len(data["remarks"]) == 1
    (record,) = data["remarks"]
    assert set(record) == REMARK_KEYS
    assert record["id"] == "r07"
    assert record["event"] == "ai-safety-governance-2024"
    assert record["section"] == {"id": "presenters", "number": 2, "title": "Topics from presenters"}
    assert record["speaker"] == {"id": "hickok", "name": "Merve Hickok"}
    assert record["reply_to"] is None
    assert isinstance(record["topics"], list)
    assert "interoperability" in record["text"]
    assert record["matches"]
    for start, stop in record["matches"]:
        assert fold(record["text"][start:stop]) == "interoperability"


def test_remarks_json_lists_the_matching_remarks(library: Library) -> None:
    data = json.loads(render.remarks(library, parse("speaker:merve"), "json"))
    assert [r["id"] for r in data["remarks"]] == ["r06", "r07", "r14", "r20"]
    assert {r["speaker"]["name"] for r in data["remarks"]} == {"Merve Hickok"}
    assert [r["reply_to"] for r in data["remarks"]] == [None, None, "r11", "r11"]
    assert all(r["matches"] == [] for r in data["remarks"])  # no text terms: nothing to highlight


def test_remarks_json_of_no_query_lists_all(library: Library) -> None:
    data = json.loads(render.remarks(library, parse(""), "json"))
    assert data["total"] == 28
    assert [r["id"] for r in data["remarks"]] == [f"r{i:02d}" for i in range(1, 29)]


def test_remarks_text_and_md(library: Library) -> None:
    text = render.remarks(library, parse("speaker:merve"), "text")
    assert text.splitlines()[-1] == "4 of 28 remarks"
    for remark_id in ("r06", "r07", "r14", "r20"):
        assert remark_id in text
    assert "Merve Hickok" in text
    assert "answering Hideaki Shiroyama (r11)" in text
    md = render.remarks(library, parse("speaker:merve"), "md")
    assert "**Merve Hickok**" in md
    assert md.count("\n> ") >= 4


# --------------------------------------------------------------------------- agenda


def test_agenda_json_shape(library: Library) -> None:
    data = json.loads(render.agenda(library, parse(""), "json"))
    assert set(data) == {"events"}
    (event,) = data["events"]
    assert set(event) == EVENT_KEYS
    assert event["id"] == "ai-safety-governance-2024"
    assert event["date"] == "2024-03-28"
    assert event["venue"]["hall"] == "SMBC Academia Hall"
    assert event["attendance"] == {
        "online": {"count": 178, "approximate": False},
        "venue": {"count": 30, "approximate": True},
    }
    assert len(event["organisers"]) == 2
    for section in event["sections"]:
        assert set(section) == AGENDA_SECTION_KEYS
    assert [(s["id"], s["number"], s["kind"], s["remark_count"]) for s in event["sections"]] == [
        ("opening", 1, "remarks", 1),
        ("presenters", 2, "presentations", 8),
        ("panel", 3, "panel", 13),
        ("questions", 4, "qa", 3),
        ("closing", 5, "closing", 3),
    ]


def test_agenda_counts_follow_the_query(library: Library) -> None:
    data = json.loads(render.agenda(library, parse("speaker:sellitto"), "json"))
    counts = {s["id"]: s["remark_count"] for s in data["events"][0]["sections"]}
    assert counts == {"opening": 0, "presenters": 2, "panel": 2, "questions": 1, "closing": 0}


def test_agenda_text_and_md(library: Library) -> None:
    text = render.agenda(library, parse(""), "text")
    assert text.splitlines()[0] == "International Trends in AI Safety and Governance"
    assert "178 online" in text and "about 30 at the venue" in text
    assert "3. Panel Discussion  (13 remarks)" in text
    assert "1. Opening remarks  (1 remark)" in text
    md = render.agenda(library, parse(""), "md")
    assert md.startswith("# International Trends in AI Safety and Governance")


# --------------------------------------------------------------------------- speakers


def test_speakers_json_shape(library: Library) -> None:
    data = json.loads(render.speakers(library, parse(""), "json"))
    assert set(data) == {"speakers"}
    assert len(data["speakers"]) == 9
    for speaker in data["speakers"]:
        assert set(speaker) == SPEAKER_KEYS
        assert speaker["event"] == "ai-safety-governance-2024"
    counts = {s["id"]: s["remark_count"] for s in data["speakers"]}
    assert counts == {
        "shiroyama": 3,
        "martinez": 5,
        "hodes": 4,
        "hickok": 4,
        "sellitto": 5,
        "iida": 3,
        "ema": 2,
        "hoshi": 1,
        "participant": 1,
    }
    hickok = next(s for s in data["speakers"] if s["id"] == "hickok")
    assert "Ms. Merve" in hickok["aliases"]
    assert next(s for s in data["speakers"] if s["id"] == "participant")["kind"] == "audience"


def test_speakers_under_a_query_are_those_who_match(library: Library) -> None:
    data = json.loads(render.speakers(library, parse('"Department of Commerce"'), "json"))
    assert [(s["id"], s["remark_count"]) for s in data["speakers"]] == [("hickok", 1)]


def test_speakers_text_and_md(library: Library) -> None:
    text = render.speakers(library, parse(""), "text")
    assert "Ms. Merve Hickok  (4 remarks)" in text
    assert "Prof. Takeo Hoshi  (1 remark)" in text
    md = render.speakers(library, parse(""), "md")
    assert "## Ms. Merve Hickok" in md


# --------------------------------------------------------------------------- thread, quotation


def test_thread_text_starts_at_the_first_remark_and_marks_the_chosen_one(bundled: Proceedings) -> None:
    lines = render.thread(bundled, "r19").splitlines()
    assert lines[0].startswith("Arisa Ema (r17,")
    heads = [line for line in lines if re.search(r"\(r\d\d, ", line)]
    assert [re.search(r"\((r\d\d), ", h).group(1) for h in heads] == ["r17", "r18", "r19"]  # type: ignore[union-attr]
    assert "▶" in heads[2] and "▶" not in heads[0] + heads[1]
    assert heads[1].startswith("└─ ")


def test_quotation_attributes_the_remark(bundled: Proceedings) -> None:
    quote = render.quotation(bundled, bundled.remark_by_id["r08"])
    assert "Responsible Scaling Policy" in quote
    assert "Michael Sellitto" in quote and "Anthropic" in quote
    assert "2024-03-28" in quote and "r08" in quote


# --------------------------------------------------------------------------- no raw controls


CONTROLS = st.sampled_from(["\x1b", "\x1b[2J", "\x1b]0;pwned\x07", "\x9b", "\x9b31m", "\x85", "\x7f", "\x00", "\r"])
hostile_text = st.lists(st.one_of(st.characters(), CONTROLS, st.just("\n"))).map("".join)


@SETTINGS
@given(text=hostile_text, name=hostile_text, title=hostile_text)
def test_text_and_md_never_carry_raw_controls(
    make_proceedings: Callable[..., Proceedings], text: str, name: str, title: str
) -> None:
    proceedings = make_proceedings(
        [text, "plain"], speaker_name=name or "x", section_title=title or "y", event_title=title or "z"
    )
    library = Library((proceedings,))
    for query in (parse(""), parse("a")):
        for fmt in ("text", "md"):
            for view in (render.remarks, render.agenda, render.speakers):
                out = view(library, query, fmt)
                assert not RAW_CONTROL.search(out), (view.__name__, fmt, out)
        data = json.loads(render.remarks(library, query, "json"))
        assert all(r["text"] in (text, "plain") for r in data["remarks"])
    assert not RAW_CONTROL.search(render.thread(proceedings, "r01"))
    assert not RAW_CONTROL.search(render.quotation(proceedings, proceedings.remarks[0]))


def test_json_keeps_the_original_text_with_controls_escaped(make_proceedings: Callable[..., Proceedings]) -> None:
    text = "before \x1b[31mred\x1b[0m \x9b2J after"
    library = Library((make_proceedings([text]),))
    out = render.remarks(library, parse("after"), "json")
    assert "\x1b" not in out and "\x9b" not in out
    (record,) = json.loads(out)["remarks"]
    assert record["text"] == text
    (start, stop) = record["matches"][0]
    assert text[start:stop] == "after"


# --------------------------------------------------------------------------- a Markdown export, as a reader sees it


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """The top-level blocks of a Markdown text, parsed as CommonMark: (kind, text)."""
    from markdown_it import MarkdownIt

    blocks: list[tuple[str, str]] = []
    level = 0
    kind = ""
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.nesting == 1:
            if level == 0:
                kind = token.tag
            level += 1
        elif token.nesting == -1:
            level -= 1
        elif token.type == "inline" and (level == 1 or (level and kind == "blockquote")):
            blocks.append((kind, token.content))
    return blocks


def test_a_markdown_export_says_what_it_is_then_quotes_each_remark_and_attributes_it(library: Library) -> None:
    pytest.importorskip("markdown_it")
    blocks = _blocks(render.remarks(library, parse("moratorium"), "md"))
    assert blocks[0] == ("h1", "International Trends in AI Safety and Governance")
    assert blocks[1][0] == "p" and blocks[1][1].startswith("2024-03-28 · SMBC Academia Hall")
    assert blocks[2] == ("p", "Remarks matching `moratorium`: 1 of 28 remarks.")
    kind, quote = blocks[3]
    assert kind == "blockquote" and quote.startswith("Finally among the presenters")
    assert "Sellitto" not in quote  # the attribution is not run into the quotation…
    assert blocks[4] == (  # …but a paragraph of its own
        "p",
        "— **Michael Sellitto**, Head of Global Affairs, Anthropic · 2. Topics from presenters (r08)",
    )
    assert len(blocks) == 5


def test_a_quoted_line_that_looks_like_markdown_stays_text(make_proceedings: Callable[..., Proceedings]) -> None:
    pytest.importorskip("markdown_it")
    from markdown_it import MarkdownIt

    text = "First point.\n1. not a list\n- nor this\n===\n# nor a heading"
    out = render.remarks(Library((make_proceedings([text]),)), parse(""), "md")
    html = MarkdownIt("commonmark").render(out)
    quote = html[html.index("<blockquote>") : html.index("</blockquote>")]
    assert "<ol" not in quote and "<ul" not in quote and "<h" not in quote
    assert "1. not a list" in quote and "- nor this" in quote and "# nor a heading" in quote


def test_several_events_in_markdown_are_headed_each(make_proceedings: Callable[..., Proceedings]) -> None:
    pytest.importorskip("markdown_it")
    first = make_proceedings(["Safety first."], event_title="One")
    second = make_proceedings(["Safety again."], event_title="Two")
    second = Proceedings("", replace(second.event, id="two"), second.speakers, second.sections, second.remarks)
    blocks = _blocks(render.remarks(Library((first, second)), parse("safety"), "md"))
    headings = [text for kind, text in blocks if kind in ("h1", "h2")]
    assert headings == ["Remarks from 2 events", "One", "Two"]
    assert ("p", "Remarks matching `safety`: 2 of 2 remarks.") in blocks


def test_one_of_one_remark_is_singular(make_proceedings: Callable[..., Proceedings]) -> None:
    library = Library((make_proceedings(["The only remark."]),))
    assert render.remarks(library, parse(""), "text").splitlines()[-1] == "1 of 1 remark"
    assert render.remarks(library, parse("nothing"), "text").splitlines()[-1] == "0 of 1 remark"
    assert "Every remark: 1 of 1 remark." in render.remarks(library, parse(""), "md")


def test_wrapping_keeps_a_latin_word_inside_chinese_whole() -> None:
    text = "我们今天讨论ChatGPT和OpenAI的问题，以及人工智能的未来。" * 2
    lines = render.wrap_text(text, "    ", 30).splitlines()
    assert all(cell_len(line) <= 30 for line in lines)
    assert "".join(line.removeprefix("    ") for line in lines) == text
    assert all(line.count("ChatGPT") + line.count("OpenAI") for line in lines if "Chat" in line or "Open" in line)
    assert render.wrap_text(text, "  ", None) == "  " + text  # no width: one line per paragraph
