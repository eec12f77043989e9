"""Writing a file so that a crash or a kill leaves the old content or the new, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str, *, newline: str | None = None) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    The rename is atomic on POSIX and Windows; the temporary file is removed if writing fails.
    `newline` as open() takes it: "" writes the text's line ends as they are (a CSV's CRLF).
    """
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline=newline, dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    ) as file:
        try:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        except BaseException:
            file.close()
            os.unlink(file.name)
            raise
    os.replace(file.name, path)
