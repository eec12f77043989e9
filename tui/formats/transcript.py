"""What WebVTT, SRT and Podcasting 2.0 JSON transcripts share: timed pieces become one section of remarks.

A transcript is a recording's words in timed pieces (cues, segments). Reading one takes
three steps, each in a module of its own: a piece's plain text (`transcript_text`), its
speaker (`transcript_speakers`: labels, "Name:" prefixes, unlabelled pieces) and, for
WebVTT and SRT, a cue's voice spans, dialogue dashes and roll-up repeats
(`transcript_cues`). This module merges the pieces into remarks, titles the event and
bounds the problems a broken file reports.

Consecutive pieces by one speaker become one remark, from its first piece's start to its
last piece's end; two dialogue turns by unknown speakers stay two remarks.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from pathlib import PurePath

from ..core.model import Event, Proceedings, Remark, Section, Speaker
from .ids import IdMaker, event_id_for
from .recording_names import cloud_day, folder_event
from .source import Problem
from .transcript_speakers import UNKNOWN, Piece
from .transcript_text import join_text

MAX_PROBLEMS = 100  # a broken export repeats one fault per cue; past this many, one line says how many more
SECTION_ID = "transcript"

_ISO_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")


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
