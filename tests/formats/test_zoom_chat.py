"""Zoom chats: each message to everyone a remark, 'Replying to' a reply link, reactions and direct messages left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from format_cases import ID, ROOT, shared
from hypothesis import given, settings
from hypothesis import strategies as st
from work_count import growth, is_linear, work_of

from tui.core.model import Proceedings
from tui.formats.open import expand_paths, load_paths, pick_format
from tui.formats.webvtt import read_webvtt
from tui.formats.zoom_chat import FORMAT, read_zoom_chat, sniff

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "chats"
TRANSCRIPTS = ROOT / "tests" / "fixtures" / "formats" / "transcripts"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "transcripts"


def loads(data: bytes | str, name: str = "chat.txt") -> Proceedings:
    proceedings, problems = read_zoom_chat(name, data.encode() if isinstance(data, str) else data)
    assert problems == []
    assert proceedings is not None
    assert_valid(proceedings)
    return proceedings


def load(path: Path) -> Proceedings:
    return loads(path.read_bytes(), str(path))


def problems_of(data: str, name: str = "chat.txt") -> list[str]:
    proceedings, problems = read_zoom_chat(name, data.encode())
    assert proceedings is None
    return [str(p) for p in problems]


def assert_valid(p: Proceedings) -> None:
    assert [(s.id, s.number, s.kind) for s in p.sections] == [("chat", 1, "chat")]
    assert all(ID.fullmatch(i) for i in [p.event.id, *p.speaker_by_id, *p.remark_by_id])
    assert len(p.speaker_by_id) == len(p.speakers) and len(p.remark_by_id) == len(p.remarks)
    assert [r.position for r in p.remarks] == list(range(len(p.remarks)))
    assert {r.speaker for r in p.remarks} == set(p.speaker_by_id)
    order = {r.id: r.position for r in p.remarks}
    assert all(r.reply_to is None or order[r.reply_to] < r.position for r in p.remarks)
    assert all(r.text and r.section == "chat" for r in p.remarks)


def said(p: Proceedings) -> list[tuple[str, str, str | None]]:
    return [(p.speaker_by_id[r.speaker].name, r.text, r.reply_to) for r in p.remarks]


# --------------------------------------------------------------------------- our fixtures


def test_each_message_is_a_remark_replies_linked_reactions_dropped() -> None:
    p = load(FIXTURES / "chat.txt")
    assert said(p) == [
        ("Ana Lima (FGV)", "Good morning, everyone", None),
        ("Kalo | Obol", "is the stream cutting out for anyone else?", None),
        ("Ana Lima (FGV)", "Here too", "r2"),  # quote cut with "..."
        ("Dr. B. Okafor", "Fine for me\non two devices", "r2"),  # cut with "…", message over two lines
        # a quote that matches no earlier message: kept in the text, no link
        (
            "Ana Lima (FGV)",
            'Replying to "a message nobody sent..."\nAnswering something that is not in this chat',
            None,
        ),
        ("唐鳳", "Link: https://example.org/a?b=1&c=2", None),
        ("Kalo | Obol", "thanks [bold]not markup[/bold] \x1b[31m", "r6"),  # data, never markup
    ]
    assert [r.start for r in p.remarks] == [62, 70, 75, 80, 90, 100, 105]
    assert [s.id for s in p.speakers] == ["ana-lima-fgv", "kalo-obol", "dr-b-okafor", p.speakers[3].id]
    assert p.speakers[3].name == "唐鳳" and p.speakers[3].id.startswith("speaker-")
    assert (p.event.id, p.event.title, p.event.date) == ("chat", "chat", None)


def test_saved_chats_in_zooms_older_layouts_and_direct_messages_left_out() -> None:
    p = load(FIXTURES / "meeting_saved_chat.txt")
    assert said(p) == [
        ("Ana Lima", "hello all", None),
        ("Dr. B. Okafor", "the newer layout\non two lines", None),
        ("Ana Lima", "the oldest layout", None),
    ]
    assert [r.start for r in p.remarks] == [10 * 3600 + 1, 10 * 3600 + 9, 10 * 3600 + 12]


def test_a_reply_links_to_the_latest_earlier_message_with_that_start() -> None:
    p = loads(
        "00:00:01\tA:\tsame start, first\n"
        "00:00:02\tB:\tsame start, second\n"
        '00:00:03\tC:\tReplying to "same start, se..."\n\nyes\n'
        '00:00:04\tD:\tReplying to "same start, fi..."\n\nand this\n'
        '00:00:05\tE:\tReplying to "yes"\n\nto a reply\n'
    )
    assert [r.reply_to for r in p.remarks] == [None, None, "r2", "r1", "r3"]


def test_a_reply_that_says_nothing_keeps_its_quote_as_text() -> None:
    p = loads('00:00:01\tA:\thello there\n00:00:02\tB:\tReplying to "hello there"\n')
    assert said(p)[1] == ("B", 'Replying to "hello there"', "r1")


def test_the_date_comes_from_the_file_or_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "2024-03-28 10.00.00 Weekly call"
    folder.mkdir()
    chat = folder / "chat.txt"
    chat.write_text("00:00:01\tA:\thi\n", encoding="utf-8")
    assert load(chat).event.date == "2024-03-28"
    assert loads("00:00:01\tA:\thi\n", "2025-01-02-chat.txt").event.date == "2025-01-02"
    assert loads("00:00:01\tA:\thi\n", "2025-02-30-chat.txt").event.date is None  # not a real day


def test_a_transcript_and_its_chat_in_one_folder_are_one_event(tmp_path: Path) -> None:
    (tmp_path / "transcript.vtt").write_bytes((TRANSCRIPTS / "zoom.vtt").read_bytes())
    (tmp_path / "chat.txt").write_bytes((FIXTURES / "chat.txt").read_bytes())
    result = load_paths(sorted(tmp_path.iterdir()))
    assert result.problems == ()
    (event,) = result.library.events
    assert [(s.id, s.kind) for s in event.sections] == [("transcript", "transcript"), ("chat", "chat")]
    assert event.event.title == tmp_path.name
    chat = [r for r in event.remarks if r.section == "chat"]
    assert len(chat) == 7 and chat[2].reply_to == chat[1].id
    assert len({r.id for r in event.remarks}) == len(event.remarks)


ZOOM_FOLDER = FIXTURES / "2023-03-01 10.00.00 Weekly sync 81234567890"


def events_of(folder: Path) -> dict[str, Proceedings]:
    result = load_paths(expand_paths([folder]))
    assert result.problems == ()
    events = {e.event.title: e for e in result.library.events}
    assert len(events) == len(result.library.events)
    return events


def assert_joined_loses_nothing(joined: Proceedings, *parts: Proceedings) -> None:
    """The joined event's remarks are the transcript's and then the chat's, every word of each."""
    assert [(joined.speaker_by_id[r.speaker].name, r.text, r.start) for r in joined.remarks] == [
        (part.speaker_by_id[r.speaker].name, r.text, r.start) for part in parts for r in part.remarks
    ]


def test_a_zoom_folders_transcript_and_chat_keep_its_day_and_topic() -> None:
    (event,) = events_of(ZOOM_FOLDER).values()  # `2023-03-01 10.00.00 Weekly sync 81234567890`
    expected = ("2023-03-01-weekly-sync", "Weekly sync", "2023-03-01")
    assert (event.event.id, event.event.title, event.event.date) == expected
    assert [s.kind for s in event.sections] == ["transcript", "chat"]
    assert [s.name for s in event.speakers] == ["Noor Haddad", "Tomas Berg"]  # one speaker in both sections
    transcript = read_webvtt(str(ZOOM_FOLDER / "transcript.vtt"), (ZOOM_FOLDER / "transcript.vtt").read_bytes())[0]
    assert transcript is not None
    assert (transcript.event.title, transcript.event.date) == ("Weekly sync", "2023-03-01")  # alone, too
    assert_joined_loses_nothing(event, transcript, load(ZOOM_FOLDER / "chat.txt"))


def test_a_transcript_and_its_chat_pair_by_name_among_other_files() -> None:
    events = events_of(FIXTURES / "shared-folder")
    assert {title: [s.kind for s in e.sections] for title, e in events.items()} == {
        "panel": ["transcript", "chat"],  # panel.vtt and panel_chat.txt
        "GMT20240105-150000_Recording": ["transcript", "chat"],  # …_Recording.transcript.vtt, …_RecordingnewChat.txt
        "GMT20240105-150000_Recording.cc": ["transcript"],  # the same meeting's captions stay an event of their own
        "keynote": ["transcript"],
    }
    assert events["GMT20240105-150000_Recording"].event.date == "2024-01-05"
    assert [s.name for s in events["panel"].speakers] == ["Ada Quist", "Ben Ortiz", "Cam Lee"]
    folder = FIXTURES / "shared-folder"
    transcript = read_webvtt("panel.vtt", (folder / "panel.vtt").read_bytes())[0]
    assert transcript is not None
    assert_joined_loses_nothing(events["panel"], transcript, load(folder / "panel_chat.txt"))


def test_zooms_bare_transcript_pairs_with_a_saved_chat_beside_another_transcript() -> None:
    events = events_of(FIXTURES / "zoom-saved")  # transcript.vtt, meeting_saved_chat.txt, notes.srt
    assert {title: [s.kind for s in e.sections] for title, e in events.items()} == {
        "zoom-saved": ["transcript", "chat"],  # titled by its folder, which Zoom did not name
        "notes": ["transcript"],
    }


# --------------------------------------------------------------------------- the real files


def test_the_real_transcript_and_chat_pair_by_name_in_the_samples_folder() -> None:
    folder = shared("zoom_focil31_chat.txt").parent
    events = {e.event.title: e for e in load_paths(expand_paths([folder])).library.events}
    assert [s.kind for s in events["zoom_focil31"].sections] == ["transcript", "chat"]  # among twenty other files
    assert "zoom_focil31_chat" not in events and "zoom_focil31_transcript" not in events


def test_a_chat_with_replies_and_reactions() -> None:
    path = shared("zoom_acdc174_chat_replies.txt")
    p = load(path)
    assert (len(p.remarks), len(p.speakers)) == (69, 26)
    assert sum(r.reply_to is not None for r in p.remarks) == 32
    by_id = p.remark_by_id
    replies = [(by_id[r.reply_to].text[:20], r.text) for r in p.remarks if r.reply_to]
    assert replies[:3] == [
        ("is marco cutting out", "Here too"),
        ("is marco cutting out", "A bit for me"),
        ("is marco cutting out", "Yap, for me as well"),
    ]
    # "…" as well as "..." ends a quote
    assert ("is marco cutting out", "Networking team could do with a better network 😂") in replies
    assert said(p)[0] == ("Potuz", "gm", None)
    assert not any(r.text.startswith(("Reacted to", "Replying to")) for r in p.remarks)
    # a reply to a message Zoom could not show keeps its own words and no link
    cannot = [r for r in p.remarks if r.text == "Agree with ansgar here though"]
    assert len(cannot) == 1 and cannot[0].reply_to is None
    assert_no_word_lost(path, p)


def test_a_chat_with_a_message_over_several_lines() -> None:
    path = shared("zoom_focil31_chat.txt")
    p = load(path)
    assert said(p)[1] == (
        "Jihoon",
        "EEST: https://github.com/ethereum/execution-specs/pull/1928\n"
        "Engine APIs spec: https://github.com/ethereum/execution-apis/pull/609",
        None,
    )
    assert (len(p.remarks), [s.name for s in p.speakers]) == (4, ["Jihoon", "nflaig"])
    assert_no_word_lost(path, p)


def test_the_real_transcript_and_chat_of_one_call_open_as_one_event(tmp_path: Path) -> None:
    (tmp_path / "transcript.vtt").write_bytes(shared("zoom_focil31_transcript.vtt").read_bytes())
    (tmp_path / "chat.txt").write_bytes(shared("zoom_focil31_chat.txt").read_bytes())
    (event,) = load_paths(sorted(tmp_path.iterdir())).library.events
    assert [s.kind for s in event.sections] == ["transcript", "chat"]
    jihoon = [s for s in event.speakers if s.name.startswith("Jihoon")]
    assert jihoon  # the chat's "Jihoon" is a speaker of the joined event


def assert_no_word_lost(path: Path, p: Proceedings) -> None:
    """Every word of every message that is not a reaction, in order, is in the remarks."""
    kept: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.split("\t", 2)[2] if re.match(r"[0-9]{2}:[0-9]{2}:[0-9]{2}\t", line) else line
        if text.startswith(("Reacted to", "Removed a ")):
            continue
        if text.startswith("Replying to"):
            text = text.split('"', 2)[2]
        kept.extend(re.findall(r"\w+", text))
    assert re.findall(r"\w+", " ".join(r.text for r in p.remarks)) == kept


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "not-a-chat.txt",
            'not-a-chat.txt:1:1: expected a chat message line like "00:12:34<TAB>Name:<TAB>text" or '
            '"00:12:34 From Name to Everyone:"; is this a Zoom chat file?',
        ),
        (
            "reactions-only.txt",
            "reactions-only.txt:1:1: this chat has no words sent to everyone "
            "(only reactions, direct or empty messages); Podium shows the messages sent to everyone",
        ),
    ],
)
def test_bad_chats_are_refused_with_their_place(name: str, expected: str) -> None:
    proceedings, problems = read_zoom_chat(name, (HOSTILE / name).read_bytes())
    assert proceedings is None and [str(p) for p in problems] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "00:00:01 Name hi\n",
            'chat.txt:1:9: expected a chat message line like "00:12:34<TAB>Name:<TAB>text" or '
            '"00:12:34 From Name to Everyone:"; is this a Zoom chat file?',
        ),
        ("\n\n", "chat.txt:1:1: this chat has no chat messages; Podium shows the messages sent to everyone"),
    ],
)
def test_lines_that_are_not_messages_are_placed(text: str, expected: str) -> None:
    assert problems_of(text) == [expected]


def test_control_characters_stay_data() -> None:
    p = load(HOSTILE / "control-chars.txt")
    assert [r.text for r in p.remarks] == ["hi", "\x1b]0;title\x07 \x1b[2J [red]x[/red]"]


def test_invalid_utf8_is_placed() -> None:
    proceedings, problems = read_zoom_chat("chat.txt", b"00:00:01\tA:\thi\n00:00:02\tB:\t\xff\n")
    assert proceedings is None
    assert [str(p) for p in problems] == [
        "chat.txt:2:13: invalid UTF-8 byte 0xff at byte offset 27; save the file as UTF-8"
    ]


def _chat_of_replies(messages: int) -> str:
    """`messages` messages, then a reply to each quoting its start, as Zoom writes them."""
    lines = [f"00:00:01\tA{n % 50}:\tmessage number {n} says something\n" for n in range(messages)]
    lines += [f'00:00:02\tB:\tReplying to "message number {n} s..."\n\nok\n' for n in range(messages)]
    return "".join(lines)


def test_many_replies_are_linked_in_linear_work() -> None:
    # Work, not time: a reply that searched the messages before it would quadruple when they double.
    works = growth(lambda n: work_of(lambda: read_zoom_chat("chat.txt", _chat_of_replies(n).encode())), 1_000)
    assert is_linear(works), works
    p = loads(_chat_of_replies(20_000))
    assert p.remarks[20_000].reply_to == "r1" and p.remarks[-1].reply_to == "r20000"


# --------------------------------------------------------------------------- detection and properties


def test_sniff_and_detection() -> None:
    assert sniff(b"\xef\xbb\xbf00:13:46\tPotuz:\tgm\r\n") and sniff(b"\n10:00:09 From A to Everyone:\n\thi\n")
    assert not sniff(b"Meeting notes\n00:00:01\tA:\thi\n") and not sniff(b"WEBVTT\n")
    assert (FORMAT.name, FORMAT.suffixes, FORMAT.suffix_is_enough) == ("Zoom chat", (".txt",), False)
    assert "not a format Podium reads" in str(pick_format("notes.txt", b"shopping list\n"))


FRAGMENTS = [
    "00:00:01\tA:\thi", "00:00:02\tB (Org):\t", 'Replying to "hi..."', 'Replying to "hi"', 'Reacted to "x" with y',
    "10:00:09 From A to Everyone:", "10:00:05 From  A  to  B(Direct Message) : x", "\tindented", "\r", "…", "\x1b[2J",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=30))
def test_any_text_gives_an_event_or_problems(lines: list[str]) -> None:
    proceedings, problems = read_zoom_chat("any.txt", "\n".join(lines).encode())
    assert (proceedings is None) == bool(problems)
    if proceedings is not None:
        assert_valid(proceedings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_an_event_or_problems(data: bytes) -> None:
    proceedings, problems = read_zoom_chat("any.txt", b"00:00:01\tA:\thi\n" + data)
    assert (proceedings is None) == bool(problems)
