"""`podium serve`'s web server: textual-serve's, one Podium process per visitor, guarded.

Safe by default: it listens on 127.0.0.1, and answers there only to this machine's own names;
on any other address a visitor needs the token (given with --token, else generated and
printed, as Jupyter does): without it every path answers 403 and starts nothing. The token
arrives once in the address (`?token=`) and is kept in a cookie for the page's websocket, which
only a page of this server may open. A visitor opens only the files named on the command line:
nothing from the page reaches a file system call. Exports, pictures and copies go to the
visitor's browser, never to the server's disk; read-only (the default off loopback) also turns
off marks and notes. At most --max-sessions visitors at once: the next one gets a page that
says so. A session ends when its tab closes, after --idle seconds without a key, or when its
Podium has gone; its Podium is killed if it does not quit (tui/serve/session.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from ..browser.served import READ_ONLY_ENV, SERVED_ENV
from .guard import (
    handshake_refusal,
    host_refusal,
    local_page,
    origin_refusal,
    page_origin,
    safe_access_log,
    sized,
    token_cookie,
    token_given,
)
from .session import run_session
from .settings import Settings

BUSY_PAGE = (  # tries again by itself: a reload waits for the last page's Podium to have gone
    '<!doctype html><meta http-equiv="refresh" content="5"><title>Podium is busy</title><h1>Podium is busy</h1>'
    "<p>{readers} reading with this Podium, its limit. This page tries again every few seconds.</p>"
)
WEBSOCKET = "/ws"


class PodiumServer(Server):
    """textual-serve's server, with a token, a cap on sessions, an idle limit and read-only mode."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.command, host=settings.host, port=settings.port, title="Podium")
        self.settings = settings
        self.sessions = 0
        self.open_sockets: set[web.WebSocketResponse] = set()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not token_given(request, self.settings):
            raise web.HTTPForbidden(text="Podium: this address needs its token: open the address Podium printed.")
        refusal = host_refusal(request, self.settings)
        if refusal is not None:
            raise web.HTTPForbidden(text=refusal)
        if request.path == WEBSOCKET:
            refusal = origin_refusal(request)
            if refusal is not None:
                raise web.HTTPForbidden(text=refusal)
            refusal = handshake_refusal(request)
            if refusal is not None:
                raise web.HTTPBadRequest(text=refusal)
            request = sized(request)
        if request.path in ("/", WEBSOCKET) and self.sessions >= self.settings.max_sessions:
            readers = "1 person is" if self.sessions == 1 else f"{self.sessions} people are"
            return web.Response(status=503, text=BUSY_PAGE.format(readers=readers), content_type="text/html")
        response: web.StreamResponse = await handler(request)
        if request.path == "/" and isinstance(response, web.Response) and response.text:
            response.text = local_page(response.text)
        if request.path == "/" and self.settings.token and "token" in request.query:
            cookie = token_cookie(self.settings.port)
            response.set_cookie(cookie, self.settings.token, httponly=True, samesite="Strict")
        return response

    async def handle_index(self, request: web.Request) -> Any:
        # The page's links as the visitor reached it: the address given to --host (0.0.0.0, ::1)
        # is not one a browser elsewhere can use. Set and read with no await between: no race.
        self.public_url = page_origin(request)
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1  # only once its Podium has gone (session.stop_within): the cap counts processes

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
        self.open_sockets.add(websocket)
        try:
            await run_session(websocket, app_service, self.settings.idle_seconds)
        finally:
            self.open_sockets.discard(websocket)

    async def on_shutdown(self, app: web.Application) -> None:
        """ctrl+c: every page's websocket closed, so each session's Podium quits now, not when
        aiohttp's wait for open handlers runs out (a minute, with a page open)."""
        await asyncio.gather(*(socket.close(message=b"server stopped") for socket in list(self.open_sockets)))

    def initialize_logging(self) -> None:
        super().initialize_logging()
        for handler in logging.getLogger().handlers:  # textual-serve's tracebacks show locals: a cookie's token
            if hasattr(handler, "tracebacks_show_locals"):
                handler.tracebacks_show_locals = False
        logging.getLogger("aiohttp.access").addFilter(safe_access_log)

    async def on_startup(self, app: web.Application) -> None:
        mode = "read-only" if self.settings.read_only else "marks and notes in your data folder"
        print(f"Podium is serving at {self.settings.address()}  ({mode}; ctrl+c stops it)", flush=True)


def serve(settings: Settings) -> None:
    """Serve until ctrl+c (or SIGTERM)."""
    os.environ[SERVED_ENV] = "1"  # the served processes inherit these
    if settings.read_only:
        os.environ[READ_ONLY_ENV] = "1"
    PodiumServer(settings).serve()
