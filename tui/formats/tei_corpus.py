"""The ParlaMint / Parla-CLARIN corpus around one sitting: its root, and the lists its speakers are in.

A sitting names its speakers by id (`who="#DavidDavis"`); their names and affiliations
are in the corpus's person list, the parties and parliaments in its organisation list
(tei_people reads both). Newer corpora bring the lists into the corpus root
(`teiCorpus`) by `xi:include`; older ones hold them inside the root or the sitting's
own header. The root is looked for beside the sitting and one or two folders up (the
year folders of ParlaMint 4): the one named for the sitting's corpus (`ParlaMint-ES.xml`
for `ParlaMint-ES_2018-…`), else one whose sittings include this one. Without a root,
`*listPerson.xml` and `*listOrg.xml` beside the sitting are read.

An include is followed only as a relative path, written without `..`, to a regular
file inside the root's own folder (a link leading out of it is refused), at most
MAX_INCLUDE_DEPTH deep, each file once, at most MAX_INCLUDES in all; anything else is
refused with a problem naming the include. libxml2 itself never follows an include
or an external entity (see xml_safe). What was read is remembered with each file's
size and time, read again when one changes, and given to the library index
(`context`), so that a changed list reads its sittings again.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from .debate_xml import Places
from .source import Problem, read_source
from .tei_people import TEI, People
from .xml_safe import local_name, parse_xml

XINCLUDE = "{http://www.w3.org/2001/XInclude}include"
MAX_INCLUDE_DEPTH = 3  # root -> list -> one more level; ParlaMint uses one
MAX_INCLUDES = 64  # lists and taxonomies a root brings in: ParlaMint's have about ten
ROOT_LEVELS = 2  # a sitting in YEAR/ under the root's folder: its own folder, then up to two above
_ROOT_HEAD = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?teiCorpus[\s>]")
_LIST_NAME = re.compile(r"list(Person|Org)(\.ana)?\.xml$", re.IGNORECASE)

Stamp = tuple[str, int, int]  # a file read: its path, size and modification time


@dataclass(slots=True)
class Corpus:
    """The people a sitting's speakers are looked up in, with the files read and what went wrong."""

    people: People = field(default_factory=People)
    problems: list[Problem] = field(default_factory=list)  # includes refused, lists that do not parse
    missing: list[str] = field(default_factory=list)  # lists named but not there (a sample without them)
    read: list[Stamp] = field(default_factory=list)

    def still_current(self) -> bool:
        return all(_stamp(Path(path)) == (size, mtime) for path, size, mtime in self.read)


def _stamp(path: Path) -> tuple[int, int]:
    """What tells a changed file from the one read before: its size and modification time."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


_CORPORA: dict[tuple[str, ...], Corpus] = {}  # by the root (or the lists) read, while they are unchanged


def corpus_of(sitting: str) -> Corpus:
    """The lists a sitting's speakers are found in: its corpus root's, else list files beside it."""
    sources = _sources(Path(sitting))
    found = _CORPORA.get(sources)
    if found is None or not found.still_current():
        found = _CORPORA[sources] = _read(sources)
    return found


def context(sitting: str) -> str:
    """What a sitting's reading depends on besides its own bytes: the files of its lists, with their stamps."""
    return repr(sorted(corpus_of(sitting).read)) if _sources(Path(sitting)) else ""


def _sources(sitting: Path) -> tuple[str, ...]:
    """The root to read (one path), else the list files beside the sitting, else nothing."""
    prefix = sitting.name.split("_", 1)[0]
    here = sitting.parent
    for _ in range(ROOT_LEVELS + 1):
        root = _root_in(here, prefix, sitting)
        if root is not None:
            return (str(root),)
        if here == here.parent:
            break
        here = here.parent
    return tuple(str(p) for p in _listing(sitting.parent, _stamp(sitting.parent)).lists)


def _read(sources: tuple[str, ...]) -> Corpus:
    corpus = Corpus()
    for source in sources:
        _Includes(corpus, Path(source).parent).read(Path(source), 0)
    return corpus


@dataclass(frozen=True, slots=True)
class _Listing:
    roots: tuple[Path, ...]  # the folder's teiCorpus files
    lists: tuple[Path, ...]  # its *listPerson.xml and *listOrg.xml


_LISTINGS: dict[tuple[Path, tuple[int, int]], _Listing] = {}


def _listing(folder: Path, stamp: tuple[int, int]) -> _Listing:
    """A folder's roots and list files, found once while it is unchanged (a corpus of 10,000 sittings
    in one folder is listed once, not once per sitting). Only regular files are opened: a FIFO named
    `x.xml` would block the read."""
    found = _LISTINGS.get((folder, stamp))
    if found is not None:
        return found
    roots, lists = [], []
    try:
        with os.scandir(folder) as entries:
            listed = [e for e in entries if e.name.lower().endswith(".xml") and not e.name.startswith(".")]
        names = sorted(((e.name, e) for e in listed), key=lambda pair: pair[0])
    except OSError:
        names = []
    for name, entry in names:
        try:
            if not entry.is_file():
                continue
        except OSError:
            continue
        if _LIST_NAME.search(name):
            lists.append(folder / name)
        elif "_" not in name and _is_root(folder / name):  # ParlaMint-XX_2018-…: a sitting, not a root
            roots.append(folder / name)
    found = _LISTINGS[(folder, stamp)] = _Listing(tuple(roots), tuple(lists))
    return found


def _root_in(folder: Path, prefix: str, sitting: Path) -> Path | None:
    """The corpus root of a sitting in a folder: the one named for its corpus, else one naming it."""
    roots = _listing(folder, _stamp(folder)).roots
    named = [r for r in roots if r.name.split(".", 1)[0] == prefix]
    if named:
        return min(named, key=lambda r: (".ana." in r.name, r.name))
    for root in roots:
        if sitting.resolve() in _named_by(root, _stamp(root)):
            return root
    return None


_NAMED: dict[tuple[Path, tuple[int, int]], frozenset[Path]] = {}


def _named_by(root: Path, stamp: tuple[int, int]) -> frozenset[Path]:
    """The sittings a root names, resolved: read once while it is unchanged."""
    found = _NAMED.get((root, stamp))
    if found is None:
        found = _NAMED[(root, stamp)] = frozenset(p.resolve() for p in sittings_named(root)[1])
    return found


def _is_root(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return _ROOT_HEAD.search(os.read(fd, 4096)) is not None
    except OSError:
        return False
    finally:
        os.close(fd)


def is_corpus_root(path: Path) -> bool:
    """Whether a file is a corpus root (`<teiCorpus>`) rather than an event."""
    return _is_root(path)


# --------------------------------------------------------------------------- includes


class _Includes:
    """Reads a file's lists and follows its includes, only inside one folder, each file once."""

    def __init__(self, corpus: Corpus, folder: Path) -> None:
        self.corpus = corpus
        self.folder = folder.resolve()
        self.seen: set[Path] = set()

    def read(self, path: Path, depth: int) -> None:
        self.seen.add(path.resolve())
        source = read_source(path)
        if isinstance(source, Problem):
            self.corpus.problems.append(source)
            return
        data, info = source
        self.corpus.read.append((str(path), info.st_size, info.st_mtime_ns))
        root = parse_xml(str(path), data)
        if isinstance(root, Problem):
            self.corpus.problems.append(root)
            return
        self.corpus.people.add_lists(root)
        places = Places(data)
        for include in root.iter(XINCLUDE):
            if _is_sitting(include) or any(local_name(a) == "classDecl" for a in include.iterancestors()):
                continue  # a sitting the root names (opened as an event), or a taxonomy: not read here
            href = (include.get("href") or "").strip()
            target, refusal = self.target(path, href, depth)
            if target is not None:
                self.read(target, depth + 1)
            elif refusal:
                self.corpus.problems.append(Problem(str(path), refusal, *places(include)))
            else:
                self.corpus.missing.append(href)

    def target(self, path: Path, href: str, depth: int) -> tuple[Path | None, str]:
        """The file an include names, or why it is refused ("" and None: it is not there)."""
        named = f'xi:include href="{href}"'
        relative = inside(path.parent, href, self.folder)
        if isinstance(relative, str):
            return None, f"{named} refused: {relative}"
        if relative.resolve() in self.seen:
            return None, f"{named} refused: that file is already read (an include loop, or the same list twice)"
        if depth + 1 > MAX_INCLUDE_DEPTH:
            return None, f"{named} refused: includes nest deeper than {MAX_INCLUDE_DEPTH} levels"
        if len(self.seen) >= MAX_INCLUDES:
            return None, f"{named} refused: a corpus's lists come in at most {MAX_INCLUDES} includes"
        return (relative, "") if _is_regular(relative) else (None, "")


def inside(base: Path, href: str, folder: Path) -> Path | str:
    """The file a relative href names from `base`, when it is inside `folder`; else why not.

    The text is checked before any file system call: no scheme, no absolute or drive path, no `..`.
    """
    written = PurePosixPath(href.replace("\\", "/"))
    if not href or "://" in href or ":" in href.split("/", 1)[0] or written.is_absolute():
        return "only a relative path to a file in the corpus folder is followed"
    if ".." in written.parts:
        return f"it leads outside the corpus folder {folder}"
    try:
        target = base / written
        if not target.resolve().is_relative_to(folder):
            return f"it leads outside the corpus folder {folder}"
    except (OSError, RuntimeError, ValueError) as error:  # a loop of links, a name too long
        return f"it cannot be followed ({type(error).__name__}: {error})"
    return target


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _is_sitting(include: etree._Element) -> bool:
    """An include directly in the teiCorpus (not in its header) names a sitting."""
    parent = include.getparent()
    return parent is not None and local_name(parent) == "teiCorpus"


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
        if not _is_sitting(include):
            continue
        named += 1
        target = inside(root.parent, (include.get("href") or "").strip(), folder)
        if not isinstance(target, str) and _is_regular(target):
            found.setdefault(target)
    return named, list(found)


__all__ = ["TEI", "Corpus", "context", "corpus_of", "is_corpus_root", "sittings_named"]
