"""Remarks (`podium remarks`) as text, a Markdown export of quotations or JSON records, and one for the clipboard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.model import Library, Proceedings, Remark
from ..core.query import Query, spans
from ..core.textsafe import safe_line, safe_text
from .json_text import safe_json
from .markdown import md_code, md_event_heading, md_line, md_text
from .matching import matching, talk_matching
from .plain_text import WIDTH, clock, of_total, plural, wrap_text
from .table_view import TABLE_FORMATS, remarks_table


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
        "notes": list(remark.notes),
        "matches": [list(span) for span in spans(remark.text, query)],
    }


@dataclass(frozen=True, slots=True)
class Found:
    """What a query found in a library, whether from the events in memory or from the library index."""

    remarks: list[tuple[Proceedings, Remark]]  # in library order; each event holds at least these remarks
    total: int  # remarks in the library
    events: tuple[Proceedings, ...]  # every event (their records at least): how many, and the first's heading
    schedules: Library  # the events that are schedules of talks, whole


def found_in(library: Library, query: Query) -> Found:
    found = [(p, p.remarks[i]) for p, positions in matching(library, query) for i in positions]
    total = sum(len(p.remarks) for p in library.events)
    return Found(found, total, library.events, library)


def remarks(library: Library, query: Query, fmt: str, *, width: int | None = WIDTH) -> str:
    return found_remarks(found_in(library, query), query, fmt, width=width)


def found_remarks(result: Found, query: Query, fmt: str, *, width: int | None = WIDTH) -> str:
    found, total, events = result.remarks, result.total, result.events
    if fmt in TABLE_FORMATS:  # the rows only: a note would be a row that is no remark
        return remarks_table(found, fmt)
    if fmt == "json":
        return safe_json(
            {"query": query.source, "total": len(found), "remarks": [remark_record(p, r, query) for p, r in found]}
        )
    notes = schedule_notes(result.schedules, query, md=fmt == "md")
    if fmt == "md":
        return _remarks_md(events, query, found, total, notes)
    out: list[str] = []
    several = len(events) > 1  # then each remark says which event it is from
    for proceedings, remark in found:
        section = proceedings.section_by_id[remark.section]
        speaker = proceedings.speaker_by_id[remark.speaker]
        where = f"{safe_line(proceedings.event.id)}/" if several else ""
        head = f"{where}{remark.id}  {safe_line(speaker.name)} · {safe_line(section.label)}"
        out += [
            head + _details(proceedings, remark),
            wrap_text(remark.text, "    ", width),
            "",
        ]
    if total or not notes:  # a library of schedules only has no remarks to count
        out.append(of_total(len(found), total, "remark"))
    out += notes
    return "\n".join(out).rstrip("\n")


_TALKS_COMMAND = "`podium talks` lists them"


def schedule_notes(library: Library, query: Query, *, md: bool = False) -> list[str]:
    """For each schedule, that it has talks rather than remarks, and where to find them."""
    notes = []
    for proceedings, outcome in talk_matching(library, query):
        count = len(proceedings.sections)
        matched = "" if query.is_empty else f" ({len(outcome.talks):,} match)"
        title = md_text(proceedings.event.title) if md else safe_line(proceedings.event.title)
        notes.append(f"{title} is a schedule of {plural(count, 'talk')}{matched}, not remarks: {_TALKS_COMMAND}")
    return notes


def _details(proceedings: Proceedings, remark: Remark, *, md: bool = False) -> str:
    """', answering NAME (r3), at 0:12:04': whom a remark answers and when it was said."""
    details = _answers(proceedings, remark, md=md)
    if remark.start is not None:
        details += f", at {clock(remark.start)}"
    return details


def _remarks_md(
    events: tuple[Proceedings, ...], query: Query, found: list[tuple[Proceedings, Remark]], total: int, notes: list[str]
) -> str:
    """A Markdown export: what it is (the event or events, the query), then each quotation and its attribution."""
    counted = of_total(len(found), total, "remark")
    matched = f"Every remark: {counted}." if query.is_empty else f"Remarks matching {md_code(query.source)}: {counted}."
    if total == 0 and notes:  # schedules only: nothing to count, only where their talks are
        matched = ""
    several = len(events) > 1
    if several or not events:
        out = [f"# Remarks from {plural(len(events), 'event')}", ""]
    else:
        out = md_event_heading(events[0], "#")
    out += [matched, ""] if matched else []
    shown: Proceedings | None = None
    for proceedings, remark in found:  # in library order: each event's heading before its first remark
        if several and shown is not proceedings:
            out += md_event_heading(proceedings, "##")
            shown = proceedings
        out += _md_quotation(proceedings, remark, several)
    for note in notes:
        out += [note, ""]
    return "\n".join(out).rstrip("\n")


def _md_quotation(proceedings: Proceedings, remark: Remark, several: bool) -> list[str]:
    """The remark as a block quote, and its attribution as a paragraph of its own after it."""
    section = proceedings.section_by_id[remark.section]
    speaker = proceedings.speaker_by_id[remark.speaker]
    who = f"**{md_text(speaker.name)}**" + (f", {md_text(speaker.affiliation)}" if speaker.affiliation else "")
    remark_id = md_text(f"{proceedings.event.id}/{remark.id}" if several else remark.id)
    quote = ["> " + md_line(line) if line.strip() else ">" for line in remark.text.split("\n")]
    details = _details(proceedings, remark, md=True)
    return [*quote, "", f"— {who} · {md_text(section.label)} ({remark_id}{details})", ""]


def _answers(proceedings: Proceedings, remark: Remark, *, md: bool = False) -> str:
    if remark.reply_to is None:
        return ""
    parent = proceedings.remark_by_id[remark.reply_to]
    name = proceedings.speaker_by_id[parent.speaker].name
    return f", answering {md_text(name) if md else safe_line(name)} ({md_text(parent.id) if md else parent.id})"


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
