"""Text, Markdown and JSON views of proceedings, shared by the CLI and the browser.

Every string that came from data passes through textsafe before it is written:
text and Markdown get visible placeholders for controls, JSON keeps the original
text with controls escaped.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..core.model import Library, Proceedings, Remark, Speaker
from ..core.query import Query, SearchIndex, spans
from ..core.textsafe import safe_json, safe_line, safe_text
from ..core.threads import ThreadRow, thread_of

FORMATS = ("text", "md", "json")
WIDTH = 88


def matching(library: Library, query: Query) -> Iterator[tuple[Proceedings, list[int]]]:
    """Each event with the positions of its remarks that match the query."""
    for proceedings in library.events:
        yield proceedings, SearchIndex(proceedings).search(query)


def wrap_text(text: str, indent: str, width: int = WIDTH) -> str:
    paragraphs = safe_text(text).split("\n")
    return "\n".join(
        textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent) if p.strip() else ""
        for p in paragraphs
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_text(text: str) -> str:
    """Literal text in Markdown: special characters escaped, controls made visible."""
    return _MD_SPECIAL.sub(r"\\\1", safe_line(text))


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


# --------------------------------------------------------------------------- agenda


def agenda_data(library: Library, query: Query) -> dict[str, Any]:
    events = []
    for proceedings, positions in matching(library, query):
        counts = Counter(proceedings.remarks[p].section for p in positions)
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
                "sections": [
                    {
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
                        "remark_count": counts[s.id],
                    }
                    for s in proceedings.sections
                ],
            }
        )
    return {"events": events}


def agenda(library: Library, query: Query, fmt: str) -> str:
    data = agenda_data(library, query)
    if fmt == "json":
        return safe_json(data)
    out: list[str] = []
    for proceedings, event in zip(library.events, data["events"], strict=True):
        if fmt == "md":
            out += [f"# {md_text(event['title'])}", "", md_text(describe_event(proceedings)), ""]
            out += [f"{s['number']}. {md_text(s['title'])}{md_text(_talk(s))}" for s in event["sections"]]
        else:
            out += [safe_line(event["title"]), safe_line(describe_event(proceedings)), ""]
            out += [f"{s['number']:>3}. {safe_line(s['title'])} {safe_line(_talk(s))}" for s in event["sections"]]
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
    return f"{n} remark" if n == 1 else f"{n} remarks"


# --------------------------------------------------------------------------- speakers


def speakers_data(library: Library, query: Query) -> dict[str, Any]:
    speakers = []
    for proceedings, positions in matching(library, query):
        counts = Counter(proceedings.remarks[p].speaker for p in positions)
        for s in proceedings.speakers:
            if query.is_empty or counts[s.id]:
                speakers.append(_speaker_record(proceedings, s, counts[s.id]))
    return {"speakers": speakers}


def _speaker_record(proceedings: Proceedings, s: Speaker, count: int) -> dict[str, Any]:
    return {
        "id": s.id,
        "event": proceedings.event.id,
        "name": s.name,
        "honorific": s.honorific,
        "role": s.role,
        "organisation": s.organisation,
        "event_role": list(s.event_roles),
        "kind": s.kind,
        "aliases": list(s.aliases),
        "bio": s.bio,
        "remark_count": count,
        "talks": [t.id for t in proceedings.sections if s.id in t.speakers],
    }


def speakers(library: Library, query: Query, fmt: str) -> str:
    data = speakers_data(library, query)
    if fmt == "json":
        return safe_json(data)
    out: list[str] = []
    for s in data["speakers"]:
        name = " ".join(filter(None, (s["honorific"], s["name"])))
        caption = ", ".join(filter(None, (s["role"], s["organisation"])))
        if fmt == "md":
            out += [f"## {md_text(name)}", "", f"*{md_text(caption)}*" if caption else "", ""]
            out += [md_text(s["bio"] or ""), "", f"{_count(s['remark_count'])}", ""]
        else:
            talks = len(s["talks"])
            count = f"{talks} talk{'s' if talks != 1 else ''}" if talks and not s["remark_count"] else None
            out.append(f"{safe_line(name)}  ({count or _count(s['remark_count'])})")
            if caption:
                out.append(wrap_text(caption, "    "))
    return "\n".join(out).rstrip("\n")


# --------------------------------------------------------------------------- remarks


def remark_record(proceedings: Proceedings, remark: Remark, query: Query) -> dict[str, Any]:
    section = proceedings.section_by_id[remark.section]
    speaker = proceedings.speaker_by_id[remark.speaker]
    return {
        "id": remark.id,
        "event": proceedings.event.id,
        "section": {"id": section.id, "number": section.number, "title": section.title},
        "speaker": {"id": speaker.id, "name": speaker.name},
        "reply_to": remark.reply_to,
        "start": remark.start,
        "end": remark.end,
        "spoken": remark.duration,
        "topics": list(remark.topics),
        "text": remark.text,
        "matches": [list(span) for span in spans(remark.text, query)],
    }


def remarks(library: Library, query: Query, fmt: str) -> str:
    found = [(p, p.remarks[i]) for p, positions in matching(library, query) for i in positions]
    if fmt == "json":
        return safe_json(
            {"query": query.source, "total": len(found), "remarks": [remark_record(p, r, query) for p, r in found]}
        )
    out: list[str] = []
    several = len(library.events) > 1  # then each remark says which event it is from
    for proceedings, remark in found:
        section = proceedings.section_by_id[remark.section]
        speaker = proceedings.speaker_by_id[remark.speaker]
        answers = _answers(proceedings, remark)
        if remark.start is not None:
            answers += f", at {clock(remark.start)}"
        where = f"{safe_line(proceedings.event.id)}/" if several else ""
        if fmt == "md":
            out += [
                f"**{md_text(speaker.name)}** — {md_text(section.label)} ({md_text(where)}{remark.id}{answers})",
                "",
            ]
            out += ["> " + md_text(line) for line in remark.text.split("\n")] + [""]
        else:
            out += [
                f"{where}{remark.id}  {safe_line(speaker.name)} · {safe_line(section.label)}{answers}",
                wrap_text(remark.text, "    "),
                "",
            ]
    if fmt != "md":
        out.append(f"{len(found)} of {sum(len(p.remarks) for p in library.events)} remarks")
    return "\n".join(out).rstrip("\n")


def _answers(proceedings: Proceedings, remark: Remark) -> str:
    if remark.reply_to is None:
        return ""
    parent = proceedings.remark_by_id[remark.reply_to]
    return f", answering {safe_line(proceedings.speaker_by_id[parent.speaker].name)} ({parent.id})"


def thread(proceedings: Proceedings, remark_id: str, fmt: str = "text") -> str:
    """The exchange around a remark: an indented tree (text), nested quotes (md) or records (json)."""
    rows = thread_of(proceedings, remark_id)
    if fmt == "json":
        event = proceedings.event
        records = []
        for row in rows:
            record = remark_record(proceedings, row.remark, Query("", ()))
            del record["matches"]
            records.append({**record, "depth": row.depth, "asked": row.remark.id == remark_id})
        return safe_json({"event": {"id": event.id, "title": event.title, "date": event.date}, "thread": records})
    if fmt == "md":
        event = proceedings.event
        out = [f"# {md_text(event.title)}", ""]
        if event.date:
            out += [md_text(describe_event(proceedings)), ""]
        for row in rows:
            remark = row.remark
            speaker = proceedings.speaker_by_id[remark.speaker]
            section = proceedings.section_by_id[remark.section]
            quote = ">" * (row.depth + 1)
            mark = " (the remark asked for)" if remark.id == remark_id else ""
            out.append(f"{quote} **{md_text(speaker.name)}** ({remark.id}, {md_text(section.label)}){mark}")
            out.append(quote)
            out += [f"{quote} {md_text(line)}" if line else quote for line in remark.text.split("\n")]
            out.append("")
        return "\n".join(out).rstrip("\n")
    tree: list[str] = []
    for row in rows:
        tree += _thread_row(proceedings, row, marked=row.remark.id == remark_id)
    return "\n".join(tree)


def _thread_row(proceedings: Proceedings, row: ThreadRow, *, marked: bool) -> list[str]:
    remark = row.remark
    speaker = proceedings.speaker_by_id[remark.speaker]
    marker = "▶ " if marked else ""
    section = proceedings.section_by_id[remark.section]
    head = f"{row.guide}{marker}{safe_line(speaker.name)} ({remark.id}, {safe_line(section.label)})"
    body = [row.continues + line for line in wrap_text(remark.text, "", WIDTH - len(row.continues)).split("\n")]
    return [head, *body]


# --------------------------------------------------------------------------- quoting


def quotation(proceedings: Proceedings, remark: Remark) -> str:
    """A remark as a quotation with attribution, for the clipboard."""
    speaker = proceedings.speaker_by_id[remark.speaker]
    section = proceedings.section_by_id[remark.section]
    event = proceedings.event
    who = ", ".join(filter(None, (speaker.name, speaker.role, speaker.organisation)))
    source = ", ".join(filter(None, (f'"{event.title}"', event.date, f"section {section.label}")))
    if proceedings.origin == "Podium YAML":  # curated by hand: the bundled event summarises its report
        where = f"summary of the event report, remark {remark.id}"
    else:
        where = f"{proceedings.origin}, remark {remark.id}"
    if remark.start is not None:
        where += f" at {clock(remark.start)}"
    return safe_text(f"“{remark.text}”\n— {who}; {source} ({where})")
