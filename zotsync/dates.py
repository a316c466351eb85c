"""The project's one date rule, shared by the .bib output and the Zotero sync.

**A paper's date is the date of its FIRST arXiv version** (``Paper.published``,
the v1 submission date), so a citation key and a bibliography entry never
change when the authors post a v2 a year later. When there is no v1 date (a
paper known only from a venue or Semantic Scholar), the date is
``Paper.year`` alone. This is deliberately *not* what Zotero's arXiv
translator does (it takes the latest version's date); we prefer the stable
one, and document the difference in the README.

``year``/``month`` in BibTeX, ``date`` in biblatex, the ``year`` part of the
citation key and Zotero's ``date`` field all come from :func:`paper_date`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zotsync.model import Paper

__all__ = ["PaperDate", "paper_date", "MONTH_MACROS"]

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PaperDate:
    """Year, and month/day when known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (biblatex ``date``); ``""`` when unknown."""
        if self.year is None:
            return ""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def month_macro(self) -> str | None:
        """BibTeX's month macro (``jun``), which every style prints in its own language."""
        return MONTH_MACROS[self.month - 1] if self.month else None


def paper_date(paper: Paper) -> PaperDate:
    """The date of ``paper`` by the rule in the module docstring."""
    if paper.published:
        m = _ISO.match(paper.published)
        if m:
            year, month, day = (int(g) if g else None for g in m.groups())
            if month is not None and not 1 <= month <= 12:
                month = day = None
            return PaperDate(year, month, day)
    return PaperDate(paper.year)
