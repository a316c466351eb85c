"""What ``pull`` does with one entry's note: the list edits and the bookkeeping (pure).

:func:`decide` maps the three-way classification (:mod:`.classify`) and the conflict
policy (:mod:`.conflicts`) to a :class:`Decision`:

=====================  =========================================================================
classification         what happens
=====================  =========================================================================
zotero / converged     the Zotero note, in the list's style, replaces the entry's notes
                       (only those bytes; nothing when the texts already agree); the state
                       records the new base so the next push writes nothing
both                   the policy: keep-both → a conflict block; keep-zotero → as above;
                       keep-list → the next push sends the list's text; fail → refused
both, list deleted     the Zotero edit is pulled back (an edit beats a deletion)
conflict-pending       keep-both → left for the user; other policies resolve the block
settled block          (the user emptied one side) the block becomes the settled text
list, after a block    the user resolved the block by hand: the next push sends it (nothing to
                       send when they kept exactly what Zotero has: that becomes the new base)
deleted-in-zotero      nothing: the list keeps its text (reported)
=====================  =========================================================================
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from zotsync.errors import RefusedError
from zotsync.notes.conflict import ConflictBlock, render_conflict, resolution, resolve
from zotsync.notes.hashing import hash_html, hash_markdown, normalise_markdown
from zotsync.notes.html2md import html2md
from zotsync.notes.placement import conflict_edit, pull_edits
from zotsync.notes.rewrite import BlockNoteEdit, NoteEdit
from zotsync.notes.style import CANONICAL_STYLE, NoteStyle
from zotsync.push.merge import FAIL, KEEP_LIST, KEEP_ZOTERO
from zotsync.push.state import field_hash
from zotsync.wording import count
from zotsync.zotero.notes import managed_note_id, note_html

from . import classify as c
from .conflicts import KEEP_BOTH

# Decision actions (what the user is told)
PULLED, CONFLICT, KEPT_LIST, RESOLVED, RESTORED, REFUSED, SKIPPED, NOTICE, UNMANAGED = (
    "pulled",
    "conflict",
    "list-wins",
    "resolved",
    "restored",
    "refused",
    "skipped",
    "notice",
    "pulled-unmanaged",
)

#: A conflict the user settled with the text Zotero already has: nothing for the push to send.
SETTLED_AS_ZOTERO = "conflict resolved in the list with Zotero's text; Zotero already has it"


@dataclass(frozen=True)
class Decision:
    slot: str
    source: str
    line: int
    title: str
    change: str  # the classification
    action: str = ""  # one of the actions above, "" = nothing to do
    message: str = ""
    edits: tuple[NoteEdit, ...] = ()
    absorb: str | None = None  # Zotero HTML the list now holds: record it as the new base
    accept_list: str | None = None  # Zotero HTML the list's text must replace on the next push
    pending: str | None = None  # field_hash of the Zotero HTML a new conflict block holds
    holds: str | None = (
        None  # Zotero HTML whose every word the edited notes must carry (checked by pull)
    )
    ack_seen: str | None = None  # Zotero HTML re-saved without a content change: the new ``seen``
    drop_pending: bool = False
    waiting: bool = False  # a conflict block waits in the list for the user after this pull


@dataclass(frozen=True)
class Inputs:
    """One entry's note as :func:`decide` needs it (built by :mod:`.pull` from the context)."""

    slot: str
    entry: object  # zotsync.model.Entry
    sides: c.NoteSides
    lines: Sequence[str]
    style: NoteStyle
    next_line: int | None = None
    block: ConflictBlock | None = None
    remote_modified: str | None = None  # Zotero's dateModified, shown in a conflict block
    unmanaged: tuple[str, ...] = ()  # HTML of the user's own notes on the item (--pull-unmanaged)


def decide(inp: Inputs, policy: str) -> Decision:
    """The decision for one entry's note (see the module table)."""
    e, s = inp.entry, inp.sides
    change = c.classify_note(s)
    base = Decision(inp.slot, e.source, e.line, e.title, change)
    remote = s.remote_html
    if (
        change in (c.UNCHANGED, c.LIST)
        and s.state is not None
        and remote is not None
        and field_hash(remote) != s.state.seen.get("note")
        and s.absorbed is None
    ):
        base = _replace(base, ack_seen=remote)  # so the push does not take a re-save for an edit
    try:
        if inp.block is not None:
            return _with_block(inp, base, policy)
        if change in (c.ZOTERO, c.CONVERGED):
            return _pull(inp, base, remote, PULLED, "edited in Zotero; pulled into the list")
        if change == c.BOTH:
            return _both(inp, base, policy)
        if change == c.LIST and s.absorbed is not None:
            if (
                s.desired_html is not None
                and remote is not None
                and hash_html(s.desired_html) == hash_html(remote)
            ):
                return _replace(
                    base,
                    action=RESOLVED,
                    message=SETTLED_AS_ZOTERO,
                    absorb=remote,
                    drop_pending=True,
                )
            return _replace(
                base,
                action=RESOLVED,
                message="conflict resolved in the list; the next push sends it",
                accept_list=remote,
                drop_pending=True,
            )
        if change == c.DELETED_IN_ZOTERO:
            return _replace(
                base, action=NOTICE, message="note deleted in Zotero; the list keeps its text"
            )
        if (
            change == c.UNCHANGED and remote is not None
        ):  # the user's own notes join a note Zotero already has
            return _with_unmanaged(inp, _replace(base, absorb=remote), None)
        return _with_unmanaged(inp, base, None)
    except RefusedError as exc:  # e.g. a copied HF page has no place for notes: keep it in Zotero
        return _replace(
            base, action=SKIPPED, message=f"{exc.message}; the note stays in Zotero only"
        )


def _replace(d: Decision, **changes: object) -> Decision:
    return Decision(**{**d.__dict__, **changes})


def _pull(inp: Inputs, d: Decision, remote: str, action: str, message: str) -> Decision:
    if inp.unmanaged:
        return _with_unmanaged(inp, _replace(d, absorb=remote), remote, action, message)
    edits = pull_edits(inp.lines, inp.entry, remote, inp.style, next_line=inp.next_line)
    return _replace(
        d,
        action=action if edits else "",
        message=message if edits else "",
        edits=tuple(edits),
        absorb=remote,
        holds=remote,
    )


def _both(inp: Inputs, d: Decision, policy: str) -> Decision:
    remote = inp.sides.remote_html or ""
    if policy == FAIL:
        return _replace(
            d, action=REFUSED, message="changed in the list and in Zotero (--on-conflict fail)"
        )
    if inp.sides.desired_html is None or policy == KEEP_ZOTERO:
        restored = inp.sides.desired_html is None
        return _pull(
            inp,
            d,
            remote,
            RESTORED if restored else PULLED,
            "notes deleted in the list but edited in Zotero; the Zotero text is back in the list"
            if restored
            else "changed on both sides; Zotero's version kept (--on-conflict keep-zotero)",
        )
    if policy == KEEP_LIST:
        return _replace(
            d,
            action=KEPT_LIST,
            message="changed on both sides; the next push sends the list's version",
            accept_list=remote,
        )
    zotero_md = html2md(remote, inp.style)
    edit = conflict_edit(
        inp.lines, inp.entry, zotero_md, zotero_edited=inp.remote_modified, next_line=inp.next_line
    )
    return _replace(
        d,
        action=CONFLICT,
        waiting=True,
        edits=(edit,),
        pending=field_hash(remote),
        holds=remote,
        message="changed in the list and in Zotero: both versions kept in a conflict block in the list",
    )


def _with_block(inp: Inputs, d: Decision, policy: str) -> Decision:
    """An entry whose notes hold a conflict block: settled by the user, or resolved by the policy."""
    block, remote = inp.block, inp.sides.remote_html
    settled = resolution(block)
    unchanged_since = remote is not None and inp.sides.absorbed == field_hash(remote)
    if settled is None:
        if (
            policy == KEEP_BOTH
            and remote is not None
            and not unchanged_since
            and inp.sides.absorbed is not None
        ):
            text = render_conflict(
                block.ident,
                _users_side(block),
                html2md(remote, inp.style),
                zotero_edited=inp.remote_modified,
            )
            return _replace(
                d,
                action=CONFLICT,
                waiting=True,
                edits=(_block_edit(block, text),),
                pending=field_hash(remote),
                holds=remote,
                message="edited in Zotero again: the conflict block now shows Zotero's latest version",
            )
        if policy == KEEP_BOTH:
            return _replace(
                d,
                action=NOTICE,
                waiting=True,
                message="conflict block waiting in the list (keep what you want, "
                "delete the marker lines)",
            )
        if policy == FAIL:
            return _replace(
                d, action=REFUSED, message="an unresolved conflict block (--on-conflict fail)"
            )
        if policy == KEEP_ZOTERO and remote is not None:
            text = html2md(remote, inp.style)
            return _replace(
                d,
                action=RESOLVED,
                edits=(_block_edit(block, text),),
                absorb=remote,
                holds=remote,
                drop_pending=True,
                message="conflict resolved with Zotero's version (--on-conflict keep-zotero)",
            )
        settled = resolve(block, "list")
    edit = _block_edit(block, settled)
    if remote is not None and hash_markdown(settled) == hash_html(remote):
        return _replace(
            d,
            action=RESOLVED,
            edits=(edit,),
            absorb=remote,
            drop_pending=True,
            message=SETTLED_AS_ZOTERO,
        )
    if unchanged_since or remote is None:
        return _replace(
            d,
            action=RESOLVED,
            edits=(edit,),
            accept_list=remote,
            drop_pending=True,
            message="conflict resolved in the list; the next push sends it",
        )
    return _replace(
        d,
        action=RESOLVED,
        edits=(edit,),
        message="conflict resolved in the list, but Zotero changed again: compared on the next run",
    )


def _users_side(block: ConflictBlock) -> str:
    """What the user has in a block: its list side, plus the Zotero side if they edited it in the list."""
    if not block.zotero_side_edited():
        return block.list_text
    return "\n\n".join(t for t in (block.list_text, block.zotero_text) if t.strip())


def _block_edit(block: ConflictBlock, text: str) -> BlockNoteEdit:
    return BlockNoteEdit(text, span=block.span, indent=block.indent)


# --------------------------------------------------------------------------- the user's own notes


_LINKS_PARAGRAPH = re.compile(r"<p>Links: (?:<a [^>]*>[^<]*</a>(?:, )?)+</p>(?=\s*</div>\s*$)")


def _with_unmanaged(
    inp: Inputs, d: Decision, managed_html: str | None, action: str = "", message: str = ""
) -> Decision:
    """Append the user's own Zotero notes not yet in the list (``--pull-unmanaged``) to the entry's notes."""
    base_html = (
        _LINKS_PARAGRAPH.sub("", managed_html)
        if managed_html is not None
        else (note_html("list", inp.entry.notes) or "")
    )
    have = _canonical(base_html)
    new = [u for u in inp.unmanaged if _canonical(u) and _canonical(u) not in have]
    if not new and managed_html is None:
        return _replace(d, absorb=None)
    combined = base_html + "".join(new)
    edits = pull_edits(inp.lines, inp.entry, combined, inp.style, next_line=inp.next_line)
    if new:
        action, message = (
            UNMANAGED,
            (message + "; " if message else "")
            + f"{count(len(new), 'note')} written in Zotero added to the list",
        )
    return _replace(
        d, action=action if edits else "", message=message if edits else "", edits=tuple(edits)
    )


def _canonical(html_text: str) -> str:
    return normalise_markdown(html2md(html_text, CANONICAL_STYLE))


def is_unmanaged(data: dict, managed_keys: set[str]) -> bool:
    """A child note the user wrote in Zotero: not in zotsync's state and without its marker."""
    return (
        data.get("itemType") == "note"
        and data.get("key") not in managed_keys
        and managed_note_id(data.get("note", "")) is None
    )
