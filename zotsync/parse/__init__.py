"""Reading lists -> :class:`~zotsync.model.Entry` values, losing nothing the user wrote.

The pipeline, one module per stage::

    bytes ──decode──▶ text ──lines──▶ numbered lines ──detect──▶ dialect
          ──markdown | hf (tables inside markdown)──▶ drafts + skipped lines
          ──passes (titles, identifiers, notes)──▶ entries

Public API (other stages call exactly these):

* :func:`read_text` – a file's text and the encoding it was in (UTF-8 with/without BOM,
  UTF-16/32 with BOM, GB18030/GBK, cp1252), or an :class:`~zotsync.errors.InputError`
  with a hint (missing, directory, binary, undecodable, over 20 MB).
* :func:`parse_text` – parse text already in memory; never raises on any text.
* :func:`parse_file` / :func:`parse_files` – read and parse; an empty (or blank) file is an
  :class:`~zotsync.errors.InputError`, since a list with nothing in it is almost always a
  mistake and syncing it would look like "delete everything".

``format`` is one of :data:`FORMATS` (``markdown``, ``awesome``, ``hf``, ``table``, ``org``, ``text``) or
None to detect it per file (:mod:`zotsync.parse.detect`).

What an :class:`~zotsync.model.Entry` holds after parsing:

* ``raw`` – the title line verbatim (plus an adjacent annotation-only continuation line);
  ``line`` – its 1-based number; ``section`` – heading path (see :mod:`.markdown`).
* ``title`` cleaned (:mod:`.titles`), with ``venue``, ``year`` and ``aliases`` taken off it;
  ``arxiv_id``/``arxiv_version``/``openreview_id``/``doi`` from the links (:mod:`.identifiers`).
* ``links`` – ``paper`` (the title's link) and ``code``, ``project``, ``website``, ``notes``
  (a ``[[ReadNotes](url)]``), ``alt`` (a second paper link), … by label.
* ``notes`` – verbatim: parenthetical notes of the title line without their outer
  parentheses (one per line), then the note lines below it (including any zotsync
  conflict block, see :func:`conflict_lines`, and thematic breaks inside notes, see
  :mod:`.markdown`); ``notes_span`` – the first and
  last line holding note text (the title line itself when the notes are inline).
* ``tags`` – bold words after a title (``**Scale DPO**``). ``abstract`` – HF pages only.
* ``hints`` (only the keys that apply): ``read_notes`` (int, or True for an unnumbered
  ``ReadNotes`` marker), ``labels_without_url`` (``[[Code]]`` with no link), ``broken_link``,
  ``bare_url``, ``notes_inline``, ``venue_as_written`` (``ICRL`` shown as ``ICLR``), ``date``
  (ISO), ``by`` (``Stanford`` from a title's ``(Stanford 2017)``), ``authors_count``, ``upvotes``, ``abstract_truncated``, ``columns`` (other table cells).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable

from zotsync.errors import InputError
from zotsync.model import ParseResult
from zotsync.parse.conflict_markers import conflict_line_spans
from zotsync.parse.decode import MAX_BYTES, read_text
from zotsync.parse.detect import FORMATS, detect_dialect
from zotsync.parse.hf import parse_hf
from zotsync.parse.items import clear_item_cache
from zotsync.parse.lines import split_lines
from zotsync.parse.markdown import MarkdownWalk
from zotsync.parse.org import parse_org
from zotsync.parse.passes import finish

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "detect_dialect",
    "parse_file",
    "parse_files",
    "parse_text",
    "read_text",
]


def _check_format(format: str | None) -> str | None:
    if format in (None, "auto"):
        return None
    if format not in FORMATS:
        raise InputError(
            f"unknown list format {format!r}", hint="use one of: auto, " + ", ".join(FORMATS)
        )
    return format


def parse_text(
    text: str, source: str, format: str | None = None, *, encoding: str = "utf-8"
) -> ParseResult:
    """Parse a reading list held in memory. ``source`` is the name entries carry (the path as given)."""
    format = _check_format(format)
    clear_item_cache()
    # The parse builds hundreds of thousands of small acyclic objects for a long list; the
    # cyclic collector's full passes over them cost a fifth of a 30,000-line parse and more
    # as the list grows. Reference counting frees them all the same; the collector is turned
    # back on (not run) afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, source, format, encoding)
    finally:
        clear_item_cache()
        if collecting:
            gc.enable()


def _parse(text: str, source: str, format: str | None, encoding: str) -> ParseResult:
    lines = split_lines(text)
    dialect = format or detect_dialect(lines, source)
    masked = conflict_lines(text)
    if dialect == "hf":
        drafts, skipped = parse_hf(lines, source, masked=masked)
    elif dialect == "org":
        drafts, skipped = parse_org(lines, source, masked=masked)
    else:  # each draft is finished as soon as it is settled, while its lines' parses are cached
        walk = MarkdownWalk(lines, source, dialect, masked)
        drafts, skipped = walk.settled(), walk.skipped
    entries = tuple(finish(d, source) for d in drafts)  # (the walk's skipped are complete now)
    return ParseResult(
        entries=entries,
        skipped=tuple(sorted(skipped, key=lambda s: s.line)),
        dialect=dialect,
        encoding=encoding,
    )


def conflict_lines(text: str) -> frozenset[int]:
    """Line numbers inside zotsync conflict blocks (``<!-- zotsync:conflict list … -->`` to
    ``<!-- zotsync:end -->``, markers included). Both dialects read them as notes of the entry
    above, never as titles: a block holds two versions of one entry's notes, and a link in it
    must not become a phantom entry. A malformed block (a marker out of place) masks nothing
    here; ``pull``/``push`` report it with the line, and parsing itself never raises.
    """
    if "zotsync:" not in text:
        return frozenset()
    try:
        spans = conflict_line_spans(text)
    except InputError:
        return frozenset()
    return frozenset(n for first, last in spans for n in range(first, last + 1))


def parse_file(path: str | os.PathLike, format: str | None = None) -> ParseResult:
    """Read and parse one file; entries' ``source`` is ``path`` exactly as given."""
    format = _check_format(format)
    shown = os.fspath(path)
    text, encoding = read_text(shown)
    if not text.strip():
        raise InputError(f"{shown} is empty", hint="add papers to the list, or name another file")
    return parse_text(text, shown, format, encoding=encoding)


def parse_files(paths: Iterable[str | os.PathLike], format: str | None = None) -> list[ParseResult]:
    """Parse several files, in order; the first unreadable file stops with its InputError."""
    return [parse_file(path, format) for path in paths]
