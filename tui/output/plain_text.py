"""Plain text every view writes: wrapped remark text, counts of things, recording times, an event's line.

wrap_text makes data's text safe (textsafe) before wrapping it; what the others return is
made safe where a view writes it.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from ..core.model import Proceedings
from ..core.textsafe import safe_text
from ..core.wrap import wrap_offsets

WIDTH = 88  # text output's widest line; None (no wrapping) where the reader's screen or editor wraps


def wrap_text(text: str, indent: str, width: int | None = WIDTH) -> str:
    """Text made safe and indented, wrapped to `width` terminal cells (None: one line per paragraph)."""
    safe = safe_text(text)
    if width is None:
        return "\n".join(indent + p if p.strip() else "" for p in safe.split("\n"))
    lines = wrap_offsets(safe, max(8, width - len(indent)))
    return "\n".join(indent + safe[a:b] if b > a else "" for a, b in lines)


def plural(n: int, noun: str) -> str:
    """'1 remark', '2 remarks', '1,000 talks'."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def of_total(shown: int, total: int, noun: str) -> str:
    """'1 of 1 remark', '3 of 28 remarks': the noun agrees with the total."""
    return f"{shown:,} of {plural(total, noun)}"


def clock(seconds: float) -> str:
    """A time in a recording as H:MM:SS (whole seconds, rounded down)."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def describe_event(proceedings: Proceedings) -> str:
    event = proceedings.event
    dates = f"{event.date} to {event.end_date}" if event.date and event.end_date else event.date
    parts = [dates, ", ".join(event.venue.parts())]
    attendance = " and ".join(a.describe() for a in event.attendance)
    if attendance:
        parts.append(f"attended by {attendance}")
    return " · ".join(p for p in parts if p)


def cut_cells(text: str, width: int) -> str:
    """Text cut to `width` terminal cells, with … when it had to be cut (a CJK character takes two).

    In one pass: cutting a character at a time, measuring each time, took minutes on a name of
    100,000 characters.
    """
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)) + "…" if width > 0 else ""
