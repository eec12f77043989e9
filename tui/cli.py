"""The `podium` command: open the browser, or query proceedings from the shell.

Exit status: 0 done (also when the reader of a pipe stops early, as `podium remarks | head`
does); 1 a file that cannot be loaded; 2 a usage error or a path that does not exist.
Errors go to stderr, one line each; data is made safe for the terminal first. Text output
is wrapped to the terminal; into a pipe or a file, each paragraph is one line.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .cli_parser import COMMANDS, build_parser
from .core.model import Library, Proceedings
from .core.query import Query, QueryError, SearchIndex, Term, name_hints, parse
from .core.talks import is_schedule
from .core.textsafe import safe_line
from .formats.bundled import bundled_event
from .formats.converting import ConvertError, converted, file_names, refuse_to_replace, write_converted
from .formats.open import expand_paths, file_size, load_paths, prepare_processes
from .formats.source import CACHE_MIN_BYTES, LoadResult, PathError
from .output import render

if TYPE_CHECKING:
    from .formats.open import Loader

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
BACKGROUND_LOAD_BYTES = 2_000_000  # above this, the browser opens first and loads behind a progress bar
_COMMAND_WORD = re.compile(r"[a-z][a-z-]*")  # what a mistyped command looks like, not a file name


class UsageError(Exception):
    pass


def _paths(files: Sequence[str]) -> list[Path]:
    try:
        return expand_paths(files) if files else [bundled_event()]
    except PathError as error:
        raise UsageError(str(error)) from error


def _indexed(args: argparse.Namespace, paths: Sequence[Path]) -> bool:
    """Whether to read these files through the library index: a large file, or a library.

    A small file alone parses faster than the index is opened; a folder of a thousand
    files reads back from the index many times faster than it parses.
    """
    return not getattr(args, "no_cache", True) and sum(file_size(p) for p in paths) >= CACHE_MIN_BYTES


def _loader(args: argparse.Namespace, paths: Sequence[Path], *, all_events: bool = False) -> Loader:
    if not _indexed(args, paths):
        return load_paths
    from .index.reading import through_index  # SQLite and the segments only for a large library

    return through_index([Path(f) for f in args.files] or paths, all_events=all_events)


def _load(args: argparse.Namespace) -> LoadResult:
    paths = _paths(args.files)
    result = _loader(args, paths)(paths, None)
    for note in result.notes:
        print(f"podium: note: {safe_line(note)}", file=sys.stderr)
    return result


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
    result = _load(args)  # no --no-cache option, so never the index: validate parses every file, the check itself
    for name, problems in result.files:
        if not problems:
            print(f"{safe_line(name)}: OK")
    return _report(result)


class View(Protocol):
    def __call__(self, library: Library, query: Query, fmt: str, *, width: int | None = ...) -> str: ...


def text_width() -> int | None:
    """Text output's width: the terminal's (at most render.WIDTH); into a pipe or a file, None: not wrapped."""
    if not sys.stdout.isatty():
        return None
    return max(20, min(render.WIDTH, shutil.get_terminal_size().columns))


def _listing(view: View, name: str) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        query = _query(args.query)
        result = _load(args)
        library = result.library
        if library.events:
            _write(view(library, query, args.format, width=text_width()), args.format)
            _notes(library, query, name)
        return _report(result)

    return command


def _write(output: str, fmt: str) -> None:
    """A view's output on stdout: a line, or a table's bytes exactly (UTF-8, its CRLFs untranslated)."""
    if fmt not in render.TABLE_FORMATS:
        print(output)
        return
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a stdout of text only (replaced by a caller)
        sys.stdout.write(output)
        return
    sys.stdout.flush()  # whatever was printed before goes first
    stream.write(output.encode("utf-8"))


def _notes(library: Library, query: Query, name: str) -> None:
    """What to say on stderr after a listing: a command that lists nothing here, terms that name no one."""
    for note in _kind_notes(library, name):
        print(f"podium: note: {note}", file=sys.stderr)
    for term in _unmatched(library, query):
        print(f"podium: note: no speaker or section matches {safe_line(str(term))}", file=sys.stderr)
    hints = dict.fromkeys(h for p in library.events for h in name_hints(query, p.speakers))
    for hint in hints:
        print(f"podium: note: {safe_line(hint)}", file=sys.stderr)


def cmd_remarks(args: argparse.Namespace) -> int:
    """`podium remarks`: from the library index when the files are many or large, else from the files."""
    query = _query(args.query)
    paths = _paths(args.files)
    if not _indexed(args, paths):
        return _listing(render.remarks, "remarks")(args)
    from .index.reading import query_library
    from .index.store import IndexUnavailable

    notes: list[str] = []
    try:
        opened = [Path(f) for f in args.files] or paths
        answer = query_library(paths, query, notes, opened=opened, progress=_indexing_progress())
    except IndexUnavailable as error:
        notes.append(f"{error}; reading the files directly")
        answer = None
    for note in notes:
        print(f"podium: note: {safe_line(note)}", file=sys.stderr)
    if answer is None:  # the index was tried and said why not: read the files, without trying it again
        args.no_cache = True
        return _listing(render.remarks, "remarks")(args)
    if answer.library.events:
        _write(render.found_remarks(answer.found, query, args.format, width=text_width()), args.format)
        _notes(answer.library, query, "remarks")
    for problem in answer.problems:
        print(str(problem), file=sys.stderr)
    return EXIT_INVALID if answer.problems else EXIT_OK


def _indexing_progress() -> Callable[[int, int], None] | None:
    """On a terminal, the files read into the index as they are read (once: later runs read the index)."""
    if not sys.stderr.isatty():
        return None

    def progress(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(
            f"\rpodium: indexing {done:,} of {total:,} files (once: later queries read the index)",
            end=end,
            file=sys.stderr,
        )

    return progress


def _kind_notes(library: Library, command: str) -> list[str]:
    """Where `talks` finds nothing to list: in events of remarks (`remarks` says the converse in its output)."""
    if command == "talks" and not any(is_schedule(p) for p in library.events):
        return ["no schedule of talks here: `podium remarks` lists these events' remarks"]
    return []


def _stats(library: Library, query: Query, fmt: str, *, width: int | None = None) -> str:
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
    print(render.thread(holders[0], remark_id, args.format, width=text_width()))
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
        collected = [(c.marks, c.changed_source) for c in collections]
        print(marks(result.library, collected, args.format, wrap=text_width() is not None))
    return _report(result)


def cmd_convert(args: argparse.Namespace) -> int:
    source = Path(args.source)
    output = None if args.output in (None, "-") else Path(args.output)
    if source.is_dir():
        return _convert_folder(source, output, force=args.force)
    if output is not None and output.is_dir():
        output = output / f"{source.stem}.yaml"  # -o OUTDIR for one file too, as `cp FILE DIR` does
    refuse_to_replace([output] if output is not None else [], force=args.force)
    result = load_paths(_paths([args.source]))
    if len(result.library.events) != 1:
        return _report(result)
    (proceedings,) = result.library.events
    if output is None:
        sys.stdout.write(converted(proceedings, "<output>"))
    else:
        _write_converted(proceedings, output)
    return _report(result)


def _convert_folder(source: Path, output: Path | None, *, force: bool) -> int:
    """Each event of a folder to OUTDIR/NAME.yaml (a recording and its chat are one event)."""
    if output is None:
        raise UsageError(f"{source} is a folder: name a folder for its events' Podium YAML files with -o OUTDIR")
    result = load_paths(_paths([str(source)]))
    events = result.library.events
    if output.suffix.lower() in (".yaml", ".yml") or output.is_file():
        if len(events) == 1 and not output.is_dir():  # a folder of one event (a recording and its chat)
            refuse_to_replace([output], force=force)
            _write_converted(events[0], output)
            return _report(result)
        raise UsageError(
            f"{output} is a file name, and {source} holds {len(events)} events: "
            "give -o a folder, where each event is written as NAME.yaml after its file"
        )
    targets = file_names(output, events)
    sources = {Path(p.source).resolve() for p in events}
    if any(t.resolve() in sources for t in targets):
        raise UsageError(f"{output} is where {source}'s files are: writing there would replace them; choose another")
    refuse_to_replace(targets, force=force)
    documents = [converted(p, str(t)) for p, t in zip(events, targets, strict=True)]  # all checked before any write
    output.mkdir(parents=True, exist_ok=True)
    for proceedings, target, document in zip(events, targets, documents, strict=True):
        _write_converted(proceedings, target, document)
    return _report(result)


def _write_converted(proceedings: Proceedings, output: Path, document: str | None = None) -> None:
    write_converted(proceedings, output, document)
    if proceedings.remarks or not is_schedule(proceedings):
        what = render.plural(len(proceedings.remarks), "remark")
    else:
        what = render.plural(len(proceedings.sections), "talk")
    print(f"{safe_line(str(output))}: {what} written as Podium YAML")


def cmd_browse(args: argparse.Namespace) -> int:
    paths = _paths(args.files)
    loader = _loader(args, paths, all_events=True)  # the index makes All events as it reads the events back
    if sum(file_size(p) for p in paths) > BACKGROUND_LOAD_BYTES:
        from .browser.app import PodiumApp  # imported here: the other commands never load Textual

        # Large: open the window at once and load behind a progress bar.
        prepare_processes(paths)  # while the terminal is still ours
        PodiumApp(paths=paths, loader=loader).run()
        return EXIT_OK
    result = loader(paths, None)
    if not result.library.events:
        return _report(result)
    from .browser.app import PodiumApp

    PodiumApp(result).run()
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    paths = _paths(args.files)  # checked here, at once: a visitor never names a file
    named = [Path(f).absolute() for f in args.files] or paths  # as named: a folder is one library, one index
    _check_listening(args.host, args.port)  # before the address is printed or a library indexed
    if sum(file_size(p) for p in paths) >= CACHE_MIN_BYTES:
        import multiprocessing  # only here: 5 ms of every command's start-up otherwise

        # In a process of its own, which gives its memory back: the server stays small all along.
        # Forked (no thread runs yet): spawn would leave multiprocessing's tracker beside the server.
        builder = multiprocessing.get_context("fork").Process(target=_prepare_index, args=(paths, named))
        builder.start()
        builder.join()
    from .serve import Settings, serve  # aiohttp and textual-serve only for this command

    serve(Settings.of(named, args.host, args.port, args.token, args.read_only, args.max_sessions, args.idle))
    return EXIT_OK


def _check_listening(host: str, port: int) -> None:
    """OSError, said in one line, when this address cannot be listened on now (in use, or not this machine's)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp will
            probe.bind(infos[0][4])
    except OSError as error:
        raise OSError(f"cannot listen on {host} port {port}: {error.strerror or error}") from error


def _prepare_index(paths: Sequence[Path], named: Sequence[Path]) -> None:
    """The library index built, or brought up to date, before the first visitor comes: else the
    first sessions would each build it, with a whole library's memory apiece."""
    from .index.opening import open_library
    from .index.store import IndexUnavailable

    notes: list[str] = []
    try:
        open_library(paths, named, progress=_indexing_progress(), notes=notes).close()
    except (IndexUnavailable, OSError) as error:
        notes.append(f"{error}; each visitor's Podium will read the files")
    except KeyboardInterrupt:
        return  # ctrl+c: the server stops too, and says nothing more
    for note in notes:
        print(f"podium: note: {safe_line(note)}", file=sys.stderr)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "browse": cmd_browse,
    "validate": cmd_validate,
    "agenda": _listing(render.agenda, "agenda"),
    "speakers": _listing(render.speakers, "speakers"),
    "remarks": cmd_remarks,
    "talks": _listing(render.talks, "talks"),
    "stats": _listing(_stats, "stats"),
    "thread": cmd_thread,
    "marks": cmd_marks,
    "convert": cmd_convert,
    "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `podium FILE...` means `podium browse FILE...`.
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        if args_list and _looks_like_a_command(args_list[0]):
            word = args_list[0]
            print(f"podium: error: unknown command '{safe_line(word)}'; {_commands_hint(word)}", file=sys.stderr)
            return EXIT_USAGE
        args_list.insert(0, "browse")
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        status = HANDLERS[args.command](args)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return status
    except (UsageError, PathError) as error:  # PathError: a path convert would write over
        print(f"podium: error: {safe_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except ConvertError as error:
        message = f"podium: convert: the output would not read back, please report this: {safe_line(str(error))}"
        print(message, file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # before OSError, which it is: the reader went away (`podium remarks | head`)
        return _reader_gone()
    except OSError as error:  # writing the converted file
        print(f"podium: error: {safe_line(str(error))}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130


def _reader_gone() -> int:
    """A closed pipe is a normal end: exit 0, quietly.

    What is still buffered for stdout would fail again when Python flushes it at exit
    ("Exception ignored ... BrokenPipeError"): point stdout at /dev/null first, as the
    Python documentation's recipe for SIGPIPE does.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_OK


def _looks_like_a_command(word: str) -> bool:
    """A lower-case word that names no file: a mistyped command, not an event to browse."""
    return bool(_COMMAND_WORD.fullmatch(word)) and not (Path(word).exists() or Path(word).is_symlink())


def _commands_hint(word: str) -> str:
    import difflib  # only for a mistake

    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{hint}commands: {', '.join(COMMANDS)} (a file or folder opens the browser; see podium --help)"
