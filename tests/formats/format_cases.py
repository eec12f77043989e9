"""What the format tests share: where fixtures and the real sample files are, and what an id looks like."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from tui.core.model import EVENT_ROLES, SECTION_KINDS, Proceedings, Remark

ROOT = Path(__file__).resolve().parents[2]
# Real files made by real tools, kept beside the checkout and never committed (CI has them).
SHARED = ROOT.parent / "shared" / "formats"
ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def assert_valid_schedule(p: Proceedings) -> None:
    """What every schedule reader must give: talks and no remarks, ids valid, unique and resolving."""
    assert p.remarks == ()
    assert [s.number for s in p.sections] == list(range(1, len(p.sections) + 1))
    for records in (p.sections, p.speakers):
        ids = [r.id for r in records]
        assert len(set(ids)) == len(ids)
        assert all(ID.fullmatch(i) for i in ids)
    assert all(s.kind in SECTION_KINDS for s in p.sections)
    assert all(set(s.speakers) <= set(p.speaker_by_id) for s in p.sections)
    assert all(set(s.event_roles) <= set(EVENT_ROLES) for s in p.speakers)


def shared(name: str) -> Path:
    """A real sample file; the test is skipped where the samples are not present."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


# Every layout of a format the readers know, as fixtures under tests/fixtures/formats/: each format's
# no-word-lost test reads all of its layouts. A reader that learns a layout adds its fixture here.
LAYOUTS: dict[str, list[str]] = {}
LAYOUTS["akoma_ntoso"] = [
    "akoma_ntoso/debate_v3.xml",  # 3.0 namespace, TLCPerson per speaker, <from> an alias
    "akoma_ntoso/committee_2021-05-06.xml",  # 2.0 with a prefix
    "akoma_ntoso/bare_debate.xml",  # a <debate> root
    "akoma_ntoso/senado_2023-06-14.xml",  # Chile's Senate: one placeholder `by`, names and first words in <from>
]
LAYOUTS["sayit"] = [
    "sayit/2024-05-01-town-hall.md",  # speeches, sections, audience questions, Markdown links, stage notes
    "sayit/2024-06-02-library-committee.md",  # HTML links and tags, backslash escapes, notes over paragraphs
]

LAYOUTS["schedules"] = [  # test_schedule_layouts.py: no talk, speaker or word lost; `podium validate` OK
    "schedules/frab_small.xml",  # frab: <day><room name><event>
    "schedules/pentabarf_days.xml",  # pentabarf, FOSDEM 2007-2012: <day><event><room>
    "schedules/frab_bare_persons.xml",  # a static site's bare <person>A, B</person>, no <persons>
    "schedules/v1_small.json",  # c3voc schedule.json v1: days[].rooms{}
    "schedules/v2_small.json",  # c3voc schedule.json v2: events[], persons[]
    "schedules/pretalx_widget.json",  # pretalx widgets/schedule.json: talks[], rooms[], speakers[] by id
    "schedules/pretalx_widget_v1.json",  # pretalx widget/v1.json: schedule[].rooms[].talks[]
]


def layouts(format_name: str) -> list[Path]:
    """The fixture of each layout of a format."""
    return [ROOT / "tests" / "fixtures" / "formats" / name for name in LAYOUTS[format_name]]


WORD = re.compile(r"\w+")


def assert_no_word_lost(spoken: str, remarks: Iterable[Remark]) -> None:
    """The words of `spoken` (a source's text with its markup and labels taken out), in order, are the remarks'.

    Equal, not contained: a word lost, repeated or invented fails; `\\w+` words, so punctuation may move.
    """
    said = WORD.findall(" ".join(r.text for r in remarks))
    expected = WORD.findall(spoken)
    for at, (got, want) in enumerate(zip(said, expected, strict=False)):
        before = " ".join(expected[:at][-8:])
        assert got == want, f"word {at}: {got!r} where the source says {want!r} (after {before!r})"
    assert len(said) == len(expected), f"{len(said)} words said, the source has {len(expected)}"
