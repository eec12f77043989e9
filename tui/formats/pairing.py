"""A recording's transcript and its chat, opened together, become two sections of one event.

Zoom saves a meeting's transcript (.vtt) and chat (.txt) side by side; read alone
each is an event of one section. In one folder a transcript and a chat are joined
when their names pair (see `recording_names.pair_key`: `talk.vtt` with `talk.txt` or
`talk_chat.txt`, `transcript.vtt` with `chat.txt` or `meeting_saved_chat.txt`, Zoom's
`GMT…_Recording.transcript.vtt` with `GMT…_RecordingnewChat.txt`), one of each with
that name; or when they are the folder's only transcript and only chat, whatever their
names. The transcript comes first, then the chat, speakers matched by their exact name.

The joined event keeps a day either file or its Zoom-named folder gives, and is titled
by the files' shared name, else by the folder (its topic, when Zoom named it).

Events whose titles come from their files' names can share one (`talk.vtt` and
`talk.srt`): those are titled by the file's name with its suffix, and by its folder
too when that is not enough.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

from ..core.model import Proceedings, Remark, Section, Speaker
from .ids import IdMaker, event_id_for, slug
from .recording_names import pair_key, pair_stem, zoom_folder


def _only_kind(proceedings: Proceedings) -> str | None:
    sections = proceedings.sections
    return sections[0].kind if len(sections) == 1 else None


# (the file's index among those named, its path, its event)
Loaded = tuple[int, Path, Proceedings]


def pair_recordings(loaded: list[Loaded]) -> list[Loaded]:
    """The events as a library lists them: each transcript joined with its chat (where the transcript was),
    and events that would share a title from their files' names told apart."""
    return told_apart(join_pairs(loaded))


def pairable(proceedings: Proceedings) -> str | None:
    """ "transcript" or "chat" for an event its recording's pair may join, else None."""
    kind = _only_kind(proceedings)
    return kind if kind in ("transcript", "chat") else None


def join_pairs(loaded: list[Loaded]) -> list[Loaded]:
    """Each transcript joined with its chat, where the transcript was; the chat's place dropped."""
    by_directory: dict[Path, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, (_, path, proceedings) in enumerate(loaded):
        kind = _only_kind(proceedings)
        if kind in ("transcript", "chat"):
            by_directory[path.resolve().parent][kind].append(index)
    joined: dict[int, Proceedings] = {}
    dropped: set[int] = set()
    for directory, kinds in by_directory.items():
        for t, c in _pairs(loaded, kinds["transcript"], kinds["chat"]):
            joined[t] = join(loaded[t][2], loaded[c][2], _pair_title(directory, loaded[t][1], loaded[c][1]))
            dropped.add(c)
    return [(n, path, joined.get(i, p)) for i, (n, path, p) in enumerate(loaded) if i not in dropped]


def _pairs(loaded: list[Loaded], transcripts: list[int], chats: list[int]) -> list[tuple[int, int]]:
    """(transcript, chat) of one folder whose names pair, one of each; else the folder's only two."""
    if len(transcripts) == 1 and len(chats) == 1:
        return [(transcripts[0], chats[0])]
    by_key: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for index in transcripts:
        by_key[pair_key(loaded[index][1].name)][0].append(index)
    for index in chats:
        by_key[pair_key(loaded[index][1].name)][1].append(index)
    return [(ts[0], cs[0]) for ts, cs in by_key.values() if len(ts) == 1 and len(cs) == 1]


@dataclasses.dataclass(frozen=True, slots=True)
class PairTitle:
    """What a joined event is called: its id, title and the day its names give (None: none)."""

    id: str
    title: str
    day: str | None


def _pair_title(directory: Path, transcript: Path, chat: Path) -> PairTitle:
    """The files' shared name; for Zoom's bare `transcript.vtt` and `chat.txt`, the folder's topic or name."""
    stem = pair_stem(transcript.name) or pair_stem(chat.name)
    if stem:
        return PairTitle(event_id_for(stem), stem, None)
    zoom = zoom_folder(directory.name)
    if zoom is not None:
        day, topic = zoom
        return PairTitle(slug(f"{day} {topic}", "event"), topic, day)
    return PairTitle(event_id_for(directory.name), directory.name, None)


def join(transcript: Proceedings, chat: Proceedings, name: PairTitle) -> Proceedings:
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
                remark._replace(
                    id=renamed[remark.id],
                    section=section_id,
                    speaker=by_name[speaker.name],
                    reply_to=reply_to,
                    position=len(remarks),
                )
            )
    day = transcript.event.date or chat.event.date or name.day
    event = dataclasses.replace(transcript.event, id=name.id, title=name.title or transcript.event.title, date=day)
    joined = Proceedings(transcript.source, event, tuple(speakers), tuple(sections), tuple(remarks))
    joined.origin = f"{transcript.origin} and {chat.origin}"
    return joined


def _named_by_file(path: Path, proceedings: Proceedings) -> bool:
    """Whether an event's title is its file's name (a transcript's or chat's stem), not one the file gives."""
    return proceedings.event.title in (path.stem, path.name.split(".", 1)[0], pair_stem(path.name))


def told_apart(loaded: list[Loaded]) -> list[Loaded]:
    """The events, those that would share a title from their files' names titled by the file's name instead.

    `talk.vtt`, `talk.srt` and `talk.json` become "talk.vtt", "talk.srt", "talk.json";
    two `transcript.vtt` of two folders "a/transcript.vtt" and "b/transcript.vtt".
    """
    by_title: dict[str, list[int]] = defaultdict(list)
    for index, (_, _path, proceedings) in enumerate(loaded):
        by_title[proceedings.event.title].append(index)
    retitled: dict[int, str] = {}
    for indexes in by_title.values():
        if len(indexes) < 2:
            continue
        from_names = [i for i in indexes if _named_by_file(loaded[i][1], loaded[i][2])]
        names = {i: loaded[i][1].name for i in from_names}
        if len(set(names.values())) < len(names):
            names = {i: f"{loaded[i][1].parent.name}/{loaded[i][1].name}" for i in from_names}
        retitled.update(names)
    out: list[Loaded] = []
    for index, (n, path, proceedings) in enumerate(loaded):
        title = retitled.get(index)
        if title is not None and title != proceedings.event.title:
            proceedings = _with_title(proceedings, title)
        out.append((n, path, proceedings))
    return out


def _with_title(proceedings: Proceedings, title: str) -> Proceedings:
    p = proceedings
    event = dataclasses.replace(p.event, title=title)
    renamed = Proceedings(p.source, event, p.speakers, p.sections, p.remarks, folded_texts=p.folded_texts)
    renamed.origin = p.origin
    return renamed
