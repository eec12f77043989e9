"""The records of an event's proceedings, and the indexes built over them once.

Pure data: no parsing, no user interface. Records are frozen so that every layer
can share them without copying.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from .columns import RemarkColumns, Replies, positions_by_code

EVENT_ROLES = ("host", "presenter", "panelist", "moderator", "closing", "speaker", "contributor", "chair", "guest")
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
    sex: str | None = None  # as a parliament's person list gives it ("F", "M")

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
    # What the record says beside the words, not spoken: "(Applause)", a gap, a stage direction.
    notes: tuple[str, ...] = ()

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
        "_columns",
        "_groups",
        "_positions",
        "_remark_by_id",
        "_replies",
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
        columns: RemarkColumns | None = None,
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
        self._columns = columns  # read with the remarks (the library index), or built from them on first use
        self._positions: dict[str, Mapping[str, Sequence[int]]] = {}
        self._replies: Replies | None = None

    @property
    def columns(self) -> RemarkColumns:
        """Each remark's speaker, section, parent and length as codes: what counts and threads read."""
        if self._columns is None:
            self._columns = _columns_of(self.remarks, self.speakers, self.sections)
        return self._columns

    def positions_of(self, field: str) -> Mapping[str, Sequence[int]]:
        """The positions of each speaker's (field "speaker") or section's ("section") remarks, in order."""
        grouped = self._positions.get(field)
        if grouped is None:
            records: Sequence[Speaker | Section] = self.speakers if field == "speaker" else self.sections
            column = self.columns.speaker if field == "speaker" else self.columns.section
            groups = positions_by_code(column, len(records))
            grouped = self._positions[field] = MappingProxyType(
                {r.id: g for r, g in zip(records, groups, strict=True) if g}
            )
        return grouped

    @property
    def replies(self) -> Replies:
        """Each remark's replies, in order (built once: the reply forest and the profile's "answered by" read it)."""
        if self._replies is None:
            self._replies = Replies.of(self.columns.parent)
        return self._replies

    def parent_of(self, remark: Remark) -> Remark | None:
        """The remark this one answers, by position: no lookup by id over a million remarks."""
        if remark.reply_to is None:
            return None
        parent = self.columns.parent[remark.position]
        return self.remarks[parent] if parent >= 0 else None

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
        """Build now what a speaker's profile asks for (in a worker: a tenth of a second at a million remarks)."""
        _ = self.positions_of("speaker"), self.replies

    @property
    def remarks_by_speaker(self) -> Mapping[str, tuple[Remark, ...]]:
        return self._grouped("speaker")

    def sections_of(self, speaker_id: str) -> list[Section]:
        """The sections a speaker speaks in, in agenda order."""
        section = self.columns.section
        codes = {section[p] for p in self.positions_of("speaker").get(speaker_id, ())}
        return [self.sections[code] for code in sorted(codes)]

    def answered_by(self, speaker_id: str) -> list[Speaker]:
        """Speakers whose remarks this speaker replied to, first reply first."""
        speaker, parent = self.columns.speaker, self.columns.parent
        mine = self.positions_of("speaker").get(speaker_id, ())
        codes = dict.fromkeys(speaker[parent[p]] for p in mine if parent[p] >= 0)
        return [self.speakers[code] for code in codes]

    def answering(self, speaker_id: str) -> list[Speaker]:
        """Speakers who replied to one of this speaker's remarks, first reply first."""
        speaker, replies = self.columns.speaker, self.replies
        mine = self.positions_of("speaker").get(speaker_id, ())
        codes = dict.fromkeys(speaker[reply] for p in mine for reply in replies.to(p))
        return [self.speakers[code] for code in codes]


def _columns_of(remarks: Sequence[Remark], speakers: Sequence[Speaker], sections: Sequence[Section]) -> RemarkColumns:
    """The columns of remarks in memory (each one's reply_to names an earlier remark of theirs)."""
    speaker_code = {s.id: n for n, s in enumerate(speakers)}
    section_code = {s.id: n for n, s in enumerate(sections)}
    position = {r.id: n for n, r in enumerate(remarks)}
    return RemarkColumns(
        array("i", [speaker_code[r.speaker] for r in remarks]),
        array("i", [section_code[r.section] for r in remarks]),
        array("i", [-1 if r.reply_to is None else position[r.reply_to] for r in remarks]),
        array("i", [len(r.text) for r in remarks]),
    )


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
