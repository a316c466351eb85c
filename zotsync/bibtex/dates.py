"""Moved to :mod:`zotsync.dates` (the date rule is shared by the .bib output and Zotero)."""

from zotsync.dates import MONTH_MACROS, PaperDate, paper_date

__all__ = ["MONTH_MACROS", "PaperDate", "paper_date"]
