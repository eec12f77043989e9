"""ParlParse / TheyWorkForYou XML (<publicwhip>): Hansard debates as mySociety publishes them.

Kept: the event's date (from the first gid, uk.org.publicwhip/TYPE/2009-10-29a.143.1, else
a date in the file's name) and title (the gid's type as a house, "Westminster Hall,
2009-10-29"; a type not known here: the file's stem). Each major-heading (and oral-heading)
and minor-heading starts a section of kind "debate"; a minor heading's title is its major
heading's and its own joined with " — " (as TheyWorkForYou shows them), and a major heading
whose next element is a minor heading is not a section itself. Speeches before any heading
go to a first section titled like the event. Each <speech> (and written answers' <ques>
and <reply>) with text is a remark: speakername the speaker's name, speakeroffice their role
(the first given), person_id (else speakerid, unless "unknown"; else the name) tells people
apart, time ("14:30:00", "014:30:00", "25:10" past midnight) the start in seconds from midnight. A speech with
nospeaker="true" or no speaker at all is the record's own narration (a motion made, the
documents relevant): its speaker is "(procedural)". A <reply> replies to the latest <ques>
in its section. Text is the <p> paragraphs joined by "\\n", inline markup (<i>, <phrase>,
<a>) as text, the file's own entities (&mdash; …) and declared encoding honoured. A file
marked latest="no" that only redirects (<gidredirect>) is refused with the newer version
named. Not kept: colnum, url, pid and gids, divisions and their votes, time="unknown".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from lxml import etree

from ..core.model import Proceedings
from .debate_xml import Problems, Record, Said, one_line, plain_text, real_date, sniffable, text_line
from .reader import Format
from .source import Problem
from .xml_safe import local_name, parse_xml

NAME = "ParlParse / TheyWorkForYou XML"
PROCEDURAL = "(procedural)"
# The gid's type, as the house or report it comes from.
HOUSES = {
    "debate": "House of Commons",
    "westminhall": "Westminster Hall",
    "lords": "House of Lords",
    "wrans": "Written Answers",
    "wms": "Written Ministerial Statements",
    "ni": "Northern Ireland Assembly",
    "spor": "Scottish Parliament",
    "spwa": "Scottish Parliament Written Answers",
}
_ITEMS = ("major-heading", "oral-heading", "minor-heading", "speech", "ques", "reply", "gidredirect")
_SNIFF = re.compile(rb"<publicwhip[\s/>]")
_GID = re.compile(r"uk\.org\.publicwhip/([a-z]+)/(?:[a-z]+/)?(\d{4}-\d{2}-\d{2})([a-z]?)")
_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_TIME = re.compile(r"(\d{1,3}):(\d{2})(?::(\d{2}))?")
_NO_ID = ("", "unknown")


def sniff(head: bytes) -> bool:
    """A <publicwhip> element in the head."""
    return _SNIFF.search(sniffable(head)) is not None


class _Hansard:
    def __init__(self, name: str, data: bytes, title: str) -> None:
        self.problems = Problems(name, data)
        self.title = title
        self.record = Record()
        self.part: int | None = None
        self.major: str | None = None
        self.waiting = False  # the current section is a major heading with nothing under it yet
        self.question: int | None = None  # the latest <ques> in the current section

    def heading(self, element: etree._Element, kind: str) -> None:
        text = text_line(element)
        if text is None:
            return  # an empty heading starts nothing
        if kind == "minor-heading":
            if self.waiting:  # the major heading only stood over this one
                self.record.parts.pop()
            title = f"{self.major} — {text}" if self.major else text
        else:
            self.major = title = text
        self.part = self.record.open(title)
        self.waiting = kind != "minor-heading"
        self.question = None

    def speech(self, element: etree._Element, kind: str) -> None:
        text = plain_text(element)
        if not text:
            return
        if self.part is None:
            self.part = self.record.open(self.title)
        self.waiting = False
        reply_to = self.question if kind == "reply" else None
        index = self.record.say(Said(self.part, self.person(element), text, reply_to, self.start(element)))
        if kind == "ques":
            self.question = index

    def person(self, element: etree._Element) -> str:
        """The speaker's key: their person_id or speakerid, else their name; the record's own: procedural."""
        name = one_line(element.get("speakername"))
        ident = next((i for a in ("person_id", "speakerid") if (i := (element.get(a) or "").strip()) not in _NO_ID), "")
        if element.get("nospeaker") == "true" or not (name or ident):
            self.record.person("", PROCEDURAL)
            return ""
        key = ident or f"name:{name}"
        person = self.record.person(key, name or ident)
        person.alias(name)
        person.role = person.role or one_line(element.get("speakeroffice"))
        return key

    def start(self, element: etree._Element) -> float | None:
        value = (element.get("time") or "").strip()
        if value in ("", "unknown"):
            return None
        found = _TIME.fullmatch(value)
        if found and int(found.group(1)) < 48 and int(found.group(2)) < 60 and int(found.group(3) or 0) < 60:
            return int(found.group(1)) * 3600 + int(found.group(2)) * 60 + float(found.group(3) or 0)
        self.problems.add(element, f'{local_name(element)} time "{value}" is not HH:MM:SS; its time is left out')
        return None


def _first_gid(root: etree._Element) -> re.Match[str] | None:
    """The first gid in the file: a heading's or speech's id, or a redirect's old one."""
    for element in root.iter(*_ITEMS):
        found = _GID.search(element.get("id") or element.get("oldgid") or "")
        if found:
            return found
    return None


def _newer(root: etree._Element) -> str:
    """The newer version a superseded file redirects to, as " (2009-10-28c)"; "" when it names none."""
    for redirect in root.iter("gidredirect"):
        found = _GID.search(redirect.get("newgid") or "")
        if found:
            return f" ({found.group(2)}{found.group(3)})"
    return ""


def read_parlparse(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """A ParlParse / TheyWorkForYou XML file's bytes to its event, or every problem found in it."""
    root = parse_xml(name, data)
    if isinstance(root, Problem):
        return None, [root]
    if on_read is not None:
        on_read(0.5)
    if local_name(root) != "publicwhip":
        message = (
            f"the root element is <{local_name(root)}>, not <publicwhip>; this is not a ParlParse/TheyWorkForYou file"
        )
        return None, Problems(name, data).add(root, message)
    gid = _first_gid(root)
    in_name = _DATE.search(PurePath(name).name)
    date = real_date(gid.group(2) if gid else in_name.group(0) if in_name else None)
    house = HOUSES.get(gid.group(1)) if gid else None
    title = (f"{house}, {date}" if date else house) if house else PurePath(name).name.split(".", 1)[0] or name
    reader = _Hansard(name, data, title)
    for element in root.iter(*_ITEMS):
        kind = str(element.tag)
        if kind.endswith("heading"):
            reader.heading(element, kind)
        elif kind != "gidredirect":
            reader.speech(element, kind)
    superseded = root.get("latest") == "no"
    if not reader.record.said:
        message = (
            f'this file is superseded (latest="no"): it only redirects to a newer version{_newer(root)}; '
            "open the newer file"
            if superseded
            else "this file has no <speech> with any text; there is nothing said to show"
        )
        return None, reader.problems.add(root, message, always=True)
    if superseded:
        reader.problems.add(
            root, f'this file is superseded (latest="no") by a newer version{_newer(root)}; open the newer file'
        )
    proceedings = reader.record.build(name, NAME, title, date)
    if on_read is not None:
        on_read(1.0)
    return proceedings, reader.problems.found()


FORMAT = Format(NAME, (".xml",), sniff, read_parlparse)
