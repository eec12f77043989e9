"""Podium's own YAML format: a composed node graph read into the model, every problem at FILE:LINE:COL.

The graph comes from yaml_compose (safe, guarded); each node is read against the
format directly, so each problem points at the node that caused it and nothing in
the file can construct an arbitrary object.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.model import (
    EVENT_ROLES,
    SECTION_KINDS,
    SPEAKER_KINDS,
    Attendance,
    Event,
    Proceedings,
    Remark,
    Section,
    Speaker,
    Venue,
)
from .reader import Format
from .source import Problem, decode
from .yaml_compose import compose
from .yaml_nodes import NodeReader, unknown

SCHEMA_VERSION = 1


# --------------------------------------------------------------------------- records


def _read_event(r: NodeReader, node: Node) -> Event | None:
    f = r.fields(
        node,
        "event",
        ("id", "title"),
        ("date", "venue", "organisers", "attendance", "summary", "end_date"),
    )
    if f is None:
        return None
    venue = Venue()
    if "venue" in f:
        v = r.fields(f["venue"], "event venue", (), ("hall", "building", "campus", "institution"))
        if v is not None:
            venue = Venue(
                *(r.text(v.get(k), f"venue {k}", optional=True) for k in ("hall", "building", "campus", "institution"))
            )
    attendance: list[Attendance] = []
    if "attendance" in f:
        modes = r.fields(f["attendance"], "event attendance", (), ("online", "venue"))
        for mode, mode_node in (modes or {}).items():
            a = r.fields(mode_node, f"attendance {mode}", ("count",), ("approximate",))
            if a is not None:
                count = r.number(a.get("count"), f"attendance {mode} count")
                if count is not None:
                    attendance.append(Attendance(mode, count, r.flag(a.get("approximate"), "approximate")))
    date, end_date = (_date(r, f.get(key), f"event {key}") for key in ("date", "end_date"))
    event_id = r.identifier(f.get("id"), "event id")
    title = r.text(f.get("title"), "event title")
    if event_id is None or title is None:
        return None
    return Event(
        id=event_id,
        title=title,
        date=date,
        venue=venue,
        organisers=r.texts(f.get("organisers"), "event organisers"),
        attendance=tuple(attendance),
        summary=r.text(f.get("summary"), "event summary", optional=True),
        end_date=end_date,
    )


def _date(r: NodeReader, node: Node | None, what: str) -> str | None:
    value = r.text(node, what, optional=True)
    if value is not None and node is not None and not _is_iso_date(value):
        r.fail(node, f"{what} '{value}' must be a real date written YYYY-MM-DD, in quotes")
    return value


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_SPEAKER_OPTIONAL = (
    "honorific",
    "role",
    "organisation",
    "event_role",
    "kind",
    "aliases",
    "bio",
    "sex",
)


def _read_speaker(r: NodeReader, node: Node) -> Speaker | None:
    f = r.fields(node, "speaker", ("id", "name"), _SPEAKER_OPTIONAL)
    if f is None:
        return None
    speaker_id = r.identifier(f.get("id"), "speaker id")
    name = r.text(f.get("name"), "speaker name")
    kind = r.choice(f["kind"], "speaker kind", SPEAKER_KINDS) if "kind" in f else "speaker"
    speaker = Speaker(
        id=speaker_id or "",
        name=name or "",
        honorific=r.text(f.get("honorific"), "speaker honorific", optional=True),
        role=r.text(f.get("role"), "speaker role", optional=True),
        organisation=r.text(f.get("organisation"), "speaker organisation", optional=True),
        event_roles=r.texts(f.get("event_role"), "speaker event_role", EVENT_ROLES),
        kind=kind or "speaker",
        aliases=r.texts(f.get("aliases"), "speaker aliases"),
        bio=r.text(f.get("bio"), "speaker bio", optional=True),
        sex=r.text(f.get("sex"), "speaker sex", optional=True),
    )
    return speaker if speaker_id and name and kind else None


_SECTION_OPTIONAL = ("description", "start", "duration", "room", "track", "abstract", "speakers")


def _read_section(r: NodeReader, node: Node, speakers: Mapping[str, object]) -> Section | None:
    f = r.fields(node, "section", ("id", "number", "title", "kind"), _SECTION_OPTIONAL)
    if f is None:
        return None
    section_id = r.identifier(f.get("id"), "section id")
    number = r.number(f.get("number"), "section number")
    title = r.text(f.get("title"), "section title")
    kind = r.choice(f.get("kind"), "section kind", SECTION_KINDS)
    description = r.text(f.get("description"), "section description", optional=True)
    start = r.text(f.get("start"), "section start", optional=True)
    if start is not None and not _is_iso_datetime(start):
        r.fail(f["start"], f"section start '{start}' must be a date and time written like 2024-03-28T14:30, in quotes")
    duration = r.number(f.get("duration"), "section duration (minutes)")
    text = {k: r.text(f.get(k), f"section {k}", optional=True) for k in ("room", "track", "abstract")}
    ok = True
    for item in r.items(f.get("speakers"), "section speakers") if "speakers" in f else ():
        value = r.text(item, "section speaker")
        ok = value is not None and _reference(r, item, value, "speaker", speakers) and ok
    if section_id is None or number is None or title is None or kind is None or not ok:
        return None
    return Section(
        section_id,
        number,
        title,
        kind,
        description,
        start=start,
        duration=duration,
        speakers=r.texts(f.get("speakers"), "section speakers"),
        **text,
    )


def _is_iso_datetime(value: str) -> bool:
    if not re.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?", value
    ):
        return False
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _unique(r: NodeReader, pairs: Iterable[tuple[str, Node]], what: str) -> None:
    first: dict[str, Node] = {}
    for value, node in pairs:
        if value in first:
            line = first[value].start_mark.line + 1
            r.fail(
                node,
                f"duplicate {what} '{value}' (first on line {line}); each must be unique",
            )
        else:
            first[value] = node


def _id_node(node: Node) -> Node:
    """The node of a record's id, to point at; the record itself if it has none."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id":
                return value  # type: ignore[no-any-return]
    return node


def _reference(r: NodeReader, node: Node, value: str, what: str, known: Mapping[str, object]) -> bool:
    if value in known:
        return True
    if not known:
        r.fail(node, f"unknown {what} '{value}'; the file declares no {what}s")
    else:
        r.fail(node, unknown(f"{what} '{value}'", value, list(known)[:12]))
    return False


_REMARK_REQUIRED = ("id", "section", "speaker", "text")
_REMARK_OPTIONAL = ("reply_to", "topics", "start", "end", "spoken", "notes")


def _read_remarks(
    r: NodeReader,
    nodes: list[Node],
    speakers: Mapping[str, object],
    sections: Mapping[str, object],
) -> list[Remark]:
    remarks: list[Remark] = []
    positions: dict[str, int] = {}  # remark id -> index in `nodes`
    for index, node in enumerate(nodes):
        f = r.fields(node, "remark", _REMARK_REQUIRED, _REMARK_OPTIONAL)
        if f is None:
            continue
        remark_id = r.identifier(f.get("id"), "remark id")
        section = r.text(f.get("section"), "remark section")
        speaker = r.text(f.get("speaker"), "remark speaker")
        text = r.text(f.get("text"), "remark text")
        reply_to = r.text(f.get("reply_to"), "remark reply_to", optional=True)
        topics = r.texts(f.get("topics"), "remark topics")
        notes = r.texts(f.get("notes"), "remark notes")
        start, end = r.seconds(f.get("start"), "remark start"), r.seconds(f.get("end"), "remark end")
        spoken = r.seconds(f.get("spoken"), "remark spoken")
        ok = None not in (remark_id, section, speaker, text)
        if start is not None and end is not None and end < start:
            r.fail(f["end"], f"remark end ({end:g} s) is before its start ({start:g} s); swap or correct them")
            ok = False
        if section is not None:
            ok = _reference(r, f["section"], section, "section", sections) and ok
        if speaker is not None:
            ok = _reference(r, f["speaker"], speaker, "speaker", speakers) and ok
        if remark_id is not None and remark_id in positions:
            line = nodes[positions[remark_id]].start_mark.line + 1
            r.fail(
                f["id"],
                f"duplicate remark id '{remark_id}' (first on line {line}); each must be unique",
            )
            ok = False
        if reply_to is not None:
            earlier = positions.get(reply_to)
            if reply_to == remark_id:
                r.fail(
                    f["reply_to"],
                    f"remark '{remark_id}' replies to itself; reply_to names the remark it answers",
                )
                ok = False
            elif earlier is None:
                later = any(_id_value(n) == reply_to for n in nodes[index + 1 :])
                r.fail(
                    f["reply_to"],
                    f"reply_to '{reply_to}' names a later remark; a reply must come after the remark it answers"
                    if later
                    else f"reply_to '{reply_to}' names no remark in this event",
                )
                ok = False
        if remark_id is not None and remark_id not in positions:
            positions[remark_id] = index
        if ok:
            assert remark_id and section and speaker and text
            remarks.append(
                Remark(remark_id, section, speaker, text, reply_to, topics, len(remarks), start, end, spoken, notes)
            )
    return remarks


def _declared_ids(r: NodeReader, node: Node | None) -> dict[str, None]:
    if not isinstance(node, SequenceNode):
        return {}
    ids = (_id_value(item) for item in node.value)
    return {value: None for value in ids if isinstance(value, str)}


def _id_value(node: Node) -> object:
    found = _id_node(node)
    return found.value if found is not node else None


def read_proceedings(name: str, root: Node, text: str | None = None) -> tuple[Proceedings | None, list[Problem]]:
    """Check a composed document against the format and build its records (`text`: for positions)."""
    r = NodeReader(name, text)
    top = r.fields(root, "the file", ("schema_version", "event", "speakers", "sections", "remarks"))
    if top is None:
        return None, r.problems
    if "schema_version" in top:
        version = r.number(top["schema_version"], "schema_version")
        if version is not None and version != SCHEMA_VERSION:
            r.fail(
                top["schema_version"],
                f"schema_version {version} is not supported; this Podium reads version {SCHEMA_VERSION}",
            )
    event = _read_event(r, top["event"]) if "event" in top else None

    speakers = [(s, n) for n in r.items(top.get("speakers"), "speakers") if (s := _read_speaker(r, n))]
    _unique(r, ((s.id, _id_node(n)) for s, n in speakers), "speaker id")
    declared_speakers = _declared_ids(r, top.get("speakers"))
    sections = [
        (c, n) for n in r.items(top.get("sections"), "sections") if (c := _read_section(r, n, declared_speakers))
    ]
    _unique(r, ((s.id, _id_node(n)) for s, n in sections), "section id")
    _unique(r, ((str(s.number), n) for s, n in sections), "section number")

    # References are checked against every id the file declares, valid or not,
    # so that one bad speaker does not also flag each of their remarks.
    remarks = _read_remarks(
        r,
        r.items(top.get("remarks"), "remarks"),
        declared_speakers,
        _declared_ids(r, top.get("sections")),
    )
    if r.problems or event is None:
        return None, sorted(r.problems, key=lambda p: (p.line or 0, p.column or 0))
    return Proceedings(name, event, tuple(s for s, _ in speakers), tuple(s for s, _ in sections), tuple(remarks)), []


def read_podium_yaml(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """A Podium YAML file's bytes to its event, or every problem found in it."""
    text = decode(name, data)
    if isinstance(text, Problem):
        return None, [text]
    root = compose(name, text, on_read)
    if isinstance(root, Problem):
        return None, [root]
    return read_proceedings(name, root, text)


FORMAT = Format(
    "Podium YAML",
    (".yaml", ".yml"),
    lambda head: b"schema_version" in head,
    read_podium_yaml,
    suffix_is_enough=True,
)
