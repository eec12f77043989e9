"""One query language for the command line and the browser.

    climate "AI for all" -moratorium speaker:hickok section:3 topic:safety

Free words and "quoted phrases" must all occur in a remark's text (substring,
ignoring case and accents); a leading `-` excludes. `speaker:`, `section:` and
`topic:` restrict by field; a field named twice means either value. A match
reports the character spans of the text to highlight.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NoReturn

from .model import Proceedings, Section, Speaker

if TYPE_CHECKING:  # pyroaring takes ~8 ms to import: only once an index is built, off the start-up path
    from pyroaring import FrozenBitMap

    from .word_index import WordIndex

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


class IncompleteQuery(QueryError):
    """A query that ends in a term still being typed: `speaker:`, a lone `-` or `=`, an `OR`.

    On the command line it is a mistake like any other; while typing, the query
    before the unfinished term (`complete`) is the one to search, so the results
    stay as they were until the term has a value.
    """

    def __init__(self, message: str, position: int, before: str) -> None:
        super().__init__(message, position)
        self.before = before  # the query's text up to the unfinished term

    @property
    def complete(self) -> Query:
        """The query without its unfinished term (itself perhaps after an unfinished OR)."""
        try:
            return parse(self.before)
        except IncompleteQuery as earlier:  # "safety OR -": before the "-", then before the OR
            return earlier.complete


# --------------------------------------------------------------------------- folding


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_match(match: re.Match[str]) -> str:
    return _fold_char(match.group())


def fold(text: str) -> str:
    """Text for comparison: case- and accent-insensitive; a newline counts as a space.

    Lowercased as a whole, then each non-ASCII character folded on its own
    (decomposed, accents dropped, case-folded): the same steps, character by
    character, as fold_with_offsets, so the two always agree.
    """
    lowered = text.lower().replace("\n", " ")
    return lowered if lowered.isascii() else _NON_ASCII.sub(_fold_match, lowered)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for non-ASCII text the original offset of each folded char.

    Folding can change lengths ("ß" -> "ss", "é" -> "e"), so spans found in the
    folded text are mapped back through these offsets. ASCII folds one to one.
    """
    if text.isascii():
        return fold(text), None
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
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
    whole: bool = False  # =word: only as a whole word, not inside another

    def __str__(self) -> str:
        value = f'"{self.value}"' if self.phrase or _SPACE.search(self.value) else self.value
        name = f"{self.field}:" if self.field else ""
        return f"{'-' if self.negate else ''}{'=' if self.whole else ''}{name}{value}"


@dataclass(frozen=True, slots=True)
class Query:
    source: str = ""
    terms: tuple[Term, ...] = ()  # every term of every alternative
    # `a b OR c`: the remarks that match either side; each side is a query of its own
    alternatives: tuple[Query, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def whole_words(self) -> frozenset[str]:
        """Folded text terms written =word: matched only as whole words."""
        return frozenset(t.folded for t in self.terms if t.whole and t.field is None and not t.negate)

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
        if self.alternatives or previous.alternatives or len(self.terms) < len(previous.terms):
            return False
        for old, new in zip(previous.terms, self.terms, strict=False):
            if old == new:
                continue
            # "ai" -> "aid" narrows; "=ai" -> "=aid" does not (a remark may hold "aid" but not the word "ai")
            extended = old.field is None and new.field is None and old.folded in new.folded and not old.whole
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
    sides = _or_sides(source)
    if len(sides) > 1:
        alternatives = []
        for start, stop in sides:
            side = _parse_terms(source, start, stop)
            if not side:
                message = "OR joins two queries: write one on each side, like moratorium OR pause"
                if stop == len(source) and not source[start:].strip():  # the right side is still to be typed
                    raise IncompleteQuery(message, start, source[: start - len("OR")])
                raise QueryError(message, start)
            alternatives.append(Query(source[start:stop].strip(), tuple(side)))
        return Query(source, tuple(t for q in alternatives for t in q.terms), tuple(alternatives))
    return Query(source, tuple(_parse_terms(source, 0, len(source))))


def _or_sides(source: str) -> list[tuple[int, int]]:
    """The spans between standalone, upper-case OR words outside quotes."""
    sides: list[tuple[int, int]] = []
    start = index = 0
    quoted = False
    while index < len(source):
        if source[index] == '"':
            quoted = not quoted
        elif (
            not quoted
            and source.startswith("OR", index)
            and (index == 0 or source[index - 1].isspace())
            and (index + 2 == len(source) or source[index + 2].isspace())
        ):
            sides.append((start, index))
            start = index = index + 2
            continue
        index += 1
    sides.append((start, len(source)))
    return sides


def _parse_terms(source: str, index: int, end: int) -> list[Term]:
    """The terms of source[index:end]; positions in messages count from the start of the whole query."""
    terms: list[Term] = []
    while index < end:
        if source[index].isspace():
            index += 1
            continue
        start = index
        negate = source[index] == "-"
        if negate:
            index += 1
            if index == end or source[index].isspace():
                message = "'-' excludes what follows it: write a word after it, like -moratorium"
                _refuse(source, message, start, unfinished=index == len(source))
        whole = source[index] == "="
        if whole:
            index += 1
            if index == end or source[index].isspace():
                message = "'=' matches a whole word: write the word after it, like =ai"
                _refuse(source, message, start, unfinished=index == len(source))
        field_name: str | None = None
        prefix = _FIELD_PREFIX.match(source, index, end)
        if prefix:
            name = prefix.group(1).lower()
            if name not in FIELDS:
                import difflib  # only for a mistake

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
            close_at = source.find('"', index + 1, end)
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
                message = f"{field_name}: needs a value, like {field_name}:{_EXAMPLES[field_name]}"
                # `speaker:` at the end waits for its value; `topic:""` was closed empty: a mistake
                _refuse(source, message, start, unfinished=not phrase and index == len(source))
            continue  # "" or a lone accent folds to nothing: it would match (or exclude) every remark
        terms.append(Term(value, folded, field_name, negate, phrase, whole and field_name is None))
    return terms


_EXAMPLES = {"speaker": "hickok", "section": "3", "topic": "safety"}


def _refuse(source: str, message: str, start: int, *, unfinished: bool) -> NoReturn:
    """A term from `start` that lacks its value; `unfinished`: it is the last thing typed, its value to come."""
    if unfinished:
        raise IncompleteQuery(message, start, source[:start])
    raise QueryError(message, start)


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
    _columns: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # Built by prepare(), and used from then on; until it is there, searches scan the texts.
    words: WordIndex | None = field(default=None, repr=False)
    _words_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def prepare(self) -> None:
        """Compute what searches need (in a worker, before the first keystroke).

        The word index takes ~1 s per 100,000 remarks (3 s with a large
        vocabulary), so a search never waits for it: one run before it is
        ready scans, as does a one-off search that never prepares (the CLI),
        for which a scan (~30 ms per 100,000 remarks) is far cheaper.
        """
        _ = self.folded, self.speaker_of, self.section_of  # topics: only when a topic: is asked for
        from .word_index import WordIndex

        with self._words_lock:  # not self._lock: searches go on (scanning) while it is built
            if self.words is None:
                self.words = WordIndex(self.folded)

    @property
    def folded(self) -> list[str]:
        with self._lock:  # a worker may be preparing it while a search starts
            return self._folded_texts()

    def _folded_texts(self) -> list[str]:
        if self._folded is None:
            known = self.proceedings.folded_texts
            self._folded = known if known is not None else [fold(r.text) for r in self.proceedings.remarks]
        return self._folded

    @property
    def topics(self) -> list[tuple[str, ...]]:
        if self._topics is None:
            self._topics = [tuple(fold(t) for t in r.topics) for r in self.proceedings.remarks]
        return self._topics

    def resolve(self, query: Query) -> Resolved:
        p = self.proceedings
        if query.alternatives:  # each side restricts itself when searched; together, nothing is lifted
            unmatched = tuple(u for side in query.alternatives for u in self.resolve(side).unmatched)
            return Resolved(None, frozenset(), None, frozenset(), unmatched)
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

    def _column(self, name: str) -> list[int]:
        """Per remark, the index of its speaker or section in the event's list.

        Small ints: counting and testing them is several times faster than
        strings, which matters on every keystroke at 100,000 remarks.
        """
        cached = self._columns.get(name)
        if cached is None:
            records: Sequence[Speaker | Section] = (
                self.proceedings.speakers if name == "speaker" else self.proceedings.sections
            )
            code = {record.id: index for index, record in enumerate(records)}
            cached = self._columns[name] = [code[getattr(r, name)] for r in self.proceedings.remarks]
        return cached

    @property
    def speaker_of(self) -> list[int]:
        """Index in proceedings.speakers of each remark's speaker."""
        return self._column("speaker")

    @property
    def section_of(self) -> list[int]:
        """Index in proceedings.sections of each remark's section."""
        return self._column("section")

    def speaker_codes(self, ids: Iterable[str]) -> frozenset[int]:
        code = {s.id: i for i, s in enumerate(self.proceedings.speakers)}
        return frozenset(code[i] for i in ids if i in code)

    def section_codes(self, ids: Iterable[str]) -> frozenset[int]:
        code = {s.id: i for i, s in enumerate(self.proceedings.sections)}
        return frozenset(code[i] for i in ids if i in code)

    def search(
        self,
        query: Query,
        *,
        section: str | None = None,
        within: Sequence[int] | None = None,
    ) -> list[int]:
        """Positions of the remarks that match, in report order.

        `section` scopes to one section id; `within` narrows a previous result
        (valid when the new query narrows the old one: see Query.narrows).
        Each condition is one pass over what is left, most selective first.
        """
        if query.alternatives:  # either side: the union, in report order (a bitmap sorts it in C)
            from pyroaring import FrozenBitMap

            sides = (FrozenBitMap(self.search(side, section=section)) for side in query.alternatives)
            return FrozenBitMap.union(*sides).to_array().tolist()
        resolved = self.resolve(query)
        sections = resolved.sections
        if section is not None:
            sections = frozenset({section}) if sections is None else sections & {section}
        remaining: list[int] | None = list(within) if within is not None else None
        if remaining is None and resolved.speakers is not None:
            by_speaker = self.proceedings.remarks_by_speaker
            remaining = sorted(r.position for s in resolved.speakers for r in by_speaker.get(s, ()))
        if remaining is None and sections is not None:
            by_section = self.proceedings.remarks_by_section
            remaining = sorted(r.position for s in sections for r in by_section.get(s, ()))

        folded = self.folded if query.text_terms or query.of(None, negate=True) else []
        whole_negated = {t.folded for t in query.terms if t.whole and t.negate and t.field is None}
        to_scan, whole, not_to_scan = query.text_terms, query.whole_words, query.of(None, negate=True)
        words = self.words
        if words is not None and (to_scan or not_to_scan):
            remaining, to_scan, whole, not_to_scan = self._look_up(words, remaining, query, whole_negated)
        for word in sorted(to_scan, key=len, reverse=True):
            if remaining is None:
                remaining = [i for i, text in enumerate(folded) if word in text]
            else:
                remaining = [i for i in remaining if word in folded[i]]
        if remaining is None:
            remaining = list(range(len(self.proceedings.remarks)))
        for word in whole:  # the substring is there: is it a whole word?
            pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
            remaining = [i for i in remaining if pattern.search(folded[i])]
        for word in not_to_scan:
            if word in whole_negated:  # -=word: leave out only where it stands as a whole word
                pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
                remaining = [i for i in remaining if not pattern.search(folded[i])]
            else:
                remaining = [i for i in remaining if word not in folded[i]]
        speaker_of, section_of = self.speaker_of, self.section_of
        if resolved.speakers is not None:
            wanted = self.speaker_codes(resolved.speakers)
            remaining = [i for i in remaining if speaker_of[i] in wanted]
        if resolved.not_speakers:
            unwanted = self.speaker_codes(resolved.not_speakers)
            remaining = [i for i in remaining if speaker_of[i] not in unwanted]
        if sections is not None:
            wanted = self.section_codes(sections)
            remaining = [i for i in remaining if section_of[i] in wanted]
        if resolved.not_sections:
            unwanted = self.section_codes(resolved.not_sections)
            remaining = [i for i in remaining if section_of[i] not in unwanted]
        topics, not_topics = query.of("topic"), query.of("topic", negate=True)
        if topics or not_topics:
            lists = self.topics
            if topics:
                remaining = [i for i in remaining if any(t in topic for t in topics for topic in lists[i])]
            if not_topics:
                remaining = [i for i in remaining if not any(t in topic for t in not_topics for topic in lists[i])]
        return remaining

    @staticmethod
    def _look_up(
        words: WordIndex, remaining: list[int] | None, query: Query, whole_negated: set[str]
    ) -> tuple[list[int] | None, tuple[str, ...], frozenset[str], tuple[str, ...]]:
        """Narrow by the word index: what is left, and the terms (words, =words, -words) to check text by text.

        A word (no space) and an =word are settled exactly by the index, and so
        are -word and -=word; a phrase is only narrowed (checked in the texts
        after), and a word in too many vocabulary words is left to the scan.
        """
        from pyroaring import FrozenBitMap  # imported already, with the index

        terms, whole, negated = query.text_terms, query.whole_words, query.of(None, negate=True)
        if remaining is not None and len(remaining) * words.mean_chars < words.vocabulary_chars:
            return remaining, terms, whole, negated  # a few remarks: scanning them reads less than the vocabulary
        found: FrozenBitMap | None = None
        to_scan: list[str] = []
        whole_to_check = set(whole)
        for term in dict.fromkeys(terms):  # "ai =ai": the whole word implies the substring
            if " " in term:
                candidates = words.phrase_candidates(term)
                to_scan.append(term)
            elif term in whole:
                candidates = words.containing_word(term)
                if candidates is None:
                    to_scan.append(term)
                else:
                    whole_to_check.discard(term)
            else:
                candidates = words.containing(term)
                if candidates is None:
                    to_scan.append(term)
            if candidates is not None:
                found = candidates if found is None else found & candidates
                if not found:
                    return [], (), frozenset(), ()  # nothing has every word
        not_to_scan: list[str] = []
        left_out: list[FrozenBitMap] = []
        for term in negated:
            if " " in term:
                candidates = None
            else:
                candidates = words.containing_word(term) if term in whole_negated else words.containing(term)
            if candidates is None:
                not_to_scan.append(term)
            else:
                left_out.append(candidates)
        if found is None and not left_out:
            return remaining, terms, whole, negated  # nothing the index could answer
        if found is None:
            found = FrozenBitMap(range(words.size))
        if left_out:
            found = found - FrozenBitMap.union(*left_out)
        if remaining is not None:
            found = found & FrozenBitMap(remaining)
        return found.to_array().tolist(), tuple(to_scan), frozenset(whole_to_check), tuple(not_to_scan)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A query's field terms turned into ids of one event (None: no restriction)."""

    speakers: frozenset[str] | None
    not_speakers: frozenset[str]
    sections: frozenset[str] | None
    not_sections: frozenset[str]
    unmatched: tuple[Term, ...]  # speaker/section terms that name nothing here


def name_hints(query: Query, speakers: Sequence[Speaker]) -> list[str]:
    """speaker:merve hickok reads as two terms; when together they name someone, say how to write it."""
    hints = []
    for first, second in pairwise(query.terms):
        if first.field != "speaker" or first.negate or first.phrase or second.field or second.negate or second.phrase:
            continue
        joined = f"{first.folded} {second.folded}"
        if any(speaker_matches(s, joined) for s in speakers):
            hints.append(
                f'to filter on the name "{first.value} {second.value}", quote it: '
                f'speaker:"{first.value} {second.value}"'
            )
    return hints


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
    whole = query.whole_words
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            stop = start + len(term)
            if term in whole and (
                (start and folded[start - 1].isalnum()) or (stop < len(folded) and folded[stop].isalnum())
            ):
                start = folded.find(term, start + 1)
                continue  # inside a longer word: not a match of =word
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
