"""Conflict blocks: both versions of a note kept in the list until the user chooses.

When a note changed in the list *and* in Zotero since the last sync, ``zotsync sync``
writes a block like this where the entry's notes are (the Zotero note is left alone)::

    <!-- zotsync:conflict list id="arxiv:2410.08159" hash="n1:…" (keep what you want, then delete these marker lines) -->
    the list's version of the notes
    <!-- zotsync:conflict zotero edited="2026-11-22T04:10:00Z" hash="n1:…" -->
    the Zotero version, converted to the list's Markdown style
    <!-- zotsync:end -->

Why this shape:

* HTML comments are hidden by every Markdown renderer (GitHub, Obsidian, VS Code
  preview), so a rendered list simply shows both texts one after the other; in an
  editor the markers are plain to see and say what to do.
* Each marker is a whole line, so the parser and :func:`detect_conflicts` find blocks
  by lines, and the ``id`` ties the block to its entry: a block is never taken for
  the notes of another entry, even if the user moved it.
* The user resolves by editing: delete the markers and the unwanted text (the block
  is gone: the notes are what is left), or empty one side (see :func:`resolution`).
  ``--on-conflict`` policies resolve with :func:`resolve`.
* ``hash`` records each side's content hash as written (``none`` for a side that had
  no note, e.g. deleted in Zotero, shown as ``(deleted)``). So sync can tell a side the
  user emptied from one that was empty all along, and can tell whether Zotero's note
  changed again after the block was written.

Markers must start their line (indentation allowed, for notes under a list item);
attribute values are percent-encoded where they would break the comment
(``"``, ``%``, ``--``, ``>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

from zotsync.parse.conflict_markers import (
    ATTR,
    MarkedBlock,
    conflict_line_spans,
    marked_blocks,
    text_lines,
)

from .hashing import hash_markdown

__all__ = [
    "ConflictBlock",
    "conflict_line_spans",
    "detect_conflicts",
    "render_conflict",
    "resolution",
    "resolve",
    "short_hash",
]

_HELP = "(keep what you want, then delete these marker lines)"


@dataclass(frozen=True)
class ConflictBlock:
    """One conflict block found in a list (lines are 1-based, inclusive, markers included)."""

    ident: str  # the entry's identity (zotsync.model.Entry.ident)
    list_text: str  # the list's version, indentation removed
    zotero_text: str  # the Zotero version, indentation removed
    zotero_edited: str | None  # when Zotero's version was last modified, if known
    start_line: int
    end_line: int
    indent: str = ""
    list_hash: str | None = None  # content hash of each side as written ("none": empty side)
    zotero_hash: str | None = None

    def zotero_changed_since(self, current_hash: str | None) -> bool:
        """Whether Zotero's note (content hash ``current_hash``) differs from the version in the block."""
        recorded = self.zotero_hash or short_hash(hash_markdown(self.zotero_text))
        return short_hash(current_hash) != recorded

    def zotero_side_edited(self) -> bool:
        """Whether the user changed the Zotero side of the block in the list."""
        if self.zotero_hash is None:
            return False
        return short_hash(hash_markdown(self.zotero_text)) != self.zotero_hash

    def written_empty(self, side: str) -> bool:
        """Whether ``side`` ("list"/"zotero") had no text when zotsync wrote the block."""
        recorded = self.list_hash if side == "list" else self.zotero_hash
        if recorded is None:  # a hand-written block without hashes: trust the text
            return False
        return recorded == "none"

    @property
    def span(self) -> tuple[int, int]:
        return (self.start_line, self.end_line)


def _attr(value: str) -> str:
    return quote(value, safe=":/.,;=+@()[]!*' _~&$").replace("--", "-%2D")


def short_hash(full: str | None) -> str:
    """The form a content hash takes in a marker: 16 hex digits (64 bits), or ``none``."""
    return full[: len("n1:") + 16] if full else "none"


def render_conflict(
    ident: str,
    list_text: str,
    zotero_text: str,
    *,
    zotero_edited: str | None = None,
    indent: str = "",
) -> str:
    """The conflict block's text (lines joined by ``\\n``, no final newline)."""
    edited = f' edited="{_attr(zotero_edited)}"' if zotero_edited else ""
    list_hash, zotero_hash = (
        short_hash(hash_markdown(list_text)),
        short_hash(hash_markdown(zotero_text)),
    )
    deleted = " (deleted)" if zotero_hash == "none" else ""
    lines = [f'<!-- zotsync:conflict list id="{_attr(ident)}" hash="{list_hash}" {_HELP} -->']
    lines += list_text.strip("\n").split("\n") if list_text.strip() else []
    lines.append(f'<!-- zotsync:conflict zotero{edited} hash="{zotero_hash}"{deleted} -->')
    lines += zotero_text.strip("\n").split("\n") if zotero_text.strip() else []
    lines.append("<!-- zotsync:end -->")
    return "\n".join((indent + line) if line.strip() else "" for line in lines)


def detect_conflicts(text: str) -> list[ConflictBlock]:
    """Every conflict block in a list's text, in order.

    A marker out of place (a second begin before the end, a zotero marker or end
    without a begin, a block that never ends) raises :class:`InputError` naming the
    line, because guessing could attach one entry's text to another.
    """
    lines = text_lines(text)  # numbered as the parser and the rewriter number them
    return [_block(lines, marked) for marked in marked_blocks(lines)]


def _block(lines: list[str], marked: MarkedBlock) -> ConflictBlock:
    attrs = {k: unquote(v) for k, v in ATTR.findall(marked.begin_match.group("attrs"))}
    found = {k: unquote(v) for k, v in ATTR.findall(marked.middle_match.group("attrs"))}
    indent = marked.begin_match.group("indent")
    return ConflictBlock(
        ident=attrs["id"],
        list_text=_dedent(lines[marked.begin + 1 : marked.middle], indent),
        zotero_text=_dedent(lines[marked.middle + 1 : marked.end], indent),
        zotero_edited=found.get("edited"),
        start_line=marked.begin + 1,
        end_line=marked.end + 1,
        indent=indent,
        list_hash=attrs.get("hash"),
        zotero_hash=found.get("hash"),
    )


def _dedent(lines: list[str], indent: str) -> str:
    out = [line[len(indent) :] if indent and line.startswith(indent) else line for line in lines]
    return "\n".join(out).strip("\n")


def resolution(block: ConflictBlock) -> str | None:
    """The text the user settled on inside a block, or ``None`` while both differ.

    Settled when both sides now say the same (content-wise, see
    :func:`zotsync.notes.hashing.normalise_markdown`), or when the user emptied one side
    (the other wins). A side that was already empty when the block was written (a note
    deleted on that side) does not count as emptied: the user must still choose.
    """
    list_now, zotero_now = hash_markdown(block.list_text), hash_markdown(block.zotero_text)
    if list_now == zotero_now:
        return block.list_text
    if zotero_now is None and not block.written_empty("zotero"):
        return block.list_text
    if list_now is None and not block.written_empty("list"):
        return block.zotero_text
    return None


def resolve(block: ConflictBlock, choice: str) -> str:
    """The notes after resolving by policy: ``"list"``, ``"zotero"`` or ``"both"``.

    ``"both"`` keeps the list's text, then a blank line, then Zotero's (no markers).
    """
    if choice == "list":
        return block.list_text
    if choice == "zotero":
        return block.zotero_text
    if choice == "both":
        parts = [t for t in (block.list_text, block.zotero_text) if t.strip()]
        return "\n\n".join(parts)
    raise ValueError(f"unknown conflict choice {choice!r} (use list, zotero or both)")
