"""The benchmark still runs, end to end, on the 1k corpus (its timings are not judged here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )


def _assert_rows(result: subprocess.CompletedProcess[str], *figures: str) -> None:
    """The benchmark ended well and printed a row for each figure."""
    assert result.returncode == 0, result.stdout + result.stderr
    for figure in figures:
        assert figure in result.stdout, f"{figure!r} missing from:\n{result.stdout}"


def test_benchmark_runs_on_the_1k_corpus() -> None:
    result = _bench("--sizes", "1000", "--repeat", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout
    for figure in (
        "start-up to first paint",
        "cold load 1000 to searchable",
        "reopen 1000 from the index to searchable",
        "match computation 1000",
        "1 MB remark: open, filter z, open the remark",
        "draw a remark of 75,000 matches",
        "WebVTT: the slowest hostile line, against a plain one",
        "SayIt Markdown: the slowest hostile line, against a plain one",
        "shape recount 1000 per key, p95",
        "keystroke to first screen, 1000, p95",
        "keystroke to every match counted, 1000, p95",
        "a burst of keys ends on the final query (1000)",
        "jump to the end of 1000",
        "steady RSS, podium on 1000",
    ):
        assert figure in table, f"{figure!r} missing from:\n{table}"
    assert "| exact" in table and "NOT MET" not in table.split("a burst of keys")[1].splitlines()[0]


def test_the_varied_library_is_valid_and_varied(tmp_path: Path) -> None:
    # The corpus benchmarks' library: files Podium opens without a problem, with a long tail of
    # words and a pool of speakers that events share (the bundled event's among the commonest).
    import itertools
    from collections import Counter

    from bench.library import event_lengths, write_varied_library
    from tui.core.query import parse
    from tui.core.search import LiveSearch
    from tui.formats.open import expand_paths, load_paths

    result = load_paths(expand_paths([write_varied_library(4, tmp_path, remarks=400)]))
    assert not result.problems and len(result.library.events) == 4
    events = result.library.events
    assert [len(p.remarks) for p in events] == event_lengths(4, remarks=400)
    words = Counter(w for p in events for r in p.remarks for w in r.text.lower().rstrip(".").split())
    assert len(words) > 10_000 and words.most_common(1)[0][0] == "the"  # a few common words, many rare
    assert sum(1 for n in words.values() if n == 1) > len(words) / 2
    speakers = [{s.id for s in p.speakers} for p in events]
    assert any(a & b for a, b in itertools.combinations(speakers, 2)) and len(set(map(frozenset, speakers))) == 4
    assert any(LiveSearch(p).run(parse("speaker:hickok international")).positions for p in events)


def test_the_index_benchmark_runs_on_a_small_library() -> None:
    _assert_rows(
        _bench("--index", "2", "--repeat", "1"),
        "index 2 files: first build, and a query",
        "index 2 files: on disk",
        "podium remarks -q 'moratorium' -f json, from the index",
        "its peak memory",
        "what the browser reads as it reopens",
    )


def test_the_parlamint_corpus_is_valid_and_dated(tmp_path: Path) -> None:
    # The ParlaMint benchmark's corpus: every sitting opens without a problem through its root, with
    # the utterances asked for, and a member who changes group on 2019-07-01 shows the group of the day.
    from bench.parlamint import SWITCH, sitting_dates, sitting_lengths, write_parlamint
    from tui.formats.open import expand_paths, load_paths

    folder = write_parlamint(tmp_path / "bb", utterances=3_000, sittings=800)
    lengths = sitting_lengths(800, 3_000, 19)
    assert sum(lengths) == 3_000 and min(lengths) >= 1
    dates = sitting_dates(800)
    assert dates[0] < SWITCH < dates[-1]
    result = load_paths(expand_paths([folder / "ParlaMint-BB.xml"]))
    assert not result.problems and [len(p.remarks) for p in result.library.events] == lengths
    groups: dict[str, set[str | None]] = {}  # each member's groups over the sittings, by their corpus id
    for event in result.library.events:
        for speaker in event.speakers:
            assert speaker.organisation and speaker.sex in ("F", "M")
            groups.setdefault(speaker.aliases[0], set()).add(speaker.organisation)
    assert any(len(seen) == 2 for seen in groups.values())  # a group before the switch, another after


def test_the_served_memory_benchmark_runs() -> None:
    _assert_rows(
        _bench("--served", "--sizes", "1000"),
        "served bare Textual app: one session's RSS (the floor)",
        "served bundled event: one session's RSS",
        "served 1,000-remark event: 4 sessions, the largest RSS",
        "served 1,000-remark event: 4 sessions together (PSS) + server RSS",
    )
