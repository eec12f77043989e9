"""A ParlaMint corpus's people and organisations, and what each person was on a given day.

Read from the `<listPerson>` and `<listOrg>` of a corpus (tei_corpus finds them): a
person's names, sex and affiliations, each affiliation dated (`from`/`to`, `when`,
`notBefore`/`notAfter`); an organisation's role (`parliamentaryGroup`, `politicalParty`,
`parliament`, `government`, `ministry`…) and names, which may be dated too (a party
renamed). Dates are compared as ISO text at the precision each is written (a year, a
month, a day; a time of day ignored).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .debate_xml import one_line, text_line
from .xml_safe import local_name

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GROUP_ROLES = ("parliamentaryGroup", "politicalParty")  # a speaker's organisation, in this preference
PARTY_ROLES = frozenset({*GROUP_ROLES, "party", "politicalGroup"})  # not positions: never a speaker's role


def on_date(date: str | None, start: str | None, end: str | None) -> bool:
    """Whether an ISO date falls in [start, end], each compared at its own precision (a year, a month, a day)."""
    start, end = start and start[:10], end and end[:10]
    if date is None:
        return not start and not end
    return (not start or date[: len(start)] >= start) and (not end or date[: len(end)] <= end)


def _dates(element: etree._Element) -> tuple[str | None, str | None]:
    """An element's span: from/to, else when (one day), else notBefore/notAfter."""
    when = element.get("when")
    start = element.get("from") or when or element.get("notBefore")
    end = element.get("to") or when or element.get("notAfter")
    return start, end


@dataclass(frozen=True, slots=True)
class Affiliation:
    ref: str  # the organisation's id, without '#'
    role: str  # "member", "minister", "head"…
    start: str | None
    end: str | None
    title: str | None  # the English roleName where given: "Minister of Justice"

    def holds_on(self, date: str | None) -> bool:
        return on_date(date, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Person:
    names: tuple[tuple[str, str | None, str | None], ...]  # (name, from, to) in the list's order
    sex: str | None
    affiliations: tuple[Affiliation, ...]

    def name_on(self, date: str | None) -> str | None:
        valid = [name for name, start, end in self.names if on_date(date, start, end)]
        return valid[0] if valid else (self.names[0][0] if self.names else None)


@dataclass(frozen=True, slots=True)
class OrgName:
    text: str
    full: bool  # a full name, not an abbreviation
    english: bool
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Organisation:
    role: str  # "parliamentaryGroup", "politicalParty", "parliament", "government"…
    names: tuple[OrgName, ...]

    def name_on(self, date: str | None, *, full: bool) -> str | None:
        """Its full name (or abbreviation) valid on a date, the English one where given."""
        valid = [n for n in self.names if n.full == full and on_date(date, n.start, n.end)]
        valid = valid or [n for n in self.names if n.full == full]
        english = [n for n in valid if n.english]
        return (english or valid)[0].text if valid else None

    def label_on(self, date: str | None) -> str | None:
        """ "Partido Popular (PP)", or whichever of the two the list gives."""
        name, short = self.name_on(date, full=True), self.name_on(date, full=False)
        if name and short and short != name:
            return f"{name} ({short})"
        return name or short


@dataclass(slots=True)
class People:
    """The persons and organisations a sitting's speakers are looked up in."""

    persons: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def add_lists(self, root: etree._Element) -> None:
        """Every <person> and <org> under an element (a list file, a root, a sitting's header)."""
        for person in root.iter(f"{TEI}person"):
            ident = person.get(XML_ID)
            if ident and ident not in self.persons:
                self.persons[ident] = _person(person)
        for org in root.iter(f"{TEI}org"):
            ident = org.get(XML_ID)
            if ident and ident not in self.organisations:
                self.organisations[ident] = _organisation(org)

    def organisation_on(self, person: Person, date: str | None) -> str | None:
        """The party or group a person belongs to on a date: a parliamentary group before a party."""
        for role in GROUP_ROLES:
            for affiliation in person.affiliations:
                org = self.organisations.get(affiliation.ref)
                if org is not None and org.role == role and affiliation.holds_on(date):
                    return org.label_on(date)
        return None

    def role_on(self, person: Person, date: str | None) -> str | None:
        """Their positions that day in every body but a party: "member, Minister of Justice".

        A position in the parliament itself is named alone ("member"); in another body, with the
        body ("member of Government of Austria"), or as its roleName says ("Minister of Justice").
        """
        held: dict[str, None] = {}
        for affiliation in person.affiliations:
            org = self.organisations.get(affiliation.ref)
            if org is None or org.role in PARTY_ROLES or not affiliation.holds_on(date):
                continue
            body = None if org.role == "parliament" else org.name_on(date, full=True) or org.name_on(date, full=False)
            held.setdefault(affiliation.title or (f"{affiliation.role} of {body}" if body else affiliation.role))
        return ", ".join(held) or None


def _person(element: etree._Element) -> Person:
    names = tuple(
        (name, *_dates(pers)) for pers in element.iter(f"{TEI}persName") if (name := person_name(pers)) is not None
    )
    sex = element.find(f"{TEI}sex")
    affiliations = tuple(
        Affiliation(
            (a.get("ref") or "").removeprefix("#"),
            a.get("role") or "member",
            *_dates(a),
            english(a.findall(f"{TEI}roleName")),
        )
        for a in element.iter(f"{TEI}affiliation")
    )
    return Person(names, None if sex is None else one_line(sex.get("value")), affiliations)


_NAME_PARTS = ("forename", "nameLink", "surname", "addName")  # in the order a name is said


def person_name(element: etree._Element) -> str | None:
    """Forenames, name links ("de"), surnames, added names, as the list writes them; else the element's text."""
    parts: dict[str, list[str]] = {kind: [] for kind in _NAME_PARTS}
    for child in element:
        words = text_line(child)
        kind = local_name(child)
        if words and kind in parts:
            parts[kind].append(words)
    joined = " ".join(word for kind in _NAME_PARTS for word in parts[kind])
    return joined or text_line(element)


def _organisation(element: etree._Element) -> Organisation:
    names = tuple(
        OrgName(text, n.get("full", "yes") != "abb", n.get(XML_LANG) == "en", *_dates(n))
        for n in element.findall(f"{TEI}orgName")
        if (text := text_line(n))
    )
    return Organisation(element.get("role") or "", names)


def english(elements: list[etree._Element]) -> str | None:
    """The English one of several language versions, else the first."""
    preferred = [e for e in elements if e.get(XML_LANG) == "en"]
    for element in preferred or elements:
        text = text_line(element)
        if text:
            return text
    return None
