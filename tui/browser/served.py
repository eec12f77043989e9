"""Whether this Podium is one visitor's session of `podium serve`, and whether it may write.

`podium serve` sets these for each process it starts (tui/serve/). Served, a copy, an export
and a picture go to the visitor's browser only (the clipboard, downloads): never to the server's
clipboard or files. Read-only (the default when served beyond this machine), marks and notes are
off, with a message.
"""

from __future__ import annotations

import os

SERVED_ENV = "PODIUM_SERVED"
READ_ONLY_ENV = "PODIUM_READ_ONLY"
READ_ONLY_MESSAGE = "This Podium is served read-only: marks and notes are off here."


def served() -> bool:
    return os.environ.get(SERVED_ENV) == "1"


def read_only() -> bool:
    return os.environ.get(READ_ONLY_ENV) == "1"
