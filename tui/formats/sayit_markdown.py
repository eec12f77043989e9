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
else answers the question. HTML entities are decoded and Markdown links `[text](url)` read
"text (url)"; other Markdown is kept as written. Text before the first speech is the event's
summary. The date comes from the title, else from the file's name; the title, without its
date, from the first `#` heading, else the file's name. Not kept: stage notes (a quotation
wholly in parentheses), empty speeches, HTML comments.
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

_SPEAKER = re.compile(r"###[ \t]+(\S[^\n]*?)[ \t]*[:：][ \t]*$")
_ISO_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\(([^()\s]*)\)")
_STAGE_NOTE = re.compile(r"[(（].*[)）]", re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0]+")


def speaker_heading(line: str) -> str | None:
    """The speaker's name if the line is a speaker heading ("### Name:" or "### 名：")."""
    found = _SPEAKER.fullmatch(line)
    if found is None:
        return None
    name = _SPACES.sub(" ", html.unescape(found.group(1))).strip()
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


def _plain(text: str) -> str:
    """A paragraph's words as plain text: entities decoded, links spelled out, spaces collapsed."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) else m.group(2), text)
    return _SPACES.sub(" ", html.unescape(text)).strip(" ")


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


class _Reader:
    def __init__(self) -> None:
        self.title: str | None = None
        self.summary: list[list[str]] = [[]]
        self.sections: list[_Section] = []
        self.section_ids = IdMaker("section")
        self.speeches: list[_Speech] = []
        self.quote: list[str] | None = None  # the `>` lines being read
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
        """A quotation wholly in parentheses is a stage note; any other is text where it stands."""
        if self.quote is None:
            return
        quoted, self.quote = " ".join(self.quote).strip(), None
        if quoted and not _STAGE_NOTE.fullmatch(quoted):
            self.paragraphs().extend(([quoted], []))

    def line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith(">"):
            self.quote = [] if self.quote is None else self.quote
            self.quote.append(stripped[1:].strip())
            return
        self.end_quote()
        name = speaker_heading(stripped)
        if name is not None:
            self.speeches.append(_Speech(name, self.section(), number))
            self.in_speech = True
            return
        found = heading(stripped)
        if found is not None and found[1]:
            title = _plain(found[1])
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
