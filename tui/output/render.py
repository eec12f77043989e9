"""Text, Markdown and JSON views of proceedings, shared by the CLI and the browser.

Every string that came from data passes through textsafe before it is written:
text and Markdown get visible placeholders for controls, JSON keeps the original
text with controls escaped.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..core.model import Library, Proceedings, Remark, Section, Speaker
from ..core.query import Query, SearchIndex, spans
from ..core.talks import TalkOutcome, TalkSearch, is_schedule
from ..core.textsafe import safe_json, safe_line, safe_text
from ..core.threads import ThreadRow, thread_of
from ..core.wrap import wrap_offsets

FORMATS = ("text", "md", "json")
WIDTH = 88  # text output's widest line; None (no wrapping) where the reader's screen or editor wraps


def matching(library: Library, query: Query) -> Iterator[tuple[Proceedings, list[int]]]:
    """Each event with the positions of its remarks that match the query."""
    for proceedings in library.events:
        yield proceedings, SearchIndex(proceedings).search(query)


def talk_matching(library: Library, query: Query) -> Iterator[tuple[Proceedings, TalkOutcome]]:
    """Each schedule (an event of talks, no remarks) with its talks that match the query."""
    for proceedings in library.events:
        if is_schedule(proceedings):
            yield proceedings, TalkSearch(proceedings).run(query)


def wrap_text(text: str, indent: str, width: int | None = WIDTH) -> str:
    """Text made safe and indented, wrapped to `width` terminal cells (None: one line per paragraph)."""
    safe = safe_text(text)
    if width is None:
        return "\n".join(indent + p if p.strip() else "" for p in safe.split("\n"))
    lines = wrap_offsets(safe, max(8, width - len(indent)))
    return "\n".join(indent + safe[a:b] if b > a else "" for a, b in lines)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
# What would start a list, a heading underline or a numbered list at the start of a line.
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def md_text(text: str) -> str:
    """Literal text in Markdown: special characters escaped, controls made visible."""
    return _MD_SPECIAL.sub(r"\\\1", safe_line(text))


def md_line(text: str) -> str:
    """A line of literal text that starts a Markdown line: not read as a list item or a heading underline."""
    escaped = md_text(text)
    match = _MD_LINE_START.match(escaped)
    if match is None:
        return escaped
    marker = match.group(2)
    if marker.isdigit():  # "1. " starts a numbered list; "1\. " does not
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return escaped[: match.start(2)] + "\\" + escaped[match.start(2) :]


def md_code(text: str) -> str:
    """Text as a Markdown code span, fenced with more backticks than it holds."""
    safe = safe_line(text)
    runs = [len(r) for r in re.findall(r"`+", safe)]
    fence = "`" * (max(runs, default=0) + 1)
    padding = " " if safe.startswith("`") or safe.endswith("`") else ""
    return f"{fence}{padding}{safe}{padding}{fence}"


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


# --------------------------------------------------------------------------- agenda


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


# --------------------------------------------------------------------------- speakers


def speakers_data(library: Library, query: Query) -> dict[str, Any]:
    """The speakers with their matching remarks counted; a schedule's with their matching talks listed."""
    speakers = []
    for proceedings, positions in matching(library, query):
        counts = Counter(proceedings.remarks[p].speaker for p in positions)
        talks = _talks_by_speaker(proceedings, query)
        for s in proceedings.speakers:
            if query.is_empty or counts[s.id] or talks.get(s.id):
                speakers.append(_speaker_record(proceedings, s, counts[s.id], talks.get(s.id, [])))
    return {"speakers": speakers}


def _talks_by_speaker(proceedings: Proceedings, query: Query) -> dict[str, list[str]]:
    """Each speaker's talks (ids, agenda order) that match the query; under speaker:, only theirs."""
    if query.is_empty or not is_schedule(proceedings):
        found: list[Section] | tuple[Section, ...] = proceedings.sections
        wanted = None
    else:
        found = [proceedings.sections[i] for i in TalkSearch(proceedings).run(query).talks]
        wanted = SearchIndex(proceedings).resolve(query).speakers  # None: every speaker of those talks
    talks: dict[str, list[str]] = {}
    for talk in found:
        for speaker in dict.fromkeys(talk.speakers):
            if wanted is None or speaker in wanted:
                talks.setdefault(speaker, []).append(talk.id)
    return talks


def _speaker_record(proceedings: Proceedings, s: Speaker, count: int, talks: list[str]) -> dict[str, Any]:
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
        "talks": talks,  # the ids of their talks in a schedule, those that match the query
    }


def speakers(library: Library, query: Query, fmt: str, *, width: int | None = WIDTH) -> str:
    data = speakers_data(library, query)
    if fmt == "json":
        return safe_json(data)
    schedules = {p.event.id for p in library.events if is_schedule(p)}
    out: list[str] = []
    for s in data["speakers"]:
        name = " ".join(filter(None, (s["honorific"], s["name"])))
        caption = ", ".join(filter(None, (s["role"], s["organisation"])))
        if s["event"] in schedules or (s["talks"] and not s["remark_count"]):
            count = plural(len(s["talks"]), "talk")
        else:
            count = _count(s["remark_count"])
        if fmt == "md":
            out += [f"## {md_text(name)}", "", f"*{md_text(caption)}*" if caption else "", ""]
            out += [md_text(s["bio"] or ""), "", count, ""]
        else:
            out.append(f"{safe_line(name)}  ({count})")
            if caption:
                out.append(wrap_text(caption, "    ", width))
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


def remarks(library: Library, query: Query, fmt: str, *, width: int | None = WIDTH) -> str:
    found = [(p, p.remarks[i]) for p, positions in matching(library, query) for i in positions]
    if fmt == "json":
        return safe_json(
            {"query": query.source, "total": len(found), "remarks": [remark_record(p, r, query) for p, r in found]}
        )
    total = sum(len(p.remarks) for p in library.events)
    notes = schedule_notes(library, query, md=fmt == "md")
    if fmt == "md":
        return _remarks_md(library, query, found, total, notes)
    out: list[str] = []
    several = len(library.events) > 1  # then each remark says which event it is from
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
    library: Library, query: Query, found: list[tuple[Proceedings, Remark]], total: int, notes: list[str]
) -> str:
    """A Markdown export: what it is (the event or events, the query), then each quotation and its attribution."""
    counted = of_total(len(found), total, "remark")
    matched = f"Every remark: {counted}." if query.is_empty else f"Remarks matching {md_code(query.source)}: {counted}."
    if total == 0 and notes:  # schedules only: nothing to count, only where their talks are
        matched = ""
    several = len(library.events) > 1
    if several or not library.events:
        out = [f"# Remarks from {plural(len(library.events), 'event')}", ""]
    else:
        out = _md_event_heading(library.events[0], "#")
    out += [matched, ""] if matched else []
    shown: Proceedings | None = None
    for proceedings, remark in found:  # in library order: each event's heading before its first remark
        if several and shown is not proceedings:
            out += _md_event_heading(proceedings, "##")
            shown = proceedings
        out += _md_quotation(proceedings, remark, several)
    for note in notes:
        out += [note, ""]
    return "\n".join(out).rstrip("\n")


def _md_event_heading(proceedings: Proceedings, level: str) -> list[str]:
    described = describe_event(proceedings)
    return [f"{level} {md_text(proceedings.event.title)}", ""] + ([md_text(described), ""] if described else [])


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


def thread(proceedings: Proceedings, remark_id: str, fmt: str = "text", *, width: int | None = WIDTH) -> str:
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
        tree += _thread_row(proceedings, row, width, marked=row.remark.id == remark_id)
    return "\n".join(tree)


def _thread_row(proceedings: Proceedings, row: ThreadRow, width: int | None, *, marked: bool) -> list[str]:
    remark = row.remark
    speaker = proceedings.speaker_by_id[remark.speaker]
    marker = "▶ " if marked else ""
    section = proceedings.section_by_id[remark.section]
    head = f"{row.guide}{marker}{safe_line(speaker.name)} ({remark.id}, {safe_line(section.label)})"
    text_width = None if width is None else width - len(row.continues)
    body = [row.continues + line for line in wrap_text(remark.text, "", text_width).split("\n")]
    return [head, *body]


# --------------------------------------------------------------------------- talks


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
            out += _md_event_heading(proceedings, "##" if several else "#")
            if not several:
                out += [matched, ""]
            for talk in chosen:
                out += _md_talk(proceedings, talk, "###" if several else "##")
        return "\n".join(out).rstrip("\n")
    for proceedings, chosen in found:
        out += [safe_line(proceedings.event.title), safe_line(describe_event(proceedings)), ""]
        for talk in chosen:
            out += _text_talk(proceedings, talk, width)
    out.append(counted)
    return "\n".join(out).rstrip("\n")


def _speaker_names(proceedings: Proceedings, talk: Section) -> str:
    return ", ".join(proceedings.speaker_by_id[i].name for i in dict.fromkeys(talk.speakers))


def _text_talk(proceedings: Proceedings, talk: Section, width: int | None) -> list[str]:
    lines = [f"{talk.number:>3}. {safe_line(talk.title)}"]
    lines += [f"     {safe_line(line)}" for line in (talk_when(talk), _speaker_names(proceedings, talk)) if line]
    if talk.abstract:
        lines.append(wrap_text(talk.abstract, "     ", width))
    return [*lines, ""]


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
