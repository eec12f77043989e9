"""Drawing a remark's lines: matches highlighted where they fall, at a cost per line, not per remark."""

from __future__ import annotations

import tracemalloc

from rich.style import Style

from tui.browser.widgets.exchange_rows import highlighted

PLAIN, MATCH = Style(), Style(bold=True)


def test_a_line_highlights_the_parts_of_matches_inside_it() -> None:
    text = "alpha beta gamma delta"
    line = highlighted(text, 6, 16, [(0, 8), (11, 13), (15, 20)], PLAIN, MATCH)  # "beta gamma"
    assert [(s.text, s.style) for s in line] == [
        ("be", MATCH),  # the end of a match begun on the line before
        ("ta ", PLAIN),
        ("ga", MATCH),
        ("mm", PLAIN),
        ("a", MATCH),  # the start of one going on to the next line
    ]


def _peak_bytes_for_first_line(matches: int) -> int:
    """Memory drawing the first line of a remark of `matches` one-letter matches takes, at its peak."""
    text = "o " * matches
    spans = [(2 * i, 2 * i + 1) for i in range(matches)]
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        line = highlighted(text, 0, 80, spans, PLAIN, MATCH)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len(line) == 80  # every "o" and every space its own segment
    return peak


def test_a_line_costs_the_same_however_many_matches_follow_it() -> None:
    """Not a copy of the remark's remaining matches on every line: that is quadratic in a long remark."""
    few, many = _peak_bytes_for_first_line(2_000), _peak_bytes_for_first_line(200_000)
    assert many <= 1.5 * few + 1024, (few, many)  # a copy of 200,000 spans alone is 1.6 MB
