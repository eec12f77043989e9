"""`python -m tui` does what the `podium` command does; both start here."""

from __future__ import annotations

import gc
import sys


def entry_point() -> None:
    # Start-up makes tens of thousands of objects that live as long as the process (modules,
    # classes, the event's records), and the collector would walk them again and again before
    # the first paint. It is paused here; the browser freezes what was loaded and resumes it
    # after the first paint (or the load), and a one-shot command ends before it matters.
    gc.disable()
    from .cli import main

    sys.exit(main())


if __name__ == "__main__":
    entry_point()
