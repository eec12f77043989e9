"""The status line under the exchanges: how many remarks show, under which filters, and any warning."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from ...core.model import Proceedings
from ...core.query import Term
from ...core.textsafe import safe_line
from ..filters import Filters


class StatusLine(Static):
    """'N of M remarks · section · speakers · filter', then a warning when the query has one."""

    def show(
        self,
        proceedings: Proceedings,
        shown: int,
        unmatched: Sequence[Term],
        filters: Filters,
        *,
        talks: bool = False,
    ) -> None:
        """The count of remarks (or a schedule's talks) shown, the filters in force, any warning."""
        total = len(proceedings.sections) if talks else len(proceedings.remarks)
        parts = [f"{shown} of {total} {'talks' if talks else 'remarks'}"]
        if filters.scope is not None:
            parts.append(f"section {proceedings.section_by_id[filters.scope].label}")
        if filters.speakers:
            parts.append("speakers: " + ", ".join(filters.speaker_names(proceedings)))
        if filters.query.source.strip():
            parts.append(f"filter: {filters.query.source.strip()}")
        status = Content(safe_line(" · ".join(parts)))
        if filters.error:
            status = status + Content.styled(safe_line(f"  ⚠ {filters.error}"), "$warning")
        elif unmatched:
            names = ", ".join(str(t) for t in unmatched)
            status = status + Content.styled(safe_line(f"  ⚠ nothing matches {names}"), "$warning")
        self.update(status)
