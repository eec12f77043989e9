"""The layers hold: contracts in pyproject.toml, checked by import-linter as part of the suite.

The CLI sits over the browser, which sits over output and formats, which sit over the
pure core; the core never imports Textual or YAML; nothing in tui/ imports in a loop.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout


def test_every_module_is_in_a_layer() -> None:
    """A new top-level module would escape the layers contract: each one must be named there."""
    layered = {"cli", "browser", "output", "formats", "core", "__init__", "__main__"}
    top_level = {p.stem for p in (ROOT / "tui").iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert top_level <= layered, f"not in a layer: {sorted(top_level - layered)}"
