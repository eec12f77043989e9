"""iCalendar (.ics, RFC 5545): a conference's calendar, each VEVENT one talk.

What a conference site's "add to calendar" link gives: BEGIN:VCALENDAR holding one VEVENT
per talk, and perhaps VTIMEZONEs for its times. The `icalendar` library unfolds the lines
and decodes escapes, parameters, dates, durations and time zones; ical_lines first walks
the content lines, because the library names no line: a broken file is refused at
its line, and a bad value is reported at the line of its property.

Kept: the calendar's name (X-WR-CALNAME, else NAME, else the file's stem) and description
(X-WR-CALDESC, else DESCRIPTION); the first and last day of its talks; each VEVENT's
SUMMARY as title, DTSTART (a UTC or TZID time with its offset, a floating time without
one, an all-day event as its date), length in minutes (DTEND, else DURATION; an all-day
event with neither lasts its day), LOCATION as room, the first CATEGORIES as track,
DESCRIPTION as abstract, and speakers: ATTENDEEs with a CN (not ROLE=NON-PARTICIPANT, not
a room or resource), else the names in a SUMMARY that ends "(talk by NAME)" (PyCon UK's
export; see docs/formats.md). The ORGANIZER is not a speaker: in a published schedule it
is the conference, or whoever sent the invitation.
A recurring event (RRULE) is one talk at its first occurrence; an override of one
occurrence (RECURRENCE-ID) is a VEVENT, so a talk of its own.

Not kept: UID (beyond the section id), URL, STATUS, CLASS, TRANSP, PRIORITY, SEQUENCE,
DTSTAMP, CREATED, LAST-MODIFIED, GEO, RRULE/RDATE/EXDATE (not expanded), VALARMs, VTODO,
VJOURNAL, VFREEBUSY, ORGANIZER, e-mail addresses, further CATEGORIES, PRODID and METHOD.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from ..core.model import Proceedings
from .ical_lines import Places, Scan, quoted, without_timezones
from .reader import Format
from .schedule import (
    Conference,
    Person,
    Talk,
    abstract_of,
    build,
    date_range,
    limited,
    minutes_between,
    one_line,
    talk_kind,
)
from .source import Problem, decode

if TYPE_CHECKING:
    from icalendar import Calendar, Component

NAME = "iCalendar schedule"
MAX_NAME_WORDS = 6  # "(talk by …)" naming more words than this is not a person's name
MAX_MINUTES = 31 * 24 * 60  # a talk longer than a month is a mistake in the file, not a talk
# "(talk by TBA)": names that stand for no one yet, or for everyone
_NO_ONE = frozenset(
    {"tba", "tbd", "tbc", "tbn", "everyone", "various", "all", "organisers", "organizers", "staff", "volunteers"}
    | {"students"}
)

_HEAD = re.compile(rb"\A(?:\xef\xbb\xbf)?[ \t\r\n]*BEGIN:VCALENDAR[ \t]*\r?\n", re.IGNORECASE)
# PyCon UK: "Python's Infamous GIL (talk by Larry Hastings)", "… (workshop by Ada Lovelace & Alan Turing)"
_BY = re.compile(
    r"\s*\((talk|workshop|tutorial|keynote|demo|panel|lightning talk|presentation|session|poster)s?"
    r"\s+by\s+([^()]+)\)\s*\Z",
    re.IGNORECASE,
)
_AND = re.compile(r"\s+(?:&|and)\s+")
_NOT_SPEAKERS = frozenset({"NON-PARTICIPANT"})
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})


def sniff(head: bytes) -> bool:
    """BEGIN:VCALENDAR on the first line (after a BOM or blank lines)."""
    return bool(_HEAD.match(head))


# --------------------------------------------------------------------------- values


def _written(value: object) -> str:
    """A property's value as the file writes it ("PT45M"), not the library's object."""
    try:
        written = value.to_ical()  # type: ignore[attr-defined]
        return written.decode("utf-8", "replace") if isinstance(written, bytes) else str(written)
    except Exception:  # the library's own value types; a value it could not read has none
        return str(value)


def _all(component: Component, prop: str) -> list[Any]:
    """A property's values: the library gives one value, or a list when the property is repeated."""
    value = component.get(prop)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _first(component: Component, prop: str) -> Any:
    values = _all(component, prop)
    return values[0] if values else None


def _text(component: Component, prop: str) -> str | None:
    value = _raw(component, prop)
    return one_line(value) if value is not None else None


def _raw(component: Component, prop: str) -> str | None:
    """A property's text as written, escapes decoded, line breaks kept (an abstract, for abstract_of)."""
    value = _first(component, prop)
    if value is None:
        return None
    if prop.startswith("X-"):  # X-WR-CALNAME, X-WR-CALDESC: TEXT the library keeps escaped ("\\,")
        from icalendar.parser import unescape_backslash

        return str(unescape_backslash(str(value)))
    return str(value)


def _iso(moment: datetime.date) -> str:
    """As the other schedules give it: 2015-09-18T10:30:00+00:00, a floating 2015-09-18T10:30:00, a day 2015-09-18."""
    return moment.isoformat()


def _person(value: Any) -> Person | None:
    """An ATTENDEE with a name (CN) who takes part: a room, a resource or a non-participant does not."""
    params = getattr(value, "params", {})
    name = one_line(str(params.get("CN") or ""))
    if name is None:
        return None
    if str(params.get("ROLE", "")).upper() in _NOT_SPEAKERS or str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
        return None
    address = str(value).strip().lower()
    return Person(name, (f"address:{address}",) if address not in ("", "mailto:") else ())


def _opens_a_name(text: str) -> bool:
    """A letter, not a lower-case one: "Ada", "唐鳳"; not "the whole team"."""
    return text[0].isalpha() and not text[0].islower()


def _people_in(named: str) -> list[str]:
    """Each person's text in "(talk by …)", an organisation after a comma where one can be:
    "Ada Lovelace, Alan Turing and Grace Hopper" is three people; "Grace Hopper & Alan Turing,
    Bletchley Park" two, the last of Bletchley Park; "A, B, C" three; "Sarah Mount, University" one."""
    parts = _AND.split(named)
    *listed, last = parts
    if not listed and last.count(",") > 1:
        return last.split(",")
    return [one for part in listed for one in part.split(",")] + [last]


def summary_speakers(summary: str) -> tuple[str, str | None, list[Person]]:
    """The title, kind and speakers of a SUMMARY that ends "(talk by Ada Lovelace & Alan Turing)";
    a comma starts the person's organisation ("(talk by Sarah Mount, University of Wolverhampton)").
    Anything else, or a "name" that reads as no name ("(panel by Discussion: …)"): the SUMMARY as it is."""
    found = _BY.search(summary)
    if found is None:
        return summary, None, []
    people: list[Person] = []
    for one in _people_in(found.group(2)):
        name, _, organisation = one.partition(",")
        clean = one_line(name)
        if clean is None or ":" in clean or len(clean.split()) > MAX_NAME_WORDS or not _opens_a_name(clean):
            return summary, None, []
        if clean.casefold().rstrip(".") in _NO_ONE:  # "(talk by TBA)": no one named yet
            return summary, None, []
        people.append(Person(clean, organisation=one_line(organisation)))
    return summary[: found.start()].rstrip() or summary, found.group(1), people


# --------------------------------------------------------------------------- the reader


class _Reader:
    def __init__(self, name: str, places: Places) -> None:
        self.name = name
        self.places = places
        self.problems: list[Problem] = []

    def fail(self, message: str, line: int | None) -> None:
        self.problems.append(Problem(self.name, message, line, 1 if line else None))

    def read(self, calendar: Calendar) -> Proceedings:
        events = calendar.walk("VEVENT")
        # The scan counted the same VEVENTs in the same order; should the library ever differ, no lines.
        places = self.places.events if len(self.places.events) == len(events) else [{} for _ in events]
        talks = [self.talk(e, where, seq) for seq, (e, where) in enumerate(zip(events, places, strict=True))]
        title = _text(calendar, "X-WR-CALNAME") or _text(calendar, "NAME")
        date, end_date = date_range([t.start for t in talks], None, None)
        conference = Conference(
            title=title or PurePath(self.name).name.split(".", 1)[0] or self.name,
            date=date,
            end_date=end_date,
            summary=abstract_of(_raw(calendar, "X-WR-CALDESC") or _raw(calendar, "DESCRIPTION"), None),
        )
        return build(self.name, NAME, conference, talks)

    def talk(self, event: Component, where: dict[str, int], seq: int) -> Talk:
        uid = _text(event, "UID")
        summary = _text(event, "SUMMARY")
        title, kind, named = summary_speakers(summary) if summary else ("Untitled talk", None, [])
        label = summary or f"on line {where.get('BEGIN', '?')}"
        start = self.moment(event, "DTSTART", label, where)
        recurrence = _text(event, "RECURRENCE-ID")
        persons = [p for a in _all(event, "ATTENDEE") if (p := _person(a))]
        if persons:  # the file names its people: the SUMMARY stays as written
            title, kind = summary or title, None
        categories = [str(c) for value in _all(event, "CATEGORIES") for c in getattr(value, "cats", ())]
        return Talk(
            key=(f"uid:{uid}" + (f"@{recurrence}" if recurrence else "")) if uid else f"#{seq}",
            readable=title,
            title=title,
            kind=talk_kind(kind) if summary else "other",  # no SUMMARY: nothing says it is a talk
            start=_iso(start) if start is not None else None,
            duration=self.bounded(self.length(event, start, label, where), label, where),
            room=_text(event, "LOCATION"),
            track=next((t for c in categories if (t := one_line(c))), None),
            abstract=abstract_of(_raw(event, "DESCRIPTION"), None),
            persons=persons or named,
        )

    def moment(self, event: Component, prop: str, label: str, where: dict[str, int]) -> datetime.date | None:
        """DTSTART or DTEND as a date, a date and time in its zone, or a floating date and time."""
        value = _first(event, prop)
        if value is None:
            return None
        moment: object
        try:
            moment = value.dt
        except (ValueError, AttributeError):  # the library keeps a value it cannot read as "broken"
            moment = None
        if not isinstance(moment, datetime.date):
            self.fail(
                f'talk "{label}": {prop} {quoted(_written(value))} is not a date and time like 20240615T103000Z '
                "or a date like 20240615; it is left out",
                where.get(prop),
            )
            return None
        zone = getattr(value, "params", {}).get("TZID")
        if zone and isinstance(moment, datetime.datetime) and moment.tzinfo is None:
            self.fail(
                f'talk "{label}": {prop} is in time zone "{zone}", which no VTIMEZONE defines and is no IANA zone '
                "name; its time is kept without an offset: add the VTIMEZONE",
                where.get(prop),
            )
        return moment

    def bounded(self, minutes: int | None, label: str, where: dict[str, int]) -> int | None:
        """A length of more than a month is a mistake in the file: said, and left out."""
        if minutes is None or minutes <= MAX_MINUTES:
            return minutes
        line = where.get("DTEND") or where.get("DURATION")
        self.fail(f'talk "{label}" lasts {minutes:,} minutes, more than a month; its length is left out', line)
        return None

    def length(self, event: Component, start: datetime.date | None, label: str, where: dict[str, int]) -> int | None:
        """Minutes from DTSTART to DTEND, else the DURATION; an all-day event with neither lasts its day."""
        if _first(event, "DTEND") is not None:
            end = self.moment(event, "DTEND", label, where)
            if start is None or end is None:
                return None
            found = minutes_between(_iso(start), _iso(end))
            if found is None:
                self.fail(
                    f'talk "{label}": DTEND {_iso(end)} is before DTSTART {_iso(start)}, or not the same kind of '
                    "time (a date, a time with a zone, a floating time); its length is left out",
                    where.get("DTEND"),
                )
            return found
        value = _first(event, "DURATION")
        if value is not None:
            try:
                delta: object = value.dt
            except (ValueError, AttributeError):
                delta = None
            if not isinstance(delta, datetime.timedelta) or delta < datetime.timedelta(0):
                self.fail(
                    f'talk "{label}": DURATION {quoted(_written(value))} is not a length like PT45M or P1D; '
                    "it is left out",
                    where.get("DURATION"),
                )
                return None
            return int(delta.total_seconds() + 30) // 60
        if isinstance(start, datetime.date) and not isinstance(start, datetime.datetime):
            return 24 * 60  # RFC 5545: an all-day event with no end takes its one day
        return None


def _parse(name: str, text: str) -> Calendar | Problem:
    from icalendar import Calendar  # here, not at the top: only opening a calendar loads the library

    try:
        found = Calendar.from_ical(text)
    except Exception as error:  # hostile data is normal data: the library's complaint, never a traceback
        message = one_line(str(error)) or type(error).__name__
        return Problem(name, f"iCalendar: {message[:200]}")
    if isinstance(found, list):  # only with multiple=True; the scan allows one calendar
        return Problem(name, "a second BEGIN:VCALENDAR: Podium reads one calendar a file; split it in two")
    return found


def read_ical(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """An .ics file's bytes to its calendar of talks, or every problem found in it."""
    text = decode(name, data)
    if isinstance(text, Problem):
        return None, [text]
    if "\r" in text and "\n" not in text:
        return None, [Problem(name, "lines end in CR alone; save the file with CRLF (or LF) line ends", 1, 1)]
    scan = Scan(name)
    places = scan.run(text)
    if places.fatal:
        return None, limited(name, places.problems)
    if on_read is not None:
        on_read(0.3)
    calendar = _parse(name, "\r\n".join(scan.kept) + "\r\n")
    if isinstance(calendar, Problem) and scan.timezones:
        # A broken VTIMEZONE, often one no talk uses: the talks read without it, their zones said
        calendar = _parse(name, "\r\n".join(without_timezones(scan.kept)) + "\r\n")
        message = "its VTIMEZONE could not be read; times in its zones are kept without an offset"
        places.problems.append(Problem(name, message, scan.timezones[0], 1))
    if isinstance(calendar, Problem):
        return None, [*places.problems, calendar]
    if on_read is not None:
        on_read(0.8)
    reader = _Reader(name, places)
    proceedings = reader.read(calendar)
    if on_read is not None:
        on_read(1.0)
    found = sorted([*places.problems, *reader.problems], key=lambda p: p.line or 0)  # in the file's order
    return proceedings, limited(name, found)


FORMAT = Format(
    NAME,
    (".ics",),
    sniff,
    read_ical,
    suffix_is_enough=True,
    expects="talks found: an iCalendar schedule lists each talk as a BEGIN:VEVENT … END:VEVENT in its VCALENDAR",
)
