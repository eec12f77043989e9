"""All events made as the library index is read back: each remark made once, each event's own made from it."""

from __future__ import annotations

import pickle
import shutil
import threading
from pathlib import Path

import pytest

import tui.formats.open as opening
from tui.core.combined import combine
from tui.core.event_remarks import EventRemarks
from tui.core.model import Event, Proceedings, Remark, Speaker
from tui.core.threads import ThreadIndex
from tui.formats.open import expand_paths, load_paths
from tui.index.paged import IndexedRemarks
from tui.index.reading import load_library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

CLASH = """\
schema_version: 1
event:
  id: other-panel
  title: Another panel
  date: "2024-04-02"
speakers:
  - id: hodes
    name: Someone Else Entirely
  - id: martinez
    name: Victoria Martinez
sections:
  - id: first
    number: 1
    title: First
    kind: remarks
  - id: second
    number: 2
    title: Second
    kind: panel
remarks:
  - id: a1
    section: first
    speaker: hodes
    text: Opened with a word on audits.
    topics: [audits]
  - id: a2
    section: second
    speaker: martinez
    reply_to: a1
    text: Answered about audits.
  - id: a3
    section: second
    speaker: hodes
    reply_to: a2
    text: Agreed.
"""


def _library(folder: Path) -> list[Path]:
    """Copies of the bundled event, an event whose `hodes` is someone else, a small event, one bad file."""
    from bench.generate import write_library

    write_library(3, 2, folder)
    (folder / "event-clash.yaml").write_text(CLASH, encoding="utf-8")
    shutil.copyfile(FIXTURES / "valid-minimal.yaml", folder / "minimal.yaml")
    shutil.copyfile(FIXTURES / "unclosed-quote.yaml", folder / "event-bad.yaml")
    return expand_paths([folder])


@pytest.mark.parametrize("opening_as", ["first", "reopened", "a file changed", "a transcript first"])
def test_all_events_from_the_index_is_what_combining_the_events_gives(tmp_path, monkeypatch, opening_as):
    """However the index's rows lie (a changed file's rows, and a transcript's, come last), All events is in
    library order, each event's own remarks its own."""
    folder = tmp_path / "library"
    paths = _library(folder)
    if opening_as == "a transcript first":  # paired with a recording's chat, if any, once every file is read
        shutil.copyfile(FIXTURES / "formats" / "transcripts" / "dialogue.vtt", folder / "a-dialogue.vtt")
        paths = expand_paths([folder])
    if opening_as in ("reopened", "a file changed"):
        load_library(paths, [], opened=[folder], root=tmp_path / "index")
    if opening_as == "a file changed":  # its rows are written again, after every other file's
        first = paths[0].read_text(encoding="utf-8")
        paths[0].write_text(first.replace("moratorium", "pause"), encoding="utf-8")
    plain = load_paths(paths)
    expected = combine(plain.library)
    if opening_as == "reopened":
        monkeypatch.setattr(opening, "pick_format", lambda *args: pytest.fail(f"{args[0]} parsed again"))
    loaded = load_library(paths, [], opened=[folder], root=tmp_path / "index", all_events=True)
    made = loaded.combined
    assert made is not None and made.library is loaded.library
    everything = made.proceedings
    # Read back with no remark made: they are read a page at a time as they are shown.
    assert isinstance(everything.remarks, IndexedRemarks) and "0 pages kept" in repr(everything.remarks)
    assert everything.remarks == expected.proceedings.remarks
    assert everything.speakers == expected.proceedings.speakers
    assert everything.sections == expected.proceedings.sections
    assert (made.starts, made.speaker_ids) == (expected.starts, expected.speaker_ids)
    assert everything.event == expected.proceedings.event
    # Each remark's speaker, section, parent and length, read as columns: counts and threads read no remark.
    assert everything.columns == expected.proceedings.columns
    assert ThreadIndex(everything).order == ThreadIndex(expected.proceedings).order
    # The clash: the other panel's hodes is another person, named after their event; their reply stays theirs.
    assert everything.remark_by_id["other-panel/a3"].speaker == "other-panel/hodes"
    assert everything.remark_by_id["other-panel/a3"].reply_to == "other-panel/a2"
    assert [s.id for s in everything.sections][-2:] == ["other-panel", "demo-2024"]
    # Each event's own remarks: counted at once, made when first asked for, as the plain load has them.
    events = loaded.library.events
    assert all(isinstance(p.remarks, EventRemarks) for p in events)
    assert [len(p.remarks) for p in events] == [len(p.remarks) for p in plain.library.events]
    for own, theirs in zip(events, plain.library.events, strict=True):
        assert own.event == theirs.event and own.speakers == theirs.speakers and own.sections == theirs.sections
        assert own.remarks == theirs.remarks and tuple(own.remarks) == theirs.remarks
        assert own.remark_by_id.keys() == theirs.remark_by_id.keys()
    clash = next(p for p in events if p.event.id == "other-panel")
    assert [(r.section, r.speaker, r.reply_to) for r in clash.remarks] == [
        ("first", "hodes", None),
        ("second", "martinez", "a1"),
        ("second", "hodes", "a2"),
    ]
    assert clash.remarks[0].topics == ("audits",)
    # The way back from All events to each event's own remark.
    index, remark = made.origin(everything.remark_by_id["other-panel/a2"])
    assert events[index] is clash and remark == clash.remarks[1]
    assert [str(p) for p in loaded.problems] == [str(p) for p in plain.problems]


def test_the_browser_loader_alone_makes_all_events(tmp_path):
    """The other commands read every event whole and make no All events; the browser's loader makes it."""
    folder = tmp_path / "library"
    paths = _library(folder)
    whole = load_library(paths, [], opened=[folder], root=tmp_path / "index")
    assert whole.combined is None and all(type(p.remarks) is tuple for p in whole.library.events)
    single = [paths[0]]
    alone = load_library(single, [], opened=single, root=tmp_path / "index-one", all_events=True)
    assert alone.combined is None  # one event has no All events
    assert len(alone.library.events[0].remarks) == len(load_paths(single).library.events[0].remarks)


def _remark(rid: str, position: int, reply_to: str | None = None) -> Remark:
    return Remark(rid, "ev", "ev/ana", f"text {rid}", reply_to, (), position)


def test_an_events_remarks_are_counted_before_they_are_made_and_made_once():
    everything = (_remark("x/q", 0), _remark("ev/r1", 1), _remark("ev/r2", 2, "ev/r1"))
    remarks = EventRemarks(2)
    assert len(remarks) == 2 and remarks  # counted with nothing made
    with pytest.raises(RuntimeError):
        remarks[0]
    remarks.attach(everything, 1, "ev/", (["opening", "panel"], _ints([0, 1]), ["ana"], _ints([0, 0])))
    # The section of each (All events shows it beside rows of every event), one remark made alone.
    assert [remarks.one(0).section, remarks.one(1).section] == ["opening", "panel"]
    # One remark (marking or copying a row of All events) is made alone, and not kept.
    assert remarks.one(-1) == Remark("r2", "panel", "ana", "text ev/r2", "r1", (), 1)
    with pytest.raises(IndexError):
        remarks.one(2)
    assert repr(remarks) == "EventRemarks(2 remarks)"
    made = tuple(remarks)
    assert made == (
        Remark("r1", "opening", "ana", "text ev/r1", None, (), 0),
        Remark("r2", "panel", "ana", "text ev/r2", "r1", (), 1),
    )
    assert repr(remarks) == "EventRemarks(2 remarks, made)"
    assert remarks[-1] is made[-1] and remarks[0:1] == made[:1] and remarks == made  # the same remarks each time
    assert remarks.one(1) is made[1]
    assert remarks.one(1).section == "panel"
    with pytest.raises(ValueError):
        remarks.attach(everything, 1, "ev/", (["opening"], _ints([0, 0]), ["ana"], _ints([0, 0])))  # attached once
    # Sent to another process as the remarks they are, not All events' they come from.
    assert pickle.loads(pickle.dumps(remarks)) == made and len(pickle.dumps(remarks)) < len(pickle.dumps(everything))
    event = Proceedings("ev.yaml", Event("ev", "An event"), (Speaker("ana", "Ana"),), (), remarks)
    assert pickle.loads(pickle.dumps(event)).remarks == made
    empty = EventRemarks(0)  # an event of no remarks is never attached: it has none to make
    assert not empty and list(empty) == []


def test_an_events_remarks_asked_for_by_several_threads_at_once_are_made_once():
    """A search worker, the reply forest's worker and the screen may all open an event first: one set of remarks."""
    everything = tuple(_remark(f"ev/r{i}", i) for i in range(20_000))
    remarks = EventRemarks(len(everything))
    remarks.attach(everything, 0, "ev/", (["s"], _ints([0] * 20_000), ["ana"], _ints([0] * 20_000)))
    start = threading.Barrier(4)
    seen: list[Remark] = []

    def ask() -> None:
        start.wait()
        seen.append(remarks[12_345])

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4 and all(remark is seen[0] for remark in seen) and seen[0] is remarks[12_345]


def test_remarks_that_are_not_the_events_are_refused():
    everything = (_remark("x/r1", 0),)
    remarks = EventRemarks(1)
    with pytest.raises(ValueError):
        remarks.attach(everything, 0, "ev/", (["s"], _ints([0, 0]), ["ana"], _ints([0])))  # two sections for one
    remarks.attach(everything, 0, "ev/", (["s"], _ints([0]), ["ana"], _ints([0])))
    with pytest.raises(ValueError):
        tuple(remarks)  # another event's remark


def _ints(values: list[int]):
    from array import array

    return array("i", values)


def test_reading_the_index_back_says_how_far_it_has_got(tmp_path):
    """The loading bar moves as the events are read back (a bar with no total animates, and slows the reading)."""
    folder = tmp_path / "library"
    paths = _library(folder)
    load_library(paths, [], opened=[folder], root=tmp_path / "index")
    told: list[tuple[int, int]] = []
    loaded = load_library(
        paths, [], opened=[folder], root=tmp_path / "index", all_events=True, progress=lambda *n: told.append(n)
    )
    events = sum(1 for p in loaded.library.events if p.remarks)
    assert told == [(n, events) for n in range(1, events + 1)]


def test_all_events_of_too_few_remarks_is_refused_as_such():
    from tui.core.combined import joining
    from tui.core.model import Library

    events = tuple(
        Proceedings(f"{n}.yaml", Event(f"e{n}", "E"), (Speaker("ana", "Ana"),), (), (_remark(f"r{n}", 0),))
        for n in range(2)
    )
    joined = joining(Library(events))
    with pytest.raises(ValueError):
        joined.combined(())
    out_of_order = (Remark("e1/r1", "e1", "ana", "t", None, (), 0), Remark("e0/r0", "e0", "ana", "t", None, (), 1))
    with pytest.raises(ValueError):
        joined.combined(out_of_order)
