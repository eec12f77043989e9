"""Every event of a library as one set of proceedings: the "All events" scope.

Each event becomes one section of it (so the agenda's counts are counts per event, and
`section:` picks events by number or title). The same speaker id and name in several events
is one person, one row; the same id under another name ("chair", "speaker-1": ids are per
file) is another, as `EVENT/ID`. Each remark keeps its text, its speaker and its replies
under an id that names its event: `EVENT/REMARK`, as `podium thread` takes it.
Built once, in a worker, when a library of several events opens; pure Python.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace

from .model import Event, Library, Proceedings, Remark, Section, Speaker
from .query import fold

ALL_EVENTS_ID = "all-events"


@dataclass(frozen=True, slots=True)
class Combined:
    """The library's events as one Proceedings, and the way back from each remark to its event."""

    library: Library
    proceedings: Proceedings
    starts: tuple[int, ...]  # the position of each event's first remark in the combined remarks

    def event_of(self, position: int) -> int:
        """The index in library.events of the event a combined remark comes from."""
        return bisect_right(self.starts, position) - 1

    def origin(self, remark: Remark) -> tuple[int, Remark]:
        """The event index and the event's own remark behind a combined remark."""
        index = self.event_of(remark.position)
        return index, self.library.events[index].remarks[remark.position - self.starts[index]]

    def combined_id(self, index: int, remark_id: str) -> str:
        """The id in the combined view of an event's remark."""
        return f"{self.proceedings.sections[index].id}/{remark_id}"

    def counts_by_event(self, speaker_id: str) -> list[tuple[Proceedings, int]]:
        """How many remarks a speaker made in each event they spoke at, in library order."""
        counts = Counter(self.event_of(r.position) for r in self.proceedings.remarks_by_speaker.get(speaker_id, ()))
        return [(self.library.events[i], counts[i]) for i in sorted(counts)]


def combinable(library: Library) -> bool:
    """Whether the library has an All events view: several events with remarks."""
    return sum(1 for p in library.events if p.remarks) > 1


def combine(library: Library) -> Combined:
    """The library as one set of proceedings (the events in library order, each its own section)."""
    sections: list[Section] = []
    speakers: dict[str, Speaker] = {}
    remarks: list[Remark] = []
    folded: list[str] = []
    starts: list[int] = []
    used: set[str] = set()
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
        offset = len(remarks)
        starts.append(offset)
        prefix = section_id + "/"
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
        if event.folded_texts is None:  # fold once, for this event's own search too
            event.folded_texts = [fold(r.text) for r in event.remarks]
        folded.extend(event.folded_texts)
    dates = sorted(d for p in library.events for d in (p.event.date, p.event.end_date) if d)
    count = len(library.events)
    everything = Event(
        ALL_EVENTS_ID,
        f"All events ({count})",
        dates[0] if dates else None,
        end_date=dates[-1] if len(dates) > 1 and dates[-1] != dates[0] else None,
        summary=f"Every remark of the {count} events open, searched together.",
    )
    proceedings = Proceedings(
        "",
        everything,
        tuple(speakers.values()),
        tuple(sections),
        tuple(remarks),
        folded_texts=folded,
        origin="the events open",
    )
    return Combined(library, proceedings, tuple(starts))


def _same_person(one: Speaker, other: Speaker) -> bool:
    """Two events' speakers of one id are one person when their names agree too (ids are per file)."""
    return one.name.casefold().strip() == other.name.casefold().strip()


def _unique(event_id: str, used: set[str]) -> str:
    """An event's id, with -2, -3… when another file's event has the same one."""
    candidate, n = event_id, 1
    while candidate in used:
        n += 1
        candidate = f"{event_id}-{n}"
    used.add(candidate)
    return candidate
