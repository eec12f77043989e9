"""scripts/screenshots.py, which makes the README's pictures, still runs and shows the right states."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def svg_text(path: Path) -> str:
    return html.unescape(path.read_text(encoding="utf-8")).replace("\xa0", " ")


def test_screenshot_script_makes_every_picture(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    shots = {p.stem: svg_text(p) for p in tmp_path.glob("*.svg")}
    committed = {p.stem for p in (ROOT / "screenshots").glob("*.svg")}
    assert set(shots) == committed, "screenshots/ and the script disagree: regenerate them"
    assert "28 of 28 remarks" in shots["start"]
    assert "filter: safety" in shots["filter"]
    assert "speakers: Merve Hickok" in shots["speaker-filter"]
    assert "section 3. Panel Discussion" in shots["section-scope"]
    assert "the whole exchange" in shots["thread"]
    assert "Podium keys" in shots["help"]
    assert 'filter: "AI for all"' in shots["narrow-80x24"]
    assert " talks" in shots["schedule"] and "Talks" in shots["schedule"]
