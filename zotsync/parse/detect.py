"""Which dialect is this file? Decided once per file from the first 5,000 non-blank lines.

In order:

1. ``hf`` – Hugging Face page chrome (``Get trending papers…``, ``byAK and the research
   community``, ``Daily Papers``, a glued ``Subscribe…``) or ``• N authors`` lines; or, with
   no Markdown headings, links or tables at all, a page where at least a third of the lines
   are abstract-sized paragraphs.
2. ``table`` – table rows are the most common way entries are written (at least 3 rows and
   more rows than linked list items).
3. ``awesome`` – at least 3 linked items and at least half of them carry awesome-list
   furniture: a venue before the link (``arXiv [T](…)``), ``[[Code](…)]``, a ``(note)``
   after the link, or a ``ReadNotes`` marker.
4. ``markdown`` – everything else, except: ``org`` for ``.org`` files and for text with Org
   headings or markup and no Markdown links or headings; ``text`` for a ``.txt`` file without
   any Markdown markup (one title per line or per numbered item, read by the same walk).

Numbered or bulleted lines are never counted as abstracts: a list of citations is a list.
"""

from __future__ import annotations

import re

from zotsync.parse.hf import AUTHORS_LINE, CHROME, is_abstract_like, split_glued_chrome
from zotsync.parse.items import parse_item
from zotsync.parse.lines import MAX_LINE, Line, heading, is_table_row, strip_list_marker

FORMATS = ("markdown", "awesome", "hf", "table", "org", "text")
_ORG_SUBHEADING = re.compile(r"^\*\*+\s+\S")
_ORG_MARKUP = re.compile(
    r"^\s*#\+\w+|\[\[[^\]]+\](?:\[[^\]]*\])?\]|^\s*:PROPERTIES:", re.IGNORECASE
)
_MD_LINK = re.compile(r"\]\(")
_SAMPLE = 5000
_HF_MARKERS = {c for c in CHROME if len(c) >= 12}
_LINK = re.compile(r"\]\(|https?://")


def _is_awesome_item(line: Line) -> tuple[bool, bool]:
    """(is a linked item, has awesome furniture)."""
    if len(line.text) > MAX_LINE or "](" not in line.text:
        return False, False
    _, marker, content = strip_list_marker(line.text)
    parts = parse_item(content, listed=bool(marker))  # as the walk reads it (one parse of it)
    if parts.title_kind not in ("link", "double"):
        return False, False
    furniture = bool(
        parts.venue
        or parts.links
        or parts.notes
        or parts.read_notes is not None
        or parts.labels_without_url
    )
    return True, furniture


def _is_org(sample: list[Line]) -> bool:
    """Org's own markup (``#+TITLE``, ``[[url][desc]]``, drawers, ``** sub-headings``) and no
    Markdown links or headings. A ``* item`` alone is a Markdown bullet as much as an Org
    heading, so it never decides."""
    org = sum(1 for ln in sample if _ORG_MARKUP.search(ln.text) or _ORG_SUBHEADING.match(ln.text))
    markdown = sum(1 for ln in sample if _MD_LINK.search(ln.text) or heading(ln.text))
    return org >= 2 and org > 2 * markdown


def detect_dialect(lines: list[Line], source: str = "") -> str:
    """One of :data:`FORMATS` for these lines (see the module docstring); ``source`` (the file
    name) decides Org-mode for ``.org`` files."""
    sample = [ln for ln in lines if not ln.blank][:_SAMPLE]
    if source.lower().endswith(".org") or _is_org(sample):
        return "org"
    if any(
        ln.text.strip() in _HF_MARKERS
        or AUTHORS_LINE.match(ln.text.strip())
        or split_glued_chrome(ln.text)
        for ln in sample
    ):
        return "hf"
    table_rows = sum(1 for ln in sample if is_table_row(ln.text))
    items = [_is_awesome_item(ln) for ln in sample]
    linked = sum(1 for is_item, _ in items if is_item)
    furnished = sum(1 for _, furniture in items if furniture)
    if table_rows >= 3 and table_rows > linked:
        return "table"
    if linked >= 3 and furnished * 2 >= linked:
        return "awesome"
    markup = any(
        heading(ln.text) or _LINK.search(ln.text) or is_table_row(ln.text) for ln in sample
    )
    items = sum(1 for ln in sample if strip_list_marker(ln.text)[1])
    abstracts = sum(
        1 for ln in sample if is_abstract_like(ln.text) and not strip_list_marker(ln.text)[1]
    )
    if sample and not markup and abstracts * 3 >= len(sample) and items * 3 < len(sample):
        return "hf"
    if not markup and source.lower().endswith((".txt", ".text")):
        return "text"
    return "markdown"
