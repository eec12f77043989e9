"""The speakers (`podium speakers`): who spoke and how often, a schedule's speakers' talks; text, Markdown or JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..core import attributes
from ..core.model import Library, Proceedings, Section, Speaker
from ..core.query import Query, SearchIndex
from ..core.talks import TalkSearch, is_schedule
from ..core.textsafe import safe_line
from .json_text import safe_json
from .markdown import md_code, md_text
from .matching import matching
from .plain_text import WIDTH, plural, wrap_text


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
    """Each speaker's talks (ids, agenda order) that match the query; under speaker:, org: or role:, only theirs."""
    if query.is_empty or not is_schedule(proceedings):
        found: list[Section] | tuple[Section, ...] = proceedings.sections
        wanted = None
    else:
        found = [proceedings.sections[i] for i in TalkSearch(proceedings).run(query).talks]
        wanted = SearchIndex(proceedings).resolve(query).speakers  # None: every speaker of those talks
        named, _ = attributes.sorted_speakers(query, proceedings.speakers)  # org:, role: name speakers too
        if named is not None and not query.alternatives:
            ids = frozenset(proceedings.speakers[n].id for n in named)
            wanted = ids if wanted is None else wanted & ids
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
        "sex": s.sex,
        "remark_count": count,
        "talks": talks,  # the ids of their talks in a schedule, those that match the query
    }


def speakers(library: Library, query: Query, fmt: str, *, width: int | None = WIDTH) -> str:
    data = speakers_data(library, query)
    if fmt == "json":
        return safe_json(data)
    if not data["speakers"]:  # said, as `remarks` says "0 of 28 remarks": a blank answer looks like a fault
        if query.is_empty:
            return "No speakers."
        quoted = md_code(query.source) if fmt == "md" else safe_line(repr(query.source))
        return f"No speaker has remarks or talks matching {quoted}."
    schedules = {p.event.id for p in library.events if is_schedule(p)}
    out: list[str] = []
    for s in data["speakers"]:
        name = " ".join(filter(None, (s["honorific"], s["name"])))
        caption = ", ".join(filter(None, (s["role"], s["organisation"])))
        if s["event"] in schedules or (s["talks"] and not s["remark_count"]):
            count = plural(len(s["talks"]), "talk")
        else:
            count = plural(s["remark_count"], "remark")
        if fmt == "md":
            out += [f"## {md_text(name)}", "", f"*{md_text(caption)}*" if caption else "", ""]
            out += [md_text(s["bio"] or ""), "", count, ""]
        else:
            out.append(f"{safe_line(name)}  ({count})")
            if caption:
                out.append(wrap_text(caption, "    ", width))
    return "\n".join(out).rstrip("\n")
