"""The exchange around a remark (`podium thread`): an indented tree, nested Markdown quotes or JSON records."""

from __future__ import annotations

from ..core.model import Proceedings
from ..core.query import Query
from ..core.textsafe import safe_line
from ..core.threads import ThreadRow, thread_of
from .json_text import safe_json
from .markdown import md_text
from .plain_text import WIDTH, describe_event, wrap_text
from .remarks_view import remark_record


def thread(proceedings: Proceedings, remark_id: str, fmt: str = "text", *, width: int | None = WIDTH) -> str:
    """The exchange around a remark: an indented tree (text), nested quotes (md) or records (json)."""
    rows = thread_of(proceedings, proceedings.remark_by_id[remark_id].position)
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
