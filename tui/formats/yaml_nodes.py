"""Reading a composed YAML node graph against a format, collecting located problems instead of raising.

Types are checked on the nodes themselves (YAML 1.1 implicit types such as `yes`
or `1e3` are refused where text is expected), so every problem has its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .source import Problem
from .yaml_compose import position_of

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
_FLOAT = _TAG + "float"
_SECONDS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,9})?\Z")


# --------------------------------------------------------------------------- nodes


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _STR:
        return "text"
    return _TYPE_NAMES.get(node.tag, f"a value tagged {node.tag}")


class NodeReader:
    """Reads nodes against the format, collecting problems instead of raising."""

    def __init__(self, path: str, text: str | None = None) -> None:
        self.path = path
        self.source_text = text
        self.problems: list[Problem] = []

    def fail(self, node: Node, message: str) -> None:
        line, column = position_of(node.start_mark, self.source_text)
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
                    unknown(f"field '{key}' in {what}", key, [*required, *optional]),
                )
                keys[key] = key_node
            else:
                keys[key] = key_node
                if key in required or not is_null(value_node):
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
            self.fail(node, unknown(f"{what} '{value}'", value, allowed))
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

    def seconds(self, node: Node | None, what: str) -> float | None:
        """A time in seconds: a whole or decimal number, not negative, under a billion."""
        if node is None:
            return None
        if isinstance(node, ScalarNode) and node.tag in (_INT, _FLOAT) and _SECONDS.match(node.value):
            value = float(node.value)
            if value < 1e9:
                return value
        found = f"'{node.value}'" if isinstance(node, ScalarNode) else _describe(node)
        self.fail(node, f"{what} must be a number of seconds like 75 or 75.5, not {found}")
        return None

    def flag(self, node: Node | None, what: str) -> bool:
        if node is None:
            return False
        if isinstance(node, ScalarNode) and node.tag == _BOOL and node.value.lower() in ("true", "false"):
            return bool(node.value.lower() == "true")
        found = f"'{node.value}'" if isinstance(node, ScalarNode) else _describe(node)
        self.fail(node, f"{what} must be true or false, not {found}")
        return False


def unknown(subject: str, value: str, allowed: Iterable[str]) -> str:
    options = list(allowed)
    import difflib  # only when there is a mistake to suggest a fix for

    close = difflib.get_close_matches(value, options, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown {subject}; {hint}expected one of: {', '.join(options)}"
