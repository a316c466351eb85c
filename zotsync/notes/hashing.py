"""Content hashes of notes, and the three-way change classifier of two-way sync.

A note's hash must change when its *content* changes and only then. Zotero bumps
an item's version for edits that change nothing a reader sees (re-saving a note,
the server's HTML sanitizer, the editor rewriting ``<br/>`` as ``<br>``, a schema
upgrade of ``data-schema-version``), and lists differ in spelling that is not
content (``-`` vs ``*`` bullets, ``__`` vs ``**``, CRLF, trailing spaces). So both
sides are hashed in one canonical form: the note's Markdown in
:data:`~zotsync.notes.style.CANONICAL_STYLE`, normalised (:func:`normalise_markdown`).

What is *not* content, and so never changes a hash:

* HTML: zotsync's ``<div data-zotsync>`` wrapper, Zotero's ``data-schema-version``
  div, attributes (``rel``, ``style``, ``class``), whitespace between tags, entity
  spelling (``&#20013;`` = ``中``, ``&nbsp;`` = space), ``<b>``/``<strong>``,
  ``<li>x</li>``/``<li><p>x</p></li>``, empty paragraphs, the generated
  ``Links: …`` paragraph;
* Markdown: line endings, trailing whitespace, runs of spaces, how nested list items are
  indented (tab, two or four spaces: only the depth counts, :mod:`.nesting`), lazy
  numbering of a list (``1. 1. 1.``), leading/trailing
  blank lines and blank-line runs, a blank line between a paragraph and its list, bullet character, ``N)`` vs ``N.``, bold/italic
  marker spelling, Unicode normalisation form (NFC).

Hashes look like ``n1:<sha256 hex>``; the prefix changes if the canonical form ever
does, so stored hashes from an older zotsync are recognisably stale, not silently wrong.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .html2md import html2md
from .nesting import ITEM, item_depths
from .style import CANONICAL_STYLE

HASH_PREFIX = "n1:"

_BULLET = re.compile(r"^(?P<indent>[ \t]*)[-+*](?=[ \t])")
_ORDERED = re.compile(r"^(?P<indent>[ \t]*)(?P<num>\d{1,9})\)(?=[ \t])")
_STRONG_UNDERSCORE = re.compile(r"(?<![\w_\\])__(?=\S)(.+?)(?<=\S)__(?![\w_])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_\\])_(?=[^\s_])([^_\n]*?[^\s_]|[^\s_])_(?![\w_])")
_INNER_SPACES = re.compile(r"(?<=\S)[ \t]{2,}")
_BLANK_RUNS = re.compile(r"\n{3,}")
_ESCAPED_HTML = re.compile(r"(?<!\\)\\([<&])")
_EOL = re.compile(r"\r\n|\r")


def normalise_markdown(markdown: str) -> str:
    """The canonical text of Markdown notes (see module docs for what is ignored)."""
    text = unicodedata.normalize("NFC", _EOL.sub("\n", markdown))
    raw = [line.rstrip().replace("\u00a0", " ") for line in text.split("\n")]
    lines: list[str] = []
    open_items: list[str] = []  # the open items' markers, outermost first
    for line, depth in zip(raw, item_depths(raw)):
        if depth is not None:
            line = _canonical_item(line, depth, open_items)
        elif not line.strip() or line[:1] not in (" ", "\t"):
            open_items.clear()
        line = _BULLET.sub(r"\g<indent>*", line)
        line = _ORDERED.sub(r"\g<indent>\g<num>.", line)
        line = _STRONG_UNDERSCORE.sub(r"**\1**", line)
        line = _EM_UNDERSCORE.sub(r"*\1*", line)
        line = _INNER_SPACES.sub(" ", line)
        line = _ESCAPED_HTML.sub(r"\1", line)  # "\<T>" and "<T>" are the same text to zotsync
        if _starts_top_level_list(line, lines[-1] if lines else ""):
            lines.append("")  # "Key ideas:\n* a" and "Key ideas:\n\n* a" are the same note
        lines.append(line)
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def _canonical_item(line: str, depth: int, open_items: list[str]) -> str:
    """A list item's line as the HTML of its note gives it back: nesting is content, its
    spelling (tab, two or four spaces) is not, and neither is lazy numbering (``1. 1. 1.``
    counts 1, 2, 3 as written in the list)."""
    item = ITEM.match(line)
    marker = item.group("marker")  # type: ignore[union-attr]
    previous = open_items[depth] if depth < len(open_items) else ""
    del open_items[depth:]
    if marker[0].isdigit() and previous[:1].isdigit():
        marker = f"{int(previous[:-1]) + 1}{marker[-1]}"
    open_items.append(marker)
    indent = "".join(" " * (len(m) + 1) for m in open_items[:-1])
    return f"{indent}{marker} {item.group('text')}"  # type: ignore[union-attr]


def _starts_top_level_list(line: str, previous: str) -> bool:
    is_item = line.startswith("* ") or bool(re.match(r"\d{1,9}\. ", line))
    if not is_item or not previous.strip() or previous[0] in " \t":
        return False
    return not (previous.startswith("* ") or re.match(r"\d{1,9}\. ", previous))


def hash_markdown(markdown: str | None) -> str | None:
    """Hash of a list's notes (``None`` for an entry without notes)."""
    if markdown is None or not markdown.strip():
        return None
    canonical = normalise_markdown(markdown)
    return HASH_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def hash_html(note_html: str | None) -> str | None:
    """Hash of a Zotero note's HTML, comparable with :func:`hash_markdown` of the list's notes.

    ``None`` for a missing note or one with no text.
    """
    if note_html is None:
        return None
    return hash_markdown(html2md(note_html, CANONICAL_STYLE))


def zotero_side_hash(
    base_version: int | None, version: int | None, base_hash: str | None, note_html: str | None
) -> str | None:
    """The Zotero-side hash to classify with, skipping the work when nothing can have changed.

    Same version as at the last sync → the stored ``base_hash`` (the server did not
    touch the note); otherwise the hash of the current HTML — so a version bump
    without a content change still compares equal to the base.
    """
    if version is not None and version == base_version:
        return base_hash
    return hash_html(note_html)


def three_way(
    base_hash: str | None,
    list_hash: str | None,
    zotero_hash: str | None,
    *,
    zotero_base: str | None = None,
    separate_zotero_base: bool = False,
) -> str:
    """Where a note changed since the last sync.

    Returns ``"unchanged"``, ``"list"`` (push it), ``"zotero"`` (pull it), ``"both"``
    (a conflict: keep both) or ``"converged"`` (both changed to the same content:
    nothing to write, just record the new base). ``None`` hashes mean "no note", so a
    note deleted on one side is a change of that side.

    Normally one base serves both sides (after a sync both sides hash the same); a
    caller that stores the Zotero side's base separately passes
    ``zotero_base=..., separate_zotero_base=True``.
    """
    zb = zotero_base if separate_zotero_base else base_hash
    list_changed = list_hash != base_hash
    zotero_changed = zotero_hash != zb
    if list_changed and zotero_changed:
        return "converged" if list_hash == zotero_hash else "both"
    if list_changed:
        return "list"
    if zotero_changed:
        return "zotero"
    return "unchanged"
