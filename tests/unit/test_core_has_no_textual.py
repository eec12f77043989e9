"""The core must import without Textual: each module in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CORE = ["model", "loader", "query", "threads", "render", "textsafe", "cli", "paths"]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(repo_root: Path, module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import tui.{module}, sys; sys.exit('textual' in sys.modules)"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"tui.{module} pulls in textual (or failed to import):\n{done.stderr}"
