"""What the index keeps of an event besides its remarks: one typed JSON record, checked as it is read."""

from __future__ import annotations

import msgspec

from ..formats.records import EventRecord, SectionRecord, SpeakerRecord


class Head(msgspec.Struct, frozen=True):
    source: str
    origin: str
    event: EventRecord
    speakers: list[SpeakerRecord]
    sections: list[SectionRecord]
