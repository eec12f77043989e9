"""Hostile event files: bad YAML, bad bytes, bad paths, bad schema, bad caches.

Podium must never crash, hang, run code or exhaust memory on a file, and must say
what is wrong, where, and what to fix. Each case pins the exact line a person
reads (`str(problem)`, the same line `podium validate` prints on stderr).

Text cases are committed under tests/fixtures/hostile/; binary and odd ones
(bad bytes, FIFOs, devices, sparse files, deep nesting) are made at run time.
"""

from __future__ import annotations

import codecs
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from work_count import growth, is_linear, work_of

from tui.core.query import MAX_QUERY_CHARS
from tui.formats import source, yaml_compose
from tui.formats.open import formats_read, load_file
from tui.formats.source import MAX_FILE_BYTES
from tui.formats.yaml_compose import MAX_NESTING, MAX_NODES

Expected = list[tuple[int | None, int | None, str]]
MakeFile = Callable[[str, str | bytes], Path]
Cli = Callable[..., subprocess.CompletedProcess[str]]

NO_CONTENT = (
    "the file has no content; an event file is a mapping with schema_version, event, speakers, sections and remarks"
)
TOP_FIELDS = "expected one of: schema_version, event, speakers, sections, remarks"
NOT_TEXT_ALIAS = "each of speaker aliases must be text, not a list"
NOT_TEXT_TOPIC = "each of remark topics must be text, not a list"
NOT_REGULAR = "not a regular file (a directory, FIFO or device); name a .yaml file"
NESTING = f"YAML syntax: lists and mappings nest more than {MAX_NESTING} levels deep here; an event needs 5"
LIBYAML_DEPTH = "YAML syntax: while increasing flow level exceeded maximum nesting depth"
CONTROL = (
    "control character U+001B is not allowed in YAML; remove it, "
    'or write it as an escape such as "\\x1b" inside a double-quoted string'
)


def _bomb_top() -> Expected:
    found: Expected = [(2, 1, f"unknown field 'lol1' in the file; {TOP_FIELDS}")]
    required = ("schema_version", "event", "speakers", "sections", "remarks")
    found += [(2, 1, f"the file is missing the required field '{name}'") for name in required]
    found += [(line, 1, f"unknown field 'lol{line - 1}' in the file; {TOP_FIELDS}") for line in range(3, 11)]
    return found


# fixture in tests/fixtures/hostile/ -> every problem, in order: (line, column, message)
FILE_CASES: dict[str, Expected] = {
    # YAML syntax: the first error stops the parse; it is located and named.
    "syntax-error.yaml": [(7, 1, "YAML syntax: while parsing a flow sequence did not find expected ',' or ']'")],
    "tab-indent.yaml": [
        (
            10,
            1,
            "YAML syntax: while scanning a plain scalar found a tab character that violates indentation "
            "(a tab); indent with spaces, not tabs",
        )
    ],
    "unclosed-quote.yaml": [(26, 1, "YAML syntax: while scanning a quoted scalar found unexpected end of stream")],
    "duplicate-keys.yaml": [
        (
            24,
            5,
            "duplicate field 'speaker' in remark (first on line 23); YAML would keep only the last one: remove one",
        )
    ],
    # Aliases are never expanded: 9^9 'lol's cost nine problems, not 387 million strings.
    "alias-bomb-top.yaml": _bomb_top(),
    "alias-bomb-aliases.yaml": [(line, 9, NOT_TEXT_ALIAS) for line in range(10, 19)],
    "alias-bomb-topics.yaml": [(line, 9, NOT_TEXT_TOPIC) for line in range(22, 31)],
    "self-reference.yaml": [(21, 13, NOT_TEXT_TOPIC)],
    # Tags never construct anything: a tagged value is just the wrong type.
    "unsafe-apply.yaml": [(1, 1, "the file must be a mapping of fields, not a list")],
    "unsafe-apply-field.yaml": [(20, 11, "remark text must be text, not a list")],
    "unsafe-name.yaml": [
        (20, 11, "remark text must be text, not a value tagged tag:yaml.org,2002:python/name:os.system")
    ],
    "two-documents.yaml": [(27, 1, "YAML syntax: expected a single document in the stream but found another document")],
    "empty.yaml": [(1, 1, NO_CONTENT)],
    "comment-only.yaml": [(1, 1, NO_CONTENT)],
    "top-level-list.yaml": [(1, 1, "the file must be a mapping of fields, not a list")],
    "top-level-scalar.yaml": [(1, 1, "the file must be a mapping of fields, not text")],
    # Schema.
    "wrong-types.yaml": [
        (1, 17, "schema_version must be a whole number like 3, not text '1': write it without quotes"),
        (4, 10, "event title must be text, not a list"),
        (10, 11, "speaker name must be text, not a mapping"),
        (13, 13, "section number must be a whole number like 3, not text 'one': write it without quotes"),
        (24, 15, "remark reply_to must be text, not a list"),
    ],
    "implicit-sexagesimal.yaml": [
        (14, 12, 'section title must be text, but YAML reads 10:30 as a number; put it in quotes: "10:30"')
    ],
    "implicit-norway.yaml": [
        (10, 11, 'speaker name must be text, but YAML reads NO as a true/false value; put it in quotes: "NO"')
    ],
    "implicit-date.yaml": [
        (5, 9, 'event date must be text, but YAML reads 2024-03-28 as a date; put it in quotes: "2024-03-28"')
    ],
    "implicit-float.yaml": [
        (25, 11, 'remark text must be text, but YAML reads 1.0 as a number; put it in quotes: "1.0"')
    ],
    "implicit-null.yaml": [(4, 10, "event title must be text, not nothing (null)")],
    "missing-fields.yaml": [
        (12, 5, "section is missing the required field 'kind'"),
        (16, 5, "remark is missing the required field 'speaker'"),
    ],
    "unknown-fields.yaml": [
        (
            5,
            3,
            "unknown field 'titel' in event; did you mean 'title'? "
            "expected one of: id, title, date, venue, organisers, attendance, summary, end_date",
        ),
        (
            22,
            5,
            "unknown field 'mood' in remark; expected one of: "
            "id, section, speaker, text, reply_to, topics, start, end, spoken, notes",
        ),
    ],
    "duplicate-ids.yaml": [
        (9, 9, "duplicate speaker id 'ana' (first on line 7); each must be unique"),
        (21, 9, "duplicate remark id 'r01' (first on line 17); each must be unique"),
    ],
    "dangling-reply-to.yaml": [(24, 15, "reply_to 'r00' names no remark in this event")],
    # r01 answers r02 and r02 answers r01: the first of the two is refused, so no cycle can form.
    "reply-cycle.yaml": [
        (20, 15, "reply_to 'r02' names a later remark; a reply must come after the remark it answers")
    ],
    "empty-strings.yaml": [
        (4, 10, "event title is empty; write a value"),
        (10, 11, "speaker name is empty; write a value"),
        (25, 11, "remark text is empty; write a value"),
    ],
}


def _lines(path: Path, expected: Expected) -> list[str]:
    return [f"{path}:{line}:{column}: {m}" if line is not None else f"{path}: {m}" for line, column, m in expected]


@pytest.fixture
def scratch_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in an empty directory, so that a `touch PWNED` that ran would leave a file here."""
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    return workdir


@pytest.mark.parametrize("name", list(FILE_CASES))
def test_each_bad_file_gives_its_exact_problems(hostile_dir: Path, scratch_cwd: Path, name: str) -> None:
    path = hostile_dir / name
    proceedings, problems = load_file(path)
    assert proceedings is None
    # In work that its size bounds, whatever its aliases would expand to (counted, not timed: at most 5 a byte).
    assert work_of(lambda: load_file(path)) <= 20 * path.stat().st_size + 500
    assert [str(p) for p in problems] == _lines(path, FILE_CASES[name])
    assert all(p.path == str(path) for p in problems)
    assert list(scratch_cwd.iterdir()) == [], "something in the file ran"


def test_the_base_of_every_case_is_valid(hostile_dir: Path) -> None:
    proceedings, problems = load_file(hostile_dir / "base.yaml")
    assert problems == [] and proceedings is not None


@pytest.mark.parametrize("name", list(FILE_CASES))
def test_cli_reports_each_bad_file_one_line_per_problem(hostile_dir: Path, cli: Cli, name: str) -> None:
    path = hostile_dir / name
    result = cli("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == _lines(path, FILE_CASES[name])
    assert all(re.match(r"^.+:\d+:\d+: \S", line) for line in result.stderr.splitlines())


@pytest.mark.parametrize("name", ["unsafe-apply.yaml", "unsafe-apply-field.yaml", "unsafe-name.yaml"])
@pytest.mark.parametrize("command", ["validate", "remarks", "browse"])
def test_unsafe_tags_run_nothing_from_the_cli(
    hostile_dir: Path, cli: Cli, tmp_path: Path, name: str, command: str
) -> None:
    workdir = tmp_path / "cwd"
    result = cli(command, str(hostile_dir / name), cwd=workdir)
    assert result.returncode == 1
    assert not (workdir / "PWNED").exists()
    assert list(workdir.iterdir()) == []
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_duplicate_anchor_names_where_the_first_one_is(hostile_dir: Path) -> None:
    path = hostile_dir / "duplicate-anchor.yaml"
    problems = load_file(path)[1]
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (10, 11)
    assert "first occurrence second occurrence" not in problems[0].message
    assert "line 8" in problems[0].message


# --------------------------------------------------------------------------- bytes


def test_non_utf8_names_the_byte_offset(base_text: str, make_file: MakeFile) -> None:
    data = base_text.encode().replace(b"Thanked the host", b"Thanked the h\xf4te")
    path = make_file("latin1.yaml", data)
    offset = data.index(b"\xf4")
    assert [str(p) for p in load_file(path)[1]] == [
        f"{path}:25:24: invalid UTF-8 byte 0xf4 at byte offset {offset}; save the file as UTF-8"
    ]


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_bom_is_refused(base_text: str, make_file: MakeFile, bom: bytes, codec: str) -> None:
    path = make_file("utf16.yaml", bom + base_text.encode(codec))
    assert [str(p) for p in load_file(path)[1]] == [f"{path}:1:1: file is UTF-16; save it as UTF-8"]


def test_nul_bytes_are_refused(base_text: str, make_file: MakeFile) -> None:
    data = base_text.encode().replace(b"Welcomed", b"Wel\x00\x00comed")
    path = make_file("nul.yaml", data)
    offset = data.index(b"\x00")
    assert [str(p) for p in load_file(path)[1]] == [
        f"{path}:20:14: NUL byte at byte offset {offset}; this is not a text file"
    ]


def test_a_utf8_bom_is_accepted(base_text: str, make_file: MakeFile) -> None:
    path = make_file("bom.yaml", codecs.BOM_UTF8 + base_text.encode())
    proceedings, problems = load_file(path)
    assert problems == []
    assert proceedings is not None and proceedings.event.title == "A small example"


@pytest.mark.parametrize("character", ["\x1b", "\x9b", "\x7f"])
def test_a_raw_control_character_is_located_and_explained(base_text: str, make_file: MakeFile, character: str) -> None:
    path = make_file("control.yaml", base_text.replace("Welcomed everyone", f"Welcomed every{character}one"))
    message = CONTROL.replace("U+001B", f"U+{ord(character):04X}")
    assert [str(p) for p in load_file(path)[1]] == [f"{path}:20:25: {message}"]


def test_a_control_character_after_non_ascii_text_is_located(base_text: str, make_file: MakeFile) -> None:
    text = base_text.replace("A small example", "日本語の例").replace("Welcomed everyone", "Welcomed every\x1bone")
    path = make_file("control-after-cjk.yaml", text)
    assert [str(p) for p in load_file(path)[1]] == [f"{path}:20:25: {CONTROL}"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_positions_after_a_unicode_line_separator(base_text: str, make_file: MakeFile, separator: str) -> None:
    text = base_text.replace("A small example", f'"A small{separator}example"').replace("speaker: ben", "speaker: bem")
    path = make_file("separator.yaml", text)
    assert [str(p) for p in load_file(path)[1]] == [
        f"{path}:23:14: unknown speaker 'bem'; did you mean 'ben'? expected one of: ana, ben"
    ]


@pytest.mark.parametrize("field", ["section number", "attendance count", "schema_version"])
def test_a_whole_number_of_5000_digits_is_a_problem_not_a_crash(
    base_text: str, make_file: MakeFile, cli: Cli, field: str
) -> None:
    digits = "9" * 5000
    text = {
        "section number": base_text.replace("    number: 1\n", f"    number: {digits}\n"),
        "attendance count": base_text.replace(
            '  date: "2024-03-28"\n', f'  date: "2024-03-28"\n  attendance: {{online: {{count: {digits}}}}}\n'
        ),
        "schema_version": base_text.replace("schema_version: 1\n", f"schema_version: {digits}\n"),
    }[field]
    path = make_file("huge-number.yaml", text)
    result = cli("validate", str(path))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    problems = load_file(path)[1]
    assert len(problems) == 1 and problems[0].line is not None


GENERATED: dict[str, Callable[[str], bytes]] = {
    "latin-1": lambda base: base.replace("Thanked the host", "Thanked the hôte").encode("latin-1"),
    "utf-16": lambda base: codecs.BOM_UTF16_LE + base.encode("utf-16-le"),
    "nul": lambda base: base.replace("Welcomed", "Wel\x00comed").encode(),
    "escape": lambda base: base.replace("Welcomed", "Wel\x1b[2Jcomed").encode(),
    "c1": lambda base: base.replace("Welcomed", "Wel\x9bcomed").encode(),
    "nesting-100": lambda base: b"[" * 100 + b"]" * 100,
}


@pytest.mark.parametrize("case", list(GENERATED))
def test_cli_reports_each_generated_bad_file_one_line_per_problem(
    base_text: str, make_file: MakeFile, cli: Cli, case: str
) -> None:
    path = make_file(f"{case}.yaml", GENERATED[case](base_text))
    expected = [str(p) for p in load_file(path)[1]]
    assert len(expected) == 1 and re.match(rf"^{re.escape(str(path))}:\d+:\d+: \S", expected[0])
    result = cli("validate", str(path))
    assert (result.returncode, result.stdout) == (1, "")
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == expected
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr


# --------------------------------------------------------------------------- nesting and size


def test_nesting_100_deep_is_refused_at_the_limit(make_file: MakeFile) -> None:
    path = make_file("deep-100.yaml", "[" * 100 + "]" * 100 + "\n")
    assert [str(p) for p in load_file(path)[1]] == [f"{path}:1:{MAX_NESTING + 1}: {NESTING}"]


@pytest.mark.parametrize(
    ("opening", "closing", "expected"),
    [
        ("[", "]", f"1:1001: {LIBYAML_DEPTH}"),  # libyaml's scanner stops first, at its own limit of 1000
        ("{a: ", "}", f"1:{4 * MAX_NESTING + 1}: {NESTING}"),
    ],
    ids=["lists", "mappings"],
)
def test_nesting_100000_deep_never_crashes(make_file: MakeFile, opening: str, closing: str, expected: str) -> None:
    path = make_file("deep-100000.yaml", opening * 100_000 + closing * 100_000 + "\n")
    problems = load_file(path)[1]
    assert [str(p) for p in problems] == [f"{path}:{expected}"]
    # Refused at the limit, at once (counted, not timed): as much work as a file just past it.
    shallow = make_file("deep-2000.yaml", opening * 2_000 + closing * 2_000 + "\n")
    assert work_of(lambda: load_file(path)) == work_of(lambda: load_file(shallow))


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}")], ids=["lists", "mappings"])
def test_nesting_100000_deep_from_the_cli(make_file: MakeFile, cli: Cli, opening: str, closing: str) -> None:
    # In a subprocess: libyaml's own composer would take the whole process down here.
    path = make_file("deep-100000.yaml", opening * 100_000 + closing * 100_000 + "\n")
    result = cli("validate", str(path))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(rf"{re.escape(str(path))}:1:\d+: .+", lines[0]), lines[0]
    assert lines[0].endswith((NESTING, LIBYAML_DEPTH))


def test_too_many_values_are_refused(make_file: MakeFile, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit (4,000,000 values) takes seconds to reach; the guard reads it at run time.
    assert MAX_NODES == 4_000_000
    monkeypatch.setattr(yaml_compose, "MAX_NODES", 1000)
    path = make_file("many.yaml", "[" + ", ".join(["x"] * 2000) + "]\n")
    assert [str(p) for p in load_file(path)[1]] == [
        f"{path}:1:2999: YAML syntax: the file holds more than 1,000 values; split it into several files"
    ]


# --------------------------------------------------------------------------- paths


@pytest.fixture
def no_open(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Records every file the loader opens: refused paths must not be opened at all."""
    opened: list[object] = []

    def spy(file: object, *args: object, **kwargs: object) -> object:
        opened.append(file)
        return open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(source, "open", spy, raising=False)
    return opened


def test_a_missing_file(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "nowhere.yaml"
    assert [str(p) for p in load_file(path)[1]] == [f"{path}: no such file"]
    result = cli("validate", str(path))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"podium: error: {path}: no such file or directory\n"


def test_a_directory_with_no_event_files(tmp_path: Path, cli: Cli) -> None:
    directory = tmp_path / "empty-dir"
    directory.mkdir()
    (directory / "notes.txt").write_text("not an event", encoding="utf-8")
    os.mkfifo(directory / "pipe.yaml")  # not a regular file: not an event file either
    for command in ("validate", "agenda", "browse"):
        result = cli(command, str(directory))
        assert (result.returncode, result.stdout) == (2, "")
        expected = f"podium: error: {directory}: no event files in this directory; Podium reads {formats_read()}\n"
        assert result.stderr == expected
        assert "Podium YAML (.yaml, .yml)" in result.stderr


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path, no_open: list[object]) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert [str(p) for p in load_file(fifo)[1]] == [f"{fifo}: {NOT_REGULAR}"]
    assert no_open == []  # never opened, so never blocked: an open of a FIFO waits for a writer


@pytest.mark.parametrize("command", ["validate", "agenda", "browse"])
def test_a_fifo_never_blocks_the_cli(tmp_path: Path, cli: Cli, command: str) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = cli(command, str(fifo), timeout=60)  # a read would block forever: no writer ever comes
    assert result.returncode == 1
    assert result.stderr == f"{fifo}: {NOT_REGULAR}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/urandom"])
def test_a_character_device_is_refused(device: str, no_open: list[object], cli: Cli) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    assert [str(p) for p in load_file(Path(device))[1]] == [f"{device}: {NOT_REGULAR}"]
    assert no_open == []
    result = cli("validate", device)
    assert (result.returncode, result.stderr) == (1, f"{device}: {NOT_REGULAR}\n")


def test_a_directory_named_as_a_file_is_refused(tmp_path: Path) -> None:
    assert [str(p) for p in load_file(tmp_path)[1]] == [f"{tmp_path}: {NOT_REGULAR}"]


def test_a_symlink_loop_is_refused(tmp_path: Path, cli: Cli) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert [str(p) for p in load_file(loop)[1]] == [f"{loop}: cannot read: Too many levels of symbolic links"]
    result = cli("validate", str(loop))
    assert result.returncode == 1 and "Traceback" not in result.stderr


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="running as root, which bypasses file permissions: a chmod 000 file is still readable",
)
def test_an_unreadable_file(base_text: str, make_file: MakeFile, cli: Cli) -> None:
    path = make_file("secret.yaml", base_text)
    path.chmod(0)
    try:
        assert [str(p) for p in load_file(path)[1]] == [f"{path}: cannot read: Permission denied"]
        result = cli("validate", str(path))
        assert (result.returncode, result.stderr) == (1, f"{path}: cannot read: Permission denied\n")
    finally:
        path.chmod(0o600)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, no_open: list[object], cli: Cli) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk space, but stat says 128 MiB + 1
    expected = (
        f"{path}: file is {MAX_FILE_BYTES + 1:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes; "
        "larger files are refused (see docs/format.md)"
    )
    assert [str(p) for p in load_file(path)[1]] == [expected]
    assert no_open == []  # refused on its size alone: not one byte read
    for command in ("validate", "agenda"):
        result = cli(command, str(path))
        assert (result.returncode, result.stderr, result.stdout) == (1, expected + "\n", "")


def test_a_bad_file_does_not_stop_the_good_ones(hostile_dir: Path, cli: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    good, bomb = hostile_dir / "base.yaml", hostile_dir / "alias-bomb-top.yaml"
    result = cli("validate", str(fifo), str(bomb), str(good))
    assert result.returncode == 1
    assert result.stdout == f"{good}: OK\n"
    assert result.stderr.splitlines() == [f"{fifo}: {NOT_REGULAR}", *_lines(bomb, FILE_CASES["alias-bomb-top.yaml"])]


# --------------------------------------------------------------------------- large values


def test_a_10000_character_speaker_name_loads(base_text: str, make_file: MakeFile) -> None:
    name = "Ana" + "x" * 9_997  # one word: no place to wrap it
    path = make_file("long-name.yaml", base_text.replace("    name: Ana Example", f"    name: {name}"))
    proceedings, problems = load_file(path)
    assert problems == [] and proceedings is not None
    assert proceedings.speaker_by_id["ana"].name == name


def test_a_1mb_remark_loads_in_linear_work(base_text: str, make_file: MakeFile) -> None:
    text = ("lorem ipsum dolor sit amet " * 40_000)[:1_000_000]

    def with_remark(size: int) -> Path:
        event = base_text.replace("    text: Welcomed everyone.", f"    text: {text[:size]}")
        return make_file(f"remark-{size}.yaml", event)

    proceedings, problems = load_file(with_remark(len(text)))
    assert problems == [] and proceedings is not None
    assert len(proceedings.remark_by_id["r01"].text) == len(text.rstrip())
    # Work, not time: a quarter, a half, all of the megabyte.
    assert is_linear(works := growth(lambda n: work_of(lambda: load_file(with_remark(n))), 250_000)), works


# --------------------------------------------------------------------------- the library index


def _big_event(base_text: str) -> str:
    """A valid event just over the size from which podium reads through the library index."""
    return base_text.replace(
        "    text: Welcomed everyone.", "    text: " + "word " * (source.CACHE_MIN_BYTES // 5 + 10)
    )


def _limit_memory() -> None:
    gib = 1 << 30
    resource.setrlimit(resource.RLIMIT_AS, (gib, gib))


def _podium(args: list[str], xdg: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "tui", *args],
            env={**os.environ, "XDG_CACHE_HOME": str(xdg), "PYTHONPATH": str(Path(__file__).parents[2])},
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=60,  # it takes a second; a blocked read never ends, so a generous wait tells them apart
            preexec_fn=_limit_memory,  # a runaway read fails fast instead of taking the machine's memory
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("podium blocked on the library index")


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _link_to_zero(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def _directory(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


INDEX_TAMPERING: dict[str, Callable[[Path], None]] = {
    "garbage": lambda path: path.write_bytes(b"\x80\x00not a database at all" * 100),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:1000]),
    "empty": lambda path: path.write_bytes(b""),
    "pickle": lambda path: path.write_bytes(b"cos\nsystem\n(S'touch PWNED'\ntR."),
    "a FIFO": _fifo,
    "a link to /dev/zero": _link_to_zero,
    "a directory": _directory,
}


@pytest.mark.parametrize("what", ["database", "segment"])
@pytest.mark.parametrize("how", list(INDEX_TAMPERING))
def test_a_tampered_index_never_blocks_crashes_or_runs_anything(
    base_text: str, make_file: MakeFile, tmp_path: Path, scratch_cwd: Path, what: str, how: str
) -> None:
    path = make_file("big.yaml", _big_event(base_text))
    xdg = tmp_path / "xdg"
    query = ["remarks", str(path), "-q", "thanked"]  # a query: it builds the segments too
    first = _podium(query, xdg, scratch_cwd)
    assert first.returncode == 0 and first.stderr == "", first.stderr
    (directory,) = (xdg / "podium" / "libraries").iterdir()
    for sidecar in directory.glob("library.sqlite-*"):
        sidecar.unlink()  # the write-ahead log, folded into the database when the last reader closed
    target = directory / "library.sqlite" if what == "database" else next(directory.glob("segment-*"))
    INDEX_TAMPERING[how](target)
    result = _podium(query, xdg, scratch_cwd)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout == first.stdout and "Thanked the host." in first.stdout
    assert all(line.startswith("podium: note: ") for line in result.stderr.splitlines()), result.stderr
    assert list(scratch_cwd.iterdir()) == []
    again = _podium(query, xdg, scratch_cwd)  # built again, and used
    assert (again.returncode, again.stderr, again.stdout) == (0, "", first.stdout), again.stderr


def test_a_file_changed_as_it_was_indexed_is_checked_by_its_bytes(
    base_text: str, make_file: MakeFile, tmp_path: Path
) -> None:
    # Written in the very tick of the clock that indexed it, the file keeps its size and time:
    # only its bytes tell. (A time forced back later by hand is not caught, as make and git do not.)
    path = make_file("big.yaml", _big_event(base_text))
    xdg = tmp_path / "xdg"
    assert "Thanked the host." in _podium(["remarks", str(path)], xdg).stdout
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Thanked the host.", b"Thanked the hist."))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert "Thanked the hist." in _podium(["remarks", str(path)], xdg).stdout


# --------------------------------------------------------------------------- property-based

_YAML_PIECES = [
    *("a", "b", "id", "name", "text", "r01", "schema_version", "event", "speakers", "sections", "remarks"),
    *(": ", ":", "- ", "-", "[", "]", "{", "}", ", ", "\n", "  ", "    ", "\t", '"', "'", "\\", "#"),
    *("&a ", "*a", "&b ", "*b", "!!str ", "!!python/object/apply:os.system ", "!tag ", "! ", "!<x> "),
    *("? ", "|", ">-", "---\n", "...\n", "%YAML 1.1\n", "%TAG !e! tag:e,2000:\n", "<<: ", "=", "~", "null"),
    *("1", "1.0", "10:30", "NO", "yes", "2024-03-28", "0x1F", ".inf", "'quoted'", '"dq \\e \\x9b"'),
    *("é", "日本", "\u2028", "\x85", "\ufeff", "\u202e", "\x1b", "\x00", "\x7f", "\r", "\r\n"),
]
# Long digit runs are left out: a whole number over 4,300 digits has its own test above.
_yamlish = st.lists(st.one_of(st.sampled_from(_YAML_PIECES), st.text(max_size=3)), max_size=60).map("".join)


def _check_problems(path: Path, data: bytes) -> None:
    proceedings, problems = load_file(path)
    assert (proceedings is None) == bool(problems)
    for problem in problems:
        assert problem.path == str(path)
        assert problem.line is not None and problem.column is not None, str(problem)
        assert problem.line >= 1 and problem.column >= 1
        assert "\x1b" not in str(problem) and "\n" not in str(problem)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=_yamlish)
def test_random_yamlish_documents_never_raise(tmp_path: Path, document: str) -> None:
    path = tmp_path / "random.yaml"
    data = document.encode("utf-8")
    path.write_bytes(data)
    _check_problems(path, data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400), st.binary(max_size=40).map(lambda b: b"schema_version: 1\n" + b)))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.yaml"
    path.write_bytes(data)
    _check_problems(path, data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.sampled_from(_YAML_PIECES), st.text(max_size=20)), field=st.integers(0, 24))
def test_a_random_value_in_any_line_of_a_valid_event_never_raises(
    tmp_path: Path, base_text: str, value: str, field: int
) -> None:
    lines = base_text.splitlines(keepends=True)
    key, sep, _ = lines[field].partition(": ")
    lines[field] = f"{key}{sep}{value}\n" if sep else f"{lines[field].rstrip()} {value}\n"
    path = tmp_path / "mutated.yaml"
    data = "".join(lines).encode("utf-8")
    path.write_bytes(data)
    _check_problems(path, data)


# --------------------------------------------------------------------------- docs


def test_docs_security_states_every_limit_from_the_code(repo_root: Path) -> None:
    text = (repo_root / "docs" / "security.md").read_text(encoding="utf-8")
    for figure in (f"{MAX_FILE_BYTES:,}", f"{MAX_NESTING}", f"{MAX_NODES:,}", f"{MAX_QUERY_CHARS:,}"):
        assert figure in text, figure
    sources = ""
    for test_file in ("test_hostile_files.py", "test_hostile_render.py", "test_hostile_terminal.py"):
        assert f"tests/hostile/{test_file}" in text
        sources += (repo_root / "tests" / "hostile" / test_file).read_text(encoding="utf-8")
    for other in ("index/test_index_safety.py", "unit/test_serve.py", "unit/test_serve_sessions.py",
                  "app/test_browser_served.py", "app/test_browser_settings.py", "web/test_served_page.py",
                  "e2e/test_served_hostile.py"):  # fmt: skip
        sources += (repo_root / "tests" / other).read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)`", text))
    assert len(named) >= 10
    for name in sorted(named):
        assert f"def {name}(" in sources, f"docs/security.md names {name}, which no test defines"


def test_docs_format_states_the_limits_from_the_code(repo_root: Path) -> None:
    # The refusal message sends readers to docs/format.md: it must give the same figures.
    text = (repo_root / "docs" / "format.md").read_text(encoding="utf-8")
    assert f"{MAX_FILE_BYTES:,} bytes" in text
    assert f"{MAX_NODES:,} values" in text
    assert f"{MAX_NESTING} levels of nesting" in text
