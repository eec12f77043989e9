"""Views of proceedings as text, Markdown and JSON (remarks as CSV and TSV too): the output layer's face.

Each view is a module of its own (agenda_view, speakers_view, remarks_view, thread_view,
talks_view, table_view) over shared helpers (plain_text, markdown, matching); this module names the
formats and gathers what the CLI, the browser and the tests call, so they import one place.

Every string that came from data passes through textsafe before it is written:
text and Markdown get visible placeholders for controls, JSON keeps the original
text with controls escaped, and so do CSV and TSV (table_view).
"""

from __future__ import annotations

from .agenda_view import agenda
from .markdown import md_code, md_text
from .matching import matching
from .plain_text import WIDTH, clock, describe_event, plural, wrap_text
from .remarks_view import found_remarks, quotation, remarks
from .speakers_view import speakers
from .table_view import TABLE_FORMATS
from .talks_view import talks
from .thread_view import thread

FORMATS = ("text", "md", "json")
REMARKS_FORMATS = (*FORMATS, *TABLE_FORMATS)  # a table has a row per remark: remarks only

__all__ = [
    "FORMATS",
    "REMARKS_FORMATS",
    "TABLE_FORMATS",
    "WIDTH",
    "agenda",
    "clock",
    "describe_event",
    "found_remarks",
    "matching",
    "md_code",
    "md_text",
    "plural",
    "quotation",
    "remarks",
    "speakers",
    "talks",
    "thread",
    "wrap_text",
]
