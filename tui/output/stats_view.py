"""`podium stats`: who spoke how much and who answered whom, as text, Markdown or JSON.

The JSON shape (also in the README):

    {"events": [{"id", "title", "query",
                 "totals": {"remarks", "words", "seconds", "speakers"},
                 "speakers": [{"id", "name", "remarks", "words", "seconds",
                               "first_section", "last_section"}],
                 "replies": [{"from", "to", "count"}]}]}

`seconds` is null where the file gives no times; `replies` lists each pair of
speakers where one answered the other, most often first ("from" answered "to").
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len

from ..core.model import Library, Proceedings
from ..core.query import Query
from ..core.stats import Columns, Shape
from ..core.talks import TalkSearch, is_schedule
from ..core.textsafe import safe_line
from .json_text import safe_json
from .plain_text import cut_cells
from .render import clock, matching, md_code, md_text, plural

BAR = 20  # the longest bar in the text view, in characters
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, largest: float, width: int = BAR) -> str:
    """A horizontal bar in eighths of a cell, `width` cells for the largest value."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def _event_data(proceedings: Proceedings, shape: Shape, query: Query) -> dict[str, Any]:
    names = {s.id: s.name for s in proceedings.speakers}
    return {
        "id": proceedings.event.id,
        "title": proceedings.event.title,
        "query": query.source,
        "totals": {
            "remarks": shape.remarks,
            "words": shape.words,
            "seconds": shape.seconds,
            "speakers": len(shape.shares),
        },
        "speakers": [
            {
                "id": s.speaker,
                "name": names[s.speaker],
                "remarks": s.remarks,
                "words": s.words,
                "seconds": s.seconds,
                "first_section": s.first_section,
                "last_section": s.last_section,
            }
            for s in shape.shares
        ],
        "replies": [{"from": a, "to": b, "count": n} for a, b, n in shape.replies],
    }


def stats_data(library: Library, query: Query) -> dict[str, Any]:
    events = []
    for proceedings, positions in matching(library, query):
        shape = Columns(proceedings).shape(positions)
        data = _event_data(proceedings, shape, query)
        if is_schedule(proceedings):  # no remarks to count: its talks, as the text says
            found = [proceedings.sections[i] for i in TalkSearch(proceedings).run(query).talks]
            data["talks"] = {
                "total": len(proceedings.sections),
                "matching": len(found),
                "speakers": len({s for talk in found for s in talk.speakers}),
            }
        events.append(data)
    return {"events": events}


def _seconds(seconds: float | None) -> str:
    return "—" if seconds is None else clock(seconds)


def _sections(proceedings: Proceedings, first: str, last: str) -> str:
    a, b = proceedings.section_by_id[first].number, proceedings.section_by_id[last].number
    return str(a) if a == b else f"{a}–{b}"


def fit_cells(text: str, width: int) -> str:
    """Text cut with … and padded to `width` terminal cells (a CJK character takes two)."""
    text = cut_cells(text, width)
    return text + " " * (width - cell_len(text))


def _schedule_note(proceedings: Proceedings, matching: int, query: Query, *, md: bool = False) -> str:
    """What `stats` can say of a schedule: its talks and speakers, and which commands list them."""
    talks = plural(len(proceedings.sections), "talk")
    speakers = plural(len({s for t in proceedings.sections for s in t.speakers}), "speaker")
    matched = ""
    if not query.is_empty:
        shown = md_code(query.source) if md else f'"{safe_line(query.source)}"'
        matched = f", {matching:,} matching {shown}"
    return (
        f"A schedule of {talks} by {speakers}{matched}, and no remarks to count: "
        "`podium talks` lists the talks, `podium speakers` the speakers with theirs"
    )


def stats(library: Library, query: Query, fmt: str) -> str:
    data = stats_data(library, query)
    if fmt == "json":
        return safe_json(data)
    by_id = {p.event.id: p for p in library.events}
    out: list[str] = []
    for event in data["events"]:
        proceedings = by_id[event["id"]]
        if is_schedule(proceedings):  # nothing was said: no words, times or replies to count
            note = _schedule_note(proceedings, event["talks"]["matching"], query, md=fmt == "md")
            if fmt == "md":
                out += [f"## {md_text(event['title'])}", "", note, ""]
            else:
                out += [safe_line(event["title"]), f"  {note}", ""]
            continue
        names = {s.id: s.name for s in proceedings.speakers}
        totals = event["totals"]
        timed = totals["seconds"] is not None
        remarks = f"{totals['remarks']} remark" + ("" if totals["remarks"] == 1 else "s")
        summary = f"{remarks}, {totals['words']:,} words" + (f", {_seconds(totals['seconds'])} spoken" if timed else "")
        largest = max((s["words"] for s in event["speakers"]), default=0)
        if fmt == "md":
            out += [f"## {md_text(event['title'])}", "", summary, ""]
            time = ("Time | ", "--: | ") if timed else ("", "")
            out += [
                f"| Speaker | Remarks | Words | Share of words | {time[0]}Sections |",
                f"|---|--:|--:|--:|{time[1]}--|",
            ]
            for s in event["speakers"]:
                share = f"{s['words'] / totals['words']:.0%}" if totals["words"] else "—"
                sections = _sections(proceedings, s["first_section"], s["last_section"])
                seconds = f"{_seconds(s['seconds'])} | " if timed else ""
                out.append(
                    f"| {md_text(s['name'])} | {s['remarks']} | {s['words']:,} | {share} | {seconds}{sections} |"
                )
            if event["replies"]:
                out += ["", "| Who answered | Whom | Times |", "|---|---|--:|"]
                out += [
                    f"| {md_text(names[r['from']])} | {md_text(names[r['to']])} | {r['count']} |"
                    for r in event["replies"]
                ]
            out.append("")
            continue
        out += [safe_line(event["title"]), f"  {summary}", ""]
        width = max((cell_len(safe_line(s["name"])) for s in event["speakers"]), default=7)
        width = min(max(width, 7), 32)
        time_column = f"  {'time':>8}" if timed else ""
        header = f"  {'speaker':<{width}}  remarks    words{time_column}  sections  share of words"
        out.append(header)
        for s in event["speakers"]:
            name = fit_cells(safe_line(s["name"]), width)
            sections = _sections(proceedings, s["first_section"], s["last_section"])
            seconds = f"  {_seconds(s['seconds']):>8}" if timed else ""
            out.append(
                f"  {name}  {s['remarks']:>7}  {s['words']:>7,}{seconds}  {sections:<8}  {bar(s['words'], largest)}"
            )
        if event["replies"]:
            out += ["", "  who answered whom:"]
            out += [
                f"    {safe_line(names[r['from']])} → {safe_line(names[r['to']])}: {r['count']}"
                for r in event["replies"]
            ]
        out.append("")
    return "\n".join(out).rstrip("\n")
