"""Where an entry's notes live in its list, and the edits that put new notes (or a conflict) there.

This is the glue ``zotsync pull``/``sync`` call per entry; everything is pure:

    doc = split_lines(data, encoding)            # zotsync.notes.lines
    lines = [l.text for l in doc.lines]
    style = list_style(result.entries)           # once per file
    edits = pull_edits(lines, entry, note_html, style, next_line=...)
    new_data = apply_edits(data, encoding, edits)

and, for the outcomes of :func:`zotsync.notes.reconcile.reconcile`: ``pull`` →
:func:`pull_edits`, ``conflict`` → :func:`conflict_edit` (``block=`` to refresh one),
``resolved`` → :func:`resolved_edits`.

Three shapes, decided from the parsed :class:`~zotsync.model.Entry`:

* **inline** (awesome lists: ``hints["notes_inline"]`` and the span is the title line):
  the parser joined the line's parentheticals with ``\\n``; each one is matched to a
  piece of the Zotero note (:func:`zotsync.notes.html2md.note_pieces`), in order.
  Extra pieces become one new ``(…)`` after the last; missing ones delete their
  parenthetical. An awesome entry without notes gets `` (note)`` after its title link.
* **block** (``notes_span`` on lines of their own): the span is replaced.
* **none yet** (other dialects): the notes are inserted after the entry's last line
  (its title, abstract, author/date lines — up to the next entry or heading), indented
  under the list item when the title is one.

Copied Hugging Face pages (dialect ``hf``) get no new notes: the parser would read
lines after an abstract as new papers, so that is refused. An entry whose notes are both inline and on lines below is refused (pull cannot tell
which part a Zotero edit belongs to), as is a line that no longer holds the notes
the parser saw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zotsync.errors import RefusedError
from zotsync.model import Entry
from zotsync.parse.inline import tokenize

from .conflict import ConflictBlock, render_conflict
from .hashing import normalise_markdown
from .html2md import html2md, note_pieces
from .mdescape import balance_parens
from .rewrite import BlockNoteEdit, InlineNoteEdit, NoteEdit
from .style import NoteStyle, detect_style

_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[*+\-]|\d{1,9}[.)])[ \t]+")
_CONFLICT_OPEN = re.compile(r"^[ \t]*<!-- zotsync:conflict list\b")


def list_style(entries: Sequence[Entry]) -> NoteStyle:
    """The note style of a whole list, read from all its block notes."""
    return detect_style("\n\n".join(e.notes for e in entries if e.notes and not _is_inline(e)))


def _is_inline(entry: Entry) -> bool:
    return bool(entry.hints.get("notes_inline"))


def _uses_inline_notes(entry: Entry) -> bool:
    return _is_inline(entry) or (entry.dialect == "awesome" and not entry.notes)


def pull_edits(
    lines: Sequence[str],
    entry: Entry,
    note_html: str,
    style: NoteStyle,
    *,
    next_line: int | None = None,
) -> list[NoteEdit]:
    """The edits that make ``entry``'s notes say what the Zotero note says ([] if they already do)."""
    if _uses_inline_notes(entry):
        if entry.notes_span not in (None, (entry.line, entry.line)):
            raise RefusedError(
                f"{entry.source}:{entry.line}: notes are both inline and on the lines below",
                hint="move them into one place in the list, then pull again",
            )
        return inline_edits(
            lines[entry.line - 1], entry.line, entry.notes, note_pieces(note_html, style)
        )
    markdown = html2md(note_html, style)
    if entry.notes_span:
        if _same(markdown, entry.notes):
            return []
        return [BlockNoteEdit(markdown, span=entry.notes_span, expected=entry.notes)]
    if not markdown.strip():
        return []
    _check_can_insert(entry)
    return [
        BlockNoteEdit(
            markdown, after_line=entry_end(lines, entry, next_line), indent=item_indent(entry.raw)
        )
    ]


def _check_can_insert(entry: Entry) -> None:
    """Copied Hugging Face pages have no place for notes: lines added after an abstract
    would be read as new papers, so pull refuses rather than corrupt the list."""
    if entry.dialect == "hf":
        raise RefusedError(
            f"{entry.source}:{entry.line}: a copied Hugging Face page has no place for notes",
            hint="keep this note in Zotero, or move the paper into a Markdown list",
        )


def conflict_edit(
    lines: Sequence[str],
    entry: Entry,
    zotero_markdown: str,
    *,
    zotero_edited: str | None = None,
    next_line: int | None = None,
    block: ConflictBlock | None = None,
    list_markdown: str | None = None,
) -> BlockNoteEdit:
    """The edit that writes (or, given ``block``, rewrites) the conflict block for ``entry``.

    Block notes are replaced by the block; inline notes stay on the title line (the
    block below holds a copy of them as the list's version). ``list_markdown``
    overrides the list's side (default: the entry's notes, or the old block's side).
    """
    if block is not None:
        mine = block.list_text if list_markdown is None else list_markdown
        text = render_conflict(entry.ident, mine, zotero_markdown, zotero_edited=zotero_edited)
        return BlockNoteEdit(text, span=block.span, indent=block.indent)
    mine = entry.notes if list_markdown is None else list_markdown
    if entry.notes_span and not _is_inline(entry):
        first = lines[entry.notes_span[0] - 1]
        indent = first[: len(first) - len(first.lstrip(" \t"))]
        if (
            list_markdown is None
        ):  # the block re-indents its lines: the notes' own indent must not double
            mine = _dedent(mine, indent)
        text = render_conflict(entry.ident, mine, zotero_markdown, zotero_edited=zotero_edited)
        return BlockNoteEdit(text, span=entry.notes_span, expected=entry.notes, indent=indent)
    text = render_conflict(entry.ident, mine, zotero_markdown, zotero_edited=zotero_edited)
    _check_can_insert(entry)
    return BlockNoteEdit(
        text,
        after_line=entry_end(lines, entry, next_line),
        indent=item_indent(entry.raw),
        gap_after=False,
    )


def _dedent(text: str, indent: str) -> str:
    """``text`` with ``indent`` taken off every line that starts with it."""
    return "\n".join(
        line[len(indent) :] if indent and line.startswith(indent) else line
        for line in text.split("\n")
    )


def resolved_edits(
    lines: Sequence[str], entry: Entry, block: ConflictBlock, markdown: str
) -> list[NoteEdit]:
    """The edits that replace a settled conflict block by the notes the user chose.

    Block notes: the block becomes the notes. Inline notes: the block is removed and
    the title line's parentheticals take the chosen text, one line per parenthetical.
    """
    if not _is_inline(entry):
        return [BlockNoteEdit(markdown, span=block.span, indent=block.indent)]
    inline_part = entry.notes.split("\n\n", 1)[0]  # the parser puts the inline notes first
    pieces = [balance_parens(p.strip()) for p in markdown.split("\n") if p.strip()]
    remove = BlockNoteEdit("", span=block.span)
    return [remove, *inline_edits(lines[entry.line - 1], entry.line, inline_part, pieces)]


def _same(a: str, b: str) -> bool:
    """Same content (so no rewrite): spelling differences such as runs of spaces, which
    HTML cannot carry, must not make pull rewrite the user's own text."""
    return normalise_markdown(a) == normalise_markdown(b)


def item_indent(raw: str) -> str:
    """Indentation that keeps lines inside the list item ``raw`` starts (``"1. x"`` → 3 spaces)."""
    first = raw.split("\n", 1)[0]
    m = _ITEM.match(first)
    return " " * len(m.group(0)) if m else ""


def entry_end(lines: Sequence[str], entry: Entry, next_line: int | None = None) -> int:
    """The entry's last non-blank line: title, abstract, author and date lines, notes.

    It ends before ``next_line`` (the next entry's first line, if known), a heading,
    a conflict block, or a new list item (for list-item entries).
    """
    start = entry.line + max(entry.raw.count("\n"), 0)
    if entry.notes_span:
        start = max(start, entry.notes_span[1])
    stop = min(next_line - 1 if next_line else len(lines), len(lines))
    is_item = bool(_ITEM.match(lines[entry.line - 1])) if 0 < entry.line <= len(lines) else False
    last = start
    for number in range(start + 1, stop + 1):
        text = lines[number - 1]
        if _HEADING.match(text) or _CONFLICT_OPEN.match(text) or (is_item and _ITEM.match(text)):
            break
        if text.strip():
            last = number
    return last


def inline_edits(line: str, number: int, old_notes: str, pieces: list[str]) -> list[InlineNoteEdit]:
    """Edits mapping one-line ``pieces`` onto the parentheticals of an awesome-list line."""
    old = [p for p in old_notes.split("\n") if p.strip()] if old_notes else []
    spans = _parenthetical_spans(line, old, number)
    edits: list[InlineNoteEdit] = []
    for (start, end), old_text, new_text in zip(spans, old, pieces):
        if not _same(new_text, old_text):
            edits.append(InlineNoteEdit(number, start, end, new_text, expected=old_text))
    for (start, end), old_text in list(zip(spans, old))[len(pieces) :]:
        edits.append(InlineNoteEdit(number, start, end, "", expected=old_text))
    extra = pieces[len(spans) :]
    if extra:
        at = spans[-1][1] + 1 if spans else _after_title_link(line)
        edits.append(InlineNoteEdit(number, at, at, " ".join(extra)))
    return edits


def _parenthetical_spans(line: str, old: list[str], number: int) -> list[tuple[int, int]]:
    """Columns of the text inside each parenthetical holding ``old[i]``, in order."""
    parens = [seg for seg in tokenize(line) if seg.kind == "paren"]
    spans: list[tuple[int, int]] = []
    i = 0
    for piece in old:
        while i < len(parens) and parens[i].text.strip() != piece.strip():
            i += 1
        if i == len(parens):
            raise RefusedError(
                f"line {number}: the note ({piece[:40]}…) is no longer where the list had it",
                hint="re-run the command so it reads the current file",
            )
        spans.append((parens[i].start + 1, parens[i].end - 1))
        i += 1
    return spans


def _after_title_link(line: str) -> int:
    for seg in tokenize(line):
        if seg.kind in ("link", "double"):
            return seg.end
    return len(line.rstrip())
