"""What the index keeps of an event besides its remarks: one typed JSON record, checked as it is read."""

from __future__ import annotations

import msgspec

from ..formats.records import EventRecord, SectionRecord, SpeakerRecord
from .store import CorruptIndex


class Head(msgspec.Struct, frozen=True):
    origin: str
    event: EventRecord
    speakers: list[SpeakerRecord]
    sections: list[SectionRecord]


def search_text(text: object, folded: object) -> str:
    """A stored remark's search form: its folded text, or its text lowered where the two agree."""
    if not isinstance(text, str) or not (folded is None or isinstance(folded, str)):
        raise CorruptIndex("a remark's text is not text")
    return folded if folded is not None else text.lower()
