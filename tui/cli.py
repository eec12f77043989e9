"""The `podium` command: open the browser, or query proceedings from the shell.

Exit status: 0 done; 1 a file that cannot be loaded; 2 a usage error or a path that does not exist.
Errors go to stderr, one line each; data is made safe for the terminal first.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .core.model import Library
from .core.query import Query, QueryError, SearchIndex, Term, name_hints, parse
from .core.textsafe import safe_line
from .formats.bundled import bundled_event
from .formats.open import expand_paths, file_size, load_paths, prepare_processes
from .formats.source import CACHE_MIN_BYTES, LoadResult, PathError
from .output import render

if TYPE_CHECKING:
    from .formats.cache import Cache

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
BACKGROUND_LOAD_BYTES = 2_000_000  # above this, the browser opens first and loads behind a progress bar
COMMANDS = ("browse", "validate", "agenda", "speakers", "remarks", "stats", "thread", "marks", "convert")


class UsageError(Exception):
    pass


def _add_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE|DIR",
        help="event files, or directories of *.yaml files (default: the bundled event)",
    )


def _add_no_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file, neither reading nor writing the cache of large files",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podium",
        description="Browse the proceedings of events: the agenda, who spoke, what each said, who answered whom.",
        epilog="With no command, `podium [FILE|DIR]...` opens the browser. Run `podium COMMAND --help` for more.",
    )
    parser.add_argument("--version", action="version", version=f"podium {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    browse = commands.add_parser("browse", help="open the browser (the default command)")
    _add_files(browse)
    _add_no_cache(browse)

    validate = commands.add_parser("validate", help="check event files; print OK or each problem")
    _add_files(validate)

    for name, what in (
        ("agenda", "the events and their sections"),
        ("speakers", "the speakers, with their remark counts"),
        ("remarks", "the remarks that match a query"),
        ("stats", "who spoke how much and who answered whom"),
    ):
        sub = commands.add_parser(name, help=f"print {what}")
        _add_files(sub)
        sub.add_argument("-q", "--query", default="", help="a query, e.g. 'speaker:hickok \"AI for all\"'")
        sub.add_argument("-f", "--format", choices=render.FORMATS, default="text", help="output format")
        _add_no_cache(sub)

    thread = commands.add_parser("thread", help="print the exchange around a remark as a tree")
    thread.add_argument(
        "remark", metavar="REMARK_ID", help="the id of a remark, e.g. r12, or EVENT/r12 when several events are open"
    )
    thread.add_argument("-f", "--format", choices=render.FORMATS, default="text", help="output format")
    _add_files(thread)

    marks = commands.add_parser("marks", help="print the remarks you marked in the browser, with attribution and notes")
    _add_files(marks)
    marks.add_argument("-f", "--format", choices=render.FORMATS, default="md", help="output format")

    convert = commands.add_parser(
        "convert", help="write an event from any format Podium reads as Podium YAML, to curate by hand"
    )
    convert.add_argument("source", metavar="FILE", help="a transcript, debate record, schedule or event file")
    convert.add_argument("-o", "--output", metavar="OUT.yaml", help="where to write (default: standard output)")
    convert.add_argument("--force", action="store_true", help="replace OUT.yaml if it exists")
    return parser


def _paths(files: Sequence[str]) -> list[Path]:
    try:
        return expand_paths(files) if files else [bundled_event()]
    except PathError as error:
        raise UsageError(str(error)) from error


def _cache(args: argparse.Namespace, paths: Sequence[Path]) -> Cache | None:
    """The cache for these files: for a large file, and for every file of a large library.

    A small file alone parses faster than the cache's imports load; a folder of a thousand
    small files reads back from the cache ten times faster than it parses.
    """
    if getattr(args, "no_cache", True) or sum(file_size(p) for p in paths) < CACHE_MIN_BYTES:
        return None
    from .formats.cache import Cache  # msgspec and hashlib only when a cache is used

    return Cache(min_bytes=0) if len(paths) > 1 else Cache()


def _load(args: argparse.Namespace) -> LoadResult:
    paths = _paths(args.files)
    return load_paths(paths, _cache(args, paths))


def _report(result: LoadResult) -> int:
    for problem in result.problems:
        print(str(problem), file=sys.stderr)
    return EXIT_INVALID if result.problems else EXIT_OK


def _query(source: str) -> Query:
    try:
        return parse(source)
    except QueryError as error:
        raise UsageError(f"query: {error.message} (at character {error.position + 1})") from error


def cmd_validate(args: argparse.Namespace) -> int:
    result = _load(args)  # validate never uses the cache: it is the check itself
    for name, problems in result.files:
        if not problems:
            print(f"{safe_line(name)}: OK")
    return _report(result)


def _listing(view: Callable[[Library, Query, str], str]) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        query = _query(args.query)
        result = _load(args)
        if result.library.events:
            print(view(result.library, query, args.format))
            for term in _unmatched(result.library, query):
                print(f"podium: note: no speaker or section matches {safe_line(str(term))}", file=sys.stderr)
            hints = dict.fromkeys(h for p in result.library.events for h in name_hints(query, p.speakers))
            for hint in hints:
                print(f"podium: note: {safe_line(hint)}", file=sys.stderr)
        return _report(result)

    return command


def _stats(library: Library, query: Query, fmt: str) -> str:
    from .output.stats_view import stats  # its columns are for this command only: off the start-up path

    return stats(library, query, fmt)


def _unmatched(library: Library, query: Query) -> list[Term]:
    """speaker: and section: terms that name nothing in any event: worth a note."""
    per_event = [set(SearchIndex(p).resolve(query).unmatched) for p in library.events]
    return [t for t in query.terms if all(t in unmatched for unmatched in per_event)]


def cmd_thread(args: argparse.Namespace) -> int:
    result = _load(args)
    # "EVENT/REMARK", as the CLI prints ids when several events are open, or a bare remark id
    event_id, _, remark_id = args.remark.rpartition("/")
    holders = [p for p in result.library.events if remark_id in p.remark_by_id and event_id in ("", p.event.id)]
    if not holders:
        _report(result)
        raise UsageError(f"no remark with id '{args.remark}'")
    if len(holders) > 1:
        events = ", ".join(p.event.id for p in holders)
        raise UsageError(
            f"remark id '{remark_id}' is in several events ({events}); write it as EVENT/{remark_id}, "
            f"e.g. {holders[0].event.id}/{remark_id}"
        )
    print(render.thread(holders[0], remark_id, args.format))
    return _report(result)


def cmd_marks(args: argparse.Namespace) -> int:
    from .formats.marks import Collection, source_hash
    from .output.marks_view import marks

    result = _load(args)
    collections = [Collection(p.event.id, source_hash(p.source)) for p in result.library.events]
    for collection in collections:
        if collection.problem:
            print(f"podium: note: {safe_line(collection.problem)}", file=sys.stderr)
    if result.library.events:
        print(marks(result.library, [(c.marks, c.changed_source) for c in collections], args.format))
    return _report(result)


def cmd_convert(args: argparse.Namespace) -> int:
    from .formats.podium_yaml import read_podium_yaml
    from .formats.podium_yaml_writer import to_podium_yaml

    output = None if args.output in (None, "-") else Path(args.output)
    if output is not None and output.exists() and not args.force:
        raise UsageError(f"{output} exists; choose another name, or add --force to replace it")
    result = load_paths(_paths([args.source]))
    if len(result.library.events) != 1:
        return _report(result)
    (proceedings,) = result.library.events
    document = to_podium_yaml(proceedings)
    # Read back before writing: what convert writes always validates.
    problems = read_podium_yaml(str(output or "<output>"), document.encode("utf-8"))[1]
    if problems:
        raise ConvertError("; ".join(str(p) for p in problems))
    if output is None:
        sys.stdout.write(document)
    else:
        from .formats.atomic import write_atomically

        write_atomically(output, document)
        count = len(proceedings.remarks)
        print(f"{safe_line(str(output))}: {count} remark{'s' if count != 1 else ''} written as Podium YAML")
    return _report(result)


class ConvertError(Exception):
    """The converted document does not read back: a bug in Podium, reported rather than written."""


def cmd_browse(args: argparse.Namespace) -> int:
    paths = _paths(args.files)
    if sum(file_size(p) for p in paths) > BACKGROUND_LOAD_BYTES:
        from .browser.app import PodiumApp  # imported here: the other commands never load Textual

        # Large: open the window at once and load behind a progress bar.
        prepare_processes(paths)  # while the terminal is still ours
        PodiumApp(paths=paths, cache=_cache(args, paths)).run()
        return EXIT_OK
    result = load_paths(paths, _cache(args, paths))
    if not result.library.events:
        return _report(result)
    from .browser.app import PodiumApp

    PodiumApp(result).run()
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "browse": cmd_browse,
    "validate": cmd_validate,
    "agenda": _listing(render.agenda),
    "speakers": _listing(render.speakers),
    "remarks": _listing(render.remarks),
    "stats": _listing(_stats),
    "thread": cmd_thread,
    "marks": cmd_marks,
    "convert": cmd_convert,
}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `podium FILE...` means `podium browse FILE...`.
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "browse")
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        return HANDLERS[args.command](args)
    except UsageError as error:
        print(f"podium: error: {safe_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except ConvertError as error:
        print(f"podium: convert: the output would not read back, please report this: {safe_line(str(error))}")
        return EXIT_INVALID
    except OSError as error:  # writing the converted file
        print(f"podium: error: {safe_line(str(error))}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader went away (`podium remarks | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
