"""What a conference schedule becomes, whichever file it came from: the conference, its talks, its people.

The c3voc schedule.json, frab schedule.xml, pretalx and iCalendar readers turn their files into the
plain records below (a Conference, Talks, Persons) and `build` makes them Podium's
model: the conference is the event, each talk a Section numbered by day, start
time and room, each person one Speaker however many talks they give. A schedule
has no remarks. The text helpers here are shared so every format cleans titles,
abstracts, times and durations alike.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field

from ..core.model import Event, Proceedings, Section, Speaker, Venue
from .ids import IdMaker, event_id_for
from .source import Problem

MAX_PROBLEMS = 100  # a broken export repeats one fault per talk; past this many, one line says how many more


@dataclass(slots=True)
class Person:
    name: str
    keys: tuple[str, ...] = ()  # identities: "guid:…", "code:…", "id:…"; none: the name identifies
    bio: str | None = None
    roles: tuple[str, ...] = ()  # EVENT_ROLES values
    organisation: str | None = None  # where they come from ("Ada Lovelace, Analytical Engines Ltd")


@dataclass(slots=True)
class Talk:
    key: str  # the talk's identity in the file: "guid:…", "id:…", "slug:…" or its position
    readable: str  # what its section id is made from
    title: str
    kind: str
    day: int = 0  # the day's position in the file; a schedule without days gives 0
    start: str | None = None
    duration: int | None = None
    room: str | None = None
    track: str | None = None
    subtitle: str | None = None
    abstract: str | None = None
    persons: list[Person] = field(default_factory=list)


@dataclass(slots=True)
class Conference:
    title: str
    date: str | None = None
    end_date: str | None = None
    venue: Venue = field(default_factory=Venue)
    summary: str | None = None


# --------------------------------------------------------------------------- text

_SPACES = re.compile(r"[ \t\r\n]+")
_LINE_SPACES = re.compile(r"[ \t]+")
# Only these tags make a text HTML: "a < b" or "<3" in plain text or Markdown stays as written.
_HTML_TAG = re.compile(
    r"</?(?:p|br|a|em|strong|b|i|u|ul|ol|li|div|span|h[1-6]|code|pre|blockquote|img|hr|table|tr|td|th)\b[^<>]*>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|h[1-6]|blockquote|pre|hr|table|tr)\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")


def one_line(text: str | None) -> str | None:
    """A title or name: runs of white space one space (control characters stay data), blank as None."""
    if text is None:
        return None
    value = _SPACES.sub(" ", text).strip(" ")
    return value or None


def clean_text(text: str | None) -> str | None:
    """An abstract or biography as plain lines: CRLF and a doubly escaped "\\r\\n" become line breaks,
    HTML (frab and FOSDEM abstracts) loses its tags and entities, blank lines go."""
    if text is None:
        return None
    text = text.replace("\\r\\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_TAG.search(text):
        text = html.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\n", text)))
    lines = (_LINE_SPACES.sub(" ", line).strip(" ") for line in text.split("\n"))
    value = "\n".join(line for line in lines if line)
    return value or None


def abstract_of(abstract: str | None, description: str | None) -> str | None:
    """The abstract, then the description when it says more (pretalx often repeats the abstract)."""
    first, second = clean_text(abstract), clean_text(description)
    if first is None or second is None or second == first:
        return first or second
    if second.startswith(first):
        return second
    return f"{first}\n{second}"


_CONTINUED = (":", ";", ",", "-", "\u2013", "\u2014", "\u2026")  # a title that goes on in its subtitle


def with_subtitle(title: str, subtitle: str | None, abstract: str | None) -> tuple[str, str | None, str | None]:
    """A talk's title, description and abstract, its subtitle kept where a reader sees it: a title
    cut at a colon ("… AI for Need for Speed:") goes on into the subtitle; any other subtitle stays
    the description and opens the abstract (the talk's text), unless the abstract already does."""
    if subtitle is None or subtitle.casefold() == title.casefold():
        return title, None, abstract
    if title.endswith(_CONTINUED):
        return f"{title} {subtitle}", None, abstract
    if abstract is None:
        return title, subtitle, subtitle
    if abstract.split("\n", 1)[0].casefold().startswith(subtitle.casefold()):
        return title, subtitle, abstract
    return title, subtitle, f"{subtitle}\n{abstract}"


# --------------------------------------------------------------------------- times

_ISO_START = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_DURATION = re.compile(r"([0-9]{1,4}):([0-9]{1,2})(?::([0-9]{1,2}))?")


def parse_instant(value: str | None) -> datetime.datetime | None:
    if not value or len(value) > 40:
        return None
    try:
        return datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def iso_start(value: str | None) -> str | None:
    """A date and time as the schedule gives it when Podium reads it back alike; else its ISO form; else None."""
    if value is None:
        return None
    value = value.strip()
    instant = parse_instant(value)
    if instant is None:
        return None
    return value if _ISO_START.fullmatch(value) else instant.isoformat()


def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from a date or a date and time; None when it is not a real date."""
    if value is None or len(value.strip()) < 10:
        return None
    head = value.strip()[:10]
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", head):
        return None
    try:
        datetime.date.fromisoformat(head)
    except ValueError:
        return None
    return head


def clock(value: str | None) -> datetime.time | None:
    """A time of day from "HH:MM", "HH:MM:SS" or the time part of a date and time."""
    if value is None:
        return None
    value = value.strip()
    if "T" in value or " " in value:
        instant = parse_instant(value)
        return instant.time() if instant else None
    found = _CLOCK.fullmatch(value)
    if not found:
        return None
    hour, minute, second = (int(g) if g else 0 for g in found.groups())
    if hour > 23 or minute > 59 or second > 59:
        return None
    return datetime.time(hour, minute, second)


def combine(day: str | None, start: str | None, day_change: datetime.time | None) -> str | None:
    """A talk's date and time from its day's date and its "HH:MM"; before the day changes is the next date."""
    date, time = iso_date(day), clock(start)
    if date is None or time is None:
        return None
    when = datetime.date.fromisoformat(date)
    if day_change is not None and time < day_change:
        when += datetime.timedelta(days=1)  # a talk at 01:00 on a day that runs from 10:00 to 03:00
    shown = f"{time.hour:02d}:{time.minute:02d}" + (f":{time.second:02d}" if time.second else "")
    return f"{when.isoformat()}T{shown}"


def minutes(value: object) -> int | None:
    """A duration in minutes from "HH:MM", "H:MM:SS" or a whole number of minutes; None when it is not one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value < 1_000_000 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) <= 6:  # "²" is a digit to isdigit, not to int()
        return int(text)
    found = _DURATION.fullmatch(text)
    if not found:
        return None
    hours, mins, secs = (int(g) if g else 0 for g in found.groups())
    if mins > 59 or secs > 59:
        return None
    return hours * 60 + mins + (1 if secs >= 30 else 0)


def minutes_between(start: str | None, end: str | None) -> int | None:
    first, last = parse_instant(start), parse_instant(end)
    if first is None or last is None or (first.tzinfo is None) != (last.tzinfo is None) or last < first:
        return None
    return int((last - first).total_seconds() + 30) // 60


def _sort_instant(start: str | None) -> datetime.datetime:
    """The moment a talk starts, comparable across time zones; talks with none sort after the rest."""
    instant = parse_instant(start)
    if instant is None:
        return datetime.datetime.max
    offset = instant.utcoffset()
    naive = instant.replace(tzinfo=None)
    try:
        return naive - offset if offset else naive
    except OverflowError:  # year 1 or 9999 with an offset
        return naive


# --------------------------------------------------------------------------- kinds and roles

_ROLES = {"speaker": "speaker", "contributor": "contributor", "host": "host", "moderator": "moderator"}


def talk_kind(kind: str | None) -> str:
    """workshop, talk or other, from the schedule's free-form type ("Talk 30 min + 10min Q&A", "WORKSHOP")."""
    text = (kind or "").lower()
    if not text.strip():
        return "talk"
    if "workshop" in text or "hands-on" in text or "hands_on" in text:
        return "workshop"
    # "Podium": pentabarf's (FOSDEM's) type for a talk on a stage
    if any(word in text for word in ("talk", "lecture", "lightning", "keynote", "presentation", "podium")):
        return "talk"
    return "other"


def event_role(role: str | None) -> str | None:
    """A c3voc v2 participant role as one of EVENT_ROLES; None for a role that has none (submitter, …)."""
    return _ROLES.get((role or "").strip().lower())


def venue_of(venue: str | None, city: str | None) -> Venue:
    """Where a conference is held: its venue and city (pentabarf's <venue>, <city>) as the institution."""
    place = ", ".join(p for p in (one_line(venue), one_line(city)) if p)
    return Venue(institution=place or None)


def date_range(days: list[str | None], start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """The first and last day: from the days listed, else the conference's own start and end."""
    dates = sorted(d for d in (iso_date(day) for day in days) if d)
    if dates:
        return dates[0], dates[-1]
    return iso_date(start), iso_date(end)


def limited(name: str, problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem(name, f"{more} more problems like these are not shown")]


# --------------------------------------------------------------------------- the model


class _People:
    """One speaker per person: the same guid, code or id in several talks (or, without one, the same name)."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.people: list[Person] = []

    def add(self, person: Person) -> int:
        lookups = person.keys or (f"name:{person.name}",)
        found = next((self._index[k] for k in lookups if k in self._index), None)
        if found is None:
            found = len(self.people)
            self.people.append(Person(person.name, person.keys, person.bio, person.roles, person.organisation))
        else:
            known = self.people[found]
            known.bio = known.bio or person.bio
            known.organisation = known.organisation or person.organisation
            known.roles += tuple(r for r in person.roles if r not in known.roles)
        for key in (*person.keys, f"name:{person.name}"):
            self._index.setdefault(key, found)
        return found


def build(
    name: str,
    origin: str,
    conference: Conference,
    talks: list[Talk],
    directory: list[Person] | None = None,
    rooms: list[str] | None = None,
) -> Proceedings:
    """The event: talks ordered by day, start and room (then file order), speakers in the file's list
    order (`directory`, c3voc v2) or by their first talk."""
    room_order = {room: i for i, room in enumerate(rooms or ())}
    for talk in talks:
        if talk.room is not None:
            room_order.setdefault(talk.room, len(room_order))
    ordered = sorted(
        enumerate(talks),
        key=lambda pair: (
            pair[1].day,
            _sort_instant(pair[1].start),
            room_order.get(pair[1].room or "", len(room_order)),
            pair[0],
        ),
    )
    people = _People()
    for person in directory or ():
        people.add(person)
    talk_people = [[people.add(p) for p in talk.persons] for _, talk in ordered]

    speaker_ids = IdMaker("speaker")
    speakers = tuple(
        Speaker(
            id=speaker_ids(str(i), p.name), name=p.name, organisation=p.organisation, event_roles=p.roles, bio=p.bio
        )
        for i, p in enumerate(people.people)
    )
    section_ids, used = IdMaker("talk"), set[str]()
    sections: list[Section] = []
    for number, ((position, talk), persons) in enumerate(zip(ordered, talk_people, strict=True), start=1):
        key = talk.key if talk.key not in used else f"{talk.key}#{position}"  # a guid listed twice
        used.add(key)
        cast = tuple(dict.fromkeys(speakers[i].id for i in persons))  # one person listed twice in a talk
        title, description, abstract = with_subtitle(talk.title, talk.subtitle, talk.abstract)
        sections.append(
            Section(
                id=section_ids(key, talk.readable),
                number=number,
                title=title,
                kind=talk.kind,
                description=description,
                start=talk.start,
                duration=talk.duration,
                room=talk.room,
                track=talk.track,
                abstract=abstract,
                speakers=cast,
            )
        )
    end_date = conference.end_date if conference.end_date != conference.date else None
    event = Event(
        id=event_id_for(name),
        title=conference.title,
        date=conference.date,
        venue=conference.venue,
        summary=conference.summary,
        end_date=end_date,
    )
    return Proceedings(name, event, speakers, tuple(sections), (), origin=origin)


def readable_for(slug: str | None, title: str) -> str:
    """A section id from a slug that reads as words ("38c3-opening-ceremony"), else from the title
    (pretalx slugs are codes: "MJA8QY")."""
    if slug and any(c in slug for c in "-_ ") and any(c.isalpha() for c in slug):
        return slug
    return title
