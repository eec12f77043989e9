"""Text, Markdown and JSON views of proceedings, shared by the CLI and the browser: the output layer's face.

Each view is a module of its own (agenda_view, speakers_view, remarks_view, thread_view,
talks_view) over shared helpers (plain_text, markdown, matching); this module names the
formats and gathers what the CLI, the browser and the tests call, so they import one place.

Every string that came from data passes through textsafe before it is written:
text and Markdown get visible placeholders for controls, JSON keeps the original
text with controls escaped.
"""

from __future__ import annotations

from .agenda_view import agenda
from .markdown import md_code, md_text
from .matching import matching
from .plain_text import WIDTH, clock, describe_event, plural, wrap_text
from .remarks_view import found_remarks, quotation, remarks
from .speakers_view import speakers
from .talks_view import talks
from .thread_view import thread

FORMATS = ("text", "md", "json")

__all__ = [
    "FORMATS",
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
