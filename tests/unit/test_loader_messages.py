"""Every kind of problem in an event file, as the exact line a user reads.

Each fixture in tests/fixtures/ is valid-minimal.yaml plus one defect; the expected
LINE:COL were counted by hand from the fixture (1-based, pointing at the value or
key at fault), and the messages follow docs/format.md.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from tui.formats.open import expand_paths, load_file, load_paths
from tui.formats.source import PathError, Problem
from tui.index.store import file_keys

RECORD_FIELDS = "expected one of: id, name, honorific, role, organisation, event_role, kind, aliases, bio, sex"
NO_CONTENT = (
    "the file has no content; an event file is a mapping with schema_version, event, speakers, sections and remarks"
)

ONE_PROBLEM = [
    # fixture, line, column, message
    ("missing-field.yaml", 21, 5, "remark is missing the required field 'section'"),
    ("wrong-type-list.yaml", 8, 11, "speaker name must be text, not a list"),
    ("unknown-field.yaml", 9, 5, f"unknown field 'rol' in speaker; did you mean 'role'? {RECORD_FIELDS}"),
    ("duplicate-speaker-id.yaml", 9, 9, "duplicate speaker id 'ana' (first on line 7); each must be unique"),
    ("duplicate-section-id.yaml", 16, 9, "duplicate section id 'opening' (first on line 12); each must be unique"),
    ("duplicate-remark-id.yaml", 21, 9, "duplicate remark id 'r01' (first on line 17); each must be unique"),
    ("dangling-speaker.yaml", 23, 14, "unknown speaker 'bem'; did you mean 'ben'? expected one of: ana, ben"),
    ("dangling-section.yaml", 22, 14, "unknown section 'openin'; did you mean 'opening'? expected one of: opening"),
    (
        "reply-to-later.yaml",
        20,
        15,
        "reply_to 'r02' names a later remark; a reply must come after the remark it answers",
    ),
    ("reply-to-missing.yaml", 24, 15, "reply_to 'r99' names no remark in this event"),
    ("reply-to-self.yaml", 24, 15, "remark 'r02' replies to itself; reply_to names the remark it answers"),
    (
        "duplicate-key.yaml",
        9,
        5,
        "duplicate field 'name' in speaker (first on line 8); YAML would keep only the last one: remove one",
    ),
    (
        "implicit-date.yaml",
        5,
        9,
        'event date must be text, but YAML reads 2024-03-28 as a date; put it in quotes: "2024-03-28"',
    ),
    (
        "implicit-sexagesimal.yaml",
        14,
        12,
        'section title must be text, but YAML reads 10:30 as a number; put it in quotes: "10:30"',
    ),
    (
        "implicit-bool.yaml",
        8,
        11,
        'speaker name must be text, but YAML reads NO as a true/false value; put it in quotes: "NO"',
    ),
    ("empty-string.yaml", 25, 11, "remark text is empty; write a value"),
    # The quote opened on line 25 is never closed: the parser runs to the end of the file.
    ("unclosed-quote.yaml", 26, 1, "YAML syntax: while scanning a quoted scalar found unexpected end of stream"),
    (
        "tab-indent.yaml",
        10,
        1,
        "YAML syntax: while scanning a plain scalar found a tab character that violates indentation (a tab); "
        "indent with spaces, not tabs",
    ),
    ("schema-version.yaml", 1, 17, "schema_version 2 is not supported; this Podium reads version 1"),
    ("empty.yaml", 1, 1, NO_CONTENT),
    ("top-level-list.yaml", 1, 1, "the file must be a mapping of fields, not a list"),
]


@pytest.mark.parametrize(("name", "line", "column", "message"), ONE_PROBLEM, ids=[c[0] for c in ONE_PROBLEM])
def test_one_defect_one_exact_message(fixtures_dir: Path, name: str, line: int, column: int, message: str) -> None:
    path = fixtures_dir / name
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert [str(p) for p in problems] == [f"{path}:{line}:{column}: {message}"]
    assert (problems[0].path, problems[0].line, problems[0].column) == (str(path), line, column)


def test_the_valid_base_fixture_loads(fixtures_dir: Path) -> None:
    proceedings, problems = load_file(fixtures_dir / "valid-minimal.yaml")
    assert problems == []
    assert proceedings is not None
    assert proceedings.event.id == "demo-2024"
    assert [(r.id, r.reply_to) for r in proceedings.remarks] == [("r01", None), ("r02", "r01")]


def test_whitespace_only_file_has_no_content(tmp_path: Path) -> None:
    path = tmp_path / "blank.yaml"
    path.write_text("   \n# only a comment\n\n", encoding="utf-8")
    assert [str(p) for p in load_file(path)[1]] == [f"{path}:1:1: {NO_CONTENT}"]


def test_a_second_yaml_document_is_refused(fixtures_dir: Path, tmp_path: Path) -> None:
    text = (fixtures_dir / "valid-minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "two.yaml"
    path.write_text(text + "---\n" + text, encoding="utf-8")
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert [str(p) for p in problems] == [
        f"{path}:26:1: YAML syntax: expected a single document in the stream but found another document"
    ]


# --------------------------------------------------------------------------- several problems

MULTI = """\
schema_version: 1
event:
  id: demo-2024
  title: A small example
  date: 2024-03-28
speakers:
  - id: ana
    name: Ana Example
    rol: Host
  - id: ben
    name: Ben Example
sections:
  - id: opening
    number: 1
    title: Opening remarks
    kind: remarks
remarks:
  - id: r01
    section: opening
    speaker: ana
    text: Welcomed everyone.
  - id: r02
    section: opening
    speaker: bem
    reply_to: r01
    text: ""
"""


def _multi_expected(path: Path) -> list[str]:
    return [
        f'{path}:5:9: event date must be text, but YAML reads 2024-03-28 as a date; put it in quotes: "2024-03-28"',
        f"{path}:9:5: unknown field 'rol' in speaker; did you mean 'role'? {RECORD_FIELDS}",
        f"{path}:24:14: unknown speaker 'bem'; did you mean 'ben'? expected one of: ana, ben",
        f"{path}:26:11: remark text is empty; write a value",
    ]


def test_several_problems_are_all_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "multi.yaml"
    path.write_text(MULTI, encoding="utf-8")
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert sorted(str(p) for p in problems) == sorted(_multi_expected(path))


def test_problems_in_separate_records_come_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "multi.yaml"
    # Drop the empty text, so that each record has at most one problem.
    path.write_text(MULTI.replace('text: ""', "text: Thanked the host."), encoding="utf-8")
    problems = load_file(path)[1]
    assert [str(p) for p in problems] == _multi_expected(path)[:3]


def test_problems_are_sorted_by_position_within_a_record(tmp_path: Path) -> None:
    path = tmp_path / "multi.yaml"
    path.write_text(MULTI, encoding="utf-8")
    assert [str(p) for p in load_file(path)[1]] == _multi_expected(path)


def test_problems_are_sorted_by_position_across_records(tmp_path: Path) -> None:
    path = tmp_path / "unsorted.yaml"
    path.write_text(
        "schema_version: 1\n"
        "event:\n"
        "  id: Demo\n"  # 3:7 bad id
        "  title: A small example\n"
        "  date: 2024-03-28\n"  # 5:9 unquoted date
        "speakers:\n"
        "  - id: ana\n"
        "    name: Ana Example\n"
        "  - id: ana\n"  # 9:9 duplicate id
        "    name: Ben Example\n"
        "  - id: cy\n"
        "    name: [Cy]\n"  # 12:11 list for text
        "sections:\n"
        "  - id: opening\n"
        "    number: 1\n"
        "    title: Opening remarks\n"
        "    kind: remarks\n"
        "remarks:\n"
        "  - id: r01\n"
        "    section: opening\n"
        "    speaker: ana\n"
        "    text: Welcomed everyone.\n",
        encoding="utf-8",
    )
    problems = load_file(path)[1]
    assert [(p.line, p.column) for p in problems] == [(3, 7), (5, 9), (9, 9), (12, 11)]


# --------------------------------------------------------------------------- several files


def test_a_bad_file_does_not_stop_a_good_one(fixtures_dir: Path) -> None:
    good, bad = fixtures_dir / "valid-minimal.yaml", fixtures_dir / "dangling-speaker.yaml"
    result = load_paths([good, bad])
    assert [p.event.id for p in result.library.events] == ["demo-2024"]
    assert result.library.events[0].source == str(good)
    expected = f"{bad}:23:14: unknown speaker 'bem'; did you mean 'ben'? expected one of: ana, ben"
    assert [str(p) for p in result.problems] == [expected]
    assert [(name, [str(p) for p in found]) for name, found in result.files] == [
        (str(good), []),
        (str(bad), [expected]),
    ]


def test_bad_file_first_then_good_file(fixtures_dir: Path) -> None:
    good, bad = fixtures_dir / "valid-minimal.yaml", fixtures_dir / "empty.yaml"
    result = load_paths([bad, good])
    assert [p.source for p in result.library.events] == [str(good)]
    assert [str(p) for p in result.problems] == [f"{bad}:1:1: {NO_CONTENT}"]


def test_second_file_with_the_same_event_id_is_refused(fixtures_dir: Path) -> None:
    first, second = fixtures_dir / "valid-minimal.yaml", fixtures_dir / "same-event-id.yaml"
    assert load_file(second)[1] == []  # valid on its own
    result = load_paths([first, second])
    assert [p.source for p in result.library.events] == [str(first)]
    message = f"{second}: event id 'demo-2024' is already used by {first}; give each event its own id"
    assert [str(p) for p in result.problems] == [message]
    assert result.problems[0].line is None
    assert dict(result.files)[str(first)] == ()


# --------------------------------------------------------------------------- bytes


def _base_bytes(fixtures_dir: Path) -> bytes:
    return (fixtures_dir / "valid-minimal.yaml").read_bytes()


def test_utf8_bom_is_accepted(fixtures_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + _base_bytes(fixtures_dir))
    proceedings, problems = load_file(path)
    assert problems == []
    assert proceedings is not None
    assert proceedings.event.title == "A small example"


def test_invalid_utf8_reports_line_column_and_byte_offset(fixtures_dir: Path, tmp_path: Path) -> None:
    base = _base_bytes(fixtures_dir)
    data = base.replace(b"Welcomed everyone", b"Welcomed every\xffone")
    offset = data.index(b"\xff")
    path = tmp_path / "latin.yaml"
    path.write_bytes(data)
    proceedings, problems = load_file(path)
    assert proceedings is None
    # line 20 is "    text: Welcomed every\xffone": 24 characters before the bad byte
    assert [str(p) for p in problems] == [
        f"{path}:20:25: invalid UTF-8 byte 0xff at byte offset {offset}; save the file as UTF-8"
    ]


def test_invalid_utf8_column_counts_characters_not_bytes(fixtures_dir: Path, tmp_path: Path) -> None:
    data = _base_bytes(fixtures_dir).replace(b"Welcomed everyone", "Café ß".encode() + b"\xfe")
    path = tmp_path / "latin.yaml"
    path.write_bytes(data)
    offset = data.index(b"\xfe")
    problem = load_file(path)[1][0]
    # "    text: Café ß" is 16 characters (but 18 bytes) before the bad byte
    assert (problem.line, problem.column) == (20, 17)
    assert f"at byte offset {offset};" in problem.message


def test_invalid_utf8_after_a_bom_reports_the_right_byte_and_offset(fixtures_dir: Path, tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + _base_bytes(fixtures_dir).replace(b"Welcomed everyone", b"Welcomed every\xffone")
    offset = data.index(b"\xff")
    path = tmp_path / "bom-latin.yaml"
    path.write_bytes(data)
    assert [str(p) for p in load_file(path)[1]] == [
        f"{path}:20:25: invalid UTF-8 byte 0xff at byte offset {offset}; save the file as UTF-8"
    ]


def test_nul_byte_is_refused(fixtures_dir: Path, tmp_path: Path) -> None:
    data = _base_bytes(fixtures_dir).replace(b"Welcomed everyone", b"Welcomed every\x00one")
    offset = data.index(b"\x00")
    path = tmp_path / "nul.yaml"
    path.write_bytes(data)
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert [str(p) for p in problems] == [f"{path}:20:25: NUL byte at byte offset {offset}; this is not a text file"]


def test_utf16_is_refused(fixtures_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes(codecs.BOM_UTF16_LE + _base_bytes(fixtures_dir).decode("utf-8").encode("utf-16-le"))
    assert [str(p) for p in load_file(path)[1]] == [f"{path}:1:1: file is UTF-16; save it as UTF-8"]


def test_raw_escape_character_is_reported_at_its_line_and_column(fixtures_dir: Path, tmp_path: Path) -> None:
    data = _base_bytes(fixtures_dir).replace(b"Welcomed everyone", b"Welcomed every\x1bone")
    path = tmp_path / "esc.yaml"
    path.write_bytes(data)
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (20, 25)
    assert "<unicode string>" not in problems[0].message


def test_raw_escape_character_is_refused_and_never_echoed(fixtures_dir: Path, tmp_path: Path) -> None:
    data = _base_bytes(fixtures_dir).replace(b"Welcomed everyone", b"Welcomed every\x1b[31mone")
    path = tmp_path / "esc.yaml"
    path.write_bytes(data)
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert len(problems) == 1
    assert "\x1b" not in str(problems[0])


def test_problem_text_is_safe_for_the_terminal() -> None:
    problem = Problem("evil\x1b[2J.yaml", "bad value '\x1b]0;title\x07'\nsecond line", 3, 4)
    text = str(problem)
    assert "\x1b" not in text and "\x07" not in text and "\n" not in text
    assert text.startswith("evil")
    assert ":3:4: bad value" in text


# --------------------------------------------------------------------------- safe loading


def test_python_tag_never_constructs_anything(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    path = fixtures_dir / "python-tag.yaml"
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert [str(p) for p in problems] == [f"{path}:20:11: remark text must be text, not a list"]
    assert calls == []
    assert "hacked" not in capfd.readouterr().out


@pytest.mark.parametrize(
    "document",
    [
        '!!python/object/apply:os.system ["touch {marker}"]\n',
        'schema_version: !!python/object/apply:os.system ["touch {marker}"]\n',
        'schema_version: !!python/object/new:os.system ["touch {marker}"]\n',
        "schema_version: 1\nevent: !!python/object/apply:subprocess.call [[touch, {marker}]]\n",
    ],
)
def test_python_tags_in_any_place_run_nothing(tmp_path: Path, document: str) -> None:
    marker = tmp_path / "hacked"
    path = tmp_path / "evil.yaml"
    path.write_text(document.format(marker=marker), encoding="utf-8")
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert problems
    assert not marker.exists()


def test_tagged_scalar_is_reported_as_the_wrong_type(fixtures_dir: Path, tmp_path: Path) -> None:
    text = (fixtures_dir / "valid-minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "tagged.yaml"
    path.write_text(text.replace("text: Welcomed everyone.", "text: !!python/name:os.system"), encoding="utf-8")
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (20, 11)
    assert problems[0].message.startswith("remark text must be text, not ")
    # It must say what YAML read instead, not contradict itself.
    assert problems[0].message != "remark text must be text, not text"


# --------------------------------------------------------------------------- rules of docs/format.md

RULES = [
    # (what the base line becomes, expected problems as (line, column, message)); [] means it loads
    (
        ("    speaker: ana\n", "    speaker: ana\n    topics: [yes, no]\n"),
        [
            (
                20,
                14,
                'each of remark topics must be text, but YAML reads yes as a true/false value; put it in quotes: "yes"',
            ),
            (
                20,
                19,
                'each of remark topics must be text, but YAML reads no as a true/false value; put it in quotes: "no"',
            ),
        ],
    ),
    (
        ("  id: demo-2024\n", "  id: 2024\n"),
        [(3, 7, 'event id must be text, but YAML reads 2024 as a number; put it in quotes: "2024"')],
    ),
    (("  id: demo-2024\n", '  id: "2024"\n'), []),
    (
        ("    number: 1\n", '    number: "1"\n'),
        [(13, 13, "section number must be a whole number like 3, not text '1': write it without quotes")],
    ),
    (
        ("schema_version: 1\n", 'schema_version: "1"\n'),
        [(1, 17, "schema_version must be a whole number like 3, not text '1': write it without quotes")],
    ),
    (
        ("  - id: r02\n", "  - id: R02\n"),
        [
            (
                21,
                9,
                "remark id 'R02' must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
            )
        ],
    ),
    # Optional fields written with no value count as not given; anchors and aliases work.
    (
        (
            "    name: Ana Example\n",
            "    name: Ana Example\n    bio: ~\n    honorific:\n    aliases:\n    event_role: null\n",
        ),
        [],
    ),
    (("    reply_to: r01\n", "    reply_to: null\n    topics:\n"), []),
    (("    name: Ana Example\n", "    name: &who Ana Example\n    bio: *who\n"), []),
]


@pytest.mark.parametrize(("edit", "expected"), RULES, ids=[edit[1].strip() for edit, _ in RULES])
def test_format_rules(
    fixtures_dir: Path, tmp_path: Path, edit: tuple[str, str], expected: list[tuple[int, int, str]]
) -> None:
    base = (fixtures_dir / "valid-minimal.yaml").read_text(encoding="utf-8")
    old, new = edit
    assert old in base
    path = tmp_path / "case.yaml"
    path.write_text(base.replace(old, new, 1), encoding="utf-8")
    proceedings, problems = load_file(path)
    assert [str(p) for p in problems] == [f"{path}:{line}:{column}: {message}" for line, column, message in expected]
    assert (proceedings is None) == bool(expected)


def test_optional_nulls_load_as_not_given(fixtures_dir: Path, tmp_path: Path) -> None:
    base = (fixtures_dir / "valid-minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "nulls.yaml"
    path.write_text(
        base.replace(
            "    name: Ana Example\n", "    name: &who Ana Example\n    bio: ~\n    aliases:\n    role: *who\n"
        ),
        encoding="utf-8",
    )
    proceedings, problems = load_file(path)
    assert problems == []
    assert proceedings is not None
    ana = proceedings.speaker_by_id["ana"]
    assert (ana.bio, ana.aliases, ana.role, ana.kind) == (None, (), "Ana Example", "speaker")


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    proceedings, problems = load_file(path)
    assert proceedings is None
    assert len(problems) == 1


# --------------------------------------------------------------------------- paths


def test_directory_is_searched_in_name_order_skipping_hidden(fixtures_dir: Path, tmp_path: Path) -> None:
    valid = (fixtures_dir / "valid-minimal.yaml").read_bytes()
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.yaml", "a.YML", "sub/c.yaml", ".hidden/d.yaml", ".e.yaml", "notes.txt"):
        (tmp_path / name).write_bytes(valid)
    found = expand_paths([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.YML", "b.yaml", "sub/c.yaml"]


def test_a_folder_lists_linked_files_but_does_not_follow_links_to_folders(fixtures_dir: Path, tmp_path: Path) -> None:
    """As `rglob` does: a link to a file is a file of the folder; a link to a folder (a loop here) is not walked."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "elsewhere.yaml").write_bytes((fixtures_dir / "valid-minimal.yaml").read_bytes())
    folder = tmp_path / "library"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "linked.yaml").symlink_to(outside / "elsewhere.yaml")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "outside").symlink_to(outside, target_is_directory=True)
    (folder / "broken.yaml").symlink_to(tmp_path / "gone.yaml")
    found = expand_paths([folder])
    assert [p.relative_to(folder).as_posix() for p in found] == ["sub/linked.yaml"]
    assert file_keys(found) == [str(outside / "elsewhere.yaml")]
    assert file_keys([folder / "sub" / ".." / "sub" / "linked.yaml", folder]) == [
        str((folder / "sub" / "linked.yaml").resolve()),
        str(folder.resolve()),
    ]


def test_a_file_whose_folder_cannot_be_searched_is_keyed_as_resolve_keys_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder readable but not searchable lists its files, and lstat of them fails: keyed as before, no error."""
    inside = tmp_path / "locked" / "event.yaml"

    def refused(self: Path) -> bool:
        if self == inside:
            raise PermissionError(13, "Permission denied", str(self))
        return False

    monkeypatch.setattr(Path, "is_symlink", refused)
    assert file_keys([inside]) == [str(inside.resolve())]


def test_a_file_named_directly_is_read_whatever_its_extension(fixtures_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "event.txt"
    path.write_bytes((fixtures_dir / "valid-minimal.yaml").read_bytes())
    result = load_paths(expand_paths([path]))
    assert result.problems == ()
    assert [p.event.id for p in result.library.events] == ["demo-2024"]


def test_unusable_paths(tmp_path: Path) -> None:
    with pytest.raises(PathError, match="no such file or directory"):
        expand_paths([tmp_path / "missing.yaml"])
    with pytest.raises(PathError, match="no event files"):
        expand_paths([tmp_path])


def test_a_directory_given_to_load_file_is_not_a_regular_file(tmp_path: Path) -> None:
    assert [str(p) for p in load_file(tmp_path)[1]] == [
        f"{tmp_path}: not a regular file (a directory, FIFO or device); name a .yaml file"
    ]
