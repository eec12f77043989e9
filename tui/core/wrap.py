"""Greedy word wrap that reports line slices of the original text.

The browser needs each remark's exact height before it draws it (to lay out a
virtual list of 100,000 remarks), and then the same lines when it draws them;
returning offsets lets both use one computation and keeps highlight spans,
which are offsets too, easy to cut per line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len

_NEWLINE = re.compile(r"\n")


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern[str]:
    # Longest run of at most `width` characters that ends a word, else a hard
    # cut of a word longer than the line; leading spaces are skipped.
    return re.compile(rf"[ ]*(?:(.{{0,{width - 1}}}\S)(?= |$)|(\S{{{width}}}))")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """[start, end) slices of `text`, one per line, none wider than `width` cells.

    Newlines in the text always break; a blank paragraph is an empty line.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start = 0
    for end in [m.start() for m in _NEWLINE.finditer(text)] + [len(text)]:
        _wrap_paragraph(text, start, end, width, lines)
        start = end + 1
    return lines


def _wrap_paragraph(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    paragraph = text[start:end]
    if not paragraph.strip(" "):
        lines.append((start, start))
        return
    if paragraph.isascii():
        for match in _line_pattern(width).finditer(paragraph):
            group = 1 if match.group(1) is not None else 2
            lines.append((start + match.start(group), start + match.end(group)))
        return
    _wrap_cells(paragraph, start, width, lines)


# Scripts written without spaces between words: a line may break between any two of their
# characters (and between one of them and a Latin word), never inside a Latin word.
_CJK = (
    "\u1100-\u11ff\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
# Never at the start of a line: closing punctuation, small kana, prolonged sound, and marks
# that combine with the character before; never at the end: opening brackets and quotes.
_NO_START = (
    "、。，．：；！？）」』】〕〉》〗〙〛〞”’・ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ…‥"
    ",.;:!?)\\]}%'\"\u0300-\u036f\u3099\u309a\u200d\ufe00-\ufe0f"
)
_NO_END = "（「『【〔〈《〖〘〚〝“‘(\\[{"
_WORD = re.compile(r"[^ ]+")


@lru_cache(maxsize=1)
def _cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Whether a paragraph has CJK text, and its pieces: up to a space, or up to a place between two
    characters, one of them CJK, where a line may break. Compiled on first use: 10 ms at start-up."""
    has_cjk = re.compile(f"[{_CJK}]")
    piece = re.compile(rf"[^ ]+?(?=$| |(?:(?<=[{_CJK}])|(?=[{_CJK}]))(?<=[^ {_NO_END}])(?=[^ {_NO_START}]))")
    return has_cjk, piece


def _wrap_cells(paragraph: str, offset: int, width: int, lines: list[tuple[int, int]]) -> None:
    """The same greedy wrap, measuring cells: wide characters take two.

    Pieces joined by spaces cost their spaces on a line; pieces of CJK text that touch
    (a break with no space) cost nothing to join and leave nothing between lines.
    """
    has_cjk, piece = _cjk_patterns()
    pieces = piece if has_cjk.search(paragraph) else _WORD
    line_start = line_end = -1
    used = 0
    for word in pieces.finditer(paragraph):
        w_start, w_end = word.span()
        cells = cell_len(word.group())
        gap = w_start - line_end if line_start >= 0 else 0  # the spaces before it, if it joins the line
        if line_start >= 0 and used + gap + cells <= width:
            used += gap + cells
            line_end = w_end
            continue
        if line_start >= 0:
            lines.append((offset + line_start, offset + line_end))
        while cells > width:  # a word longer than a line: cut it by cells, in one pass
            cut, taken = w_start, 0
            while cut < w_end and taken + cell_len(paragraph[cut]) <= width:
                taken += cell_len(paragraph[cut])
                cut += 1
            if cut == w_start:  # a character wider than the line: it goes alone
                taken = cell_len(paragraph[cut])
                cut += 1
            lines.append((offset + w_start, offset + cut))
            w_start = cut
            cells -= taken
        line_start, line_end, used = w_start, w_end, cells
    if line_start >= 0:
        lines.append((offset + line_start, offset + line_end))
