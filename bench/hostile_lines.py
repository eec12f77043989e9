"""Hostile transcript lines: what the format tests bound by counting, timed here.

tests/formats/test_webvtt.py and test_sayit_markdown.py check that each hostile
line (tags never closed, brackets, colons...) costs work linear in its length,
counting lines of Podium's code and characters handed to its patterns. What they
cannot count is a pattern backtracking inside one call; the time shows it, set
against a floor from the same run: a plain line of the same length.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from tui.core.model import Proceedings
from tui.formats.sayit_markdown import read_sayit_markdown
from tui.formats.source import Problem
from tui.formats.webvtt import read_webvtt

# A row of the benchmark's table: figure, value (s), floor from the same run (s), target, whether it is met.
Figure = tuple[str, float, float, str, bool]
Reader = Callable[[str, bytes], tuple[Proceedings | None, list[Problem]]]
# The tests' own hostile lines, and how each reader frames one line twice.
_TESTS = Path(__file__).resolve().parent.parent / "tests"
# The slowest hostile line may cost this many plain lines of its length: past that, something backtracks.
TIMES_PLAIN = 20.0
SIZE = 200_000


def _readers() -> list[tuple[str, Reader, Callable[[str], bytes], dict[str, Callable[[int], str]]]]:
    sys.path.insert(0, str(_TESTS / "formats"))
    sys.path.insert(0, str(_TESTS))
    import test_sayit_markdown as sayit  # the tests' own lines, so that both stay one list
    import test_webvtt as webvtt

    return [
        ("WebVTT", read_webvtt, webvtt._two_cues_of, webvtt.HOSTILE_LINES),
        ("SayIt Markdown", read_sayit_markdown, sayit._two_speeches_of, sayit.HOSTILE_LINES),
    ]


def _seconds(reader: Reader, data: bytes, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        reader("long", data)
        best = min(best, time.perf_counter() - started)
    return best


def hostile_lines(repeat: int) -> list[Figure]:
    """(figure, value, floor, target, met): per reader, its slowest hostile line against a plain one."""
    rows: list[Figure] = []
    for format_name, reader, framed, lines in _readers():
        times = {name: _seconds(reader, framed(line(SIZE)), repeat) for name, line in lines.items()}
        slowest = max(times, key=times.__getitem__)
        length = len(lines[slowest](SIZE))
        plain = _seconds(reader, framed(("lorem ipsum dolor sit amet " * (length // 27 + 1))[:length]), repeat)
        print(f"({format_name} hostile lines, slowest: {slowest}, {length:,} characters)")
        figure = f"{format_name}: the slowest hostile line, against a plain one"
        target = f"<= {TIMES_PLAIN:g}x a plain line"
        rows.append((figure, times[slowest], plain, target, times[slowest] <= TIMES_PLAIN * max(plain, 0.001)))
    return rows


if __name__ == "__main__":
    for row in hostile_lines(3):
        print(row)
