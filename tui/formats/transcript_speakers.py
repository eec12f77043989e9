"""Who speaks each piece of a transcript: "Name:" prefixes and labels, and unlabelled pieces settled.

A piece's speaker comes from a WebVTT voice span (<v Name>, <v.loud Name>), Zoom's cue
identifier (`12 "Name" (16778240)`, an empty "" naming no one), a "Name:" prefix at the very
start of its first line (Zoom's older "Name (Org): text"), or a WhisperX "[SPEAKER_00]:" label.

A piece without a label means one of two things, and the file tells which. Some producers
(Buzzsprout) write a name only where the speaker changes: there an unlabelled piece
continues the speaker before. Others label every piece (Zoom, Teams, WhisperX): there an
unlabelled piece is one they could not attribute (WhisperX leaves one unlabelled when
diarisation fails), so it is an "Unknown speaker"'s turn of its own, not the previous
speaker's, however short the gap; only a piece inside one speaker's turn (theirs on both
sides, at most 2 s away, and not after their question) stays theirs: a line a diarizer
missed. A file labels every piece when its labels are WhisperX's or Zoom's identifiers, when
most labels repeat the label before them (a change-only producer never repeats one), when a
label repeats the one before an unlabelled run, or when nearly every piece (9 in 10, of 10
labels or more) has one. Before the first label, pieces are the "Unknown speaker"'s either way.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_NAME = 60  # a "Name:" prefix longer than this is a sentence, not a name
MAX_NAME_WORDS = 8
NEARLY_EVERY_PIECE = 0.9  # of a file's pieces labelled: it labels every piece, not changes of speaker only
MIN_LABELS_TO_JUDGE = 10  # fewer labels than this say too little of a producer's habit
MAX_PAUSE_IN_TURN = 2.0  # seconds: an unlabelled piece this close to one speaker on both sides is theirs
_QUESTION_MARKS = ("?", "？", "\u037e")  # the last, Greek
_CLOSING = "\"')]}»”’ "
_SPEAKER_LABEL = re.compile(r"SPEAKER_?[0-9]+")  # WhisperX/pyannote diarization labels
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
UNKNOWN = ""  # a piece's speaker when the file says someone spoke but not who
_NAME_PARTICLES = "al bin bint da das de del della der di do dos du el la le van von y zu"
_PARTICLES = frozenset(_NAME_PARTICLES.split())


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


def labels_every_piece(labels: Sequence[str | None]) -> bool:
    """Whether a file labels every piece it can attribute, from its pieces' labels (None: unlabelled).

    A producer that labels only where the speaker changes never writes the same name
    twice in a row; one that labels every piece repeats a name through each turn. Where
    speakers alternate at every piece the repeats cannot tell, but the share of labelled
    pieces can: a file that labels nearly every piece does not label at changes only.
    """
    named = [label for label in labels if label is not None]
    pairs = len(named) - 1
    repeats = sum(a == b for a, b in itertools.pairwise(named))
    nearly_all = len(named) >= MIN_LABELS_TO_JUDGE and len(named) >= NEARLY_EVERY_PIECE * len(labels)
    return (pairs > 0 and repeats * 2 > pairs) or nearly_all


def _repeats_across_a_gap(speakers: Sequence[str | None]) -> bool:
    """Whether, piece by piece, a speaker is named again right after an unlabelled run that
    follows them: "A", -, "A" marks no change of speaker, so the file does not label at changes only."""
    last, gap = None, False
    for speaker in speakers:
        if speaker is None:
            gap = last is not None
        elif gap and speaker == last:
            return True
        else:
            last, gap = speaker, False
    return False


def _inside_a_turn(pieces: Sequence[Piece], first: int, last: int) -> bool:
    """Whether unlabelled pieces first..last sit inside one speaker's turn: that speaker on both sides, no pause."""
    if first == 0 or last + 1 >= len(pieces):
        return False
    before, after = pieces[first - 1], pieces[last + 1]
    if before.speaker in (None, UNKNOWN) or before.speaker != after.speaker or after.turn:
        return False
    if before.text.rstrip(_CLOSING).endswith(_QUESTION_MARKS):
        return False  # a question: what follows is someone's answer ("Ready?" "Yeah."), not the asker's
    said_before = before.start if before.end is None else before.end
    last_end = pieces[last].end
    said_last = pieces[last].start if last_end is None else last_end
    return pieces[first].start - said_before <= MAX_PAUSE_IN_TURN and after.start - said_last <= MAX_PAUSE_IN_TURN


def settle(pieces: list[Piece], labels: Sequence[str | None], sure: bool = False) -> list[Piece]:
    """The pieces, an unlabelled one an unknown speaker's in a file that labels every piece (see above).

    Only a piece inside one speaker's turn (theirs before and after it, without a pause) stays
    theirs: a word a diarizer missed mid-sentence.
    """
    if not (sure or labels_every_piece(labels) or _repeats_across_a_gap([piece.speaker for piece in pieces])):
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
