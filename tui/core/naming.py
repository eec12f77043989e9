"""Which speakers and sections a `speaker:` or `section:` term names.

A speaker term names a speaker by the start of their id, their name, a word of it, or an
alias; a section term by its number, or the start of its id, its title or a word of it.
`Names` holds one event's names folded once: a view resolves a query on every key, and
All events has thousands of speakers.
"""

from __future__ import annotations

from collections.abc import Sequence

from .folding import fold
from .model import Proceedings, Section, Speaker


def speaker_matches(speaker: Speaker, folded_term: str) -> bool:
    return _names(folded_term, None, _speaker_names(speaker))


def section_matches(section: Section, folded_term: str) -> bool:
    return _names(folded_term, section.number, _section_names(section))


class Names:
    """One event's speakers' and sections' names, each folded once, the first time a term asks."""

    __slots__ = ("_folded", "_proceedings")

    def __init__(self, proceedings: Proceedings) -> None:
        self._proceedings = proceedings
        self._folded: dict[str, list[tuple[str, int | None, tuple[str, ...]]]] = {}

    def naming(self, kind: str, terms: Sequence[str]) -> frozenset[str]:
        """The ids of the speakers (`kind` "speaker") or sections that any of these folded terms names."""
        if not terms:
            return frozenset()
        return frozenset(
            record_id for record_id, number, names in self._of(kind) for term in terms if _names(term, number, names)
        )

    def _of(self, kind: str) -> list[tuple[str, int | None, tuple[str, ...]]]:
        folded = self._folded.get(kind)
        if folded is None:  # two threads may fold them at once: either list is the same
            p = self._proceedings
            if kind == "speaker":
                folded = [(s.id, None, _speaker_names(s)) for s in p.speakers]
            else:
                folded = [(s.id, s.number, _section_names(s)) for s in p.sections]
            self._folded[kind] = folded
        return folded


def _names(folded_term: str, number: int | None, names: tuple[str, ...]) -> bool:
    """Whether a term names a record of these folded names (and this number: sections only)."""
    if number is not None and folded_term.isascii() and folded_term.isdigit():
        return number == int(folded_term)
    return any(name.startswith(folded_term) for name in names)


def _speaker_names(speaker: Speaker) -> tuple[str, ...]:
    return tuple(fold(name) for name in (speaker.id, speaker.name, *speaker.name.split(), *speaker.aliases))


def _section_names(section: Section) -> tuple[str, ...]:
    return tuple(fold(name) for name in (section.id, section.title, *section.title.split()))
