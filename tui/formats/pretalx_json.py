"""pretalx's schedule widget data, the JSON its embeddable schedule reads, in its two layouts.

`/schedule/widgets/schedule.json` (earlier `widget/v2.json`), built by pretalx's
Schedule.build_data: top-level lists keyed by ids,
    {"talks": [{"code", "id", "title", "abstract", "description", "speakers": [CODE, …],
                "track": TRACK_ID, "room": ROOM_ID, "start", "end", "duration", "session_type", …}],
     "version", "timezone", "event_start", "event_end",
     "tracks": [{"id", "name", "description", "color"}], "rooms": [{"id", "name", "description"}],
     "speakers": [{"code", "name", "biography", "avatar"}]}
a break being a talk without a code (and "slot_type": "break"); and `widget/v1.json`, the
older widget's data, days holding rooms holding talks,
    {"schedule": [{"index", "start", "end", "rooms": [{"id", "name", "talks": [{"title", "code",
        "speakers": [{"name", "code"}], "display_speaker_names", "start", "end", "track"}]}]}],
     "event": {"url", "tracks": [{"name", "color"}]}}.
Titles and names are a string or translations ({"en": …, "de": …}): English is kept, else the
first language given.

Kept: first and last day; each talk's title, start, length (from start and end, else its
duration), room, track, abstract and description, kind (a break or a session type), and
speakers by code, with their name and biography. A break's start, which pretalx gives in UTC,
is told at its end's offset. Not kept: the event's title (the widget data has none: v1's event
URL gives its slug, else the file's name is used), version, time zone name, colours, avatars, featured flags,
popularity counts, do_not_record, tags, updated, state, exporters, resources, answers, stream
URLs, room and track descriptions, the v1 layout's drawing sizes (height, top, hours).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

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
    date_range,
    iso_start,
    limited,
    minutes,
    minutes_between,
    one_line,
    parse_instant,
    talk_kind,
)
from .source import Problem, decode

NAME = "pretalx widget schedule.json"

_BODY = re.compile(rb"\A(?:\xef\xbb\xbf)?[ \t\r\n]*\{")
_TALKS = re.compile(rb'"talks"[ \t\r\n]*:[ \t\r\n]*\[')
_FIRST_TALKS = re.compile(rb'\A(?:\xef\xbb\xbf)?[ \t\r\n]*\{[ \t\r\n]*"talks"[ \t\r\n]*:[ \t\r\n]*\[')
_V2_KEYS = re.compile(rb'"(?:event_start|event_end)"[ \t\r\n]*:')
_DAYS = re.compile(rb'"schedule"[ \t\r\n]*:[ \t\r\n]*\[')
_ROOMS = re.compile(rb'"rooms"[ \t\r\n]*:[ \t\r\n]*\[')
_OTHERS = re.compile(rb'"(?:conference|segments)"[ \t\r\n]*:')  # c3voc schedules, podcast transcripts
_BREAKS = frozenset({"break", "blocker"})


def sniff(head: bytes) -> bool:
    """A JSON object with a "talks" list, first or beside "event_start"; or a "schedule" list of
    days with "rooms" and "talks" lists (v1). Never a c3voc schedule (its "conference")."""
    if not _BODY.match(head) or _OTHERS.search(head):
        return False
    if _TALKS.search(head) and (_FIRST_TALKS.match(head) or _V2_KEYS.search(head)):
        return True
    return bool(_DAYS.search(head) and _ROOMS.search(head) and _TALKS.search(head))


def _text(value: object, languages: tuple[str, ...]) -> str | None:
    """A string; a number as written; translations in the first language found, else the first given."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for language in languages:
            if isinstance(value.get(language), str) and value[language].strip():
                return str(value[language])
        return next((v for v in value.values() if isinstance(v, str) and v.strip()), None)
    return None


def _ref(value: object) -> str | None:
    """An id or code as a dictionary key: 12 and "12" alike."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def _objects(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _in_zone_of(start: str | None, end: str | None) -> str | None:
    """A break's start as pretalx writes it, in UTC ("…T08:45:00Z"), told at its end's offset
    (10:45+02:00), so it reads in the event's local time like every other talk."""
    first, last = parse_instant(start), parse_instant(end)
    if first is None or last is None or first.tzinfo is None or last.tzinfo is None:
        return start
    if first.utcoffset() == last.utcoffset():
        return start
    return first.astimezone(last.tzinfo).isoformat()


def _slug(url: object) -> str | None:
    """The event's slug from its schedule URL ("https://pretalx.com/democon/schedule/" -> "democon")."""
    if not isinstance(url, str):
        return None
    path = urlsplit(url.strip()).path
    return next((part for part in path.split("/") if part and part != "schedule"), None)


class _Reader:
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = TextLines(text)
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en",)
        self.rooms: dict[str, str] = {}  # room id -> name
        self.tracks: dict[str, str] = {}  # track id -> name
        self.speakers: dict[str, Person] = {}  # speaker code -> person

    def fail(self, message: str, record: dict[str, Any] | None = None) -> None:
        line, column = self.place(record) if len(self.problems) < MAX_PROBLEMS else (None, None)
        self.problems.append(Problem(self.name, message, line, column))

    def place(self, record: dict[str, Any] | None) -> tuple[int | None, int | None]:
        """Where a record is in the text: its "code" (or "id"), searched for only on a problem."""
        if record is None:
            return 1, 1
        for key in ("code", "id"):
            value = record.get(key)
            if _ref(value) is None:
                continue
            found = re.search(f'"{key}"\\s*:\\s*{re.escape(json.dumps(value, ensure_ascii=False))}', self.lines.text)
            if found:
                return self.lines.at(found.start())
        return None, None

    # ----------------------------------------------------------------- directories

    def directories(self, root: dict[str, Any]) -> list[str]:
        """The rooms, tracks and speakers listed beside the talks (v2); the room names in order."""
        locales = root.get("content_locales")
        extra = tuple(x for x in locales if isinstance(x, str)) if isinstance(locales, list) else ()
        self.languages = tuple(dict.fromkeys(("en", *extra)))
        names: list[str] = []
        for record in _objects(root.get("rooms")):
            ref, room = _ref(record.get("id")), one_line(_text(record.get("name"), self.languages))
            if room:
                names.append(room)
                if ref:
                    self.rooms[ref] = room
        for record in _objects(root.get("tracks")):
            ref, track = _ref(record.get("id")), one_line(_text(record.get("name"), self.languages))
            if ref and track:
                self.tracks[ref] = track
        for record in _objects(root.get("speakers")):
            if (person := self.person(record, 'the "speakers" list')) and person.keys:
                self.speakers[person.keys[0].removeprefix("code:")] = person
        return names

    def person(self, record: dict[str, Any], owner: str) -> Person | None:
        code = _ref(record.get("code"))
        name = one_line(_text(record.get("name"), self.languages))
        if name is None and code in self.speakers:
            return self.speakers[code]
        if name is None:
            self.fail(f'{owner} lists a speaker with no "name"; give their name', record)
            return None
        bio = clean_text(_text(record.get("biography"), self.languages))
        return Person(name, (f"code:{code}",) if code else (), bio)

    # ----------------------------------------------------------------- talks

    def talk(self, record: dict[str, Any], seq: int, day: int, room: str | None) -> Talk:
        code, ident = _ref(record.get("code")), _ref(record.get("id"))
        title = one_line(_text(record.get("title"), self.languages))
        label = f'talk "{title or code or ident or seq + 1}"'
        if title is None:
            title = f"Untitled talk ({code or ident})" if (code or ident) else "Untitled talk"
            self.fail(f'{label} has no "title"; add one (it is shown as "{title}")', record)
        start = self.when(record, "start", label)
        end = self.when(record, "end", label)
        start = _in_zone_of(start, end)
        duration = minutes_between(start, end)
        if duration is None:
            duration = minutes(record.get("duration"))
        breaks = _text(record.get("slot_type"), ()) in _BREAKS or (code is None and not record.get("speakers"))
        kind = "other" if breaks else talk_kind(_text(record.get("session_type"), self.languages))
        return Talk(
            key=f"code:{code}" if code else (f"id:{ident}" if ident else f"#{seq}"),
            readable=title,  # pretalx codes ("MJA8QY") read as nothing
            title=title,
            kind=kind,
            day=day,
            start=start,
            duration=duration,
            room=room or self.room(record, label),
            track=self.track(record.get("track")),
            abstract=abstract_of(
                _text(record.get("abstract"), self.languages), _text(record.get("description"), self.languages)
            ),
            persons=self.talk_speakers(record, label),
        )

    def when(self, record: dict[str, Any], key: str, label: str) -> str | None:
        value = _text(record.get(key), ())
        if value is None or not value.strip():
            return None
        found = iso_start(value) if len(value.strip()) > 10 else None
        if found is None:
            self.fail(
                f'{label} {key}s "{value}", not a date and time like 2024-12-27T10:30:00+01:00; it is left out', record
            )
        return found

    def room(self, record: dict[str, Any], label: str) -> str | None:
        value = record.get("room")
        ref = _ref(value)
        if isinstance(value, dict):
            return one_line(_text(value.get("name"), self.languages))
        if ref is None:
            return None
        if ref in self.rooms:
            return self.rooms[ref]
        if isinstance(value, str) and not value.strip().isdigit():
            return one_line(value)  # a room given by its name
        self.fail(f'{label} is in room {shown(value)}, which "rooms" does not list; its room is left out', record)
        return None

    def track(self, value: object) -> str | None:
        ref = _ref(value)
        if isinstance(value, dict):
            return one_line(_text(value.get("name"), self.languages))
        if ref is not None and ref in self.tracks:
            return self.tracks[ref]
        return one_line(value) if isinstance(value, str) and not value.strip().isdigit() else None

    def talk_speakers(self, record: dict[str, Any], label: str) -> list[Person]:
        """Codes into the "speakers" list (v2), or {"name", "code"} (v1); else the names shown."""
        listed = record.get("speakers")
        persons: list[Person] = []
        for entry in listed if isinstance(listed, list) else ():
            if isinstance(entry, dict):
                if person := self.person(entry, label):
                    persons.append(person)
            elif (code := _ref(entry)) in self.speakers:
                persons.append(self.speakers[code or ""])
            else:
                self.fail(f'{label} names speaker {shown(entry)}, whom "speakers" does not list; left out', record)
        if not persons and isinstance(names := record.get("display_speaker_names"), str):
            persons = [Person(n) for part in names.split(",") if (n := one_line(part))]
        return persons

    # ----------------------------------------------------------------- the file

    def read(self, root: object) -> Proceedings | None:
        if not isinstance(root, dict):
            self.fail('the file is not a JSON object with "talks"; this is not pretalx widget data')
            return None
        event = root.get("event")
        stem = PurePath(self.name).name.split(".", 1)[0] or self.name
        title = (_slug(event.get("url")) if isinstance(event, dict) else None) or stem
        days = root.get("schedule")
        if isinstance(days, list):
            talks, dates = self.v1_talks(_objects(days)), [_text(d.get("start"), ()) for d in _objects(days)]
            rooms: list[str] = []
        else:
            rooms = self.directories(root)
            talks, dates = self.v2_talks(root), []
        first, last = date_range(dates, _text(root.get("event_start"), ()), _text(root.get("event_end"), ()))
        if not dates and first is None:
            first, last = date_range([t.start for t in talks], None, None)
        return build(self.name, NAME, Conference(title=title, date=first, end_date=last), talks, None, rooms)

    def v2_talks(self, root: dict[str, Any]) -> list[Talk]:
        listed = root.get("talks")
        if not isinstance(listed, list):
            self.fail(f'"talks" is {shown(listed)}, not a list of talks')
            return []
        talks: list[Talk] = []
        for record in listed:
            if isinstance(record, dict):
                talks.append(self.talk(record, len(talks), 0, None))
            else:
                self.fail(f'"talks" lists {shown(record)}, not a talk; it is left out')
        return talks

    def v1_talks(self, days: list[dict[str, Any]]) -> list[Talk]:
        talks: list[Talk] = []
        for position, day in enumerate(days):
            for room in _objects(day.get("rooms")):
                name = one_line(_text(room.get("name"), self.languages))
                for record in _objects(room.get("talks")):
                    talks.append(self.talk(record, len(talks), position, name))
        return talks


def read_pretalx_json(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """pretalx widget data's bytes to its schedule, or every problem found in it."""
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
    read_pretalx_json,
    expects='talks found: pretalx widget data lists them in "talks": [{"title", "start", …}] '
    '(widgets/schedule.json) or in "schedule": [{"rooms": [{"talks": […]}]}] (widget/v1.json)',
)
