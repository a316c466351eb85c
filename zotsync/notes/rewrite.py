"""Write new notes into a reading list, changing only the bytes of those notes.

Two shapes of notes exist in lists (see ``zotsync.model.Entry.notes_span``):

* **block notes** — paragraphs and bullets on their own lines under the entry
  (Markdown notes, HF pages): :class:`BlockNoteEdit` replaces their line span,
  inserts notes for an entry that had none, or deletes them;
* **inline notes** — the ``( … )`` on an awesome-list title line:
  :class:`InlineNoteEdit` replaces the text between the parentheses.

Guarantees of :func:`apply_edits`:

* every byte outside the edited lines is identical: encoding, BOM, line endings
  (each line keeps its own), trailing whitespace, the file's final newline or its
  absence;
* new lines use the line ending of the line they replace or follow, so a CRLF file
  stays CRLF and a mixed file stays mixed elsewhere;
* block notes keep their indentation (the common indentation of the old span);
* an insertion goes right after the entry's last line as ``blank line, notes``,
  followed by a blank line when the next line is not blank already (unless
  ``gap_after=False``); deleting notes also removes the one blank line before them, so
  insert-then-delete gives the original bytes whenever no gap had to be added;
* several edits in one file all refer to the file as it was read (as if applied from
  the bottom up) and are spliced in one linear pass; overlapping edits are refused;
* ``expected`` (the notes the caller read) guards against a file edited since it was
  parsed: if the bytes there say something else, nothing is written
  (:class:`~zotsync.errors.RefusedError`).

:func:`diff_text` renders the unified diff ``--dry-run`` shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zotsync.errors import RefusedError

from .linediff import unified_diff
from .lines import Line, TextFile, split_lines
from .untouched import keep_untouched


@dataclass(frozen=True)
class BlockNoteEdit:
    """Replace, insert or (with ``markdown=""``) delete an entry's notes lines.

    span:       1-based inclusive lines of the current notes; ``None`` to insert.
    after_line: where to insert when ``span`` is ``None``: the entry's last line.
    expected:   the notes as parsed from those lines (compared ignoring trailing spaces).
    indent:     indentation for the new lines; ``None`` keeps the old span's.
    gap_after:  on insertion, add a blank line after the notes when the next line is
                not blank (off for conflict blocks: their end marker already separates).
    """

    markdown: str
    span: tuple[int, int] | None = None
    after_line: int | None = None
    expected: str | None = None
    indent: str | None = None
    gap_after: bool = True


@dataclass(frozen=True)
class InlineNoteEdit:
    """Replace the note text at columns ``[start, end)`` of ``line`` (characters, 0-based).

    ``start == end`` inserts a new `` (note)`` at that column (use the end of the title
    link). ``markdown=""`` deletes the note together with its parentheses and the space
    before them. The new text must be one line (render it with an inline style).
    """

    line: int
    start: int
    end: int
    markdown: str
    expected: str | None = None


NoteEdit = BlockNoteEdit | InlineNoteEdit


@dataclass(frozen=True)
class _Splice:
    first: int  # 0-based index of the first line replaced
    stop: int  # 0-based index past the last line replaced (== first: pure insertion)
    new: bytes


def apply_edits(data: bytes, encoding: str, edits: Iterable[NoteEdit]) -> bytes:
    """The file's new bytes with every edit applied (see module docs)."""
    doc = split_lines(data, encoding)
    splices = _block_splices(doc, [e for e in edits if isinstance(e, BlockNoteEdit)])
    splices += _inline_splices(doc, [e for e in edits if isinstance(e, InlineNoteEdit)])
    splices.sort(key=lambda s: (s.first, s.stop))
    for before, after in zip(splices, splices[1:]):
        if after.first < before.stop or (after.first == before.first and after.stop == before.stop):
            raise ValueError(f"note edits overlap at line {after.first + 1}")
    pieces: list[bytes] = []
    pos = 0
    for splice in splices:  # ascending and disjoint: one linear pass, however many edits
        start = _offset(doc, splice.first)
        pieces += [data[pos:start], splice.new]
        pos = _offset(doc, splice.stop)
    pieces.append(data[pos:])
    return b"".join(pieces)


def apply_edit(data: bytes, encoding: str, edit: NoteEdit) -> bytes:
    """:func:`apply_edits` for one edit."""
    return apply_edits(data, encoding, [edit])


def _offset(doc: TextFile, index: int) -> int:
    if index < len(doc.lines):
        return doc.lines[index].start
    return doc.lines[-1].end if doc.lines else len(doc.bom)


# --------------------------------------------------------------------------- block notes


def _block_splices(doc: TextFile, edits: list[BlockNoteEdit]) -> list[_Splice]:
    out: list[_Splice] = []
    for edit in edits:
        if edit.span is None:
            if edit.after_line is None:
                raise ValueError("an insertion needs after_line (the entry's last line)")
            if edit.markdown.strip():
                out.append(_insert(doc, edit))
        else:
            _check_span(doc, edit)
            out.append(_replace(doc, edit) if edit.markdown.strip() else _delete(doc, edit.span))
    return out


def _check_span(doc: TextFile, edit: BlockNoteEdit) -> None:
    first, last = edit.span  # type: ignore[misc]
    if not 1 <= first <= last <= len(doc.lines):
        raise ValueError(f"notes span {edit.span} is outside the file's {len(doc.lines)} lines")
    if edit.expected is None:
        return
    found = "\n".join(line.text for line in doc.lines[first - 1 : last])
    if _loose(found) != _loose(edit.expected):
        raise RefusedError(
            f"the notes at lines {first}-{last} changed since the list was read",
            hint="re-run the command so it reads the current file",
        )


def _loose(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")).strip()


def _note_lines(markdown: str, indent: str) -> list[str]:
    lines = markdown.strip("\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [(indent + line) if line.strip() else "" for line in lines]


def _common_indent(lines: Iterable[Line]) -> str:
    texts = [line.text for line in lines if line.text.strip()]
    if not texts:
        return ""
    prefix = texts[0][: len(texts[0]) - len(texts[0].lstrip(" \t"))]
    for text in texts[1:]:
        while prefix and not text.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _replace(doc: TextFile, edit: BlockNoteEdit) -> _Splice:
    first, last = edit.span  # type: ignore[misc]
    old = doc.lines[first - 1 : last]
    indent = edit.indent if edit.indent is not None else _common_indent(old)
    new_lines = _note_lines(edit.markdown, indent)
    nl = doc.newline(first)
    eols = [nl] * (len(new_lines) - 1) + [old[-1].eol]
    new_lines = keep_untouched([line.text for line in old], new_lines)
    text = "".join(line + eol for line, eol in zip(new_lines, eols))
    return _Splice(first - 1, last, doc.encode(text))


def _insert(doc: TextFile, edit: BlockNoteEdit) -> _Splice:
    after = edit.after_line  # type: ignore[assignment]
    if not 1 <= after <= len(doc.lines):
        raise ValueError(f"after_line {after} is outside the file's {len(doc.lines)} lines")
    anchor = doc.lines[after - 1]
    nl = doc.newline(after)
    body = ["", *_note_lines(edit.markdown, edit.indent or "")]
    following = doc.lines[after] if after < len(doc.lines) else None
    if edit.gap_after and following is not None and following.text.strip():
        body.append("")
    if anchor.eol:  # insert whole lines after the anchor
        return _Splice(after, after, doc.encode("".join(line + nl for line in body)))
    # the anchor is the last line and has no ending: give it one, keep "no final newline"
    text = anchor.text + nl + nl.join(body)
    return _Splice(after - 1, after, doc.encode(text))


def _delete(doc: TextFile, span: tuple[int, int]) -> _Splice:
    first, last = span
    lines = doc.lines
    at_end = last == len(lines)
    before_blank = first >= 2 and not lines[first - 2].text.strip()
    start = first - 1
    if before_blank:
        start -= 1  # the blank line that separated the entry from its notes
    if at_end and not lines[-1].eol and start >= 1:
        # the file ended without a newline: the line now last loses its ending too
        keeper = lines[start - 1]
        return _Splice(start - 1, last, doc.encode(keeper.text))
    return _Splice(start, last, b"")


# --------------------------------------------------------------------------- inline notes


def _inline_splices(doc: TextFile, edits: list[InlineNoteEdit]) -> list[_Splice]:
    by_line: dict[int, list[InlineNoteEdit]] = {}
    for edit in edits:
        if not 1 <= edit.line <= len(doc.lines):
            raise ValueError(f"line {edit.line} is outside the file's {len(doc.lines)} lines")
        by_line.setdefault(edit.line, []).append(edit)
    out: list[_Splice] = []
    for number, line_edits in by_line.items():
        line = doc.lines[number - 1]
        text = line.text
        line_edits.sort(key=lambda e: (e.start, e.end), reverse=True)
        for later, earlier in zip(line_edits, line_edits[1:]):
            if earlier.end > later.start:
                raise ValueError(f"note edits overlap on line {number}")
        for edit in line_edits:
            text = _inline_apply(text, edit)
        out.append(_Splice(number - 1, number, doc.encode(text + line.eol)))
    return out


def _inline_apply(text: str, edit: InlineNoteEdit) -> str:
    if not 0 <= edit.start <= edit.end <= len(text):
        raise ValueError(f"columns {edit.start}-{edit.end} are outside line {edit.line}")
    if edit.expected is not None and text[edit.start : edit.end].strip() != edit.expected.strip():
        raise RefusedError(
            f"the note on line {edit.line} changed since the list was read",
            hint="re-run the command so it reads the current file",
        )
    new = " ".join(part.strip() for part in edit.markdown.splitlines() if part.strip())
    if edit.start == edit.end:
        return text if not new else f"{text[: edit.start]} ({new}){text[edit.start :]}"
    if new:
        return text[: edit.start] + new + text[edit.end :]
    start, end = edit.start, edit.end
    if start > 0 and end < len(text) and text[start - 1] + text[end] in ("()", "（）"):
        start, end = start - 1, end + 1
        if start > 0 and text[start - 1] == " ":
            start -= 1
    return text[:start] + text[end:]


# --------------------------------------------------------------------------- diff


def diff_text(old_bytes: bytes, new_bytes: bytes, encoding: str, path: str) -> str:
    """The unified diff (3 lines of context) from ``old_bytes`` to ``new_bytes``; ``""`` if equal.

    Lines are compared and shown without their endings (pull never changes an
    ending); if only endings or the BOM differ, a one-line notice says so instead of
    an empty diff.
    """
    if old_bytes == new_bytes:
        return ""
    old = [line.text for line in split_lines(old_bytes, encoding).lines]
    new = [line.text for line in split_lines(new_bytes, encoding).lines]
    lines = list(unified_diff(old, new, fromfile=f"a/{path}", tofile=f"b/{path}"))
    if not lines:
        return f"{path}: only line endings or the byte-order mark differ\n"
    return "\n".join(lines) + "\n"
