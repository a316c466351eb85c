"""Every identifier in a piece of a list, with where it came from (``Entry.ids``).

A line is read as Markdown inline text (:mod:`.inline`): a link's target is read whatever
its label (``where="link"``, the label kept), a bare URL (also inside parentheses or HTML
``href``) is ``where="url"``, and identifiers written out (``arXiv:2410.08159``,
``hep-th/9901001``, ``doi:10.…``, also inside a link's label) are ``where="text"``. The same
identifier found twice in one place is kept once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zotsync.model import FoundId
from zotsync.parse.identifiers import find_urls, found_id, text_ids, url_id
from zotsync.parse.inline import tokenize
from zotsync.parse.lines import MAX_LINE, strip_list_marker

_LINKS = ("link", "double")
_DIGIT = re.compile(r"\d")  # every identifier holds one


def scan_line(text: str, line: int) -> list[FoundId]:
    """Identifiers in one line (number ``line``), in order."""
    if len(text) > MAX_LINE or not _DIGIT.search(text):
        return []
    found: list[FoundId] = []

    def add(value, where: str, url: str | None = None, label: str | None = None) -> None:
        if value is not None:
            found.append(found_id(value, where, line=line, url=url, label=label))

    # the text after the list marker, as the line's entry was read (its segments are cached)
    for seg in tokenize(strip_list_marker(text)[2]):
        if seg.kind in _LINKS and seg.url:
            for _, value in text_ids(seg.text):
                add(value, "text")
            add(url_id(seg.url), "link", seg.url, seg.text.strip("[]*` \\") or None)
            continue
        if seg.kind == "url":
            add(url_id(seg.text), "url", seg.text)
            continue
        pieces = [(seg.text.find(url), url_id(url), "url", url) for url in find_urls(seg.text)]
        pieces += [(at, value, "text", None) for at, value in text_ids(seg.text)]
        for _, value, where, url in sorted(pieces, key=lambda p: p[0]):
            add(value, where, url)
    return found


def unique(ids: Iterable[FoundId]) -> tuple[FoundId, ...]:
    """``ids`` without repeats of the same (scheme, value, where), first kept."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for found in ids:
        key = (found.scheme, found.value, found.where)
        if key not in seen:
            seen.add(key)
            out.append(found)
    return tuple(out)
