"""Which requests `podium serve` answers: with the token, by this machine's own names, from its own page.

Every refusal is decided here, before a handler runs and before any process starts.
"""

from __future__ import annotations

import hmac
import logging
import re
from urllib.parse import urlsplit

from aiohttp import web

from ..core.textsafe import safe_line
from .settings import Settings, is_loopback


def token_cookie(port: int) -> str:
    """The cookie keeping the token: one per port, so that two Podiums on one machine keep theirs."""
    return f"podium_token_{port}"


MAX_COLUMNS, MAX_LINES = 500, 200  # a page's terminal: more is no screen, only memory
# A Host header as a browser sends it: a name or an address, maybe a port. It becomes the
# page's links, so nothing else is let through.
_HOST = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9._-]{0,252}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?")
_TOKEN_IN = re.compile(r"(token=)[^&\s\"]+")
# textual-serve's page asks Google for its font, so each visitor's browser would tell Google who
# reads what, and wait for it offline; the same font ships in textual-serve's own static files.
_OUTSIDE_FONT = re.compile(r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/?>')
_LOCAL_FONT = (
    '<style>@font-face { font-family: "Roboto Mono"; '
    'src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }</style>'
)


def token_given(request: web.Request, settings: Settings) -> bool:
    """Whether a request carries the token (in the address, else the cookie), or none is asked."""
    token = settings.token
    if token is None:
        return True
    given = request.query.get("token") or request.cookies.get(token_cookie(settings.port)) or ""
    return hmac.compare_digest(given.encode(), token.encode())


def host_refusal(request: web.Request, settings: Settings) -> str | None:
    """Why the request's Host is not answered, or None.

    Without a token (this machine only) only this machine's own names are answered: a page of
    another site whose name it points at 127.0.0.1 (DNS rebinding) gets nothing.
    """
    host = request.headers.get("Host", "")
    if not _HOST.fullmatch(host):
        return "Podium: this request names no host that Podium answers to."
    name = (host.rsplit(":", 1)[0] if not host.endswith("]") else host).removesuffix(".")
    if settings.token is None and not (is_loopback(name) or name == settings.host):
        return "Podium: open Podium at the address it printed: it answers only to this machine's own names."
    return None


def handshake_refusal(request: web.Request) -> str | None:
    """Why a request to the websocket's address is not a websocket a page opens, or None."""
    if not web.WebSocketResponse().can_prepare(request).ok:
        return "Podium: this address is the page's websocket."
    return None


def page_origin(request: web.Request) -> str:
    """The page's links as the visitor reached it: a proxy in front that adds TLS says so."""
    scheme = "https" if request.headers.get("X-Forwarded-Proto", request.scheme).lower() == "https" else "http"
    return f"{scheme}://{request.host}"


def origin_refusal(request: web.Request) -> str | None:
    """A websocket opened by another site's page is refused: browsers say which page opened it."""
    origin = request.headers.get("Origin")
    if origin is None:
        return None  # not a browser's page: no other site's page can be behind it
    if urlsplit(origin).netloc.lower() != request.host.lower():
        return "Podium: a page of another site may not open Podium."
    return None


def within(value: object, low: int, high: int, default: int) -> int:
    """A terminal size from the page, as a number in low..high (default when it is not one)."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return min(max(number, low), high)


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """A page's terminal, as it asks for it (in its websocket's address, then as it resizes), bounded."""
    return within(width, 1, MAX_COLUMNS, 80), within(height, 1, MAX_LINES, 24)


def sized(request: web.Request) -> web.Request:
    """The websocket's request with its terminal size made sane."""
    width, height = terminal_size(request.query.get("width", 80), request.query.get("height", 24))
    return request.clone(rel_url=request.rel_url.update_query(width=width, height=height))


def safe_access_log(record: logging.LogRecord) -> bool:
    """The access log without the token a visitor's address carries (a log is read by others),
    and without control characters a visitor's headers may hold (it is printed on a terminal)."""
    record.msg, record.args = safe_line(_TOKEN_IN.sub(r"\1…", record.getMessage())), None
    return True


def local_page(html: str) -> str:
    """The page with its font from this server, not from Google."""
    return _OUTSIDE_FONT.sub(_LOCAL_FONT, html)
