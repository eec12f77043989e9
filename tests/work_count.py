"""Work counted, not timed: how tests bound the cost of hostile input without a clock.

On a shared, busy machine a wall-clock bound fails for reasons that are not bugs.
What a test can bound instead is the work done: lines of Podium's own code run
(`sys.settrace`), plus the characters its regular expressions were handed. Both
are the same on any machine under any load. A quadratic reader shows as work
that quadruples when its input doubles; a linear one at most doubles it (plus
a constant). The times themselves are rows of `python -m bench`.

What this cannot see is work inside one call into C: a regular expression that
backtracks over the whole text from each position is one call, counted once per
character it was handed. Patterns written so that each match attempt stops at a
delimiter (`[^<>]*`, not `.*`) keep that linear; the benchmark times the result.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import tui

TUI_DIR = str(Path(tui.__file__).parent)
# Per doubling of the input: linear work is at most 2x (less, with a fixed part); quadratic is 4x.
LINEAR_PER_DOUBLING = 2.5


class _CountedPattern:
    """A compiled pattern that adds to `counter` the characters each call went past, then answers.

    A search or match goes past the characters up to the end of its match (a failed
    search: to the end of the text; a failed match: one); the others (sub, split,
    finditer, findall) go over the whole text from `pos`.
    """

    SCANS = frozenset({"sub", "subn", "split", "finditer", "findall"})
    MATCHES = frozenset({"match", "fullmatch", "search"})

    def __init__(self, pattern: re.Pattern[str], counter: list[int]) -> None:
        self._pattern = pattern
        self._counter = counter

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._pattern, name)
        if name not in self.SCANS | self.MATCHES:
            return found

        def counted(*args: Any, **kwargs: Any) -> Any:
            text_at = 1 if name in {"sub", "subn"} else 0  # sub's first argument is the replacement
            text: str = args[text_at] if len(args) > text_at else kwargs["string"]
            pos = args[1] if name not in {"sub", "subn", "split"} and len(args) > 1 else kwargs.get("pos", 0)
            result = found(*args, **kwargs)
            if name in self.SCANS:
                self._counter[0] += len(text) - pos
            elif result is not None:
                self._counter[0] += max(result.end() - pos, 1)
            else:
                self._counter[0] += len(text) - pos if name == "search" else 1
            return result

        return counted


def _tui_modules() -> list[ModuleType]:
    return [m for n, m in list(sys.modules.items()) if (n == "tui" or n.startswith("tui.")) and m is not None]


@contextmanager
def _patterns_counted(counter: list[int]) -> Iterator[None]:
    """Every module-level compiled pattern of tui/ replaced, for the duration, by one that counts."""
    replaced: list[tuple[ModuleType, str, object]] = []
    for module in _tui_modules():
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                replaced.append((module, name, value))
                setattr(module, name, _CountedPattern(value, counter))
    try:
        yield
    finally:
        for module, name, value in replaced:
            setattr(module, name, value)


def work_of(action: Callable[[], object]) -> int:
    """The work `action` does in tui/: lines of its code run, plus characters handed to its patterns."""
    lines = 0
    characters = [0]

    def in_frame(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal lines
        lines += event == "line"
        return in_frame

    def on_call(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        return in_frame if frame.f_code.co_filename.startswith(TUI_DIR) else None

    previous = sys.gettrace()
    with _patterns_counted(characters):
        sys.settrace(on_call)
        try:
            action()
        finally:
            sys.settrace(previous)
    return lines + characters[0]


def growth(work_at: Callable[[int], int], size: int, doublings: int = 2) -> list[int]:
    """The work at `size`, 2 x `size`, ... (`doublings` times): for a test to check with `is_linear`."""
    return [work_at(size * 2**k) for k in range(doublings + 1)]


def is_linear(works: list[int]) -> bool:
    """Whether each doubling of the input at most about doubled the work (quadratic work quadruples it)."""
    return all(after <= LINEAR_PER_DOUBLING * max(before, 1) for before, after in itertools.pairwise(works))
