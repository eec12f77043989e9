"""A conference talk as text to paste: what it is, who gives it, when and where, and where that comes from."""

from __future__ import annotations

from ..core.model import Proceedings, Section
from ..core.textsafe import safe_text


def talk_details(proceedings: Proceedings, talk: Section) -> str:
    """The talk's title, speakers, time and place, abstract, and its source, as plain text."""
    names = ", ".join(proceedings.speaker_by_id[s].name for s in talk.speakers if s in proceedings.speaker_by_id)
    minutes = f"{talk.duration} min" if talk.duration else ""
    when = " · ".join(p for p in (talk.start or "", minutes, talk.room or "", talk.track or "") if p)
    event = proceedings.event
    source = ", ".join(filter(None, (f'"{event.title}"', event.date, proceedings.origin, f"talk {talk.id}")))
    lines = [talk.title, names, when, "", talk.abstract or talk.description or "", "", f"— {source}"]
    text = "\n".join(lines)
    while "\n\n\n" in text:  # a part the schedule does not give leaves no gap
        text = text.replace("\n\n\n", "\n\n")
    return safe_text(text.strip("\n").replace("\n\n\n", "\n\n"))
