"""The records of an event's proceedings, and the indexes built over them once.

Pure data: no parsing, no user interface. Records are frozen so that every layer
can share them without copying.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

EVENT_ROLES = ("host", "presenter", "panelist", "moderator", "closing", "speaker", "contributor", "chair")
SPEAKER_KINDS = ("speaker", "audience")
SECTION_KINDS = (
    "remarks",
    "presentations",
    "panel",
    "qa",
    "closing",
    # what imported files hold: a conference's talks, a parliament's debates, a recording and its chat
    "talk",
    "workshop",
    "debate",
    "transcript",
    "chat",
    "other",
)


@dataclass(frozen=True, slots=True)
class Venue:
    hall: str | None = None
    building: str | None = None
    campus: str | None = None
    institution: str | None = None

    def parts(self) -> list[str]:
        """The venue from the smallest place to the largest, skipping blanks."""
        return [p for p in (self.hall, self.building, self.campus, self.institution) if p]


@dataclass(frozen=True, slots=True)
class Attendance:
    mode: str  # "online", "venue", ...
    count: int
    approximate: bool = False

    def describe(self) -> str:
        about = "about " if self.approximate else ""
        where = "at the venue" if self.mode == "venue" else self.mode
        return f"{about}{self.count} {where}"


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    date: str | None = None  # ISO 8601; None when the source gives none (a transcript)
    venue: Venue = field(default_factory=Venue)
    organisers: tuple[str, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    summary: str | None = None
    end_date: str | None = None  # the last day of an event over several days


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str
    name: str
    role: str | None = None
    honorific: str | None = None
    organisation: str | None = None
    event_roles: tuple[str, ...] = ()
    kind: str = "speaker"
    aliases: tuple[str, ...] = ()
    bio: str | None = None

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name

    @property
    def affiliation(self) -> str:
        """Role and organisation on one line, as a caption under a name."""
        return ", ".join(p for p in (self.role, self.organisation) if p)


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    number: int
    title: str
    kind: str
    description: str | None = None
    # A scheduled talk's details, from a conference schedule (all optional).
    start: str | None = None  # ISO 8601 date and time, as the schedule gives it
    duration: int | None = None  # minutes
    room: str | None = None
    track: str | None = None
    abstract: str | None = None
    speakers: tuple[str, ...] = ()  # speaker ids, in the schedule's order

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


class Remark(NamedTuple):
    """One remark, as the record says it. A named tuple rather than a frozen dataclass: opening a
    large library makes a million of them, and a tuple is made four times faster (0.35 µs, not 1.5)."""

    id: str
    section: str
    speaker: str
    text: str
    reply_to: str | None = None
    topics: tuple[str, ...] = ()
    position: int = 0  # index in the event's remarks, report order
    start: float | None = None  # seconds from the recording's start (a chat: from midnight), if known
    end: float | None = None
    # Seconds of speech in it, when less than end - start: a transcript's turn of several
    # cues with pauses between them speaks only for the sum of its cues.
    spoken: float | None = None

    @property
    def duration(self) -> float | None:
        """How long the remark was spoken, in seconds, if the source says."""
        if self.spoken is not None:
            return self.spoken
        return None if self.start is None or self.end is None else self.end - self.start


def _group(remarks: Iterable[Remark], key: str) -> dict[str, tuple[Remark, ...]]:
    groups: dict[str, list[Remark]] = {}
    for remark in remarks:
        value = getattr(remark, key)
        if value is not None:
            groups.setdefault(value, []).append(remark)
    return {k: tuple(v) for k, v in groups.items()}


class Proceedings:
    """One event with its speakers, sections and remarks, plus lookup indexes.

    Built once by the loader from validated records; every reference is known to
    resolve, so lookups never fail for ids taken from the records themselves.
    """

    __slots__ = (
        "_groups",
        "_remark_by_id",
        "event",
        "folded_texts",
        "origin",
        "remarks",
        "section_by_id",
        "sections",
        "source",
        "speaker_by_id",
        "speakers",
    )

    def __init__(
        self,
        source: str,
        event: Event,
        speakers: tuple[Speaker, ...],
        sections: tuple[Section, ...],
        remarks: Sequence[Remark],  # a tuple, or an event's remarks made from All events' when asked for
        *,
        folded_texts: list[str] | None = None,
        origin: str = "Podium YAML",
    ) -> None:
        self.source = source
        self.origin = origin  # the format it was read from, as a user knows it: "WebVTT transcript"
        # The search form of each remark's text when already known (from the
        # cache); otherwise the search index computes it on first use.
        self.folded_texts = folded_texts
        self.event = event
        self.speakers = speakers
        self.sections = sections
        self.remarks = remarks
        self.speaker_by_id: Mapping[str, Speaker] = MappingProxyType({s.id: s for s in speakers})
        self.section_by_id: Mapping[str, Section] = MappingProxyType({s.id: s for s in sections})
        self._remark_by_id: Mapping[str, Remark] | None = None
        self._groups: dict[str, Mapping[str, tuple[Remark, ...]]] = {}

    @property
    def remark_by_id(self) -> Mapping[str, Remark]:
        """Each remark by its id, built on first use: a library of a thousand events never shown one
        by one (All events has its own) does not keep a thousand of them, ~100 bytes a remark."""
        if self._remark_by_id is None:
            self._remark_by_id = MappingProxyType({r.id: r for r in self.remarks})
        return self._remark_by_id

    def __reduce__(self) -> tuple[object, ...]:
        """Sent between processes (files parsed on several cores) as its records; the indexes are rebuilt."""
        remarks = tuple(self.remarks)  # an event's remarks made from All events' go as the remarks they are
        records = (self.source, self.event, self.speakers, self.sections, remarks, self.folded_texts, self.origin)
        return (_rebuild, records)

    def _grouped(self, key: str) -> Mapping[str, tuple[Remark, ...]]:
        """Remarks grouped by a field, built on first use (opening 100k remarks stays quick)."""
        groups = self._groups.get(key)
        if groups is None:
            groups = self._groups[key] = MappingProxyType(_group(self.remarks, key))
        return groups

    def group(self) -> None:
        """Build now what a speaker's profile asks for (in a worker: a second at a million remarks)."""
        _ = self.remarks_by_speaker, self.replies_by_parent, self.remark_by_id

    @property
    def remarks_by_speaker(self) -> Mapping[str, tuple[Remark, ...]]:
        return self._grouped("speaker")

    @property
    def remarks_by_section(self) -> Mapping[str, tuple[Remark, ...]]:
        return self._grouped("section")

    @property
    def replies_by_parent(self) -> Mapping[str, tuple[Remark, ...]]:
        return self._grouped("reply_to")

    def sections_of(self, speaker_id: str) -> list[Section]:
        """The sections a speaker speaks in, in agenda order."""
        ids = {r.section for r in self.remarks_by_speaker.get(speaker_id, ())}
        return [s for s in self.sections if s.id in ids]

    def answered_by(self, speaker_id: str) -> list[Speaker]:
        """Speakers whose remarks this speaker replied to, first reply first."""
        seen: dict[str, Speaker] = {}
        for remark in self.remarks_by_speaker.get(speaker_id, ()):
            if remark.reply_to:
                parent = self.remark_by_id[remark.reply_to]
                seen.setdefault(parent.speaker, self.speaker_by_id[parent.speaker])
        return list(seen.values())

    def answering(self, speaker_id: str) -> list[Speaker]:
        """Speakers who replied to one of this speaker's remarks."""
        seen: dict[str, Speaker] = {}
        for remark in self.remarks_by_speaker.get(speaker_id, ()):
            for reply in self.replies_by_parent.get(remark.id, ()):
                seen.setdefault(reply.speaker, self.speaker_by_id[reply.speaker])
        return list(seen.values())


def _rebuild(
    source: str,
    event: Event,
    speakers: tuple[Speaker, ...],
    sections: tuple[Section, ...],
    remarks: tuple[Remark, ...],
    folded_texts: list[str] | None,
    origin: str,
) -> Proceedings:
    return Proceedings(source, event, speakers, sections, remarks, folded_texts=folded_texts, origin=origin)


@dataclass(frozen=True, slots=True)
class Library:
    """Every event loaded in one run, in the order their files were named."""

    events: tuple[Proceedings, ...] = ()

    def find_remark(self, remark_id: str) -> tuple[Proceedings, Remark] | None:
        for proceedings in self.events:
            remark = proceedings.remark_by_id.get(remark_id)
            if remark is not None:
                return proceedings, remark
        return None
