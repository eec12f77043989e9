"""Remarks as a table to take away (`podium remarks -f csv|tsv`, and the browser's export): one row per remark.

CSV is RFC 4180: UTF-8, commas, CRLF line ends, a field quoted when it holds a comma, a quote
or a line break (its quotes doubled). TSV is the same table in the `csv` module's excel-tab
dialect: tabs between fields, a field quoted when it holds a tab, a quote or a line break, as
pandas `read_csv(sep="\\t")` and R's `read.delim` read it. Texts are written as they are, to
be read back exactly, with two exceptions made by `textsafe.table_cell`: controls and invisible
characters are written as `-f json` writes them (ESC as `\\u001b`), so that no cell acts on a
terminal, and a backslash before `u` and four hex digits as `\\u005c`; `textsafe.table_text`
undoes both. A cell that starts with `=`, `+`, `-` or `@` is kept as it is: the table is for
pandas and R, which need the text as said, not for a spreadsheet to run.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from ..core.model import Proceedings, Remark
from ..core.textsafe import table_cell

TABLE_FORMATS = ("csv", "tsv")
COLUMNS = (
    "event_id",
    "event_title",
    "event_date",
    "section",
    "remark_id",
    "speaker_id",
    "speaker_name",
    "organisation",
    "role",
    "event_role",
    "start",
    "end",
    "reply_to",
    "text",
)


def remark_row(proceedings: Proceedings, remark: Remark) -> list[str]:
    """One remark's cells, in COLUMNS' order, as the model has them ("" for what it does not say)."""
    event = proceedings.event
    speaker = proceedings.speaker_by_id[remark.speaker]
    section = proceedings.section_by_id[remark.section]
    cells = [
        event.id,
        event.title,
        event.date or "",
        section.title,
        remark.id,
        speaker.id,
        speaker.name,
        speaker.organisation or "",
        speaker.role or "",
        ";".join(speaker.event_roles),
        _seconds(remark.start),
        _seconds(remark.end),
        remark.reply_to or "",
        remark.text,
    ]
    return [table_cell(cell) for cell in cells]


def _seconds(value: float | None) -> str:
    return "" if value is None else str(value)


def remarks_table(found: Iterable[tuple[Proceedings, Remark]], fmt: str) -> str:
    """A header row, then one row per remark, in the order given; every line ends with CRLF."""
    import csv  # here, not at the top: the browser's start-up imports the views, not their tables

    if fmt not in TABLE_FORMATS:
        raise ValueError(f"not a table format: {fmt}")
    out = io.StringIO(newline="")  # the writer's CRLF kept as written
    writer = csv.writer(out, dialect="excel" if fmt == "csv" else "excel-tab", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(remark_row(p, r) for p, r in found)
    return out.getvalue()
