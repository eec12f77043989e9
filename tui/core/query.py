"""One query language for the command line and the browser: its public names, in one place.

    climate "AI for all" -moratorium speaker:hickok section:3 topic:safety

The work is in four modules of one purpose each: tui.core.folding (text made
case- and accent-insensitive), tui.core.query_parse (the language read into a
Query), tui.core.naming (the speakers and sections a field term names) and
tui.core.matching (a Query against an event's remarks and texts).
The layers above import from here.
"""

from __future__ import annotations

from .folding import fold, fold_with_offsets
from .matching import Resolved, SearchIndex, name_hints, spans
from .naming import section_matches, speaker_matches
from .query_parse import FIELDS, MAX_QUERY_CHARS, IncompleteQuery, Query, QueryError, Term, parse

__all__ = [
    "FIELDS",
    "MAX_QUERY_CHARS",
    "IncompleteQuery",
    "Query",
    "QueryError",
    "Resolved",
    "SearchIndex",
    "Term",
    "fold",
    "fold_with_offsets",
    "name_hints",
    "parse",
    "section_matches",
    "spans",
    "speaker_matches",
]
