"""The installed `podium` in a real pseudo-terminal, typed into while the machine is busy.

Two processes spin on the CPU for each test, as a build or a video call would, so that
keys reach Podium faster than it draws: the filter must still hold exactly what was
typed, in order, and the keys after `/` must reach the filter, not the panes behind it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bench.pty_terminal import Terminal

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "data" / "ai-safety-governance-2024.yaml"
RC3 = REPO.parent / "shared" / "formats" / "c3voc_v1_pretalx-rc3.json"
BACKSPACE = "\x7f"  # what a terminal sends for ⌫


@pytest.fixture
def busy_machine() -> Iterator[None]:
    """Two processes that keep two cores busy for the test's duration, ended by their own ids."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


@pytest.fixture
def open_terminals() -> Iterator[list[Terminal]]:
    terminals: list[Terminal] = []
    yield terminals
    for terminal in terminals:
        terminal.close()


def start(terminals: list[Terminal], *args: str) -> Terminal:
    terminal = Terminal(list(args))
    terminals.append(terminal)
    return terminal


def type_at(terminal: Terminal, keys: str, seconds_a_key: float) -> None:
    """Type as a person does: one key at a time, at a steady pace, whatever the screen shows."""
    for key in keys:
        terminal.type(key)
        time.sleep(seconds_a_key)


def remarks_with(word: str) -> int:
    with BUNDLED.open(encoding="utf-8") as stream:
        remarks = yaml.safe_load(stream)["remarks"]
    return sum(1 for remark in remarks if word in remark["text"].lower())


def quit_cleanly(terminal: Terminal) -> None:
    terminal.type("\x1b\x1b")  # clear the filter, leave it
    terminal.wait_for("q Quit")
    terminal.type("q")
    assert terminal.wait_exit(timeout=30) == 0
    assert b"Traceback" not in terminal.raw


def test_slash_and_a_word_typed_at_launch_reach_the_filter(busy_machine: None, open_terminals: list[Terminal]) -> None:
    # The issue's case: typed at once, "/moratorium" gave "mtorium" and "oratorium", and m marked a remark.
    terminal = start(open_terminals)
    type_at(terminal, "/moratorium", 0.03)
    count = remarks_with("moratorium")
    assert 0 < count < 28
    screen = terminal.wait_for(f"{count} of 28 remarks · filter: moratorium", timeout=60)
    assert "★" not in screen and "Marked" not in screen  # no key reached the exchanges
    quit_cleanly(terminal)


def test_a_word_retyped_with_backspaces_is_the_filter(busy_machine: None, open_terminals: list[Terminal]) -> None:
    # The issue's case: "safety", six backspaces and "regulation" gave "segulation".
    terminal = start(open_terminals)
    terminal.wait_for("28 of 28 remarks", timeout=60)
    type_at(terminal, "/safety" + BACKSPACE * 6 + "regulation", 0.03)
    count = remarks_with("regulation")
    assert 0 < count < 28
    terminal.wait_for(f"{count} of 28 remarks · filter: regulation", timeout=60)
    quit_cleanly(terminal)


@pytest.mark.skipif(not RC3.exists(), reason="the shared real files are not here")
def test_the_issue_keys_on_a_real_schedule(busy_machine: None, open_terminals: list[Terminal]) -> None:
    # The issue's case: "tox", three backspaces and "kasa" gave "tasa" at 100 ms a key, "toxk" at 300.
    terminal = start(open_terminals, str(RC3))
    terminal.wait_for(" talks", timeout=60)
    type_at(terminal, "/tox" + BACKSPACE * 3 + "kasa", 0.1)
    screen = terminal.wait_for("talks · filter: kasa", timeout=60)
    assert "filter: tasa" not in screen and "filter: toxk" not in screen
    quit_cleanly(terminal)


@pytest.mark.parametrize("delay", [0.15, 0.3, 0.5])
def test_a_word_retyped_while_the_window_opens_is_the_filter(
    delay: float, busy_machine: None, open_terminals: list[Terminal]
) -> None:
    # Typed while the panes are being put up: "/" before them, the rest straddling their
    # arrival. A key must neither be lost nor reach a pane ("a" and "s" bring panes forward),
    # and a backspace typed then is a backspace (it gave "moratorum", "toxasa", "tkasa").
    terminal = start(open_terminals)
    time.sleep(delay)
    type_at(terminal, "/safe" + BACKSPACE * 4 + "moratorium", 0.03)
    count = remarks_with("moratorium")
    terminal.wait_for(f"{count} of 28 remarks · filter: moratorium", timeout=60)
    quit_cleanly(terminal)


@pytest.mark.skipif(not RC3.exists(), reason="the shared real files are not here")
@pytest.mark.parametrize("delay", [0.3, 0.5])
def test_a_word_retyped_while_a_schedule_opens_is_the_filter(
    delay: float, busy_machine: None, open_terminals: list[Terminal]
) -> None:
    # "/" handled after the panes were made but before they were shown: showing them took the
    # focus back to the talks, where letters are keys ("a" and "s" brought panes forward).
    terminal = start(open_terminals, str(RC3))
    time.sleep(delay)
    type_at(terminal, "/tox" + BACKSPACE * 3 + "kasa", 0.03)
    terminal.wait_for("talks · filter: kasa", timeout=60)
    quit_cleanly(terminal)
