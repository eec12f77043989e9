"""Giving the system back the memory a large step freed.

glibc keeps freed heap memory for reuse, and after numpy frees a large array it raises the
size from which it maps memory of its own, so the next temporaries come from the heap too:
a reopen of a million remarks held 90 MB it no longer used. `malloc_trim` hands it back.
Where the C library has none (musl, macOS, Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


def give_back() -> None:
    """Return freed heap memory to the system, where the C library can."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        library = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = library.malloc_trim
        return trim
    except (OSError, AttributeError):
        return None
