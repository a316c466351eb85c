"""One managed note's two-way sync decision: pure, so every case can be tested and planned.

Inputs are the three versions vdirsyncer-style sync compares — the content hash
stored at the last sync (``base``), the list's notes, Zotero's note HTML — plus the
conflict block the list may hold for the entry. The result says what to write on
each side and which hash to store once both writes were accepted:

============  ==========================================================================
outcome       meaning
============  ==========================================================================
unchanged     nothing to do
push          the list changed: send ``zotero_notes`` (Markdown, render it) to Zotero
pull          Zotero changed: write ``list_notes`` into the list
converged     both changed to the same content: store the new base only
conflict      both changed: write a conflict block (``conflict`` = list, Zotero text);
              Zotero is untouched. The base becomes Zotero's hash: its version is now
              in the list, so when the user removes the markers keeping some text,
              the next sync pushes that text instead of finding a new conflict
pending       a conflict block is still unresolved: nothing written (if Zotero's note
              changed meanwhile, ``conflict`` again: the block shows the new version,
              keeping whatever the user already chose or typed inside the block)
resolved      the user (or ``--on-conflict``) settled a block: the list gets
              ``list_notes`` (the block disappears), Zotero gets ``zotero_notes``
============  ==========================================================================

For an awesome-list entry whose notes are ``( … )`` parentheticals, pass
``style.as_inline()``: both sides are then compared line by line (one line per
parenthetical, see :func:`zotsync.notes.html2md.note_pieces`), so Zotero paragraphs
and ``<br>`` lines count the same.

A note deleted on one side is a change of that side (``""``): a deletion propagates
only when the other side is unchanged; deleted-here-edited-there is a conflict in
which the edited text is kept. Policies: ``keep-both`` (default: the conflict block),
``keep-list``, ``keep-zotero``; they also settle existing blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .conflict import ConflictBlock, resolution, resolve
from .hashing import hash_html, hash_markdown, three_way
from .html2md import html2md, note_pieces
from .style import NoteStyle

KEEP_BOTH, KEEP_LIST, KEEP_ZOTERO = "keep-both", "keep-list", "keep-zotero"
POLICIES = (KEEP_BOTH, KEEP_LIST, KEEP_ZOTERO)


@dataclass(frozen=True)
class NoteSync:
    outcome: str
    list_notes: str | None = None  # the list's new notes (None: leave the list alone)
    zotero_notes: str | None = (
        None  # Markdown for Zotero's note (None: leave Zotero alone; "": delete it)
    )
    base: str | None = None  # hash to store after the writes; meaningful when `store_base`
    store_base: bool = False
    conflict: tuple[str, str] | None = None  # (list version, Zotero version) for the block


def reconcile(
    base: str | None,
    list_notes: str,
    zotero_html: str | None,
    style: NoteStyle,
    *,
    block: ConflictBlock | None = None,
    policy: str = KEEP_BOTH,
) -> NoteSync:
    """Decide one note's sync (see the module docs). ``zotero_html`` None: no note in Zotero."""
    if policy not in POLICIES:
        raise ValueError(f"unknown note conflict policy {policy!r} (use {', '.join(POLICIES)})")
    if style.inline:  # one line per parenthetical: blank lines carry no meaning
        zotero_md = "\n".join(note_pieces(zotero_html, style)) if zotero_html else ""
        zotero_hash = hash_markdown(zotero_md)
        list_hash = hash_markdown(
            "\n".join(line for line in list_notes.split("\n") if line.strip())
        )
    else:
        zotero_md = html2md(zotero_html, style) if zotero_html else ""
        zotero_hash = hash_html(zotero_html)
        list_hash = hash_markdown(list_notes)
    if block is not None:
        return _settle_block(block, zotero_hash, zotero_md, policy)
    change = three_way(base, list_hash, zotero_hash)
    if change == "unchanged":
        return NoteSync("unchanged")
    if change == "list":
        return NoteSync("push", zotero_notes=list_notes, base=list_hash, store_base=True)
    if change == "zotero":
        return NoteSync("pull", list_notes=zotero_md, base=zotero_hash, store_base=True)
    if change == "converged":
        return NoteSync("converged", base=list_hash, store_base=True)
    if policy == KEEP_LIST:
        return NoteSync("push", zotero_notes=list_notes, base=list_hash, store_base=True)
    if policy == KEEP_ZOTERO:
        return NoteSync("pull", list_notes=zotero_md, base=zotero_hash, store_base=True)
    return NoteSync("conflict", conflict=(list_notes, zotero_md), base=zotero_hash, store_base=True)


def _settle_block(
    block: ConflictBlock, zotero_hash: str | None, zotero_md: str, policy: str
) -> NoteSync:
    settled = resolution(block)
    if settled is None and policy != KEEP_BOTH:
        settled = resolve(block, "list" if policy == KEEP_LIST else "zotero")
    if block.zotero_changed_since(zotero_hash):
        # Zotero moved on since the block was written: a policy decides against the new
        # version; otherwise show it, keeping everything the user has in the block
        if policy == KEEP_ZOTERO:
            return NoteSync("resolved", list_notes=zotero_md, base=zotero_hash, store_base=True)
        mine = settled if settled is not None else _users_side(block)
        if policy == KEEP_LIST:
            return NoteSync(
                "resolved",
                list_notes=mine,
                zotero_notes=mine,
                base=hash_markdown(mine),
                store_base=True,
            )
        return NoteSync("conflict", conflict=(mine, zotero_md), base=zotero_hash, store_base=True)
    if settled is None:
        return NoteSync("pending")
    settled_hash = hash_markdown(settled)
    send = settled if settled_hash != zotero_hash else None
    return NoteSync(
        "resolved", list_notes=settled, zotero_notes=send, base=settled_hash, store_base=True
    )


def _users_side(block: ConflictBlock) -> str:
    """The list's side of a block, plus the Zotero side too if the user edited it in the list."""
    if not block.zotero_side_edited():
        return block.list_text
    return "\n\n".join(t for t in (block.list_text, block.zotero_text) if t.strip())
