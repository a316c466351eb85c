"""The list side of two-way note sync: pure functions, no I/O (issue 7).

Modules, in the order a pull uses them:

* :mod:`.lines`      a list file's bytes as lines with exact byte ranges (any encoding, each
                     line's own ending), numbered exactly as :mod:`zotsync.parse` numbers them.
* :mod:`.htmltree`   Zotero note HTML (ProseMirror editor, TinyMCE leftovers, zotsync's
                     managed wrapper) → a small block/inline tree.
* :mod:`.html2md`    that tree → Markdown in the list's own style (:mod:`.style`), including
                     the one-line "inline parenthetical" style of awesome lists
                     (:func:`~.html2md.html2md`, :func:`~.html2md.note_pieces`).
* :mod:`.hashing`    content hashes that ignore what is not content, and :func:`~.hashing.three_way`.
* :mod:`.conflict`   the conflict block that keeps both versions in the list.
* :mod:`.reconcile`  one note's decision: push / pull / converged / conflict / pending / resolved.
* :mod:`.placement`  where an entry's notes live and the edits that put new notes there.
* :mod:`.rewrite`    splice those edits into the file's bytes (nothing else changes) and
                     :func:`~.rewrite.diff_text` for ``--dry-run``.
"""

from .conflict import ConflictBlock, detect_conflicts, render_conflict, resolution, resolve
from .hashing import hash_html, hash_markdown, three_way
from .html2md import html2md, note_pieces
from .placement import conflict_edit, list_style, pull_edits, resolved_edits
from .reconcile import NoteSync, reconcile
from .rewrite import BlockNoteEdit, InlineNoteEdit, apply_edits, diff_text
from .style import NoteStyle, detect_style

__all__ = [
    "BlockNoteEdit",
    "ConflictBlock",
    "InlineNoteEdit",
    "NoteStyle",
    "NoteSync",
    "apply_edits",
    "conflict_edit",
    "detect_conflicts",
    "detect_style",
    "diff_text",
    "hash_html",
    "hash_markdown",
    "html2md",
    "list_style",
    "note_pieces",
    "pull_edits",
    "reconcile",
    "render_conflict",
    "resolution",
    "resolve",
    "resolved_edits",
    "three_way",
]
