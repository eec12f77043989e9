"""The installed `podium`, in a real pseudo-terminal, used as a person would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.pty_terminal import Terminal

ESCAPE = "\x1b"


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal([])
    yield term
    term.close()


def test_opens_the_bundled_event_filters_as_you_type_and_quits(terminal: Terminal) -> None:
    screen = terminal.wait_for("28 of 28 remarks")
    assert "International Trends in AI Safety and Governance" in screen
    assert "Agenda" in screen and "Speakers" in screen and "Exchanges" in screen

    terminal.type("/")
    terminal.type('"AI for all"')
    screen = terminal.wait_for('1 of 28 remarks · filter: "AI for all"')
    assert "Inma Martinez" in screen

    terminal.type(ESCAPE)  # clears the filter
    terminal.wait_for("28 of 28 remarks")
    terminal.type(ESCAPE)  # leaves it, so that keys are commands again, not text
    terminal.wait_for("q Quit")
    terminal.type("3")  # section 3: the panel
    terminal.wait_for("13 of 28 remarks · section 3. Panel Discussion")
    terminal.type("q")
    assert terminal.wait_exit() == 0
    assert b"Traceback" not in terminal.raw


def test_speaker_filter_from_the_keyboard(terminal: Terminal) -> None:
    terminal.wait_for("28 of 28 remarks")
    terminal.type("/")
    terminal.type("speaker:merve")
    screen = terminal.wait_for("4 of 28 remarks")
    assert "Merve Hickok" in screen
    terminal.type("\r")  # enter: back to the exchanges
    terminal.wait_for("q Quit")
    terminal.type("q")
    assert terminal.wait_exit() == 0
