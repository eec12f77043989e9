"""Akoma Ntoso debate records (<akomaNtoso><debate>, namespace 2.0, 3.0, any other, or none).

Kept: the event's title (the preface's or cover page's <docTitle>, else the FRBRWork's
FRBRalias or FRBRname, the heading of the debate's only top-level section, the file's
stem) and date (the preface's or cover page's <docDate date>, else the FRBRWork's FRBRdate
unless a placeholder such as 3000-01-01 or 9999-12-31, else a date opening the title or in
the file's name). Each debateSection (and the other speech sections: questions, prayers,
adjournment…) is a section of kind "debate", nesting flattened in document order: its
title is its ancestors' headings and its own heading (else its `name`, else its element's
name) joined with " — ". A section that only holds other sections is not a section itself;
content after a nested section opens a new section with its container's title. Speeches
directly in <debateBody> go to a first section titled like the event. <speech>, <question>
and <answer> are remarks: `by` names the speaker (a TLCPerson's showAs; a `by` that names
none: the id itself; no `by`: the <from> name), `as` the role (a TLCRole's showAs, the
speaker's first; naming no TLCRole, none), <from> an alias, startTime and endTime the
remark's time in seconds from midnight. Where `by` is a placeholder (a TLCPerson whose
showAs or id says it stands for anyone, as in Chile's Senate, or a `by` shared by speeches
whose <from> names differ and none is its own name), or <from> names another TLCPerson,
the speaker is the one <from> names: one speaker per name. A <from> that goes on past the
name ("El señor PÉREZ.- Señor Presidente, …", "Name: …") holds the speech's first words.
An answer replies to the question its `refersTo` names, else the latest question in its
section by the person its `to` names, else the latest question in its section.
<narrative>, <scene>, <summary> and <other> are not remarks: their text is the section's
description. Not kept: metadata beyond the above
(FRBR expression and manifestation, publication, lifecycle, analysis, notes), the
preface's other text, <conclusions>, headings inside speeches, inline <remark> scene notes
and authorial notes in a speech, recorded times, a question's `to`, TLC people who never
speak, speeches with no text.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import PurePath

from lxml import etree

from ..core.model import Proceedings
from .debate_xml import Problems, Record, Said, one_line, plain_text, real_date, sniffable, text_line
from .reader import Format
from .source import Problem
from .xml_safe import local_name, parse_xml

NAME = "Akoma Ntoso debate"
# The schema's speechSection group: the parts of a debate that hold speeches.
_SECTION_NAMES = (
    "administrationOfOath rollCall prayers oralStatements writtenStatements personalStatements "
    "ministerialStatements resolutions nationalInterest declarationOfVote communication petitions papers "
    "noticesOfMotion questions address proceduralMotions pointOfOrder adjournment debateSection"
)
SECTIONS = frozenset(_SECTION_NAMES.split())
REMARKS = frozenset({"speech", "question", "answer"})
NOTES = frozenset({"narrative", "scene", "summary", "other"})
HEADINGS = frozenset({"num", "heading", "subheading"})
# Inside a speech, not what was said: the speaker's name, headings, scene notes, footnotes.
NOT_SPOKEN = HEADINGS | {"from", "narrative", "scene", "summary", "remark", "authorialNote", "noteRef"}
UNKNOWN_SPEAKER = "(unknown speaker)"
NOT_AKN = "this is not an Akoma Ntoso file"
_SNIFF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:akomaNtoso|debate|debateBody|debateSection)[\s/>]")
_NOT_OURS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:TEI|publicwhip)[\s/>]")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# What ends a speaker's name in a <from> that goes on with the speech: Chile's "NAME.-" (any dash),
# or a colon that is not inside a time such as 16:30.
_NAME_ENDS = re.compile(r"\.[ ]?[-\u2010-\u2015]|(?<![0-9]):|:(?![0-9])|\uff1a")
_WORD = re.compile(r"\w+")
# Words that tell no one apart: titles and articles ("Mr", "El señor", "The Hon.").
_TITLES = (
    "the and for mrs miss prof hon honourable honorable sir dame lord lady member senator senador senadora "
    "diputado diputada don dona senor senora srta los las del une des der die"
)
_TITLE_WORDS = frozenset(_TITLES.split())
# A TLCPerson that stands for anyone: its showAs says so, or its id is only a word for "person".
_ANYONE_SAYS = (
    "cualquier", "any person", "anyone", "anybody", "someone", "somebody", "unknown", "placeholder",
    "generic", "desconocid", "anonym", "anonim", "quiconque", "n'importe qui", "any speaker",
)  # fmt: skip
_ANYONE_IDS = frozenset({"persona", "person", "personne", "anyone", "someone", "somebody", "unknown", "anonymous"})


def sniff(head: bytes) -> bool:
    """An <akomaNtoso> or <debate…> element (any prefix) in the head, and no <TEI> or <publicwhip>."""
    head = sniffable(head)
    return _SNIFF.search(head) is not None and _NOT_OURS.search(head) is None


class _Debate:
    def __init__(self, name: str, data: bytes, meta: etree._Element | None) -> None:
        self.problems = Problems(name, data)
        self.refs: dict[str, tuple[str, str | None]] = {}  # TLC id -> (its element's name, showAs)
        self.listed: dict[str, int] = {}  # TLCPerson id -> position in <references>
        for references in _all(meta, "references"):
            for tlc in references:
                kind = local_name(tlc)
                for ident in {tlc.get(a) for a in ("eId", "id", "wId")} - {None, ""}:
                    assert ident is not None
                    self.refs.setdefault(ident, (kind, one_line(tlc.get("showAs"))))
                    if kind == "TLCPerson":
                        self.listed.setdefault(ident, len(self.listed))
        self.by_name: dict[str, str] = {}  # a TLCPerson's showAs, compared loosely -> its id (the first)
        for ident, (kind, shown) in self.refs.items():
            if kind == "TLCPerson" and shown:
                self.by_name.setdefault(_loose(shown), ident)
        self.placeholders = {i for i, (kind, shown) in self.refs.items() if kind == "TLCPerson" and _anyone(i, shown)}
        self.record = Record()
        self.questions: dict[str, int] = {}  # a question element's id -> its remark
        self.latest: dict[str | None, int] = {}  # in the current section: asker (None: anyone) -> question

    def find_shared(self, body: etree._Element) -> None:
        """Add to the placeholders each `by` whose speeches' <from> name different people, none of them
        the person `by` names: a file that gives every speaker one `by` and tells them apart only there."""
        names: dict[str, dict[frozenset[str], None]] = {}
        for element in body.iter():
            by = _by(element) if local_name(element) in REMARKS else ""
            name = _from_parts(text_line(_child(element, "from")))[0] if by else None
            if name:
                names.setdefault(by, {})[_telling(name)] = None
        for by, told in names.items():
            own = _telling(self.refs.get(by, ("", None))[1] or by)
            if len(told) > 1 and not any(own & words for words in told):
                self.placeholders.add(by)

    def open(self, title: str) -> int:
        self.latest = {}
        return self.record.open(title)

    def walk(self, container: etree._Element, title: str, above: tuple[str, ...], part: int | None) -> int | None:
        """Read a container's children in order; returns the section now taking content (None: none yet)."""
        for child in container:
            kind = local_name(child)
            if kind in SECTIONS:
                self.section(child, above)
                part = None  # what follows a nested section opens a new one
            elif kind in REMARKS:
                part = self.open(title) if part is None else part
                self.remark(child, part)
            elif kind in NOTES:
                text = plain_text(child, NOT_SPOKEN)
                if text:
                    part = self.open(title) if part is None else part
                    self.record.parts[part].notes.append(text)
            elif kind and kind not in HEADINGS:
                part = self.walk(child, title, above, part)  # a wrapper: look inside (libxml2 caps depth at 256)
        return part

    def section(self, element: etree._Element, above: tuple[str, ...]) -> None:
        heading = _heading(element)
        own = heading or one_line(element.get("name")) or _readable(local_name(element))
        before = len(self.record.parts)
        inner = (*above, heading) if heading else above
        self.walk(element, " — ".join((*above, own)), inner, None)
        if len(self.record.parts) == before:  # nothing inside: still a part of the agenda
            self.open(" — ".join((*above, own)))

    def person(self, element: etree._Element, shown: str | None) -> str:
        """The speaker's key (their TLC id, else the <from> name), registered on first appearance.

        `shown` is the <from> name: it names the speaker where `by` is a placeholder or it is
        another TLCPerson's showAs, and is an alias otherwise."""
        by, loose = _by(element), _loose(shown or "")
        named = self.by_name.get(loose) if loose else None
        if named is not None and named != by and _loose(self.refs.get(by, ("", None))[1] or "") != loose:
            by = named  # <from> names another listed person
        elif by in self.placeholders:
            by = ""
        key = by or (f"from:{loose}" if shown else "")
        found = self.refs.get(by)
        person = self.record.person(key, (found[1] if found else None) or by or shown or UNKNOWN_SPEAKER)
        if person.role is None:
            person.role = self.role(element.get("as"))
        person.alias(shown)
        return key

    def role(self, value: str | None) -> str | None:
        """The showAs of the TLCRole an `as` names; naming anything else, it gives no role."""
        found = self.refs.get((value or "").strip().removeprefix("#"))
        return found[1] if found and found[0] == "TLCRole" else None

    def remark(self, element: etree._Element, part: int) -> None:
        said_from = _child(element, "from")
        shown, opening = _from_parts(text_line(said_from))
        text = plain_text(element, NOT_SPOKEN)
        if opening:  # the speech's first words, inside <from> after the name
            assert said_from is not None
            glue = " " if (said_from.tail or "").strip() else "\n"  # text right after </from> goes on its line
            text = f"{opening}{glue}{text}" if text else opening
        if not text:
            return  # nothing said (a speech that is only its speaker's name)
        key = self.person(element, shown)
        kind = local_name(element)
        reply_to = self.answered(element) if kind == "answer" else None
        index = self.record.say(Said(part, key, text, reply_to, *self.times(element)))
        if kind == "question":
            for ident in {element.get(a) for a in ("eId", "id", "wId")} - {None, ""}:
                assert ident is not None
                self.questions[ident] = index
            self.latest[None] = self.latest[key] = index

    def answered(self, answer: etree._Element) -> int | None:
        """The question an answer replies to: the one it names, the latest by its addressee, the latest."""
        for ref in (answer.get("refersTo") or "").split():
            found = self.questions.get(ref.removeprefix("#"))
            if found is not None:
                return found
        to = (answer.get("to") or "").strip().removeprefix("#")
        return self.latest.get(to, self.latest.get(None)) if to else self.latest.get(None)

    def times(self, element: etree._Element) -> tuple[float | None, float | None]:
        start, end = (self.moment(element, a) for a in ("startTime", "endTime"))
        if start is None:
            return None, None
        seconds = start.hour * 3600 + start.minute * 60 + start.second + start.microsecond / 1e6
        if end is None or (end.tzinfo is None) != (start.tzinfo is None) or end < start:
            return seconds, None
        return seconds, seconds + (end - start).total_seconds()

    def moment(self, element: etree._Element, attribute: str) -> datetime.datetime | None:
        value = (element.get(attribute) or "").strip()
        if not value:
            return None
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            self.problems.add(
                element,
                f'{local_name(element)} {attribute} "{value}" is not a date and time like 2024-03-28T10:30:00; '
                "its time is left out",
            )
            return None


def _by(element: etree._Element) -> str:
    return (element.get("by") or "").strip().removeprefix("#")


def _from_parts(text: str | None) -> tuple[str | None, str | None]:
    """A <from>'s speaker name and the words said after it: "El señor PÉREZ.- Señor…" -> both."""
    found = _NAME_ENDS.search(text) if text else None
    if text is None or found is None or found.start() == 0:
        return text, None
    return one_line(text[: found.start()]), one_line(text[found.end() :])


def _loose(name: str) -> str:
    """A name compared loosely: case, punctuation and spacing aside ("Mr. Brown" is "mr brown")."""
    return " ".join(_WORD.findall(name.casefold()))


def _telling(name: str) -> frozenset[str]:
    """The words of a name that tell people apart (no titles or articles), accents aside."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    words = frozenset(w for w in _WORD.findall(bare) if (len(w) > 2 or not w.isascii()) and w not in _TITLE_WORDS)
    return words or frozenset({bare})


def _anyone(ident: str, shown: str | None) -> bool:
    """A TLCPerson that stands for whoever speaks: "representa cualquier persona", id "persona"."""
    said = (shown or "").casefold()
    return ident.casefold() in _ANYONE_IDS or any(words in said for words in _ANYONE_SAYS)


def _all(root: etree._Element | None, name: str) -> Iterable[etree._Element]:
    return () if root is None else (e for e in root.iter() if local_name(e) == name)


def _first(root: etree._Element | None, name: str) -> etree._Element | None:
    return next(iter(_all(root, name)), None)


def _fronts(debate: etree._Element) -> list[etree._Element]:
    """Where a debate's title and date are written: its cover page and preface."""
    return [c for c in debate if local_name(c) in ("preface", "coverPage")]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if local_name(c) == name), None)


def _heading(element: etree._Element) -> str | None:
    heading, num = _child(element, "heading"), _child(element, "num")
    text = " ".join(t for t in (text_line(num), text_line(heading)) if t)
    return text or None


def _readable(tag: str) -> str:
    """noticesOfMotion -> Notices of motion."""
    return _CAMEL.sub(" ", tag).lower().capitalize() or "Section"


def _title(name: str, debate: etree._Element, work: etree._Element | None) -> str:
    for front in _fronts(debate):
        if (text := text_line(_first(front, "docTitle"))) is not None:
            return text
    for tag in ("FRBRalias", "FRBRname"):
        found = _first(work, tag)
        if found is not None and (value := one_line(found.get("value"))) is not None:
            return value
    body = _child(debate, "debateBody")
    tops = [c for c in body if local_name(c) in SECTIONS] if body is not None else []
    heading = _heading(tops[0]) if len(tops) == 1 else None
    return heading or PurePath(name).name.split(".", 1)[0] or name


def _date(name: str, debate: etree._Element, work: etree._Element | None, title: str) -> str | None:
    for front in _fronts(debate):
        found = _first(front, "docDate")
        if found is not None and (date := real_date(found.get("date"))):
            return date
    for frbr_date in _all(work, "FRBRdate"):
        if date := real_date(frbr_date.get("date")):
            return date
    in_name = _ISO_DATE.search(PurePath(name).name)
    return real_date(title) or (real_date(in_name.group(1)) if in_name else None)


def read_akoma_ntoso(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """An Akoma Ntoso debate record's bytes to its event, or every problem found in it."""
    root = parse_xml(name, data)
    if isinstance(root, Problem):
        return None, [root]
    if on_read is not None:
        on_read(0.5)
    top = local_name(root)
    if top not in ("akomaNtoso", "debate"):
        return None, Problems(name, data).add(root, f"the root element is <{top}>, not <akomaNtoso>; {NOT_AKN}")
    debate = root if top == "debate" else _child(root, "debate")
    if debate is None:
        held = next((f"<{local_name(c)}>" for c in root if local_name(c)), "nothing")
        message = f"this Akoma Ntoso file holds {held}, not a <debate>; Podium reads debate records only"
        return None, Problems(name, data).add(root, message)
    meta = _child(debate, "meta")
    work = _first(meta, "FRBRWork")
    title = _title(name, debate, work)
    reader = _Debate(name, data, meta)
    body = _child(debate, "debateBody")
    if body is not None:
        reader.find_shared(body)
        reader.walk(body, title, (), None)
    if not reader.record.said:
        message = (
            "this debate has no <speech>, <question> or <answer> with any text; "
            "there is nothing said to show (write each speech in the <debateBody>)"
        )
        return None, reader.problems.add(debate, message, always=True)
    proceedings = reader.record.build(name, NAME, title, _date(name, debate, work, title), reader.listed)
    if on_read is not None:
        on_read(1.0)
    return proceedings, reader.problems.found()


FORMAT = Format(NAME, (".xml", ".akn"), sniff, read_akoma_ntoso)
