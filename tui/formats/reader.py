"""What every format reader is: a name, its file suffixes, a sniff of its content, and a read.

Each reader module in this package ends with one `FORMAT = Format(...)`; `open` lists
them and picks one by suffix and content, so nothing above this package names a format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.model import Proceedings
from .source import Problem

# (the file's name for messages, its bytes, told the fraction parsed) -> the event, or every problem found
Read = Callable[[str, bytes, Callable[[float], None] | None], tuple[Proceedings | None, list[Problem]]]

SNIFF_BYTES = 65_536  # how much of a file a sniff is shown


@dataclass(frozen=True, slots=True)
class Format:
    name: str  # as a user knows it: "WebVTT transcript"
    suffixes: tuple[str, ...]  # lower case, with the dot: (".vtt",)
    sniff: Callable[[bytes], bool]  # is the start of this file (up to SNIFF_BYTES) in this format?
    read: Read
    # A file with one of these suffixes is taken as this format without a sniff
    # (.yaml, .vtt); a shared suffix (.xml, .json, .md, .txt) must pass the sniff.
    suffix_is_enough: bool = False
    # What a file of this format holds, for the message when it gives no remarks and no talks
    # ("talks found: each an <event> in a <day>"); a file that gives nothing is a problem, never OK.
    expects: str = ""
    # What else a file's reading depends on, as a text that changes when that does (a TEI sitting:
    # its corpus's person lists): the library index reads the file again when it changes.
    context: Callable[[str], str] | None = None

    def describe(self) -> str:
        return f"{self.name} ({', '.join(self.suffixes)})"

    def nothing_found(self, name: str, proceedings: Proceedings) -> Problem | None:
        """The problem of a file that reads as this format and yet gives no remark and no talk."""
        if proceedings.remarks or proceedings.sections:
            return None
        expected = self.expects or f"remarks or talks found: this {self.name} holds neither, so it has nothing to show"
        return Problem(name, f"no {expected}")
