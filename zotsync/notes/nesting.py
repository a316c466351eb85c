"""How deep a list item of a note sits, read from its indentation the way a person reads it.

One rule for every place that needs it — the push rendering a note's nested lists as
nested ``<ul>``/``<ol>``, the content hash, and pull's "is this the user's unchanged
line" test — so a note indented with tabs, two or four spaces has the same structure
everywhere:

* a list item indented deeper than the item before it opens a list one level down
  (never more than one level at a time);
* an item indented as far as an open level (or between two levels) belongs to it;
* a blank line or a line that is not indented ends the list (as the push renders it).

    >>> [line_depth for line_depth in item_depths(["- a", "\\t- b", "\\t\\t1. c", "    - d", "- e"])]
    [0, 1, 2, 1, 0]

Tabs count to the next multiple of four columns (CommonMark's tab stop).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: A list item line: its indentation, its marker (bullet or ``N.``/``N)``) and its text.
ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+(?P<text>\S.*)$")


def indent_width(indent: str) -> int:
    """Columns of leading whitespace, tabs to the next multiple of four."""
    width = 0
    for ch in indent:
        width = (width // 4 + 1) * 4 if ch == "\t" else width + 1
    return width


class Nesting:
    """The open list levels while reading a note line by line (see module docs)."""

    def __init__(self) -> None:
        self._levels: list[int] = []

    def depth(self, indent: str) -> int:
        """The depth (0 = top level) of a list item with this indentation."""
        width = indent_width(indent)
        while self._levels and width < self._levels[-1]:
            self._levels.pop()
        if not self._levels or width > self._levels[-1]:
            self._levels.append(width)
        return len(self._levels) - 1

    def reset(self) -> None:
        """A blank or unindented non-item line: the list is over."""
        self._levels.clear()


def item_depths(lines: Iterable[str]) -> Iterator[int | None]:
    """Per line: the depth of a list item, ``None`` for any other line."""
    nesting = Nesting()
    for line in lines:
        item = ITEM.match(line)
        if item:
            yield nesting.depth(item.group("indent"))
            continue
        if not line.strip() or line[:1] not in (" ", "\t"):
            nesting.reset()
        yield None
