"""A visitor's session of `podium serve`: a Podium of its own, fed only what a page may send, and ended
with the page, when idle, when its Podium has gone, or killed when it will not quit."""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

import tui.serve.session as session
from bench.served import children_of
from tui.formats.bundled import bundled_event
from tui.serve import PodiumServer, Settings
from tui.serve.guard import MAX_COLUMNS, MAX_LINES, sized, terminal_size

CLOSED = ("CLOSE", "CLOSED", "CLOSING")
on_linux = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")


def server(idle_seconds: float = 60, command: str | None = None) -> PodiumServer:
    podium = PodiumServer(Settings((bundled_event(),), "127.0.0.1", 8000, None, True, 2, idle_seconds))
    if command is not None:
        podium.command = "exec " + command
    return podium


def mine() -> set[int]:
    """The processes this test started that are still there: each session's Podium."""
    return set(children_of(os.getpid()))


async def eventually(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    for _ in range(int(timeout * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never: {what}")


async def closed_by_server(socket: Any, timeout: float = 60.0) -> Any:
    """The page's messages read until the server closes it; the close message."""
    deadline = asyncio.get_running_loop().time() + timeout
    while (message := await socket.receive(timeout=timeout)).type.name not in CLOSED:
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the server never closed the page")
    return message


@on_linux
async def test_a_visitor_s_session_is_a_podium_process_that_ends_with_the_tab() -> None:
    podium, before = server(), mine()
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        first = await socket.receive(timeout=60)  # the app's first frame, drawn for the page
        assert first.type.name in ("BINARY", "TEXT")
        (process,) = mine() - before  # a Podium of its own
        command = Path(f"/proc/{process}/cmdline").read_bytes().split(b"\0")
        assert podium.sessions == 1 and command[1:4] == [b"-m", b"tui", b"browse"]  # Podium, no shell above it
        await socket.close()  # the tab closed
        await eventually(lambda: podium.sessions == 0 and not mine() - before, "no process left behind")
        await asyncio.sleep(0.2)  # the ended process's pipes close before the loop does


async def test_an_idle_session_ends_by_itself_whatever_pings_its_page_sends() -> None:
    podium = server(idle_seconds=1.0)
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")

        async def ping() -> None:  # a page left open: its pings keep the connection, not the session
            while not socket.closed:
                await socket.send_str(json.dumps(["ping", "1"]))
                await asyncio.sleep(0.2)

        pinging = asyncio.create_task(ping())
        assert (await closed_by_server(socket)).extra == "idle"
        pinging.cancel()
        await eventually(lambda: podium.sessions == 0, "the session counted out")
        await asyncio.sleep(0.2)


async def test_stopping_the_server_closes_every_page_and_ends_its_session() -> None:
    podium = server()
    application = await podium._make_app()
    async with TestClient(TestServer(application)) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        await socket.receive(timeout=60)  # the session is up
        await podium.on_shutdown(application)  # ctrl+c: aiohttp's shutdown signal
        assert (await closed_by_server(socket)).extra == "server stopped"
        await eventually(lambda: podium.sessions == 0 and not podium.open_sockets, "every session ended")
        await asyncio.sleep(0.2)


# A Podium that never reads its stdin: neither a quit nor a key.
STUCK = shlex.join([sys.executable, "-c", "import time; print('__GANGLION__', flush=True); time.sleep(600)"])


@on_linux
@pytest.mark.parametrize("keys", [0, 20], ids=["will-not-quit", "stops-taking-keys"])
async def test_a_podium_that_will_not_quit_or_take_keys_is_ended_all_the_same(
    keys: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session, "QUIT_GRACE", 0.5)
    podium, before = server(command=STUCK), mine()
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        await eventually(lambda: bool(mine() - before), "a session started")
        reading = asyncio.create_task(closed_by_server(socket, timeout=120))  # a live page answers heartbeats
        for _ in range(keys):  # within the budget, until its pipe is full and a write waits in vain
            if socket.closed or not podium.sessions:
                break
            await socket.send_str(json.dumps(["stdin", "k" * 60_000]))
            await asyncio.sleep(1.0)
        if not keys:
            await socket.close()  # the tab closed: asked to quit, it does not
        await eventually(lambda: podium.sessions == 0, "the session counted out", 20)
        assert not mine() - before  # killed, and counted out only once gone
        reading.cancel()
        await asyncio.sleep(0.2)


async def test_a_session_whose_podium_has_gone_ends_and_frees_its_place() -> None:
    podium = server(command=shlex.join([sys.executable, "-c", "print('__GANGLION__', flush=True)"]))  # then gone
    async with TestClient(TestServer(await podium._make_app())) as client:
        socket = await client.ws_connect("/ws?width=100&height=30")
        assert (await closed_by_server(socket)).extra == "ended"  # the page is told, not left frozen
        await eventually(lambda: podium.sessions == 0, "the session counted out")


# ---------------------------------------------------------------- what a page may send


class Page:
    """A page's websocket as run_session reads it: the messages given, then closed."""

    def __init__(self, *messages: Any) -> None:
        self.messages = [SimpleNamespace(type=WSMsgType.TEXT, data=m) if isinstance(m, str) else m for m in messages]
        self.closed, self.sent = False, []

    def __aiter__(self) -> Page:
        return self

    async def __anext__(self) -> Any:
        if not self.messages:
            self.closed = True
            raise StopAsyncIteration
        return self.messages.pop(0)

    async def send_json(self, data: Any) -> None:
        self.sent.append(data)

    async def close(self, message: bytes = b"") -> None:
        self.closed = True


class App:
    """An app service that records what reaches its Podium."""

    def __init__(self) -> None:
        self.keys, self.sizes, self.focus_changes = b"", [], []

    async def send_bytes(self, data: bytes) -> bool:
        self.keys += data
        return True

    async def set_terminal_size(self, width: int, height: int) -> None:
        self.sizes.append((width, height))

    async def blur(self) -> None:
        self.focus_changes.append("blur")

    async def focus(self) -> None:
        self.focus_changes.append("focus")

    async def stop(self) -> None:
        pass

    async def remote_write_bytes(self, data: bytes) -> None:
        pass


async def test_only_well_formed_messages_reach_the_app_and_sizes_are_bounded() -> None:
    page = Page("not json", "{}", "[]", "[5]", '["stdin", 5]', '["resize", {}]', '["resize", "x"]',
                SimpleNamespace(type=WSMsgType.BINARY, data=b"\x00"), '["ping", {"a": 1}]',
                '["stdin", "/safety"]', '["resize", {"width": 1000000000, "height": -4}]',
                '["resize", {"width": 120, "height": 40}]', '["blur"]', '["focus"]', '["ping", "42"]')  # fmt: skip
    app = App()
    await session.run_session(page, app, idle_seconds=60)  # type: ignore[arg-type]
    assert app.keys == b"/safety"
    assert app.sizes == [(80, 24), (MAX_COLUMNS, 1), (120, 40)]  # {} gives the defaults; 10^9 x -4 bounded
    assert app.focus_changes == ["blur", "focus"] and page.sent == [["pong", "42"]]


async def test_a_flood_of_keys_is_cut_to_the_budget_of_a_second() -> None:
    paste = "p" * 40_000
    page = Page(*[json.dumps(["stdin", paste])] * 5)  # 200 KB at once: more than a second's budget
    app = App()
    await session.run_session(page, app, idle_seconds=60)  # type: ignore[arg-type]
    assert len(app.keys) == len(paste)  # the first paste passes whole; the rest of this second's flood is dropped
    assert len(app.keys) <= session.KEYS_PER_SECOND


def test_the_budget_is_a_second_s_worth() -> None:
    clock = [100.0]
    budget = session.KeyBudget(lambda: clock[0])
    assert budget.allows(session.KEYS_PER_SECOND - 10) and budget.allows(10)  # a long paste
    assert not budget.allows(1)  # the rest of this second's flood
    clock[0] += 1.0
    assert budget.allows(1) and not budget.allows(session.KEYS_PER_SECOND)


def test_the_terminal_a_page_asks_for_in_its_address_is_bounded() -> None:
    asked = sized(make_mocked_request("GET", "/ws?width=99999&height=-3"))
    assert (asked.query["width"], asked.query["height"]) == (str(MAX_COLUMNS), "1")
    assert terminal_size("wide", None) == (80, 24) and terminal_size(10**9, 10**9) == (MAX_COLUMNS, MAX_LINES)
    assert terminal_size(120, 40) == (120, 40)
