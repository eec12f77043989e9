"""An event's remarks, made from All events' the first time they are asked for.

A library read back from its index makes each remark once, as All events names it. Each
event's own remarks (their own ids, speakers and sections) are made from those when the
reader opens that event: a thousand events never opened one by one cost nothing. How many
there are is known at once (the events pane counts them), and one remark can be made alone
(All events shows the section each row was said in, for rows of every event).
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from .model import Remark


class EventRemarks(Sequence[Remark]):
    """Made once, whichever thread asks first (a search worker, the screen): the same remarks for all."""

    __slots__ = ("_count", "_lock", "_made", "_source")

    def __init__(self, count: int) -> None:
        self._count = count
        self._made: tuple[Remark, ...] | None = () if not count else None  # no remarks: none to make
        self._source: _Source | None = None
        self._lock = threading.Lock()

    def attach(
        self,
        everything: Sequence[Remark],
        start: int,
        prefix: str,
        own: tuple[Sequence[str], array[int], Sequence[str], array[int]],
    ) -> None:
        """Where the remarks come from: All events' from `start`, named `prefix + id`.

        `own`: the event's section ids and each remark's index in them, then its speaker ids
        and each remark's index in those (All events' section is the event, its speaker
        maybe renamed).
        """
        sections, section_of, speakers, speaker_of = own
        if self._source is not None or self._made is not None:
            raise ValueError("an event's remarks come from one place")
        if not len(section_of) == len(speaker_of) == self._count or start + self._count > len(everything):
            raise ValueError("an event's remarks are not where All events has them")
        self._source = _Source(everything, start, prefix, sections, section_of, speakers, speaker_of)

    def _remarks(self) -> tuple[Remark, ...]:
        made = self._made
        if made is None:
            with self._lock:
                if self._made is None:
                    if self._source is None:
                        raise RuntimeError("an event's remarks asked for before All events was made")
                    self._made = self._source.make(self._count)
                    self._source = None  # its arrays: the remarks now hold what they said
                made = self._made
        return made

    def one(self, position: int) -> Remark:
        """The remark at `position`: the made one, or, before the event's are made, this one made alone
        and not kept (marking or copying a row of All events does not make its whole event)."""
        made, source = self._made, self._source
        if made is not None or source is None:
            return self._remarks()[position]
        if not -self._count <= position < self._count:
            raise IndexError("remark index out of range")
        return source.one(position % self._count)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Remark: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Remark, ...]: ...
    def __getitem__(self, index: int | slice) -> Remark | tuple[Remark, ...]:
        return self._remarks()[index]

    def __iter__(self) -> Iterator[Remark]:
        return iter(self._remarks())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventRemarks):
            other = other._remarks()
        return self._remarks() == other

    __hash__ = None  # type: ignore[assignment]  # as a list: equal to a tuple of the same remarks

    def __reduce__(self) -> tuple[object, ...]:
        """Sent to another process as the tuple of its remarks (not All events' that they come from)."""
        return (tuple, (self._remarks(),))

    def __repr__(self) -> str:
        return f"EventRemarks({self._count} remarks{', made' if self._made is not None else ''})"


class _Source:
    __slots__ = ("everything", "prefix", "section_of", "sections", "speaker_of", "speakers", "start")

    def __init__(
        self,
        everything: Sequence[Remark],
        start: int,
        prefix: str,
        sections: Sequence[str],
        section_of: array[int],
        speakers: Sequence[str],
        speaker_of: array[int],
    ) -> None:
        self.everything, self.start, self.prefix = everything, start, prefix
        self.sections, self.section_of, self.speakers, self.speaker_of = sections, section_of, speakers, speaker_of

    def make(self, count: int) -> tuple[Remark, ...]:
        every = self.everything[self.start : self.start + count]  # read together (from an index: not page by page)
        return tuple(self.own(position, remark) for position, remark in enumerate(every))

    def one(self, position: int) -> Remark:
        """The event's remark at `position`, from All events'."""
        return self.own(position, self.everything[self.start + position])

    def own(self, position: int, remark: Remark) -> Remark:
        """All events' remark as the event's own, at `position` in it."""
        cut = len(self.prefix)
        if not remark.id.startswith(self.prefix) or remark.position != self.start + position:
            raise ValueError("All events' remark is not this event's")
        return Remark(
            remark.id[cut:],
            self.sections[self.section_of[position]],
            self.speakers[self.speaker_of[position]],
            remark.text,
            None if remark.reply_to is None else remark.reply_to[cut:],
            remark.topics,
            position,
            remark.start,
            remark.end,
            remark.spoken,
        )
