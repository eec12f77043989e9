"""The browser on each imported format: every remark shown, replies threaded, `speaker:` filtering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.formats.open import load_paths

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
FILES = [
    "transcripts/features.vtt",
    "transcripts/podcast.srt",
    "transcripts/words.json",
    "chats/chat.txt",
    "sayit/2024-05-01-town-hall.md",
    "akoma_ntoso/committee_2021-05-06.xml",
    "parlparse/senedd2023-04-05.xml",
]


@pytest.mark.parametrize("name", FILES)
async def test_an_imported_file_opens_threaded_and_filters_by_speaker(make_app, ui, name):
    path = FORMATS / name
    (event,) = load_paths([path]).library.events  # what the file holds, read without the app
    total = len(event.remarks)
    speaker = max(event.speakers, key=lambda s: len(event.remarks_by_speaker.get(s.id, ())))
    own = {r.id for r in event.remarks_by_speaker[speaker.id]}
    app = make_app(path)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        assert ui.status(app) == f"{total} of {total} remark{'s' if total != 1 else ''}"
        assert sorted(ui.ids(app)) == sorted(r.id for r in event.remarks)
        depth = {row.remark.id: row.depth for row in ui.exchanges(app).rows}
        for remark in event.remarks:  # a reply sits one level under what it answers
            if remark.reply_to is not None:
                assert depth[remark.id] == depth[remark.reply_to] + 1
        assert event.event.title in ui.header(app)

        await ui.filter(pilot, f'speaker:"{speaker.name}"' if " " in speaker.name else f"speaker:{speaker.name}")
        assert set(ui.matched_ids(app)) == own
        assert ui.status(app).startswith(f"{len(own)} of {total} remark{'s' if total != 1 else ''}")


async def test_a_recordings_transcript_and_chat_are_two_sections_of_one_event(make_app, ui, tmp_path):
    shutil.copy(FORMATS / "transcripts" / "zoom.vtt", tmp_path / "transcript.vtt")
    shutil.copy(FORMATS / "chats" / "chat.txt", tmp_path / "chat.txt")
    app = make_app(*sorted(tmp_path.iterdir()))
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(pilot)
        prompts = ui.agenda_prompts(app)
        assert [p.split(" (")[0] for p in prompts[1:]] == ["1. Transcript", "2. Chat"]
        assert tmp_path.name in ui.header(app)
