"""`podium remarks` through the library index prints what the plain load prints, for every query form.

Libraries are generated (several events, speakers, sections, replies, topics, texts with accents,
CJK and combining marks), written as files, indexed on disk in several segments, and every query
is answered both ways: from the index's files, and by loading and scanning the events.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.test_word_index import TEXT, queries
from tui.core.attributes import Part
from tui.core.combined import Combined, combinable, combine
from tui.core.matching import SearchIndex
from tui.core.model import Event, Proceedings, Remark, Section, Speaker, Venue
from tui.core.query import Query, QueryError, parse
from tui.core.search import LiveSearch
from tui.formats.open import load_paths
from tui.formats.podium_yaml_writer import to_podium_yaml
from tui.index import build
from tui.index.reading import load_library, query_library
from tui.output import render

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    # monkeypatch only sets the batch size, drawn anew for every example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NAMES = ["Merve Hickok", "Cyrus Hodes", "Ana Ölçer", "安全 太郎", "Hickok Hodes", "Zoë e\u0301clair"]
TITLES = ["Opening", "Panel: safety", "Q&A", "議論"]
TOPICS = ["safety", "governance", "Sécurité", "安全"]
# org:, role: and date: read the event's speakers' records and its date: several of each, some missing,
# so one person (one id and name) has another organisation or role at another event.
ORGS = ["Global Partnership on AI (GPAI)", "Tokyo College, The University of Tokyo", "Grupo Parlamentario (GP-PP)"]
ROLES = ["Chair", "Member", "Ministre délégué"]
EVENT_ROLES = ["chair", "moderator", "panelist"]
DATES = [None, "2020-03-01", "2020-06-30", "2021-01-15", "2024-03-28"]


@st.composite
def events(draw: st.DrawFn, number: int) -> Proceedings:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    speakers = tuple(
        Speaker(
            f"s{n}",
            name,
            draw(st.sampled_from([None, *ROLES])),
            organisation=draw(st.sampled_from([None, *ORGS])),
            event_roles=tuple(draw(st.lists(st.sampled_from(EVENT_ROLES), max_size=2, unique=True))),
        )
        for n, name in enumerate(names)
    )
    titles = draw(st.lists(st.sampled_from(TITLES), min_size=1, max_size=3, unique=True))
    sections = tuple(Section(f"sec{n}", n + 1, title, "panel") for n, title in enumerate(titles))
    remarks: list[Remark] = []
    for position in range(draw(st.integers(0, 12))):
        text = draw(TEXT).strip() or "a"
        reply_to = draw(st.one_of(st.none(), st.integers(0, position - 1))) if position else None
        remarks.append(
            Remark(
                f"r{position + 1}",
                draw(st.sampled_from(sections)).id,
                draw(st.sampled_from(speakers)).id,
                text,
                remarks[reply_to].id if reply_to is not None else None,
                tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
                position,
            )
        )
    event = Event(f"event-{number}", f"Event {number}", draw(st.sampled_from(DATES)), Venue(hall="Hall"))
    return Proceedings(f"event-{number}.yaml", event, speakers, sections, tuple(remarks))


@st.composite
def field_terms(draw: st.DrawFn) -> str:
    field = draw(st.sampled_from([*FIELDS, *(f"-{f}" for f in FIELDS)]))
    if field.endswith("date:"):
        return field + draw(st.sampled_from(DATE_VALUES))
    if field.endswith(("org:", "role:")):
        value = draw(st.sampled_from([*ORGS, *ROLES, *EVENT_ROLES, "gp", "tokyo", "the univ", "ministre", "MINISTRE"]))
    else:
        value = draw(st.sampled_from([*NAMES, *TITLES, *TOPICS, "1", "2", "s1", "hick", "é", "安"]))
    value = value.split()[0] if draw(st.booleans()) else f'"{value}"'
    return field + value


FIELDS = ["speaker:", "section:", "topic:", "org:", "role:", "date:"]
DATE_VALUES = ["2020", "2020-03", "2020-06-30", "2020-03-01..2020-06-30", "2020..", "..2020-06", "2021..2024", "..2019"]


def _write(directory: Path, library: list[Proceedings]) -> list[Path]:
    paths = []
    for p in library:
        path = directory / f"{p.event.id}.yaml"
        path.write_text(to_podium_yaml(p), encoding="utf-8")
        paths.append(path)
    return paths


def _both(directory: Path, paths: list[Path], source: str) -> None:
    try:
        query = parse(source)
    except QueryError:
        return
    answer = query_library(paths, query, [], root=directory / "index")
    library = load_paths(paths).library
    for fmt in ("json", "text", "md"):
        expected = render.remarks(library, query, fmt, width=None)
        assert render.found_remarks(answer.found, query, fmt, width=None) == expected, (source, fmt)
    _views_agree(directory, paths, query)


def _views_agree(directory: Path, paths: list[Path], query: Query) -> None:
    """The browser's views searched through the index's segments find what their scan finds."""
    loaded = load_library(paths, [], root=directory / "index")
    assert loaded.words is not None and not loaded.words.pending  # the query before built them
    library = loaded.library
    views: list[tuple[list[tuple[Proceedings, int]], Proceedings, tuple[Part, ...] | None]]
    views = [([(event, 0)], event, None) for event in library.events]
    if combinable(library):
        combined = combine(library)
        joined = list(zip(library.events, combined.starts, strict=True))
        views.append((joined, combined.proceedings, combined.parts()))
        _each_event_as_alone(combined, query)
    for parts, proceedings, events in views:
        words = loaded.words.words_for(parts)
        assert words is not None
        through = SearchIndex(proceedings, events)
        through.use_words(words)
        expected = SearchIndex(proceedings, events).search(query)
        assert through.search(query) == expected, (query.source, proceedings.event.id)
    _all_events_agree(directory, paths, query)


def _each_event_as_alone(combined: Combined, query: Query) -> None:
    """All events finds, in each event, what that event alone finds: org:, role: and date: read each
    event's own records, not those of the person All events made of one speaker of several events."""
    if any(t.field in ("speaker", "section") for t in query.terms):
        return  # those name All events' speakers and its sections (the events)
    found = SearchIndex(combined.proceedings, combined.parts()).search(query)
    alone = [
        start + p
        for event, start in zip(combined.library.events, combined.starts, strict=True)
        for p in SearchIndex(event).search(query)
    ]
    assert found == alone, query.source


def _all_events_agree(directory: Path, paths: list[Path], query: Query) -> None:
    """All events as the browser reads it (no remark made, each read from the index as it is needed) finds
    what All events made in memory from the files finds, with the same counts per speaker and per event."""
    loaded = load_library(paths, [], root=directory / "index", all_events=True)
    browsed = loaded.combined
    if browsed is None:
        return
    assert loaded.words is not None
    words = loaded.words.words_for(list(zip(browsed.library.events, browsed.starts, strict=True)))
    assert words is not None
    through = LiveSearch(browsed.proceedings, browsed.parts())
    through.index.use_words(words)
    made = combine(load_paths(paths).library)
    plain = LiveSearch(made.proceedings, made.parts())
    for speakers in (frozenset(), frozenset(s.id for s in browsed.proceedings.speakers[:1])):
        found, expected = through.run(query, speakers), plain.run(query, speakers)
        assert found.positions == expected.positions, query.source
        assert (found.speaker_counts, found.section_counts) == (expected.speaker_counts, expected.section_counts)
        first = through.first(query, speakers, count=5)
        assert first.positions == plain.first(query, speakers, count=5).positions
    shown = [browsed.proceedings.remarks[p] for p in found.positions[:20]]
    assert shown == [plain.proceedings.remarks[p] for p in found.positions[:20]]


@SETTINGS
@given(data=st.data())
def test_the_index_on_disk_answers_as_the_plain_scan(data: st.DataObject, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "BATCH_REMARKS", data.draw(st.sampled_from([1, 5, 1000]), label="batch"))
    library = [data.draw(events(n), label=f"event {n}") for n in range(data.draw(st.integers(1, 4)))]
    texts = [r.text for p in library for r in p.remarks] or ["a"]
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        paths = _write(directory, library)
        for _ in range(4):
            words = data.draw(queries(texts), label="words")
            fields = data.draw(st.lists(field_terms(), max_size=2), label="fields")
            _both(directory, paths, " ".join([words, *fields]))
        # One file changes, one goes: the index reads that file again and forgets the other.
        library[0] = data.draw(events(0), label="event 0 again")
        _write(directory, library[:1])
        paths = paths[:-1] if len(paths) > 1 else paths
        _both(directory, paths, data.draw(queries(texts), label="after the change"))
        _both(directory, paths, "")
