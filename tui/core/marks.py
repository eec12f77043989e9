"""A marked remark in a reader's collection of quotations: pure data (tui/formats/marks.py stores it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    remark: str  # the remark's id in its event
    note: str = ""
    at: str = ""  # when it was marked, ISO 8601 UTC


Marks = dict[str, Mark]  # by remark id, in the order marked
