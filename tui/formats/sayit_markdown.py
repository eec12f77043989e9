"""SayIt Markdown transcripts (.md): the archive format of SayIt sites and of Audrey Tang's transcripts.

    # 2016-11-04 Meeting with David Plouffe     the event: its date, then its title
    > (doorbell)                                 a stage note: not a remark
    ### Audrey Tang:                             a speech by Audrey Tang (also "### 唐鳳：")
    Hello.                                       its paragraphs, up to the next heading
    ## Questions from the floor                  a section: a heading that is not a speaker's

Each speaker heading starts one remark: SayIt keeps a speaker's consecutive speeches apart,
and so does Podium. A speech's paragraphs are joined by line breaks, the lines of one
paragraph by a space; a quotation in it (`> text`) stays its text. An anonymous questioner
(`### 問：`, `### Q:`) is one audience speaker, "Audience", and the next speech by anyone
else answers the question. HTML entities and backslash escapes (`\\[laughs\\]`) are decoded,
Markdown links `[text](url)` and HTML links `<a href="url">text</a>` read "text (url)",
autolinks `<url>` the url, other HTML tags go and their text stays (a block's tag, `<br>`,
`<p>`, ends a line); code spans and other Markdown are kept as written. Text before the
first speech is the event's summary. The date comes from the title, else from the file's
name; the title, without its date, from the first `#` heading, else the file's name. Not
kept: stage notes (a quotation wholly in parentheses, "(applause)", over one paragraph or
several, even with blank lines between its `>` paragraphs), empty speeches, HTML comments.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from ..core.model import Event, Proceedings, Remark, Section, Speaker
from .ids import IdMaker, event_id_for
from .reader import Format
from .source import Problem, decode
from .transcript import iso_day

NAME = "SayIt Markdown transcript"
AUDIENCE = "Audience"
QUESTIONERS = frozenset({"問", "问", "Q", "Ｑ", "Question", "提問", "提问"})
MAX_NAME = 100  # a longer "### …:" heading is a sentence, not a speaker

_ISO_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")
# What a paragraph's markup can be, read left to right in one pass; every part is bounded by a
# character class, so no line makes the pass slower than linear.
_INLINE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"  # a backslash escape: CommonMark's ASCII punctuation
    r"|(?P<code>`[^`\n]*`)"  # a code span: kept as written
    # a Markdown link or image: its url bare (with one level of parentheses) or in <>, a title left out
    # (possessive blanks: a blank given back to one quantifier is never re-read by another)
    r"|!?\[(?P<label>[^\[\]\n]*)\]\([ \t]*+(?:<(?P<bracketed>[^<>\n]*)>|(?P<url>(?:[^()\s]|\([^()\s]*\))*+))"
    r"(?:[ \t]++(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?+[ \t]*+\)"
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>"  # an autolink
    r"|<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attributes>(?:[\s/][^<>]*)?)>"  # an HTML tag
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# HTML elements that end a line of text where they stand (their tags are not inside words).
_BLOCK_NAMES = (
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table tbody td tfoot th thead tr ul"
)
_BLOCK_TAGS = frozenset(_BLOCK_NAMES.split())
_SPACES = re.compile(r"[ \t\u00a0]+")
_LINE_BREAKS = re.compile(r" ?\n[ \n]*")
_OPENING, _CLOSING = "(（", ")）"


def speaker_heading(line: str) -> str | None:
    """The speaker's name if the line is a speaker heading ("### Name:" or "### 名："): up to its last colon.

    Read with string methods, not a pattern: "### A" and 40,000 spaces made one backtrack for 27 s.
    """
    if not line.startswith("###") or line[3:4] not in (" ", "\t") or "\n" in line:
        return None
    said = line[3:].strip(" \t")
    if not said.endswith((":", "：")):
        return None
    written = said[:-1].rstrip(" \t")
    if not written:
        return None
    name = _plain(written).replace("\n", " ")  # "### Mary O&#39;Neil:", "### <b>Ann</b> \\[host\\]:"
    return name if name and len(name) <= MAX_NAME else None


def heading(line: str) -> tuple[int, str] | None:
    """A Markdown heading's level and text ("## Title ##" -> (2, "Title")); None for other lines."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or line[level : level + 1] not in (" ", "\t"):
        return None
    text = line[level:].strip(" \t")
    closed = text.rstrip("#")  # an optional closing run of #, after a space
    return level, (closed.strip(" \t") if closed.endswith((" ", "\t")) or not closed else text)


def without_comments(text: str) -> str:
    """HTML comments removed, their line breaks kept so that line numbers stay right (linear, unlike a regex)."""
    kept: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        kept += (text[at:start], "\n" * text.count("\n", start, end))
        at = end + 3
    kept.append(text[at:])
    return "".join(kept)


def sniff(head: bytes) -> bool:
    """At least one SayIt speaker heading near the start: other Markdown (a README) is not an event."""
    text = head.decode("utf-8", "replace")
    return any(speaker_heading(line.rstrip("\r")) for line in text.split("\n"))


@dataclass(slots=True)
class _Speech:
    speaker: str
    section: str
    line: int
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])


def _link(text: str, url: str) -> str:
    return f"{text} ({url})" if text.strip() else url


class _Inline:
    """One paragraph's markup read in one pass: escapes and entities decoded, links spelled out
    "text (url)", HTML tags gone (their text kept; a block's tag a line break), code spans as written."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.spoken = 0  # how many pieces with words are in `out`: whether a link's text is empty
        self.links: list[tuple[str, int]] = []  # the open <a href>s: url, `spoken` at the opening

    def add(self, piece: str) -> None:
        if piece:
            self.out.append(piece)
            self.spoken += not piece.isspace()

    def read(self, text: str) -> str:
        at = 0
        for found in _INLINE.finditer(text):
            self.add(text[at : found.start()])
            at = found.end()
            kind = found.lastgroup
            if kind in ("escaped", "code", "auto"):
                self.add(found.group(kind))
            elif kind in ("label", "url", "bracketed"):
                written = found.group("url") if found.group("bracketed") is None else found.group("bracketed")
                url = html.unescape(_ESCAPE.sub(r"\1", written))
                self.add(_link(_Inline().read(found.group("label")), url))
            elif kind == "entity":
                self.add(html.unescape(found.group(kind)))
            else:
                self.tag(found)
        self.add(text[at:])
        while self.links:  # an <a> never closed: its url still said
            self.end_link()
        return "".join(self.out)

    def tag(self, found: re.Match[str]) -> None:
        name = found.group("tag").lower()
        if name != "a":
            self.add("\n" if name in _BLOCK_TAGS else "")
        elif not found.group("close"):
            href = _HREF.search(found.group("attributes"))
            if href is not None:
                url = next(g for g in href.groups() if g is not None)
                self.links.append((html.unescape(url.strip()), self.spoken))
        elif self.links:
            self.end_link()

    def end_link(self) -> None:
        url, spoken = self.links.pop()
        self.add(f" ({url})" if self.spoken > spoken else url)


def _plain(text: str) -> str:
    """A paragraph's words as plain text: its markup read, spaces collapsed, lines kept."""
    text = _SPACES.sub(" ", _Inline().read(text))
    return _LINE_BREAKS.sub("\n", text).strip(" \n")


def _text(paragraphs: list[list[str]]) -> str:
    return "\n".join(p for p in (_plain(" ".join(lines)) for lines in paragraphs) if p)


def _date(title: str, name: str) -> tuple[str | None, str]:
    """The date a title (or the file's name) opens with, and the title without it."""
    for source, strip in ((title, True), (PurePath(name).name, False)):
        found = _ISO_DATE.match(source)
        day = iso_day(found.group(1)) if found else None
        if found is None or day is None:
            continue
        return day, (source[found.end() :].strip(" -–—:") or title) if strip else title
    return None, title


@dataclass(slots=True)
class _Section:
    id: str
    title: str
    notes: list[list[str]] = field(default_factory=lambda: [[]])  # text under the heading, before a speech


class _Quote:
    """The `>` lines of one quotation, read as they come, and whether it is a stage note: text
    wholly in parentheses, "(applause)", "(laughter) (applause)", or one note over several
    paragraphs. Each character is looked at once, however long the quotation grows."""

    def __init__(self) -> None:
        self.paragraphs: list[list[str]] = [[]]
        self.depth = 0  # parentheses open
        self.note = True  # so far nothing but parenthesised text
        self.seen = False  # any text at all

    def add(self, text: str) -> None:
        if not text:
            if self.paragraphs[-1]:
                self.paragraphs.append([])
            return
        self.paragraphs[-1].append(text)
        self.seen = True
        for char in text if self.note else ():
            if char in _OPENING:
                self.depth += 1
            elif self.depth == 0 and not char.isspace():
                self.note = False  # text outside parentheses
                break
            elif char in _CLOSING:
                self.depth -= 1

    @property
    def open(self) -> bool:
        """A stage note begun and not yet closed: a blank line does not end it."""
        return self.note and self.depth > 0

    @property
    def is_note(self) -> bool:
        return self.seen and self.note and self.depth == 0


class _Reader:
    def __init__(self) -> None:
        self.title: str | None = None
        self.summary: list[list[str]] = [[]]
        self.sections: list[_Section] = []
        self.section_ids = IdMaker("section")
        self.speeches: list[_Speech] = []
        self.quote: _Quote | None = None  # the `>` lines being read
        self.gap = False  # a blank line inside a stage note not yet closed
        self.in_speech = False

    def paragraphs(self) -> list[list[str]]:
        if self.in_speech:
            return self.speeches[-1].paragraphs
        return self.sections[-1].notes if self.sections else self.summary

    def section(self) -> str:
        if not self.sections:
            self.sections.append(_Section(self.section_ids("\0default", "transcript"), "Transcript"))
        return self.sections[-1].id

    def end_quote(self) -> None:
        """A stage note is left out, with all its paragraphs; any other quotation is text where it stands."""
        quote, self.quote = self.quote, None
        if quote is None:
            return
        paragraphs = self.paragraphs()
        if paragraphs[-1]:
            paragraphs.append([])  # the quotation ends the paragraph before it
        if not quote.is_note:
            paragraphs.extend(p for p in quote.paragraphs if p)
            paragraphs.append([])
        self.gap = False

    def line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith(">"):
            self.quote = _Quote() if self.quote is None else self.quote
            if self.gap:
                self.quote.add("")  # the blank line: a paragraph of the same note
                self.gap = False
            self.quote.add(stripped[1:].strip())
            return
        if not stripped and self.quote is not None and self.quote.open:
            self.gap = True  # "> (applause" / "" / "> continues)": one note; wait for the next line
            return
        self.end_quote()
        name = speaker_heading(stripped)
        if name is not None:
            self.speeches.append(_Speech(name, self.section(), number))
            self.in_speech = True
            return
        found = heading(stripped)
        if found is not None and found[1]:
            title = _plain(found[1]).replace("\n", " ")
            if found[0] == 1 and self.title is None and not self.speeches:
                self.title = title
            else:
                self.sections.append(_Section(self.section_ids(f"{len(self.sections)}/{title}", title), title))
                self.in_speech = False
            return
        paragraphs = self.paragraphs()
        if stripped:
            paragraphs[-1].append(stripped)
        elif paragraphs[-1]:
            paragraphs.append([])

    def build(self, name: str) -> tuple[Proceedings | None, list[Problem]]:
        self.end_quote()
        speaker_ids = IdMaker("speaker")
        speakers: dict[str, Speaker] = {}  # by name; the audience under "\0audience"
        remarks: list[Remark] = []
        question: str | None = None  # the audience question waiting for its answer
        for speech in self.speeches:
            text = _text(speech.paragraphs)
            if not text:
                continue
            asks = speech.speaker in QUESTIONERS
            key = "\0audience" if asks else speech.speaker
            speaker = speakers.get(key)
            if speaker is None:
                readable = "audience" if asks else key
                speaker = Speaker(
                    speaker_ids(key, readable), AUDIENCE if asks else key, kind="audience" if asks else "speaker"
                )
            if asks and speech.speaker not in speaker.aliases:  # the labels it goes by: 問, Q
                speaker = Speaker(speaker.id, AUDIENCE, kind="audience", aliases=(*speaker.aliases, speech.speaker))
            speakers[key] = speaker
            n = len(remarks)
            reply_to = None if asks else question
            remarks.append(Remark(f"r{n + 1}", speech.section, speaker.id, text, reply_to=reply_to, position=n))
            question = remarks[-1].id if asks else None
        if not remarks:
            return None, [
                Problem(name, 'no speeches in this file; a speech is a heading "### Name:" and its text', 1, 1)
            ]
        used = {r.section for r in remarks}
        sections = tuple(
            Section(s.id, number, s.title, "transcript", description=_text(s.notes) or None)
            for number, s in enumerate((s for s in self.sections if s.id in used), start=1)
        )
        date, title = _date(self.title or "", name)
        event = Event(
            event_id_for(name),
            title or PurePath(name).name.split(".", 1)[0] or name,
            date,
            summary=_text(self.summary) or None,
        )
        return Proceedings(name, event, tuple(speakers.values()), sections, tuple(remarks), origin=NAME), []


def read_sayit_markdown(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """A SayIt Markdown file's bytes to its event, or the problem that stops it."""
    text = decode(name, data)
    if isinstance(text, Problem):
        return None, [text]
    text = without_comments(text)
    reader = _Reader()
    for number, line in enumerate(text.split("\n"), start=1):
        reader.line(number, line)
    if on_read is not None:
        on_read(1.0)
    return reader.build(name)


FORMAT = Format(NAME, (".md", ".markdown"), sniff, read_sayit_markdown)
