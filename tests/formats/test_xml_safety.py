"""Hostile XML given to the Akoma Ntoso and ParlParse readers: refused with its place, or read without harm.

Both read through xml_safe: the document's own entities only, nothing fetched from disk or
network, libxml2's limits on amplification, depth and node size kept. Each case pins the
line a person reads (`str(problem)`).
"""

from __future__ import annotations

import resource
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.model import Proceedings
from tui.formats import akoma_ntoso, parlparse
from tui.formats.akoma_ntoso import read_akoma_ntoso
from tui.formats.parlparse import read_parlparse
from tui.formats.source import Problem

HOSTILE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "hostile" / "xml"
Read = Callable[[str, bytes], tuple[Proceedings | None, list[Problem]]]
READERS: dict[str, Read] = {"akoma_ntoso": read_akoma_ntoso, "parlparse": read_parlparse}
# Each reader's smallest file with one speech, its text at {text} and an attribute value at {attr}.
SHELLS = {
    "akoma_ntoso": '<akomaNtoso><debate><debateBody><speech by="#{attr}"><p>{text}</p></speech></debateBody>'
    "</debate></akomaNtoso>",
    "parlparse": '<publicwhip><speech speakername="{attr}"><p>{text}</p></speech></publicwhip>',
}
PASSWD = ("root:", "/bin/sh", "nologin")


def problems_of(reader: str, name: str, data: bytes | None = None) -> tuple[Proceedings | None, list[str]]:
    proceedings, problems = READERS[reader](name, (HOSTILE / name).read_bytes() if data is None else data)
    return proceedings, [str(p) for p in problems]


def shell(reader: str, text: str = "x", attr: str = "a") -> bytes:
    return SHELLS[reader].replace("{text}", text).replace("{attr}", attr).encode()


def assert_nothing_leaked(p: Proceedings) -> None:
    everything = " ".join(
        [p.event.title, *(s.name for s in p.speakers), *(s.title for s in p.sections), *(r.text for r in p.remarks)]
    )
    assert not any(mark in everything for mark in PASSWD)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "billion-laughs.xml",
            "billion-laughs.xml:1:5: XML: Maximum entity amplification factor exceeded, "
            "see xmlCtxtSetMaxAmplification.",
        ),
        # an external entity is never read: to libxml2 it is not defined
        ("external-entity.xml", "external-entity.xml:6:48: XML: Entity 'secret' not defined"),
        ("external-parameter-entity.xml", "external-parameter-entity.xml:4:10: XML: Entity 'leak' not defined"),
        ("malformed.xml", "malformed.xml:5:54: XML: Opening and ending tag mismatch: p line 5 and speech"),
        ("undeclared-latin1.xml", "undeclared-latin1.xml:3:26: XML: Invalid bytes in character encoding"),
        ("unknown-encoding.xml", "unknown-encoding.xml:1:51: XML: Unsupported encoding: x-no-such-encoding"),
    ],
)
def test_refused_with_its_place(reader: str, name: str, expected: str) -> None:
    # The billion laughs' message is libxml2's own limit on expansion, hit: refused before it grew.
    assert problems_of(reader, name) == (None, [expected])


@pytest.mark.parametrize(
    ("reader", "name", "text"),
    [
        ("akoma_ntoso", "external-dtd.xml", "The DTD is never fetched."),
        ("parlparse", "external-dtd-publicwhip.xml", "The DTD is never fetched."),
        # xi:include is an element like any other: never processed, its text (none) is all that is read
        ("akoma_ntoso", "xinclude-akn.xml", "Before after."),
        ("parlparse", "xinclude.xml", "Before after."),
    ],
)
def test_external_dtds_and_xincludes_are_never_loaded(reader: str, name: str, text: str) -> None:
    p, problems = problems_of(reader, name)
    assert problems == []
    assert p is not None
    assert [r.text for r in p.remarks] == [text]
    assert_nothing_leaked(p)


@pytest.mark.parametrize(("reader", "column"), [("akoma_ntoso", 808), ("parlparse", 802)])
def test_deep_nesting_is_refused_not_crashed(reader: str, column: int) -> None:
    data = shell(reader, "<i>" * 20_000 + "deep" + "</i>" * 20_000)
    assert problems_of(reader, "deep.xml", data) == (
        None,
        [f"deep.xml:1:{column}: XML: Excessive depth in document: 256, use XML_PARSE_HUGE option"],
    )


@pytest.mark.parametrize("reader", READERS)
def test_nesting_under_the_limit_is_read(reader: str) -> None:
    p, problems = problems_of(reader, "nested.xml", shell(reader, "<i>" * 240 + "deep" + "</i>" * 240))
    assert problems == [] and p is not None
    assert [r.text for r in p.remarks] == ["deep"]


@pytest.mark.parametrize("reader", READERS)
def test_a_huge_attribute_is_refused(reader: str) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    data = shell(reader, attr="A" * 12_000_000)
    assert problems_of(reader, "huge.xml", data) == (
        None,
        ["huge.xml:1:10003993: XML: Resource limit exceeded: Buffer size limit exceeded, try XML_PARSE_HUGE "],
    )
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400_000  # KiB: no blow-up


@pytest.mark.parametrize("reader", READERS)
def test_a_large_attribute_under_the_limit_is_a_name(reader: str) -> None:
    p, problems = problems_of(reader, "large.xml", shell(reader, attr="B" * 1_000_000))
    assert problems == [] and p is not None
    assert len(p.speakers[0].name) == 1_000_000
    assert p.speakers[0].id == "b" * 48  # ids stay short


@pytest.mark.parametrize("reader", READERS)
def test_a_huge_text_node_is_refused(reader: str) -> None:
    data = shell(reader, text="t" * 12_000_000)
    assert problems_of(reader, "text.xml", data) == (
        None,
        ["text.xml:1:10004002: XML: Resource limit exceeded: Text node too long, try XML_PARSE_HUGE"],
    )


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty.xml:1:2: XML: Document is empty"),
        (b"plain text", "empty.xml:1:2: XML: Start tag expected, '<' not found"),
        (b"<a>\x00</a>", "empty.xml:1:5: XML: Invalid character: Char 0x0 out of allowed range "),
        (b"\xef\xbb\xbf<publicwhip>", "empty.xml:1:14: XML: Premature end of data in tag publicwhip line 1"),
        (b"\xff\xfe<\x00a\x00>\x00", "empty.xml:1:5: XML: Premature end of data in tag a line 1"),  # UTF-16
    ],
)
def test_not_xml_at_all(reader: str, data: bytes, expected: str) -> None:
    assert problems_of(reader, "empty.xml", data) == (None, [expected])


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_xml_in_utf16_or_with_a_bom_is_read(reader: str, encoding: str) -> None:
    """Unlike the text formats, XML says its own encoding: libxml2 reads UTF-16 with its BOM."""
    text = shell(reader, text="唐鳳 said this", attr="唐鳳").decode("utf-8")
    p, problems = problems_of(reader, "wide.xml", text.encode(encoding))
    assert problems == [] and p is not None
    assert ([s.name for s in p.speakers], [r.text for r in p.remarks]) == (["唐鳳"], ["唐鳳 said this"])
    # and the sniffs know it, the UTF-16 head cut anywhere
    sniffs = {"akoma_ntoso": akoma_ntoso.sniff, "parlparse": parlparse.sniff}
    assert [name for name, sniff in sniffs.items() if sniff(text.encode(encoding)[:41])] == [reader]
