"""One very long remark in the browser: what the hostile tests bound by counting, timed here.

tests/hostile/test_hostile_terminal.py checks that a 1 MB remark is wrapped and
searched in a few passes, and that drawing 75,000 highlighted matches is linear
work; how long that takes depends on the machine, so it is measured here, next
to a floor from the same run.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.browser.app import PodiumApp
from tui.browser.screens.remark import RemarkScreen
from tui.browser.widgets.exchanges import ExchangeView
from tui.formats.open import load_paths

SIZE = (120, 40)
MEGABYTE_TEXT = ("lorem ipsum dolor sit amet " * 40_000)[:1_000_000] + " Zanzibar"  # the only z
MATCHES = 75_000
# A row of the benchmark's table: figure, value (s), floor from the same run (s), target, whether it is met.
Figure = tuple[str, float, float, str, bool]


ROOT = Path(__file__).resolve().parent.parent
# The event the hostile tests plant their long remark in, so that this times what they bound.
BASE_EVENT = ROOT / "tests" / "fixtures" / "hostile" / "base.yaml"


def event_with(text: str) -> str:
    """The base event, its first remark's text replaced by `text` (plain words: no quoting needed)."""
    return BASE_EVENT.read_text(encoding="utf-8").replace("    text: Welcomed everyone.", f"    text: {text}")


async def _open_screen(app: App[Any], pilot: Pilot[Any], screen: type[Screen[Any]]) -> float:
    """Seconds from pressing enter to the repaint that shows `screen`."""
    started = time.perf_counter()
    await pilot.press("enter")
    while not isinstance(app.screen, screen):
        await asyncio.sleep(0.001)
    await pilot.pause()
    return time.perf_counter() - started


async def _read_steps(path: Path) -> dict[str, float]:
    """Open the event, filter on "z", open the remark: seconds per step, each to its repaint."""
    times: dict[str, float] = {}
    started = time.perf_counter()
    app = PodiumApp(load_paths([path]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        times["open"] = time.perf_counter() - started
        await pilot.press("slash")
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        times["filter"] = time.perf_counter() - started
        await pilot.press("enter")  # from the filter bar to the exchanges
        await pilot.pause()
        times["remark"] = await _open_screen(app, pilot, RemarkScreen)
    return times


class BareText(ModalScreen[None]):
    """The floor for the remark screen: the same text in a Static, in a pane of about the same width."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll():
                yield Static(Content(self.text))
            yield VerticalScroll()


class BareApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static("bare")

    def on_key(self) -> None:
        self.push_screen(BareText(self.text))


async def _bare_text_screen(text: str) -> float:
    app = BareApp(text)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return await _open_screen(app, pilot, BareText)


async def _draw(path: Path, query: str) -> float:
    """Seconds to draw the first line of the remark (which draws all of it) under `query`."""
    app = PodiumApp(load_paths([path]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(ExchangeView)
        app.filters.text = query
        app.refilter()
        gc.collect()
        started = time.perf_counter()
        view.render_line(0)
        elapsed = time.perf_counter() - started
        app.filters.text = ""  # so that the repaint before the app closes is a cheap one
        app.refilter()
    return elapsed


def _best(repeat: int, measure: Callable[[], float]) -> float:
    return min(measure() for _ in range(repeat))


def megabyte_remark(repeat: int) -> list[Figure]:
    """(figure, value, floor, target, met) rows for the 1 MB remark."""
    with tempfile.TemporaryDirectory() as directory:
        big, small = Path(directory) / "big.yaml", Path(directory) / "small.yaml"
        big.write_text(event_with(MEGABYTE_TEXT), encoding="utf-8")
        small.write_text(event_with("lorem ipsum Zanzibar"), encoding="utf-8")
        runs = [asyncio.run(_read_steps(big)) for _ in range(repeat)]
        floors = [asyncio.run(_read_steps(small)) for _ in range(repeat)]
    bare = _best(repeat, lambda: asyncio.run(_bare_text_screen(MEGABYTE_TEXT)))
    total = min(sum(run.values()) for run in runs)
    small_total = min(sum(run.values()) for run in floors)
    remark = min(run["remark"] for run in runs)
    steps = {step: statistics.median(run[step] for run in runs) for step in runs[0]}
    detail = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in steps.items())
    print(f"(1 MB remark, median per step: {detail})")
    return [
        ("1 MB remark: open, filter z, open the remark", total, small_total, "<= 8 s", total <= 8.0),
        ("1 MB remark: the remark screen, vs a bare Static", remark, bare, "<= 1.5x bare Static", remark <= 1.5 * bare),
    ]


def many_matches(repeat: int) -> list[Figure]:
    """(figure, value, floor, target, met) rows for drawing a remark of 75,000 highlighted matches."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "matches.yaml"
        path.write_text(event_with("o " * MATCHES), encoding="utf-8")
        highlighted = _best(repeat, lambda: asyncio.run(_draw(path, "o")))
        plain = _best(repeat, lambda: asyncio.run(_draw(path, "")))
    figure = f"draw a remark of {MATCHES:,} matches, every line highlighted"
    return [(figure, highlighted, plain, "<= 1.5 s (floor: unhighlighted)", highlighted <= 1.5)]
