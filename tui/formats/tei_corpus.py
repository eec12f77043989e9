"""A ParlaMint / Parla-CLARIN corpus around one sitting: who its speakers are, from the corpus's lists.

A sitting names its speakers by id (`who="#DavidDavis"`); their names, sex and
affiliations are in the corpus's person list, and the parties and parliaments those
affiliations point to in its organisation list. Newer corpora bring both lists into
the corpus root (`teiCorpus`) by `xi:include`; older ones hold them inside the root
or the sitting's own header. This module finds the root beside the sitting (or one
or two folders up, as the year folders of ParlaMint 4 put it), reads the lists once
per process, and answers for a given date.

An include is followed only as a plain relative path to a regular file inside the
root's own folder, at most MAX_INCLUDE_DEPTH deep and never twice: an absolute path,
a URL, a path leaving the folder (`..`, a link pointing out), a loop or anything
deeper is refused with a problem naming the include. libxml2 itself never follows an
include or an external entity (see xml_safe).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .debate_xml import Places, one_line, text_line
from .source import Problem, read_source
from .xml_safe import local_name, parse_xml

TEI = "{http://www.tei-c.org/ns/1.0}"
XINCLUDE = "{http://www.w3.org/2001/XInclude}include"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_INCLUDE_DEPTH = 3  # root -> list -> one more level; ParlaMint uses one
ROOT_LEVELS = 2  # a sitting in YEAR/ under the root's folder: its own folder, then up to two above
GROUP_ROLES = ("parliamentaryGroup", "politicalParty")  # a speaker's organisation, in this preference
ROLE_ORGS = ("parliament", "government")  # a speaker's role is their position in one of these
_ROOT_HEAD = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?teiCorpus[\s>]")


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
class Organisation:
    role: str  # "parliamentaryGroup", "politicalParty", "parliament", "government"…
    name: str | None
    abbreviation: str | None

    @property
    def label(self) -> str | None:
        """ "Partido Popular (PP)", or whichever of the two the list gives."""
        if self.name and self.abbreviation and self.abbreviation != self.name:
            return f"{self.name} ({self.abbreviation})"
        return self.name or self.abbreviation


@dataclass(slots=True)
class Corpus:
    """The persons and organisations a sitting's speakers are looked up in, with what went wrong finding them."""

    persons: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # includes refused, lists that do not parse
    missing: list[str] = field(default_factory=list)  # lists named but not there (a sample without them)

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
                    return org.label
        return None

    def role_on(self, person: Person, date: str | None) -> str | None:
        """Their positions in the parliament and the government on a date: "Minister of Justice, member"."""
        held: dict[str, None] = {}
        for affiliation in person.affiliations:
            org = self.organisations.get(affiliation.ref)
            if org is not None and org.role in ROLE_ORGS and affiliation.holds_on(date):
                held.setdefault(affiliation.title or affiliation.role)
        return ", ".join(held) or None


def on_date(date: str | None, start: str | None, end: str | None) -> bool:
    """Whether an ISO date falls in [start, end], each compared at its own precision (a year, a month, a day)."""
    if date is None:
        return start is None and end is None
    return (start is None or date[: len(start)] >= start) and (end is None or date[: len(end)] <= end)


def _person(element: etree._Element) -> Person:
    names = tuple(
        (name, pers.get("from"), pers.get("to"))
        for pers in element.iter(f"{TEI}persName")
        if (name := person_name(pers)) is not None
    )
    sex = element.find(f"{TEI}sex")
    affiliations = tuple(
        Affiliation(
            (a.get("ref") or "").removeprefix("#"),
            a.get("role") or "member",
            a.get("from"),
            a.get("to"),
            _english(a.findall(f"{TEI}roleName")),
        )
        for a in element.iter(f"{TEI}affiliation")
    )
    return Person(names, None if sex is None else one_line(sex.get("value")), affiliations)


def person_name(element: etree._Element) -> str | None:
    """Forenames, then name links ("de"), then surnames, as the list writes them; else the element's text."""
    parts = {"forename": [], "nameLink": [], "surname": []}  # type: dict[str, list[str]]
    for child in element:
        words = text_line(child)
        kind = local_name(child)
        if words and kind in parts:
            parts[kind].append(words)
    joined = " ".join(parts["forename"] + parts["nameLink"] + parts["surname"])
    return joined or text_line(element)


def _organisation(element: etree._Element) -> Organisation:
    names = element.findall(f"{TEI}orgName")
    full = _english([n for n in names if n.get("full", "yes") == "yes"])
    short = _english([n for n in names if n.get("full") == "abb"])
    return Organisation(element.get("role") or "", full, short)


def _english(elements: list[etree._Element]) -> str | None:
    """The English one of several language versions, else the first."""
    english = [e for e in elements if e.get(XML_LANG) == "en"]
    for element in english or elements:
        text = text_line(element)
        if text:
            return text
    return None


# --------------------------------------------------------------------------- finding the lists


def corpus_of(sitting: str) -> Corpus:
    """The lists a sitting's speakers are found in: its corpus root's, else list files beside it."""
    folder = Path(sitting).parent
    prefix = Path(sitting).name.split("_", 1)[0]
    for level in range(ROOT_LEVELS + 1):
        here = folder.parents[level - 1] if level else folder
        root = _root_in(here, prefix, _stamp(here))
        if root is not None:
            return _read_root(str(root), *_stamp(root))
        if level == 0 or here == here.parent:
            lists = _lists_beside(here, _stamp(here))
            if lists:
                return _read_lists(tuple(str(p) for p in lists), tuple(_stamp(p) for p in lists))
        if here == here.parent:
            break
    return Corpus()


def _stamp(path: Path) -> tuple[int, int]:
    """What tells a changed file from the one read before: its size and modification time."""
    try:
        info = os.stat(path)
    except OSError:
        return (0, 0)
    return (info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=64)
def _root_in(folder: Path, prefix: str, _listed: tuple[int, int]) -> Path | None:
    """The corpus root in a folder: a `teiCorpus` file, the one named for the sitting's corpus first.

    Asked once per folder while it is unchanged: a flat corpus of 10,000 sittings is listed
    once, not once per sitting.
    """
    try:
        names = sorted(n for n in os.listdir(folder) if n.lower().endswith(".xml") and not n.startswith("."))
    except OSError:
        return None
    names.sort(key=lambda n: (not n.startswith(prefix + "."), ".ana." in n, n))
    for name in names:
        if "_" in name:  # ParlaMint-XX_2018-…: a sitting, not a root
            continue
        try:
            with open(folder / name, "rb") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        if _ROOT_HEAD.search(head):
            return folder / name
    return None


@lru_cache(maxsize=64)
def _lists_beside(folder: Path, _listed: tuple[int, int]) -> list[Path]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / n for n in names if re.search(r"list(Person|Org)(\.ana)?\.xml$", n, re.IGNORECASE)]


@lru_cache(maxsize=8)
def _read_root(root: str, _size: int, _mtime: int) -> Corpus:
    """A root's lists, its own and those it includes (cached while the file is unchanged)."""
    corpus = Corpus()
    _Includes(corpus, Path(root).parent).read(Path(root), 0, ())
    return corpus


@lru_cache(maxsize=8)
def _read_lists(paths: tuple[str, ...], _stamps: tuple[tuple[int, int], ...]) -> Corpus:
    corpus = Corpus()
    for path in paths:
        _Includes(corpus, Path(path).parent).read(Path(path), 0, ())
    return corpus


class _Includes:
    """Reads a file's lists and follows its includes, only inside one folder."""

    def __init__(self, corpus: Corpus, folder: Path) -> None:
        self.corpus = corpus
        self.folder = folder.resolve()

    def read(self, path: Path, depth: int, chain: tuple[Path, ...]) -> None:
        source = read_source(path)
        if isinstance(source, Problem):
            self.corpus.problems.append(source)
            return
        data = source[0]
        root = parse_xml(str(path), data)
        if isinstance(root, Problem):
            self.corpus.problems.append(root)
            return
        self.corpus.add_lists(root)
        places = Places(data)
        for include in root.iter(XINCLUDE):
            href = (include.get("href") or "").strip()
            if _is_sitting(include) or any(local_name(a) == "classDecl" for a in include.iterancestors()):
                continue  # a sitting the root names (opened as an event), or a taxonomy: not read here
            target, refusal = self.target(path, href, depth, chain)
            if target is not None:
                self.read(target, depth + 1, (*chain, path.resolve()))
            elif refusal:
                self.corpus.problems.append(Problem(str(path), refusal, *places(include)))
            else:
                self.corpus.missing.append(href)

    def target(self, path: Path, href: str, depth: int, chain: tuple[Path, ...]) -> tuple[Path | None, str]:
        """The file an include names, or why it is refused."""
        named = f'xi:include href="{href}"'
        if not href or "://" in href or href.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", href):
            return None, f"{named} refused: only a relative path to a file in the corpus folder is followed"
        target = (path.parent / href).resolve()
        if not target.is_relative_to(self.folder):
            return None, f"{named} refused: it leads outside the corpus folder {self.folder}"
        if target == path.resolve() or target in chain:
            return None, f"{named} refused: it includes a file that includes it (a loop)"
        if depth + 1 > MAX_INCLUDE_DEPTH:
            return None, f"{named} refused: includes nest deeper than {MAX_INCLUDE_DEPTH} levels"
        if not target.is_file():
            return None, ""  # not there: a sample corpus without its lists; speakers keep their ids
        return target, ""


def _is_sitting(include: etree._Element) -> bool:
    """An include directly in the teiCorpus (not in its header) names a sitting."""
    parent = include.getparent()
    return parent is not None and local_name(parent) == "teiCorpus"


def is_corpus_root(path: Path) -> bool:
    """Whether a file is a corpus root (`<teiCorpus>`) rather than an event."""
    try:
        with open(path, "rb") as handle:
            return _ROOT_HEAD.search(handle.read(4096)) is not None
    except OSError:
        return False


def sittings_named(root: Path) -> tuple[int, list[Path]]:
    """How many sittings a corpus root names, and those that are there, in its order (inside its folder, once)."""
    source = read_source(root)
    parsed = None if isinstance(source, Problem) else parse_xml(str(root), source[0])
    if parsed is None or isinstance(parsed, Problem):
        return 0, []
    folder = root.parent.resolve()
    named = 0
    found: dict[Path, None] = {}
    for include in parsed.iter(XINCLUDE):
        href = (include.get("href") or "").strip()
        if not _is_sitting(include):
            continue
        named += 1
        if not href or "://" in href or href.startswith(("/", "\\")):
            continue
        target = (root.parent / href).resolve()
        if target.is_relative_to(folder) and target.is_file():
            found.setdefault(root.parent / href)
    return named, list(found)
