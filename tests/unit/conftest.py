"""Shared fixtures for the core's unit tests (no Textual anywhere here).

Helpers are handed out as fixtures rather than imported from this module, so the
tests do not depend on which `conftest` module Python finds first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from tui.core.model import Event, Proceedings, Remark, Section, Speaker
from tui.formats.bundled import bundled_event
from tui.formats.open import load_file


@pytest.fixture(scope="session")
def report_replies() -> dict[str, str]:
    """Every reply in the report, child -> the remark it answers, read off the report by hand:
    "In response to the issues raised by Professor Shiroyama", "agreed with Mr. Iida", and so on."""
    return {
        "r12": "r11",
        "r13": "r11",
        "r14": "r11",
        "r15": "r11",
        "r16": "r11",
        "r18": "r17",
        "r19": "r18",
        "r20": "r11",
        "r24": "r23",
        "r25": "r23",
    }


@pytest.fixture(scope="session")
def bundled() -> Proceedings:
    """The bundled event, loaded once for the whole run (its records are frozen)."""
    proceedings, problems = load_file(bundled_event())
    assert problems == []
    assert proceedings is not None
    return proceedings


def _make_proceedings(
    texts: Sequence[str],
    *,
    speaker_name: str = "Ana Example",
    section_title: str = "Opening remarks",
    event_title: str = "A small example",
    reply_chain: bool = False,
) -> Proceedings:
    """An in-memory event: one speaker, one section, one remark per text.

    Built from the model directly, so texts may hold anything (control characters
    included) that a YAML file could not carry. With `reply_chain`, each remark
    replies to the one before it.
    """
    speaker = Speaker(id="ana", name=speaker_name, organisation="Example Org")
    section = Section(id="opening", number=1, title=section_title, kind="remarks")
    remarks = tuple(
        Remark(
            id=f"r{i + 1:02d}",
            section="opening",
            speaker="ana",
            text=text,
            reply_to=(f"r{i:02d}" if reply_chain and i > 0 else None),
            position=i,
        )
        for i, text in enumerate(texts)
    )
    event = Event(id="demo-2024", title=event_title, date="2024-03-28")
    return Proceedings("memory", event, (speaker,), (section,), remarks)


@pytest.fixture(scope="session")
def make_proceedings() -> Callable[..., Proceedings]:
    return _make_proceedings
