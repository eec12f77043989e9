"""The library index against its floors: `python -m bench --index 1000` (a varied library of 1,000 files).

Each figure runs the real `podium` command in a process of its own, with an empty cache dir
for the first build and the index from then on: parsing every file on both cores (the floor
of a first build), `grep -ric` over the same files (the floor of a query), and the index's
size against the files'. Peak memory is the command's own (its worker processes are not in it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.library import write_varied_library

ROOT = Path(__file__).resolve().parent.parent
# Runs the CLI, then writes its own peak memory (kB) where the benchmark reads it.
_MEASURED = (
    "import resource, sys\n"
    "from tui.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write(f'@peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
    "sys.exit(status)\n"
)
# Every file parsed on both cores, each let go once parsed (at ten million remarks, all of them
# at once would not fit in memory).
_PARSE = (
    "import sys\n"
    "from collections import deque\n"
    "from tui.formats.open import expand_paths, load_each\n"
    "deque(load_each(expand_paths([sys.argv[1]])), maxlen=0)\n"
)
# What the browser reads as it reopens a library: every event's records, All events' columns
# and reply forest; no remark (they are read a page at a time as they are shown).
_LOAD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from tui.core.threads import ThreadIndex\n"
    "from tui.formats.open import expand_paths\n"
    "from tui.index.reading import load_library\n"
    "folder = Path(sys.argv[1])\n"
    "loaded = load_library(expand_paths([folder]), [], opened=[folder], all_events=True)\n"
    "if loaded.combined is not None:\n"
    "    loaded.combined.proceedings.group()\n"
    "    ThreadIndex(loaded.combined.proceedings)\n"
)


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds, and the peak memory in MB the command reported (0 when it reports none)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("@peak ")]
    return seconds, int(peaks[-1]) / 1024 if peaks else 0.0


def _best(repeat: int, command: list[str], env: dict[str, str]) -> tuple[float, float]:
    runs = [_run(command, env) for _ in range(repeat)]
    return min(s for s, _ in runs), max(m for _, m in runs)


def library_index(files: int, repeat: int = 3) -> list[tuple[str, float, float | None, str, bool, str]]:
    """Rows (figure, value, floor, target, met, unit) for a varied library of `files` files."""
    folder = write_varied_library(files, ROOT / "bench" / "corpora" / f"varied-{files}")
    source_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    python = sys.executable
    rows: list[tuple[str, float, float | None, str, bool, str]] = []
    with tempfile.TemporaryDirectory() as cache_home:
        env = {**os.environ, "XDG_CACHE_HOME": cache_home}
        parse, _ = _run([python, "-c", _PARSE, str(folder)], env)
        remarks = [python, "-c", _MEASURED, "remarks", str(folder), "-q", "moratorium", "-f", "json"]
        build, _ = _run(remarks, env)
        rows.append(
            (f"index {files} files: first build, and a query", build, parse, "<= 1.2x parse", build <= 1.2 * parse, "s")
        )
        index_mb = sum(f.stat().st_size for f in Path(cache_home).rglob("*") if f.is_file()) / 1e6
        rows.append(
            (
                f"index {files} files: on disk",
                index_mb,
                source_mb,
                "<= 1.5x the files",
                index_mb <= 1.5 * source_mb,
                "MB",
            )
        )
        grep, _ = _best(repeat, ["grep", "-ric", "moratorium", str(folder)], env)
        for query, fmt in (
            ("moratorium", "json"),
            ("moratorium", "text"),
            ('"international safety"', "text"),
            ("speaker:hickok interop", "text"),
        ):
            command = [python, "-c", _MEASURED, "remarks", str(folder), "-q", query, "-f", fmt]
            seconds, peak = _best(repeat, command, env)
            figure = f"podium remarks -q '{query}' -f {fmt}, from the index"
            rows.append((figure, seconds, grep, "<= 0.5 s and grep", seconds <= 0.5 and seconds <= grep, "s"))
            rows.append(("  its peak memory", peak, None, "<= 200 MB", peak <= 200, "MB"))
        load, _ = _best(repeat, [python, "-c", _LOAD, str(folder)], env)
        rows.append((f"index {files} files: what the browser reads as it reopens", load, None, "-", True, "s"))
    return rows
