"""Make the README's screenshots from the real app: `python scripts/screenshots.py [DIR]`.

Each shot drives PodiumApp through Pilot, as a person would with the keyboard,
and saves an SVG. A test runs this script so the pictures cannot rot.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "fixtures" / "formats"
sys.path.insert(0, str(ROOT))

from tui.browser.app import PodiumApp  # noqa: E402
from tui.formats.bundled import bundled_event  # noqa: E402
from tui.formats.open import expand_paths, load_paths  # noqa: E402


@dataclass(frozen=True)
class Shot:
    name: str
    keys: tuple[str, ...]
    size: tuple[int, int] = (120, 40)
    theme: str = "textual-dark"
    paths: tuple[Path, ...] = ()  # default: the bundled event


SHOTS = (
    Shot("start", ()),
    Shot("filter", ("slash", *"safety", "enter")),
    Shot("speaker-filter", ("s", "down", "down", "down", "f", "e")),
    Shot("section-scope", ("3", "down", "down")),
    Shot("thread", ("3", "G", "k", "k", "enter")),  # r19, which answers r18, which answers r17
    Shot("help", ("question_mark",)),
    Shot("narrow-80x24", ("slash", *'"AI for all"', "enter"), size=(80, 24)),
    Shot("light-theme", ("slash", *"japan", "enter"), theme="textual-light"),
    Shot("shape", ("v", "slash", *"regulation", "enter", "n")),
    Shot("shape-light-80x24", ("v",), size=(80, 24), theme="textual-light"),
    Shot("collection", ("j", "m", "j", "j", "n", *"the GPAI's line on consensus", "enter", "G", "m", "M")),
    Shot("schedule", (), paths=(FORMATS / "schedules" / "v1_small.json",)),
    Shot(  # a ParlaMint sitting: filtered on a party or a minister, each party counted in the speakers pane
        "parlamint",
        ("slash", *"org:grn OR role:minister", "enter", "s", "G"),
        paths=(FORMATS / "tei_corpora" / "ParlaMint-XX" / "2020" / "ParlaMint-XX_2020-03-01.xml",),
    ),
    Shot(
        "all-events",
        ("slash", *"data OR safety", "enter"),
        paths=(
            ROOT / "data" / "ai-safety-governance-2024.yaml",
            FORMATS / "sayit" / "2024-05-01-town-hall.md",
            FORMATS / "transcripts" / "features.vtt",
            FORMATS / "chats" / "chat.txt",
        ),
    ),
)


async def take(shot: Shot, directory: Path) -> Path:
    app = PodiumApp(load_paths(expand_paths(list(shot.paths)) if shot.paths else [bundled_event()]))
    async with app.run_test(size=shot.size) as pilot:
        app.theme = shot.theme
        await pilot.pause()
        for key in shot.keys:
            await pilot.press(key)
            await pilot.pause()  # the shape screen lays out, then recounts in a worker
            await app.workers.wait_for_complete()
        await pilot.pause()
        path = directory / f"{shot.name}.svg"
        app.save_screenshot(filename=path.name, path=str(directory))
    return path


async def main(directory: Path) -> None:
    # Pictures of a fresh install: no remembered theme, no marks from whoever runs this.
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="podium-shots-config-")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="podium-shots-data-")
    directory.mkdir(parents=True, exist_ok=True)
    for shot in SHOTS:
        print(await take(shot, directory))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"))
