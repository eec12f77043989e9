"""Data from files must never reach a terminal raw: controls become visible placeholders."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.textsafe import escape_invisible, safe_json, safe_line, safe_text, table_cell, table_text

SETTINGS = settings(max_examples=200, deadline=None)

C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]  # alone, no character: no UTF-8 writes one
UNSAFE = [*C0, "\x7f", *C1, *BIDI, *ZERO_WIDTH, *SURROGATES]

unsafe_char = st.sampled_from(UNSAFE)
mixed_text = st.lists(
    st.one_of(st.characters(), unsafe_char, st.sampled_from(["\n", "\t", "\x1b[31m", "\x9b2J", "\x1b]0;t\x07"]))
).map("".join)


def _visible(text: str, *, newlines: bool) -> bool:
    return all(c.isprintable() or (newlines and c == "\n") for c in text)


@pytest.mark.parametrize("char", UNSAFE, ids=[f"U+{ord(c):04X}" for c in UNSAFE])
def test_each_unsafe_character_becomes_a_visible_placeholder(char: str) -> None:
    for out in (safe_text(f"a{char}b"), safe_line(f"a{char}b")):
        assert char not in out
        assert out.startswith("a") and out.endswith("b")
        middle = out[1:-1]
        assert middle, "not silently dropped"
        assert _visible(middle, newlines=False), repr(middle)
        assert middle.strip(), "shown as something, not as blank space"


@pytest.mark.parametrize("char", SURROGATES)
def test_a_lone_surrogate_can_be_written_out(char: str) -> None:
    # printing one raised UnicodeEncodeError: a traceback instead of the remark
    for out in (safe_text(char), safe_line(char), safe_json({"text": char})):
        out.encode("utf-8")
    assert json.loads(safe_json(char)) == char  # JSON keeps the original, escaped


def test_escape_sequences_are_defused() -> None:
    out = safe_text("red \x1b[31mALERT\x1b[0m and CSI \x9b2J")
    assert "\x1b" not in out and "\x9b" not in out
    assert "␛[31mALERT" in out  # U+241B SYMBOL FOR ESCAPE, as documented
    assert "ALERT" in out and "2J" in out


def test_bidi_override_cannot_reorder_text() -> None:
    out = safe_line("invoice\u202egnp.exe")
    assert "\u202e" not in out
    assert out.startswith("invoice") and out.endswith("gnp.exe")


def test_safe_text_keeps_newlines_and_turns_tabs_into_spaces() -> None:
    assert safe_text("one\ntwo\tthree") == "one\ntwo three"


def test_safe_line_makes_one_line() -> None:
    out = safe_line("one\ntwo\tthree\r\nfour")
    assert "\n" not in out and "\r" not in out and "\t" not in out
    assert out.startswith("one two three")


def test_ordinary_text_is_untouched() -> None:
    for text in ("Plain ASCII, with punctuation: (1) [2] {3} <4> 100%", "Café Straße 日本語 — “quotes” ✓"):
        assert safe_text(text) == text
        assert safe_line(text) == text


def test_arabic_letter_mark_is_made_visible() -> None:
    assert "\u061c" not in safe_text("a\u061cb")
    assert "\u061c" not in safe_line("a\u061cb")


@SETTINGS
@given(mixed_text)
def test_safe_text_never_outputs_an_unsafe_character(text: str) -> None:
    out = safe_text(text)
    assert not set(out) & set(UNSAFE)
    assert "\t" not in out
    assert out.count("\n") == text.count("\n")


@SETTINGS
@given(mixed_text)
def test_safe_line_never_outputs_a_control_or_newline(text: str) -> None:
    out = safe_line(text)
    assert not set(out) & set(UNSAFE)
    assert "\n" not in out and "\t" not in out


@SETTINGS
@given(mixed_text)
def test_safe_text_keeps_length_so_match_spans_still_apply(text: str) -> None:
    # Documented: each unsafe character becomes exactly one visible one.
    assert len(safe_text(text)) == len(text)


def _as_json_reads(value: object) -> object:
    """The value as JSON gives it back: a high surrogate escaped before a low one reads as the pair they encode."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    if isinstance(value, list):
        return [_as_json_reads(v) for v in value]
    if isinstance(value, dict):
        return {_as_json_reads(k): _as_json_reads(v) for k, v in value.items()}
    return value


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), mixed_text),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(mixed_text, children, max_size=4)),
    max_leaves=12,
)


@SETTINGS
@given(json_values)
def test_safe_json_round_trips_and_hides_controls(value: object) -> None:
    for indent in (2, None):
        out = safe_json(value, indent=indent)
        assert json.loads(out) == _as_json_reads(value)
        assert not set(out) & set(UNSAFE)
        assert "\u2028" not in out and "\u2029" not in out


def test_safe_json_escapes_esc_and_csi() -> None:
    out = safe_json({"text": "a\x1b[31mb\x9bc\u202ed"})
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert json.loads(out) == {"text": "a\x1b[31mb\x9bc\u202ed"}


@pytest.mark.parametrize("text", ["a\x7fb", "é\x7f", "plain\u200b"])
def test_json_escapes_delete_and_invisibles_in_ascii_and_other_text(text: str) -> None:
    out = escape_invisible(json.dumps({"text": text}, ensure_ascii=False))
    assert "\x7f" not in out and "\u200b" not in out
    assert json.loads(out) == {"text": text}


backslashes = st.lists(st.one_of(mixed_text, st.sampled_from(["\\", "\\u", "\\u00e9", "\\U001B", "\\\\u0041"]))).map(
    "".join
)


@SETTINGS
@given(backslashes)
def test_a_table_cell_reads_back_exactly_and_holds_no_unsafe_character(text: str) -> None:
    cell = table_cell(text)
    assert table_text(cell) == text
    assert not set(cell) & set(UNSAFE)  # a CR too: tab and newline are the table's to quote
    cell.encode("utf-8")  # a lone surrogate too


def test_a_table_cell_escapes_as_json_does_and_keeps_the_rest() -> None:
    assert table_cell("a\x1b[31mb\x9bc\u202ed") == "a\\u001b[31mb\\u009bc\\u202ed"
    assert json.loads('"' + table_cell("a\x1bb\u200bc") + '"') == "a\x1bb\u200bc"
    assert table_cell("CR\r\n") == "CR\\u000d\n"  # a CR would send a terminal's cursor back over the line
    for text in ('Tab\tnew\nline\n, "quoted" = +1 -1 @x', "Café 日本語 🙂", "a \\ b \\n \\d \\u12 \\x41"):
        assert table_cell(text) == text
    assert table_cell("C:\\u0041") == "C:\\u005cu0041"  # read back as the backslash it was, not as "A"


def test_invisible_tags_and_annotation_marks_never_reach_a_terminal_raw() -> None:
    # Tag characters spell hidden ASCII ("ASCII smuggling"); the others format text invisibly.
    hidden = "ok\U000e0069\U000e0067\U000e006e\U000e006f\U000e0072\U000e0065 \u206a\ufff9done"
    for shown in (safe_line(hidden), safe_text(hidden), table_cell(hidden)):
        assert not any(0xE0000 <= ord(c) <= 0xE007F or c in "\u206a\ufff9" for c in shown)
    assert table_text(table_cell(hidden)) == hidden
    assert json.loads(safe_json({"t": hidden}))["t"] == hidden  # past U+FFFF: escaped as a surrogate pair
    assert "\\udb40\\udc69" in safe_json({"t": hidden})
