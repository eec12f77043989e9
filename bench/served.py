"""A running `podium serve`, its visitors' sessions, and their screens read back from the websocket.

The page draws into a canvas (xterm.js), which holds no text to read. What it draws is the bytes
its websocket brings, at the size it asked for: pyte plays the same bytes at the same size into a
terminal of its own, so a test or a benchmark reads the screen a visitor sees.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import aiohttp
import pyte


def free_port() -> int:
    """A port nobody on this machine listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class WebScreen:
    """The screen a page draws: the app's bytes, played by pyte at the size the page asked for."""

    def __init__(self, columns: int = 120, lines: int = 40) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()

    def resize(self, columns: int, lines: int) -> None:
        self.screen.resize(lines, columns)

    def feed(self, data: bytes) -> None:
        self.raw += data
        self.stream.feed(data)

    def sent(self, message: str) -> None:
        """A message the page sent: a resize changes the size the app draws at."""
        kind, *rest = json.loads(message)
        if kind == "resize":
            self.resize(rest[0]["width"], rest[0]["height"])

    def text(self) -> str:
        return "\n".join(self.screen.display)


def _parents() -> dict[int, int]:
    """Every live process and its parent, read from /proc (Linux)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    return parents


def children_of(pid: int) -> list[int]:
    return sorted(child for child, parent in _parents().items() if parent == pid)


def _tree(pid: int) -> set[int]:
    parents, tree = _parents(), {pid}
    while grown := {child for child, parent in parents.items() if parent in tree} - tree:
        tree |= grown
    return tree


def _field_mb(path: str, field: str) -> float:
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return 0.0  # ended meanwhile
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith(f"{field}:")), 0.0)


def tree_rss_mb(pid: int) -> float:
    """The resident memory of a process and everything under it (a session may be sh, then Python)."""
    return sum(_field_mb(f"/proc/{member}/status", "VmRSS") for member in _tree(pid))


def tree_pss_mb(pid: int) -> float:
    """Its proportional share: pages shared with other processes (Python's own code) counted once
    across them all, so that the sum over several sessions is what they cost the machine."""
    return sum(_field_mb(f"/proc/{member}/smaps_rollup", "Pss") for member in _tree(pid))


class PortTaken(AssertionError):
    """The free port chosen was taken before the server could listen on it."""


def until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Wait until `condition()` holds, looking every 0.1 s; AssertionError naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        time.sleep(0.1)


class ServedPodium:
    """`podium serve ARGS` on a free loopback port, stopped with ctrl+c (SIGINT) as a person would."""

    def __init__(
        self, args: Sequence[str] = (), env: dict[str, str] | None = None, command: Sequence[str] | None = None
    ) -> None:
        """`command` (given the port as its last argument) serves something else: it must print
        "serving at ADDRESS" first, as `podium serve` does. A port taken meanwhile: another one."""
        for attempt in range(3):
            self.port = free_port()
            serve = [sys.executable, "-m", "tui", "serve", "--port", str(self.port), *args]
            self.process = subprocess.Popen(
                [*command, str(self.port)] if command else serve,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env={**os.environ, **(env or {})},
                start_new_session=True,
            )
            try:
                self.output = self._first_line()
                break
            except PortTaken:
                if attempt == 2:
                    raise
        self.address = self.output.split("serving at ", 1)[1].split()[0]
        self._wait_listening()

    def _wait_listening(self, timeout: float = 30.0) -> None:
        """Until the port takes connections: the address may be printed just before it listens."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise AssertionError(f"nothing listens on port {self.port}") from None
                time.sleep(0.05)

    def _first_line(self, timeout: float = 1800.0) -> str:  # a library is indexed first
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline().decode() if ready else ""
        if "serving at " not in line:
            self.process.kill()
            rest = self.process.communicate()[0].decode(errors="replace")
            if "cannot listen" in line + rest:
                raise PortTaken(line + rest)
            raise AssertionError(f"podium serve did not start:\n{line}{rest}")
        return line

    def sessions(self) -> list[int]:
        """The visitors' sessions: the processes the server started, one per page (Linux: /proc)."""
        return children_of(self.process.pid)

    def wait_sessions(self, count: int, timeout: float = 60.0) -> list[int]:
        until(lambda: len(self.sessions()) == count, f"{count} sessions", timeout)
        return self.sessions()

    def stop(self, timeout: float = 30.0) -> tuple[int, str]:
        """ctrl+c, then the exit status and everything the server printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            output = self.process.communicate(timeout=timeout)[0]
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            output = self.process.communicate()[0]
        return self.process.returncode, self.output + output.decode(errors="replace")


class WebSession:
    """A visitor without a browser: the page's websocket, its messages, and the screen they draw."""

    def __init__(self, address: str, columns: int = 120, lines: int = 40) -> None:
        self.url = address.split("?")[0].rstrip("/").replace("http", "ws", 1) + "/ws"
        self.columns, self.lines = columns, lines
        self.screen = WebScreen(columns, lines)
        self._http: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None

    async def open(self) -> None:
        self._http = aiohttp.ClientSession()
        self._socket = await self._http.ws_connect(f"{self.url}?width={self.columns}&height={self.lines}")
        await self._socket.send_str(json.dumps(["resize", {"width": self.columns, "height": self.lines}]))

    async def wait_for(self, needle: str, timeout: float = 120.0) -> str:
        assert self._socket is not None
        deadline = time.monotonic() + timeout
        while needle not in self.screen.text():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} never appeared on the page:\n{self.screen.text()}")
            try:
                message = await self._socket.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen.feed(message.data)
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"the session ended ({message.type.name}):\n{self.screen.text()}")
        return self.screen.text()

    async def type(self, keys: str) -> None:
        assert self._socket is not None
        await self._socket.send_str(json.dumps(["stdin", keys]))

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._http is not None:
            await self._http.close()
