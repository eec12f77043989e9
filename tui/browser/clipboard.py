"""Copying a quotation where the reader can paste it, and saying honestly where it went.

The system clipboard when there is one (pyperclip finds wl-copy, xclip, xsel, pbcopy or
the Windows API), and in any case the terminal's clipboard by OSC 52, which many terminals
and tmux (without `set-clipboard on`) silently drop: the message says which reached. The
text is also written to a file under the user's data directory, so it is never lost.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .served import served


def last_copy_path() -> Path:
    import platformdirs  # only when copying

    return Path(platformdirs.user_data_dir("podium", appauthor=False)) / "last-copy.txt"


def system_clipboard(text: str) -> bool:
    """Whether a system clipboard tool took the text."""
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # pyperclip.PyperclipException and any tool's failure: fall back
        return False
    return True


def copy_text(text: str, terminal_copy: Callable[[str], None], what: str) -> str:
    """Copy `text`; the message for the reader says where it went and where else to find it.

    Served (`podium serve`), to the visitor's browser only: never the server's clipboard or files.
    """
    if served():
        terminal_copy(text)
        return f"Copied {what} to your browser's clipboard."
    saved: Path | None = last_copy_path()
    try:
        assert saved is not None
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(text, encoding="utf-8")
    except OSError:
        saved = None
    also = f"; also saved in {saved}" if saved is not None else ""
    terminal_copy(text)  # the app's own clipboard (paste inside Podium) and OSC 52, in any case
    if system_clipboard(text):
        return f"Copied {what} to the clipboard{also}."
    # Short: at 80 columns a long message covers the status line.
    caveat = "; tmux needs set-clipboard on" if os.environ.get("TMUX") else ""
    where = f"saved in {saved}" if saved is not None else "not saved"
    return f"Sent {what} by OSC 52 (no xclip or wl-copy; some terminals ignore it{caveat}); {where}."
