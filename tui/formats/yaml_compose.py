"""YAML to a node graph with PyYAML's safe machinery, guarded against deep nesting and huge graphs.

Only nodes are composed, never objects: no tag in a file can construct anything.
The nodes keep the parser's marks, so a reader can place every problem.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import yaml
from yaml.composer import Composer, ComposerError
from yaml.events import AliasEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import Node, ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .source import Problem

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
        line, column = position_of(mark, text)
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


_YAML_ONLY_BREAKS = ("\u2028", "\u2029", "\x85")


def position_of(mark: yaml.Mark, text: str | None) -> tuple[int, int]:
    """1-based line and column of a mark, as an editor counts them.

    YAML 1.1 also breaks lines at U+2028, U+2029 and U+0085, which editors do
    not; only when the text has one is the position recounted from the mark's
    character index.
    """
    if text is None or not any(b in text for b in _YAML_ONLY_BREAKS):
        return mark.line + 1, mark.column + 1
    index = max(0, min(mark.index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1
