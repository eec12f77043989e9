"""What WebVTT, SRT and Podcasting 2.0 JSON transcripts share: timed pieces become one section of remarks.

A transcript is a recording's words in timed pieces (cues, segments). A piece's speaker
comes from a WebVTT voice span (<v Name>, <v.loud Name>), Zoom's cue identifier
(`12 "Name" (16778240)`, an empty "" naming no one), a "Name:" prefix at the very start of
its first line (Zoom's older "Name (Org): text"), or a WhisperX "[SPEAKER_00]:" label.

A piece without a label means one of two things, and the file tells which. Some producers
(Buzzsprout) write a name only where the speaker changes: there an unlabelled piece
continues the speaker before. Others label every piece (Zoom, Teams, WhisperX): there an
unlabelled piece is one they could not attribute (WhisperX leaves one unlabelled when
diarisation fails), so it is an "Unknown speaker"'s turn of its own, not the previous
speaker's, however short the gap; only a piece inside one speaker's turn (theirs on both
sides, at most 2 s away) stays theirs: a word missed mid-sentence. A file labels every
piece when its labels are WhisperX's or Zoom's identifiers, or when most labels repeat
the label before them (a change-only producer never repeats one). Before the first
label, pieces are the "Unknown speaker"'s either way.

Caption dialogue dashes: a line that opens with a hyphen or en dash and then its words
(`- Hi, everyone.`, `-Hello.`, `– Hej.`), or with the broadcast marker `>>`, starts a new
turn there, by an unknown speaker unless a name follows the dash (`- ANN: Hi.`). This
reads both conventions: a dash before each speaker's line, and a dash before the second
speaker's line only (the lines before it continue whoever spoke); a line without a dash
after a dashed one is that line's wrap. A dash inside a line, "--", an em dash (an
interruption: "—and then") and a hyphen before a digit ("-5 degrees") are text.

Consecutive pieces by one speaker become one remark, from its first piece's start to its
last piece's end; two dialogue turns by unknown speakers stay two remarks. Markup is
stripped, entities decoded, and the rolling lines of YouTube-style and roll-up captions
said once.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from ..core.model import Event, Proceedings, Remark, Section, Speaker
from .ids import IdMaker, event_id_for
from .recording_names import cloud_day, folder_event
from .source import Problem

MAX_PROBLEMS = 100  # a broken export repeats one fault per cue; past this many, one line says how many more
MAX_NAME = 60  # a "Name:" prefix longer than this is a sentence, not a name
MAX_NAME_WORDS = 8
MAX_PAUSE_IN_TURN = 2.0  # seconds: an unlabelled piece this close to one speaker on both sides is theirs
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
# A caption's change of speaker: a hyphen (or en dash) and the line's words, or the broadcast ">>".
_DIALOGUE_DASH = re.compile(r"(?:[-\u2010\u2013](?![0-9])[ \t]?|>>>?[ \t]*)(?=[^\s\-\u2010\u2013>])")
UNKNOWN = ""  # a piece's speaker when the file says someone spoke but not who
_NAME_PARTICLES = "al bin bint da das de del della der di do dos du el la le van von y zu"
_PARTICLES = frozenset(_NAME_PARTICLES.split())


@dataclass(slots=True)
class Cue:
    """One WebVTT or SRT cue as written: its times, raw text lines and the line of its timing."""

    start: float
    end: float
    lines: list[str]
    line: int
    speaker: str | None = None  # named by the cue's identifier (Zoom's `12 "Name" (16778240)`); "" no one


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of words by one speaker; `speaker` None: unlabelled, UNKNOWN: someone the file does not name."""

    speaker: str | None
    text: str
    start: float
    end: float | None
    share: float = 1.0  # its part of the time from start to end: a cue with two voices splits it by characters
    turn: bool = False  # starts a new remark even by the same (unknown) speaker: a caption's dialogue dash

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


# A cue's part: (who says it: a voice span's name, UNKNOWN after a dialogue dash, None unlabelled;
# its text; whether it starts a new turn)
Part = tuple[str | None, str, bool]


def _dialogue(entries: list[Entry]) -> list[Part]:
    """A cue's entries with its dialogue dashes taken off, each dashed line a turn of an unknown speaker.

    In a cue with voice spans the spans say who speaks: a dash there is the speaker's text.
    """
    if any(voice is not None for voice, _ in entries):
        return [(voice, text, False) for voice, text in entries]
    parts: list[Part] = []
    for voice, text in entries:
        dash = _DIALOGUE_DASH.match(text)  # each entry of an unvoiced cue opens its line
        if dash is None:
            parts.append((voice, text, False))
        else:
            parts.append((UNKNOWN, text[dash.end() :], True))
    return parts


def _named(part: Part, allowed: str | None, seen: dict[str, int]) -> tuple[str, str, bool] | None:
    """A name prefix opening an unlabelled part or a dialogue turn (only `allowed` when the cue names one)."""
    voice, text, turn = part
    if not (voice is None or turn):
        return None
    prefix = name_prefix(text)
    if prefix is None or (allowed is not None and prefix[0] != allowed):
        return None
    seen[prefix[0]] = seen.get(prefix[0], 0) + 1
    return prefix


def labels_every_piece(labels: Sequence[str | None]) -> bool:
    """Whether a file labels every piece it can attribute, from its pieces' labels (None: unlabelled).

    A producer that labels only where the speaker changes never writes the same name
    twice in a row; one that labels every piece repeats a name through each turn.
    """
    named = [label for label in labels if label is not None]
    pairs = len(named) - 1
    repeats = sum(a == b for a, b in itertools.pairwise(named))
    return pairs > 0 and repeats * 2 > pairs


def _inside_a_turn(pieces: Sequence[Piece], first: int, last: int) -> bool:
    """Whether unlabelled pieces first..last sit inside one speaker's turn: that speaker on both sides, no pause."""
    if first == 0 or last + 1 >= len(pieces):
        return False
    before, after = pieces[first - 1], pieces[last + 1]
    if before.speaker in (None, UNKNOWN) or before.speaker != after.speaker or after.turn:
        return False
    said_before = before.start if before.end is None else before.end
    last_end = pieces[last].end
    said_last = pieces[last].start if last_end is None else last_end
    return pieces[first].start - said_before <= MAX_PAUSE_IN_TURN and after.start - said_last <= MAX_PAUSE_IN_TURN


def settle(pieces: list[Piece], labels: Sequence[str | None], sure: bool = False) -> list[Piece]:
    """The pieces, an unlabelled one an unknown speaker's in a file that labels every piece (see above).

    Only a piece inside one speaker's turn (theirs before and after it, without a pause) stays
    theirs: a word a diarizer missed mid-sentence.
    """
    if not (sure or labels_every_piece(labels)):
        return pieces
    settled = list(pieces)
    index = 0
    while index < len(settled):
        if settled[index].speaker is not None:
            index += 1
            continue
        last = index
        while last + 1 < len(settled) and settled[last + 1].speaker is None:
            last += 1
        if not _inside_a_turn(settled, index, last):
            for at in range(index, last + 1):
                settled[at] = dataclasses.replace(settled[at], speaker=UNKNOWN)
        index = last + 1
    return settled


def pieces_from_cues(cues: Sequence[Cue], srt: bool = False, rolling: bool = False) -> list[Piece]:
    """Each cue's speakers and plain text, with rolling repeats said once and name prefixes taken off."""
    contents: list[tuple[list[Part], dict[int, tuple[str, str, bool]]]] = []
    seen: dict[str, int] = {}  # each prefix, how many cues it opens (a name repeats; "Note:" rarely does)
    previous: list[str] = []
    sure = False  # a label only a labelling producer writes: WhisperX's, Zoom's identifiers
    for cue in cues:
        entries = _entries(cue.lines, srt)
        texts = [text for _, text in entries if text]
        drop = _rolled(previous, texts, rolling)
        previous = texts
        if drop:
            entries = _drop(entries, drop)
        parts = _dialogue(entries)
        prefixes: dict[int, tuple[str, str, bool]] = {}
        voiced = any(voice is not None and not turn for voice, _, turn in parts)
        for index, part in enumerate(parts):
            if (index == 0 and not voiced) or part[2]:
                prefix = _named(part, cue.speaker, seen)
                if prefix is not None:
                    prefixes[index] = prefix
        sure = sure or cue.speaker is not None
        contents.append((parts, prefixes))
    pieces: list[Piece] = []
    labels: list[str | None] = []  # each cue's first label, or None
    for cue, (parts, prefixes) in zip(cues, contents, strict=True):
        for index, prefix in prefixes.items():
            if prefix[0] == cue.speaker or is_name(prefix[0], prefix[2], seen[prefix[0]]):
                parts[index] = (prefix[0], prefix[1], False)  # a named turn merges with that speaker's
                sure = sure or prefix[2]
        speaker = cue.speaker
        words: list[str] = []
        said: list[tuple[str | None, str, bool]] = []
        turn = False
        for index, (voice, text, starts) in enumerate(parts):
            if voice is not None and index:
                said.append((speaker, join_text(words), turn))
                words, turn = [], False
            if voice is not None:
                speaker, turn = voice, starts
            words.append(text)
        said.append((speaker, join_text(words), turn))
        labels.append(said[0][0] if not said[0][2] else None)
        characters = sum(len(text) for _, text, _ in said)
        for who, text, starts in said:
            share = len(text) / characters if characters else 1.0 / len(said)
            pieces.append(Piece(who, text, cue.start, cue.end, share, starts))
    return settle(pieces, labels, sure)


def event_for(name: str) -> Event:
    """The event of a transcript: titled by its file's stem, dated when the stem opens with a date.

    Zoom's bare `transcript.vtt` in a folder named `2023-03-01 10.00.00 Topic` is titled
    by the topic and dated by the folder; a cloud download `GMT20230301-…` by its name.
    """
    title = PurePath(name).stem or name
    found = _ISO_DATE.match(title)
    day = iso_day(found.group(1)) if found else cloud_day(name)
    from_folder = folder_event(name)
    if from_folder is not None:
        return Event(event_id_for(name), from_folder[1], day or from_folder[0])
    return Event(event_id_for(name), title, day)


def iso_day(text: str) -> str | None:
    """A YYYY-MM-DD day found in a name or title, when it is a real day (not 2024-02-30)."""
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _run_key(speaker: str | None, run_key: str | None) -> str:
    """ "=Name" for a named speaker, "?" for an unknown one; an unlabelled piece continues the run."""
    if speaker is None:
        return run_key or "?"
    return "?" if speaker == UNKNOWN else "=" + speaker


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
        key = _run_key(piece.speaker, run_key)
        if key != run_key or (piece.turn and texts and any(texts)):
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
