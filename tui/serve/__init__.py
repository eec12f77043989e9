"""`podium serve`: the same browser in a web page, one Podium process per visitor (textual-serve)."""

from .guard import TOKEN_COOKIE
from .server import PodiumServer, serve
from .settings import Settings, is_loopback

__all__ = ["TOKEN_COOKIE", "PodiumServer", "Settings", "is_loopback", "serve"]
