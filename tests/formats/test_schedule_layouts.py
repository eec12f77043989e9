"""Every schedule layout Podium reads: no talk, speaker or word lost, and `podium validate` honest about it.

A schedule that reads but gives no talk is a problem (`FILE: no talks found: …`), exit 1, never OK.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from format_cases import ROOT, layouts
from lxml import etree

from tui.cli import EXIT_INVALID, EXIT_OK, main
from tui.core.model import Proceedings
from tui.formats.open import load_file

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "schedules"
TALK_TEXT = ("title", "subtitle", "abstract", "description")
PERSON_LISTS = ("persons", "participants", "speakers")
NAMES = ("name", "public_name", "full_public_name")


def words(text: str) -> set[str]:
    """The words of a text, its HTML tags, entities and doubly escaped line breaks aside."""
    plain = html.unescape(re.sub(r"<[^<>]*>", " ", text.replace("\\r\\n", " ")))
    return {w.casefold() for w in re.findall(r"\w+", plain)}


def kept(p: Proceedings) -> set[str]:
    """Every word Podium shows of a schedule: the event, its talks, its speakers."""
    texts = [p.event.title, p.event.summary or ""]
    for s in p.sections:
        texts += [s.title, s.description or "", s.abstract or "", s.room or "", s.track or ""]
    for speaker in p.speakers:
        texts += [speaker.name, speaker.bio or ""]
    return set().union(*(words(t) for t in texts))


def xml_sources(data: bytes) -> tuple[int, list[list[str]]]:
    """The talks in a schedule.xml, and the texts of each talk and person (one variant each)."""
    root = etree.fromstring(data)
    events = root.findall(".//event")
    texts = [[e.findtext(tag) or "" for tag in (*TALK_TEXT, "room", "track")] for e in events]
    texts += [[p.text or ""] for p in root.iter("person")]
    return len(events), texts


def _variants(value: object) -> list[str]:
    """A text, or each language of a translated one ({"en": …, "de": …}): one of them must be kept."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return []


def json_sources(data: bytes) -> tuple[int, list[list[str]]]:
    """The talks in a JSON schedule (any record with a title and a start or date), and their texts."""
    talks, texts = 0, []

    def walk(node: Any, key: str = "") -> None:
        nonlocal talks
        if isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, dict):
            if "title" in node and ("start" in node or "date" in node) and key != "conference":
                talks += 1
                texts.extend(v for field in TALK_TEXT if (v := _variants(node.get(field))))
            if key in PERSON_LISTS:
                texts.extend(v for field in (*NAMES, "biography") if (v := _variants(node.get(field))))
            for name, value in node.items():
                walk(value, name)

    walk(json.loads(data))
    return talks, texts


SCHEDULES = layouts("schedules")


@pytest.mark.parametrize("path", SCHEDULES, ids=[p.name for p in SCHEDULES])
def test_no_talk_speaker_or_word_is_lost(path: Path) -> None:
    p, problems = load_file(path)
    assert problems == []
    assert p is not None
    data = path.read_bytes()
    talks, sources = xml_sources(data) if path.suffix == ".xml" else json_sources(data)
    assert len(p.sections) == talks > 0
    shown = kept(p)
    for variants in sources:  # every word of a title, subtitle, abstract or name: in some variant
        assert any(words(v) <= shown for v in variants), (variants, sorted(words(variants[0]) - shown))


@pytest.mark.parametrize("path", SCHEDULES, ids=[p.name for p in SCHEDULES])
def test_validate_says_ok_for_each_layout(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(path)]) == EXIT_OK
    assert capsys.readouterr() == (f"{path}: OK\n", "")


FRAB_EMPTY = "no talks found: a schedule.xml lists each talk as an <event> in a <day>, directly"
C3VOC_EMPTY = 'no talks found: a c3voc schedule.json lists its talks in "conference"'
PRETALX_EMPTY = 'no talks found: pretalx widget data lists them in "talks"'
CONFERENCE = "<conference><title>Empty Con</title></conference>"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("frab.xml", f'<schedule>{CONFERENCE}<day date="2025-01-01"><room name="A"/></day></schedule>', FRAB_EMPTY),
        # a day of elements Podium does not know: no talk is made up from them
        ("other.xml", f'<schedule>{CONFERENCE}<day date="2025-01-01"><slot id="1"/></day></schedule>', FRAB_EMPTY),
        ("v1.json", '{"schedule": {"conference": {"title": "E", "days": [{"date": "2025-01-01", "rooms": {}}]}}}',
         C3VOC_EMPTY),
        ("v2.json", '{"$schema": "https://c3voc.de/schema/schedule2", "schedule": {"conference": {"title": "E"},'
         ' "events": []}}', C3VOC_EMPTY),
        ("widget.json", '{"talks": [], "event_start": "2025-01-01", "rooms": [], "speakers": []}', PRETALX_EMPTY),
        ("widget_v1.json", '{"schedule": [{"index": 1, "rooms": [{"name": "A", "talks": []}]}], "event": {}}',
         PRETALX_EMPTY),
        ("calendar.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
         "no talks found: an iCalendar schedule lists each talk as a BEGIN:VEVENT … END:VEVENT in its VCALENDAR"),
        ("event.yaml", "schema_version: 1\nevent:\n  id: e\n  title: E\nspeakers: []\nsections: []\nremarks: []\n",
         "no remarks or talks found: this Podium YAML holds neither, so it has nothing to show"),
    ],
)  # fmt: skip
def test_a_schedule_of_no_talks_is_a_problem(
    name: str, content: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == EXIT_INVALID
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{path}: {message}")
    assert err.count("\n") == 1


def test_a_fosdem_era_pentabarf_schedule_gives_its_talks(capsys: pytest.CaptureFixture[str]) -> None:
    """The layout that gave 0 of 301 talks and said OK: <event>s straight in each <day>."""
    path = FIXTURES / "pentabarf_days.xml"
    assert main(["agenda", str(path), "-f", "json"]) == EXIT_OK
    (event,) = json.loads(capsys.readouterr().out)["events"]
    assert [(s["title"], s["room"], s["start"]) for s in event["sections"]] == [
        ("Welcome to the meeting", "Janson", "2011-02-05T09:30"),
        ("Kernels from scratch: what a scheduler owes its threads", "Janson", "2011-02-05T10:00"),
        ("Packaging workshop", "H.1302 (Depage)", "2011-02-05T10:00"),
        ("Closing talk", "Ferrer", "2011-02-06T11:00"),
    ]
