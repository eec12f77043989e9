"""The query language: parsing, errors, matching on the bundled event, highlight spans."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from tui.core.model import Proceedings
from tui.core.query import (
    FIELDS,
    MAX_QUERY_CHARS,
    IncompleteQuery,
    Query,
    QueryError,
    SearchIndex,
    Term,
    fold,
    fold_with_offsets,
    parse,
    section_matches,
    spans,
    speaker_matches,
)
from tui.core.search import LiveSearch

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HICKOK = ["r06", "r07", "r14", "r20"]
IIDA = ["r10", "r16", "r18"]
PANEL = [f"r{i}" for i in range(10, 23)]  # r10..r22


def found(proceedings: Proceedings, source: str) -> list[str]:
    return [proceedings.remarks[p].id for p in SearchIndex(proceedings).search(parse(source))]


# --------------------------------------------------------------------------- parsing


def test_free_words() -> None:
    query = parse("climate  moratorium")
    assert [(t.value, t.folded, t.field, t.negate, t.phrase) for t in query.terms] == [
        ("climate", "climate", None, False, False),
        ("moratorium", "moratorium", None, False, False),
    ]
    assert query.text_terms == ("climate", "moratorium")


def test_quoted_phrase_is_one_term() -> None:
    query = parse('"AI for all" Japan')
    assert [(t.value, t.folded, t.phrase) for t in query.terms] == [
        ("AI for all", "ai for all", True),
        ("Japan", "japan", False),
    ]


def test_leading_minus_excludes() -> None:
    query = parse('-moratorium -"abstract risks" -speaker:hickok')
    assert all(t.negate for t in query.terms)
    assert query.of(None, negate=True) == ("moratorium", "abstract risks")
    assert query.of("speaker", negate=True) == ("hickok",)
    assert query.text_terms == ()


def test_field_terms() -> None:
    query = parse('speaker:hickok section:3 topic:safety speaker:"Merve Hickok"')
    assert query.of("speaker") == ("hickok", "merve hickok")
    assert query.of("section") == ("3",)
    assert query.of("topic") == ("safety",)
    assert query.text_terms == ()


def test_field_names_are_case_insensitive() -> None:
    query = parse("SPEAKER:Hickok Section:Panel ToPiC:Safety")
    assert [(t.field, t.folded) for t in query.terms] == [
        ("speaker", "hickok"),
        ("section", "panel"),
        ("topic", "safety"),
    ]


def test_empty_query_and_empty_phrase() -> None:
    assert parse("").is_empty
    assert parse("   \t ").is_empty
    assert parse('""').is_empty


def test_query_as_typed_is_kept() -> None:
    assert parse("speaker:merve  safety").source == "speaker:merve  safety"


@pytest.mark.parametrize(
    ("source", "fragment", "position"),
    [
        ('safety "AI for all', 'closing "', 7),
        ("spaker:hickok", "did you mean speaker:?", 0),
        ("safety sektion:3", "did you mean section:?", 7),
        ("http://example.org", "unknown field 'http:'", 0),
        ("speaker:", "speaker: needs a value", 0),
        ("japan section: panel", "section: needs a value", 6),
        ('topic:""', "topic: needs a value", 0),
        ("-", "'-' excludes what follows it", 0),
        ("safety - japan", "'-' excludes what follows it", 7),
        ("date:March", "date: takes 2020, 2020-03, 2020-03-01 or a range 2020-01..2020-06", 0),
        ("safety date:2024-13", "'2024-13' is not a date", 7),
        ("date:2024-02-30 safety", "is not a date", 0),
        ("date:2024-3", "date: takes", 0),  # months and days have two digits
        ("date:2021..2020 safety", "ends before it starts", 0),
        ("date:2024-03..2024-02", "ends before it starts", 0),
        ("date:...2020", "date: takes", 0),
        ("date:.. x", "date: takes", 0),
        ("date:x..2020", "date: takes", 0),
        ("orgg:gpai", "did you mean org:?", 0),
        ("rol:chair", "did you mean role:?", 0),
        ("x dates:2020", "did you mean date:?", 2),
        ("wer:x", "use speaker:, section:, topic:, org:, role: or date:", 0),
        ('org:""', "org: needs a value, like org:gpai", 0),
    ],
)
def test_malformed_queries_raise_query_error(source: str, fragment: str, position: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse(source)
    assert fragment in caught.value.message
    assert str(caught.value) == caught.value.message
    assert caught.value.position == position


@pytest.mark.parametrize(
    ("source", "searched", "fragment"),
    [
        ("speaker:", "", "speaker: needs a value"),
        ("safety speaker:", "safety ", "speaker: needs a value"),
        ("safety -section:", "safety ", "section: needs a value"),
        ("japan topic:", "japan ", "topic: needs a value"),
        ("safety -", "safety ", "'-' excludes what follows it"),
        ("safety =", "safety ", "'=' matches a whole word"),
        ("safety -=", "safety ", "'=' matches a whole word"),
        ("safety OR", "safety ", "OR joins two queries"),
        ("safety OR pause OR ", "safety OR pause ", "OR joins two queries"),
        ("safety OR -", "safety ", "'-' excludes what follows it"),  # unfinished twice: before the OR
        ("safety date:", "safety ", "date: needs a value, like date:2024-07"),
        ("safety org:", "safety ", "org: needs a value"),
        ("role:", "", "role: needs a value"),
        ("safety date:2", "safety ", "date: takes 2020, 2020-03"),  # a date cut short, still being typed
        # a date on its way searches as its last whole form meanwhile: the results do not widen and narrow
        ("safety date:2024-", "safety date:2024", "date: takes"),
        ("safety date:2024-0", "safety date:2024", "date: takes"),
        ("safety date:2024-03-", "safety date:2024-03", "date: takes"),
        ("safety date:2024.", "safety date:2024", "date: takes"),
        ("safety date:..", "safety ", "date: takes"),
        ("safety -date:2020..2024-1", "safety -date:2020..2024", "date: takes"),
        ("date:2020..2", "date:2020..", "date: takes"),
    ],
)
def test_a_term_still_being_typed_is_incomplete_and_says_what_to_search_meanwhile(
    source: str, searched: str, fragment: str
) -> None:
    with pytest.raises(IncompleteQuery) as caught:
        parse(source)
    assert fragment in caught.value.message  # the command line still refuses it, with this message
    assert caught.value.complete == parse(searched)  # the browser searches this until the value comes


@pytest.mark.parametrize(
    "source",
    [
        "speaker: hickok",
        "japan section: panel",
        'topic:""',
        "safety - japan",
        "safety -speaker: x",
        '"AI for',
        "date:2024-13",
        "date:2024-02-30",
        "date:2024-3",
        "date:2021..2020",
        "date:x..2020",
    ],
)
def test_a_missing_value_followed_by_more_is_a_mistake_not_unfinished(source: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(source)
    assert not isinstance(caught.value, IncompleteQuery)


def test_the_command_line_refuses_a_bare_field_with_a_usage_message(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import EXIT_USAGE, main

    assert main(["remarks", "-q", "speaker:"]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""  # nothing was searched for the word "speaker"
    assert "query: speaker: needs a value, like speaker:hickok (at character 1)" in err


def test_over_long_query_is_refused() -> None:
    parse("a" * MAX_QUERY_CHARS)  # at the limit: fine
    with pytest.raises(QueryError) as caught:
        parse("a" * (MAX_QUERY_CHARS + 1))
    assert f"{MAX_QUERY_CHARS:,}" in caught.value.message


def test_query_error_is_a_value_error() -> None:
    assert issubclass(QueryError, ValueError)


QUERY_ALPHABET = st.sampled_from(list("abcSPEAKER:ksection3topic- \"\t\n'é́ßİ፩٣¨"))


@SETTINGS
@given(
    st.one_of(
        st.text(max_size=60),
        st.text(QUERY_ALPHABET, max_size=60),
        st.text(QUERY_ALPHABET, min_size=MAX_QUERY_CHARS - 5, max_size=MAX_QUERY_CHARS + 5),
    )
)
def test_any_string_parses_or_raises_query_error(source: str) -> None:
    try:
        query = parse(source)
    except QueryError as error:
        assert error.message
        assert 0 <= error.position <= max(len(source), MAX_QUERY_CHARS)
    else:
        assert query.source == source
        for term in query.terms:
            assert term.field in (None, *FIELDS)
            if term.field is not None:
                assert term.folded  # a field always has a value


# --------------------------------------------------------------------------- matching (bundled event)


def test_speaker_by_first_name(bundled: Proceedings) -> None:
    assert found(bundled, "speaker:merve") == HICKOK


def test_speaker_by_id_surname_alias_and_case(bundled: Proceedings) -> None:
    for source in ("speaker:hickok", "speaker:HICKOK", 'speaker:"Merve Hickok"', 'speaker:"Ms. Merve"', "speaker:hick"):
        assert found(bundled, source) == HICKOK, source


def test_repeated_speaker_means_any_of_them(bundled: Proceedings) -> None:
    assert found(bundled, "speaker:hickok speaker:iida") == sorted(HICKOK + IIDA)


def test_excluded_speaker(bundled: Proceedings) -> None:
    everyone_but = found(bundled, "-speaker:hickok")
    assert len(everyone_but) == 28 - 4
    assert not set(everyone_but) & set(HICKOK)


def test_section_by_number_and_by_name(bundled: Proceedings) -> None:
    assert found(bundled, "section:3") == PANEL
    assert found(bundled, "section:panel") == PANEL
    assert found(bundled, "section:Panel") == PANEL
    assert found(bundled, "section:4") == ["r23", "r24", "r25"]
    assert found(bundled, "section:9") == []


def test_speaker_and_section_combine(bundled: Proceedings) -> None:
    assert found(bundled, "speaker:hickok section:panel") == ["r14", "r20"]
    assert found(bundled, "speaker:sellitto section:questions") == ["r24"]


def test_one_index_resolves_query_after_query_as_each_name_reads(bundled: Proceedings) -> None:
    """An index keeps the last query's answer and folds each name once: every query still gets its own answer,
    the one each speaker's and section's names give."""
    index = SearchIndex(bundled)
    sources = ["speaker:hick", "speaker:hickok", "speaker:iida", "-speaker:hickok", "section:3", "section:panel"]
    sources += ["speaker:nobody", 'speaker:"Ms. Merve"', "section:9", "speaker:hick section:4", "speaker:hick", "x"]
    for source in sources:
        query = parse(source)
        resolved = index.resolve(query)

        def named(kind: str, negate: bool, query: Query = query) -> set[str]:
            records, matches = (
                (bundled.speakers, speaker_matches) if kind == "speaker" else (bundled.sections, section_matches)
            )
            return {r.id for r in records for t in query.of(kind, negate=negate) if matches(r, t)}  # type: ignore[arg-type]

        assert (resolved.speakers or set()) == named("speaker", False), source
        assert (resolved.sections or set()) == named("section", False), source
        assert resolved.not_speakers == named("speaker", True) and resolved.not_sections == named("section", True)
        naming_nothing = {"speaker:nobody": ["nobody"], "section:9": ["9"]}.get(source, [])
        assert [t.value for t in resolved.unmatched] == naming_nothing, source
        assert index.search(query) == SearchIndex(bundled).search(query), source


def test_phrases_from_the_report(bundled: Proceedings) -> None:
    assert found(bundled, '"technically functional"') == ["r03"]
    assert found(bundled, '"AI for all"') == ["r02"]
    assert found(bundled, '"department of commerce"') == ["r06"]
    assert found(bundled, '"two giants"') == ["r19"]


def test_all_words_must_occur(bundled: Proceedings) -> None:
    # Responsible Scaling Policy is Sellitto's presentation (r08); "moratorium" is in it too.
    assert found(bundled, "responsible moratorium") == ["r08"]
    assert found(bundled, "responsible moratorium financial") == []


def test_excluded_word(bundled: Proceedings) -> None:
    # Sellitto speaks of ASL in his presentation (r08) and in the panel (r22).
    assert found(bundled, "speaker:sellitto") == ["r08", "r09", "r12", "r22", "r24"]
    assert found(bundled, "speaker:sellitto -asl") == ["r09", "r12", "r24"]


def test_topic_field(bundled: Proceedings) -> None:
    assert found(bundled, "topic:cybersecurity") == ["r23", "r24", "r25"]
    assert found(bundled, "topic:cybersecurity -speaker:participant") == ["r24", "r25"]


def test_field_naming_nothing_is_reported_unresolved(bundled: Proceedings) -> None:
    query = parse("speaker:nobody section:panel")
    assert found(bundled, "speaker:nobody") == []
    assert [t.value for t in SearchIndex(bundled).resolve(query).unmatched] == ["nobody"]


def test_search_within_section_scope(bundled: Proceedings) -> None:
    index = SearchIndex(bundled)
    positions = index.search(parse("speaker:hickok"), section="presenters")
    assert [bundled.remarks[p].id for p in positions] == ["r06", "r07"]


# --------------------------------------------------------------------------- folding


@pytest.fixture(scope="module")
def cafe(make_proceedings: Callable[..., Proceedings]) -> Proceedings:
    return make_proceedings(
        [
            "Rendez-vous au Café de la Straße.",
            "A CAFE in the STRASSE.",
            "Nothing here.",
        ]
    )


@pytest.mark.parametrize("word", ["café", "cafe", "CAFÉ", "Cafe", "cAfÉ"])
def test_accents_and_case_are_ignored(cafe: Proceedings, word: str) -> None:
    assert found(cafe, word) == ["r01", "r02"]


@pytest.mark.parametrize("word", ["straße", "strasse", "STRASSE", "STRAẞE"])
def test_sharp_s_matches_ss(cafe: Proceedings, word: str) -> None:
    assert found(cafe, word) == ["r01", "r02"]


def test_excluding_an_accented_word(cafe: Proceedings) -> None:
    assert found(cafe, "-café") == ["r03"]


def test_fold_examples() -> None:
    assert fold("Café") == "cafe"
    assert fold("Straße") == "strasse"
    assert fold("ÅNGSTRÖM") == "angstrom"
    assert fold("HELLO") == "hello"


def test_spans_map_back_through_changed_lengths(cafe: Proceedings) -> None:
    text = cafe.remarks[0].text
    assert [text[a:b] for a, b in spans(text, parse("strasse"))] == ["Straße"]
    assert [text[a:b] for a, b in spans(text, parse("cafe"))] == ["Café"]
    assert [text[a:b] for a, b in spans(text, parse("ss"))] == ["ß"]


def test_spans_of_a_phrase_lie_inside_the_text(bundled: Proceedings) -> None:
    remark = bundled.remark_by_id["r02"]
    result = spans(remark.text, parse('"AI for all"'))
    assert len(result) == 1
    (start, stop) = result[0]
    assert 0 <= start < stop <= len(remark.text)
    assert remark.text[start:stop] == "AI for all"
    assert fold(remark.text[start:stop]) == "ai for all"


def test_each_span_folds_to_the_word(bundled: Proceedings) -> None:
    query = parse("safety")
    matching = SearchIndex(bundled).search(query)
    assert len(matching) > 5
    for position in matching:
        text = bundled.remarks[position].text
        result = spans(text, query)
        assert [fold(text[a:b]) for a, b in result] == ["safety"] * fold(text).count("safety")


def test_spans_merge_overlaps_and_ignore_field_terms() -> None:
    assert spans("banana", parse("ana")) == [(1, 6)]
    assert spans("banana", parse("speaker:ana -ban topic:na")) == []
    assert spans("banana", parse("")) == []


# --------------------------------------------------------------------------- properties


def _term(word: str) -> Query:
    return Query(word, (Term(word, fold(word)),))


@SETTINGS
@given(st.data())
def test_spans_cover_every_occurrence(data: st.DataObject) -> None:
    text = data.draw(st.text(min_size=1), label="text")
    words = text.split()
    assume(words)
    word = data.draw(st.sampled_from(words), label="word")
    term = fold(word)
    assume(term)
    result = spans(text, _term(word))
    assert result, "a word of the text is found in it"
    for start, stop in result:
        assert 0 <= start < stop <= len(text)
    for (_, stop), (start, _) in itertools.pairwise(result):
        assert stop <= start  # sorted, non-overlapping
    folded, offsets = fold_with_offsets(text)
    occurrence = folded.find(term)
    while occurrence >= 0:
        last = occurrence + len(term) - 1
        first_char = occurrence if offsets is None else offsets[occurrence]
        end_char = last + 1 if offsets is None else offsets[last] + 1
        assert any(a <= first_char and end_char <= b for a, b in result), (occurrence, result)
        occurrence = folded.find(term, occurrence + 1)


@SETTINGS
@given(st.text())
def test_fold_with_offsets_agrees_with_fold(text: str) -> None:
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    if offsets is not None:
        assert len(offsets) == len(folded)
        assert offsets == sorted(offsets)
        assert all(0 <= o < len(text) for o in offsets)


@SETTINGS
@given(st.text(), st.text())
def test_fold_is_piecewise(a: str, b: str) -> None:
    # What makes a word found in the text it was taken from.
    assert fold(a + b) == fold(a) + fold(b)


def _corpus_words(proceedings: Proceedings) -> list[str]:
    words = {w.lower() for r in proceedings.remarks for w in re.findall(r"[A-Za-z]{3,}", r.text)}
    return sorted(words)


@pytest.fixture(scope="module")
def corpus(bundled: Proceedings) -> tuple[SearchIndex, list[str]]:
    return SearchIndex(bundled), _corpus_words(bundled)


FIELD_TOKENS = [
    "speaker:hickok",
    "speaker:iida",
    "speaker:m",
    "-speaker:sellitto",
    "section:3",
    "section:panel",
    "-section:2",
    "topic:safety",
    "topic:japan",
    "-topic:gpai",
    "org:gpai",
    "org:tokyo",
    "-org:anthropic",
    "role:panel",
    "role:chair",
    "-role:moderator",
    "date:2024",
    "date:..2023",
    "-date:2024-03",
]


@SETTINGS
@given(st.data())
def test_narrows_implies_a_subset_of_results(corpus: tuple[SearchIndex, list[str]], data: st.DataObject) -> None:
    index, words = corpus

    def token() -> st.SearchStrategy[str]:
        word = st.sampled_from(words)
        return st.one_of(
            word,
            word.map(lambda w: w[: max(1, len(w) // 2)]),  # a prefix, to be extended later
            word.map(lambda w: "-" + w),
            word.map(lambda w: "=" + w[: max(1, len(w) // 2)]),  # a whole word, perhaps extended later
            st.sampled_from(FIELD_TOKENS),
        )

    previous = data.draw(st.lists(token(), max_size=4), label="previous")
    kept = []
    for tok in previous:
        if not tok.startswith("-") and ":" not in tok and data.draw(st.booleans(), label=f"extend {tok}"):
            whole, bare = tok.startswith("="), tok.lstrip("=")
            longer = [w for w in words if bare in w]
            tok = ("=" if whole and data.draw(st.booleans(), label="still whole") else "") + data.draw(
                st.sampled_from(longer), label="extended"
            )
        kept.append(tok)
    added = data.draw(st.lists(token(), max_size=3), label="added")
    old, new = parse(" ".join(previous)), parse(" ".join(kept + added))
    event(f"narrows: {new.narrows(old)}")
    if new.narrows(old):
        before = index.search(old)
        after = index.search(new)
        event(f"previous results: {min(len(before), 2)}, narrowed: {min(len(after), 2)}")
        assert set(after) <= set(before)
        assert index.search(new, within=before) == after


def test_narrows_examples() -> None:
    assert parse("safety japan").narrows(parse("safety"))
    assert parse("safety").narrows(parse("saf"))
    assert parse("speaker:hickok safety").narrows(parse("speaker:hickok"))
    assert parse("safety speaker:hickok").narrows(parse("safety"))
    assert not parse("speaker:hickok speaker:iida").narrows(parse("speaker:hickok"))
    assert not parse("saf").narrows(parse("safety"))
    assert not parse("-safety").narrows(parse("-saf"))
    assert not parse("").narrows(parse("safety"))


# --------------------------------------------------------------------------- bugs


def test_search_never_raises_for_a_parsed_query(bundled: Proceedings) -> None:
    query = parse("section:፩")
    assert SearchIndex(bundled).search(query) == []


@pytest.mark.parametrize("source", ["-\u0301", "-´", "-¨"], ids=["combining-acute", "acute", "diaeresis"])
def test_excluding_a_word_that_folds_to_nothing_hides_nothing(bundled: Proceedings, source: str) -> None:
    try:
        query = parse(source)
    except QueryError:
        return  # refusing it is fine too
    assert len(SearchIndex(bundled).search(query)) == 28


# --------------------------------------------------------------------------- OR, =word, name hints


def test_or_gives_the_remarks_of_either_side(bundled: Proceedings) -> None:
    assert found(bundled, "speaker:hickok OR speaker:iida") == sorted(HICKOK + IIDA, key=lambda r: int(r[1:]))
    either = set(found(bundled, "moratorium")) | set(found(bundled, "interoperability"))
    assert found(bundled, "moratorium OR interoperability") == sorted(either, key=lambda r: int(r[1:]))
    # each side is a whole query: its terms AND together, and its fields stay inside it
    side = set(found(bundled, "speaker:hickok safety")) | set(found(bundled, "section:5"))
    assert set(found(bundled, "speaker:hickok safety OR section:5")) == side
    # "or" in lower case and "OR" inside quotes are words
    assert parse("war or peace").alternatives == () and parse('"this OR that"').alternatives == ()


@pytest.mark.parametrize(
    ("source", "position"), [("OR", 0), ("moratorium OR", 13), ("OR moratorium", 0), ("a OR OR b", 4)]
)
def test_or_needs_a_query_on_each_side(source: str, position: int) -> None:
    with pytest.raises(QueryError, match="OR joins two queries") as error:
        parse(source)
    assert error.value.position == position


def test_equals_matches_a_whole_word_only(bundled: Proceedings) -> None:
    whole = found(bundled, "=ai")
    inside = set(found(bundled, "ai")) - set(whole)  # "ai" inside "said", "maintain"…
    assert whole and inside
    for remark in bundled.remarks:
        has_word = re.search(r"(?<!\w)ai(?!\w)", fold(remark.text)) is not None
        assert (remark.id in whole) == has_word
    text = "AI said: maintain AI."
    assert [text[a:b] for a, b in spans(text, parse("=ai"))] == ["AI", "AI"]
    with pytest.raises(QueryError, match="whole word"):
        parse("= ai")


def test_a_name_split_by_a_space_gets_a_hint(bundled: Proceedings) -> None:
    from tui.core.query import name_hints

    assert found(bundled, "speaker:merve hickok") == []
    assert name_hints(parse("speaker:merve hickok"), bundled.speakers) == [
        'to filter on the name "merve hickok", quote it: speaker:"merve hickok"'
    ]
    assert found(bundled, 'speaker:"merve hickok"') == HICKOK
    assert name_hints(parse("speaker:merve safety"), bundled.speakers) == []


@SETTINGS
@given(st.data())
def test_or_is_the_union_of_its_sides(corpus: tuple[SearchIndex, list[str]], data: st.DataObject) -> None:
    index, words = corpus
    token = st.one_of(st.sampled_from(words), st.sampled_from(FIELD_TOKENS), st.sampled_from(words).map("=".__add__))
    sides = data.draw(st.lists(st.lists(token, min_size=1, max_size=3), min_size=2, max_size=3), label="sides")
    query = parse(" OR ".join(" ".join(side) for side in sides))
    expected = set().union(*(index.search(parse(" ".join(side))) for side in sides))
    assert index.search(query) == sorted(expected)


def test_the_browsers_search_runs_or_and_hints(bundled: Proceedings) -> None:
    from tui.core.search import LiveSearch

    live = LiveSearch(bundled)
    outcome = live.run(parse("speaker:hickok OR speaker:iida"))
    assert [bundled.remarks[p].id for p in outcome.positions] == sorted(HICKOK + IIDA, key=lambda r: int(r[1:]))
    assert outcome.speaker_counts == {"hickok": 4, "iida": 3}
    assert live.run(parse("speaker:merve hickok")).hints == (
        'to filter on the name "merve hickok", quote it: speaker:"merve hickok"',
    )


def test_minus_equals_leaves_out_only_the_whole_word(bundled: Proceedings) -> None:
    kept = set(found(bundled, "-=ai"))
    assert kept == {r.id for r in bundled.remarks} - set(found(bundled, "=ai"))
    assert kept > set(found(bundled, "-ai"))  # "said" alone does not leave a remark out


def test_extending_a_whole_word_is_not_narrowing(bundled: Proceedings) -> None:
    assert not parse("=ai").narrows(parse("=a")) and not parse("=aid").narrows(parse("=ai"))
    assert parse("=aid").narrows(parse("ai")) and parse("aid").narrows(parse("ai"))


# --------------------------------------------------------------------------- org:, role:, date:

GPAI = ["r02", "r03", "r04", "r05", "r13", "r15", "r19", "r21", "r25"]  # Martinez and Hodes
TOKYO_COLLEGE = ["r17", "r27", "r28"]  # Ema and Hoshi


def by_position(ids: set[str]) -> list[str]:
    return sorted(ids, key=lambda r: int(r[1:]))


def test_org_reads_the_term_as_the_start_of_the_organisation_or_of_a_part_of_it(bundled: Proceedings) -> None:
    assert found(bundled, "org:gpai") == GPAI  # the acronym in parentheses
    assert found(bundled, "org:global") == GPAI  # the start of the whole name
    assert found(bundled, 'org:"Global Partnership"') == GPAI
    assert found(bundled, "org:GPAI") == GPAI  # case ignored
    assert found(bundled, "org:tokyo") == TOKYO_COLLEGE  # "Tokyo College, The University of Tokyo"
    assert found(bundled, "org:partnership") == []  # a prefix, not a word inside
    assert found(bundled, "org:anthropic") == ["r08", "r09", "r12", "r22", "r24"]


def test_a_speaker_without_an_organisation_never_matches_org(bundled: Proceedings) -> None:
    assert "r23" not in found(bundled, "org:a")  # the online participant has none
    assert "r23" in found(bundled, "-org:gpai")  # so leaving an organisation out keeps them


def test_role_matches_the_event_roles_and_the_title(bundled: Proceedings) -> None:
    assert found(bundled, "role:moderator") == ["r17", "r27"]  # Ema's event role
    assert found(bundled, "role:panel") == found(bundled, "role:panelist")
    assert set(found(bundled, "role:chair")) == {"r02", "r03", "r13", "r21", "r25"}  # Martinez's title
    assert found(bundled, "role:Audience") == ["r23"]


def test_date_takes_a_year_a_month_a_day_or_a_range(bundled: Proceedings) -> None:
    every = [r.id for r in bundled.remarks]  # the event is on 2024-03-28
    for source in ("date:2024", "date:2024-03", "date:2024-03-28", "date:2024-03-01..2024-03-31"):
        assert found(bundled, source) == every, source
    for source in ("date:..2024-03", "date:2024-03..", "date:2024..2024", "date:2020..2025-01"):
        assert found(bundled, source) == every, source  # both ends included, at the precision written
    for source in ("date:2023", "date:2024-04", "date:2024-03-29", "date:..2024-02", "date:2024-03-29.."):
        assert found(bundled, source) == [], source
    assert found(bundled, "-date:2024") == [] and found(bundled, "-date:2023") == every


def test_an_event_without_a_date_matches_no_date_term(bundled: Proceedings) -> None:
    undated = Proceedings(
        "x.yaml", replace(bundled.event, date=None), bundled.speakers, bundled.sections, bundled.remarks
    )
    assert found(undated, "date:2024") == [] and found(undated, "date:..2030") == []
    assert len(found(undated, "-date:2024")) == len(bundled.remarks)


def test_org_role_and_date_combine_with_every_other_term(bundled: Proceedings) -> None:
    assert found(bundled, "org:gpai org:tokyo") == by_position({*GPAI, *TOKYO_COLLEGE})  # twice: either
    assert found(bundled, "org:gpai role:chair") == found(bundled, "speaker:martinez")  # two fields: both
    assert found(bundled, "org:gpai -speaker:hodes") == found(bundled, "speaker:martinez")
    assert found(bundled, "org:gpai -role:chair") == found(bundled, "speaker:hodes")
    assert found(bundled, "org:gpai safety") == by_position(set(GPAI) & set(found(bundled, "safety")))
    assert found(bundled, "org:gpai section:3") == by_position(set(GPAI) & set(found(bundled, "section:3")))
    assert found(bundled, "org:gpai OR role:moderator") == by_position({*GPAI, "r17", "r27"})
    assert found(bundled, "org:gpai date:2023 OR org:tokyo date:2024") == TOKYO_COLLEGE


def test_the_new_fields_narrow_like_the_other_any_of_fields() -> None:
    assert parse("org:gpai safety").narrows(parse("org:gpai"))
    assert parse("safety date:2024").narrows(parse("safety"))
    assert parse("role:chair -org:x").narrows(parse("role:chair"))
    assert not parse("org:gpai org:tokyo").narrows(parse("org:gpai"))  # a second value widens
    assert not parse("date:2024 date:2020").narrows(parse("date:2024"))
    assert not parse("role:chair role:moderator").narrows(parse("role:chair"))
    assert not parse("org:gp").narrows(parse("org:gpai"))


def test_the_browsers_live_search_filters_and_counts_by_org(bundled: Proceedings) -> None:
    search = LiveSearch(bundled)
    outcome = search.run(parse("org:gpai"))
    assert [bundled.remarks[p].id for p in outcome.positions] == GPAI
    assert outcome.speaker_counts == Counter({"martinez": 5, "hodes": 4})  # the facets count what is shown
    assert sum(outcome.section_counts.values()) == len(GPAI)
    # a speaker chosen in the pane narrows within org:, it does not add others' remarks
    chosen = search.run(parse("org:gpai"), speakers=frozenset({"hodes", "hickok"}))
    assert [bundled.remarks[p].id for p in chosen.positions] == found(bundled, "speaker:hodes")
    assert chosen.speaker_counts == outcome.speaker_counts
    # typing on narrows within the last result, and still finds what a fresh search finds
    typed = search.run(parse("org:gpai safety"))
    assert [bundled.remarks[p].id for p in typed.positions] == found(bundled, "org:gpai safety")
    assert search.run(parse("date:2023")).positions == []
    first = search.first(parse("role:moderator"), count=1)
    assert [bundled.remarks[p].id for p in first.positions] == ["r17"]
