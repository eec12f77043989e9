"""What the index keeps of an event besides its remarks: one typed JSON record, checked as it is read."""

from __future__ import annotations

import json
import sys
from array import array

import msgspec

from ..core.model import Event, Section, Speaker
from .store import CorruptIndex


class Head(msgspec.Struct, frozen=True):
    """The model's own frozen dataclasses: msgspec checks each field's type as it decodes them."""

    origin: str
    event: Event
    speakers: tuple[Speaker, ...]
    sections: tuple[Section, ...]


def search_text(text: object, folded: object) -> str:
    """A stored remark's search form: its folded text, or its text lowered where the two agree."""
    if not isinstance(text, str) or not (folded is None or isinstance(folded, str)):
        raise CorruptIndex("a remark's text is not text")
    return folded if folded is not None else text.lower()


def stored_topics(value: object) -> list[str]:
    """A stored remark's topics or notes (a JSON list of strings, or NULL for none), checked."""
    if value is None:
        return []
    try:
        topics = json.loads(value) if isinstance(value, str | bytes) else None
    except (ValueError, RecursionError):  # not JSON, or nested past what the parser takes
        topics = None
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise CorruptIndex("topics that are not a list of words")
    return topics


def little_endian(values: array[int]) -> bytes:
    """Int32 values as stored: little-endian on every machine (an index may be read where it was not written)."""
    if sys.byteorder == "little":
        return values.tobytes()
    swapped = array("i", values)
    swapped.byteswap()
    return swapped.tobytes()
