"""frab / pentabarf schedule.xml: <schedule><conference/><day><room><event/></room></day></schedule>.

Also read: pentabarf's older layout (FOSDEM 2007-2012), <event>s straight in the <day>
with a <room> element each, and a static site's bare <person>Ada, Grace</person> in the
event (no <persons>), each comma-separated name one speaker.

Kept: the conference's title (else its acronym), first and last day, subtitle as the
event's summary, pentabarf's <venue> and <city>; each event's title, subtitle, type
(as talk, workshop or other), start (<date>, else <start> on its day's date, a time
before the day changes counting as the next date), duration, room, track, abstract and
description (HTML, as FOSDEM writes it, made plain text), and persons in order (one
speaker per person id or guid, else per name). Not kept: version, generator, acronym,
days count, timeslot_duration, base_url, time zone name, release, language, slug
(beyond the section id), url, logo, recording licence and opt-out, links, attachments.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from lxml import etree

from ..core.model import Proceedings
from .reader import Format
from .schedule import (
    Conference,
    Person,
    Talk,
    abstract_of,
    build,
    clock,
    combine,
    date_range,
    iso_date,
    iso_start,
    limited,
    minutes,
    one_line,
    readable_for,
    talk_kind,
    venue_of,
)
from .source import Problem
from .xml_safe import local_name, parse_xml, text_of

NAME = "frab schedule.xml"
_SKIPS = 64  # declarations, comments and a doctype before the root; more is not a schedule's head


def _root_offset(head: bytes) -> int:
    """Where the root element starts: past the XML declaration, comments and a doctype; -1 when unclear."""
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    for _ in range(_SKIPS):
        pos = len(head) - len(head[pos:].lstrip())
        if head.startswith(b"<?", pos):
            end, step = head.find(b"?>", pos), 2
        elif head.startswith(b"<!--", pos):
            end, step = head.find(b"-->", pos + 4), 3
        elif head.startswith(b"<!", pos):  # a doctype, perhaps with an internal subset [ … ]
            bracket, end, step = head.find(b"[", pos), head.find(b">", pos), 1
            if 0 <= bracket < end:
                close = head.find(b"]", bracket)
                end = head.find(b">", close) if close >= 0 else -1
        else:
            return pos
        if end < 0:
            return -1
        pos = end + step
    return -1


def sniff(head: bytes) -> bool:
    """A <schedule> root element with a <conference> in the head."""
    pos = _root_offset(head)
    if pos < 0 or not head.startswith(b"<schedule", pos):
        return False
    after = head[pos + 9 : pos + 10]
    return after in (b" ", b"\t", b"\r", b"\n", b">", b"/") and b"<conference" in head


def _fields(element: etree._Element) -> dict[str, etree._Element]:
    """An element's children by name, the first of each (one pass, however many children)."""
    found: dict[str, etree._Element] = {}
    for child in element:
        name = local_name(child)
        if name:
            found.setdefault(name, child)
    return found


def _text(element: etree._Element | None) -> str | None:
    return one_line(text_of(element)) if element is not None else None


def _block(element: etree._Element | None) -> str | None:
    """An element's text with its line breaks (an abstract), for clean_text to tidy."""
    return "".join(str(t) for t in element.itertext()) if element is not None else None


def _events(day: etree._Element) -> list[etree._Element]:
    """A day's events: frab's in <room name> elements, pentabarf's (FOSDEM to 2012) in the day itself."""
    found: list[etree._Element] = []
    for child in day:
        name = local_name(child)
        if name == "event":
            found.append(child)
        elif name == "room":
            found.extend(e for e in child if local_name(e) == "event")
    return found


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def fail(self, message: str, element: etree._Element) -> None:
        line = element.sourceline if isinstance(element.sourceline, int) else None
        self.problems.append(Problem(self.name, message, line, 1 if line else None))  # lxml gives no column

    def talk(self, event: etree._Element, seq: int, day: int, day_element: etree._Element, change: str | None) -> Talk:
        f = _fields(event)
        guid, ident, slug = event.get("guid"), event.get("id"), _text(f.get("slug"))
        title = _text(f.get("title"))
        label = title or slug or guid or ident or f"number {seq + 1}"
        if title is None:
            title = f"Untitled talk ({slug or guid or ident})" if (slug or guid or ident) else "Untitled talk"
            self.fail(f'talk "{label}" has no title; add a <title> (it is shown as "{title}")', event)
        duration_text = _text(f.get("duration"))
        duration = minutes(duration_text)
        if duration_text and duration is None:
            self.fail(
                f'talk "{label}" has duration "{duration_text}", not HH:MM or H:MM:SS; it is left out', f["duration"]
            )
        room = _text(f.get("room"))
        parent = event.getparent()
        if room is None and parent is not None:
            room = one_line(parent.get("name"))
        return Talk(
            key=next((f"{k}:{v}" for k, v in (("guid", guid), ("id", ident), ("slug", slug)) if v), f"#{seq}"),
            readable=readable_for(slug, title),
            title=title,
            kind=talk_kind(_text(f.get("type"))),
            day=day,
            start=self.start(f, day_element, change, label, event),
            duration=duration,
            room=room,
            track=_text(f.get("track")),
            subtitle=_text(f.get("subtitle")),
            abstract=abstract_of(_block(f.get("abstract")), _block(f.get("description"))),
            persons=self.persons(event, f, label),
        )

    def persons(self, event: etree._Element, f: dict[str, etree._Element], label: str) -> list[Person]:
        """<persons><person id>Name</person></persons>; else bare <person>s in the event, as a
        static site writes them, each perhaps naming several people ("Ada Lovelace, Grace Hopper")."""
        wrapped = "persons" in f
        listed = f["persons"] if wrapped else event
        persons: list[Person] = []
        for person in listed:
            if local_name(person) != "person":
                continue
            name = _text(person)
            if name is None:
                self.fail(f'talk "{label}" lists a <person> with no name; write the name inside it', person)
                continue
            keys = tuple(f"{k}:{v}" for k in ("guid", "code", "id") if (v := (person.get(k) or "").strip()))
            if wrapped or keys:
                persons.append(Person(name, keys))
            else:
                persons.extend(Person(n) for part in name.split(",") if (n := one_line(part)))
        return persons

    def start(
        self,
        f: dict[str, etree._Element],
        day: etree._Element,
        change: str | None,
        label: str,
        event: etree._Element,
    ) -> str | None:
        """<date> (a full date and time, frab) or <start> (HH:MM) on the day's date (pentabarf)."""
        date, start = _text(f.get("date")), _text(f.get("start"))
        if date and len(date) > 10:
            found = iso_start(date)
            if found:
                return found
        if start and len(start) > 10 and (found := iso_start(start)):
            return found
        if start and clock(start):
            day_change = clock(day.get("start")) or clock(change)
            found = combine(iso_date(date) or day.get("date"), start, day_change)
            if found:
                return found
        if date or start:
            where = f["date"] if date and len(date) > 10 else f.get("start", event)
            self.fail(
                f'talk "{label}" starts "{date if date and len(date) > 10 else start}", not a date and time like '
                "2024-12-27T10:30:00+01:00 (or HH:MM in a <day date=…>); its start is left out",
                where,
            )
        return None

    def read(self, root: etree._Element) -> Proceedings | None:
        if local_name(root) != "schedule":
            self.fail(
                f"the root element is <{local_name(root)}>, not <schedule>; this is not a frab schedule.xml", root
            )
            return None
        conf = _fields(root).get("conference")
        if conf is None:
            self.fail("no <conference> in <schedule>; a frab schedule.xml gives the conference's title there", root)
            return None
        c = _fields(conf)
        title = _text(c.get("title"))
        if title is None:
            title = _text(c.get("acronym")) or PurePath(self.name).name.split(".", 1)[0] or self.name
            self.fail(f'the conference has no <title>; add one (meanwhile it is called "{title}")', conf)
        start, end = _text(c.get("start")), _text(c.get("end"))
        for what, value in (("start", start), ("end", end)):
            if value and iso_date(value) is None:
                self.fail(f'the conference {what} "{value}" is not a date like 2024-12-27', c[what])
        days = [d for d in root if local_name(d) == "day"]
        date, end_date = date_range([d.get("date") for d in days], start, end)
        conference = Conference(
            title=title,
            date=date,
            end_date=end_date,
            venue=venue_of(_text(c.get("venue")), _text(c.get("city"))),
            summary=_text(c.get("subtitle")) or _text(c.get("description")),
        )
        change = _text(c.get("day_change"))
        talks: list[Talk] = []
        for position, day in enumerate(days):
            for event in _events(day):
                talks.append(self.talk(event, len(talks), position, day, change))
        return build(self.name, NAME, conference, talks)


def read_frab_xml(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """A frab schedule.xml's bytes to its conference, or every problem found in it."""
    root = parse_xml(name, data)
    if isinstance(root, Problem):
        return None, [root]
    if on_read is not None:
        on_read(0.5)
    reader = _Reader(name)
    proceedings = reader.read(root)
    if on_read is not None:
        on_read(1.0)
    return proceedings, limited(name, reader.problems)


FORMAT = Format(
    NAME,
    (".xml",),
    sniff,
    read_frab_xml,
    expects="talks found: a schedule.xml lists each talk as an <event> in a <day>, "
    "directly (pentabarf) or in a <room> of the day (frab)",
)
