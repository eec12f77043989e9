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
