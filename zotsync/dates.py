"""The project's date rules, shared by the .bib output and the Zotero sync.

Two dates, for two jobs:

* :func:`paper_date` — **the first arXiv version's date** (``Paper.published``, else
  ``Paper.year``): the ``year`` part of a citation key, so a key never changes when the
  authors post a v2 a year later (keys are stored in the lock anyway).
* :func:`version_date` — **the date of the version an entry describes**: the
  publication year of the published version, or for the arXiv preprint the latest
  version's date (``Paper.updated``), which is what Zotero's arXiv translator sets.
  ``year``/``month`` in BibTeX, ``date`` in biblatex and Zotero's ``date`` field all
  come from it, so a ``.bib`` entry and its Zotero item always show the same date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zotsync.model import Paper

__all__ = ["PaperDate", "paper_date", "version_date", "MONTH_MACROS"]

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


def _iso_date(text: str | None) -> PaperDate | None:
    m = _ISO.match(text or "")
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        month = day = None
    return PaperDate(year, month, day)


def paper_date(paper: Paper) -> PaperDate:
    """The date of ``paper``'s first version (what citation keys use; see the module docstring)."""
    return _iso_date(paper.published) or PaperDate(paper.year)


def version_date(paper: Paper, published: bool) -> PaperDate:
    """The date of the version a ``.bib`` entry and a Zotero item describe — both the same.

    The published version: its publication year. The arXiv preprint: the date of its
    latest version (``updated``), the date Zotero's arXiv translator gives the item.
    """
    if published and paper.year:
        return PaperDate(paper.year)
    return _iso_date(paper.updated) or paper_date(paper)
