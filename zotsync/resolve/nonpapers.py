"""Entries that name something other than a paper: flagged, never matched to a paper.

A careful reader does not look a blog post up on arXiv because it shares a paper's title.
:func:`not_a_paper` says why an entry is not a paper, or None:

* the parser says so (``Entry.kind`` is ``blog``, ``video``, ``repo``, … — from its links);
* the entry carries no paper identifier and sits in a section whose heading says blog /
  posts / talks / videos / lectures / courses / tutorials / podcasts / slides (any level of
  its section path), or in a table row with a cell that says so (``Blog``, ``Video`` …).

The words are matched as whole words: ``Post-training`` and ``Video Understanding`` are
paper topics, not kinds of thing (``Videos`` and ``Blog posts`` are). A heading that also
names papers (``Tutorials and Surveys``, ``Talks & Papers``) holds papers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from zotsync.model import Entry, Reason

__all__ = ["not_a_paper", "NOT_A_PAPER"]

NOT_A_PAPER = Reason.NOT_A_PAPER.value

_SECTION = re.compile(
    r"(?<![\w-])(?:blogs?|blog\s+posts?|posts|talks|videos|lectures?|lecture\s+notes|courses?|"
    r"tutorials|podcasts?|slides|webinars?|keynotes?)(?![\w-])|博客|课程|讲座|教程|视频教程|ブログ|講義",
    re.I,
)
# a heading that also names papers ("Tutorials and Surveys", "Talks & Papers") holds papers
_PAPERS_TOO = re.compile(
    r"(?<![\w-])(?:papers?|surveys?|preprints?|articles?|reviews?)(?![\w-])|论文|综述", re.I
)
_CELL = re.compile(
    r"^\s*(?:blog(?:\s+post)?|post|talk|video|lecture|course|tutorial|podcast|slides|webinar)\s*$",
    re.I,
)


def not_a_paper(entry: Entry) -> str | None:
    """Why ``entry`` is not a paper (for the reason shown to the user), or None."""
    kind = getattr(entry, "kind", "paper") or "paper"
    if kind != "paper":
        return f"the list names a {kind}"
    if entry.arxiv_id or entry.doi or entry.openreview_id:
        return None
    for heading in entry.section:
        if _SECTION.search(heading) and not _PAPERS_TOO.search(heading):
            return f"listed under {heading!r}"
    cells = entry.hints.get("columns")
    values = cells.values() if isinstance(cells, Mapping) else ()
    for cell in values:
        if isinstance(cell, str) and _CELL.match(cell):
            return f"its row says {cell.strip()!r}"
    return None
