"""The query language, read into a Query (matching it is tui.core.matching's work).

    climate "AI for all" -moratorium speaker:hickok section:3 topic:safety

Free words and "quoted phrases" must all occur in a remark's text (substring,
ignoring case and accents); a leading `-` excludes. `speaker:`, `section:`,
`topic:`, `org:` (the speaker's organisation), `role:` (their role) and `date:`
(the event's date, or a range of dates) restrict by field; a field named twice
means either value. A query ending in a term still being typed (`speaker:`, a
lone `-`, `date:2020-0`) is IncompleteQuery.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import NoReturn

from .folding import fold

MAX_QUERY_CHARS = 1000
FIELDS = ("speaker", "section", "topic", "org", "role", "date")
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
    # Worked out once: the views ask for them for every remark they highlight.
    text_terms: tuple[str, ...] = field(init=False, compare=False, repr=False)
    whole_words: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        text = tuple(t.folded for t in self.terms if t.field is None and not t.negate)
        whole = frozenset(t.folded for t in self.terms if t.whole and t.field is None and not t.negate)
        object.__setattr__(self, "text_terms", text)  # folded words and phrases that must occur: what to highlight
        object.__setattr__(self, "whole_words", whole)  # folded text terms written =word: only as whole words

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def of(self, field_name: str | None, *, negate: bool = False) -> tuple[str, ...]:
        return tuple(t.folded for t in self.terms if t.field == field_name and t.negate == negate)

    def narrows(self, previous: Query) -> bool:
        """True when every result of this query is also a result of `previous`.

        Holds when this query keeps all of the previous one's terms, each made
        at most more specific (a text term extended), and adds only terms that
        restrict further. Fields widen when repeated (every field is "any of":
        speaker, section, topic, org, role, date), so none may be added twice.
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
        negate, index = _operator(source, start, index, end, "-")
        whole, index = _operator(source, start, index, end, "=")
        field_name: str | None = None
        prefix = _FIELD_PREFIX.match(source, index, end)
        if prefix:
            name = prefix.group(1).lower()
            if name not in FIELDS:
                import difflib  # only for a mistake

                close = difflib.get_close_matches(name, FIELDS, n=1)
                hint = f"did you mean {close[0]}:? " if close else ""
                raise QueryError(
                    f"unknown field '{prefix.group(1)}:'; {hint}use {_FIELD_LIST} "
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
        if field_name == "date":
            value_at = prefix.end() if prefix else start
            _check_date(source, folded, start, value_at, unfinished=not phrase and index == len(source))
        terms.append(Term(value, folded, field_name, negate, phrase, whole and field_name is None))
    return terms


_EXAMPLES = {
    "speaker": "hickok",
    "section": "3",
    "topic": "safety",
    "org": "gpai",
    "role": "chair",
    "date": "2024-07",
}
_FIELD_LIST = ", ".join(f"{name}:" for name in FIELDS[:-1]) + f" or {FIELDS[-1]}:"

# date: a year, a month or a day, or a range of them with either end left open.
DATE_FORMS = "date: takes 2020, 2020-03, 2020-03-01 or a range 2020-01..2020-06 (either end may be left out: 2020..)"
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits: they are compared as text
# A date cut short while it is typed: more digits to come.
_PARTIAL_DATE = re.compile(r"[0-9]{1,3}|[0-9]{4}-[01]?|[0-9]{4}-[0-9]{2}-[0-3]?")


def date_range(value: str) -> tuple[str, str] | None:
    """A date: term's value as (first, last), each a date as written ("" for an open end); None if malformed.

    An event's date is in the range when it is on or after `first` and on or before `last`,
    each compared at the precision written: "2020-06" as `last` includes all of June.
    """
    first, dots, last = value.partition("..")
    if not dots:
        last = first
    if not (first or last) or not all(_is_date(end) for end in (first, last) if end):
        return None
    return first, last


def _check_date(source: str, folded: str, start: int, value_at: int, *, unfinished: bool) -> None:
    """Refuse a date: term that is no date or range; `unfinished`: the last thing typed, perhaps on its way to one.

    A date on its way (`date:2020-0`) searches as its last whole form (`date:2020`) meanwhile, so that
    the results do not widen to every date and back at each key.
    """
    found = date_range(folded)
    if found is None:
        message = f"'{folded}' is not a date; {DATE_FORMS}"
        if unfinished and _on_its_way(folded):  # at the end, on its way to a date; anywhere else a mistake
            whole = next((folded[:k] for k in range(len(folded) - 1, 0, -1) if _whole_date(folded[:k])), "")
            raise IncompleteQuery(message, start, source[:value_at] + whole if whole else source[:start])
        raise QueryError(message, start)
    first, last = found
    if first and last and first[: len(last)] > last[: len(first)]:
        raise QueryError(f"date:{folded} ends before it starts: write the earlier date first", start)


def _whole_date(value: str) -> bool:
    return not value.endswith("-") and date_range(value) is not None


def _on_its_way(value: str) -> bool:
    """Whether a malformed date: value could still become a date or range by typing on (`2020-0`, `2020.`)."""
    first, dots, last = value.rpartition("..")
    if dots:
        return (not first or _is_date(first)) and (not last or _PARTIAL_DATE.fullmatch(last) is not None)
    if value.endswith("."):  # on its way to a range's two dots
        return not value[:-1] or _is_date(value[:-1])
    return _PARTIAL_DATE.fullmatch(value) is not None


def _is_date(text: str) -> bool:
    """A year, year-month or year-month-day that the calendar has (2020-02-30 is not)."""
    found = _DATE.fullmatch(text)
    if found is None:
        return False
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


_OPERATORS = {
    "-": "'-' excludes what follows it: write a word after it, like -moratorium",
    "=": "'=' matches a whole word: write the word after it, like =ai",
}


def _operator(source: str, start: int, index: int, end: int, operator: str) -> tuple[bool, int]:
    """Whether `operator` (- or =) is at `index`, and where what it applies to begins; it needs a word after it."""
    if source[index] != operator:
        return False, index
    index += 1
    if index == end or source[index].isspace():
        _refuse(source, _OPERATORS[operator], start, unfinished=index == len(source))
    return True, index


def _refuse(source: str, message: str, start: int, *, unfinished: bool) -> NoReturn:
    """A term from `start` that lacks its value; `unfinished`: it is the last thing typed, its value to come."""
    if unfinished:
        raise IncompleteQuery(message, start, source[:start])
    raise QueryError(message, start)


def toggled_term(text: str, field_name: str, value: str) -> str | None:
    """A query's text with `field:"value"` taken out where it is written so, else added at its end;
    None where that cannot be done faithfully: a query of OR sides (which side?), or a value holding
    a quote (it would end the phrase early)."""
    if '"' in value:
        return None
    try:
        if parse(text).alternatives:
            return None
    except QueryError:
        pass  # a query still being typed: the term is added to what is there
    term = re.compile(rf'(?<![\w"-]){re.escape(field_name)}:"{re.escape(value)}"(?!\S)')
    if term.search(text):
        return _SPACE.sub(" ", term.sub("", text)).strip()
    return f'{text.rstrip()} {field_name}:"{value}"'.lstrip()
