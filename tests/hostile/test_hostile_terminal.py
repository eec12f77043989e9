"""Hostile data in the browser: in Pilot, and in a real pseudo-terminal.

tests/fixtures/hostile/injection.yaml puts Rich/Textual markup and terminal
control sequences (clear screen, window title, hyperlink, clipboard write, CSI
as one C1 byte, right-to-left override, zero-width space) in every free-text
field. None of it may act: markup stays literal text, controls become visible
placeholders, and the app keeps running.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Static

import tui
from bench.pty_terminal import Terminal
from tui.browser.app import MIN_HEIGHT, MIN_WIDTH, PodiumApp
from tui.browser.screens.help import HelpScreen
from tui.browser.screens.remark import RemarkScreen
from tui.browser.widgets.exchanges import ExchangeView
from tui.browser.widgets.filter_bar import SpeakerLabel
from tui.core.query import fold, fold_with_offsets, spans
from tui.core.textsafe import safe_text
from tui.core.wrap import wrap_offsets
from tui.formats.source import MAX_FILE_BYTES

Unsafe = Callable[[str], list[str]]

MARKUP = ["[bold]B[/]", "[/ [[nested]]", "[@click=app.quit]x[/]"]
# How the payloads look once made inert: one visible placeholder per control.
SHOWN = ["␛[2J", "␛]0;pwned␇", "␛]8;;http://x␛\\link␛]8;;␛\\", "␛]52;c;cGF3bmVk␇", "\ufffd31m"]


@pytest.fixture
def injection(hostile_dir: Path) -> Path:
    return hostile_dir / "injection.yaml"


@pytest.fixture
def hostile_app(make_app: Callable[..., PodiumApp], injection: Path) -> PodiumApp:
    app = make_app(injection)
    assert not app.result.problems
    remark = app.library.events[0].remark_by_id["r01"]
    assert "\x1b]0;pwned\x07" in remark.text and "\x9b" in remark.text, "the fixture really carries controls"
    return app


def _bio(app: PodiumApp) -> str:
    """The text of the speaker's bio pane (a Static, or a container of them)."""
    pane = app.query_one("#bio")
    statics = [pane] if isinstance(pane, Static) else list(pane.query(Static))
    return "\n".join(str(widget.render()) for widget in statics)


def _inert(unsafe_in: Unsafe, *texts: str) -> None:
    for text in texts:
        assert unsafe_in(text) == [], repr(text)


async def test_markup_and_controls_in_every_field_stay_inert(
    hostile_app: PodiumApp, ui: Any, unsafe_in: Unsafe
) -> None:
    app = hostile_app
    async with app.run_test(size=ui.size, notifications=True) as pilot:
        await ui.settle(pilot)
        lines = ui.exchange_lines(app)
        _inert(unsafe_in, *lines, ui.status(app), *ui.screen_lines(app))
        assert all(any(m in line for line in lines) for m in MARKUP), lines
        assert any("␛]0;pwned␇" in line for line in lines)

        # A query that matches the markup: brackets are searched for as text.
        await ui.filter(pilot, "[@click=app.quit]")
        assert app.is_running
        assert ui.status(app) == "1 of 2 remarks · filter: [@click=app.quit]"
        lines = ui.exchange_lines(app)
        _inert(unsafe_in, *lines, ui.status(app), *ui.screen_lines(app))
        assert any("[@click=app.quit]x[/]" in line for line in lines)

        # The remark in full, then copied as a quotation.
        await ui.press(pilot, "enter", "enter")
        assert isinstance(app.screen, RemarkScreen)
        shown = ui.statics_text(app)
        _inert(unsafe_in, shown, *ui.screen_lines(app))
        assert all(m in shown for m in MARKUP) and all(s in shown for s in SHOWN)
        await ui.press(pilot, "c")
        assert app.is_running
        _inert(unsafe_in, app.clipboard, *ui.screen_lines(app))  # the notification too
        assert all(m in app.clipboard for m in MARKUP) and all(s in app.clipboard for s in SHOWN)
        assert "\x07" not in app.clipboard
        await ui.press(pilot, "escape")
        assert not isinstance(app.screen, RemarkScreen)

        # Help, then the palette filtered on part of the speaker's name.
        await ui.press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        _inert(unsafe_in, *ui.screen_lines(app))
        await ui.press(pilot, "escape")
        await ui.press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Mallory")
        await ui.wait_for(pilot, lambda: any("Filter by speaker: Mallory" in ln for ln in ui.screen_lines(app)))
        palette = [line for line in ui.screen_lines(app) if "Filter by speaker: Mallory" in line]
        _inert(unsafe_in, *ui.screen_lines(app))
        assert "[bold]B[/]" in palette[0], palette
        await ui.press(pilot, "enter")  # choose it: filter on Mallory
        assert app.is_running
        labels = [str(label.render()) for label in app.query(SpeakerLabel)]
        assert len(labels) == 1 and labels[0].startswith("Mallory [bold]B[/]"), labels
        _inert(unsafe_in, ui.status(app), *ui.exchange_lines(app), *ui.screen_lines(app))
    assert app.return_code in (None, 0)


async def test_the_header_bio_and_agenda_show_markup_literally(
    hostile_app: PodiumApp, ui: Any, unsafe_in: Unsafe
) -> None:
    app = hostile_app
    async with app.run_test(size=(160, 50)) as pilot:
        await ui.settle(pilot)
        header = str(app.query_one("#event-header", Static).render())
        bio = _bio(app)
        screen = "\n".join(ui.screen_lines(app))
        _inert(unsafe_in, header, bio, screen)
        assert header.startswith("Title [bold]B[/] [/ [[nested]] [@click=app.quit]x[/] ␛[2J")
        assert "Hall [bold]B[/] ␛[2J ␛]0;pwned␇" in header
        assert "Opening [bold]B[/]" in screen
        await ui.press(pilot, "s")  # the speakers pane: Mallory's bio
        bio = _bio(app)
        _inert(unsafe_in, bio)
        assert "Bio [bold]B[/] [/ [[nested]] [@click=app.quit]x[/]" in bio


# --------------------------------------------------------------------------- large values


def _event_with(base_text: str, *, name: str | None = None, text: str | None = None) -> str:
    if name is not None:
        base_text = base_text.replace("    name: Ana Example", f"    name: {name}")
    if text is not None:
        base_text = base_text.replace("    text: Welcomed everyone.", f"    text: {text}")
    return base_text


async def test_a_10000_character_name_in_the_browser(
    make_app: Callable[..., PodiumApp], make_file: Callable[[str, str], Path], base_text: str, ui: Any
) -> None:
    name = "Ana" + "x" * 9_997
    app = make_app(make_file("long-name.yaml", _event_with(base_text, name=name)))
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert any(line.startswith("Anaxxx") for line in ui.exchange_lines(app))
        await ui.press(pilot, "f")  # filter on the first remark's speaker: her label
        assert ui.status(app).startswith("1 of 2 remarks · speakers: Anaxxx")
        await ui.press(pilot, "enter")
        assert isinstance(app.screen, RemarkScreen)
        await ui.press(pilot, "c", "escape", "ctrl+p")
        await pilot.press(*"Anaxx")
        # The palette wraps the name over many lines: long, but there.
        await ui.wait_for(pilot, lambda: any(ln.strip().endswith("by speaker:") for ln in ui.screen_lines(app)))
        assert any(ln.strip().startswith("Anaxxxx") for ln in ui.screen_lines(app))
        await ui.press(pilot, "escape", "s", "down", "up")
        for size in [(40, 10), (300, 100)]:
            await pilot.resize_terminal(*size)
            await ui.settle(pilot)
        assert app.is_running


# What a long text costs is timed in `python -m bench` (its "1 MB remark" and "75,000 matches" rows):
# here, the work is bounded instead, so that a busy machine cannot fail a test.
WHOLE_TEXT_FUNCTIONS = (wrap_offsets, safe_text, fold, fold_with_offsets, spans)
# Passes over the whole text a step may make (measured: 3 at most). One per line, or per frame, is a bug.
FEW_PASSES = 5


@pytest.fixture
def passes_over() -> Iterator[Callable[[int], Counter[str]]]:
    """Count, per function of WHOLE_TEXT_FUNCTIONS, its calls given a text of at least N characters.

    Each function is replaced in every tui module that imported it by name, so the
    count holds wherever it is called from. Asking again starts a new count.
    """
    counts: Counter[str] = Counter()
    least = [0]
    patch = pytest.MonkeyPatch()
    for function in WHOLE_TEXT_FUNCTIONS:

        def counted(*args: Any, _function: Callable[..., Any] = function, **kwargs: Any) -> Any:
            if any(isinstance(a, str) and len(a) >= least[0] for a in args):
                counts[_function.__name__] += 1
            return _function(*args, **kwargs)

        for module_name, module in list(sys.modules.items()):
            if module_name.startswith("tui") and vars(module).get(function.__name__) is function:
                patch.setattr(module, function.__name__, counted)

    def count(size: int) -> Counter[str]:
        least[0] = size
        counts.clear()
        return counts

    yield count
    patch.undo()


def _lines_run_in_tui(action: Callable[[], object]) -> int:
    """How many lines of tui/ code `action` executes: a count of work that no machine's load changes."""
    tui_dir = str(Path(tui.__file__).parent)
    count = 0

    def in_frame(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        count += event == "line"
        return in_frame

    def on_call(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        return in_frame if frame.f_code.co_filename.startswith(tui_dir) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        action()
    finally:
        sys.settrace(previous)
    return count


async def test_a_1mb_remark_opens_filters_and_reads_in_a_few_passes_over_its_text(
    make_app: Callable[..., PodiumApp],
    make_file: Callable[[str, str], Path],
    base_text: str,
    ui: Any,
    passes_over: Callable[[int], Counter[str]],
) -> None:
    text = ("lorem ipsum dolor sit amet " * 40_000)[:1_000_000] + " Zanzibar"  # the only z
    assert len(wrap_offsets(text, ui.size[0])) > 8_000  # so a pass per line would show
    app = make_app(make_file("big-remark.yaml", _event_with(base_text, text=text)))
    passes = passes_over(1_000_000)
    steps: dict[str, Counter[str]] = {}

    def step(name: str) -> None:
        steps[name] = passes.copy()
        passes.clear()  # the next step counts afresh

    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert ui.status(app) == "2 of 2 remarks"
        step("opening")

        await ui.filter(pilot, "z")
        assert ui.status(app) == "1 of 2 remarks · filter: z"
        step("filtering")

        await ui.press(pilot, "enter", "enter")
        assert isinstance(app.screen, RemarkScreen)
        assert "lorem ipsum" in ui.statics_text(app)
        step("opening the remark")
        await ui.press(pilot, "escape")
        assert app.is_running
    assert steps["opening"]["wrap_offsets"] >= 1 and steps["filtering"]["spans"] >= 1, steps  # it was counted
    for step, counts in steps.items():
        assert max(counts.values(), default=0) <= FEW_PASSES, (step, counts)


async def test_drawing_a_long_remark_with_many_matches_costs_linear_work(
    make_app: Callable[..., PodiumApp],
    make_file: Callable[[str, str], Path],
    base_text: str,
    ui: Any,
    passes_over: Callable[[int], Counter[str]],
) -> None:
    """Drawing a remark of N matches, every line highlighted: twice the matches, at most twice the work."""

    async def work_to_draw(matches: int) -> int:
        app = make_app(make_file(f"matches-{matches}.yaml", _event_with(base_text, text="o " * matches)))
        async with app.run_test(size=ui.size) as pilot:
            await ui.settle(pilot)
            view = app.query_one(ExchangeView)
            app.filters.text = "o"  # what typing "o" in the filter does, without waiting for the screen
            app.refilter()
            passes = passes_over(matches)  # the long remark's text, and no other
            lines = _lines_run_in_tui(lambda: view.render_line(0))  # draws the whole remark
            first = view.render_line(0)
            assert first.text.startswith("Ana Example")
            # its matches found once; wrapped once to measure its height, once to draw it
            assert passes["spans"] == 1 and passes["wrap_offsets"] <= 2, passes
            highlighted = [view.render_line(y) for y in range(1, view.size.height)]
            assert all(len(line) > 20 for line in highlighted[:5])  # every "o" its own segment
            app.filters.text = ""  # so that the repaint before the app closes is a cheap one
            app.refilter()
        return lines

    single, double = await work_to_draw(15_000), await work_to_draw(30_000)
    assert double <= 2.2 * single, (single, double)  # quadratic work (a pass over every match per line) is 4x


@pytest.mark.parametrize("kind", ["fifo", "oversized"])
async def test_the_browser_refuses_a_bad_path_without_blocking(tmp_path: Path, ui: Any, kind: str) -> None:
    path = tmp_path / "bad.yaml"
    if kind == "fifo":
        os.mkfifo(path)
        message = "not a regular file"
    else:
        with path.open("wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)
        message = f"over the limit of {MAX_FILE_BYTES:,} bytes"
    app = PodiumApp(paths=[path])  # the way `podium` opens large inputs: the window first, then the load
    async with app.run_test(size=ui.size) as pilot:
        await ui.wait_for(pilot, lambda: not app.loading, timeout=5.0)
        await ui.settle(pilot)
        assert message in str(app.query_one("#problems-text", Static).render())
        assert str(app.query_one("#event-header", Static).render()) == "No event to show"
        await ui.filter(pilot, "x")
        assert app.is_running


# --------------------------------------------------------------------------- terminal sizes


@pytest.mark.parametrize("size", [(1, 1), (5, 3), (20, 6), (39, 10), (40, 10), (300, 100)])
async def test_every_size_with_hostile_data(
    hostile_app: PodiumApp, ui: Any, unsafe_in: Unsafe, size: tuple[int, int]
) -> None:
    app = hostile_app
    too_small = size[0] < MIN_WIDTH or size[1] < MIN_HEIGHT
    async with app.run_test(size=size) as pilot:
        await ui.settle(pilot)
        assert app.size == size
        assert app.query_one("#too-small").display is too_small
        _inert(unsafe_in, *ui.screen_lines(app))
        await ui.press(pilot, "j", "enter", "c", "escape")
        await ui.filter(pilot, "[bold]")
        assert app.is_running
        assert app.query_one("#too-small").display is too_small
        assert ui.status(app).startswith("1 of 2 remarks")
        _inert(unsafe_in, *ui.screen_lines(app))


async def test_resizing_again_and_again_during_a_search(hostile_app: PodiumApp, ui: Any, unsafe_in: Unsafe) -> None:
    app = hostile_app
    sizes = [(80, 24), (1, 1), (300, 100), (5, 3), (40, 10), (39, 9), (200, 2)]
    async with app.run_test(size=ui.size) as pilot:
        await ui.filter(pilot, "Te")
        for width, height in sizes:
            await pilot.resize_terminal(width, height)
            await pilot.press("x", "backspace")  # typed and taken back as the size changes
            await pilot.resize_terminal(height, width)
            await pilot.resize_terminal(width, height)
            await ui.settle(pilot)
            assert app.size == (width, height)
            assert app.query_one("#too-small").display is (width < MIN_WIDTH or height < MIN_HEIGHT)
            _inert(unsafe_in, *ui.screen_lines(app))
        await pilot.resize_terminal(*ui.size)
        await ui.settle(pilot)
        assert app.is_running
        assert app.query_one("#filter", Input).value == "Te"
        assert ui.status(app) == "1 of 2 remarks · filter: Te"


# --------------------------------------------------------------------------- a real terminal


@pytest.fixture
def terminal(injection: Path) -> Iterator[Terminal]:
    term = Terminal([str(injection)], columns=120, lines=40)
    yield term
    term.close()


def test_a_real_terminal_never_receives_the_payloads(terminal: Terminal) -> None:
    terminal.wait_for("2 of 2 remarks")
    terminal.type("/")
    terminal.type("Text")
    screen = terminal.wait_for("1 of 2 remarks · filter: Text")

    raw = bytes(terminal.raw)
    written = raw.decode("utf-8", "replace")
    # Textual writes its own escape sequences; what matters is that none carries the data's payloads.
    assert not re.search(rb"\x1b\][0-9]*;[^\x07\x1b]*pwned", raw), "a window title was set from data"
    assert b"\x1b]52" not in raw, "the clipboard was written"
    assert b"\x1b]8;;http://x" not in raw and not re.search(rb"\x1b\]8;[^;]*;http://x", raw), "a link was made"
    assert b"\x1b[2J" not in raw, "the screen was cleared from data"
    for character in ("\x9b", "\u202e", "\u200b"):
        assert character not in written, repr(character)
    assert b"\x07" not in re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", raw), "a BEL that is not Textual's own pointer shape"
    # What the data said is there to read, as text and placeholders.
    assert "Text [bold]B[/] [/ [[nested]] [@click=app.quit]x[/] ␛[2J ␛]0;pwned␇" in screen
    assert "␛]52;c;cGF3bmVk␇" in screen and "\ufffd31m ◌ ◌ end." in screen

    terminal.type("\x1b")  # clears the filter
    terminal.wait_for("2 of 2 remarks")
    terminal.type("\x1b")  # leaves it
    terminal.wait_for("q Quit")
    terminal.type("q")
    assert terminal.wait_exit() == 0
    assert b"Traceback" not in terminal.raw
