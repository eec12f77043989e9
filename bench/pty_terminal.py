"""Run a command (the installed `podium` by default) in a real pseudo-terminal and read its screen.

pyte plays the bytes the program writes into a virtual terminal, so a test or a
benchmark sees the screen a person would, and also gets the raw bytes.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import pyte


def podium_command() -> str:
    """The `podium` script installed beside this interpreter (the README's install)."""
    script = Path(sys.executable).with_name("podium")
    assert script.exists(), f"{script} is missing: install the project as the README says"
    return str(script)


class Terminal:
    def __init__(
        self, args: Sequence[str], columns: int = 100, lines: int = 30, command: Sequence[str] | None = None
    ) -> None:
        self.columns, self.lines = columns, lines
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [*(command or [podium_command()]), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master

    def read(self, timeout: float = 0.05) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], timeout)
            if not ready:
                return
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the child closed the terminal
                return
            if not data:
                return
            self.raw += data
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20.0, poll: float = 0.05) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read(poll)
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} never appeared on screen:\n{self.text()}")

    def type(self, keys: str | bytes) -> None:
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def wait_exit(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read()
            code = self.process.poll()
            if code is not None:
                self.read()
                return code
        raise AssertionError(f"podium did not exit:\n{self.text()}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
