"""The agenda (`podium agenda`): each event and its sections, a schedule's talks, as text, Markdown or JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..core.model import Library, Proceedings, Section
from ..core.query import Query
from ..core.talks import TalkSearch, is_schedule
from ..core.textsafe import safe_line
from .json_text import safe_json
from .markdown import md_code, md_text
from .matching import matching
from .plain_text import WIDTH, describe_event, of_total, plural


def agenda_data(library: Library, query: Query) -> dict[str, Any]:
    """Every event with its sections: each with its count of matching remarks; a schedule, its matching talks."""
    events = []
    for proceedings, positions in matching(library, query):
        counts = Counter(proceedings.remarks[p].section for p in positions)
        sections: list[Section] | tuple[Section, ...] = proceedings.sections
        if not query.is_empty and is_schedule(proceedings):  # a talk has no remarks to count: list those that match
            sections = [sections[i] for i in TalkSearch(proceedings).run(query).talks]
        event = proceedings.event
        events.append(
            {
                "id": event.id,
                "title": event.title,
                "date": event.date,
                "end_date": event.end_date,
                "venue": {
                    "hall": event.venue.hall,
                    "building": event.venue.building,
                    "campus": event.venue.campus,
                    "institution": event.venue.institution,
                },
                "organisers": list(event.organisers),
                "attendance": {a.mode: {"count": a.count, "approximate": a.approximate} for a in event.attendance},
                "summary": event.summary,
                "sections": [_section_record(proceedings, s, counts[s.id]) for s in sections],
            }
        )
    return {"events": events}


def _section_record(proceedings: Proceedings, s: Section, remark_count: int) -> dict[str, Any]:
    return {
        "id": s.id,
        "number": s.number,
        "title": s.title,
        "kind": s.kind,
        "description": s.description,
        "start": s.start,
        "duration": s.duration,
        "room": s.room,
        "track": s.track,
        "abstract": s.abstract,
        "speakers": [{"id": i, "name": proceedings.speaker_by_id[i].name} for i in s.speakers],
        "remark_count": remark_count,
    }


def agenda(library: Library, query: Query, fmt: str, *, width: int | None = WIDTH) -> str:
    data = agenda_data(library, query)
    if fmt == "json":
        return safe_json(data)
    out: list[str] = []
    for proceedings, event in zip(library.events, data["events"], strict=True):
        sections = event["sections"]
        filtered = not query.is_empty and is_schedule(proceedings)
        if fmt == "md":
            out += [f"# {md_text(event['title'])}", "", md_text(describe_event(proceedings)), ""]
            if filtered:
                counted = of_total(len(sections), len(proceedings.sections), "talk")
                out += [f"Talks matching {md_code(query.source)}: {counted}.", ""]
            # A bullet, not "12. ": a Markdown list would renumber a filtered agenda 1, 2, 3
            out += [f"- {s['number']}\\. {md_text(s['title'])}{md_text(_talk(s))}" for s in sections]
        else:
            out += [safe_line(event["title"]), safe_line(describe_event(proceedings)), ""]
            out += [f"{s['number']:>3}. {safe_line(s['title'])} {safe_line(_talk(s))}" for s in sections]
            if filtered:
                out += ["", f"{of_total(len(sections), len(proceedings.sections), 'talk')} match"]
        out.append("")
    return "\n".join(out).rstrip("\n")


def _talk(section: dict[str, Any]) -> str:
    """A section's schedule (when, where, who) for a talk, else its remark count, in brackets."""
    details = [
        (section["start"] or "").replace("T", " ")[:16],
        f"{section['duration']} min" if section["duration"] else "",
        section["room"] or "",
        ", ".join(s["name"] for s in section["speakers"]),
    ]
    details = [d for d in details if d]
    if section["remark_count"] or not details:
        details.append(_count(section["remark_count"]))
    return f" ({' · '.join(details)})"


def _count(n: int) -> str:
    return plural(n, "remark")
