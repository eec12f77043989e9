"""Every event of a library as one set of proceedings: the "All events" scope.

Each event becomes one section of it (so the agenda's counts are counts per event, and
`section:` picks events by number or title). The same speaker id and name in several events
is one person, one row; the same id under another name ("chair", "speaker-1": ids are per
file), or under a name that is no one's ("SPEAKER_00", "Unknown speaker"), is another, as
`EVENT/ID`. Each remark keeps its text, its speaker and its replies under an id that names
its event: `EVENT/REMARK`, as `podium thread` takes it.
Built once, in a worker, when a library of several events opens; pure Python.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .attributes import Part
from .columns import RemarkColumns
from .event_remarks import EventRemarks
from .model import Event, Library, Proceedings, Remark, Section, Speaker
from .query import Query, Resolved, SearchIndex, Term
from .talks import TalkOutcome, TalkSearch, is_schedule, lift_facets

ALL_EVENTS_ID = "all-events"
# What a file calls whoever it cannot name (matched casefolded): diarisers' labels (WhisperX's
# SPEAKER_00, "Speaker 1", "Speaker A", spk_0, Azure's Guest-1, in a few languages) and unknown speakers.
_NO_NAME = re.compile(
    r"\(?(?:(?:speaker|spk|guest|participant|sprecher|locuteur|intervenant|hablante|orador|说话人|发言人|發言人|話者)"
    r"[ _-]?(?:[0-9]+|[a-z])|(?:unknown|unidentified)(?: speaker)?(?:[ _-]?[0-9]+)?)\)?"
)


@dataclass(frozen=True, slots=True)
class Combined:
    """The library's events as one Proceedings, and the way back from each remark to its event."""

    library: Library
    proceedings: Proceedings
    starts: tuple[int, ...]  # the position of each event's first remark in the combined remarks
    # Per event, its own speaker ids to All events' ones ("chair" -> "EVENT/chair" when another event has one)
    speaker_ids: tuple[Mapping[str, str], ...] = ()

    def event_of(self, position: int) -> int:
        """The index in library.events of the event a combined remark comes from."""
        return bisect_right(self.starts, position) - 1

    def origin(self, remark: Remark) -> tuple[int, Remark]:
        """The event index and the event's own remark behind a combined remark (its event's not all made for it)."""
        index = self.event_of(remark.position)
        remarks, position = self.library.events[index].remarks, remark.position - self.starts[index]
        return index, remarks.one(position) if isinstance(remarks, EventRemarks) else remarks[position]

    def combined_id(self, index: int, remark_id: str) -> str:
        """The id in the combined view of an event's remark."""
        return f"{self.proceedings.sections[index].id}/{remark_id}"

    def parts(self) -> tuple[Part, ...]:
        """Each event as the section it is here, with its own speakers' records (for org:, role:, date:)."""
        events = self.library.events
        return tuple(Part(p.event, p.speakers, own) for p, own in zip(events, self.speaker_ids, strict=True))

    def counts_by_event(self, speaker_id: str) -> list[tuple[Proceedings, int]]:
        """How many remarks a speaker made in each event they spoke at, in library order."""
        counts = Counter(map(self.event_of, self.proceedings.positions_of("speaker").get(speaker_id, ())))
        return [(self.library.events[i], counts[i]) for i in sorted(counts)]


def combinable(library: Library, *, talks: bool = False) -> bool:
    """Whether the library has an All events view: several events with remarks (talks: or a schedule's talks)."""
    return sum(1 for p in library.events if p.remarks or (talks and is_schedule(p))) > 1


@dataclass(frozen=True, slots=True)
class Joining:
    """How a library's events join into All events, before any remark is made.

    Each event is a section; each event's speaker ids map to All events' ones; each event's
    remarks start at `starts[index]` and are named `prefix(index) + id`.
    """

    library: Library
    everything: Event
    sections: tuple[Section, ...]
    speakers: tuple[Speaker, ...]
    starts: tuple[int, ...]
    speaker_ids: tuple[Mapping[str, str], ...]

    def prefix(self, index: int) -> str:
        return self.sections[index].id + "/"

    def combined(
        self, remarks: Sequence[Remark], folded: list[str] | None = None, columns: RemarkColumns | None = None
    ) -> Combined:
        """All events, with these remarks (each event's, in library order, named and numbered as All events').

        `columns`: theirs, where known as they were read (else built from them when first asked for).
        """
        events = self.library.events
        every = self.starts[-1] + len(events[-1].remarks) if events else 0
        # Remarks in memory are checked here, each event's first; remarks read from an index, as each is read.
        if len(remarks) != every or (columns is not None and len(columns) != every):
            raise ValueError("All events' remarks are not every event's")
        if isinstance(remarks, tuple) and not all(
            remarks[start].position == start and remarks[start].id.startswith(self.prefix(index))
            for index, start in enumerate(self.starts)
            if events[index].remarks
        ):
            raise ValueError("All events' remarks are not every event's, in library order")
        proceedings = Proceedings(
            "",
            self.everything,
            self.speakers,
            self.sections,
            remarks,
            folded_texts=folded,
            origin="the events open",
            columns=columns,
        )
        return Combined(self.library, proceedings, self.starts, self.speaker_ids)


def joining(library: Library) -> Joining:
    """How the library's events join (the events in library order, each its own section).

    Reads only the events' records and how many remarks each has.
    """
    sections: list[Section] = []
    speakers: dict[str, Speaker] = {}
    starts: list[int] = []
    speaker_ids: list[Mapping[str, str]] = []
    used: set[str] = set()
    offset = 0
    for number, event in enumerate(library.events, start=1):
        section_id = _unique(event.event.id, used)
        sections.append(Section(section_id, number, event.event.title, "other", start=event.event.date))
        own: dict[str, str] = {}  # this event's speaker ids to All events' ones
        for speaker in event.speakers:
            known = speakers.get(speaker.id)
            if known is None or _same_person(known, speaker):
                own[speaker.id] = speaker.id
                speakers.setdefault(speaker.id, speaker)
            else:  # "chair" or "speaker-1" of another file: another person, named after their event
                own[speaker.id] = f"{section_id}/{speaker.id}"
                speakers[own[speaker.id]] = replace(speaker, id=own[speaker.id])
        speaker_ids.append(MappingProxyType(own))
        starts.append(offset)
        offset += len(event.remarks)
    dates = sorted(d for p in library.events for d in (p.event.date, p.event.end_date) if d)
    count = len(library.events)
    everything = Event(
        ALL_EVENTS_ID,
        f"All events ({count})",
        dates[0] if dates else None,
        end_date=dates[-1] if len(dates) > 1 and dates[-1] != dates[0] else None,
        summary=f"Every remark of the {count} events open, searched together.",
    )
    return Joining(library, everything, tuple(sections), tuple(speakers.values()), tuple(starts), tuple(speaker_ids))


def combine(library: Library) -> Combined:
    """The library as one set of proceedings (the events in library order, each its own section)."""
    joined = joining(library)
    remarks: list[Remark] = []
    folded: list[str] | None = []  # the events' search texts, if every event has them already
    for index, event in enumerate(library.events):
        section_id, own, offset, prefix = (
            joined.sections[index].id,
            joined.speaker_ids[index],
            joined.starts[index],
            joined.prefix(index),
        )
        remarks.extend(
            Remark(
                prefix + r.id,
                section_id,
                own[r.speaker],
                r.text,
                None if r.reply_to is None else prefix + r.reply_to,
                r.topics,
                offset + r.position,
                r.start,
                r.end,
                r.spoken,
            )
            for r in event.remarks
        )
        if folded is not None and event.folded_texts is not None:
            folded.extend(event.folded_texts)
        else:  # All events' search folds its texts itself, as it reads them
            folded = None
    return joined.combined(tuple(remarks), folded)


# --------------------------------------------------------------------------- talks


@dataclass(frozen=True, slots=True)
class CombinedTalkOutcome:
    """The talks of every schedule in a library that match, as All events shows remarks.

    Ids are All events' ones: an event is its section id there (`event_counts`), a
    speaker their All events id (`speaker_counts`).
    """

    query: Query
    talks: list[tuple[int, int]]  # (index in library.events, index in its sections), library then agenda order
    event_counts: Counter[str]  # talks per event (All events section id), under every filter but the scope
    speaker_counts: Counter[str]  # talks per speaker (All events id), under every filter but the speakers'
    unmatched: tuple[Term, ...] = ()  # speaker:/section: terms that name nothing in All events
    by_event: Mapping[int, TalkOutcome] = field(default_factory=dict)  # each schedule's own outcome

    @property
    def total(self) -> int:
        return len(self.talks)


class CombinedTalks:
    """Every schedule's talks in a library, searched with All events' filters.

    In All events `section:` picks events (by number or title) and `speaker:` names
    All events' speakers; words, `topic:` and OR work on each talk as in its own schedule.
    Each schedule's text is folded once, on first use. Pure Python, quick: schedules hold
    hundreds of talks, not 100,000 remarks.
    """

    def __init__(self, combined: Combined) -> None:
        self.combined = combined
        self.schedules = tuple(i for i, p in enumerate(combined.library.events) if is_schedule(p))
        self._index = SearchIndex(combined.proceedings)  # resolves All events' speaker: and section:
        self._searches: dict[int, TalkSearch] = {}

    def search_of(self, index: int) -> TalkSearch:
        search = self._searches.get(index)
        if search is None:
            search = self._searches[index] = TalkSearch(self.combined.library.events[index])
        return search

    def talk_counts(self) -> dict[str, int]:
        """How many talks each schedule has, by All events section id (its event)."""
        sections = self.combined.proceedings.sections
        return {sections[i].id: len(self.combined.library.events[i].sections) for i in self.schedules}

    def talk_id(self, index: int, talk: Section) -> str:
        """A talk's id in All events: EVENT/TALK, as remarks are named there."""
        return f"{self.combined.proceedings.sections[index].id}/{talk.id}"

    def run(
        self, query: Query, speakers: frozenset[str] = frozenset(), scope: str | None = None
    ) -> CombinedTalkOutcome:
        """The talks that match, with counts per event and per speaker.

        `speakers` are All events speaker ids chosen in the speaker pane, `scope` an event
        (All events section id) chosen in the agenda, as LiveSearch takes them.
        """
        resolved = self._index.resolve(query)
        sides = query.alternatives or (lift_facets(query),)
        side_resolved = [self._index.resolve(side) for side in sides]
        speaker_set = resolved.speakers
        if speakers:
            speaker_set = speakers if speaker_set is None else speaker_set | speakers
        event_set = resolved.sections
        if scope is not None:
            event_set = frozenset({scope}) if event_set is None else event_set & {scope}
        sections = self.combined.proceedings.sections
        talks: list[tuple[int, int]] = []
        event_counts: Counter[str] = Counter()
        speaker_counts: Counter[str] = Counter()
        outcomes: dict[int, TalkOutcome] = {}
        for index in self.schedules:
            event_id = sections[index].id
            own = self.combined.speaker_ids[index]
            local = [self._local(r, own, event_id) for r in side_resolved]
            wanted = [(side, r) for side, r in zip(sides, local, strict=True) if r is not None]
            if not wanted:
                continue  # section: or -section: leaves this event out on every side
            search = self.search_of(index)
            base = search.matching(tuple(s for s, _ in wanted), [r for _, r in wanted])
            local_speakers = None if speaker_set is None else frozenset(k for k, v in own.items() if v in speaker_set)
            in_scope = event_set is None or event_id in event_set
            outcome = search.outcome(query, base, local_speakers, None if in_scope else frozenset())
            event_counts.update({event_id: sum(outcome.section_counts.values())})
            speaker_counts.update(Counter({own[k]: n for k, n in outcome.speaker_counts.items()}))
            talks += [(index, i) for i in outcome.talks]
            outcomes[index] = outcome
        return CombinedTalkOutcome(query, talks, +event_counts, +speaker_counts, resolved.unmatched, outcomes)

    @staticmethod
    def _local(resolved: Resolved, own: Mapping[str, str], event_id: str) -> Resolved | None:
        """A query side as All events resolved it, in one event's own speaker ids; None: it leaves the event out."""
        if event_id in resolved.not_sections or (resolved.sections is not None and event_id not in resolved.sections):
            return None

        def local(ids: frozenset[str]) -> frozenset[str]:
            return frozenset(k for k, v in own.items() if v in ids)

        speakers = None if resolved.speakers is None else local(resolved.speakers)
        return Resolved(speakers, local(resolved.not_speakers), None, frozenset(), ())


def _same_person(one: Speaker, other: Speaker) -> bool:
    """Two events' speakers of one id are one person when their names agree too (ids are per file).

    Not when the name is no one's: a diariser's "SPEAKER_00" or an unknown speaker is a
    different person in each recording, and so is each event's audience.
    """
    if one.kind != "speaker" or other.kind != "speaker":
        return False
    name = _person_name(one.name)
    return name is not None and (other.name == one.name or name == other.name.casefold().strip())


@functools.lru_cache(maxsize=65_536)
def _person_name(name: str) -> str | None:
    """A name as compared across events, or None for no one's: asked of each speaker of each of
    ten thousand events, so remembered (a library has a few thousand people)."""
    folded = name.casefold().strip()
    return None if _NO_NAME.fullmatch(folded) else folded


def _unique(event_id: str, used: set[str]) -> str:
    """An event's id, with -2, -3… when another file's event has the same one."""
    candidate, n = event_id, 1
    while candidate in used:
        n += 1
        candidate = f"{event_id}-{n}"
    used.add(candidate)
    return candidate
