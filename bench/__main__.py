"""Podium's benchmark: `python -m bench [--sizes 1000,10000,100000] [--repeat N]`.

Every figure is measured next to its floor in the same run on the same machine,
and printed with the ratio and the target. It drives the real app (Pilot) and
the real command (a pseudo-terminal), not only the core. Timings on a shared
machine are noisy: it reports medians and p95s, and is never part of the test
suite (which only checks that it runs on the 1k corpus).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import dataclasses
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

import tui
from bench.generate import write
from bench.hostile_lines import hostile_lines
from bench.long_remarks import many_matches, megabyte_remark
from bench.pty_terminal import Terminal, podium_command
from tui.browser.app import PodiumApp
from tui.browser.filters import Filters
from tui.browser.live_filter import LiveFilter
from tui.browser.main_screen import MainScreen
from tui.browser.searcher import SYNC_SEARCH_LIMIT
from tui.core.query import Query, SearchIndex, fold, parse
from tui.core.search import LiveSearch
from tui.core.threads import ThreadIndex
from tui.formats.bundled import bundled_event
from tui.formats.open import Loader, load_paths, pick_format
from tui.formats.podium_yaml_writer import to_podium_yaml
from tui.formats.reader import Format
from tui.index.reading import load_library, through_index
from tui.index.store import DATABASE

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "bench" / "corpora"
# A typing session as a reader types: a one-letter start, a typo taken back, a phrase (its half-typed
# quote keeps the last query), a speaker (a bare `speaker:` keeps the query before it), a speaker changed,
# an exclusion.
BACKSPACE = "backspace"
SESSION = [*"interx", BACKSPACE, *"national", *' "safety governance"', *" speaker:h", BACKSPACE, *"s", *" -risk"]


def session_queries() -> list[Query]:
    """The query the app runs after each key of the session: the filter bar's own parse."""
    filters, queries = Filters(), []
    for key in SESSION:
        filters.text = filters.text[:-1] if key == BACKSPACE else filters.text + key
        filters.parse()
        queries.append(filters.query)
    return queries


@dataclass
class Row:
    figure: str
    value: float
    floor: float | None
    target: str
    ok: bool
    unit: str = "s"

    def cells(self) -> list[str]:
        ratio = f"{self.value / self.floor:.2f}x" if self.floor else "-"
        floor = _fmt(self.floor, self.unit) if self.floor is not None else "-"
        return [self.figure, _fmt(self.value, self.unit), floor, ratio, self.target, "met" if self.ok else "NOT MET"]


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g}"


def corpus(size: int) -> Path:
    path = CORPORA / f"remarks-{size}.yaml"
    if not path.exists():
        write(size, path)
    return path


def best_of(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


# ----------------------------------------------------------------- start-up


def startup(repeat: int) -> list[Row]:
    """Process start to first full paint, in a pseudo-terminal: podium vs a bare Textual app."""
    bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_app.py")]
    # As installed (pip compiles bytecode then; Textual's is there already): with
    # PYTHONDONTWRITEBYTECODE set, an editable install would compile Podium on every start.
    compileall.compile_dir(Path(tui.__file__).parent, quiet=1)
    podium_times, bare_times = [], []
    for _ in range(repeat):
        for command, marker, times in (
            (bare_cmd, "bare app ready", bare_times),
            ([podium_command()], "28 of 28 remarks", podium_times),
        ):
            start = time.perf_counter()
            term = Terminal([], 100, 30, command=command)
            try:
                term.wait_for(marker, timeout=30, poll=0.002)
                times.append(time.perf_counter() - start)
            finally:
                term.close()
    podium, bare = statistics.median(podium_times), statistics.median(bare_times)
    return [
        Row("start-up to first paint (bundled event), median", podium, bare, "<= 1.25x bare app", podium <= 1.25 * bare)
    ]


# -------------------------------------------------------------------- loading


def loading(path: Path, repeat: int) -> list[Row]:
    size = path.stem.split("-")[-1]

    def raw() -> None:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def cold() -> None:
        result = load_paths([path])
        searchable(result.library.events[0])

    raw_time = best_of(repeat, raw)
    cold_time = best_of(repeat, cold)
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        load_library([path], [], root=root)  # builds the index
        database = next(root.glob(f"*/{DATABASE}"))
        decode_time = best_of(repeat, lambda: _read_rows(database))

        def reopen() -> None:
            result = load_library([path], [], root=root)
            assert result.words is not None, "the index was not used"  # what only a load through it gives
            searchable(result.library.events[0])

        reopen_time = best_of(repeat, reopen)
        cache_mb = sum(f.stat().st_size for f in database.parent.iterdir()) / 1e6
    return [
        Row(
            f"cold load {size} to searchable",
            cold_time,
            raw_time,
            "<= 1.2x raw CSafeLoader",
            cold_time <= 1.2 * raw_time,
        ),
        Row(f"reopen {size} from the index to searchable", reopen_time, decode_time, "<= 1.0 s", reopen_time <= 1.0),
        Row(f"index for {size}", cache_mb, None, "(for memory)", True, unit="MB"),
    ]


def _read_rows(database: Path) -> None:
    """The floor of a reopen: every row of the index read, nothing made of them."""
    with sqlite3.connect(database) as connection:
        for _ in connection.execute("SELECT * FROM remarks"):
            pass


def transcript_loading(size: int, repeat: int) -> list[Row]:
    """A WebVTT transcript of `size` cues against the very same remarks in Podium YAML."""
    vtt = CORPORA / f"remarks-{size}.vtt"
    if not vtt.exists():
        write(size, vtt, "vtt")
    if not isinstance(pick_format(vtt.name, b"WEBVTT\n"), Format):
        print("(no WebVTT reader yet: the transcript row is left out)")
        return []
    same = CORPORA / f"remarks-{size}-from-vtt.yaml"
    if not same.exists():
        (proceedings,) = load_paths([vtt]).library.events
        same.write_text(to_podium_yaml(proceedings), encoding="utf-8")

    def cold(path: Path) -> Callable[[], None]:
        def run() -> None:
            result = load_paths([path])
            assert len(result.library.events[0].remarks) == size, result.problems
            searchable(result.library.events[0])

        return run

    vtt_time, yaml_time = best_of(repeat, cold(vtt)), best_of(repeat, cold(same))
    return [
        Row(
            f"cold load {size} VTT cues to searchable",
            vtt_time,
            yaml_time,
            "<= 1.0x the same remarks in YAML",
            vtt_time <= yaml_time,
        )
    ]


def searchable(proceedings: object) -> None:
    """What a search needs ready: the folded texts, the facet columns, the reply forest."""
    index = SearchIndex(proceedings)  # type: ignore[arg-type]
    _ = index.folded, index.speaker_of, index.section_of
    ThreadIndex(proceedings)  # type: ignore[arg-type]


# ------------------------------------------------------------------ matching


def matching(path: Path) -> list[Row]:
    """The match computation against a plain scan over pre-casefolded texts."""
    proceedings = load_paths([path]).library.events[0]
    folded = [fold(r.text) for r in proceedings.remarks]
    live = LiveSearch(proceedings)
    start = time.perf_counter()
    live.index.prepare()  # as the browser does in a worker after opening: the word index
    build = time.perf_counter() - start
    ours, scans, narrowing_ours, narrowing_scans = [], [], [], []
    for key, query in zip(SESSION, session_queries(), strict=True):
        words = query.text_terms
        start = time.perf_counter()
        live.run(query)
        mine = time.perf_counter() - start
        start = time.perf_counter()
        [i for i, text in enumerate(folded) if all(w in text for w in words)]
        scan = time.perf_counter() - start
        ours.append(mine)
        scans.append(scan)
        if key not in (BACKSPACE, " ", '"'):
            narrowing_ours.append(mine)
            narrowing_scans.append(scan)
    size = path.stem.split("-")[-1]
    total, floor = sum(ours), sum(scans)
    n_total, n_floor = sum(narrowing_ours), sum(narrowing_scans)
    return [
        Row(f"word index for {size} (once, in a worker)", build, None, "(after opening)", True),
        Row(f"match computation {size}, whole session", total, floor, "<= 1.5x plain scan", total <= 1.5 * floor),
        Row(
            f"match computation {size}, keys that extend the query",
            n_total,
            n_floor,
            "< 1.0x plain scan",
            n_total < n_floor,
        ),
    ]


# ------------------------------------------------------------------ the shape


def shape_recount(path: Path) -> list[Row]:
    """The shape screen's recount per key (in its worker), against the search the same key runs."""
    from tui.core.stats import Columns, lanes, match_columns

    proceedings = load_paths([path]).library.events[0]
    live = LiveSearch(proceedings)
    _ = live.index.folded
    start = time.perf_counter()
    columns = Columns(proceedings)
    drawn = lanes(columns, 100)
    build = time.perf_counter() - start
    searches, recounts = [], []
    for query in session_queries():
        start = time.perf_counter()
        outcome = live.run(query)
        searched = time.perf_counter()
        columns.shape(outcome.positions)
        match_columns(drawn, outcome.positions)
        recounts.append(time.perf_counter() - searched)
        searches.append(searched - start)
    size = path.stem.split("-")[-1]
    p95 = _p95(recounts)
    return [
        Row(f"shape columns and lanes for {size} (once, in a worker)", build, None, "(first v only)", True),
        Row(f"shape recount {size} per key, p95", p95, _p95(searches), "<= 50 ms, like the search", p95 <= 0.050),
    ]


# ------------------------------------------------------------------ the app


class Timed:
    """Mixed into an App: the time from a key (key_at) to the first paint after `pending` is set.

    `pending_first`: the same for a large view's first screen of matches, shown before every
    match is counted (`first_latencies`).
    """

    key_at = 0.0
    pending = False
    pending_first = False

    def _display(self, screen: object, renderable: object) -> None:
        super()._display(screen, renderable)  # type: ignore[misc]
        if self.pending_first and renderable is not None:
            self.pending_first = False
            self.first_latencies.append(time.perf_counter() - self.key_at)
        if self.pending and renderable is not None:
            self.pending = False
            self.latencies.append(time.perf_counter() - self.key_at)

    @property
    def firsts(self) -> list[float]:
        """Per key pressed: the time to its first screen of matches (or its result, if that came first)."""
        if "_firsts" not in self.__dict__:
            self.__dict__["_firsts"] = []
        return self.__dict__["_firsts"]  # type: ignore[no-any-return]

    @property
    def first_latencies(self) -> list[float]:
        if "_first_latencies" not in self.__dict__:
            self.__dict__["_first_latencies"] = []
        return self.__dict__["_first_latencies"]  # type: ignore[no-any-return]

    @property
    def latencies(self) -> list[float]:
        if "_latencies" not in self.__dict__:
            self.__dict__["_latencies"] = []
        return self.__dict__["_latencies"]  # type: ignore[no-any-return]


class TimedFilter(LiveFilter):
    """The main view's searches, telling the app when a result is applied: from then, the next paint is timed."""

    def apply(self, *args: object, **kwargs: object) -> None:
        super().apply(*args, **kwargs)  # type: ignore[arg-type]
        self.screen.app.pending = True  # type: ignore[attr-defined]

    def show_first(self, *args: object, **kwargs: object) -> None:
        super().show_first(*args, **kwargs)  # type: ignore[arg-type]
        self.screen.app.pending_first = True  # type: ignore[attr-defined]


class TimedScreen(MainScreen):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.live = TimedFilter(self)


class TimedApp(Timed, PodiumApp):
    """PodiumApp whose results, once applied, are timed to their first paint."""

    MAIN_SCREEN = TimedScreen


async def _press(app: TimedApp, pilot: object, key: str, timeout: float = 30.0) -> float:
    """The time to the key's result on screen, every match counted; its first screen goes to `app.firsts`."""
    app.key_at = time.perf_counter()
    before, first_before = len(app.latencies), len(app.first_latencies)
    await pilot.press(key)  # type: ignore[attr-defined]
    deadline = time.perf_counter() + timeout
    while len(app.latencies) == before and time.perf_counter() < deadline:
        await asyncio.sleep(0.001)
    done = app.latencies[-1] if len(app.latencies) > before else timeout
    # The first screen of matches, or the result itself when it came first (a small view: always).
    app.firsts.append(min([done, *app.first_latencies[first_before:]]))
    return done


async def _typing(
    paths: list[Path], loader: Loader = load_paths
) -> tuple[list[float], list[float], bool, float, float]:
    """Per key of the session: the time to its result, and to its first screen; the burst; g and G."""
    gc.disable()  # as the podium command does: the app freezes what was loaded and resumes it after
    result = loader(paths, None)
    finish = getattr(loader, "finish", None)
    if finish is not None:  # what the loading panel does after a load: the index's word indexes, made if need be
        result = dataclasses.replace(result, words=finish(paths))
    if result.combined is not None:  # as the loading panel does before it shows a library
        result.combined.proceedings.group()
    app = TimedApp(result)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#filter").cursor_blink = False
        await pilot.pause()
        await app.workers.wait_for_complete()  # the first results, then the index (built after them)
        search = app.main.searcher.search_of(app.proceedings)
        while len(app.proceedings.remarks) > SYNC_SEARCH_LIMIT and search.index.words is None:
            await asyncio.sleep(0.05)
            await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        latencies = [await _press(app, pilot, key) for key in SESSION]
        firsts = app.firsts[-len(SESSION) :]
        # A burst: keys faster than searches; the screen must end on the final query.
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        burst = "regulation safety"
        await pilot.press(*burst)
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = LiveSearch(app.proceedings).run(parse(burst)).positions
        outcome = app.main.searcher.outcome
        burst_ok = outcome is not None and outcome.query.source == burst and outcome.positions == expected
        # Rendering at the end of everything costs what it costs at the start.
        await pilot.press("escape", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        end = await _scroll(app, pilot, "G")
        start = await _scroll(app, pilot, "g")
    return latencies, firsts, burst_ok, start, end


async def _scroll(app: TimedApp, pilot: object, key: str) -> float:
    app.pending = True  # no search: the next paint after the key is the one to wait for
    return await _press(app, pilot, key)


class EchoApp(Timed, App[None]):
    """The floor for a keystroke: a bare app whose Input echoes each key into a Static."""

    def compose(self) -> ComposeResult:
        yield Input(id="filter")
        yield Static(id="echo")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(event.value)
        self.pending = True


async def _echo_floor() -> list[float]:
    app = EchoApp()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#filter", Input).cursor_blink = False
        await pilot.pause()
        return [await _press(app, pilot, key) for key in SESSION]  # type: ignore[arg-type]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def typing(path: Path, floor_path: Path) -> list[Row]:
    size = path.stem.split("-")[-1]
    latencies, firsts, burst_ok, start, end = asyncio.run(_typing([path]))
    _, _, _, small_start, _ = asyncio.run(_typing([floor_path]))
    floor = asyncio.run(_echo_floor())
    return [
        *_keystroke_rows(size, latencies, firsts, floor, 0.030),
        Row(f"a burst of keys ends on the final query ({size})", 1.0 if burst_ok else 0.0, None, "exact", burst_ok, ""),
        Row(f"jump to the end of {size} (G), to repaint", end, start, "~1x jump to start", end <= 2 * start + 0.005),
        Row(
            f"jump to the start of {size} (g), vs 1k corpus",
            start,
            small_start,
            "~1x",
            start <= 2 * small_start + 0.005,
        ),
    ]


# -------------------------------------------------------------------- memory


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory(path: Path, cache_mb: float) -> list[Row]:
    size = path.stem.split("-")[-1]
    with tempfile.TemporaryDirectory() as cache_home:
        env_before = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = cache_home
        try:
            through_index([path])([path], None)  # build the index the command will use
            bare = Terminal([], 100, 30, command=[sys.executable, str(ROOT / "bench" / "bare_app.py")])
            bare.wait_for("bare app ready")
            time.sleep(0.5)
            bare_mb = rss_mb(bare.process.pid)
            bare.close()
            term = Terminal([str(path)], 120, 40)
            term.wait_for(f"of {int(size):,} remarks", timeout=120)
            time.sleep(1.0)
            podium_mb = rss_mb(term.process.pid)
            term.close()
        finally:
            if env_before is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = env_before
    limit = 3 * cache_mb + bare_mb
    return [
        Row(
            f"steady RSS, podium on {size}",
            podium_mb,
            bare_mb,
            f"<= 3 x index + bare = {limit:.0f} MB",
            podium_mb <= limit,
            "MB",
        )
    ]


# -------------------------------------------------------------------- a library


def library(files: int) -> list[Row]:
    """A varied library of `files` events (about 1,008 remarks each: bench/library.py), opened as a reader would."""
    from bench.library import event_lengths, write_varied_library

    folder = write_varied_library(files, CORPORA / f"varied-{files}")
    return opened(folder, sum(event_lengths(files)), f"library {files} files")


def parlamint(utterances: int, sittings: int) -> list[Row]:
    """A ParlaMint corpus folder of `sittings` sittings (bench/parlamint.py), opened as a reader would."""
    from bench.parlamint import write_parlamint

    folder = write_parlamint(CORPORA / f"parlamint-{sittings}x{utterances}", utterances, sittings)
    return opened(folder, utterances, f"ParlaMint {sittings} sittings")


def opened(folder: Path, total: int, name: str) -> list[Row]:
    """A folder opened in the browser twice (first open, then reopen from the index), then typed into."""
    everything = f"of {total:,} remarks"
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as cache_home:
        env_before = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = cache_home
        try:
            bare = Terminal([], 120, 40, command=[sys.executable, str(ROOT / "bench" / "bare_app.py")])
            bare.wait_for("bare app ready")
            time.sleep(0.5)
            bare_mb = rss_mb(bare.process.pid)
            bare.close()
            for run in ("first open", "reopen from the index"):
                start = time.perf_counter()
                term = Terminal([str(folder)], 120, 40)
                try:
                    term.wait_for(" remarks in ", timeout=60, poll=0.01)  # All events of the first files
                    window = time.perf_counter() - start
                    term.wait_for(everything, timeout=900, poll=0.05)
                    ready = time.perf_counter() - start
                    if run == "first open":  # its word index is built after: a reopen before it ends would finish it
                        term.wait_for("index is ready", timeout=900, poll=0.2)
                        indexed = time.perf_counter() - start
                    time.sleep(2.0)
                    resident = rss_mb(term.process.pid)
                finally:
                    term.close()
                rows.append(Row(f"{name}, {run}: first events shown", window, None, "<= 2 s", window <= 2))
                target = 1.0 if run.startswith("reopen") else None
                rows.append(
                    Row(
                        f"{name}, {run}: every event searchable",
                        ready,
                        None,
                        "<= 1 s" if target else "(both cores)",
                        target is None or ready <= target,
                    )
                )
                if run == "first open":
                    figure = f"{name}, first open: its word index ready"
                    rows.append(Row(figure, indexed, None, "-", True))
            rows.append(
                Row(f"steady RSS, podium on {total:,} remarks", resident, bare_mb, "<= 300 MB", resident <= 300, "MB")
            )
            from tui.formats.open import expand_paths

            floor = asyncio.run(_echo_floor())
            latencies, firsts, burst_ok, _, _ = asyncio.run(
                _typing(expand_paths([folder]), through_index([folder], all_events=True))
            )
        finally:
            if env_before is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = env_before
    rows += [
        *_keystroke_rows(f"all {total:,} remarks", latencies, firsts, floor, 0.050),
        Row(f"a burst of keys ends on the final query ({total:,})", float(burst_ok), None, "exact", burst_ok, ""),
    ]
    return rows


COUNTED = 0.300  # the exact counts may follow the first screen by this much (issue 18)


def _keystroke_rows(
    what: str, latencies: list[float], firsts: list[float], floor: list[float], target: float
) -> list[Row]:
    """Key to its first screen of matches (the target), and to every match counted (which may follow)."""
    p95, first_p95 = _p95(latencies), _p95(firsts)
    echo_p50, echo_p95 = statistics.median(floor), _p95(floor)
    limit = f"<= {target * 1000:.0f} ms"
    return [
        Row(f"keystroke to first screen, {what}, p50", statistics.median(firsts), echo_p50, "-", True),
        Row(f"keystroke to first screen, {what}, p95", first_p95, echo_p95, limit, first_p95 <= target),
        Row(f"keystroke to every match counted, {what}, p50", statistics.median(latencies), echo_p50, "-", True),
        Row(f"keystroke to every match counted, {what}, p95", p95, echo_p95, "<= 300 ms, after", p95 <= COUNTED),
    ]


# ---------------------------------------------------------------------- main


def served(size: int, library_files: int) -> int:
    from bench.served_memory import served_memory

    events: list[tuple[str, list[Path], int]] = [("bundled event", [bundled_event()], 28)]
    events.append((f"{size:,}-remark event", [corpus(size)], size))
    if library_files:
        from bench.library import event_lengths, write_varied_library

        folder = write_varied_library(library_files, CORPORA / f"varied-{library_files}")
        events.append((f"library of {library_files} files", [folder], sum(event_lengths(library_files))))
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; podium serve, a session per visitor")
    print(table([Row(*row) for row in served_memory(events)]))
    return 0


def table(rows: list[Row]) -> str:
    header = ["figure", "value", "floor (same run)", "ratio", "target", "result"]
    cells = [header, *[r.cells() for r in rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best or median is kept)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is not met")
    parser.add_argument(
        "--library",
        type=int,
        default=0,
        metavar="FILES",
        help="also a library of FILES files (1000: a million remarks)",
    )
    parser.add_argument(
        "--parlamint",
        type=int,
        default=0,
        metavar="SITTINGS",
        help="only a ParlaMint corpus of SITTINGS sittings and 250 utterances each on average (2000: 500,000)",
    )
    parser.add_argument(
        "--index",
        type=int,
        default=0,
        metavar="FILES",
        help="only the library index's rows, on a varied library of FILES files (1000: a million remarks)",
    )
    parser.add_argument(
        "--served",
        action="store_true",
        help="only podium serve's memory: 1 and 4 sessions on the bundled event, the largest --sizes (and --library)",
    )
    args = parser.parse_args(argv)
    if args.served:
        return served(max(int(size) for size in args.sizes.split(",")), args.library)
    if args.parlamint:
        utterances = 250 * args.parlamint
        print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; ParlaMint, {utterances:,} utterances")
        print(table(parlamint(utterances, args.parlamint)))
        return 0
    if args.index:
        from bench.library_index import library_index

        print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; the library index, {args.index} files")
        print(table([Row(*row) for row in library_index(args.index, args.repeat)]))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    largest, smallest = corpus(max(sizes)), corpus(min(sizes))
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; corpora: {', '.join(map(str, sizes))} remarks")
    rows: list[Row] = []
    rows += startup(max(5, args.repeat))
    for size in sizes:
        rows += loading(corpus(size), args.repeat if size < 100_000 else 1)
    rows += transcript_loading(max(sizes), args.repeat if max(sizes) < 100_000 else 1)
    rows += matching(largest)
    rows += [Row(*figure) for figure in (*megabyte_remark(args.repeat), *many_matches(args.repeat))]
    rows += [Row(*figure) for figure in hostile_lines(args.repeat)]
    rows += shape_recount(largest)
    rows += typing(largest, smallest)
    cache_mb = next(r.value for r in rows if r.figure == f"index for {max(sizes)}")
    rows += memory(largest, cache_mb)
    if args.library:
        rows += library(args.library)
    print(table(rows))
    met = sum(r.ok for r in rows)
    print(f"{met} of {len(rows)} targets met; bundled event: {bundled_event()}")
    return 1 if args.strict and met < len(rows) else 0


if __name__ == "__main__":
    sys.exit(main())
