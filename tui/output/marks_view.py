"""The reader's collection as text, Markdown or JSON: each quotation with its attribution and note.

The JSON shape: {"events": [{"id", "title", "date", "file_changed",
"quotations": [{"remark", "speaker", "role", "section", "text", "note", "marked_at"}],
"unresolved": [{"remark", "note"}]}]}
"""

from __future__ import annotations

from typing import Any

from ..core.marks import Marks
from ..core.model import Library, Proceedings
from ..core.textsafe import safe_line, safe_text
from .json_text import safe_json
from .render import md_text, wrap_text

# Each event's marks, and whether its file changed since they were made.
Collected = tuple[Marks, bool]


def _event_data(proceedings: Proceedings, collected: Collected) -> dict[str, Any]:
    marks, file_changed = collected
    quotations = []
    for remark in proceedings.remarks:  # in the order of the proceedings
        mark = marks.get(remark.id)
        if mark is None:
            continue
        speaker = proceedings.speaker_by_id[remark.speaker]
        section = proceedings.section_by_id[remark.section]
        quotations.append(
            {
                "remark": remark.id,
                "speaker": speaker.name,
                "role": speaker.affiliation or None,
                "section": section.label,
                "text": remark.text,
                "note": mark.note or None,
                "marked_at": mark.at or None,
            }
        )
    unresolved = [
        {"remark": m.remark, "note": m.note or None} for m in marks.values() if m.remark not in proceedings.remark_by_id
    ]
    event = proceedings.event
    return {
        "id": event.id,
        "title": event.title,
        "date": event.date,
        "file_changed": file_changed,
        "quotations": quotations,
        "unresolved": unresolved,
    }


def marks_data(library: Library, collections: list[Collected]) -> dict[str, Any]:
    events = [_event_data(p, c) for p, c in zip(library.events, collections, strict=True)]
    return {"events": [e for e in events if e["quotations"] or e["unresolved"]]}


def marks(library: Library, collections: list[Collected], fmt: str, *, wrap: bool = True) -> str:
    """`wrap=False` leaves text lines whole, for a screen that wraps them to its own width."""
    data = marks_data(library, collections)
    if fmt == "json":
        return safe_json(data)
    if not data["events"]:
        return "No marked remarks yet: press m on a remark in the browser to collect it."
    out: list[str] = []
    for event in data["events"]:
        where = ", ".join(filter(None, (event["title"], event["date"])))
        out += [f"## {md_text(where)}" if fmt == "md" else safe_line(where), ""]
        if event["file_changed"]:
            out += ["(The event's file has changed since these remarks were marked.)", ""]
        for q in event["quotations"]:
            who = ", ".join(filter(None, (q["speaker"], q["role"])))
            source = f"{event['title']}, {event['date'] or 'undated'}, section {q['section']}, remark {q['remark']}"
            if fmt == "md":
                out += [f"> {md_text(line)}" if line else ">" for line in q["text"].split("\n")]
                out += ["", f"— {md_text(who)}; {md_text(source)}", ""]  # its own paragraph, as `remarks -f md`
                if q["note"]:
                    out += [f"Note: {md_text(q['note'])}", ""]
            else:
                lines = [f"“{q['text']}”", f"— {who}; {source}"] + ([f"Note: {q['note']}"] if q["note"] else [])
                out += [wrap_text(line, "  ") for line in lines] if wrap else [safe_text(line) for line in lines]
                out.append("")
        for u in event["unresolved"]:
            note = f" (note: {u['note']})" if u["note"] else ""
            out += [safe_line(f"Marked {u['remark']}, no longer in the file{note}"), ""]
    return "\n".join(out).rstrip("\n")
