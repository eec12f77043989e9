"""A recording's transcript and its chat, opened together, become two sections of one event.

Zoom saves a meeting's transcript (.vtt) and chat (chat.txt) side by side; read
alone each is an event of one section. When a folder (or the files named) holds
exactly one transcript and one chat from the same directory, they are joined:
the transcript first, then the chat, speakers matched by their exact name.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

from ..core.model import Proceedings, Remark, Section, Speaker
from .ids import IdMaker, event_id_for


def _only_kind(proceedings: Proceedings) -> str | None:
    sections = proceedings.sections
    return sections[0].kind if len(sections) == 1 else None


# (the file's index among those named, its path, its event)
Loaded = tuple[int, Path, Proceedings]


def pair_recordings(loaded: list[Loaded]) -> list[Loaded]:
    """The events, with each directory's lone transcript and lone chat joined into one (where the transcript was)."""
    by_directory: dict[Path, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, (_, path, proceedings) in enumerate(loaded):
        kind = _only_kind(proceedings)
        if kind in ("transcript", "chat"):
            by_directory[path.resolve().parent][kind].append(index)
    joined: dict[int, Proceedings] = {}
    dropped: set[int] = set()
    for directory, kinds in by_directory.items():
        if len(kinds["transcript"]) == 1 and len(kinds["chat"]) == 1:
            (t,), (c,) = kinds["transcript"], kinds["chat"]
            joined[t] = join(loaded[t][2], loaded[c][2], directory.name)
            dropped.add(c)
    return [(n, path, joined.get(i, p)) for i, (n, path, p) in enumerate(loaded) if i not in dropped]


def join(transcript: Proceedings, chat: Proceedings, title: str) -> Proceedings:
    """One event: the transcript's section and speakers, then the chat's, ids kept unique."""
    speaker_ids = IdMaker("speaker")
    speakers: list[Speaker] = []
    by_name: dict[str, str] = {}
    for speaker in (*transcript.speakers, *chat.speakers):
        if speaker.name in by_name:
            continue
        new_id = speaker_ids(speaker.name, speaker.id)
        by_name[speaker.name] = new_id
        speakers.append(dataclasses.replace(speaker, id=new_id))
    sections: list[Section] = []
    remarks: list[Remark] = []
    remark_ids = IdMaker("r")
    for number, part in enumerate((transcript, chat), start=1):
        (section,) = part.sections
        section_id = f"{section.kind}"
        sections.append(dataclasses.replace(section, id=section_id, number=number))
        renamed: dict[str, str] = {}
        for remark in part.remarks:
            speaker = part.speaker_by_id[remark.speaker]
            renamed[remark.id] = remark_ids(f"{number}/{remark.id}", remark.id)
            reply_to = renamed[remark.reply_to] if remark.reply_to is not None else None
            remarks.append(
                dataclasses.replace(
                    remark,
                    id=renamed[remark.id],
                    section=section_id,
                    speaker=by_name[speaker.name],
                    reply_to=reply_to,
                    position=len(remarks),
                )
            )
    event = dataclasses.replace(transcript.event, id=event_id_for(title), title=title or transcript.event.title)
    joined = Proceedings(transcript.source, event, tuple(speakers), tuple(sections), tuple(remarks))
    joined.origin = f"{transcript.origin} and {chat.origin}"
    return joined
