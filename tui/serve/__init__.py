"""`podium serve`: the same browser in a web page, one Podium process per visitor (textual-serve)."""

from .guard import token_cookie
from .server import PodiumServer, serve
from .settings import Settings, is_loopback

__all__ = ["PodiumServer", "Settings", "is_loopback", "serve", "token_cookie"]
