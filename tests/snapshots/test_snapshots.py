"""SVG snapshots of the browser's main states (pytest-textual-snapshot).

Update after an intended change of the UI with `pytest tests/snapshots --snapshot-update`,
then look at the pictures in snapshot_report.html before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.browser.app import PodiumApp
from tui.formats.open import load_paths

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "ai-safety-governance-2024.yaml"
WIDE = (120, 40)


def app() -> PodiumApp:
    return PodiumApp(load_paths([BUNDLED]))


@pytest.mark.parametrize(
    ("name", "keys", "size"),
    [
        ("start", [], WIDE),
        ("text-filter", ["slash", *'"AI for all"', "enter"], WIDE),
        ("speaker-filter", ["s", "down", "down", "down", "f", "e"], WIDE),
        ("section-scope", ["3"], WIDE),
        ("thread-detail", ["3", "G", "k", "k", "enter"], WIDE),
        ("help", ["question_mark"], WIDE),
        ("malformed-query", ["slash", *'"unclosed'], WIDE),
        ("no-results", ["slash", *"zzzz"], WIDE),
        ("80x24", [], (80, 24)),
        ("narrow-speakers", ["s"], (60, 20)),
        ("too-small", [], (30, 8)),
    ],
)
def test_snapshot(snap_compare, name: str, keys: list[str], size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app(), press=keys, terminal_size=size)


async def _settled(pilot, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Press keys, waiting after each for the shape screen's recount (a worker) and its repaint."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.mark.parametrize(
    ("name", "keys", "size"),
    [
        ("shape", ["v"], WIDE),
        ("shape-filtered", ["v", "slash", *"regulation", "enter", "n"], WIDE),
        ("shape-80x24", ["v"], (80, 24)),
        ("shape-filtered-80x24", ["v", "slash", *"regulation", "enter", "n"], (80, 24)),
    ],
)
def test_shape_snapshot(snap_compare, name: str, keys: list[str], size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app(), run_before=lambda pilot: _settled(pilot, keys), terminal_size=size)
