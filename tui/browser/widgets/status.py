"""The status line under the exchanges: how many remarks show, under which filters, and any warning."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from ...core.model import Proceedings
from ...core.query import Term
from ...core.textsafe import safe_line
from ...output.plain_text import of_total, plural
from ..filters import Filters


class StatusLine(Static):
    """'N of M remarks', any warning, then the section, speakers and filter: one line, cut at its end.

    What matters most comes first, so a narrow terminal cuts the least useful part; the whole
    line is its tooltip and `i` shows it in full.
    """

    full_text = ""

    def show(
        self,
        proceedings: Proceedings,
        shown: int,
        unmatched: Sequence[Term],
        filters: Filters,
        *,
        talks: bool = False,
        hints: Sequence[str] = (),
        events: int | None = None,
        also_talks: tuple[int, int] | None = None,
        counting: bool = False,
    ) -> None:
        """The count of remarks (or a schedule's talks) shown, the filters in force, any warning.

        `events`: in All events, how many events the remarks shown come from;
        `also_talks`: there, the schedules' talks that match, of how many;
        `counting`: `shown` are the first matches, and every one is still being counted.
        """
        total = len(proceedings.sections) if talks else len(proceedings.remarks)
        count = of_total(shown, total, "talk" if talks else "remark")
        if counting and shown:  # the first matches: "200+ of 988,186 remarks (counting…)"
            count = count.replace(" of ", "+ of ", 1) + " (counting…)"
        elif counting:
            count = f"counting {plural(total, 'remark')}…"
        if also_talks is not None:
            count += " and " + of_total(*also_talks, "talk")
        if events is not None:
            count += f" in {events:,} event{'s' if events != 1 else ''}"
        parts = []
        if filters.scope is not None:
            parts.append(f"section {proceedings.section_by_id[filters.scope].label}")
        if filters.speakers:
            parts.append("speakers: " + ", ".join(filters.speaker_names(proceedings)))
        if filters.query.source.strip():
            parts.append(f"filter: {filters.query.source.strip()}")
        warning = ""
        if filters.error:
            warning = f"⚠ {filters.error}"
        elif unmatched:
            warning = f"⚠ nothing matches {', '.join(str(t) for t in unmatched)}"
        elif hints:
            warning = f"⚠ {'; '.join(hints)}"
        status = Content(safe_line(count))
        if warning:
            status = status + Content("  ") + Content.styled(safe_line(warning), "$warning")
        if parts:
            status = status + Content(safe_line((" · " if not warning else "  · ") + " · ".join(parts)))
        self.full_text = safe_line(" · ".join([count, *([warning] if warning else []), *parts]))
        self.tooltip = self.full_text
        self.update(status)
