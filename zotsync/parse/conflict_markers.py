"""The marker lines of a zotsync conflict block, and where blocks sit in a list's text.

    <!-- zotsync:conflict list id="…" hash="…" (keep what you want, then delete these marker lines) -->
    the list's version
    <!-- zotsync:conflict zotero edited="…" hash="…" -->
    Zotero's version
    <!-- zotsync:end -->

The parser masks these lines (a link inside a block must not become an entry);
:mod:`zotsync.notes.conflict` reads the blocks' texts and writes new ones. Both use the
one scanner here, so they always agree on where a block starts and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zotsync.errors import InputError
from zotsync.parse.lines import eol_pattern

BEGIN = re.compile(r"^(?P<indent>[ \t]*)<!-- zotsync:conflict list\b(?P<attrs>.*?)-->[ \t]*$")
MIDDLE = re.compile(r"^[ \t]*<!-- zotsync:conflict zotero\b(?P<attrs>.*?)-->[ \t]*$")
END = re.compile(r"^[ \t]*<!-- zotsync:end\b.*?-->[ \t]*$")
ANY = re.compile(r"^[ \t]*<!-- zotsync:(conflict|end)\b")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class MarkedBlock:
    """Where one block's markers are (0-based indexes into the text's lines)."""

    begin: int
    middle: int
    end: int
    begin_match: re.Match[str]
    middle_match: re.Match[str]

    @property
    def span(self) -> tuple[int, int]:
        """1-based inclusive line span, markers included."""
        return (self.begin + 1, self.end + 1)


def text_lines(text: str) -> list[str]:
    """The text's lines, numbered as the parser and the rewriter number them."""
    return eol_pattern(text).split(text)


def marked_blocks(lines: list[str]) -> list[MarkedBlock]:
    """Every block's markers, in order.

    A marker out of place (a second begin before the end, a zotero marker or end without
    a begin, a block that never ends) raises :class:`InputError` naming the line, because
    guessing could attach one entry's text to another.
    """
    blocks: list[MarkedBlock] = []
    i = 0
    while i < len(lines):
        begin = BEGIN.match(lines[i])
        if begin:
            block = _block_from(lines, i, begin)
            blocks.append(block)
            i = block.end + 1
            continue
        if ANY.match(lines[i]):
            raise misplaced(
                i + 1, "a conflict marker without its opening 'zotsync:conflict list' line"
            )
        i += 1
    return blocks


def _block_from(lines: list[str], i: int, begin: re.Match[str]) -> MarkedBlock:
    if not dict(ATTR.findall(begin.group("attrs"))).get("id"):
        raise misplaced(i + 1, 'a conflict block without id="…"')
    middle: tuple[int, re.Match[str]] | None = None
    for j in range(i + 1, len(lines)):
        found_middle, end = MIDDLE.match(lines[j]), END.match(lines[j])
        if found_middle and middle is None:
            middle = (j, found_middle)
        elif end and middle is not None:
            return MarkedBlock(i, middle[0], j, begin, middle[1])
        elif ANY.match(lines[j]):
            raise misplaced(
                j + 1, f"a conflict marker out of order in the block opened on line {i + 1}"
            )
    raise misplaced(i + 1, "a conflict block that never ends (no '<!-- zotsync:end -->' line)")


def misplaced(line: int, what: str) -> InputError:
    return InputError(
        f"line {line}: {what}",
        hint="fix the conflict markers by hand (see README, 'Note conflicts'), then run again",
    )


def conflict_line_spans(text: str) -> list[tuple[int, int]]:
    """The 1-based inclusive line spans of all conflict blocks (for the parser to mask)."""
    return [block.span for block in marked_blocks(text_lines(text))]
