"""Memory of `podium serve`'s visitors: `python -m bench --served` (`--library 1000` adds a million remarks).

Each visitor is a Podium process of its own. With one page open, then four, each showing every
remark and then a filter typed into it, this reads each session's resident memory (RSS, what
the library index's target of 300 MB is about) and what the sessions cost the machine together
(the sum of their PSS, in which the pages they share, Python's own code, count once), beside
the server's own RSS. The floor, measured in the same run, is a bare Textual app served alike.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.served import ServedPodium, WebSession, tree_pss_mb, tree_rss_mb

ROOT = Path(__file__).resolve().parent.parent
SESSION_TARGET_MB = 300.0  # the library index's steady RSS target (issue 18), per visitor
# A bare Textual app behind textual-serve, announced as `podium serve` announces itself.
_BARE_SERVER = (
    "import sys\n"
    "from textual_serve.server import Server\n"
    "port = int(sys.argv[2])\n"
    "print(f'bare serving at http://127.0.0.1:{port}/', flush=True)\n"
    "Server(f'{sys.executable} {sys.argv[1]}', port=port).serve()\n"
)
SETTLE = 1.5  # seconds after the last screen, for the allocator to settle


async def _open(address: str, ready: str, query: str | None) -> WebSession:
    session = WebSession(address)
    await session.open()
    await session.wait_for(ready, timeout=900)
    if query:
        await session.type("/")
        await session.type(query)
        await session.wait_for(f"filter: {query}", timeout=300)
    return session


@dataclass(frozen=True)
class Measured:
    rss: list[float]  # each session's
    together: float  # the sessions' PSS, shared pages once
    server: float  # the server's own RSS


async def _measure(served: ServedPodium, count: int, ready: str, query: str | None) -> Measured:
    """`count` pages opened at once; once each shows `ready` and its filter, their memory."""
    opened = await asyncio.gather(*(_open(served.address, ready, query) for _ in range(count)))
    await asyncio.sleep(SETTLE)
    try:
        sessions = served.wait_sessions(count)
        rss = [tree_rss_mb(pid) for pid in sessions]
        together = sum(tree_pss_mb(pid) for pid in sessions)
        return Measured(rss, together, tree_rss_mb(served.process.pid) - sum(rss))
    finally:
        for session in opened:
            await session.close()
        served.wait_sessions(0)


def bare_session_mb() -> float:
    bare = ServedPodium(command=[sys.executable, "-c", _BARE_SERVER, str(ROOT / "bench" / "bare_app.py")])
    try:
        return asyncio.run(_measure(bare, 1, "bare app ready", None)).rss[0]
    finally:
        bare.stop()


def served_rows(name: str, files: Sequence[Path], total: int, floor_mb: float, env: dict[str, str]) -> list[tuple]:
    """One session, then four, on `files`: their RSS against the floor, and what four cost together."""
    served = ServedPodium([str(f) for f in files], env=env)
    ready, query = f"of {total:,} remarks", "safety"
    try:
        (one,) = asyncio.run(_measure(served, 1, ready, query)).rss
        four = asyncio.run(_measure(served, 4, ready, query))
    finally:
        served.stop()
    target, largest = f"<= {SESSION_TARGET_MB:.0f} MB", max(four.rss)
    return [
        (f"served {name}: one session's RSS", one, floor_mb, target, one <= SESSION_TARGET_MB, "MB"),
        (f"served {name}: 4 sessions, the largest RSS", largest, floor_mb, target, largest <= SESSION_TARGET_MB, "MB"),
        (f"served {name}: 4 sessions together (PSS) + server RSS", four.together + four.server, None, "-", True, "MB"),
    ]


def served_memory(events: Sequence[tuple[str, Sequence[Path], int]]) -> list[tuple]:
    """Every (name, files, remarks) served in turn, with an empty cache: `podium serve` builds the
    index before its first visitor, and the sessions read it."""
    rows: list[tuple] = []
    floor_mb = bare_session_mb()
    rows.append(("served bare Textual app: one session's RSS (the floor)", floor_mb, None, "-", True, "MB"))
    with tempfile.TemporaryDirectory() as home:
        env = {"XDG_CACHE_HOME": home, "XDG_DATA_HOME": home}
        for name, files, total in events:
            rows += served_rows(name, files, total, floor_mb, env)
    return rows
