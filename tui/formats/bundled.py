"""Where the bundled event lives, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

BUNDLED_EVENT = "ai-safety-governance-2024.yaml"


def bundled_data_dir() -> Path:
    """The wheel carries data/ inside the package; a checkout has it beside tui/."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "data"
    return installed if (installed / BUNDLED_EVENT).is_file() else here.parent / "data"


def bundled_event() -> Path:
    return bundled_data_dir() / BUNDLED_EVENT
