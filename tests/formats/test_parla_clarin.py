"""ParlaMint / Parla-CLARIN TEI: sittings, their speakers from the corpus's lists, and every spoken word kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from format_cases import ROOT, SHARED
from lxml import etree

from tui.cli import main
from tui.core.model import Proceedings
from tui.formats.open import expand_paths, load_file, load_paths

FIXTURES = ROOT / "tests" / "fixtures" / "formats" / "tei_corpora"
XX = FIXTURES / "ParlaMint-XX"
TEI = "{http://www.tei-c.org/ns/1.0}"
NOT_SPOKEN = {f"{TEI}{k}" for k in ("note", "gap", "incident", "kinesic", "vocal", "desc", "linkGrp")}


def load(path: Path) -> Proceedings:
    proceedings, problems = load_file(path)
    assert problems == []
    assert proceedings is not None
    return proceedings


def spoken_words(path: Path) -> list[list[str]]:
    """Each <u>'s words as the file holds them, read by XPath: the text under its segs, less what is not speech."""
    tree = etree.parse(str(path))
    said = []
    for u in tree.iter(f"{TEI}u"):
        texts = []
        for node in u.iter(f"{TEI}seg"):
            for text in node.xpath(".//text()"):
                owner = text.getparent() if text.is_text else text.getparent().getparent()
                inside = [owner, *owner.iterancestors()] if owner is not None else []
                if not any(e.tag in NOT_SPOKEN for e in inside[: inside.index(node) + 1 if node in inside else 0]):
                    texts.append(str(text))
        said.append(" ".join(texts).split())
    return said


def tokens(path: Path) -> list[str]:
    """Each <u>'s tokens (outermost w and pc) run together: what an .ana file's words are made of."""
    tree = etree.parse(str(path))
    out = []
    for u in tree.iter(f"{TEI}u"):
        words = [w.text or "" for w in u.iter(f"{TEI}w", f"{TEI}pc") if w.getparent().tag != f"{TEI}w"]
        out.append("".join(words))
    return out


# --------------------------------------------------------------------------- the fixture corpus


def test_a_sitting_reads_its_header_sections_and_one_remark_per_utterance() -> None:
    sitting = load(XX / "2020" / "ParlaMint-XX_2020-03-01.xml")
    event = sitting.event
    assert event.title == "Exampleland corpus, Sitting 12 (2020-03-01) [ParlaMint]"  # the English main title
    assert event.date == "2020-03-01"
    assert event.summary == "Term 3 · Sitting 12"
    assert event.venue.parts() == ["Parliament Street 1", "Capital", "Exampleland"]
    assert [s.title for s in sitting.sections] == ["Opening of the sitting", "Budget debate"]
    assert len(sitting.remarks) == 6
    assert [r.section for r in sitting.remarks] == [sitting.sections[0].id] * 2 + [sitting.sections[1].id] * 4


def test_speakers_have_the_name_party_and_role_valid_on_the_sittings_date() -> None:
    march = load(XX / "2020" / "ParlaMint-XX_2020-03-01.xml")
    september = load(XX / "2020" / "ParlaMint-XX_2020-09-01.xml")
    anna = march.speakers[0]
    assert (anna.name, anna.sex, anna.organisation) == ("Anna Maria Virtanen", "F", "Green Group (GRN)")
    assert anna.role == "member, Speaker of the Assembly"
    assert anna.event_roles == ("chair",)
    assert september.speakers[0].organisation == "Independent Members"  # changed group on 2020-07-01
    assert september.speakers[0].event_roles == ()
    juhani = march.speakers[1]
    assert (juhani.name, juhani.organisation) == ("Juhani Mäkelä", "LIB")
    assert juhani.role == "member, Minister of Finance"
    assert september.speakers[1].name == "Juhani von Korhonen"  # the name valid from 2020-06-01
    liisa = march.speakers[2]
    assert (liisa.name, liisa.sex, liisa.organisation) == ("Liisa Nieminen", None, "Green Group (GRN)")


def test_unlisted_and_unnamed_speakers_are_kept_never_dropped() -> None:
    sitting = load(XX / "2020" / "ParlaMint-XX_2020-03-01.xml")
    by_text = {r.text: sitting.speaker_by_id[r.speaker] for r in sitting.remarks}
    holm = by_text["As the auditor, I can confirm the figures."]
    assert (holm.name, holm.organisation, holm.event_roles) == ("MR HOLM (guest)", None, ("guest",))  # the label
    chair = by_text["Thank you. The debate is closed."]
    assert (chair.name, chair.event_roles) == ("Chair", ("chair",))  # no who: the chair
    assert by_text["Point of order!"].name == "Unknown speaker"  # no who, no chair mark


def test_notes_gaps_and_incidents_are_kept_beside_the_words_not_in_them() -> None:
    sitting = load(XX / "2020" / "ParlaMint-XX_2020-03-01.xml")
    first, second = sitting.remarks[0], sitting.remarks[1]
    assert first.notes == ("10:00",)  # a note before the first utterance: the first one's
    assert second.text == (
        "Madam Speaker, the budget grows by two per cent.\nWe will not cut pensions, and we will keep our word."
    )
    assert second.notes == (
        "(points at the chart)",
        "Applause",
        "gap (inaudible)",
        "Interruption",
        "The Minister hands over the papers.",  # between utterances: the one before it
    )


@pytest.mark.parametrize(
    "path",
    [
        XX / "2020" / "ParlaMint-XX_2020-03-01.xml",
        XX / "2020" / "ParlaMint-XX_2020-09-01.xml",
        FIXTURES / "ParlaMint-YY" / "ParlaMint-YY_2019-05-05.xml",
        FIXTURES / "alone" / "ParlaMint-ZZ_2022-02-02.xml",
    ],
    ids=lambda p: p.name,
)
def test_no_spoken_word_is_lost_or_added(path: Path) -> None:
    sitting = load(path)
    assert [r.text.split() for r in sitting.remarks] == spoken_words(path)


def test_the_annotated_twin_gives_the_same_words_and_opens_once_beside_it() -> None:
    plain = load(XX / "2020" / "ParlaMint-XX_2020-03-01.xml")
    annotated = load(XX / "2020" / "ParlaMint-XX_2020-03-01.ana.xml")
    assert [r.text for r in annotated.remarks] == [r.text for r in plain.remarks]
    assert [r.notes for r in annotated.remarks][:2] == [(), plain.remarks[1].notes[:4]]
    files = [p.name for p in expand_paths([XX])]
    assert files == ["ParlaMint-XX_2020-03-01.xml", "ParlaMint-XX_2020-09-01.xml"]  # no root, no list, no twin


def test_a_corpus_root_named_alone_opens_the_sittings_it_names_that_are_there() -> None:
    # it names three sittings, one of them not in the folder; the twin it does not name stays out
    assert expand_paths([XX / "ParlaMint-XX.xml"]) == [
        XX / "2020" / "ParlaMint-XX_2020-03-01.xml",
        XX / "2020" / "ParlaMint-XX_2020-09-01.xml",
    ]


def test_lists_inside_the_root_and_labels_without_a_list() -> None:
    yy = load(FIXTURES / "ParlaMint-YY" / "ParlaMint-YY_2019-05-05.xml")
    assert [(s.name, s.organisation) for s in yy.speakers] == [("Ola Nordmann", "Blue Alliance (BA)")]
    alone = load(FIXTURES / "alone" / "ParlaMint-ZZ_2022-02-02.xml")
    # named by id until a printed label names them, then by the label
    assert [(s.name, s.event_roles) for s in alone.speakers] == [("PRESIDENT (Mr Zed)", ("chair",)), ("Mr Wye", ())]


def test_a_corpus_folder_opens_in_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(XX)]) == 0
    assert main(["remarks", str(XX), "-q", "pensions"]) == 0
    out = capsys.readouterr().out
    assert "2 of 8 remarks" in out
    assert "Juhani Mäkelä" in out and "Juhani von Korhonen" in out


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("org:grn", {"Anna Maria Virtanen", "Liisa Nieminen"}),  # her group until 2020-06-30 only
        ("org:independent", {"Anna Maria Virtanen"}),
        ("role:minister", {"Juhani Mäkelä", "Juhani von Korhonen"}),  # one of his positions that day
        ("role:chair", {"Anna Maria Virtanen", "Chair"}),
        ("role:guest", {"MR HOLM (guest)"}),
        ("date:2020-09", {"Anna Maria Virtanen", "Juhani von Korhonen"}),
        ("org:grn date:..2020-06", {"Anna Maria Virtanen", "Liisa Nieminen"}),
        ("-org:grn -org:lib date:2020-03", {"MR HOLM (guest)", "Chair", "Unknown speaker"}),
    ],
)
def test_researchers_filter_a_corpus_by_party_role_and_date(
    query: str, names: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["remarks", str(XX), "-q", query, "-f", "json"]) == 0
    found = json.loads(capsys.readouterr().out)["remarks"]
    assert {r["speaker"]["name"] for r in found} == names


# --------------------------------------------------------------------------- hostile corpora


def corpus(tmp_path: Path, include: str, **files: str) -> Path:
    """A corpus folder whose root includes `include` as its person list, and one sitting."""
    folder = tmp_path / "ParlaMint-HH"
    folder.mkdir()
    (folder / "ParlaMint-HH.xml").write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc>\n'
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{include}"/>\n'
        "</particDesc></profileDesc></teiHeader></teiCorpus>\n"
    )
    sitting = (XX / "2020" / "ParlaMint-XX_2020-09-01.xml").read_text().replace("ParlaMint-XX", "ParlaMint-HH")
    (folder / "ParlaMint-HH_2020-09-01.xml").write_text(sitting)
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text)
    return folder


@pytest.mark.parametrize(
    ("href", "refusal"),
    [
        ("/etc/passwd", "only a relative path to a file in the corpus folder is followed"),
        ("https://example.org/listPerson.xml", "only a relative path to a file in the corpus folder is followed"),
        ("file:///etc/hostname", "only a relative path to a file in the corpus folder is followed"),
        ("../outside.xml", "it leads outside the corpus folder"),
        ("ParlaMint-HH.xml", "that file is already read (an include loop, or the same list twice)"),
    ],
)
def test_an_include_outside_the_folder_or_in_a_loop_is_refused(tmp_path: Path, href: str, refusal: str) -> None:
    (tmp_path / "outside.xml").write_text('<listPerson xmlns="http://www.tei-c.org/ns/1.0"/>')
    folder = corpus(tmp_path, href)
    result = load_paths(expand_paths([folder]))
    assert len(result.library.events) == 1  # the sitting opens all the same, speakers by id
    assert [str(p) for p in result.problems] == [
        f'{folder / "ParlaMint-HH.xml"}:2:1: xi:include href="{href}" refused: {refusal}'
        + (f" {folder.resolve()}" if "outside" in refusal else "")
    ]


def test_includes_nest_only_a_few_levels(tmp_path: Path) -> None:
    chain = {
        f"l{n}__xml": f'<listPerson xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n'
        f'<xi:include href="l{n + 1}.xml"/></listPerson>'
        for n in range(6)
    }
    folder = corpus(tmp_path, "l0.xml", **chain)
    result = load_paths(expand_paths([folder]))
    assert [p.message for p in result.problems] == [
        'xi:include href="l3.xml" refused: includes nest deeper than 3 levels'
    ]
    assert result.problems[0].path == str(folder / "l2.xml")


def test_entities_in_a_person_list_are_refused_not_expanded(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 12))
    person_list = (
        f'<!DOCTYPE listPerson [<!ENTITY e0 "ha">{laughs}<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<listPerson xmlns="http://www.tei-c.org/ns/1.0"><person xml:id="A"><persName>&e11;&x;</persName></person>'
        "</listPerson>"
    )
    folder = corpus(tmp_path, "list.xml", list__xml=person_list)
    result = load_paths(expand_paths([folder]))
    assert len(result.library.events) == 1
    [problem] = result.problems
    assert problem.path == str(folder / "list.xml") and problem.line == 1
    assert problem.message.startswith("XML: ")


def test_a_deeply_nested_sitting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "ParlaMint-DD_2020-01-01.xml"
    depth = 300_000
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u><seg>'
        + "<hi>" * depth
        + "deep"
        + "</hi>" * depth
        + "</seg></u></body></text></TEI>"
    )
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(1, "XML")]


def test_a_sitting_of_two_hundred_thousand_utterances_loads_whole(tmp_path: Path) -> None:
    path = tmp_path / "ParlaMint-BB_2020-01-01.xml"
    utterances = "".join(f'<u who="#P{n % 50}" ana="#regular"><seg>Word {n}.</seg></u>' for n in range(200_000))
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>{utterances}</div></body></text></TEI>')
    sitting = load(path)
    assert len(sitting.remarks) == 200_000 and len(sitting.speakers) == 50
    assert sitting.remarks[-1].text == "Word 199999."


# --------------------------------------------------------------------------- the real corpora


REAL = SHARED / "parlamint"
REAL_SITTINGS = sorted(p for p in REAL.glob("*/**/ParlaMint-*_[12][0-9][0-9][0-9]-*.xml")) if REAL.exists() else []


@pytest.mark.skipif(not REAL_SITTINGS, reason=f"{REAL} not present")
@pytest.mark.parametrize("path", REAL_SITTINGS, ids=lambda p: p.name)
def test_every_real_sitting_keeps_every_utterance_and_spoken_word(path: Path) -> None:
    sitting = load(path)
    tree = etree.parse(str(path))
    utterances = list(tree.iter(f"{TEI}u"))
    assert len(sitting.remarks) == len(utterances)
    if path.name.endswith(".ana.xml"):
        assert [r.text.replace(" ", "").replace("\n", "") for r in sitting.remarks] == tokens(path)
    else:
        assert [r.text.split() for r in sitting.remarks] == spoken_words(path)
    chairs = [n for n, u in enumerate(utterances) if "chair" in (u.get("ana") or "")]
    assert chairs == [
        n for n, r in enumerate(sitting.remarks) if "chair" in sitting.speaker_by_id[r.speaker].event_roles
    ]
    heads = [
        " ".join("".join(d.find(f"{TEI}head").itertext()).split())
        for d in tree.iter(f"{TEI}div")
        if d.find(f"{TEI}head") is not None and d.find(f".//{TEI}u") is not None
    ]
    assert [s.title for s in sitting.sections if not s.title.startswith("Section ")] == heads


def real(path: str) -> Proceedings:
    full = REAL / path
    if not full.exists():
        pytest.skip(f"{full} not present")
    return load(full)


def test_real_spanish_twins_agree_and_the_chair_has_no_id() -> None:
    plain = real("ParlaMint-ES/2018/ParlaMint-ES_2018-07-25-CD180725.xml")
    annotated = real("ParlaMint-ES/2018/ParlaMint-ES_2018-07-25-CD180725.ana.xml")
    assert [r.text for r in annotated.remarks] == [r.text for r in plain.remarks]
    assert sum(len(r.text.split()) for r in plain.remarks) == 334  # the header's own count
    assert [(s.name, s.event_roles) for s in plain.speakers] == [("Chair", ("chair",))]
    assert [p.name for p in expand_paths([REAL / "ParlaMint-ES"])].count("ParlaMint-ES_2018-07-25-CD180725.xml") == 1
    assert not any(p.name.endswith(".ana.xml") for p in expand_paths([REAL / "ParlaMint-ES"]))


def test_real_speakers_carry_their_party_on_the_day() -> None:
    es = real("ParlaMint-ES/2016/ParlaMint-ES_2016-07-19-CD160719.xml")
    assert (es.speakers[0].name, es.speakers[0].organisation, es.speakers[0].sex) == (
        "María Teresa De Lara Carbó",
        "Partido Popular (PP)",
        "F",
    )
    galician = real("ParlaMint-ES-GA/ParlaMint-ES-GA_2015-01-26-DSPGDP007.xml")
    assert galician.speakers[0].organisation == "People's Party of Galicia (PPdeG)"  # a politicalParty, dated
    assert galician.speakers[0].event_roles == ("chair",)
    estonian = real("ParlaMint-EE/ParlaMint-EE_2022-06-08.ana.xml")
    assert [(s.name, s.organisation) for s in estonian.speakers][:2] == [
        ("Hanno Pevkur", "Reformierakond (RE)"),
        ("Tarmo Kruusimäe", "Isamaa (ISA)"),
    ]
    assert estonian.remarks[0].text.startswith("Head kolleegid, uus päev on koitnud.")


def test_real_samples_without_their_lists_keep_ids_and_printed_names() -> None:
    commons = real("ParlaMint-GB/2017/ParlaMint-GB_2017-09-07-commons.xml")
    assert [s.name for s in commons.speakers] == ["StephenKinnock", "DavidDavis", "RobertBlackman", "MarcusJones"]
    assert "ParlaMint-GB-listPerson.xml not in the corpus folder" in (commons.event.summary or "")
    greek = real("ParlaMint-GR/2022/ParlaMint-GR_2022-02-01-S1-commons.xml")
    assert greek.event.title == "Greek parliamentary corpus ParlaMint-GR, session 64 [ParlaMint SAMPLE]"
    assert greek.speakers[0].name == "ΠΡΟΕΔΡΕΥΩΝ (ΝΙΚΗΤΑΣ ΚΑΚΛΑΜΑΝΗΣ)"
    assert "SAMPLING" in greek.remarks[1].notes


@pytest.mark.skipif(not REAL.exists(), reason=f"{REAL} not present")
@pytest.mark.parametrize(
    "corpus_name", ["ParlaMint-EE", "ParlaMint-ES", "ParlaMint-ES-GA", "ParlaMint-GB", "ParlaMint-GR"]
)
def test_every_real_corpus_folder_opens_in_the_cli(corpus_name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remarks", str(REAL / corpus_name), "--no-cache", "-f", "json"]) == 0
    assert '"total"' in capsys.readouterr().out


def test_the_library_index_keeps_notes_sex_and_affiliations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.cli

    monkeypatch.setattr(tui.cli, "CACHE_MIN_BYTES", 0)  # the fixture corpus is small: read it through the index
    shown = {}
    for command in ("remarks", "speakers"):
        assert main([command, "--no-cache", str(XX), "-f", "json"]) == 0
        direct = shown[command] = capsys.readouterr().out
        assert main([command, str(XX), "-f", "json"]) == 0  # builds the index
        built = capsys.readouterr().out
        assert main([command, str(XX), "-f", "json"]) == 0  # reads it back
        assert built == direct == capsys.readouterr().out
    assert '"Applause"' in shown["remarks"]
    assert '"sex": "F"' in shown["speakers"] and '"organisation": "Independent Members"' in shown["speakers"]


def test_a_machine_translation_opens_as_its_own_event_marked_so(tmp_path: Path) -> None:
    original = (XX / "2020" / "ParlaMint-XX_2020-09-01.xml").read_text()
    folder = tmp_path / "ParlaMint-XX-en"
    folder.mkdir()
    english = original.replace('xml:id="ParlaMint-XX_2020-09-01"', 'xml:id="ParlaMint-XX-en_2020-09-01"')
    (folder / "ParlaMint-XX-en_2020-09-01.xml").write_text(english)
    (folder / "ParlaMint-XX_2020-09-01.xml").write_text(original)
    events = load_paths(expand_paths([folder])).library.events
    assert [(e.event.id, e.event.title) for e in events] == [
        (
            "parlamint-xx-en-2020-09-01",
            "Esimerkkimaan korpus, istunto 40 (2020-09-01) [ParlaMint] (machine translation)",
        ),
        ("parlamint-xx-2020-09-01", "Esimerkkimaan korpus, istunto 40 (2020-09-01) [ParlaMint]"),
    ]


# --------------------------------------------------------------------------- what a fresh-eyes review found


def sitting_file(path: Path, body: str, header: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>'
        '<profileDesc><settingDesc><setting><date when="2021-06-01"/></setting></settingDesc></profileDesc>'
        f"{header}</teiHeader><text><body>{body}</body></text></TEI>\n"
    )
    return path


def test_words_wrapped_in_time_or_spread_over_surface_words_are_spoken(tmp_path: Path) -> None:
    # ParlaMint's .ana schema lets <time> (and date, num…) wrap tokens, and a <w> hold its surface words as <w>s
    path = sitting_file(
        tmp_path / "ParlaMint-T1_2021-06-01.ana.xml",
        '<u who="#A"><seg><s><w>We</w> <w>meet</w> <w>at</w> <time when="10:00"><w>ten</w> <w>o\'clock</w></time>'
        ' <w>in</w> <w norm="New York"><w>New</w> <w join="right">York</w></w><pc>.</pc></s></seg></u>',
    )
    assert load(path).remarks[0].text == "We meet at ten o'clock in New York."


def test_a_note_between_two_words_leaves_them_two_words_and_loose_words_keep_their_place(tmp_path: Path) -> None:
    path = sitting_file(
        tmp_path / "ParlaMint-T2_2021-06-01.xml",
        '<u who="#A">Loose before<seg>We will not<gap reason="inaudible"/>cut pensions<note>(noise)</note>and'
        " we keep<pb/>our word.</seg>loose after</u>",
    )
    remark = load(path).remarks[0]
    assert remark.text == "Loose before\nWe will not cut pensions and we keep our word.\nloose after"
    assert remark.notes == ("gap (inaudible)", "(noise)")
    assert spoken_words(path) == [["We", "will", "not", "cut", "pensions", "and", "we", "keep", "our", "word."]]


def people_corpus(tmp_path: Path, persons: str, orgs: str) -> Path:
    folder = tmp_path / "ParlaMint-PP"
    folder.mkdir()
    (folder / "ParlaMint-PP.xml").write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc>'
        f"<listOrg>{orgs}</listOrg><listPerson>{persons}</listPerson>"
        "</particDesc></profileDesc></teiHeader></teiCorpus>"
    )
    return sitting_file(folder / "ParlaMint-PP_2021-06-01.xml", '<u who="#A"><seg>Words.</seg></u>')


def test_a_renamed_party_and_every_body_but_a_party_give_the_day_s_organisation_and_role(tmp_path: Path) -> None:
    orgs = (
        '<org role="politicalParty" xml:id="party.X"><orgName full="yes" to="2020-12-31">Old Party Name</orgName>'
        '<orgName full="yes" from="2021-01-01">New Party Name</orgName><orgName full="abb">NPN</orgName></org>'
        '<org role="ministry" xml:id="MIN"><orgName full="yes" xml:lang="en">Ministry of Roads</orgName></org>'
        '<org role="nationalCouncil" xml:id="NC"><orgName full="yes">National Council</orgName></org>'
    )
    persons = (
        '<person xml:id="A"><persName><surname>Doe</surname><forename>Jane</forename><addName>Jr</addName></persName>'
        '<affiliation ref="#party.X" role="member" from="2019"/>'
        '<affiliation ref="#MIN" role="minister" when="2021-06-01"/>'
        '<affiliation ref="#NC" role="member" from="2019-01-01T09:00:00" notAfter="2022"/></person>'
    )
    (speaker,) = load(people_corpus(tmp_path, persons, orgs)).speakers
    assert (speaker.name, speaker.organisation) == ("Jane Doe Jr", "New Party Name (NPN)")
    assert speaker.role == "minister of Ministry of Roads, member of National Council"


def test_a_release_s_annotated_folder_beside_its_plain_one_opens_each_sitting_once(tmp_path: Path) -> None:
    for folder, name in (("ParlaMint-XX.TEI", "X.xml"), ("ParlaMint-XX.TEI.ana", "X.ana.xml")):
        shutil.copytree(XX / "2020", tmp_path / folder / "2020")
        for path in (tmp_path / folder / "2020").iterdir():
            if not path.name.endswith(name.removeprefix("X")) or (name == "X.xml" and ".ana." in path.name):
                path.unlink()
    files = [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])]
    assert files == [
        "ParlaMint-XX.TEI/2020/ParlaMint-XX_2020-03-01.xml",
        "ParlaMint-XX.TEI/2020/ParlaMint-XX_2020-09-01.xml",
    ]


def test_a_root_s_problem_is_said_once_for_all_its_sittings(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "/etc/passwd")
    second = (folder / "ParlaMint-HH_2020-09-01.xml").read_text()
    (folder / "ParlaMint-HH_2020-09-02.xml").write_text(second)
    result = load_paths(expand_paths([folder]))
    assert len(result.library.events) == 2 and len(result.problems) == 1


def test_an_include_of_a_link_loop_a_long_name_or_the_same_list_again_is_refused(tmp_path: Path) -> None:
    fan = "".join('\n<xi:include href="l0.xml"/>' for _ in range(20))  # a line each: a place each
    list_file = (
        f'<listPerson xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">{fan}</listPerson>'
    )
    folder = corpus(tmp_path, "l0.xml", l0__xml=list_file)
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    root = folder / "ParlaMint-HH.xml"
    root.write_text(
        root.read_text().replace(
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="l0.xml"/>',
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="l0.xml"/>'
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="a"/>'
            f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{"n" * 300}.xml"/>',
        )
    )
    result = load_paths(expand_paths([folder]))
    assert len(result.library.events) == 1
    messages = [p.message for p in result.problems]
    assert (
        messages.count(
            'xi:include href="l0.xml" refused: that file is already read (an include loop, or the same list twice)'
        )
        == 20
    )
    assert any(m.startswith('xi:include href="a" refused: it cannot be followed') for m in messages)
    assert len(messages) == 21  # a 300-character name is simply not there: a list missing, not a fault


def test_a_fifo_beside_the_corpus_is_never_opened(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    sitting = sitting_file(
        tmp_path / "corpus" / "2020" / "ParlaMint-ZZ_2021-06-01.xml", '<u who="#A"><seg>W.</seg></u>'
    )
    os.mkfifo(tmp_path / "aaa.xml")
    os.mkfifo(tmp_path / "corpus" / "ParlaMint-ZZ.xml")
    done = subprocess.run(
        [sys.executable, "-m", "tui", "validate", str(sitting)], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout) == (0, f"{sitting}: OK\n")


def test_an_unrelated_corpus_root_above_is_not_taken_for_the_sitting_s(tmp_path: Path) -> None:
    shutil.copy(XX / "ParlaMint-XX.xml", tmp_path / "MyNotes.xml")
    shutil.copy(XX / "ParlaMint-XX-listPerson.xml", tmp_path / "ParlaMint-XX-listPerson.xml")
    sitting = sitting_file(
        tmp_path / "gr" / "2021" / "ParlaMint-ZZ_2021-06-01.xml", '<u who="#AnnaVirtanen"><seg>W.</seg></u>'
    )
    assert [s.name for s in load(sitting).speakers] == ["AnnaVirtanen"]


def test_the_library_index_reads_a_sitting_again_when_its_person_list_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.cli

    monkeypatch.setattr(tui.cli, "CACHE_MIN_BYTES", 0)
    folder = tmp_path / "ParlaMint-XX"
    shutil.copytree(XX, folder)
    people = folder / "ParlaMint-XX-listPerson.xml"
    assert main(["speakers", str(folder), "-f", "json"]) == 0
    assert '"Anna Maria Virtanen"' in capsys.readouterr().out
    people.write_text(people.read_text().replace("<forename>Anna</forename>", "<forename>Annika</forename>"))
    assert main(["speakers", str(folder), "-f", "json"]) == 0
    assert '"Annika Maria Virtanen"' in capsys.readouterr().out
