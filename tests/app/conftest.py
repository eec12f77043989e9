"""Fixtures for the Pilot tests of the Podium browser.

Helpers are handed out as fixtures (as in tests/unit) rather than imported from
this module. Everything asserted is read from what the app shows: the rows of the
exchanges pane, the status line, option prompts, labels, focus, screens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from tui.browser.app import PodiumApp
from tui.browser.widgets.exchanges import ExchangeView
from tui.browser.widgets.filter_bar import SpeakerLabel
from tui.browser.widgets.lists import AgendaList, SpeakerList
from tui.formats.open import load_paths

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "data" / "ai-safety-governance-2024.yaml"
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copies, saved files and settings go to scratch directories, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # settings too
    return tmp_path / "data"


@pytest.fixture(scope="session")
def raw_event() -> dict[str, Any]:
    """The bundled event as plain YAML data, read without the app's loader.

    Expected numbers are computed from this, independently of tui/.
    """
    with BUNDLED.open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.safe_load(stream)
    return data


class Recorder:
    """What `app.notify` was asked to show, in order."""

    def __init__(self) -> None:
        self.messages: list[str] = []


def _make_app(*paths: Path) -> PodiumApp:
    app = PodiumApp(load_paths(list(paths)))
    recorder = Recorder()
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        recorder.messages.append(str(message))
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    app.notifications_seen = recorder.messages  # type: ignore[attr-defined]
    return app


@pytest.fixture
def make_app() -> Callable[..., PodiumApp]:
    """PodiumApp(load_paths([...])) with notifications recorded in `app.notifications_seen`."""
    return _make_app


@pytest.fixture
def app(bundled_path: Path) -> PodiumApp:
    return _make_app(bundled_path)


class UI:
    """Reading what the app shows, and driving it like a person would."""

    size = SIZE

    # ----------------------------------------------------------------- reading

    @staticmethod
    def status(app: PodiumApp) -> str:
        return str(app.query_one("#status", Static).render())

    @staticmethod
    def header(app: PodiumApp) -> str:
        return str(app.query_one("#event-header", Static).render())

    @staticmethod
    def exchanges(app: PodiumApp) -> ExchangeView:
        return app.query_one(ExchangeView)

    @staticmethod
    def rows(app: PodiumApp) -> list[tuple[str, bool]]:
        """(remark id, shown only as context) for each row of the exchanges."""
        return [(row.remark.id, row.context) for row in app.query_one(ExchangeView).rows]

    @staticmethod
    def ids(app: PodiumApp) -> list[str]:
        return [row.remark.id for row in app.query_one(ExchangeView).rows]

    @staticmethod
    def matched_ids(app: PodiumApp) -> list[str]:
        return [row.remark.id for row in app.query_one(ExchangeView).rows if not row.context]

    @staticmethod
    def context_ids(app: PodiumApp) -> list[str]:
        return [row.remark.id for row in app.query_one(ExchangeView).rows if row.context]

    @staticmethod
    def exchange_lines(app: PodiumApp) -> list[str]:
        """The text of every visible line of the exchanges pane, as drawn."""
        view = app.query_one(ExchangeView)
        return [view.render_line(y).text for y in range(view.size.height)]

    @staticmethod
    def agenda_prompts(app: PodiumApp) -> list[str]:
        return [str(option.prompt) for option in app.query_one(AgendaList).options]

    @staticmethod
    def speaker_prompts(app: PodiumApp) -> list[str]:
        return [str(option.prompt) for option in app.query_one(SpeakerList).options]

    @staticmethod
    def labels(app: PodiumApp) -> list[str]:
        return [str(label.render()) for label in app.query(SpeakerLabel)]

    @staticmethod
    def statics_text(app: PodiumApp) -> str:
        """The content of every Static on the current screen (unwrapped)."""
        return "\n".join(str(widget.render()) for widget in app.screen.query(Static))

    @staticmethod
    def screen_lines(app: PodiumApp) -> list[str]:
        """Every line of the current screen as the compositor draws it."""
        return [strip.text for strip in app.screen._compositor.render_strips()]

    # ----------------------------------------------------------------- driving

    @staticmethod
    async def settle(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # searches of large events run in workers

    async def wait_for(self, pilot: Pilot[Any], ready: Callable[[], bool], timeout: float = 5.0) -> None:
        """Pause until `ready()` holds (for work Textual does in the background, like the palette's search)."""
        for _ in range(int(timeout / 0.05)):
            if ready():
                return
            await pilot.pause(0.05)
        assert ready(), "timed out"

    async def type(self, pilot: Pilot[Any], text: str, each: Callable[[str], None] | None = None) -> None:
        """Type text one key at a time, settling after each; `each` sees the status after each key."""
        for char in text:
            await pilot.press(char)
            await self.settle(pilot)
            if each is not None:
                each(self.status(pilot.app))  # type: ignore[arg-type]

    async def filter(self, pilot: Pilot[Any], text: str) -> None:
        """Press / and type the text into the filter bar."""
        await pilot.press("slash", *text)
        await self.settle(pilot)

    async def press(self, pilot: Pilot[Any], *keys: str) -> None:
        await pilot.press(*keys)
        await self.settle(pilot)

    async def run_palette_entry(self, pilot: Pilot[Any], title: str) -> None:
        """Open the palette (ctrl+p), type an entry's title, and run it once it is listed."""
        await self.press(pilot, "ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*title)
        await self.wait_for(pilot, lambda: any(title in line for line in self.screen_lines(pilot.app)))  # type: ignore[arg-type]
        await self.press(pilot, "enter")

    async def highlight_speaker(self, pilot: Pilot[Any], speaker_id: str, key: str = "down") -> None:
        """Move the speakers' highlight down to a speaker (the speakers pane has focus)."""
        speakers = pilot.app.query_one(SpeakerList)
        for _ in range(speakers.option_count + 1):
            option = speakers.highlighted_option
            if option is not None and option.id == speaker_id:
                return
            await self.press(pilot, key)
        raise AssertionError(f"could not reach speaker {speaker_id}")


@pytest.fixture(scope="session")
def ui() -> UI:
    return UI()


def remarks_where(raw: dict[str, Any], keep: Callable[[dict[str, Any]], bool]) -> list[str]:
    return [r["id"] for r in raw["remarks"] if keep(r)]


@pytest.fixture(scope="session")
def select_remarks(raw_event: dict[str, Any]) -> Callable[[Callable[[dict[str, Any]], bool]], list[str]]:
    """Ids of the bundled remarks (raw YAML records) that satisfy a predicate."""
    return lambda keep: remarks_where(raw_event, keep)


def parents_of(raw: dict[str, Any], ids: Iterable[str]) -> set[str]:
    """Every ancestor (by reply_to) of the given remarks, from the raw data."""
    by_id = {r["id"]: r for r in raw["remarks"]}
    found: set[str] = set()
    for remark_id in ids:
        parent = by_id[remark_id].get("reply_to")
        while parent is not None:
            found.add(parent)
            parent = by_id[parent].get("reply_to")
    return found


@pytest.fixture(scope="session")
def ancestors(raw_event: dict[str, Any]) -> Callable[[Iterable[str]], set[str]]:
    return lambda ids: parents_of(raw_event, ids)
