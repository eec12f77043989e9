"""What `podium serve` was asked for: the files, the address, the token, and the limits."""

from __future__ import annotations

import ipaddress
import secrets
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

DEFAULT_MAX_SESSIONS = 8
DEFAULT_IDLE_SECONDS = 30 * 60


def is_loopback(host: str) -> bool:
    """Whether an address is this machine only: 127.0.0.0/8, ::1, or the name localhost."""
    host = host.removeprefix("[").removesuffix("]")
    if host.lower() == "localhost":
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
        query = f"/?token={quote(self.token, safe='')}" if self.token else "/"
        return f"http://{host}:{self.port}{query}"
