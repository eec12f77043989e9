"""An event's records (the event, its speakers and sections) as typed plain data for msgspec.

Kept by the library index: JSON that decodes into typed structs, so what comes back from
disk is checked field by field and never runs code.
"""

from __future__ import annotations

import msgspec

from ..core.model import Attendance, Event, Section, Speaker, Venue


class VenueRecord(msgspec.Struct, frozen=True):
    hall: str | None
    building: str | None
    campus: str | None
    institution: str | None


class AttendanceRecord(msgspec.Struct, frozen=True, array_like=True):
    mode: str
    count: int
    approximate: bool


class EventRecord(msgspec.Struct, frozen=True):
    id: str
    title: str
    date: str | None
    venue: VenueRecord
    organisers: list[str]
    attendance: list[AttendanceRecord]
    summary: str | None
    end_date: str | None


class SpeakerRecord(msgspec.Struct, frozen=True):
    id: str
    name: str
    role: str | None
    honorific: str | None
    organisation: str | None
    event_roles: list[str]
    kind: str
    aliases: list[str]
    bio: str | None


class SectionRecord(msgspec.Struct, frozen=True):
    id: str
    number: int
    title: str
    kind: str
    description: str | None
    start: str | None
    duration: int | None
    room: str | None
    track: str | None
    abstract: str | None
    speakers: list[str]


def event_record(e: Event) -> EventRecord:
    return EventRecord(
        e.id,
        e.title,
        e.date,
        VenueRecord(e.venue.hall, e.venue.building, e.venue.campus, e.venue.institution),
        list(e.organisers),
        [AttendanceRecord(a.mode, a.count, a.approximate) for a in e.attendance],
        e.summary,
        e.end_date,
    )


def speaker_record(s: Speaker) -> SpeakerRecord:
    return SpeakerRecord(
        s.id, s.name, s.role, s.honorific, s.organisation, list(s.event_roles), s.kind, list(s.aliases), s.bio
    )


def section_record(s: Section) -> SectionRecord:
    return SectionRecord(
        s.id,
        s.number,
        s.title,
        s.kind,
        s.description,
        s.start,
        s.duration,
        s.room,
        s.track,
        s.abstract,
        list(s.speakers),
    )


def event_of(e: EventRecord) -> Event:
    return Event(
        e.id,
        e.title,
        e.date,
        Venue(e.venue.hall, e.venue.building, e.venue.campus, e.venue.institution),
        tuple(e.organisers),
        tuple(Attendance(a.mode, a.count, a.approximate) for a in e.attendance),
        e.summary,
        e.end_date,
    )


def speaker_of(s: SpeakerRecord) -> Speaker:
    return Speaker(
        s.id, s.name, s.role, s.honorific, s.organisation, tuple(s.event_roles), s.kind, tuple(s.aliases), s.bio
    )


def section_of(s: SectionRecord) -> Section:
    return Section(
        s.id,
        s.number,
        s.title,
        s.kind,
        s.description,
        s.start,
        s.duration,
        s.room,
        s.track,
        s.abstract,
        tuple(s.speakers),
    )
