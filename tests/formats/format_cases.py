"""What the format tests share: where fixtures and the real sample files are, and what an id looks like."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Real files made by real tools, kept beside the checkout and never committed (CI has them).
SHARED = ROOT.parent / "shared" / "formats"
ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def shared(name: str) -> Path:
    """A real sample file; the test is skipped where the samples are not present."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


# Every layout of a format the readers know, as fixtures under tests/fixtures/formats/: each format's
# no-word-lost test reads all of its layouts. A reader that learns a layout adds its fixture here.
LAYOUTS: dict[str, list[str]] = {}
LAYOUTS["akoma_ntoso"] = [
    "akoma_ntoso/debate_v3.xml",  # 3.0 namespace, TLCPerson per speaker, <from> an alias
    "akoma_ntoso/committee_2021-05-06.xml",  # 2.0 with a prefix
    "akoma_ntoso/bare_debate.xml",  # a <debate> root
    "akoma_ntoso/senado_2023-06-14.xml",  # Chile's Senate: one placeholder `by`, names and first words in <from>
]


def layouts(format_name: str) -> list[Path]:
    """The fixture of each layout of a format."""
    return [ROOT / "tests" / "fixtures" / "formats" / name for name in LAYOUTS[format_name]]
