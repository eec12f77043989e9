"""The talks of schedules (`podium talks`): when, where, who and the abstract, as text, Markdown or JSON."""

from __future__ import annotations

import datetime
from typing import Any

from ..core.model import Library, Proceedings, Section
from ..core.query import Query, spans
from ..core.textsafe import safe_line
from .json_text import safe_json
from .markdown import md_code, md_event_heading, md_line, md_text
from .matching import talk_matching
from .plain_text import WIDTH, describe_event, of_total, plural, wrap_text


def talk_when(talk: Section) -> str:
    """'Sun 27 Dec 2020 11:00 · 40 min · room · track', from what the schedule gives."""
    start = talk.start or ""
    try:
        moment = datetime.datetime.fromisoformat(start.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is not None:
        start = moment.strftime("%a %d %b %Y %H:%M" if "T" in start or " " in start else "%a %d %b %Y")
    parts = (start, f"{talk.duration} min" if talk.duration else "", talk.room or "", talk.track or "")
    return " · ".join(p for p in parts if p)


def talk_record(proceedings: Proceedings, talk: Section, query: Query) -> dict[str, Any]:
    return {
        "id": talk.id,
        "event": proceedings.event.id,
        "number": talk.number,
        "title": talk.title,
        "kind": talk.kind,
        "start": talk.start,
        "duration": talk.duration,
        "room": talk.room,
        "track": talk.track,
        "speakers": [{"id": i, "name": proceedings.speaker_by_id[i].name} for i in talk.speakers],
        "abstract": talk.abstract,
        "description": talk.description,
        "matches": {  # spans to highlight, as in a remark's text
            "title": [list(span) for span in spans(talk.title, query)],
            "abstract": [list(span) for span in spans(talk.abstract or "", query)],
        },
    }


def talks(library: Library, query: Query, fmt: str, *, width: int | None = WIDTH) -> str:
    """The talks of each schedule that match the query: `podium talks`."""
    found = [(p, [p.sections[i] for i in outcome.talks]) for p, outcome in talk_matching(library, query)]
    shown, total = sum(len(t) for _, t in found), sum(len(p.sections) for p, _ in found)
    if fmt == "json":
        records = [talk_record(p, t, query) for p, chosen in found for t in chosen]
        return safe_json({"query": query.source, "total": shown, "talks": records})
    counted = of_total(shown, total, "talk")
    out: list[str] = []
    if fmt == "md":
        several = len(found) > 1
        matched = f"Every talk: {counted}." if query.is_empty else f"Talks matching {md_code(query.source)}: {counted}."
        if several:
            out += [f"# Talks of {plural(len(found), 'schedule')}", "", matched, ""]
        for proceedings, chosen in found:
            out += md_event_heading(proceedings, "##" if several else "#")
            if not several:
                out += [matched, ""]
            for talk in chosen:
                out += _md_talk(proceedings, talk, "###" if several else "##")
        return "\n".join(out).rstrip("\n")
    for proceedings, chosen in found:
        heading = (proceedings.event.title, describe_event(proceedings))
        out += [*(wrap_text(safe_line(line), "", width) for line in heading), ""]
        for talk in chosen:
            out += _text_talk(proceedings, talk, width)
    out.append(counted)
    return "\n".join(out).rstrip("\n")


def _speaker_names(proceedings: Proceedings, talk: Section) -> str:
    return ", ".join(proceedings.speaker_by_id[i].name for i in dict.fromkeys(talk.speakers))


def _text_talk(proceedings: Proceedings, talk: Section, width: int | None) -> list[str]:
    indent = "     "  # under the title, past its number
    title = wrap_text(safe_line(talk.title), indent, width)
    lines = [f"{talk.number:>3}. {title[len(indent) :]}"]
    lines += [
        wrap_text(safe_line(line), indent, width) for line in (talk_when(talk), _speaker_names(proceedings, talk))
    ]
    if talk.abstract:
        lines.append(wrap_text(talk.abstract, indent, width))
    return [line for line in lines if line.strip()] + [""]


def _md_talk(proceedings: Proceedings, talk: Section, level: str) -> list[str]:
    lines = [f"{level} {talk.number}. {md_text(talk.title)}", ""]
    when, names = talk_when(talk), _speaker_names(proceedings, talk)
    if when:
        lines += [f"*{md_text(when)}*", ""]
    if names:
        lines += [f"Speakers: {md_text(names)}", ""]
    for paragraph in (talk.abstract or "").split("\n"):
        if paragraph.strip():
            lines += [md_line(paragraph.strip()), ""]
    return lines
