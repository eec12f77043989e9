"""Read event files into the model, reporting every problem as FILE:LINE:COL.

YAML is parsed with the safe loader only, and only up to the node graph (which
keeps the parser's marks); the graph is then read against the format directly, so
that each problem points at the node that caused it and nothing in the file can
construct an arbitrary object.
"""

from __future__ import annotations

import codecs
import datetime
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from yaml.composer import Composer, ComposerError
from yaml.events import AliasEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .model import (
    EVENT_ROLES,
    SECTION_KINDS,
    SPEAKER_KINDS,
    Attendance,
    Event,
    Library,
    Proceedings,
    Remark,
    Section,
    Speaker,
    Venue,
)
from .textsafe import safe_line

if TYPE_CHECKING:  # the cache (msgspec, hashlib) is imported only for large files
    from .cache import Cache

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 128 * 1024 * 1024  # documented in docs/format.md and docs/security.md
EVENT_FILE_SUFFIXES = (".yaml", ".yml")
CACHE_MIN_BYTES = 1_000_000  # smaller files parse faster than a cache is checked

MAX_NESTING = 64  # levels of lists and mappings in one file; the format needs 5
MAX_NODES = 4_000_000  # about 1.8 GB of node graph; 100,000 remarks take 1.4 million


class NestingError(yaml.MarkedYAMLError):
    """Nesting or size beyond the limits above, found while composing."""


class _GuardedComposer(Composer):
    """PyYAML's composer, tightened, with a depth and size guard.

    libyaml's own composer recurses in C and crashes the process on nesting
    some 100,000 deep; this one stops at MAX_NESTING with a located problem,
    and stops an oversized graph before it exhausts memory. It composes
    nodes only: no tag is ever constructed into an object, so nothing in a
    file can run code. Written out (rather than wrapping Composer's methods)
    because it runs once per node: one event look-up per node instead of
    three, and no path-resolver hooks, which Podium never registers.
    """

    _depth = 0
    _nodes = 0

    def _guard(self, nesting: bool) -> None:
        self._nodes += 1
        if nesting:
            self._depth += 1
        if self._depth > MAX_NESTING:
            problem = f"lists and mappings nest more than {MAX_NESTING} levels deep here; an event needs 5"
        elif self._nodes > MAX_NODES:
            problem = f"the file holds more than {MAX_NODES:,} values; split it into several files"
        else:
            return
        mark = self.peek_event().start_mark  # type: ignore[attr-defined]
        raise NestingError(None, None, problem, mark)

    def compose_node(self, parent: Node | None, index: int) -> Node:
        event = self.peek_event()  # type: ignore[attr-defined]
        kind = type(event)
        if kind is AliasEvent:
            self.get_event()  # type: ignore[attr-defined]
            if event.anchor not in self.anchors:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
            return self.anchors[event.anchor]
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            first = self.anchors[anchor].start_mark.line + 1
            problem = f"anchor &{anchor} is defined twice (first on line {first}); rename one"
            raise ComposerError(None, None, problem, event.start_mark)
        if kind is ScalarEvent:
            self._guard(False)
            self.get_event()  # type: ignore[attr-defined]
            tag = event.tag
            if tag is None or tag == "!":
                tag = self.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[attr-defined]
            node: Node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            if anchor is not None:
                self.anchors[anchor] = node
            return node
        self._guard(True)
        try:
            if kind is SequenceStartEvent:
                return self.compose_sequence_node(anchor)
            return self.compose_mapping_node(anchor)
        finally:
            self._depth -= 1


# libyaml's C parser (the one CSafeLoader uses) when present, else PyYAML's own;
# composed by the guarded composer, resolved by the safe resolver.
try:
    from yaml._yaml import CParser as _CParser  # the parser CSafeLoader is built on

    _HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    _HAVE_LIBYAML = False
if _HAVE_LIBYAML:

    class _Loader(_CParser, _GuardedComposer, Resolver):
        def __init__(self, stream: str | io.StringIO) -> None:
            _CParser.__init__(self, stream)
            _GuardedComposer.__init__(self)
            Resolver.__init__(self)

        # CParser has C versions of these; the guarded Python ones must win.
        get_single_node = _GuardedComposer.get_single_node
        compose_document = _GuardedComposer.compose_document
        compose_node = _GuardedComposer.compose_node
        compose_sequence_node = _GuardedComposer.compose_sequence_node
        compose_mapping_node = _GuardedComposer.compose_mapping_node

else:  # pragma: no cover - pyyaml without libyaml

    class _Loader(Reader, Scanner, Parser, _GuardedComposer, Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str | io.StringIO) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _GuardedComposer.__init__(self)
            Resolver.__init__(self)


_TAG = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL = _TAG + "str", _TAG + "int", _TAG + "bool", _TAG + "null"
_TYPE_NAMES = {
    _INT: "a number",
    _TAG + "float": "a number",
    _BOOL: "a true/false value",
    _NULL: "nothing (null)",
    _TAG + "timestamp": "a date",
    _TAG + "merge": "a YAML merge key",
    _TAG + "value": "a YAML value key",
}
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_DIGITS = re.compile(r"[0-9]+\Z")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, where it is, and what to do about it."""

    path: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.column}"
        return f"{safe_line(where)}: {safe_line(self.message)}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    library: Library
    problems: tuple[Problem, ...]
    # Each file named, with the problems found in it (empty when it loaded).
    files: tuple[tuple[str, tuple[Problem, ...]], ...]


class PathError(Exception):
    """A path given on the command line that cannot be used at all."""


# --------------------------------------------------------------------------- paths


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to load: each file as named, each directory's event files in name order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in EVENT_FILE_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise PathError(f"{path}: no event files (*.yaml, *.yml) in this directory")
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise PathError(f"{path}: no such file or directory")
    return files


# --------------------------------------------------------------------------- bytes


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def read_source(path: Path) -> tuple[bytes, os.stat_result] | Problem:
    """The file's bytes, refusing anything that is not a readable regular file under the limit.

    The size and type are checked before a byte is read, so a FIFO, a device
    or a huge file cannot block or exhaust memory.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Problem(name, "no such file")
    except OSError as error:
        return Problem(name, f"cannot read: {error.strerror}")
    if not stat.S_ISREG(info.st_mode):
        return Problem(name, "not a regular file (a directory, FIFO or device); name a .yaml file")
    if info.st_size > MAX_FILE_BYTES:
        return Problem(
            name,
            f"file is {info.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes; "
            "larger files are refused (see docs/format.md)",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return Problem(name, f"cannot read: {error.strerror}")
    if len(data) > MAX_FILE_BYTES:  # it grew after the check
        return Problem(name, f"file is over the limit of {MAX_FILE_BYTES:,} bytes")
    return data, info


def read_text(path: Path) -> str | Problem:
    """The file's text, refusing anything that is not a readable UTF-8 regular file."""
    source = read_source(path)
    if isinstance(source, Problem):
        return source
    return decode(str(path), source[0])


def decode(name: str, data: bytes) -> str | Problem:
    """UTF-8 text (a BOM is accepted); UTF-16, NUL bytes and invalid bytes are refused."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return Problem(name, "file is UTF-32; save it as UTF-8", 1, 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Problem(name, "file is UTF-16; save it as UTF-8", 1, 1)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    body = data[bom:]  # positions are counted in the text, offsets in the file
    nul = body.find(b"\x00")
    if nul >= 0:
        line, column = _position(body, nul)
        return Problem(name, f"NUL byte at byte offset {bom + nul}; this is not a text file", line, column)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(body, error.start)
        return Problem(
            name,
            f"invalid UTF-8 byte 0x{body[error.start]:02x} at byte offset {bom + error.start}; save the file as UTF-8",
            line,
            column,
        )


class _ProgressStream(io.StringIO):
    """Text handed to the parser in chunks, reporting how far it has read."""

    def __init__(self, text: str, on_read: Callable[[float], None]) -> None:
        super().__init__(text)
        self._length = max(1, len(text))
        self._on_read = on_read

    def read(self, size: int | None = -1) -> str:
        chunk = super().read(size)
        self._on_read(self.tell() / self._length)
        return chunk


def compose(name: str, text: str, on_read: Callable[[float], None] | None = None) -> Node | Problem:
    """The document's node graph, or the parser's complaint at its mark.

    `on_read` is told the fraction of the text parsed so far, for a progress bar.
    """
    loader = _Loader(text if on_read is None else _ProgressStream(text, on_read))
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(filter(None, (error.context, error.problem))) or "YAML error"
        if mark is None:
            return Problem(name, f"YAML syntax: {message}")
        if _char_at(text, mark.line, mark.column) == "\t":
            message += " (a tab); indent with spaces, not tabs"
        line, column = _position_of(mark, text)
        return Problem(name, f"YAML syntax: {message}", line, column)
    except yaml.reader.ReaderError as error:
        # A raw control character: libyaml gives a byte offset into the UTF-8 text, not a mark.
        position = len(text.encode("utf-8")[: error.position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
        return Problem(
            name,
            f"control character U+{code:04X} is not allowed in YAML; remove it, or write it as an escape "
            'such as "\\x1b" inside a double-quoted string',
            line,
            column,
        )
    except yaml.YAMLError as error:
        return Problem(name, f"YAML syntax: {error}")
    except RecursionError:  # a deep stack elsewhere; MAX_NESTING normally stops it first
        return Problem(name, f"YAML nesting is too deep (limit: {MAX_NESTING} levels)")
    if node is None:
        return Problem(
            name,
            "the file has no content; an event file is a mapping with "
            "schema_version, event, speakers, sections and remarks",
            1,
            1,
        )
    return node


def _char_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column : start + column + 1]


# --------------------------------------------------------------------------- nodes


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _STR:
        return "text"
    return _TYPE_NAMES.get(node.tag, f"a value tagged {node.tag}")


_YAML_ONLY_BREAKS = ("\u2028", "\u2029", "\x85")


def _position_of(mark: yaml.Mark, text: str | None) -> tuple[int, int]:
    """1-based line and column of a mark, as an editor counts them.

    YAML 1.1 also breaks lines at U+2028, U+2029 and U+0085, which editors do
    not; only when the text has one is the position recounted from the mark's
    character index.
    """
    if text is None or not any(b in text for b in _YAML_ONLY_BREAKS):
        return mark.line + 1, mark.column + 1
    index = max(0, min(mark.index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


class _Reader:
    """Reads nodes against the format, collecting problems instead of raising."""

    def __init__(self, path: str, text: str | None = None) -> None:
        self.path = path
        self.source_text = text
        self.problems: list[Problem] = []

    def fail(self, node: Node, message: str) -> None:
        line, column = _position_of(node.start_mark, self.source_text)
        self.problems.append(Problem(self.path, message, line, column))

    def fields(
        self,
        node: Node,
        what: str,
        required: Sequence[str],
        optional: Sequence[str] = (),
    ) -> dict[str, Node] | None:
        """The mapping's value nodes by key, after checking keys are known and unique."""
        if not isinstance(node, MappingNode):
            self.fail(node, f"{what} must be a mapping of fields, not {_describe(node)}")
            return None
        found: dict[str, Node] = {}
        keys: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.fail(key_node, f"{what}: a field name must be plain text")
            elif key in keys:
                first = keys[key].start_mark.line + 1
                self.fail(
                    key_node,
                    f"duplicate field '{key}' in {what} (first on line {first}); "
                    "YAML would keep only the last one: remove one",
                )
            elif key not in required and key not in optional:
                self.fail(
                    key_node,
                    _unknown(f"field '{key}' in {what}", key, [*required, *optional]),
                )
                keys[key] = key_node
            else:
                keys[key] = key_node
                if key in required or not _is_null(value_node):
                    found[key] = value_node  # an optional field left empty counts as not given
        for name in required:
            if name not in keys:
                self.fail(node, f"{what} is missing the required field '{name}'")
        return found

    def items(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if isinstance(node, SequenceNode):
            return list(node.value)
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            return []
        self.fail(node, f"{what} must be a list, not {_describe(node)}")
        return []

    def text(self, node: Node | None, what: str, *, optional: bool = False) -> str | None:
        if node is None:
            return None
        if isinstance(node, ScalarNode):
            if node.tag == _STR:
                if node.value.strip():
                    return node.value  # type: ignore[no-any-return]
                self.fail(
                    node,
                    f"{what} is empty; write a value" + (" or remove the field" if optional else ""),
                )
                return None
            if node.tag == _NULL and optional:
                return None
            if node.tag in _TYPE_NAMES and node.tag != _NULL:
                self.fail(
                    node,
                    f"{what} must be text, but YAML reads {node.value} as {_TYPE_NAMES[node.tag]}; "
                    f'put it in quotes: "{node.value}"',
                )
                return None
        self.fail(node, f"{what} must be text, not {_describe(node)}")
        return None

    def identifier(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not _ID.match(value):
            assert node is not None
            self.fail(
                node,
                f"{what} '{value}' must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
            )
            return None
        return value

    def choice(self, node: Node | None, what: str, allowed: Sequence[str]) -> str | None:
        value = self.text(node, what)
        if value is not None and value not in allowed:
            assert node is not None
            self.fail(node, _unknown(f"{what} '{value}'", value, allowed))
            return None
        return value

    def texts(self, node: Node | None, what: str, allowed: Sequence[str] = ()) -> tuple[str, ...]:
        values = []
        for item in self.items(node, what):
            value = self.choice(item, f"each of {what}", allowed) if allowed else self.text(item, f"each of {what}")
            if value is not None:
                values.append(value)
        return tuple(values)

    def number(self, node: Node | None, what: str) -> int | None:
        if node is None:
            return None
        if isinstance(node, ScalarNode) and node.tag == _INT and _DIGITS.match(node.value):
            if len(node.value) <= 9:
                return int(node.value)
            self.fail(node, f"{what} must be under 1,000,000,000, not a number of {len(node.value):,} digits")
            return None
        if isinstance(node, ScalarNode) and node.tag == _STR:
            found = f"text '{node.value}': write it without quotes"
        else:
            found = f"'{node.value}'" if isinstance(node, ScalarNode) else _describe(node)
        self.fail(node, f"{what} must be a whole number like 3, not {found}")
        return None

    def flag(self, node: Node | None, what: str) -> bool:
        if node is None:
            return False
        if isinstance(node, ScalarNode) and node.tag == _BOOL and node.value.lower() in ("true", "false"):
            return bool(node.value.lower() == "true")
        found = f"'{node.value}'" if isinstance(node, ScalarNode) else _describe(node)
        self.fail(node, f"{what} must be true or false, not {found}")
        return False


def _unknown(subject: str, value: str, allowed: Iterable[str]) -> str:
    options = list(allowed)
    import difflib  # only when there is a mistake to suggest a fix for

    close = difflib.get_close_matches(value, options, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown {subject}; {hint}expected one of: {', '.join(options)}"


# --------------------------------------------------------------------------- records


def _read_event(r: _Reader, node: Node) -> Event | None:
    f = r.fields(
        node,
        "event",
        ("id", "title", "date"),
        ("venue", "organisers", "attendance", "summary"),
    )
    if f is None:
        return None
    venue = Venue()
    if "venue" in f:
        v = r.fields(f["venue"], "event venue", (), ("hall", "building", "campus", "institution"))
        if v is not None:
            venue = Venue(
                *(r.text(v.get(k), f"venue {k}", optional=True) for k in ("hall", "building", "campus", "institution"))
            )
    attendance: list[Attendance] = []
    if "attendance" in f:
        modes = r.fields(f["attendance"], "event attendance", (), ("online", "venue"))
        for mode, mode_node in (modes or {}).items():
            a = r.fields(mode_node, f"attendance {mode}", ("count",), ("approximate",))
            if a is not None:
                count = r.number(a.get("count"), f"attendance {mode} count")
                if count is not None:
                    attendance.append(Attendance(mode, count, r.flag(a.get("approximate"), "approximate")))
    date = r.text(f.get("date"), "event date")
    if date is not None and not _is_iso_date(date):
        r.fail(f["date"], f"event date '{date}' must be a real date written YYYY-MM-DD, in quotes")
    event_id = r.identifier(f.get("id"), "event id")
    title = r.text(f.get("title"), "event title")
    if event_id is None or title is None or date is None:
        return None
    return Event(
        id=event_id,
        title=title,
        date=date,
        venue=venue,
        organisers=r.texts(f.get("organisers"), "event organisers"),
        attendance=tuple(attendance),
        summary=r.text(f.get("summary"), "event summary", optional=True),
    )


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_SPEAKER_OPTIONAL = (
    "honorific",
    "role",
    "organisation",
    "event_role",
    "kind",
    "aliases",
    "bio",
)


def _read_speaker(r: _Reader, node: Node) -> Speaker | None:
    f = r.fields(node, "speaker", ("id", "name"), _SPEAKER_OPTIONAL)
    if f is None:
        return None
    speaker_id = r.identifier(f.get("id"), "speaker id")
    name = r.text(f.get("name"), "speaker name")
    kind = r.choice(f["kind"], "speaker kind", SPEAKER_KINDS) if "kind" in f else "speaker"
    speaker = Speaker(
        id=speaker_id or "",
        name=name or "",
        honorific=r.text(f.get("honorific"), "speaker honorific", optional=True),
        role=r.text(f.get("role"), "speaker role", optional=True),
        organisation=r.text(f.get("organisation"), "speaker organisation", optional=True),
        event_roles=r.texts(f.get("event_role"), "speaker event_role", EVENT_ROLES),
        kind=kind or "speaker",
        aliases=r.texts(f.get("aliases"), "speaker aliases"),
        bio=r.text(f.get("bio"), "speaker bio", optional=True),
    )
    return speaker if speaker_id and name and kind else None


def _read_section(r: _Reader, node: Node) -> Section | None:
    f = r.fields(node, "section", ("id", "number", "title", "kind"), ("description",))
    if f is None:
        return None
    section_id = r.identifier(f.get("id"), "section id")
    number = r.number(f.get("number"), "section number")
    title = r.text(f.get("title"), "section title")
    kind = r.choice(f.get("kind"), "section kind", SECTION_KINDS)
    description = r.text(f.get("description"), "section description", optional=True)
    if section_id is None or number is None or title is None or kind is None:
        return None
    return Section(section_id, number, title, kind, description)


def _unique(r: _Reader, pairs: Iterable[tuple[str, Node]], what: str) -> None:
    first: dict[str, Node] = {}
    for value, node in pairs:
        if value in first:
            line = first[value].start_mark.line + 1
            r.fail(
                node,
                f"duplicate {what} '{value}' (first on line {line}); each must be unique",
            )
        else:
            first[value] = node


def _id_node(node: Node) -> Node:
    """The node of a record's id, to point at; the record itself if it has none."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id":
                return value  # type: ignore[no-any-return]
    return node


def _reference(r: _Reader, node: Node, value: str, what: str, known: Mapping[str, object]) -> bool:
    if value in known:
        return True
    if not known:
        r.fail(node, f"unknown {what} '{value}'; the file declares no {what}s")
    else:
        r.fail(node, _unknown(f"{what} '{value}'", value, list(known)[:12]))
    return False


_REMARK_REQUIRED = ("id", "section", "speaker", "text")
_REMARK_OPTIONAL = ("reply_to", "topics")


def _read_remarks(
    r: _Reader,
    nodes: list[Node],
    speakers: Mapping[str, object],
    sections: Mapping[str, object],
) -> list[Remark]:
    remarks: list[Remark] = []
    positions: dict[str, int] = {}  # remark id -> index in `nodes`
    for index, node in enumerate(nodes):
        f = r.fields(node, "remark", _REMARK_REQUIRED, _REMARK_OPTIONAL)
        if f is None:
            continue
        remark_id = r.identifier(f.get("id"), "remark id")
        section = r.text(f.get("section"), "remark section")
        speaker = r.text(f.get("speaker"), "remark speaker")
        text = r.text(f.get("text"), "remark text")
        reply_to = r.text(f.get("reply_to"), "remark reply_to", optional=True)
        topics = r.texts(f.get("topics"), "remark topics")
        ok = None not in (remark_id, section, speaker, text)
        if section is not None:
            ok = _reference(r, f["section"], section, "section", sections) and ok
        if speaker is not None:
            ok = _reference(r, f["speaker"], speaker, "speaker", speakers) and ok
        if remark_id is not None and remark_id in positions:
            line = nodes[positions[remark_id]].start_mark.line + 1
            r.fail(
                f["id"],
                f"duplicate remark id '{remark_id}' (first on line {line}); each must be unique",
            )
            ok = False
        if reply_to is not None:
            earlier = positions.get(reply_to)
            if reply_to == remark_id:
                r.fail(
                    f["reply_to"],
                    f"remark '{remark_id}' replies to itself; reply_to names the remark it answers",
                )
                ok = False
            elif earlier is None:
                later = any(_id_value(n) == reply_to for n in nodes[index + 1 :])
                r.fail(
                    f["reply_to"],
                    f"reply_to '{reply_to}' names a later remark; a reply must come after the remark it answers"
                    if later
                    else f"reply_to '{reply_to}' names no remark in this event",
                )
                ok = False
        if remark_id is not None and remark_id not in positions:
            positions[remark_id] = index
        if ok:
            assert remark_id and section and speaker and text
            remarks.append(Remark(remark_id, section, speaker, text, reply_to, topics, len(remarks)))
    return remarks


def _declared_ids(r: _Reader, node: Node | None) -> dict[str, None]:
    if not isinstance(node, SequenceNode):
        return {}
    ids = (_id_value(item) for item in node.value)
    return {value: None for value in ids if isinstance(value, str)}


def _id_value(node: Node) -> object:
    found = _id_node(node)
    return found.value if found is not node else None


def read_proceedings(name: str, root: Node, text: str | None = None) -> tuple[Proceedings | None, list[Problem]]:
    """Check a composed document against the format and build its records (`text`: for positions)."""
    r = _Reader(name, text)
    top = r.fields(root, "the file", ("schema_version", "event", "speakers", "sections", "remarks"))
    if top is None:
        return None, r.problems
    if "schema_version" in top:
        version = r.number(top["schema_version"], "schema_version")
        if version is not None and version != SCHEMA_VERSION:
            r.fail(
                top["schema_version"],
                f"schema_version {version} is not supported; this Podium reads version {SCHEMA_VERSION}",
            )
    event = _read_event(r, top["event"]) if "event" in top else None

    speakers = [(s, n) for n in r.items(top.get("speakers"), "speakers") if (s := _read_speaker(r, n))]
    _unique(r, ((s.id, _id_node(n)) for s, n in speakers), "speaker id")
    sections = [(c, n) for n in r.items(top.get("sections"), "sections") if (c := _read_section(r, n))]
    _unique(r, ((s.id, _id_node(n)) for s, n in sections), "section id")
    _unique(r, ((str(s.number), n) for s, n in sections), "section number")

    # References are checked against every id the file declares, valid or not,
    # so that one bad speaker does not also flag each of their remarks.
    remarks = _read_remarks(
        r,
        r.items(top.get("remarks"), "remarks"),
        _declared_ids(r, top.get("speakers")),
        _declared_ids(r, top.get("sections")),
    )
    if r.problems or event is None:
        return None, sorted(r.problems, key=lambda p: (p.line or 0, p.column or 0))
    return Proceedings(name, event, tuple(s for s, _ in speakers), tuple(s for s, _ in sections), tuple(remarks)), []


# Told (bytes done, bytes in all) as files are read and parsed.
Progress = Callable[[int, int], None]


def load_file(
    path: Path, cache: Cache | None = None, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """One event file: its proceedings, or every problem found in it.

    With a cache, an unchanged large file is read back from it instead of
    being parsed again; a file that loads is stored for next time.
    """
    source = read_source(path)
    if isinstance(source, Problem):
        return None, [source]
    data, info = source
    sha256 = ""
    if cache is not None and cache.wanted(len(data)):
        from .cache import source_key

        sha256 = source_key(data)
        cached = cache.load(path, info, sha256)
        if cached is not None:
            return cached, []
    text = decode(str(path), data)
    if isinstance(text, Problem):
        return None, [text]
    root = compose(str(path), text, on_read)
    if isinstance(root, Problem):
        return None, [root]
    proceedings, problems = read_proceedings(str(path), root, text)
    if proceedings is not None and cache is not None and sha256:
        cache.store(path, info, sha256, proceedings)
    return proceedings, problems


def load_paths(paths: Iterable[Path], cache: Cache | None = None, progress: Progress | None = None) -> LoadResult:
    """Load several files into one library; a bad file does not stop the good ones."""
    events: list[Proceedings] = []
    problems: list[Problem] = []
    files: list[tuple[str, tuple[Problem, ...]]] = []
    seen: dict[str, str] = {}
    paths = list(paths)
    sizes = [_size(p) for p in paths]
    total, done = sum(sizes), 0
    for path, size in zip(paths, sizes, strict=True):
        on_read = None
        if progress is not None:
            progress(done, total)
            on_read = _reporter(progress, done, size, total)
        proceedings, found = load_file(path, cache, on_read)
        done += size
        if proceedings is not None:
            other = seen.get(proceedings.event.id)
            if other is not None:
                found = [
                    Problem(
                        str(path),
                        f"event id '{proceedings.event.id}' is already used by {other}; give each event its own id",
                    )
                ]
            else:
                seen[proceedings.event.id] = str(path)
                events.append(proceedings)
        problems.extend(found)
        files.append((str(path), tuple(found)))
    if progress is not None:
        progress(total, total)
    return LoadResult(Library(tuple(events)), tuple(problems), tuple(files))


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _reporter(progress: Progress, before: int, size: int, total: int) -> Callable[[float], None]:
    return lambda fraction: progress(before + int(fraction * size), total)
