"""The word index gives exactly what a plain scan of the folded texts gives, for every query."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui.core.folded_texts as folded_texts
from tui.core.model import Proceedings
from tui.core.query import Query, QueryError, SearchIndex, fold, parse
from tui.core.word_index import WordIndex

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Letters few enough to collide, and what folding changes: case, accents written both ways, ß -> ss,
# the ligature ﬁ -> fi, a no-break space (folds to a space), CJK, a lone combining mark, tab and newline.
PIECES = [*"abcdeABE", " ", " ", " ", "\n", "\t", ".", ",", "-", "'", "é", "É", "e\u0301", "ß", "ﬁ", "\u00a0"]
PIECES += ["安全", "議論", "\u0308", "İ", "ss"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


# --------------------------------------------------------------------------- the reference: a plain scan


def _whole(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def reference(texts: list[str], query: Query) -> list[int]:
    """The query's meaning written out: substrings of the folded texts, whole words by the same rule."""
    if query.alternatives:
        return sorted({i for side in query.alternatives for i in reference(texts, side)})
    folded = [fold(text) for text in texts]
    text_terms = [t for t in query.terms if t.field is None]
    whole_negated = {t.folded for t in text_terms if t.whole and t.negate}

    def matches(text: str) -> bool:
        for term in text_terms:
            if not term.negate:
                if term.folded not in text or (term.whole and not _whole(term.folded).search(text)):
                    return False
            elif term.folded in whole_negated:
                if _whole(term.folded).search(text):
                    return False
            elif term.folded in text:
                return False
        return True

    return [i for i, text in enumerate(folded) if matches(text)]


# --------------------------------------------------------------------------- indexes to compare


def indexed(proceedings: Proceedings, *, limit: int | None = None, dense: int = 32) -> SearchIndex:
    index = SearchIndex(proceedings)
    index.prepare()
    if limit is not None or dense != 32:  # small corpora: force the fallback to scanning, and dense bitmaps
        index.words = WordIndex(index.folded, limit=limit, dense=dense)
    return index


def from_elsewhere(proceedings: Proceedings, *, limit: int | None = None) -> SearchIndex:
    """A word index made elsewhere, as the library index's are: the texts are folded only as a search reads them."""
    index = SearchIndex(proceedings)
    index.use_words(WordIndex([fold(r.text) for r in proceedings.remarks], limit=limit))
    return index


INDEXES: list[Callable[[Proceedings], SearchIndex]] = [
    indexed,
    from_elsewhere,
    lambda p: from_elsewhere(p, limit=1),  # a term in two words or more: every text read, none kept
    lambda p: from_elsewhere(p, limit=0),  # every term read in the texts
    lambda p: indexed(p, dense=1),  # every word a bitmap of its own
    lambda p: indexed(p, dense=3),  # some of each
    lambda p: indexed(p, limit=1),  # a term in two words or more: scanned
    lambda p: indexed(p, limit=3, dense=2),
]


@st.composite
def queries(draw: st.DrawFn, texts: list[str]) -> str:
    """Words, prefixes and pieces of the texts (across spaces: phrases), or anything; with - = and OR."""
    spans = [text[a:b] for text in texts for a in range(len(text)) for b in range(a + 1, min(len(text), a + 12) + 1)]
    words = [w for text in texts for w in text.split()]
    source = st.sampled_from(spans) if spans else st.text(max_size=5)
    pick = st.one_of(
        st.sampled_from(words) if words else st.text(max_size=5),
        source,
        source.map(lambda s: s[: max(1, len(s) // 2)]),
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join),
    )
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        value = draw(pick)
        quoted = draw(st.booleans()) or any(c.isspace() for c in value)
        prefix = draw(st.sampled_from(["", "", "-", "=", "-="]))
        value = value.replace('"', "")
        terms.append(f'{prefix}"{value}"' if quoted else f"{prefix}{value}")
    if draw(st.booleans()):
        terms.insert(draw(st.integers(1, len(terms))), "OR")
    return " ".join(terms)


def _parsed(source: str) -> Query | None:
    try:
        return parse(source)
    except QueryError:
        return None


@SETTINGS
@given(st.data())
def test_the_index_agrees_with_a_plain_scan(make_proceedings: Callable[..., Proceedings], data: st.DataObject) -> None:
    texts = data.draw(st.lists(TEXT, min_size=1, max_size=12), label="texts")
    proceedings = make_proceedings(texts)
    for _ in range(5):
        query = _parsed(data.draw(queries(texts), label="query"))
        if query is None:
            continue
        expected = reference(texts, query)
        assert SearchIndex(proceedings).search(query) == expected  # no index: the scan
        for make in INDEXES:
            index = make(proceedings)
            assert index.search(query) == expected, query.source
            assert index.search(query, section="opening") == expected
            assert index.search(query, section="elsewhere") == []
            assert index.search(query, within=expected) == expected


@SETTINGS
@given(st.data())
def test_narrowing_from_the_previous_result_agrees(
    make_proceedings: Callable[..., Proceedings], data: st.DataObject
) -> None:
    texts = data.draw(st.lists(TEXT, min_size=1, max_size=12), label="texts")
    proceedings = make_proceedings(texts)
    first = _parsed(data.draw(queries(texts), label="first"))
    extra = data.draw(st.sampled_from([*"abeé安 ", "ss", "-a", "=b"]), label="typed")
    second = _parsed(first.source + extra) if first is not None else None
    if first is None or second is None or not second.narrows(first):
        return
    for make in INDEXES:
        index = make(proceedings)
        assert index.search(second, within=index.search(first)) == reference(texts, second)


# --------------------------------------------------------------------------- examples


TEXTS = ["a b", "ab", "Cafe\u0301 au lait", "b a", "", "  ", "安全 議論", "Straße\nnach", "xa by cz", "banana"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a", [0, 1, 2, 3, 7, 8, 9]),  # one letter: in many words
        ("ab", [1]),  # not across the space of "a b"
        ('"a b"', [0, 8]),  # "xa by" holds it too
        ('"b a"', [3]),
        ('"a by c"', [8]),  # the first piece ends a word, the last begins one
        ("café", [2]),
        ('"e au"', [2]),
        ("strasse", [7]),
        ('"strasse nach"', [7]),  # the newline folds to a space
        ("全", [6]),
        ('"安全 議"', [6]),
        ("zzz", []),  # nothing
        ("-a", [4, 5, 6]),
        ("a -b", [2, 7]),
        ("=a", [0, 3]),
        ("a -=b", [1, 2, 7, 8, 9]),  # "ab", "by" and "banana" hold b, not as a word
        ("ab OR nach", [1, 7]),
        ('-"a b"', [1, 2, 3, 4, 5, 6, 7, 9]),
    ],
)
@pytest.mark.parametrize("make", INDEXES)
def test_examples(
    make_proceedings: Callable[..., Proceedings],
    make: Callable[[Proceedings], SearchIndex],
    source: str,
    expected: list[int],
) -> None:
    proceedings = make_proceedings(TEXTS)
    query = parse(source)
    assert reference(TEXTS, query) == expected
    assert SearchIndex(proceedings).search(query) == expected
    assert make(proceedings).search(query) == expected


def test_a_term_is_never_found_across_a_space() -> None:
    index = WordIndex(["a b", "ab", "a  b"])
    assert list(index.containing("ab") or ()) == [1]
    assert list(index.phrase_candidates("a b") or ()) == [0, 2]  # a superset: "a  b" is checked in the text
    assert index.phrase_candidates("a  b") is None  # no word is empty: nothing to narrow by


def test_a_term_in_too_many_words_is_left_to_scanning() -> None:
    index = WordIndex(["ab ac ad", "ae"], limit=3)
    assert index.containing("a") is None
    assert list(index.containing("ae") or ()) == [1]


@pytest.mark.parametrize("make", INDEXES)
def test_a_word_and_the_same_text_as_a_whole_word_are_told_apart(
    make_proceedings: Callable[..., Proceedings], make: Callable[[Proceedings], SearchIndex]
) -> None:
    texts = ["x =ai y", "said", "ai"]
    index = make(make_proceedings(texts))
    for source in ("=ai", '"=ai"', '=ai OR "=ai"', '"=ai" =ai', "-=ai", "said -=ai"):
        assert index.search(parse(source)) == reference(texts, parse(source)), source


def test_words_from_elsewhere_keep_no_folded_text_past_the_first_remarks(
    make_proceedings: Callable[..., Proceedings], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A million remarks' folded texts are half a gigabyte: a view searched through the library
    index's word indexes keeps only those of its first remarks (what a first screen reads on every key)."""
    monkeypatch.setattr(folded_texts, "KEPT_FOLDED", 2)
    proceedings = make_proceedings(["AI safety now", "Safety first", "nothing here", "ai safety", "x ai safety"])
    index = from_elsewhere(proceedings)
    index.prepare(build_words=False)  # what a worker does before the first key: the columns, no text folded
    assert index.ready_for(parse("safety")) and index._folded is None
    assert index.search(parse("safety -first")) == [0, 3, 4]
    assert index._folded is None and index._as_read is None  # the word index settled it alone
    assert index.search(parse('"ai safety"')) == [0, 3, 4]  # candidates read one by one
    assert index.search(parse('"ai safety"'), within=[1, 2, 3]) == [3]
    assert index._folded is None and index._as_read is not None
    assert index._as_read._first == ["ai safety now", "safety first"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("safety", [0, 3]), ("in", [1, 2, 3]), ("i", [0, 1, 2, 3]), ("strasse", [4]), ('"cafe next"', [4]), ("ss", [4])],
)
def test_words_from_elsewhere_leave_terms_to_a_scan_that_folds_as_it_reads(
    make_proceedings: Callable[..., Proceedings], query: str, expected: list[int]
) -> None:
    """Terms the word index leaves to the texts (the shortest, at a million remarks) are found
    however the text writes them: upper case, accents, ß, a newline inside a phrase."""
    texts = ["SAFETY first", "Inside", "bIN", "no safety IN", "Straße und Café\nnext"]
    index = from_elsewhere(make_proceedings(texts), limit=0)
    assert index.search(parse(query)) == expected == reference(texts, parse(query))


def test_an_empty_event() -> None:
    index = WordIndex([])
    assert list(index.containing("a") or ()) == []
    assert WordIndex([""]).phrase_candidates("a b") is not None


@SETTINGS
@given(st.data())
def test_the_first_screen_is_the_start_of_every_match(
    make_proceedings: Callable[..., Proceedings], data: st.DataObject
) -> None:
    """While a large view counts every match, the first matches shown are exactly the first the count finds."""
    from tui.core.search import LiveSearch

    prefixes = data.draw(st.sampled_from([(1, 3), (2, 5), (4,)]), label="prefixes")
    texts = data.draw(st.lists(TEXT, min_size=1, max_size=12), label="texts")
    proceedings = make_proceedings(texts)
    for _ in range(4):
        query = _parsed(data.draw(queries(texts), label="query"))
        if query is None:
            continue
        count = data.draw(st.integers(1, 4), label="count")
        ids = [s.id for s in proceedings.speakers]
        speakers = frozenset(data.draw(st.lists(st.sampled_from(ids), max_size=2), label="speakers"))
        section = data.draw(st.sampled_from([None, *(s.id for s in proceedings.sections)]), label="section")
        live = LiveSearch(proceedings)
        every = live.run(query, speakers, section).positions
        first = live.first(query, speakers, section, count=count, prefixes=prefixes).positions
        assert first == every[: len(first)], query.source
        if len(texts) <= prefixes[-1]:  # every remark looked at: nothing is left out
            assert first == every[:count], query.source


def test_the_texts_folded_until_the_word_index_came_are_let_go(make_proceedings: Callable[..., Proceedings]) -> None:
    """A first open scans its texts until the library index's word indexes are built; then they are not kept."""
    proceedings = make_proceedings(["AI safety now", "Safety first", "nothing here", "ai safety"])
    index = SearchIndex(proceedings)
    index.prepare(build_words=False)  # none built here: one is on its way
    assert index._folded is not None and index.search(parse('"ai safety"')) == [0, 3]
    index.use_words(WordIndex([fold(r.text) for r in proceedings.remarks]))
    assert index._folded is None
    assert index.search(parse('"ai safety" -first')) == [0, 3] and index.search(parse("safety")) == [0, 1, 3]
