"""A parsed Query against one event: which remarks match, and where in a text.

SearchIndex keeps an event's folded texts (and, once prepared, its word index)
for every query; `spans` gives the character spans of a text to highlight.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from . import attributes
from .attributes import Kept, Part
from .folded_texts import FoldedAsRead
from .folding import fold, fold_with_offsets
from .model import Proceedings, Speaker
from .naming import Names, speaker_matches
from .query_parse import Query, Term

if TYPE_CHECKING:  # pyroaring takes ~8 ms to import: only once an index is built, off the start-up path
    from pyroaring import FrozenBitMap

    from .word_index import Words


@dataclass
class SearchIndex:
    """Folded texts of one event's remarks, computed once and reused by every query."""

    proceedings: Proceedings
    # The events behind the view's sections (All events), for org:, role: and date:; None: it is one event.
    parts: Sequence[Part] | None = None
    _folded: list[str] | None = field(default=None, repr=False)
    _as_read: FoldedAsRead | None = field(default=None, repr=False)  # until they are all folded, if ever
    _topics: list[tuple[str, ...]] | None = field(default=None, repr=False)
    _columns: dict[str, Sequence[int]] = field(default_factory=dict, repr=False)
    _names: Names | None = field(default=None, repr=False)  # its speakers' and sections', folded once
    _resolved: tuple[Query, Resolved] | None = field(default=None, repr=False)  # the last query's
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # Built by prepare(), and used from then on; until it is there, searches scan the texts.
    words: Words | None = field(default=None, repr=False)
    _words_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def prepare(self, *, build_words: bool = True) -> None:
        """Compute what searches need (in a worker, before the first keystroke).

        The word index takes ~1 s per 100,000 remarks (3 s with a large
        vocabulary), so a search never waits for it: one run before it is
        ready scans, as does a one-off search that never prepares (the CLI),
        for which a scan (~30 ms per 100,000 remarks) is far cheaper.
        """
        _ = self.speaker_of, self.section_of  # topics: only when a topic: is asked for
        if self.words is None:  # with a word index from elsewhere, texts are folded only as they are read
            _ = self.folded
        if not build_words:  # one is on its way from elsewhere (the library index)
            return
        from .word_index import WordIndex

        with self._words_lock:  # not self._lock: searches go on (scanning) while it is built
            if self.words is None:
                built = WordIndex(self.folded)
                if self.words is None:  # unless one came from elsewhere meanwhile
                    self.words = built

    def use_words(self, words: Words) -> None:
        """Search through a word index made elsewhere (the library index's), unless one is there already.

        Never waits (for a build in a worker): it is called from the screen's own thread. The texts
        folded to scan until it came are let go: from now on a search reads a text only to check a
        phrase's candidates (a million remarks' folded texts are half a gigabyte).
        """
        if self.words is None:
            self.words = words
            if self.proceedings.folded_texts is None:
                self._folded = None

    def ready_for(self, query: Query) -> bool:
        """Whether searching `query` reads only what is built already (texts, columns, topics): never seconds."""
        texts = self._folded is not None or self.words is not None
        built = texts and "speaker" in self._columns and "section" in self._columns
        topics = (
            query.of("topic")
            or query.of("topic", negate=True)
            or any(side.of("topic") or side.of("topic", negate=True) for side in query.alternatives)
        )
        return built and (not topics or self._topics is not None)

    @property
    def folded(self) -> list[str]:
        with self._lock:  # a worker may be preparing it while a search starts
            return self._folded_texts()

    def _folded_texts(self) -> list[str]:
        if self._folded is None:
            known = self.proceedings.folded_texts
            self._folded = known if known is not None else FoldedAsRead(self.proceedings.remarks).every()
            self._as_read = None  # those read one by one are not needed any more
        return self._folded

    def _texts_to_check(self, remaining: list[int] | None) -> list[str] | FoldedAsRead:
        """The folded texts a search reads remark by remark: all of them, kept, or, with a word
        index from elsewhere and until they are needed whole, each folded as it is read."""
        if self._folded is not None or self.words is None:
            return self.folded
        read = self._as_read  # once: a worker folding them all sets it to None meanwhile
        if read is None:
            read = self._as_read = FoldedAsRead(self.proceedings.remarks)
        return read.for_reading(remaining)

    @property
    def topics(self) -> list[tuple[str, ...]]:
        if self._topics is None:
            self._topics = [tuple(fold(t) for t in r.topics) for r in self.proceedings.remarks]
        return self._topics

    def resolve(self, query: Query) -> Resolved:
        """The query's speaker: and section: terms as ids here. The last query's answer is kept: a key
        asks it several times (the first screen, the count), and a speaker's names are folded once."""
        last = self._resolved
        if last is not None and last[0] == query:
            return last[1]
        names = self._names = self._names or Names(self.proceedings)
        if query.alternatives:  # each side restricts itself when searched; together, nothing is lifted
            unmatched = tuple(u for side in query.alternatives for u in self.resolve(side).unmatched)
            resolved = Resolved(None, frozenset(), None, frozenset(), unmatched)
        else:
            p = self.proceedings
            parts = self.parts if self.parts is not None else (Part(p.event, p.speakers),)
            resolved = Resolved(
                speakers=_optional(names.naming("speaker", query.of("speaker")), query.of("speaker")),
                not_speakers=names.naming("speaker", query.of("speaker", negate=True)),
                sections=_optional(names.naming("section", query.of("section")), query.of("section")),
                not_sections=names.naming("section", query.of("section", negate=True)),
                unmatched=tuple(
                    t
                    for t in query.terms
                    if not t.negate and t.field in ("speaker", "section") and not names.naming(t.field, (t.folded,))
                ),
                kept=attributes.kept(query, parts, p.speakers, per_section=self.parts is not None),
            )
        self._resolved = (query, resolved)
        return resolved

    def _column(self, name: str) -> Sequence[int]:
        """Per remark, the index of its speaker or section in the event's list.

        Small ints: counting and testing them is several times faster than
        strings, which matters on every keystroke at 100,000 remarks.
        """
        cached = self._columns.get(name)
        if cached is None:
            columns = self.proceedings.columns
            cached = self._columns[name] = columns.speaker if name == "speaker" else columns.section
        return cached

    @property
    def speaker_of(self) -> Sequence[int]:
        """Index in proceedings.speakers of each remark's speaker."""
        return self._column("speaker")

    @property
    def section_of(self) -> Sequence[int]:
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

            sides = (FrozenBitMap(self.search(side, section=section, within=within)) for side in query.alternatives)
            return FrozenBitMap.union(*sides).to_array().tolist()
        resolved = self.resolve(query)
        sections = resolved.sections
        if section is not None:
            sections = frozenset({section}) if sections is None else sections & {section}
        count = len(self.proceedings.remarks)
        # Within every remark (the empty query's `range`): nothing to narrow, and no list of them made.
        everything = within is None or (isinstance(within, range) and within == range(count))
        remaining: list[int] | None = None if everything else list(within or ())
        if remaining is None and resolved.speakers is not None:
            by_speaker = self.proceedings.positions_of("speaker")
            remaining = sorted(p for s in resolved.speakers for p in by_speaker.get(s, ()))
        if remaining is None and sections is not None:
            by_section = self.proceedings.positions_of("section")
            remaining = sorted(p for s in sections for p in by_section.get(s, ()))
        kept, kept_done = resolved.kept, False
        if remaining is None and kept is not None:  # org:, role:, date:: the remarks of the speakers kept
            remaining, kept_done = attributes.positions_kept(self.proceedings, kept), True

        whole_negated = {t.folded for t in query.terms if t.whole and t.negate and t.field is None}
        to_scan, whole, not_to_scan = query.text_terms, query.whole_words, query.of(None, negate=True)
        words = self.words
        if words is not None and (to_scan or not_to_scan):
            remaining, to_scan, whole, not_to_scan = self._look_up(words, remaining, query, whole_negated)
        if not (to_scan or whole or not_to_scan):
            remaining = remaining if remaining is not None else list(range(count))
        else:
            folded = self._texts_to_check(remaining)
            terms = _TextTerms(tuple(sorted(to_scan, key=len, reverse=True)), whole, not_to_scan, whole_negated)
            if isinstance(folded, FoldedAsRead):  # texts read a chunk at a time, none kept
                remaining = _read_through(folded, remaining, terms)
            else:
                remaining = _scan(folded, remaining, terms)
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
        if kept is not None and not kept_done:
            remaining = attributes.keep(self.proceedings, kept, remaining)
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
        words: Words, remaining: list[int] | None, query: Query, whole_negated: set[str]
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


class _TextTerms(NamedTuple):
    """What a search checks in the texts, after the word index: words (longest first), =words, -words."""

    words: tuple[str, ...]
    whole: Iterable[str]
    left_out: Iterable[str]
    whole_left_out: set[str]  # the -=words among them


def _scan(folded: list[str], remaining: list[int] | None, terms: _TextTerms) -> list[int]:
    """The positions left after each text term, one pass a term over every folded text (a list, read in C)."""
    for word in terms.words:
        if remaining is None:
            remaining = [i for i, text in enumerate(folded) if word in text]
        else:
            remaining = [i for i in remaining if word in folded[i]]
    if remaining is None:
        remaining = list(range(len(folded)))
    for word in terms.whole:  # the substring is there: is it a whole word?
        pattern = _whole_word(word)
        remaining = [i for i in remaining if pattern.search(folded[i])]
    for word in terms.left_out:
        if word in terms.whole_left_out:  # -=word: leave out only where it stands as a whole word
            pattern = _whole_word(word)
            remaining = [i for i in remaining if not pattern.search(folded[i])]
        else:
            remaining = [i for i in remaining if word not in folded[i]]
    return remaining


def _read_through(folded: FoldedAsRead, remaining: list[int] | None, terms: _TextTerms) -> list[int]:
    """The same, each text read once for every term (from an index, a chunk at a time): nothing of the corpus kept."""
    words = list(terms.words)
    if remaining is None and words:  # the longest word first, by the quickest way to look through every text
        remaining = folded.holding(words.pop(0))
    tests: list[Callable[[str], object]] = [_word_in(word) for word in words]
    tests += [_whole_word(word).search for word in terms.whole]
    tests += [_left_out(word, word in terms.whole_left_out) for word in terms.left_out]
    if not tests:
        return remaining if remaining is not None else list(range(len(folded)))
    return folded.keep(remaining, tests)


def _word_in(word: str) -> Callable[[str], bool]:
    return lambda text: word in text


def _left_out(word: str, whole: bool) -> Callable[[str], bool]:
    if whole:
        pattern = _whole_word(word)
        return lambda text: pattern.search(text) is None
    return lambda text: word not in text


def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


@dataclass(frozen=True, slots=True)
class Resolved:
    """A query's field terms turned into ids of one event (None: no restriction)."""

    speakers: frozenset[str] | None
    not_speakers: frozenset[str]
    sections: frozenset[str] | None
    not_sections: frozenset[str]
    unmatched: tuple[Term, ...]  # speaker/section terms that name nothing here
    kept: Kept | None = None  # the speakers org:, role: and date: keep (None: no such term)


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
