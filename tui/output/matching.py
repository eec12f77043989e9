"""What of a library a query finds: each event's matching remarks, each schedule's matching talks."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.model import Library, Proceedings
from ..core.query import Query, SearchIndex
from ..core.talks import TalkOutcome, TalkSearch, is_schedule


def matching(library: Library, query: Query) -> Iterator[tuple[Proceedings, list[int]]]:
    """Each event with the positions of its remarks that match the query."""
    for proceedings in library.events:
        yield proceedings, SearchIndex(proceedings).search(query)


def talk_matching(library: Library, query: Query) -> Iterator[tuple[Proceedings, TalkOutcome]]:
    """Each schedule (an event of talks, no remarks) with its talks that match the query."""
    for proceedings in library.events:
        if is_schedule(proceedings):
            yield proceedings, TalkSearch(proceedings).run(query)
