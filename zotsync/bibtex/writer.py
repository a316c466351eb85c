"""Serialising entries, merging into an existing .bib, and writing files atomically.

Entries are serialised with bibtexparser 1.4's writer (two-space indent,
fields in our order, ``month = jun`` as a bare macro).

**Merging** (``--merge``) must leave everything zotsync does not manage
byte-for-byte: a user's hand-written entries, ``@string``s, comments, blank
lines. bibtexparser re-serialises what it reads, so the merge works on the
raw text instead: :func:`split_blocks` cuts the file into ``@…{…}`` blocks by
brace matching (as BibTeX itself reads it), and :func:`merge_bib` swaps the
text of each *managed* entry — one whose key the freshly rendered output also
has — for its new text, and appends managed entries the file does not have
yet (an entry the user edited by hand, :mod:`zotsync.bibtex.fingerprints`, is
left as it is). Nothing else in the file is touched — including entries for papers you
removed from the list since the last run: they stay (a finished paper may
still cite them); delete them by hand if you want them gone. bibtexparser is still used to check
that the existing file really is a .bib (an :class:`InputError` otherwise, so
a broken file is never rewritten).

**Writing** goes through a temporary file in the same directory, ``fsync`` and
:func:`os.replace`: a reader sees the old file or the new one, never half of
one, and a failure leaves the original untouched.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bibtexparser.bibdatabase import BibDatabase, BibDataString, BibDataStringExpression
from bibtexparser.bparser import BibTexParser
from bibtexparser.bwriter import BibTexWriter

from zotsync.atomic import replace_file
from zotsync.bibtex.fields import PLACEHOLDER_MARK, BibEntry
from zotsync.errors import InputError

__all__ = [
    "Block",
    "format_entry",
    "format_bib",
    "split_blocks",
    "entry_keys",
    "merge_bib",
    "write_atomic",
    "check_output_path",
    "foreign_text",
    "line_ending",
]

_AT = re.compile(r"@\s*([A-Za-z][\w-]*)\s*([{(])")
_NON_ENTRY = {"comment", "string", "preamble"}


@dataclass(frozen=True)
class Block:
    """One ``@type{…}`` block of a .bib text: its span, type, and key for entries."""

    kind: str  # lower-cased type: "misc", "article", ..., "comment", "string", "preamble"
    key: str | None  # entries only
    start: int
    end: int  # exclusive
    line: int  # 1-based line of the '@'

    @property
    def is_entry(self) -> bool:
        return self.kind not in _NON_ENTRY


# --------------------------------------------------------------------------- serialise


def format_entry(entry: BibEntry) -> str:
    """One entry as BibTeX text (no trailing blank line)."""
    db = BibDatabase()
    record: dict[str, object] = {"ENTRYTYPE": entry.entry_type, "ID": entry.key}
    for name, value in entry.fields:
        record[name] = (
            BibDataStringExpression([BibDataString(db, value)]) if name in entry.macros else value
        )
    db.entries = [record]
    writer = BibTexWriter()
    writer.indent = "  "
    writer.order_entries_by = None
    writer.display_order = [name for name, _ in entry.fields]
    writer.add_trailing_comma = False
    return writer.write(db).strip() + "\n"


def format_bib(entries: Iterable[BibEntry], header: str | None = None) -> str:
    """A whole .bib text: an optional ``@comment`` header, then the entries, blank-line separated."""
    parts = [f"@comment{{{header}}}\n"] if header else []
    parts.extend(format_entry(e) for e in entries)
    return "\n".join(parts)


# --------------------------------------------------------------------------- read


def _block_end(text: str, start: int, opener: str, line: int, source: str) -> int:
    """Index just past the delimiter closing the block opened at ``start``."""
    closer = "}" if opener == "{" else ")"
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if opener == "{" and depth == 0:
                return i + 1
            if depth < 0:
                break
        elif ch == closer and depth == 0:
            return i + 1
    raise InputError(
        f"{source}: the entry starting on line {line} is not closed (unbalanced braces)",
        hint="fix the .bib by hand or write to a new file; it was not changed",
    )


def split_blocks(text: str, source: str = "<bib>") -> list[Block]:
    """All ``@…`` blocks of ``text`` in order (text between blocks is BibTeX comment)."""
    blocks: list[Block] = []
    pos = 0
    while True:
        at = text.find("@", pos)
        if at < 0:
            return blocks
        m = _AT.match(text, at)
        if not m:
            pos = at + 1
            continue
        line = text.count("\n", 0, at) + 1
        end = _block_end(text, m.end() - 1, m.group(2), line, source)
        kind = m.group(1).lower()
        key = None
        if kind not in _NON_ENTRY:
            key = text[m.end() : end - 1].split(",", 1)[0].strip()
            if not key or re.search(r"[\s\"{}=#%~\\]", key):
                raise InputError(
                    f"{source}: the @{kind} entry on line {line} has no citation key",
                    hint="fix the .bib by hand or write to a new file; it was not changed",
                )
        blocks.append(Block(kind, key, at, end, line))
        pos = end


def entry_keys(text: str, source: str = "<bib>") -> list[str]:
    """The citation keys of a .bib text, checked to parse (see :func:`merge_bib`)."""
    blocks = split_blocks(text, source)
    _check_parses(text, blocks, source)
    return [b.key for b in blocks if b.is_entry and b.key]


@functools.lru_cache(maxsize=1)
def _parser() -> BibTexParser:
    """One bibtexparser parser, built once: building its grammar costs ~40 ms, a parse far less."""
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    parser = BibTexParser(
        common_strings=True, ignore_nonstandard_types=False, interpolate_strings=False
    )
    parser.expect_multiple_parse = True
    return parser


def _check_parses(text: str, blocks: list[Block], source: str) -> None:
    """bibtexparser must read every entry the brace scan found, or the file is not valid BibTeX."""
    parser = _parser()
    parser.bib_database = BibDatabase()  # the parser object is reused; its results are not
    parser.bib_database.load_common_strings()
    try:
        db = parser.parse(text, partial=True)
    except Exception as exc:  # noqa: BLE001 - bibtexparser raises bare pyparsing/value errors
        raise InputError(
            f"{source}: not a valid .bib file ({exc.__class__.__name__})",
            hint="fix it by hand or write to a new file; it was not changed",
        ) from None
    parsed = {e.get("ID") for e in db.entries}
    for block in blocks:
        if block.is_entry and block.key not in parsed:
            raise InputError(
                f"{source}: the entry {block.key!r} on line {block.line} does not parse",
                hint="fix it by hand or write to a new file; it was not changed",
            )


# --------------------------------------------------------------------------- merge


def merge_bib(
    existing_text: str, rendered: str, *, source: str = "<bib>", keep: frozenset[str] = frozenset()
) -> str:
    """Update zotsync's entries in ``existing_text`` from ``rendered``; keep the rest byte-for-byte.

    Managed entries are those whose key (case-insensitively) is also in
    ``rendered``: each is replaced in place by its new text, unless its
    case-folded key is in ``keep`` (an entry edited by hand: left as it is);
    rendered entries the file lacks are appended at the end. Raises
    :class:`InputError` when ``existing_text`` is not a valid .bib.
    """
    existing_blocks = split_blocks(existing_text, source)
    _check_parses(existing_text, existing_blocks, source)
    eol = line_ending(existing_text)
    new_blocks = [b for b in split_blocks(rendered, "<rendered>") if b.is_entry]
    new_text = {
        b.key.casefold(): rendered[b.start : b.end].replace("\n", eol) for b in new_blocks if b.key
    }

    out: list[str] = []
    pos = 0
    done: set[str] = set()
    for block in existing_blocks:
        folded = block.key.casefold() if block.key else None
        if block.is_entry and folded in new_text and folded not in done:
            done.add(folded)
            if folded in keep:
                continue
            out.append(existing_text[pos : block.start])
            out.append(new_text[folded])
            pos = block.end
    out.append(existing_text[pos:])
    merged = "".join(out)
    missing = [
        new_text[b.key.casefold()] for b in new_blocks if b.key and b.key.casefold() not in done
    ]
    if missing:
        if merged and not merged.endswith("\n"):
            merged += eol
        if merged.strip():
            merged += eol
        merged += (eol * 2).join(missing) + eol
    return merged


def line_ending(text: str) -> str:
    """The file's own line ending: ``\\r\\n`` when its first line break is CRLF, else ``\\n``.

    New entries merged into a file are written with it, so a Windows user's
    .bib keeps one consistent ending and its old lines keep every byte.
    """
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def foreign_text(existing_text: str, managed: set[str], source: str = "<bib>") -> list[str]:
    """What a plain overwrite of ``existing_text`` would lose: one description per foreign piece.

    ``managed`` holds the case-folded keys zotsync owns (the lock's keys and
    this run's); zotsync's ``--include-unresolved`` placeholders are its own
    too. Entries with other keys, ``@string``/``@preamble`` blocks,
    comments other than zotsync's own header, and any other non-blank text
    count as foreign; a file that does not parse as BibTeX is foreign as a
    whole. An empty list means the file holds only what zotsync wrote.
    """
    try:
        blocks = split_blocks(existing_text, source)
        _check_parses(existing_text, blocks, source)
    except InputError:
        return ["it does not parse as BibTeX"]
    found: list[str] = []
    pos = 0
    for block in blocks:
        if existing_text[pos : block.start].strip():
            found.append(f"text before line {block.line}")
        body = existing_text[block.start : block.end]
        if (
            block.is_entry
            and block.key
            and block.key.casefold() not in managed
            and PLACEHOLDER_MARK not in body
        ):
            found.append(f"{block.key!r} on line {block.line}")
        elif not block.is_entry and not (block.kind == "comment" and "Written by zotsync" in body):
            found.append(f"@{block.kind} on line {block.line}")
        pos = block.end
    if existing_text[pos:].strip():
        found.append("text at the end")
    return found


# --------------------------------------------------------------------------- write


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """The file ``path`` names, or :class:`InputError` when it cannot name a writable file.

    Checked before anything is written: a directory, a name ending in a path
    separator (``-o out/`` means a folder, never a file called ``out``), or a
    missing parent folder.
    """
    raw = os.fspath(path)
    target = Path(raw)
    if target.is_dir() or raw.endswith(("/", os.sep)):
        raise InputError(
            f"cannot write {raw}: it names a directory", hint="give a file name, e.g. -o refs.bib"
        )
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        problem = "is not a folder" if parent.exists() else "does not exist"
        raise InputError(
            f"cannot write {raw}: the folder {parent} {problem}",
            hint="create the folder first or choose another path",
        )
    return target


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; :class:`InputError` if it cannot be written."""
    replace_file(check_output_path(path), text.encode("utf-8"))
