"""The command line's shape: each command of `podium`, its arguments and their help (tui/cli.py runs them)."""

from __future__ import annotations

import argparse

from . import __version__
from .output import render

MIN_TOKEN_CHARS = 8  # `podium serve --token`: an empty or one-letter token would be no protection at all

COMMANDS = (
    "browse",
    "validate",
    "agenda",
    "speakers",
    "remarks",
    "talks",
    "stats",
    "thread",
    "marks",
    "convert",
    "serve",
)


def _add_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        default=[],  # with a default, argparse never calls it required (`podium thread` says so otherwise)
        metavar="FILE|DIR",
        help="event files in any format Podium reads, or folders of them (default: the bundled event)",
    )


def _add_no_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file, neither reading nor writing the library index (kept for large files and folders)",
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
        ("agenda", "the events and their sections (a schedule's talks that match)"),
        ("speakers", "the speakers, with their remark (or talk) counts"),
        ("remarks", "the remarks that match a query"),
        ("talks", "a conference schedule's talks that match a query"),
        ("stats", "who spoke how much and who answered whom"),
    ):
        sub = commands.add_parser(name, help=f"print {what}")
        _add_files(sub)
        sub.add_argument("-q", "--query", default="", help="a query, e.g. 'speaker:hickok \"AI for all\"'")
        formats = render.REMARKS_FORMATS if name == "remarks" else render.FORMATS  # a table's rows are remarks
        sub.add_argument("-f", "--format", choices=formats, default="text", help="output format")
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
        "convert",
        help="write an event from any format Podium reads as Podium YAML, to curate by hand",
        description="Write an event as Podium YAML, to curate by hand. A FILE goes to OUT.yaml (or standard "
        "output); a DIR, to a folder given by -o OUTDIR, one NAME.yaml for each event in it (NAME: its file's).",
    )
    convert.add_argument(
        "source", metavar="FILE|DIR", help="a transcript, debate record, schedule or event file, or a folder of them"
    )
    convert.add_argument(
        "-o",
        "--output",
        metavar="OUT.yaml|OUTDIR",
        help="where to write: a file (default: standard output), or for a DIR a folder (made if missing)",
    )
    convert.add_argument("--force", action="store_true", help="replace files that exist")

    serve = commands.add_parser(
        "serve",
        help="serve the browser as a web page, one Podium per visitor",
        description="Serve the browser on the files named as a web page. It listens on 127.0.0.1 unless "
        "--host is given; on any other address a visitor needs the token in the address it prints.",
    )
    _add_files(serve)
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="the port (default: 8000)")
    serve.add_argument(
        "--token", type=_token, help="the token visitors need off this machine (default: one made and printed)"
    )
    writes = serve.add_mutually_exclusive_group()
    no_marks = "no marks or notes (exports still go to the browser)"
    writes.add_argument("--read-only", dest="read_only", action="store_true", default=None, help=no_marks)
    writes.add_argument("--writable", dest="read_only", action="store_false", help="marks and notes on, off-host too")
    serve.add_argument("--max-sessions", type=_at_least_one, default=8, help="visitors at once (default: 8)")
    serve.add_argument(
        "--idle", type=_seconds, default=1800, help="seconds without a key before a session ends (default: 1800)"
    )
    return parser


def _port(text: str) -> int:
    port = _whole(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port: give 1 to 65535")
    return port


def _at_least_one(text: str) -> int:
    number = _whole(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number}: give 1 or more")
    return number


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 1 <= seconds < 10**9:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text}: give 1 second or more")
    return seconds


def _token(text: str) -> str:
    if len(text.strip()) < MIN_TOKEN_CHARS or not text.isprintable():
        raise argparse.ArgumentTypeError(f"a token needs {MIN_TOKEN_CHARS} or more printable characters")
    return text
