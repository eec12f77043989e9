"""c3voc schedule.json, v1 (frab, pretalx: talks under days[].rooms{}) and v2 (event hubs: events[], persons[]).

Kept: the conference's title (else its acronym), first and last day, venue/city and
description when given; each talk's title, subtitle, type (as talk, workshop or other),
start, duration (v2: from start and end), room, track (v2: a track slug made its name),
abstract and description, and persons in order; each person's name, biography and
v2 role (speaker, contributor, host, moderator). Not kept: acronym, version, base_url,
time zone name, colours, logos, languages, urls, links, attachments, recording
licences, do_not_record, pretalx answers, avatars, room capacities and features.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from ..core.model import Proceedings
from .json_source import TextLines, load_json, shown
from .reader import Format
from .schedule import (
    MAX_PROBLEMS,
    Conference,
    Person,
    Talk,
    abstract_of,
    build,
    clean_text,
    clock,
    combine,
    date_range,
    event_role,
    iso_date,
    iso_start,
    limited,
    minutes,
    minutes_between,
    one_line,
    readable_for,
    talk_kind,
    venue_of,
)
from .source import Problem, decode

NAME = "c3voc schedule.json"

_SCHEMA_URL = re.compile(rb'"\$schema"\s*:\s*"[^"\n]{0,300}schedule')
_SCHEDULE_KEY = re.compile(rb'"schedule"\s*:\s*\{')
_CONFERENCE_KEY = re.compile(rb'"conference"\s*:\s*\{')
# Where a talk or person is in the text, for a problem's line: each key's first value.
_KEYED = re.compile(r'"(guid|slug|id|code|title|date)"\s*:\s*("(?:[^"\\]|\\.)*"|-?[0-9]+)')


def sniff(head: bytes) -> bool:
    """A JSON object with "schedule" and "conference" keys, or a $schema naming a schedule."""
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not body.startswith(b"{"):
        return False
    return bool(_SCHEMA_URL.search(body)) or bool(_SCHEDULE_KEY.search(body) and _CONFERENCE_KEY.search(body))


Where = tuple[tuple[str, str | None], ...]  # (key, value) pairs to look for, the first found placing a problem
CONFERENCE: Where = (("", None),)  # the problem is the conference's
START: Where = (("", ""),)  # the file's first character


def _text(value: object, languages: tuple[str, ...] = ("en",)) -> str | None:
    """A string value; a number as written; a translated text ({"en": …, "de": …}) in the first language found."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for language in languages:
            if isinstance(value.get(language), str):
                return str(value[language])
        return next((v for v in value.values() if isinstance(v, str)), None)
    return None


def _key(record: dict[str, Any], field: str) -> str | None:
    value = record.get(field)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def _objects(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


class _Places(TextLines):
    """Lines and columns in the text, indexed on the first problem: a file without problems is never searched."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._keyed: dict[tuple[str, str], int] | None = None  # (key, value) -> offset of its first occurrence

    def keyed(self) -> dict[tuple[str, str], int]:
        if self._keyed is None:
            self._keyed = {}
            for found in _KEYED.finditer(self.text):
                try:
                    value = str(json.loads(found.group(2)))
                except ValueError:
                    continue
                self._keyed.setdefault((found.group(1), value), found.start())
        return self._keyed

    def of(self, where: Where) -> tuple[int | None, int | None]:
        """The first of `where`'s (key, value) found; the conference's key for CONFERENCE."""
        if where is START:
            return 1, 1
        if where is CONFERENCE:
            offset = self.text.find('"conference"')
            return self.at(offset) if offset >= 0 else (1, 1)
        keyed = self.keyed()
        found = next((keyed[(k, v)] for k, v in where if v and (k, v) in keyed), None)
        return (None, None) if found is None else self.at(found)


class _Reader:
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.places = _Places(text)
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en",)
        self.tracks: dict[str, str] = {}
        self.rooms: dict[str, str] = {}  # room guid or slug -> name
        self.directory: dict[str, Person] = {}  # person guid/code/id -> the persons[] entry

    def fail(self, message: str, where: Where = ()) -> None:
        shown = len(self.problems) < MAX_PROBLEMS  # past that, not shown: not worth a search
        line, column = self.places.of(where) if shown else (None, None)
        self.problems.append(Problem(self.name, message, line, column))

    # ----------------------------------------------------------------- records

    def person(self, given: object, owner: str, where: Where) -> Person | None:
        record: dict[str, Any] = given if isinstance(given, dict) else {}
        if isinstance(given, str):
            name = one_line(given)
        elif record:
            name = None
            for field in ("public_name", "name", "full_public_name"):
                name = name or one_line(_text(record.get(field)))
        else:
            return None
        keys = tuple(f"{f}:{v}" for f in ("guid", "code", "id") if (v := _key(record, f)))
        known = next((self.directory[k] for k in keys if k in self.directory), None)
        name = name or (known.name if known else None)
        if name is None:
            self.fail(f'{owner} lists a person with no name; give them a "name" or "public_name"', where)
            return None
        bio = clean_text(_text(record.get("biography", record.get("bio"))))
        role = event_role(_text(record.get("role")))
        return Person(name, keys, bio, (role,) if role else ())

    def talk(self, record: dict[str, Any], seq: int, day: int, day_record: dict[str, Any], room: str | None) -> Talk:
        guid, ident, code, slug = (_key(record, f) for f in ("guid", "id", "code", "slug"))
        title = one_line(_text(record.get("title"), self.languages))
        where: Where = (("guid", guid), ("slug", slug), ("id", ident), ("code", code), ("title", title))
        named = title or slug or guid or ident
        label = f'talk "{named}"' if named else f"talk #{seq + 1}"
        if title is None:
            title = f"Untitled talk ({slug or guid or ident})" if (slug or guid or ident) else "Untitled talk"
            self.fail(f'{label} has no title; add a "title" (it is shown as "{title}")', where)
        start = self.start(record, day_record, label, where)
        duration_value = record.get("duration")
        duration = minutes(duration_value)
        if duration_value not in (None, "") and duration is None:
            self.fail(f"{label} has duration {shown(duration_value)}, not HH:MM or H:MM:SS; it is left out", where)
        end = _text(record.get("end"))
        if duration is None and end:
            duration = minutes_between(start, end)
            if duration is None and iso_start(end) is None:
                self.fail(f'{label} ends "{end}", not a date and time like 2024-12-27T10:30:00+01:00', where)
        languages = (_text(record.get("language")) or "", *self.languages)
        participants = record.get("participants", record.get("persons"))
        persons = [self.person(p, label, where) for p in participants] if isinstance(participants, list) else []
        return Talk(
            key=next((f"{f}:{v}" for f, v in (("guid", guid), ("id", ident), ("code", code), ("slug", slug)) if v), "")
            or f"#{seq}",
            readable=readable_for(slug, title),
            title=title,
            kind=talk_kind(_text(record.get("type"))),
            day=day,
            start=start,
            duration=duration,
            room=self.room(record.get("room")) or room,
            track=self.track(record.get("track")),
            subtitle=one_line(_text(record.get("subtitle"), languages)),
            abstract=abstract_of(_text(record.get("abstract"), languages), _text(record.get("description"), languages)),
            persons=[p for p in persons if p],
        )

    def start(self, record: dict[str, Any], day: dict[str, Any], label: str, where: Where) -> str | None:
        """v1 gives "date" (full) and "start" (HH:MM), v2 "start" (full); a bare HH:MM is put on its day."""
        date, start = _text(record.get("date")), _text(record.get("start"))
        bad = None
        for value in (date, start):
            if value and len(value.strip()) > 10:  # a date and time, not HH:MM or a date alone
                found = iso_start(value)
                if found:
                    return found
                bad = bad or value
        if start and clock(start):
            day_change = clock(_text(day.get("day_start", day.get("start"))))
            found = combine(iso_date(date) or _text(day.get("date")), start, day_change)
            if found:
                return found
        if bad or start:
            self.fail(
                f'{label} starts "{bad or start}", not a date and time like 2024-12-27T10:30:00+01:00 '
                "(or HH:MM on a day with a date); its start is left out",
                where,
            )
        return None

    def room(self, value: object) -> str | None:
        if isinstance(value, dict):
            ref = _key(value, "guid") or _key(value, "slug") or ""
            return one_line(_text(value.get("name"))) or self.rooms.get(ref) or one_line(ref)
        return one_line(_text(value))

    def track(self, value: object) -> str | None:
        if isinstance(value, dict):
            slug = _key(value, "slug") or ""
            return one_line(_text(value.get("name"), self.languages)) or self.tracks.get(slug) or one_line(slug)
        return one_line(_text(value, self.languages))

    # ----------------------------------------------------------------- the file

    def read(self, root: object) -> Proceedings | None:
        if not isinstance(root, dict):
            kind = type(root).__name__.replace("dict", "object").replace("list", "array").replace("str", "string")
            self.fail(
                f'the file is a JSON {kind}, not an object with a "schedule"; this is not a c3voc schedule', START
            )
            return None
        schedule = root.get("schedule", root)  # a bare schedule object without its wrapper is read too
        conf = schedule.get("conference") if isinstance(schedule, dict) else None
        if not isinstance(schedule, dict) or not isinstance(conf, dict):
            self.fail(
                'no "conference" object in "schedule"; a c3voc schedule.json gives the conference\'s title and days',
                CONFERENCE,
            )
            return None
        defaults = conf.get("defaults")
        default_language = _text(defaults.get("language")) if isinstance(defaults, dict) else None
        self.languages = tuple(dict.fromkeys(x for x in (default_language, "en") if x))
        self.tracks = {
            s: n for t in _objects(conf.get("tracks")) if (s := _key(t, "slug")) and (n := _text(t.get("name")))
        }
        room_names: list[str] = []
        for record in _objects(conf.get("rooms")) + _objects(schedule.get("rooms")):
            if room_name := one_line(_text(record.get("name"))):
                room_names.append(room_name)
                self.rooms.update({ref: room_name for f in ("guid", "slug") if (ref := _key(record, f))})
        directory: list[Person] = []
        for record in _objects(schedule.get("persons", conf.get("persons"))):
            where: Where = (("guid", _key(record, "guid")), ("id", _key(record, "id")))
            if person := self.person(record, 'the "persons" list', where):
                directory.append(person)
                self.directory.update({k: person for k in person.keys})
        days = _objects(conf.get("days"))
        talks = self.talks(schedule, conf, days)
        return build(self.name, NAME, self.conference(schedule, conf, days), talks, directory, room_names)

    def talks(self, schedule: dict[str, Any], conf: dict[str, Any], days: list[dict[str, Any]]) -> list[Talk]:
        events = schedule.get("events", conf.get("events"))
        if isinstance(events, list):  # v2: one list, each talk with its full start
            return [self.talk(e, i, 0, {}, None) for i, e in enumerate(_objects(events))]
        if events is not None:
            self.fail(f'"events" is {shown(events)}, not a list of talks; it is left out', CONFERENCE)
        if not isinstance(conf.get("days"), list | None):
            self.fail(f'the conference\'s "days" is {shown(conf.get("days"))}, not a list of days', CONFERENCE)
        talks: list[Talk] = []
        for day_position, day in enumerate(days):
            day_name = _text(day.get("date")) or str(day_position + 1)
            at_day: Where = (("date", _text(day.get("date"))),)
            rooms = day.get("rooms")
            if not isinstance(rooms, dict):
                if rooms is not None:
                    self.fail(f'day {day_name}: "rooms" is not an object of room names; its talks are left out', at_day)
                continue
            for room, listed in rooms.items():
                for record in listed if isinstance(listed, list) else ():
                    if isinstance(record, dict):
                        talks.append(self.talk(record, len(talks), day_position, day, one_line(room)))
                    else:
                        self.fail(
                            f'room "{room}" on day {day_name} lists {shown(record)}, not a talk; it is left out',
                            at_day,
                        )
        return talks

    def conference(self, schedule: dict[str, Any], conf: dict[str, Any], days: list[dict[str, Any]]) -> Conference:
        title = one_line(_text(conf.get("title"), self.languages))
        if title is None:
            title = one_line(_text(conf.get("acronym"))) or PurePath(self.name).name.split(".", 1)[0] or self.name
            self.fail(f'the conference has no "title"; add one (meanwhile it is called "{title}")', CONFERENCE)
        start, end = _text(conf.get("start")), _text(conf.get("end"))
        for what, value in (("start", start), ("end", end)):
            if value and iso_date(value) is None:
                self.fail(f'the conference {what} "{value}" is not a date like 2024-12-27', CONFERENCE)
        date, end_date = date_range([_text(d.get("date")) for d in days], start, end)
        return Conference(
            title=title,
            date=date,
            end_date=end_date,
            venue=venue_of(_text(conf.get("venue", conf.get("location"))), _text(conf.get("city"))),
            summary=clean_text(_text(conf.get("description"), self.languages)),
        )


def read_schedule_json(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """A c3voc schedule.json's bytes to its conference, or every problem found in it."""
    text = decode(name, data)
    if isinstance(text, Problem):
        return None, [text]
    root = load_json(name, text, "schedule", "a few levels deep")
    if isinstance(root, Problem):
        return None, [root]
    if on_read is not None:
        on_read(0.5)
    reader = _Reader(name, text)
    proceedings = reader.read(root)
    if on_read is not None:
        on_read(1.0)
    return proceedings, limited(name, reader.problems)


FORMAT = Format(
    NAME,
    (".json",),
    sniff,
    read_schedule_json,
    expects='talks found: a c3voc schedule.json lists its talks in "conference": {"days": [{"rooms": '
    '{"ROOM": [talk, …]}}]} (v1) or in "events": [talk, …] (v2)',
)
