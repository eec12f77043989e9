"""The shape of a conversation: remarks, words and seconds per speaker, who answered whom, lanes over time."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tui.cli import EXIT_OK, main
from tui.core.model import Event, Proceedings, Remark, Section, Speaker
from tui.core.query import SearchIndex, parse
from tui.core.stats import Columns, count_words, lanes, match_columns
from tui.formats.bundled import bundled_event
from tui.formats.open import load_paths

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPTS = ROOT / "tests" / "fixtures" / "formats" / "transcripts"
Capture = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def bundled() -> Proceedings:
    (event,) = load_paths([bundled_event()]).library.events
    return event


@pytest.fixture(scope="module")
def raw() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(bundled_event().read_text(encoding="utf-8"))
    return data


def test_remarks_per_speaker_in_the_bundled_event(bundled: Proceedings) -> None:
    """As the report gives them: who spoke, and how many times, in the panel and around it."""
    shape = Columns(bundled).shape()
    assert {s.speaker: s.remarks for s in shape.shares} == {
        "hickok": 4,
        "sellitto": 5,
        "martinez": 5,
        "shiroyama": 3,
        "iida": 3,
        "hodes": 4,
        "hoshi": 1,
        "ema": 2,
        "participant": 1,
    }
    assert (shape.remarks, shape.seconds) == (28, None)  # the report gives no times
    assert all(s.seconds is None for s in shape.shares)


def test_the_reply_matrix_of_the_bundled_event(bundled: Proceedings, raw: dict[str, object]) -> None:
    shape = Columns(bundled).shape()
    assert shape.replies == (
        ("hickok", "shiroyama", 2),
        ("martinez", "shiroyama", 1),
        ("martinez", "participant", 1),
        ("hodes", "shiroyama", 1),
        ("hodes", "iida", 1),
        ("sellitto", "shiroyama", 1),
        ("sellitto", "participant", 1),
        ("iida", "shiroyama", 1),
        ("iida", "ema", 1),
    )
    # the same, counted straight from the YAML's reply links
    remarks = {r["id"]: r for r in raw["remarks"]}  # type: ignore[attr-defined]
    expected = Counter((r["speaker"], remarks[r["reply_to"]]["speaker"]) for r in remarks.values() if r.get("reply_to"))
    assert {(a, b): n for a, b, n in shape.replies} == expected


def test_shares_are_sorted_by_words_with_first_and_last_sections(bundled: Proceedings) -> None:
    shares = Columns(bundled).shape().shares
    words = [s.words for s in shares]
    assert words == sorted(words, reverse=True)
    by_id = {s.speaker: s for s in shares}
    assert (by_id["shiroyama"].first_section, by_id["shiroyama"].last_section) == (
        bundled.remarks_by_speaker["shiroyama"][0].section,
        bundled.remarks_by_speaker["shiroyama"][-1].section,
    )
    assert sum(words) == sum(count_words(r.text) for r in bundled.remarks)


def test_under_a_filter_only_the_matching_remarks_count(bundled: Proceedings) -> None:
    positions = SearchIndex(bundled).search(parse("ai"))
    shape = Columns(bundled).shape(positions)
    expected = Counter(bundled.remarks[p].speaker for p in positions)
    assert {s.speaker: s.remarks for s in shape.shares} == expected
    assert shape.remarks == len(positions) < 28
    kept = set(positions)
    replies = Counter(
        (r.speaker, bundled.remark_by_id[r.reply_to].speaker)
        for r in bundled.remarks
        if r.reply_to and r.position in kept
    )
    assert {(a, b): n for a, b, n in shape.replies} == replies
    assert Columns(bundled).shape([]).shares == ()


def test_words_count_chinese_and_japanese_characters_one_each() -> None:
    assert count_words("Hello, world: AI-safety 2024") == 4
    assert count_words("歡迎大家。") == 4
    assert count_words("AIの安全性 and 治理") == 8
    assert count_words("") == 0


def cue_seconds(path: Path) -> float:
    """The sum of every cue's duration, read straight from the timing lines."""
    total = 0.0
    for start, end in re.findall(r"([0-9:.]+) --> ([0-9:.]+)", path.read_text(encoding="utf-8")):
        a, b = (sum(float(x) * 60**i for i, x in enumerate(reversed(t.split(":")))) for t in (start, end))
        total += b - a
    return total


@pytest.mark.parametrize("name", ["zoom.vtt", "features.vtt", "whisperx.vtt"])
def test_a_transcripts_speaking_seconds_add_up_to_its_cues(name: str) -> None:
    path = TRANSCRIPTS / name
    (event,) = load_paths([path]).library.events
    shape = Columns(event).shape()
    assert shape.seconds == pytest.approx(cue_seconds(path), abs=0.01)
    assert sum(s.seconds or 0.0 for s in shape.shares) == pytest.approx(shape.seconds)


def generated(count: int, seed: int) -> Proceedings:
    rng = random.Random(seed)
    speakers = tuple(Speaker(f"s{n}", f"Speaker {n}") for n in range(6))
    sections = tuple(Section(f"x{n}", n + 1, f"Part {n}", "panel") for n in range(3))
    remarks: list[Remark] = []
    for n in range(count):
        parent = rng.randrange(n) if n and rng.random() < 0.4 else None
        timed = rng.random() < 0.7
        remarks.append(
            Remark(
                f"r{n}",
                sections[n * 3 // count].id,
                rng.choice(speakers).id,
                " ".join(rng.choice(["word", "発言", "x"]) for _ in range(rng.randrange(1, 9))),
                reply_to=None if parent is None else f"r{parent}",
                position=n,
                start=float(n * 10) if timed else None,
                end=float(n * 10 + rng.randrange(1, 10)) if timed else None,
            )
        )
    return Proceedings("gen.yaml", Event("gen", "Generated"), speakers, sections, tuple(remarks))


@pytest.mark.parametrize("seed", range(5))
def test_the_columns_agree_with_a_plain_count(seed: int) -> None:
    p = generated(400, seed)
    positions = sorted(random.Random(seed).sample(range(400), 150))
    shape = Columns(p).shape(positions)
    chosen = [p.remarks[i] for i in positions]
    for share in shape.shares:
        mine = [r for r in chosen if r.speaker == share.speaker]
        assert share.remarks == len(mine)
        assert share.words == sum(count_words(r.text) for r in mine)
        durations = [r.duration for r in mine if r.duration is not None]
        assert share.seconds == (pytest.approx(sum(durations)) if durations else None)
        assert (share.first_section, share.last_section) == (mine[0].section, mine[-1].section)
    assert sum(n for _, _, n in shape.replies) == sum(r.reply_to is not None for r in chosen)


def test_lanes_follow_the_order_or_the_clock(bundled: Proceedings) -> None:
    columns = Columns(bundled)
    by_order = lanes(columns, 28)
    assert not by_order.clock and by_order.column_of == list(range(28))
    for remark in bundled.remarks:  # one column per remark, in its speaker's lane
        assert by_order.amounts[remark.speaker][remark.position] == 1.0
    assert sum(sum(lane) for lane in by_order.amounts.values()) == 28
    positions = SearchIndex(bundled).search(parse("moratorium"))
    assert match_columns(by_order, positions) == {p: p for p in positions}

    (event,) = load_paths([TRANSCRIPTS / "zoom.vtt"]).library.events
    timed = lanes(Columns(event), 40)
    assert timed.clock and timed.start == event.remarks[0].start
    assert sum(sum(lane) for lane in timed.amounts.values()) == pytest.approx(
        sum((r.end or 0) - (r.start or 0) for r in event.remarks)
    )
    assert timed.column_of == sorted(timed.column_of) and timed.column_of[0] == 0


def test_podium_stats_json(capsys: Capture) -> None:
    code = main(["stats", "-f", "json"])
    out, err = capsys.readouterr()
    assert (code, err) == (EXIT_OK, "")
    (event,) = json.loads(out)["events"]
    assert set(event) == {"id", "title", "query", "totals", "speakers", "replies"}
    assert event["totals"] == {"remarks": 28, "words": event["totals"]["words"], "seconds": None, "speakers": 9}
    hickok = next(s for s in event["speakers"] if s["id"] == "hickok")
    assert set(hickok) == {"id", "name", "remarks", "words", "seconds", "first_section", "last_section"}
    assert (hickok["name"], hickok["remarks"], hickok["seconds"]) == ("Merve Hickok", 4, None)
    assert {"from": "hickok", "to": "shiroyama", "count": 2} in event["replies"]


def test_podium_stats_text_and_markdown(capsys: Capture) -> None:
    assert main(["stats", "-q", "moratorium"]) == EXIT_OK
    out = capsys.readouterr().out
    (said,) = [r["text"] for r in yaml.safe_load(bundled_event().read_text(encoding="utf-8"))["remarks"]
               if "moratorium" in r["text"].lower()]  # fmt: skip
    words = len(said.split())
    assert out.splitlines()[:2] == ["International Trends in AI Safety and Governance", f"  1 remark, {words} words"]
    assert re.search(rf"Michael Sellitto +1 +{words} +2 +█{{20}}$", out, re.M)
    assert main(["stats", str(TRANSCRIPTS / "zoom.vtt"), "-f", "md"]) == EXIT_OK
    md = capsys.readouterr().out
    assert "| Speaker | Remarks | Words | Share of words | Time | Sections |" in md
