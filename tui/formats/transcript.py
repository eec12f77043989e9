"""What WebVTT, SRT and Podcasting 2.0 JSON transcripts share: timed pieces become one section of remarks.

A transcript is a recording's words in timed pieces (cues, segments). A piece's speaker
comes from a WebVTT voice span (<v Name>, <v.loud Name>), a "Name:" prefix at the very
start of its first line (Zoom's "Name (Org): text"), or a WhisperX "[SPEAKER_00]:" label;
a piece without one continues the previous speaker ("Unknown speaker" before the first
name). Consecutive pieces by one speaker become one remark, from its first piece's start
to its last piece's end. Markup is stripped, entities decoded, and the rolling lines of
YouTube-style and roll-up captions said once.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from ..core.model import Event, Proceedings, Remark, Section, Speaker
from .ids import IdMaker, event_id_for
from .source import Problem

MAX_PROBLEMS = 100  # a broken export repeats one fault per cue; past this many, one line says how many more
MAX_NAME = 60  # a "Name:" prefix longer than this is a sentence, not a name
MAX_NAME_WORDS = 8
MAX_ROLL = 4  # roll-up captions repeat at most this many lines of the cue before
SECTION_ID = "transcript"

# `[^<>]` stops each tag at the next "<": a line of a million "<v " is still read in linear time.
_TAG = re.compile(r"<[/A-Za-z0-9][^<>]*>")
_RUBY_TEXT = re.compile(r"<rt(?:\.[^<>]*)?>([^<]*)</rt>")  # a reading, kept in parentheses after its base
_ASS_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # SRT's {\an8} positioning codes
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+([^ \t<>][^<>]*)?)?>")
_SPACES = re.compile("[ \t\r\n\u00a0]+")  # white space and no-break spaces; control characters stay data
_SPEAKER_LABEL = re.compile(r"SPEAKER_?[0-9]+")  # WhisperX/pyannote diarization labels
_ISO_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")
_NOT_IN_NAMES = frozenset('?!;"“”<>{}=…')
_NAME_OPENERS = frozenset("-–—*#>•'\"(")
# A one-off "Word:" opening a cue is taken as a name unless its first word is one of these:
# "Note: ...", "So the answer: ..." are sentences. A prefix seen twice or more is a name regardless.
_SENTENCE_OPENERS = """
    a also and answer as at basically because but by edit example finally first for from he her here his how i
    if in it its just like my no note now of ok okay on one or our ps question reason remember result second she
    so step than thanks that the their then there these they this those tip to today update warning we well what
    when where which who why with yeah yes you your
"""
_SENTENCE_WORDS = frozenset(_SENTENCE_OPENERS.split())
_NAME_PARTICLES = "al bin bint da das de del della der di do dos du el la le van von y zu"
_PARTICLES = frozenset(_NAME_PARTICLES.split())


@dataclass(slots=True)
class Cue:
    """One WebVTT or SRT cue as written: its times, raw text lines and the line of its timing."""

    start: float
    end: float
    lines: list[str]
    line: int


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of words by one speaker; `speaker` None continues whoever spoke before."""

    speaker: str | None
    text: str
    start: float
    end: float | None
    share: float = 1.0  # its part of the time from start to end: a cue with two voices splits it by characters

    @property
    def spoken(self) -> float:
        return 0.0 if self.end is None else max(0.0, self.end - self.start) * self.share


def limited(name: str, problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem(name, f"{more} more problems like these are not shown")]


def clock(seconds: float, comma: bool = False) -> str:
    """Seconds as a timestamp, hh:mm:ss.ttt (SRT: a comma before the milliseconds)."""
    millis = round(seconds * 1000)
    mark = "," if comma else "."
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}{mark}{millis % 1000:03d}"


def collapse(text: str) -> str:
    """Runs of white space as one space; the regex only runs where there is a run to collapse (10x faster)."""
    if "  " in text or "\t" in text or "\n" in text or "\r" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    return text.strip(" ")


def clean_line(line: str, srt: bool = False) -> str:
    """One line of cue text as plain text: tags and inline timestamps gone, entities decoded."""
    if "<" in line:
        if "<rt" in line:
            line = _RUBY_TEXT.sub(r"(\1)", line)
        line = _TAG.sub("", line)
    if srt and "{\\" in line:
        line = _ASS_OVERRIDE.sub("", line)
    if "&" in line:  # after the tags: "&lt;b&gt;" is text, not a tag
        line = html.unescape(line)
    return collapse(line)


def join_text(parts: Iterable[str]) -> str:
    """Words and phrases joined by spaces, with no space before a piece that is only punctuation."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and any(ch.isalnum() for ch in part):
            out.append(" ")
        out.append(part)
    return "".join(out)


def _plausible_name(name: str) -> bool:
    return (
        0 < len(name) <= MAX_NAME
        and name.count(" ") < MAX_NAME_WORDS
        and name[0] not in _NAME_OPENERS
        and _NOT_IN_NAMES.isdisjoint(name)
    )


def name_prefix(line: str) -> tuple[str, str, bool] | None:
    """(name, the rest of the line, sure) when a cleaned line opens with a speaker's name.

    Sure: a bracketed label ("[SPEAKER_00]:"), always a name; otherwise "Name:" or
    "Name：" followed by a space or the line's end, which `is_name` still weighs.
    """
    if line.startswith("["):
        close = line.find("]", 1, MAX_NAME + 2)
        if close < 2:
            return None
        label, after = line[1:close].strip(" "), line[close + 1 :]
        if after.startswith(":"):
            after = after[1:]
        elif not (_SPEAKER_LABEL.fullmatch(label) and after[:1] in ("", " ")):
            return None  # "[Music] ..." is what was heard, not who spoke
        return (label, after.strip(" "), True) if _plausible_name(label) else None
    colon = line.find(":", 0, MAX_NAME + 1)
    wide = line.find("：", 0, MAX_NAME + 1)  # CJK transcripts' full-width colon, no space after it
    if wide > 0 and (colon < 0 or wide < colon):
        colon, after = wide, line[wide + 1 :]
    elif colon > 0 and line[colon + 1 : colon + 2] in ("", " "):
        after = line[colon + 1 :]
    else:
        return None
    name = line[:colon].rstrip(" ")
    return (name, after.lstrip(" "), False) if _plausible_name(name) else None


def is_name(name: str, sure: bool, times_seen: int) -> bool:
    """Is a prefix a speaker's name? A label, a prefix used twice, or one written as a name is.

    Written as a name: no word in lower case but particles ("Fabio Di Fabio", "Ann van
    Dijk (ACME)", "唐鳳"), and not opening with a word that opens sentences ("Note: ...").
    """
    if sure or times_seen >= 2:
        return True
    words = name.split(" ")
    if not name[0].isalpha() or any(w[:1].islower() and w not in _PARTICLES for w in words):
        return False  # "so the point: ...", "Here's the thing: ..."
    return words[0].rstrip(".,").casefold() not in _SENTENCE_WORDS


# (a voice span's name, starting a new speaker's part; None: none here) and a line's cleaned text
Entry = tuple[str | None, str]


def _entries(lines: Sequence[str], srt: bool) -> list[Entry]:
    """A cue's cleaned lines; a voice span splits its line and names who says what follows."""
    out: list[Entry] = []
    for raw in lines:
        if "<v" not in raw:
            text = clean_line(raw, srt)
            if text:
                out.append((None, text))
            continue
        position, voice = 0, None
        for found in _VOICE.finditer(raw):
            text = clean_line(raw[position : found.start()], srt)
            if text or voice is not None:
                out.append((voice, text))
            voice, position = collapse(html.unescape(found.group(1) or "")) or None, found.end()
        text = clean_line(raw[position:], srt)
        if text or voice is not None:
            out.append((voice, text))
    return out


def _rolled(previous: list[str], texts: list[str], rolling: bool) -> int:
    """How many of a cue's first lines repeat the last lines of the cue before (roll-up captions).

    A cue that is nothing but a repeat is dropped only in a rolling file (one with
    YouTube's inline timestamps): elsewhere two cues can truly say the same "Yes.".
    """
    for k in range(min(len(previous), len(texts), MAX_ROLL), 0, -1):
        if (k < len(texts) or rolling) and texts[:k] == previous[-k:]:
            return k
    return 0


def _drop(entries: list[Entry], count: int) -> list[Entry]:
    """The entries without their first `count` texts; a voice among them still names the speaker."""
    kept: list[Entry] = []
    for voice, text in entries:
        if count and text:
            count -= 1
            if voice is not None:
                kept.append((voice, ""))
        else:
            kept.append((voice, text))
    return kept


def pieces_from_cues(cues: Sequence[Cue], srt: bool = False, rolling: bool = False) -> list[Piece]:
    """Each cue's speakers and plain text, with rolling repeats said once and name prefixes taken off."""
    contents: list[tuple[list[Entry], tuple[str, str, bool] | None]] = []
    seen: dict[str, int] = {}  # each prefix, how many cues it opens (a name repeats; "Note:" rarely does)
    previous: list[str] = []
    for cue in cues:
        entries = _entries(cue.lines, srt)
        texts = [text for _, text in entries if text]
        drop = _rolled(previous, texts, rolling)
        previous = texts
        if drop:
            entries = _drop(entries, drop)
        prefix = None
        if entries and entries[0][0] is None and all(voice is None for voice, _ in entries):
            prefix = name_prefix(entries[0][1])
            if prefix is not None:
                seen[prefix[0]] = seen.get(prefix[0], 0) + 1
        contents.append((entries, prefix))
    pieces: list[Piece] = []
    for cue, (entries, prefix) in zip(cues, contents, strict=True):
        if prefix is not None and is_name(prefix[0], prefix[2], seen[prefix[0]]):
            entries[0] = (prefix[0], prefix[1])
        speaker: str | None = None
        words: list[str] = []
        voiced: list[tuple[str | None, str]] = []
        for index, (voice, text) in enumerate(entries):
            if voice is not None and index:
                voiced.append((speaker, join_text(words)))
                words = []
            if voice is not None:
                speaker = voice
            words.append(text)
        voiced.append((speaker, join_text(words)))
        characters = sum(len(text) for _, text in voiced)
        for who, text in voiced:
            share = len(text) / characters if characters else 1.0 / len(voiced)
            pieces.append(Piece(who, text, cue.start, cue.end, share))
    return pieces


def event_for(name: str) -> Event:
    """The event of a transcript: titled by its file's stem, dated when the stem opens with a date."""
    title = PurePath(name).stem or name
    found = _ISO_DATE.match(title)
    return Event(event_id_for(name), title, iso_day(found.group(1)) if found else None)


def iso_day(text: str) -> str | None:
    """A YYYY-MM-DD day found in a name or title, when it is a real day (not 2024-02-30)."""
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def build(name: str, pieces: Iterable[Piece], origin: str, empty: str) -> tuple[Proceedings | None, list[Problem]]:
    """One section of remarks: consecutive pieces by one speaker merged; `empty` the problem when none has words."""
    ids = IdMaker("speaker")
    speakers: dict[str, Speaker] = {}
    remarks: list[Remark] = []
    run_key: str | None = None  # "=Name", or "?" before the first name
    texts: list[str] = []
    start: float = 0.0
    end: float | None = None
    spoken = 0.0  # the sum of the run's piece durations

    def flush() -> None:
        text = join_text(texts)
        if run_key is None or not text:
            return
        speaker = speakers.get(run_key)
        if speaker is None:
            if run_key == "?":
                speaker = Speaker(ids(run_key, "unknown"), "Unknown speaker")
            else:
                speaker = Speaker(ids(run_key, run_key[1:]), run_key[1:])
            speakers[run_key] = speaker
        n = len(remarks)
        paused = end is not None and spoken < end - start - 1e-6
        remarks.append(
            Remark(
                f"r{n + 1}",
                SECTION_ID,
                speaker.id,
                text,
                position=n,
                start=start,
                end=end,
                spoken=round(spoken, 3) if paused else None,
            )
        )

    for piece in pieces:
        key = (run_key or "?") if piece.speaker is None else "=" + piece.speaker
        if key != run_key:
            flush()
            run_key, texts, start, spoken = key, [], piece.start, 0.0
        texts.append(piece.text)
        end = piece.end
        spoken += piece.spoken
    flush()
    if not remarks:
        return None, [Problem(name, empty)]
    section = Section(SECTION_ID, 1, "Transcript", "transcript")
    return Proceedings(name, event_for(name), tuple(speakers.values()), (section,), tuple(remarks), origin=origin), []
