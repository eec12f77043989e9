"""What the names Zoom (and people) give a recording's files say: which files go together, its day, its title.

Zoom names a local recording's folder `2023-03-01 10.00.00 Topic` (at times with the
meeting's number after the topic) and the files in it `chat.txt`, `transcript.vtt`; a
cloud recording's downloads are `GMT20230301-100000_Recording.transcript.vtt`,
`…_Recording.cc.vtt` (the captions) and `…_RecordingnewChat.txt`. People name theirs
`talk.vtt` and `talk.txt`, or `talk_chat.txt`. A file's pairing key is its name without
its suffix and without a trailing chat or transcript marker, in lower case: files with
one key in one folder are one recording ("" is the key of Zoom's bare `chat.txt`,
`meeting_saved_chat.txt` and `transcript.vtt`).
"""

from __future__ import annotations

import datetime
import re
from pathlib import PurePath

# A trailing marker of what the file holds: "talk_chat", "…_RecordingnewChat", "x.transcript"
_MARKER = re.compile(
    r"(?:^|[ ._-]*)(?:meeting_saved_chat|saved_chat|newchat|chat|audio_transcript|transcript|closed_caption)$",
    re.IGNORECASE,
)
_ZOOM_FOLDER = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}) [0-9]{2}\.[0-9]{2}\.[0-9]{2}[ _]+(.*?)(?:[ _]+[0-9]{9,11})?")
_CLOUD = re.compile(r"GMT([0-9]{4})([0-9]{2})([0-9]{2})-[0-9]{6}(?![0-9])")


def _day(year: str, month: str, day: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def pair_stem(name: str) -> str:
    """A file's name without its suffix and its chat or transcript marker: `Talk_chat.txt` -> `Talk`."""
    base = PurePath(name).name
    stem = base.rsplit(".", 1)[0] if "." in base[1:] else base
    found = _MARKER.search(stem)
    return (stem[: found.start()] if found else stem).rstrip(" ._-")


def pair_key(name: str) -> str:
    """The name two files of one recording share: `Talk_chat.txt` and `Talk.vtt` -> `talk`."""
    return pair_stem(name).lower()


def zoom_folder(folder: str) -> tuple[str, str] | None:
    """(day, topic) of a folder named as Zoom names a local recording's, `2023-03-01 10.00.00 Topic`."""
    found = _ZOOM_FOLDER.fullmatch(folder)
    if found is None:
        return None
    day = _day(*found.group(1).split("-"))
    return None if day is None else (day, found.group(2).strip(" _") or folder)


def cloud_day(name: str) -> str | None:
    """The day of a Zoom cloud download, `GMT20230301-100000_Recording…` (the recording's start, UTC)."""
    found = _CLOUD.match(PurePath(name).name)
    return None if found is None else _day(*found.groups())


def folder_event(name: str) -> tuple[str, str] | None:
    """(day, title) a file takes from its Zoom-named folder when its own name says nothing (`chat.txt`)."""
    path = PurePath(name)
    if pair_key(path.name):
        return None
    return zoom_folder(path.parent.name)
