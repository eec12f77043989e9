"""Zoom meeting chats (.txt): the chat.txt of a recording, or the meeting_saved_chat.txt a participant saves.

Zoom has written four layouts; each message starts on a line of its own with its time:
  00:12:34<TAB>Name:<TAB>text                       (cloud and local recordings)
  00:12:34<TAB> From  Name : text                   (older saved chats)
  00:12:34 From  Name  to  Everyone : text          (older saved chats, with the recipient)
  00:12:34 From Name to Everyone:                   (current saved chats; the text on the
  <TAB>text                                          following lines, indented)
Lines without a time continue the message before. Each message to everyone is a remark of
one section ("Chat"), its start the time in seconds from midnight; speakers are listed in
order of their first message. A 'Replying to "…"' first line links the reply to the latest
earlier message that starts with the quote (Zoom cuts quotes at about 20 characters and
ends them with "..." or "…"), matched case-sensitively with white space collapsed; the
line is then left out of the text, or kept as the text's first line when no earlier
message matches (or when the reply says nothing else); a quote Zoom could not show
("[Full message cannot be displayed on this version]") links nothing. Not kept: reactions ('Reacted to
"…" with 👍', 'Removed a … reaction from "…"'), direct messages ("to Name(Direct
Message)", "(Privately)", or to one person: they were not said to the meeting, and a
saved chat holds only its saver's), empty messages. The event's title is the file's
stem (a bare chat.txt or meeting_saved_chat.txt in a folder Zoom named, "2024-03-28
10.00.00 Topic", takes the topic); its date is a YYYY-MM-DD in the file's name or
opening its folder's name, or the day of a cloud download's "GMT20240328-…" name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from ..core.model import Event, Proceedings, Remark, Section, Speaker
from .ids import IdMaker, event_id_for
from .reader import Format
from .recording_names import cloud_day, folder_event
from .source import Problem, decode
from .transcript import iso_day

NAME = "Zoom chat"
SECTION_ID = "chat"
MAX_QUOTE = 64  # Zoom quotes about 20 characters; a longer "quote" is not matched (and the index stays small)

_TIME = re.compile(r"([0-9]{1,2}):([0-5][0-9]):([0-5][0-9])")
_SPACES = re.compile("[ \t\r\u00a0]+")  # white space is collapsed; other control characters stay data
_DATE = re.compile(r"(?<![0-9])([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")
_PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")  # what Zoom quotes when it cannot show the message
REPLYING = 'Replying to "'
EXPECTED = 'a chat message line like "00:12:34<TAB>Name:<TAB>text" or "00:12:34 From Name to Everyone:"'


@dataclass(frozen=True, slots=True)
class Header:
    """The line that starts a message: its time, sender, recipient (None: everyone) and first text."""

    seconds: int
    sender: str
    recipient: str | None
    text: str


@dataclass(slots=True)
class _Message:
    header: Header
    line: int
    lines: list[str] = field(default_factory=list)


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ")


def parse_header(line: str) -> Header | None:
    """The message a line starts, in any of Zoom's layouts; None for a line that continues one."""
    time = _TIME.match(line)
    if time is None:
        return None
    hours, minutes, seconds = (int(g) for g in time.groups())
    at, rest = hours * 3600 + minutes * 60 + seconds, line[time.end() :]
    if rest.startswith("\t") and not rest.startswith("\t From "):
        after = rest[1:]
        colon = after.find(":\t")
        if colon < 0 and after.rstrip(" \t\r").endswith(":") and "\t" not in after.rstrip(" \t\r"):
            colon = len(after.rstrip(" \t\r")) - 1  # "Name:" with nothing after it
        sender = _collapse(after[:colon]) if colon > 0 and "\t" not in after[:colon] else ""
        return Header(at, sender, None, after[colon + 2 :]) if sender else None
    body = rest.lstrip(" \t")
    if len(body) == len(rest) or not body.startswith("From") or body[4:5] not in (" ", "\t"):
        return None
    body = body[5:]
    separator = body.find(" : ")
    if separator >= 0:  # the older one-line layouts: "From Name [to Recipient] : text"
        head, text = body[:separator], body[separator + 3 :]
    elif body.rstrip(" \t\r").endswith(":"):  # the current layout: the text follows on indented lines
        head, text = body.rstrip(" \t\r")[:-1], ""
    else:
        return None
    head = _collapse(head)
    to = head.rfind(" to ")
    sender, recipient = (head[:to], head[to + 4 :]) if to >= 0 else (head, None)
    return Header(at, sender, recipient, text) if sender else None


def is_private(recipient: str | None) -> bool:
    """Whether a message went to one person rather than the meeting (everyone, all panelists...)."""
    if recipient is None:
        return False
    low = recipient.lower()
    if low.endswith(("(direct message)", "(privately)")):
        return True
    return not (low.startswith(("everyone", "all ")) or "panelist" in low)


def is_reaction(lines: list[str]) -> bool:
    if len(lines) != 1:
        return False
    line = lines[0]
    return (line.startswith('Reacted to "') and '" with ' in line) or (
        line.startswith("Removed a ") and 'reaction from "' in line
    )


def split_quote(first: str) -> tuple[str, str] | None:
    """The quoted start and the rest of a 'Replying to "…"' line (None if it is not one)."""
    if not first.startswith(REPLYING):
        return None
    body = first[len(REPLYING) :]
    ends = [(i, n) for i, n in ((body.find('..."'), 3), (body.find('…"'), 1)) if i >= 0]
    if ends:  # a cut quote ends with an ellipsis and a quotation mark
        i, n = min(ends)
        return body[:i], body[i + n + 1 :].strip(" ")
    if body.endswith('"'):
        return body[:-1], ""
    close = body.find('" ')  # older saved chats: the reply on the same line
    return (body[:close], body[close + 2 :].strip(" ")) if close >= 0 else None


def _matchable(text: str) -> str:
    return " ".join(text.split())


def sniff(head: bytes) -> bool:
    """The first non-blank line starts a chat message in one of Zoom's layouts."""
    text = head.decode("utf-8", "replace").removeprefix("\ufeff")
    for line in text.split("\n"):
        if line.strip():
            return parse_header(line.rstrip("\r")) is not None
    return False


def _messages(name: str, text: str) -> list[_Message] | Problem:
    messages: list[_Message] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        header = parse_header(line)
        if header is not None:
            messages.append(_Message(header, number, [header.text]))
        elif messages:
            messages[-1].lines.append(line)
        elif line.strip():
            time = _TIME.match(line)
            column = time.end() + 1 if time else 1
            return Problem(name, f"expected {EXPECTED}; is this a Zoom chat file?", number, column)
    return messages


def _date(name: str) -> str | None:
    path = PurePath(name)
    found = _DATE.search(path.name.split(".", 1)[0]) or _DATE.match(path.parent.name)
    return cloud_day(name) if found is None else iso_day(found.group(1))


def event_for(name: str) -> Event:
    """Titled by the file's stem, or by the topic of the Zoom-named folder of a bare `chat.txt`."""
    from_folder = folder_event(name)
    title = PurePath(name).name.split(".", 1)[0] or name
    return Event(event_id_for(name), title if from_folder is None else from_folder[1], _date(name))


def read_zoom_chat(
    name: str, data: bytes, on_read: Callable[[float], None] | None = None
) -> tuple[Proceedings | None, list[Problem]]:
    """A Zoom chat file's bytes to its event, or the problem that stops it."""
    text = decode(name, data)
    if isinstance(text, Problem):
        return None, [text]
    messages = _messages(name, text)
    if isinstance(messages, Problem):
        return None, [messages]
    if on_read is not None:
        on_read(0.5)
    # (message, its text lines, the quote it replies to or None, the reply's own lines)
    kept: list[tuple[_Message, list[str], str | None, list[str]]] = []
    for message in messages:
        lines = [c for c in (_collapse(line) for line in message.lines) if c]
        if not lines or is_reaction(lines) or is_private(message.header.recipient):
            continue
        quoted = split_quote(lines[0])
        if quoted is None:
            kept.append((message, lines, None, lines))
        elif _PLACEHOLDER.fullmatch(quoted[0]) and (quoted[1] or lines[1:]):
            # Zoom's "[Full message cannot be displayed on this version]": its words, not the quote's
            kept.append((message, lines, None, [quoted[1], *lines[1:]] if quoted[1] else lines[1:]))
        else:
            own = [quoted[1], *lines[1:]] if quoted[1] else lines[1:]
            kept.append((message, lines, _matchable(quoted[0]), own))
    if not kept:
        what = (
            "no words sent to everyone (only reactions, direct or empty messages)" if messages else "no chat messages"
        )
        line = messages[0].line if messages else 1
        return None, [Problem(name, f"this chat has {what}; Podium shows the messages sent to everyone", line, 1)]

    # Earlier messages by the starts that quotes ask for: each lookup is one dict access.
    wanted = {q for _, _, q, _ in kept if q and len(q) <= MAX_QUOTE}
    lengths = sorted({len(q) for q in wanted})
    latest: dict[str, int] = {}
    speaker_ids = IdMaker("speaker")
    speakers: dict[str, Speaker] = {}
    remarks: list[Remark] = []
    for index, (message, lines, quote, own) in enumerate(kept):
        parent = latest.get(quote) if quote else None
        said = own if own and (parent is not None or quote is None) else lines
        sender = message.header.sender
        if sender not in speakers:
            speakers[sender] = Speaker(speaker_ids(sender), sender)
        remarks.append(
            Remark(
                id=f"r{index + 1}",
                section=SECTION_ID,
                speaker=speakers[sender].id,
                text="\n".join(said),
                reply_to=None if parent is None else f"r{parent + 1}",
                position=index,
                start=float(message.header.seconds),
            )
        )
        body = _matchable(" ".join(own))
        for length in lengths:
            if length > len(body):
                break
            if body[:length] in wanted:
                latest[body[:length]] = index
    event = event_for(name)
    section = Section(SECTION_ID, 1, "Chat", "chat")
    if on_read is not None:
        on_read(1.0)
    return Proceedings(name, event, tuple(speakers.values()), (section,), tuple(remarks)), []


FORMAT = Format(NAME, (".txt",), sniff, read_zoom_chat)
