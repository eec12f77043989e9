"""What a debate record becomes, whichever XML it came from: parts, people and what each said.

The Akoma Ntoso and ParlParse readers read their files into a `Record` (sections as
parts, speakers as people keyed by the file's own identity for them, remarks as what
was said) and `Record.build` makes Podium's model of it, with stable readable ids. The
XML helpers here are shared too: a speech's plain text (paragraphs joined by "\\n"), and
problems placed at an element's start tag, which lxml does not give.
"""

from __future__ import annotations

import codecs
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from lxml import etree

from ..core.model import Event, Proceedings, Remark, Section, Speaker
from .ids import IdMaker, event_id_for, slug
from .source import Problem
from .xml_safe import local_name

MAX_PROBLEMS = 100  # a broken export repeats one fault per speech; past this many, one line says how many more
_BLOCK_NAMES = (
    "p li ul ol div blockquote table tr item blockList listIntroduction listWrapUp blockContainer tblock "
    "container block heading subheading num h1 h2 h3 h4 h5 h6 pre"
)
BLOCKS = frozenset(_BLOCK_NAMES.split())  # each ends a paragraph (HTML's, ParlParse's and Akoma Ntoso's)
_SPACES = re.compile("[ \t\r\n\u00a0]+")  # XML's white space and no-break spaces; control characters stay data
_NO_MAPPING: Mapping[str, int] = MappingProxyType({})
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?!\d)")


@dataclass(slots=True)
class Person:
    key: str  # the file's identity for them: a TLCPerson id, a person_id, or "name:…"
    name: str
    first: int  # order of first appearance
    role: str | None = None
    aliases: dict[str, None] = field(default_factory=dict)  # in order of appearance, each once

    def alias(self, name: str | None) -> None:
        if name and name != self.name:
            self.aliases.setdefault(name)


@dataclass(slots=True)
class Part:
    title: str
    notes: list[str] = field(default_factory=list)  # narration: the section's description


@dataclass(slots=True)
class Said:
    part: int
    person: str
    text: str
    reply_to: int | None = None  # the index of an earlier Said
    start: float | None = None
    end: float | None = None


class Record:
    """A debate as read so far: parts in order, people by key, and what was said in order."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.parts: list[Part] = []
        self.said: list[Said] = []

    def open(self, title: str) -> int:
        self.parts.append(Part(title))
        return len(self.parts) - 1

    def person(self, key: str, name: str) -> Person:
        found = self.people.get(key)
        if found is None:
            found = self.people[key] = Person(key, name, len(self.people))
        return found

    def say(self, said: Said) -> int:
        self.said.append(said)
        return len(self.said) - 1

    def build(
        self, name: str, origin: str, title: str, date: str | None, listed: Mapping[str, int] = _NO_MAPPING
    ) -> Proceedings:
        """The model: speakers in the file's own list order (`listed`), then by first appearance."""
        order = sorted(self.people.values(), key=lambda p: listed.get(p.key, len(listed) + p.first))
        speaker_ids = NumberedIds("speaker")
        speakers = tuple(
            Speaker(id=speaker_ids(p.key, p.name), name=p.name, role=p.role, aliases=tuple(p.aliases)) for p in order
        )
        by_key = {p.key: s.id for p, s in zip(order, speakers, strict=True)}
        section_ids = NumberedIds("section")
        sections = tuple(
            Section(
                id=section_ids(f"#{n}", p.title),
                number=n + 1,
                title=p.title,
                kind="debate",
                description="\n".join(p.notes) or None,
            )
            for n, p in enumerate(self.parts)
        )
        remarks = tuple(
            Remark(
                id=f"r{n + 1}",
                section=sections[s.part].id,
                speaker=by_key[s.person],
                text=s.text,
                reply_to=None if s.reply_to is None else f"r{s.reply_to + 1}",
                position=n,
                start=s.start,
                end=s.end,
            )
            for n, s in enumerate(self.said)
        )
        event = Event(id=event_id_for(name), title=title, date=date)
        return Proceedings(name, event, speakers, sections, remarks, origin=origin)


class NumberedIds:
    """IdMaker, told which repeat of a name each one is: a debate's hundredth "Engagements" or
    "John Smith" is made "engagements-100" at once, not after trying -2 to -99 (which is
    quadratic in the repeats)."""

    def __init__(self, fallback: str) -> None:
        self.maker, self.fallback = IdMaker(fallback), fallback
        self.seen: dict[str, int] = {}

    def __call__(self, key: str, readable: str) -> str:
        base = slug(readable, self.fallback)
        repeat = self.seen[base] = self.seen.get(base, 0) + 1
        return self.maker(key, base if repeat == 1 else f"{base[:40]}-{repeat}")


# --------------------------------------------------------------------------- text


def real_date(value: str | None) -> str | None:
    """The ISO date a date or date-time starts with; None for none, a non-date or a placeholder year."""
    found = _ISO_DATE.match((value or "").strip())
    if not found:
        return None
    try:
        day = datetime.date.fromisoformat(found.group(1))
    except ValueError:
        return None
    return found.group(1) if 1000 <= day.year < 3000 else None  # 3000-01-01, 9999-12-31: "no date yet"


def sniffable(head: bytes) -> bytes:
    """A file's head for a sniff's byte patterns: UTF-16 XML (with its BOM) decoded to UTF-8 first."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", "ignore").encode("utf-8")
    return head


def one_line(text: str | None) -> str | None:
    """A name or title: runs of white space one space, blank as None."""
    if text is None:
        return None
    return _SPACES.sub(" ", text).strip(" ") or None


def text_line(element: etree._Element | None) -> str | None:
    """All the text inside an element on one line (a heading, a name), blank as None."""
    return None if element is None else one_line("".join(str(t) for t in element.itertext()))


def plain_text(element: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """An element's text as paragraphs joined by "\\n": each block (p, li…) and <br/> ends one.

    Elements named in `skip` are left out with their content (their tail stays). The
    walk keeps its own stack, so a file's nesting never reaches Python's recursion limit.
    """
    paragraphs: list[str] = []
    line: list[str] = []

    def end_line() -> None:
        text = one_line("".join(line))
        if text:
            paragraphs.append(text)
        line.clear()

    stack: list[tuple[etree._Element, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        kind = local_name(node)
        if closing:
            if kind in BLOCKS:
                end_line()
            if node is not element and node.tail:
                line.append(node.tail)
            continue
        if node is not element and (not kind or kind in skip):  # an entity reference or a skipped element
            if node.tail:
                line.append(node.tail)
            continue
        if kind in BLOCKS or kind == "br":
            end_line()
        elif kind in ("td", "th"):
            line.append(" ")
        if node.text and kind:
            line.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    end_line()
    return "\n".join(paragraphs)


# --------------------------------------------------------------------------- problems


class Problems:
    """A file's problems, each placed at its element's start tag; past MAX_PROBLEMS only counted."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.place = name, Places(data)
        self.problems: list[Problem] = []
        self.unshown = 0

    def add(self, element: etree._Element, message: str, *, always: bool = False) -> list[Problem]:
        """Add one (`always`: even past the limit, for the problem that stops the read); returns them all."""
        if always or len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.name, message, *self.place(element)))
        else:
            self.unshown += 1
        return self.found()

    def found(self) -> list[Problem]:
        more = [Problem(self.name, f"{self.unshown} more problems like these are not shown")] if self.unshown else []
        return self.problems + more


class Places:
    """Where elements' start tags begin in one file: lxml gives only the line where a tag ends.

    A cursor moves forward through the lines, so placing problems in document order
    reads the file once; lines are counted in C (bytes.count, bytes.find).
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.line, self.offset = 1, 0

    def _line_start(self, line: int) -> int | None:
        if line < self.line:
            self.line, self.offset = 1, 0
        data, offset, remaining = self.data, self.offset, line - self.line
        while remaining > 0:
            chunk_end = min(offset + 65_536, len(data))
            count = data.count(b"\n", offset, chunk_end)
            if count < remaining:
                if chunk_end == len(data):
                    return None
                offset, remaining = chunk_end, remaining - count
                continue
            for _ in range(remaining):
                offset = data.find(b"\n", offset) + 1
            remaining = 0
        self.line, self.offset = line, offset
        return offset

    def __call__(self, element: etree._Element) -> tuple[int | None, int | None]:
        line = element.sourceline
        if not isinstance(line, int) or line < 1:
            return None, None
        start = self._line_start(line)
        if start is None:
            return line, 1
        tag = f"{element.prefix}:{local_name(element)}" if element.prefix else local_name(element)
        opening = re.compile(re.escape(b"<" + tag.encode("utf-8")) + rb"[\s/>]")
        end = self.data.find(b"\n", start)
        end = len(self.data) if end < 0 else end
        for back in range(64):  # a start tag over several lines: its first line is above
            found = opening.search(self.data, start, end + 1)
            if found:
                return line - back, len(self.data[start : found.start()].decode("utf-8", "replace")) + 1
            if start == 0:
                break
            end, start = start - 1, self.data.rfind(b"\n", 0, start - 1) + 1
        return line, 1
