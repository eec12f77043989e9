"""The status line under the exchanges: how many remarks show, under which filters, and any warning."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...core.model import Proceedings
from ...core.search import Outcome
from ...core.textsafe import safe_line
from ..filters import Filters


class StatusLine(Static):
    """'N of M remarks · section · speakers · filter', then a warning when the query has one."""

    def show(self, proceedings: Proceedings, outcome: Outcome, filters: Filters) -> None:
        parts = [f"{len(outcome.positions)} of {len(proceedings.remarks)} remarks"]
        if filters.scope is not None:
            parts.append(f"section {proceedings.section_by_id[filters.scope].label}")
        if filters.speakers:
            parts.append("speakers: " + ", ".join(filters.speaker_names(proceedings)))
        if filters.query.source.strip():
            parts.append(f"filter: {filters.query.source.strip()}")
        status = Content(safe_line(" · ".join(parts)))
        if filters.error:
            status = status + Content.styled(safe_line(f"  ⚠ {filters.error}"), "$warning")
        elif outcome.unmatched:
            unmatched = ", ".join(str(t) for t in outcome.unmatched)
            status = status + Content.styled(safe_line(f"  ⚠ nothing matches {unmatched}"), "$warning")
        self.update(status)
