"""Any event back to Podium YAML, for `podium convert`: a file to curate by hand that reads back the same.

Written with PyYAML's safe dumper, which quotes every string YAML would read as
something else ("2024-03-28", "yes", "1e3") and escapes control characters, so
the output always validates and round-trips.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..core.model import Proceedings, Remark, Section, Speaker
from ..core.textsafe import safe_line
from .podium_yaml import SCHEMA_VERSION

try:  # libyaml's emitter: about ten times faster on 100,000 remarks
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def _without_empty(record: dict[str, Any]) -> dict[str, Any]:
    """Optional fields left out when they have no value, as a person would write the file."""
    return {k: v for k, v in record.items() if v not in (None, [], {}, ())}


def _seconds(value: float | None) -> float | None:
    # Milliseconds are all a recording gives; rounding also keeps floats out of exponent notation.
    return None if value is None else round(value, 3)


def _event(p: Proceedings) -> dict[str, Any]:
    e = p.event
    venue = {
        "hall": e.venue.hall,
        "building": e.venue.building,
        "campus": e.venue.campus,
        "institution": e.venue.institution,
    }
    attendance = {
        a.mode: _without_empty({"count": a.count, "approximate": a.approximate or None}) for a in e.attendance
    }
    return _without_empty(
        {
            "id": e.id,
            "title": e.title,
            "date": e.date,
            "end_date": e.end_date,
            "venue": _without_empty(venue),
            "organisers": list(e.organisers),
            "attendance": attendance,
            "summary": e.summary,
        }
    )


def _speaker(s: Speaker) -> dict[str, Any]:
    return _without_empty(
        {
            "id": s.id,
            "name": s.name,
            "honorific": s.honorific,
            "role": s.role,
            "organisation": s.organisation,
            "event_role": list(s.event_roles),
            "kind": None if s.kind == "speaker" else s.kind,
            "aliases": list(s.aliases),
            "bio": s.bio,
            "sex": s.sex,
        }
    )


def _section(s: Section) -> dict[str, Any]:
    return _without_empty(
        {
            "id": s.id,
            "number": s.number,
            "title": s.title,
            "kind": s.kind,
            "description": s.description,
            "start": s.start,
            "duration": s.duration,
            "room": s.room,
            "track": s.track,
            "abstract": s.abstract,
            "speakers": list(s.speakers),
        }
    )


def _remark(r: Remark) -> dict[str, Any]:
    return _without_empty(
        {
            "id": r.id,
            "section": r.section,
            "speaker": r.speaker,
            "start": _seconds(r.start),
            "end": _seconds(r.end),
            "spoken": _seconds(r.spoken),
            "reply_to": r.reply_to,
            "topics": list(r.topics),
            "text": r.text,
            "notes": list(r.notes),
        }
    )


def to_podium_yaml(p: Proceedings) -> str:
    """The event as a Podium YAML document."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "event": _event(p),
        "speakers": [_speaker(s) for s in p.speakers],
        "sections": [_section(s) for s in p.sections],
        "remarks": [_remark(r) for r in p.remarks],
    }
    header = safe_line(f"# Converted by Podium from {p.origin}: {p.source}") + "\n"
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body
