"""`org:`, `role:` and `date:`: what a query asks of an event and its speakers, not of a remark.

An organisation and a role belong to a speaker's record at one event (speakers are per
event), a date to the event. So these terms are resolved once per query to the speakers
each event keeps, and every search (the plain scan, the live search, the library index)
filters remarks by those speaker codes: no remark is read to answer them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from . import column_math
from .folding import fold
from .model import Event, Proceedings, Speaker
from .query_parse import Query, date_range

ATTRIBUTE_FIELDS = ("org", "role", "date")
_ORG_PARTS = re.compile(r"[,()]")  # "Global Partnership on AI (GPAI)": the acronym is a name of its own


@dataclass(frozen=True, slots=True)
class Part:
    """One event of a view: an event alone is one part; All events has one per event, each its section."""

    event: Event
    speakers: Sequence[Speaker]  # the event's own records: its organisations and roles
    speaker_ids: Mapping[str, str] | None = None  # the event's speaker ids to the view's; None: the same


@dataclass(frozen=True, slots=True)
class Kept:
    """The view's speaker codes that each part keeps (a part not here keeps no one)."""

    by_part: Mapping[int, frozenset[int]]
    per_section: bool  # parts are the view's sections (All events); else the one part is the whole view


def asks(query: Query) -> bool:
    """Whether the query (one side of it) has an org:, role: or date: term."""
    return any(t.field in ATTRIBUTE_FIELDS for t in query.terms)


def kept(query: Query, parts: Sequence[Part], view_speakers: Sequence[Speaker], *, per_section: bool) -> Kept | None:
    """Per part, the view's speakers whose remarks pass the query's org:/role:/date: terms; None: it has none.

    `per_section`: the parts are the view's sections, in order (All events); else there is one, the view.
    """
    if not asks(query):
        return None
    code = {s.id: n for n, s in enumerate(view_speakers)}
    by_part: dict[int, frozenset[int]] = {}
    for number, part in enumerate(parts):
        if not dated(query, part.event.date, part.event.end_date):
            continue
        wanted, unwanted = sorted_speakers(query, part.speakers)
        ids = part.speaker_ids
        codes = frozenset(
            code[s.id if ids is None else ids[s.id]]
            for n, s in enumerate(part.speakers)
            if (wanted is None or n in wanted) and n not in unwanted
        )
        if codes:
            by_part[number] = codes
    return Kept(by_part, per_section)


def dated(query: Query, date: str | None, end_date: str | None = None) -> bool:
    """Whether an event of these days (`end_date`: its last, when it spans several) passes the date: terms
    (any of them) and -date: terms (none of them)."""
    wanted, unwanted = query.of("date"), query.of("date", negate=True)
    if wanted and not any(in_dates(date, value, end_date) for value in wanted):
        return False
    return not any(in_dates(date, value, end_date) for value in unwanted)


def in_dates(date: str | None, value: str, end_date: str | None = None) -> bool:
    """Whether the days from `date` to `end_date` (or `date` alone) meet a date: value (`2020`,
    `2020-03..2020-06`, `..2020`), each compared at the precision written."""
    found = date_range(value)
    if not date or found is None:  # an event without a date is in no range
        return False
    first, last = found
    end = end_date if end_date and end_date > date else date
    return (not first or end[: len(first)] >= first) and (not last or date[: len(last)] <= last)


def sorted_speakers(query: Query, speakers: Sequence[Speaker]) -> tuple[frozenset[int] | None, frozenset[int]]:
    """The indexes of the speakers that org: and role: name (None: no such term) and of those -org:/-role: name."""
    tests: list[tuple[str, Callable[[Speaker, str], bool]]] = [("org", org_matches), ("role", role_matches)]
    wanted: frozenset[int] | None = None
    unwanted: set[int] = set()
    for field, test in tests:
        terms, negated = query.of(field), query.of(field, negate=True)
        if terms:  # each field: any of its values; both fields: both
            named = frozenset(n for n, s in enumerate(speakers) if _passes(test, s, terms))
            wanted = named if wanted is None else wanted & named
        if negated:
            unwanted.update(n for n, s in enumerate(speakers) if _passes(test, s, negated))
    return wanted, frozenset(unwanted)


# Each test answered once per organisation (or roles) and terms: a corpus lists 235,000 speaker
# records of a few hundred organisations, and each key asked every record.
@functools.lru_cache(maxsize=65_536)
def _org_passes(organisation: str, terms: tuple[str, ...]) -> bool:
    return any(name.startswith(t) for name in _org_names(organisation) for t in terms)


@functools.lru_cache(maxsize=65_536)
def _role_passes(event_roles: tuple[str, ...], role: str | None, terms: tuple[str, ...]) -> bool:
    return any(name.startswith(t) for name in _role_names(event_roles, role) for t in terms)


def _passes(test: Callable[[Speaker, str], bool], speaker: Speaker, terms: tuple[str, ...]) -> bool:
    if test is org_matches:
        return speaker.organisation is not None and _org_passes(speaker.organisation, terms)
    return _role_passes(speaker.event_roles, speaker.role, terms)


def org_matches(speaker: Speaker, folded_term: str) -> bool:
    """org:TERM: the start of the organisation, or of a part of it between commas and parentheses."""
    return speaker.organisation is not None and any(
        name.startswith(folded_term) for name in _org_names(speaker.organisation)
    )


def role_matches(speaker: Speaker, folded_term: str) -> bool:
    """role:TERM: the start of one of the speaker's roles at the event (chair, panelist) or of their role."""
    return any(name.startswith(folded_term) for name in _role_names(speaker.event_roles, speaker.role))


@functools.lru_cache(maxsize=16_384)
def _org_names(organisation: str) -> tuple[str, ...]:
    """An organisation folded whole and in its parts (a library has thousands of speakers, a few hundred bodies)."""
    folded = " ".join(fold(organisation).split())  # "Green  Group": as a query folds it, one space
    parts = (part.strip() for part in _ORG_PARTS.split(folded))
    return (folded, *(part for part in parts if part))


@functools.lru_cache(maxsize=16_384)
def _role_names(event_roles: tuple[str, ...], role: str | None) -> tuple[str, ...]:
    """The roles folded, a role of several positions ("member, Minister of Finance") whole and each of them."""
    positions = [part.strip() for part in (role or "").split(",")] if role and "," in role else []
    return tuple(" ".join(fold(name).split()) for name in (*event_roles, role or "", *positions) if name)


def positions_kept(proceedings: Proceedings, kept: Kept) -> list[int]:
    """Every remark of the speakers that org:/role:/date: keep, in report order."""
    by_speaker, speakers = proceedings.positions_of("speaker"), proceedings.speakers
    if not kept.per_section:
        codes = kept.by_part.get(0, frozenset())
        return sorted(p for code in codes for p in by_speaker.get(speakers[code].id, ()))
    by_section, sections = proceedings.positions_of("section"), proceedings.sections
    in_parts = sorted(p for part in kept.by_part for p in by_section.get(sections[part].id, ()))
    return keep(proceedings, kept, in_parts)


def keep(proceedings: Proceedings, kept: Kept, remaining: Sequence[int]) -> list[int]:
    """Those of `remaining` whose speaker the org:/role:/date: terms keep at their event."""
    if not kept.by_part:
        return []
    columns = proceedings.columns
    speaker_of, section_of = columns.speaker, columns.section
    if len(remaining) >= column_math.LARGE:  # numpy's whole-array steps
        return column_math.kept(remaining, speaker_of, section_of if kept.per_section else None, kept.by_part)
    if not kept.per_section:
        codes = kept.by_part.get(0, frozenset())
        return [i for i in remaining if speaker_of[i] in codes]
    none = frozenset[int]()
    return [i for i in remaining if speaker_of[i] in kept.by_part.get(section_of[i], none)]
