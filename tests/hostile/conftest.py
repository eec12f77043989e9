"""Shared fixtures for the hostile-input tests: files, the CLI in a subprocess, the browser.

Helpers are handed out as fixtures (as in tests/unit and tests/app) rather than
imported from this module, so the tests never depend on which `conftest`
module Python finds first.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tui.browser.app import PodiumApp
from tui.browser.widgets.exchanges import ExchangeView
from tui.formats.open import load_paths

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "fixtures" / "hostile"

# What must never reach a terminal from data: ESC, the C1 controls (CSI U+009B
# among them), DEL, and the invisible direction and zero-width characters.
UNSAFE = re.compile("[\x1b\x7f\x80-\x9f\u202e\u200b]")


@pytest.fixture(scope="session")
def hostile_dir() -> Path:
    return HOSTILE


@pytest.fixture(scope="session")
def base_text() -> str:
    """A valid event (the same as tests/fixtures/valid-minimal.yaml) to plant one defect in."""
    return (HOSTILE / "base.yaml").read_text(encoding="utf-8")


@pytest.fixture
def make_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (UTF-8) or bytes to tmp_path/NAME and return its path."""

    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return make


@pytest.fixture(scope="session")
def unsafe_in() -> Callable[[str], list[str]]:
    """The characters of a text that must never reach a terminal (empty when it is inert)."""
    return lambda text: UNSAFE.findall(text)


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`python -m tui ARGS` in a subprocess: its exit status and output as a person sees them.

    Run in a scratch working directory (so that a `touch PWNED` that ran would
    show there) with the cache in a private directory.
    """

    def run(
        *args: str, timeout: float = 60.0, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        workdir = cwd if cwd is not None else tmp_path / "cwd"
        workdir.mkdir(exist_ok=True)
        environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "tui", *args],
            cwd=workdir,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run


# --------------------------------------------------------------------------- browser


@pytest.fixture
def make_app() -> Callable[..., PodiumApp]:
    """PodiumApp over the files given, loaded as the CLI would."""
    return lambda *paths: PodiumApp(load_paths(list(paths)))


class UI:
    """Reading what the app shows, and driving it like a person would."""

    size = (120, 40)

    @staticmethod
    def status(app: PodiumApp) -> str:
        return str(app.query_one("#status", Static).render())

    @staticmethod
    def exchange_lines(app: PodiumApp) -> list[str]:
        """The text of every visible line of the exchanges pane, as drawn."""
        view = app.query_one(ExchangeView)
        return [view.render_line(y).text for y in range(view.size.height)]

    @staticmethod
    def screen_lines(app: PodiumApp) -> list[str]:
        """Every line of the current screen as the compositor draws it."""
        return [strip.text for strip in app.screen._compositor.render_strips()]

    @staticmethod
    def statics_text(app: PodiumApp) -> str:
        """The content of every Static on the current screen (unwrapped)."""
        return "\n".join(str(widget.render()) for widget in app.screen.query(Static))

    @staticmethod
    async def settle(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()

    async def press(self, pilot: Pilot[Any], *keys: str) -> None:
        await pilot.press(*keys)
        await self.settle(pilot)

    async def filter(self, pilot: Pilot[Any], text: str) -> None:
        """Press / and type the text into the filter bar."""
        await self.press(pilot, "slash", *text)

    async def wait_for(self, pilot: Pilot[Any], ready: Callable[[], bool], timeout: float = 5.0) -> None:
        """Pause until `ready()` holds (for work Textual does in the background)."""
        for _ in range(int(timeout / 0.05)):
            if ready():
                return
            await pilot.pause(0.05)
        assert ready(), "timed out"


@pytest.fixture(scope="session")
def ui() -> UI:
    return UI()
