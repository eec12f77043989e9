"""One visitor's session: the page's messages passed to its Podium, and the Podium ended with the page.

textual-serve's own loop trusts the page: a message that is not what it expects raises (a
traceback on the server's console), a paste of megabytes is written to the app whole, and a
write to an app that does not read waits for ever, so that neither a closed tab nor the idle
limit can end the session. This loop takes only well-formed messages, bounds what it passes
on, and gives up on an app that stops reading or has gone.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from functools import partial
from typing import Any

from aiohttp import WSMsgType, web

from .guard import terminal_size

QUIT_GRACE = 10.0  # seconds a session's Podium has to take a key or to quit before it is ended
# Keys a page may send in a second: a long paste (one message, one Paste event) passes; a flood
# of single keys, each an event in the app's memory (a gigabyte for six megabytes), is dropped.
KEYS_PER_SECOND = 64 * 1024
WATCH_EVERY = 1.0  # seconds between looks at the app and the idle clock


async def run_session(websocket: web.WebSocketResponse, service: Any, idle_seconds: float) -> None:
    """Pass the page's keys, sizes, focus and pings to the app until the page goes, the app goes,
    or nothing comes from the page for `idle_seconds` (its pings keep the connection, not the session)."""
    last = [time.monotonic()]
    budget = KeyBudget()
    service.stop = partial(stop_within, service, service.stop)
    service.remote_write_bytes = partial(_unless_gone, service.remote_write_bytes)
    watcher = asyncio.create_task(_watch(websocket, service, idle_seconds, last))
    try:
        async for message in websocket:
            envelope = _envelope(message)
            if envelope is None:
                continue
            kind, data = envelope
            if kind in ("stdin", "resize"):
                last[0] = time.monotonic()
            if kind == "stdin":
                keys = data.encode("utf-8", "replace") if isinstance(data, str) else b""
                if not keys or not budget.allows(len(keys)):
                    continue  # none, or past what a person types in a second: dropped
                passed = await _within_grace(service.send_bytes(keys))
            else:
                passed = await _passed(websocket, service, kind, data)
            if not passed:
                break  # the app no longer reads: the session ends
    finally:
        watcher.cancel()


class KeyBudget:
    """At most KEYS_PER_SECOND bytes of keys in any second of the clock's."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.second, self.spent = clock(), 0

    def allows(self, size: int) -> bool:
        now = self.clock()
        if now - self.second >= 1.0:
            self.second, self.spent = now, 0
        if self.spent + size > KEYS_PER_SECOND:
            return False
        self.spent += size
        return True


def _envelope(message: Any) -> tuple[str, Any] | None:
    """A page's message as [kind, data], or None when it is not one (it is then ignored)."""
    if message.type != WSMsgType.TEXT:
        return None
    try:
        envelope = json.loads(message.data)
    except ValueError:
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    return envelope[0], envelope[1] if len(envelope) > 1 else None


async def _passed(websocket: web.WebSocketResponse, service: Any, kind: str, data: Any) -> bool:
    """One message but keys handed on; False when the app did not take it within QUIT_GRACE."""
    if kind == "resize" and isinstance(data, dict):
        return await _within_grace(service.set_terminal_size(*terminal_size(data.get("width"), data.get("height"))))
    if kind == "ping" and isinstance(data, str) and len(data) < 64:
        await websocket.send_json(["pong", data])
    elif kind == "blur":
        return await _within_grace(service.blur())
    elif kind == "focus":
        return await _within_grace(service.focus())
    return True


async def _within_grace(write: Awaitable[object]) -> bool:
    try:
        await asyncio.wait_for(write, QUIT_GRACE)
    except TimeoutError:
        return False
    return True


async def _watch(websocket: web.WebSocketResponse, service: Any, idle_seconds: float, last: list[float]) -> None:
    """Ends the session when its Podium has gone (killed, or failed to start) or it has been idle."""
    process = getattr(service, "_process", None)
    while not websocket.closed:
        await asyncio.sleep(min(WATCH_EVERY, idle_seconds))
        gone = process is not None and process.returncode is not None
        if gone or time.monotonic() - last[0] > idle_seconds:
            if not await _within_grace(websocket.close(message=b"ended" if gone else b"idle")) and process:
                with suppress(ProcessLookupError):
                    process.kill()  # the loop is stuck writing to it: this frees it
            return


async def _unless_gone(write: Callable[[bytes], Awaitable[None]], data: bytes) -> None:
    """The app's output to the page; once the page has gone, dropped (and the app's output still read,
    so that it is not blocked writing to nobody)."""
    with suppress(ConnectionError):
        await write(data)


async def stop_within(service: Any, stop: Callable[[], Awaitable[None]]) -> None:
    """textual-serve's stop (asks the app to quit, then reads to its last output), and then the
    process's exit, killing Podium if it has not gone within QUIT_GRACE: no process outlives
    its page or the server, even one stuck in a long search."""
    stopping = asyncio.ensure_future(stop())
    done, _ = await asyncio.wait({stopping}, timeout=QUIT_GRACE)
    process = getattr(service, "_process", None)
    if process is not None:
        if not done or not await _exits(process, QUIT_GRACE):
            with suppress(ProcessLookupError):
                process.kill()
        await process.wait()
    await stopping


async def _exits(process: asyncio.subprocess.Process, seconds: float) -> bool:
    try:
        await asyncio.wait_for(process.wait(), seconds)
    except TimeoutError:
        return False
    return True
