"""One query language for the command line and the browser.

    climate "AI for all" -moratorium speaker:hickok section:3 topic:safety

Free words and "quoted phrases" must all occur in a remark's text (substring,
ignoring case and accents); a leading `-` excludes. `speaker:`, `section:` and
`topic:` restrict by field; a field named twice means either value. A match
reports the character spans of the text to highlight.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Proceedings, Section, Speaker

MAX_QUERY_CHARS = 1000
FIELDS = ("speaker", "section", "topic")
_FIELD_PREFIX = re.compile(r"([A-Za-z_]+):")
_SPACE = re.compile(r"\s+")


class QueryError(ValueError):
    """A query that cannot be read; `position` is the 0-based offset of the trouble."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# --------------------------------------------------------------------------- folding


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char == "\n":
        return " "  # so that a phrase matches across a line break
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """Text for comparison: case- and accent-insensitive."""
    if text.isascii():
        return text.lower().replace("\n", " ")
    return "".join(map(_fold_char, text))


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for non-ASCII text the original offset of each folded char.

    Folding can change lengths ("ß" -> "ss", "é" -> "e"), so spans found in the
    folded text are mapped back through these offsets. ASCII folds one to one.
    """
    if text.isascii():
        return text.lower().replace("\n", " "), None
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(parts), offsets


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class Term:
    value: str  # as typed (for messages)
    folded: str  # as compared
    field: str | None = None  # None for text, else one of FIELDS
    negate: bool = False
    phrase: bool = False

    def __str__(self) -> str:
        value = f'"{self.value}"' if self.phrase or _SPACE.search(self.value) else self.value
        name = f"{self.field}:" if self.field else ""
        return f"{'-' if self.negate else ''}{name}{value}"


@dataclass(frozen=True, slots=True)
class Query:
    source: str = ""
    terms: tuple[Term, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def of(self, field_name: str | None, *, negate: bool = False) -> tuple[str, ...]:
        return tuple(t.folded for t in self.terms if t.field == field_name and t.negate == negate)

    @property
    def text_terms(self) -> tuple[str, ...]:
        """Folded words and phrases that must occur: what to highlight."""
        return self.of(None)

    def narrows(self, previous: Query) -> bool:
        """True when every result of this query is also a result of `previous`.

        Holds when this query keeps all of the previous one's terms, each made
        at most more specific (a text term extended), and adds only terms that
        restrict further. Fields that widen when repeated (speaker, section,
        topic are "any of") must stay as they were.
        """
        if len(self.terms) < len(previous.terms):
            return False
        for old, new in zip(previous.terms, self.terms, strict=False):
            if old == new:
                continue
            extended = old.field is None and new.field is None and old.folded in new.folded
            if extended and not old.negate and not new.negate:
                continue
            return False
        added = self.terms[len(previous.terms) :]
        old_fields = {t.field for t in previous.terms if not t.negate and t.field}
        return all(t.field is None or t.negate or t.field not in old_fields for t in added)


def parse(source: str) -> Query:
    """Read a query; raises QueryError with a message meant for the person typing."""
    if len(source) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query is {len(source):,} characters; the limit is {MAX_QUERY_CHARS:,}",
            MAX_QUERY_CHARS,
        )
    terms: list[Term] = []
    index, end = 0, len(source)
    while index < end:
        if source[index].isspace():
            index += 1
            continue
        start = index
        negate = source[index] == "-"
        if negate:
            index += 1
            if index == end or source[index].isspace():
                raise QueryError(
                    "'-' excludes what follows it: write a word after it, like -moratorium",
                    start,
                )
        field_name: str | None = None
        prefix = _FIELD_PREFIX.match(source, index)
        if prefix:
            name = prefix.group(1).lower()
            if name not in FIELDS:
                close = difflib.get_close_matches(name, FIELDS, n=1)
                hint = f"did you mean {close[0]}:? " if close else ""
                raise QueryError(
                    f"unknown field '{prefix.group(1)}:'; {hint}use speaker:, section: or topic: "
                    f'(to search for the text, put it in quotes: "{prefix.group(0)}")',
                    index,
                )
            field_name = name
            index = prefix.end()
        phrase = index < end and source[index] == '"'
        if phrase:
            close_at = source.find('"', index + 1)
            if close_at < 0:
                raise QueryError('a quoted phrase is not closed: add the closing "', index)
            value = source[index + 1 : close_at]
            index = close_at + 1
        else:
            stop = index
            while stop < end and not source[stop].isspace():
                stop += 1
            value = source[index:stop]
            index = stop
        folded = _SPACE.sub(" ", fold(value)).strip()
        if not folded:
            if field_name:
                raise QueryError(
                    f"{field_name}: needs a value, like {field_name}:{_EXAMPLES[field_name]}",
                    start,
                )
            continue  # "" or a lone accent folds to nothing: it would match (or exclude) every remark
        terms.append(Term(value, folded, field_name, negate, phrase))
    return Query(source, tuple(terms))


_EXAMPLES = {"speaker": "hickok", "section": "3", "topic": "safety"}


# --------------------------------------------------------------------------- matching


def speaker_matches(speaker: Speaker, folded_term: str) -> bool:
    """A speaker term matches the start of the id, the name, any word of it, or an alias."""
    names = (speaker.id, speaker.name, *speaker.name.split(), *speaker.aliases)
    return any(fold(name).startswith(folded_term) for name in names)


def section_matches(section: Section, folded_term: str) -> bool:
    """A section term is its number, or the start of its id, title or a title word."""
    if folded_term.isascii() and folded_term.isdigit():
        return section.number == int(folded_term)
    names = (section.id, section.title, *section.title.split())
    return any(fold(name).startswith(folded_term) for name in names)


@dataclass
class SearchIndex:
    """Folded texts of one event's remarks, computed once and reused by every query."""

    proceedings: Proceedings
    _folded: list[str] | None = field(default=None, repr=False)
    _topics: list[tuple[str, ...]] | None = field(default=None, repr=False)

    @property
    def folded(self) -> list[str]:
        if self._folded is None:
            self._folded = [fold(r.text) for r in self.proceedings.remarks]
        return self._folded

    @property
    def topics(self) -> list[tuple[str, ...]]:
        if self._topics is None:
            self._topics = [tuple(fold(t) for t in r.topics) for r in self.proceedings.remarks]
        return self._topics

    def resolve(self, query: Query) -> Resolved:
        p = self.proceedings
        return Resolved(
            speakers=_optional(
                _resolve(p.speakers, query.of("speaker"), speaker_matches),
                query.of("speaker"),
            ),
            not_speakers=_resolve(p.speakers, query.of("speaker", negate=True), speaker_matches),
            sections=_optional(
                _resolve(p.sections, query.of("section"), section_matches),
                query.of("section"),
            ),
            not_sections=_resolve(p.sections, query.of("section", negate=True), section_matches),
            unmatched=tuple(
                t
                for t in query.terms
                if not t.negate
                and (
                    (t.field == "speaker" and not any(speaker_matches(s, t.folded) for s in p.speakers))
                    or (t.field == "section" and not any(section_matches(s, t.folded) for s in p.sections))
                )
            ),
        )

    def search(
        self,
        query: Query,
        *,
        section: str | None = None,
        within: Iterable[int] | None = None,
    ) -> list[int]:
        """Positions of the remarks that match, in report order.

        `section` scopes to one section id; `within` narrows a previous result
        (valid when the new query narrows the old one: see Query.narrows).
        """
        resolved = self.resolve(query)
        remarks = self.proceedings.remarks
        candidates: Iterable[int]
        if within is not None:
            candidates = within
        elif resolved.speakers is not None and len(resolved.speakers) < len(self.proceedings.speakers):
            by_speaker = self.proceedings.remarks_by_speaker
            candidates = sorted(r.position for s in resolved.speakers for r in by_speaker.get(s, ()))
        elif section is not None:
            candidates = [r.position for r in self.proceedings.remarks_by_section.get(section, ())]
        else:
            candidates = range(len(remarks))
        sections = resolved.sections
        if section is not None:
            sections = frozenset({section}) if sections is None else sections & {section}
        words, excluded = query.text_terms, query.of(None, negate=True)
        topics, not_topics = query.of("topic"), query.of("topic", negate=True)
        folded = self.folded if (words or excluded) else None
        topic_lists = self.topics if (topics or not_topics) else None
        out = []
        for position in candidates:
            remark = remarks[position]
            if resolved.speakers is not None and remark.speaker not in resolved.speakers:
                continue
            if remark.speaker in resolved.not_speakers or remark.section in resolved.not_sections:
                continue
            if sections is not None and remark.section not in sections:
                continue
            if folded is not None:
                text = folded[position]
                if not all(w in text for w in words) or any(w in text for w in excluded):
                    continue
            if topic_lists is not None:
                mine = topic_lists[position]
                if topics and not any(t in topic for t in topics for topic in mine):
                    continue
                if any(t in topic for t in not_topics for topic in mine):
                    continue
            out.append(position)
        return out


@dataclass(frozen=True, slots=True)
class Resolved:
    """A query's field terms turned into ids of one event (None: no restriction)."""

    speakers: frozenset[str] | None
    not_speakers: frozenset[str]
    sections: frozenset[str] | None
    not_sections: frozenset[str]
    unmatched: tuple[Term, ...]  # speaker/section terms that name nothing here


def _resolve(
    records: Sequence[Speaker] | Sequence[Section],
    terms: Sequence[str],
    matches: object,
) -> frozenset[str]:
    return frozenset(r.id for r in records for t in terms if matches(r, t))  # type: ignore[operator]


def _optional(found: frozenset[str], terms: Sequence[str]) -> frozenset[str] | None:
    """No terms of a field means no restriction by it."""
    return found if terms else None


def spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Sorted, merged [start, end) character spans of `text` that the query's words cover."""
    terms = [t for t in query.text_terms if t]
    if not terms:
        return []
    folded, offsets = fold_with_offsets(text)
    found: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            stop = start + len(term)
            if offsets is None:
                found.append((start, stop))
            else:
                end = offsets[stop - 1] + 1
                while end < len(text) and unicodedata.combining(text[end]):
                    end += 1  # an accent written after its letter belongs to the match
                found.append((offsets[start], end))
            start = folded.find(term, start + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, stop in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged
