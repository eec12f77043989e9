"""The bundled event against the event report it was encoded from.

Every expected value here was read off /work/shared/source/event-report.txt
("International Trends in AI Safety and Governance", March 28, 2024), not off the
YAML file or the program's output.
"""

from __future__ import annotations

from tui.core.model import Proceedings
from tui.formats.bundled import bundled_event
from tui.formats.open import load_file, load_paths

# Everyone who speaks in the report, the online participant included.
SPEAKER_IDS = {"shiroyama", "martinez", "hodes", "hickok", "sellitto", "iida", "ema", "hoshi", "participant"}

# Names as the report writes them (the list of speakers, plus Prof. Takeo Hoshi at the close).
NAMES = {
    "shiroyama": "Hideaki Shiroyama",
    "martinez": "Inma Martinez",
    "hodes": "Cyrus Hodes",
    "hickok": "Merve Hickok",
    "sellitto": "Michael Sellitto",
    "iida": "Yoichi Iida",
    "ema": "Arisa Ema",
    "hoshi": "Takeo Hoshi",
}

# Section headings (1)-(5) of the report, in order.
SECTIONS = [
    ("opening", 1, "Opening remarks", "remarks"),
    ("presenters", 2, "Topics from presenters", "presentations"),
    ("panel", 3, "Panel Discussion", "panel"),
    ("questions", 4, "Questions from an audience", "qa"),
    ("closing", 5, "Summary and closing remarks", "closing"),
]

# Who speaks, paragraph by paragraph, in report order (one remark per reported statement).
SPEAKER_SEQUENCE = [
    # (1) Opening remarks
    "shiroyama",
    # (2) Topics from presenters: two paragraphs each
    "martinez",
    "martinez",
    "hodes",
    "hodes",
    "hickok",
    "hickok",
    "sellitto",
    "sellitto",
    # (3) Panel Discussion
    "iida",  # appreciation of the presentations
    "shiroyama",  # the discussant's question
    "sellitto",  # responds first
    "martinez",  # safety is about preventing harm
    "hickok",  # "Ms. Merve": objective function
    "hodes",  # era of AGI
    "iida",  # Hiroshima Process
    "ema",  # the moderator's point
    "iida",  # responds to Shiroyama's and Ema's points
    "hodes",  # agrees with Mr. Iida
    "hickok",  # differences in authority among ministries
    "martinez",  # Europe
    "sellitto",  # regulation and innovation, ASL
    # (4) Questions from an audience
    "participant",
    "sellitto",
    "martinez",
    # (5) Summary and closing remarks
    "shiroyama",
    "ema",
    "hoshi",
]

SECTION_SEQUENCE = ["opening"] + ["presenters"] * 8 + ["panel"] * 13 + ["questions"] * 3 + ["closing"] * 3

REMARKS_PER_SPEAKER = {
    "shiroyama": (3, {"opening", "panel", "closing"}),
    "martinez": (5, {"presenters", "panel", "questions"}),
    "hodes": (4, {"presenters", "panel"}),
    "hickok": (4, {"presenters", "panel"}),
    "sellitto": (5, {"presenters", "panel", "questions"}),
    "iida": (3, {"panel"}),
    "ema": (2, {"panel", "closing"}),
    "hoshi": (1, {"closing"}),
    "participant": (1, {"questions"}),
}


def _texts_of(proceedings: Proceedings, speaker_id: str) -> str:
    return "\n".join(r.text for r in proceedings.remarks_by_speaker[speaker_id])


def test_bundled_file_loads_with_no_problems() -> None:
    proceedings, problems = load_file(bundled_event())
    assert problems == []
    assert proceedings is not None

    result = load_paths([bundled_event()])
    assert result.problems == ()
    assert result.files == ((str(bundled_event()), ()),)
    assert [p.event.id for p in result.library.events] == [proceedings.event.id]


def test_event_title_date_and_organisers(bundled: Proceedings) -> None:
    event = bundled.event
    assert event.title == "International Trends in AI Safety and Governance"
    assert event.date == "2024-03-28"
    organisers = " | ".join(event.organisers)
    assert len(event.organisers) == 2
    assert "Institute for Future Initiatives" in organisers
    assert "Tokyo College" in organisers


def test_venue_parts_smallest_first(bundled: Proceedings) -> None:
    # "held at the SMBC Academia Hall in the International Academic Building at the
    # Hongo Campus of the University of Tokyo"
    venue = bundled.event.venue
    assert venue.hall == "SMBC Academia Hall"
    assert venue.building == "International Academic Building"
    assert venue.campus == "Hongo Campus"
    assert venue.institution is not None
    assert "University of Tokyo" in venue.institution
    assert venue.parts() == [venue.hall, venue.building, venue.campus, venue.institution]


def test_attendance_178_online_exact_and_about_30_at_the_venue(bundled: Proceedings) -> None:
    by_mode = {a.mode: a for a in bundled.event.attendance}
    assert set(by_mode) == {"online", "venue"}
    assert (by_mode["online"].count, by_mode["online"].approximate) == (178, False)
    assert (by_mode["venue"].count, by_mode["venue"].approximate) == (30, True)
    assert by_mode["online"].describe() == "178 online"
    assert by_mode["venue"].describe() == "about 30 at the venue"


def test_nine_speakers_with_the_reports_names(bundled: Proceedings) -> None:
    assert len(bundled.speakers) == 9
    assert {s.id for s in bundled.speakers} == SPEAKER_IDS
    for speaker_id, name in NAMES.items():
        assert bundled.speaker_by_id[speaker_id].name == name
    assert bundled.speaker_by_id["participant"].kind == "audience"
    assert all(s.kind == "speaker" for s in bundled.speakers if s.id != "participant")


def test_speaker_organisations_from_the_list_of_speakers(bundled: Proceedings) -> None:
    org = {s.id: s.organisation or "" for s in bundled.speakers}
    assert "CAIDP" in org["hickok"]
    assert "GPAI" in org["hodes"]
    assert "GPAI" in org["martinez"]
    assert "Anthropic" in org["sellitto"]
    assert "Ministry of Internal Affairs and Communications" in org["iida"]
    assert "Tokyo College" in org["ema"]
    assert "Tokyo College" in org["hoshi"]


def test_five_sections_in_agenda_order(bundled: Proceedings) -> None:
    assert [(s.id, s.number, s.title, s.kind) for s in bundled.sections] == SECTIONS


def test_remarks_follow_the_report_paragraph_by_paragraph(bundled: Proceedings) -> None:
    assert len(bundled.remarks) == 28
    assert [r.id for r in bundled.remarks] == [f"r{i:02d}" for i in range(1, 29)]
    assert [r.speaker for r in bundled.remarks] == SPEAKER_SEQUENCE
    assert [r.section for r in bundled.remarks] == SECTION_SEQUENCE
    assert [r.position for r in bundled.remarks] == list(range(28))


def test_remark_count_and_sections_per_speaker(bundled: Proceedings) -> None:
    for speaker_id, (count, sections) in REMARKS_PER_SPEAKER.items():
        assert len(bundled.remarks_by_speaker[speaker_id]) == count, speaker_id
        assert {s.id for s in bundled.sections_of(speaker_id)} == sections, speaker_id
    assert sum(count for count, _ in REMARKS_PER_SPEAKER.values()) == 28


def test_every_reply_link(bundled: Proceedings, report_replies: dict[str, str]) -> None:
    links = {r.id: r.reply_to for r in bundled.remarks if r.reply_to is not None}
    assert links == report_replies


def test_replies_stay_in_their_parents_section(bundled: Proceedings, report_replies: dict[str, str]) -> None:
    for child, parent in report_replies.items():
        assert bundled.remark_by_id[child].section == bundled.remark_by_id[parent].section


def test_who_answered_whom(bundled: Proceedings) -> None:
    # Hodes agreed with Mr. Iida (r19 -> r18) and answered Shiroyama's question (r15 -> r11).
    assert {s.id for s in bundled.answered_by("hodes")} == {"shiroyama", "iida"}
    # Shiroyama's question drew replies from five speakers.
    assert {s.id for s in bundled.answering("shiroyama")} == {"sellitto", "martinez", "hickok", "hodes", "iida"}
    # Sellitto and Martinez answered the online participant.
    assert {s.id for s in bundled.answering("participant")} == {"sellitto", "martinez"}


def test_key_terms_belong_to_the_right_speaker(bundled: Proceedings) -> None:
    martinez = _texts_of(bundled, "martinez")
    assert "AI for all" in martinez
    assert "technically functional" in martinez
    sellitto = _texts_of(bundled, "sellitto")
    assert "Responsible Scaling Policy" in sellitto
    assert "ASL" in sellitto
    assert "Risk Chain Models" in _texts_of(bundled, "shiroyama")
    assert "Department of Commerce" in _texts_of(bundled, "hickok")
    for speaker_id in SPEAKER_IDS - {"martinez"}:
        assert "technically functional" not in _texts_of(bundled, speaker_id)
    for speaker_id in SPEAKER_IDS - {"sellitto"}:
        assert "Responsible Scaling Policy" not in _texts_of(bundled, speaker_id)


def test_panel_topic_is_in_the_panel_description(bundled: Proceedings) -> None:
    panel = bundled.section_by_id["panel"]
    assert panel.description is not None
    assert "What is expected of Japan in AI governance" in panel.description


def test_hickok_is_also_called_ms_merve(bundled: Proceedings) -> None:
    hickok = bundled.speaker_by_id["hickok"]
    assert "Ms. Merve" in hickok.aliases
    assert hickok.display_name == "Ms. Merve Hickok"
