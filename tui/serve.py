"""`podium serve`: the same browser in a web page, one Podium process per visitor (textual-serve).

Safe by default: it listens on 127.0.0.1; on any other address a visitor needs the token
(given with --token, else generated and printed, as Jupyter does): without it the page and
its websocket answer 403 and start nothing. The token arrives once in the address
(`?token=`) and is kept in a cookie for the page's websocket. A visitor opens only the
files named on the command line: nothing from the page reaches a file system call but the
files named here. Exports, pictures and copies go to the visitor's browser, never to the
server's disk; read-only (the default off loopback) also turns off marks and notes. At most
--max-sessions visitors at once: the next one gets a page that says so. A session with no
key, click or resize for --idle seconds ends, and a closed tab ends its process (textual-serve
quits the app when its websocket closes; the server waits for it to exit).
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import os
import re
import secrets
import shlex
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from .browser.served import READ_ONLY_ENV, SERVED_ENV

TOKEN_COOKIE = "podium_token"
DEFAULT_MAX_SESSIONS = 8
DEFAULT_IDLE_SECONDS = 30 * 60
BUSY_PAGE = (
    "<!doctype html><title>Podium is busy</title><h1>Podium is busy</h1>"
    "<p>{readers} reading with this Podium, its limit. Try again in a little while.</p>"
)


def is_loopback(host: str) -> bool:
    """Whether an address is this machine only: 127.0.0.0/8, ::1, or the name localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may resolve anywhere


@dataclass(frozen=True, slots=True)
class Settings:
    files: tuple[Path, ...]
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # None: no token asked (loopback only)
    read_only: bool = False
    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_seconds: float = DEFAULT_IDLE_SECONDS

    @classmethod
    def of(
        cls,
        files: Sequence[Path],
        host: str,
        port: int,
        token: str | None,
        read_only: bool | None,
        max_sessions: int,
        idle_seconds: float,
    ) -> Settings:
        """The settings as the command line asks; off loopback a token always, and read-only unless told."""
        local = is_loopback(host)
        if token is None and not local:
            token = secrets.token_urlsafe(24)
        return cls(
            tuple(files),
            host,
            port,
            token,
            (not local) if read_only is None else read_only,
            max(1, max_sessions),
            idle_seconds,
        )

    @property
    def command(self) -> str:
        """The served app's shell command: this Python, this package, the files named (quoted)."""
        # exec: the shell textual-serve starts becomes Podium, so that ending a session ends Podium
        return "exec " + shlex.join([sys.executable, "-m", "tui", "browse", *(str(f) for f in self.files)])

    def address(self) -> str:
        """What to open: the address, with the token where one is asked."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = f"/?token={self.token}" if self.token else "/"
        return f"http://{host}:{self.port}{query}"


class PodiumServer(Server):
    """textual-serve's server, with a token, a cap on sessions, an idle limit and read-only mode."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.command, host=settings.host, port=settings.port, title="Podium")
        self.settings = settings
        self.sessions = 0
        self.open_sockets: set[web.WebSocketResponse] = set()

    def allowed(self, request: web.Request) -> bool:
        """Whether a request carries the token (in the address or the cookie), or none is asked."""
        token = self.settings.token
        if token is None:
            return True
        given = request.query.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        return hmac.compare_digest(given.encode(), token.encode())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self.allowed(request):
            raise web.HTTPForbidden(text="Podium: this address needs its token: open the address Podium printed.")
        if request.path in ("/", "/ws") and self.sessions >= self.settings.max_sessions:
            readers = "1 person is" if self.sessions == 1 else f"{self.sessions} people are"
            page = BUSY_PAGE.format(readers=readers)
            return web.Response(status=503, text=page, content_type="text/html")
        response: web.StreamResponse = await handler(request)
        if request.path == "/" and self.settings.token and "token" in request.query:
            response.set_cookie(TOKEN_COOKIE, self.settings.token, httponly=True, samesite="Strict")
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1  # only once its Podium has gone (`_stop_within`): the cap counts processes

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
        """The page's messages, as textual-serve reads them, ending the session after --idle seconds
        without a key, a click or a resize (its pings keep the connection, not the session, alive)."""
        last = [time.monotonic()]

        async def watch() -> None:
            while not websocket.closed:
                await asyncio.sleep(min(5.0, self.settings.idle_seconds))
                if time.monotonic() - last[0] > self.settings.idle_seconds:
                    await websocket.close(message=b"idle")
                    return

        watcher = asyncio.create_task(watch())
        original = app_service.send_bytes, app_service.set_terminal_size

        async def send_bytes(data: bytes) -> None:
            last[0] = time.monotonic()
            await original[0](data)

        async def set_terminal_size(width: int, height: int) -> None:
            last[0] = time.monotonic()
            await original[1](width, height)

        app_service.send_bytes, app_service.set_terminal_size = send_bytes, set_terminal_size
        app_service.stop = partial(_stop_within, app_service, app_service.stop)
        self.open_sockets.add(websocket)
        try:
            await super()._process_messages(websocket, app_service)
        finally:
            watcher.cancel()
            self.open_sockets.discard(websocket)

    async def on_shutdown(self, app: web.Application) -> None:
        """ctrl+c: every page's websocket closed, so each session's Podium quits now, not when
        aiohttp's wait for open handlers runs out (a minute, with a page open)."""
        await asyncio.gather(*(socket.close(message=b"server stopped") for socket in list(self.open_sockets)))

    def initialize_logging(self) -> None:
        super().initialize_logging()
        logging.getLogger("aiohttp.access").addFilter(_without_token)

    async def on_startup(self, app: web.Application) -> None:
        mode = "read-only" if self.settings.read_only else "marks and notes in your data folder"
        print(f"Podium is serving at {self.settings.address()}  ({mode}; ctrl+c stops it)", flush=True)


QUIT_GRACE = 10.0  # seconds a session's Podium has to quit once its page has gone


async def _stop_within(service: Any, stop: Callable[[], Awaitable[None]]) -> None:
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


async def _exits(process: asyncio.subprocess.Process, within: float) -> bool:
    try:
        await asyncio.wait_for(process.wait(), within)
    except TimeoutError:
        return False
    return True


_TOKEN_IN = re.compile(r"(token=)[^&\s\"]+")


def _without_token(record: logging.LogRecord) -> bool:
    """The access log without the token a visitor's address carries: a log is read by others."""
    if isinstance(record.msg, str):
        record.msg = _TOKEN_IN.sub(r"\1…", record.msg)
    return True


def serve(settings: Settings) -> None:
    """Serve until ctrl+c (or SIGTERM)."""
    os.environ[SERVED_ENV] = "1"  # the served processes inherit these
    if settings.read_only:
        os.environ[READ_ONLY_ENV] = "1"
    PodiumServer(settings).serve()
