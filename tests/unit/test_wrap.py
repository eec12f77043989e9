"""Wrapping by terminal cells: Latin words are never split, CJK text breaks between its characters."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tui.core.wrap import wrap_offsets


def _lines(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in wrap_offsets(text, width)]


def test_an_english_word_inside_chinese_text_is_never_split() -> None:
    text = "我们今天讨论ChatGPT和OpenAI的问题，以及人工智能的未来。"
    lines = _lines(text, 20)
    assert "".join(lines) == text  # no space lost or added: CJK lines join as they were
    assert all(cell_len(line) <= 20 for line in lines)
    for word in ("ChatGPT", "OpenAI"):
        assert any(word in line for line in lines), lines
    assert lines == ["我们今天讨论ChatGPT", "和OpenAI的问题，以及", "人工智能的未来。"]


def test_chinese_text_breaks_between_characters_to_fill_the_line() -> None:
    lines = _lines("人工智能的未来是我们共同的责任", 10)
    assert lines == ["人工智能的", "未来是我们", "共同的责任"]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("「こんにちは」と言った。それから、", 10, ["「こんにち", "は」と言っ", "た。それか", "ら、"]),
        ("人工未来。", 8, ["人工未", "来。"]),  # 。 never starts a line: 来 goes down with it
        ("人工「未来」", 6, ["人工", "「未", "来」"]),  # 「 never ends a line, though it would fit
    ],
)
def test_punctuation_stays_with_its_neighbour(text: str, width: int, expected: list[str]) -> None:
    assert _lines(text, width) == expected


def test_spaced_text_with_wide_characters_breaks_at_spaces_and_drops_them() -> None:
    text = "讨论 ChatGPT 和 OpenAI"
    assert _lines(text, 12) == ["讨论 ChatGPT", "和 OpenAI"]


def test_a_latin_word_longer_than_the_line_is_still_cut() -> None:
    assert _lines("中Supercalifragilistic", 8) == ["中", "Supercal", "ifragili", "stic"]
