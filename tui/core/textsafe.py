"""Neutralise data before it reaches a terminal.

Rich and Textual pass ESC and C1 controls straight through to the terminal, so any
text that came from a data file is made inert here: controls become visible
placeholders, and invisible direction/zero-width characters are named.
"""

from __future__ import annotations

import json
import re
from typing import Any

_ZERO_WIDTH_AND_BIDI = (
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/joiners, LRM/RLM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # isolates
    "\ufeff"  # zero-width no-break space (BOM)
    "\u061c\u180e"  # Arabic letter mark, Mongolian vowel separator
    "\u2028\u2029"  # line and paragraph separators
    "\u206a-\u206f"  # deprecated format characters (shaping and digit controls)
    "\ufff9-\ufffb"  # interlinear annotation marks
    "\U000e0000-\U000e007f"  # tag characters: invisible ASCII, used to hide text in plain sight
)
# A lone surrogate: no character, and no UTF-8 for it (a JSON "\ud800" escape makes one; the
# JSON readers replace it, this is the last guard), so printing it fails.
_SURROGATES = "\ud800-\udfff"
# C0 (except tab and newline), DEL, C1, the invisible characters above, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _ZERO_WIDTH_AND_BIDI + _SURROGATES + "]")
_UNSAFE_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f" + _ZERO_WIDTH_AND_BIDI + _SURROGATES + "]")


def _placeholder(match: re.Match[str]) -> str:
    """One visible character for one unsafe one, so offsets into the text stay valid."""
    code = ord(match.group())
    if code in (0x09, 0x0A):
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ESC -> ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # C1 control (U+0080..U+009F, incl. CSI U+009B), or a lone surrogate -> �
    return "\u25cc"  # invisible bidi/zero-width character -> ◌


def safe_text(text: str) -> str:
    """Text with every control and invisible character made visible; keeps newlines.

    Length-preserving: each unsafe character becomes exactly one visible one
    (tabs become a space), so match spans found in the original still apply.
    """
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE.sub(_placeholder, text).replace("\t", " ")


def safe_line(text: str) -> str:
    """Like safe_text, for one line: newlines and tabs become spaces."""
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE_OR_NEWLINE.sub(_placeholder, text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f" + _ZERO_WIDTH_AND_BIDI + _SURROGATES + "]")


def safe_json(value: Any, *, indent: int | None = 2) -> str:
    """JSON that keeps the original text, with every control escaped as \\uXXXX.

    json.dumps escapes C0 itself; C1, DEL and the invisible characters it would
    write raw, so they are escaped here (still valid JSON, same decoded text).
    """
    return escape_invisible(json.dumps(value, ensure_ascii=False, indent=indent))


def escape_invisible(json_text: str) -> str:
    """JSON text with C1, DEL and the invisible characters escaped as \\uXXXX (JSON allows them raw)."""
    if json_text.isascii() and "\x7f" not in json_text:  # both in C, without a pass of the pattern
        return json_text
    return _JSON_UNSAFE.sub(_json_escape, json_text)


# What a table (CSV, TSV) escapes: what JSON escapes, but tab and newline, which the table's
# quoting holds as they are. A carriage return is escaped too: inside a quoted cell printed to a
# terminal it would send the cursor back over the line, and no reader's text needs one raw.
_TABLE_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f" + _ZERO_WIDTH_AND_BIDI + _SURROGATES + "]"
# A backslash that would read back as an escape: escaped too, so that every text reads back as it was.
_TABLE_ESCAPED = re.compile(_TABLE_UNSAFE + r"|\\(?=u[0-9a-fA-F]{4})")
_TABLE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def table_cell(text: str) -> str:
    """A table cell that keeps the text, with every control and invisible character written as JSON writes it.

    ESC becomes the six characters `\\u001b`, as in `-f json`; a backslash already followed by
    `u` and four hex digits becomes `\\u005c`, so that `table_text` gives back every text exactly.
    Text without either (nearly all) is written as it is.
    """
    if text.isprintable() and "\\" not in text:  # in C, without a pass of the pattern
        return text
    return _TABLE_ESCAPED.sub(_json_escape, text)


def table_text(cell: str) -> str:
    """The text a table cell was made from: each `\\uXXXX` read back (what `table_cell` undoes), a pair
    of surrogates as the one character they write; a lone one stays as it was."""
    text = _TABLE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), cell)
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _json_escape(match: re.Match[str]) -> str:
    """A character as JSON escapes it: `\\u001b`; past U+FFFF, as its two UTF-16 surrogates."""
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
