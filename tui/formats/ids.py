"""Ids for records made from files that have none: stable, readable where the name allows, unique.

Podium ids match [a-z0-9][a-z0-9._-]*. A name in Latin script becomes its slug
("Dr. Merve Hickok" -> "dr-merve-hickok"); a name with nothing to slug (唐鳳) gets a
short hash of itself, so the same file gives the same ids every time.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

MAX_ID_CHARS = 48
_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str = "x") -> str:
    """A readable id for a name; `fallback` + a hash of the name when no letter of it is ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_ID.sub("-", ascii_text.lower()).strip("-")[:MAX_ID_CHARS].strip("-")
    if value:
        return value
    import hashlib  # loads OpenSSL, ~2 ms: only for a name that needs it

    return f"{fallback}-{hashlib.blake2b(text.encode('utf-8'), digest_size=4).hexdigest()}"


def event_id_for(path: str) -> str:
    """An event's id from its file's name: `2024-03-28 Panel.vtt` -> `2024-03-28-panel`."""
    name = PurePath(path).name
    stem = name.split(".", 1)[0] or name
    return slug(stem, "event")


class IdMaker:
    """Hands out unique ids: the same key always gets the same id, different keys never share one."""

    def __init__(self, fallback: str = "x") -> None:
        self._fallback = fallback
        self._by_key: dict[str, str] = {}
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}  # per base, the first suffix not yet tried: 10,000 "Lunch"es in one pass

    def __call__(self, key: str, readable: str | None = None) -> str:
        """The id for `key`, made from `readable` (default: the key) the first time it is asked for."""
        found = self._by_key.get(key)
        if found is not None:
            return found
        base = slug(key if readable is None else readable, self._fallback)
        candidate, n = base, self._next.get(base, 2)  # base-2 … base-(n-1) were taken, and stay taken
        while candidate in self._taken:
            candidate, n = f"{base}-{n}", n + 1
        self._next[base] = n
        self._taken.add(candidate)
        self._by_key[key] = candidate
        return candidate
