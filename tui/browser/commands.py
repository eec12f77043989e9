"""Command palette entries: filter by each speaker, jump to each section, switch event."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from ..core.model import Library
from ..core.textsafe import safe_line
from .searcher import Searcher


class Browser(Protocol):
    """What the palette needs of the main view: the events, the filters, and the ways to change them."""

    @property
    def library(self) -> Library: ...

    @property
    def searcher(self) -> Searcher: ...

    def toggle_speaker(self, speaker_id: str) -> None: ...

    def scope_section(self, section_id: str | None) -> None: ...

    def clear_filters(self) -> None: ...

    def switch_event(self, index: int) -> None: ...

    def action_collection(self) -> None: ...

    def action_show_shape(self) -> None: ...

    def action_export_remarks(self) -> None: ...


class PodiumCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast(Browser, self.app.main)  # type: ignore[attr-defined]
        if not app.library.events:  # still loading
            return []
        searcher = app.searcher
        proceedings = searcher.proceedings
        commands: list[tuple[str, Callable[[], object], str]] = []
        for speaker in proceedings.speakers:
            chosen = speaker.id in searcher.filters.speakers
            commands.append(
                (
                    f"{'Stop filtering' if chosen else 'Filter'} by speaker: {safe_line(speaker.name)}",
                    partial(app.toggle_speaker, speaker.id),
                    "Show every speaker's remarks again" if chosen else "Show this speaker's remarks",
                )
            )
        commands.append(("Show all sections", partial(app.scope_section, None), "Remove the section scope"))
        for section in proceedings.sections:
            commands.append(
                (
                    f"Jump to section {section.number}: {safe_line(section.title)}",
                    partial(app.scope_section, section.id),
                    "Show only this section's remarks",
                )
            )
        commands.append(("Clear all filters", app.clear_filters, "Query, speakers and section scope"))
        if not searcher.schedule_shown:  # a schedule's talks are no conversation to draw, as v says
            commands.append(
                ("Show the shape of the conversation", app.action_show_shape, "Share of voice, who answered whom, when")
            )
            commands.append(
                (
                    "Export the remarks shown",
                    app.action_export_remarks,
                    "As a CSV table in the user data folder (also E)",
                )
            )
        commands.append(("Show your collection of quotations", app.action_collection, "The remarks you marked with m"))
        for index, other in enumerate(searcher.views):
            if index == searcher.event_index:
                continue  # switching to the event already shown does nothing
            commands.append(
                (
                    f"Switch to event: {safe_line(other.event.title)}"
                    + (f" ({safe_line(other.event.date)})" if other.event.date else ""),
                    partial(app.switch_event, index),
                    "Show this event's agenda, speakers and exchanges",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlight(matcher, name), callback, text=name, help=help_text)


def _highlight(matcher: Matcher, text: str) -> Content:
    """The matched letters emphasised, the text literal (Matcher.highlight reads markup)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize("bold underline", offset, offset + 1)
    return content
