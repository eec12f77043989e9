"""An iCalendar file's content lines, walked before the library reads them: it names no line.

One pass over the unfolded lines checks that components balance, nest at most MAX_DEPTH deep
and stay within the limits, places each VEVENT's properties at their lines for the reader's
problems, and keeps the lines of the components Podium reads (a VALARM or VTODO is left out
unread, so a bad value in one costs no talk).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .schedule import MAX_PROBLEMS, one_line
from .source import Problem

MAX_DEPTH = 8  # components in components: VCALENDAR > VEVENT > VALARM needs 3
MAX_EVENTS = 20_000  # the largest conferences (FOSDEM) list about 1,000 talks; 20,000 parse in a few seconds
MAX_LINES = 250_000  # content lines: a conference of 1,000 talks writes about 20,000; past this, no calendar
KEPT = frozenset({"VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT"})  # the rest is left out unread
_SHOWN = 60  # characters of a broken line quoted in its problem


@dataclass(slots=True)
class Places:
    """Where things are in the file: each VEVENT's BEGIN and first line of each property, in file order."""

    events: list[dict[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each content line unfolded (a line starting with a space or tab goes on the one before), with
    the number of the line it starts on."""
    pending: list[str] = []
    start = 1
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if pending and line[:1] in (" ", "\t"):
            pending.append(line[1:])
            continue
        if pending:
            yield start, "".join(pending)
        pending, start = [line], number
    if pending:
        yield start, "".join(pending)


def quoted(line: str) -> str:
    shown = line if len(line) <= _SHOWN else line[:_SHOWN] + "…"
    return '"' + shown + '"'


class Scan:
    """One pass over the content lines: components balanced and not too deep or many, lines well formed."""

    def __init__(self, name: str) -> None:
        from icalendar.parser import Contentline  # the library's own reading of a line, so both agree

        self.name = name
        self.places = Places()
        self.stack: list[tuple[str, int, dict[str, int] | None]] = []
        self.calendars = 0
        self.contentline = Contentline
        self.kept: list[str] = []  # the lines of the components read (VALARM, VTODO… left out), unfolded
        self.skipping = 0  # depth inside a component left out
        self.lines = 0
        self.timezones: list[int] = []  # where each VTIMEZONE begins

    def parse(self, line: str) -> tuple[str, Any, str]:
        """NAME, parameters and value; ValueError when the line is none."""
        # icalendar leaves Contentline's constructor without annotations; parts() is typed
        parts: tuple[str, Any, str] = self.contentline(line).parts()  # type: ignore[no-untyped-call]
        return parts

    def fail(self, line: int, message: str, fatal: bool = False) -> None:
        self.places.problems.append(Problem(self.name, message, line, 1))
        self.places.fatal = self.places.fatal or fatal
        if len(self.places.problems) >= MAX_PROBLEMS - 1 and not self.places.fatal:  # the last one says why
            self.places.problems.append(
                Problem(self.name, f"more than {MAX_PROBLEMS} broken lines: this is not an iCalendar file", line, 1)
            )
            self.places.fatal = True

    def run(self, text: str) -> Places:
        last = 1
        for number, line in content_lines(text):
            if line.strip():
                last = number
                self.lines += 1
                if self.lines > MAX_LINES:
                    self.fail(
                        number, f"more than {MAX_LINES:,} lines: Podium reads a calendar of at most that many", True
                    )
                elif "\r" in line:
                    self.fail(number, "a CR alone inside this line ends nothing: save the file with CRLF line ends")
                else:
                    self.line(number, line)
            if self.places.fatal:
                return self.places
        if self.stack:
            what, where, _ = self.stack[-1]
            self.fail(
                last,
                f"the file ends inside BEGIN:{what} (line {where}): it may be cut short; "
                f"end it with END:{what}" + ("" if what == "VCALENDAR" else " … END:VCALENDAR"),
                fatal=True,
            )
        elif not self.calendars:
            self.fail(1, "no BEGIN:VCALENDAR: an iCalendar file starts with it and ends with END:VCALENDAR", True)
        return self.places

    def line(self, number: int, line: str) -> None:
        try:
            prop, _params, value = self.parse(line)
        except ValueError:
            self.fail(
                number,
                f"{quoted(line)} is not a content line NAME:VALUE (or NAME;PARAM=VALUE:VALUE); "
                "a line that goes on from the one before starts with a space",
                fatal=not self.stack,  # junk before the calendar: not an iCalendar file at all
            )
            return
        prop = prop.upper()
        if prop in ("BEGIN", "END"):
            what = one_line(value.upper()) or ""
            if prop == "BEGIN":
                self.begin(number, what)
                if self.skipping or what not in KEPT:  # a VALARM, a VTODO…: its lines are not read
                    self.skipping += 1
                    return
                if what == "VTIMEZONE":
                    self.timezones.append(number)
            else:
                self.end(number, what)
                if self.skipping:
                    self.skipping -= 1
                    return
            self.kept.append(line)
        elif not self.stack:
            self.fail(number, f"{quoted(line)} is outside BEGIN:VCALENDAR … END:VCALENDAR", fatal=True)
        elif not self.skipping:
            self.kept.append(line)
            if (found := self.stack[-1][2]) is not None:
                found.setdefault(prop, number)

    def begin(self, number: int, what: str) -> None:
        if not self.stack and what != "VCALENDAR":
            self.fail(number, f"BEGIN:{what} outside BEGIN:VCALENDAR; an iCalendar file is one VCALENDAR", True)
        elif not self.stack and self.calendars:
            self.fail(number, "a second BEGIN:VCALENDAR: Podium reads one calendar a file; split it in two", True)
        elif len(self.stack) >= MAX_DEPTH:
            self.fail(number, f"components nest more than {MAX_DEPTH} deep here; a calendar needs 3", True)
        elif what == "VEVENT" and len(self.places.events) >= MAX_EVENTS:
            self.fail(number, f"more than {MAX_EVENTS:,} VEVENTs: Podium reads a calendar of at most that many", True)
        else:
            found: dict[str, int] | None = None
            if what == "VEVENT":
                found = {"BEGIN": number}
                self.places.events.append(found)
            self.stack.append((what, number, found))

    def end(self, number: int, what: str) -> None:
        if not self.stack:
            self.fail(number, f"END:{what} closes nothing: no BEGIN:{what} is open", True)
        elif self.stack[-1][0] != what:
            open_, where, _ = self.stack[-1]
            self.fail(number, f"END:{what} where BEGIN:{open_} (line {where}) is open; close it with END:{open_}", True)
        else:
            self.stack.pop()
            self.calendars += not self.stack


def without_timezones(lines: list[str]) -> list[str]:
    kept, depth = [], 0
    for line in lines:
        upper = line.upper()
        if upper.startswith("BEGIN:VTIMEZONE"):
            depth += 1
        elif depth and upper.startswith("END:VTIMEZONE"):
            depth -= 1
            continue
        if not depth:
            kept.append(line)
    return kept
