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
    layered = {"cli", "cli_parser", "serve", "browser", "index", "output", "formats", "core", "__init__", "__main__"}
    top_level = {p.stem for p in (ROOT / "tui").iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert top_level <= layered, f"not in a layer: {sorted(top_level - layered)}"


def test_the_reader_table_names_each_readers_own_suffixes() -> None:
    """open.py imports readers by suffix, lazily: its table must say what each FORMAT claims."""
    from tui.formats.open import READERS, formats_for

    assert [f.suffixes for f in formats_for()] == list(READERS.values())


def test_the_sure_suffixes_are_those_whose_readers_take_every_file_so_named() -> None:
    """A folder's files are listed by these without importing the readers: they must agree with the readers."""
    from tui.formats.open import SURE_SUFFIXES, formats_for

    assert {s for f in formats_for() if f.suffix_is_enough for s in f.suffixes} == SURE_SUFFIXES


def test_opening_podium_yaml_does_not_import_the_other_readers() -> None:
    code = (
        "import sys; from tui.formats.open import load_paths; from tui.formats.bundled import bundled_event; "
        "assert load_paths([bundled_event()]).library.events; "
        "found = sorted(m for m in sys.modules "
        "if m.startswith(('lxml', 'icalendar', 'tui.formats.akoma', 'tui.formats.webvtt', 'tui.formats.ical'))); "
        "sys.exit(str(found) if found else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_start_up_imports_neither_the_index_nor_its_libraries() -> None:
    # The bundled event opens without SQLite, msgspec or pyroaring: they are for large libraries.
    code = (
        "import sys, tui.cli, tui.browser.app; "
        "found = sorted(m for m in sys.modules if m.split('.')[0] in ('msgspec', 'sqlite3', 'pyroaring') "
        "or m.startswith('tui.index')); sys.exit(str(found) if found else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
