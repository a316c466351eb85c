"""``zotsync status``: per entry, where its note, its item and its collection membership changed.

    report = status(["reading.md"], config)
    for row in report.rows: print(row.line, row.note, row.item, row.collections)

:func:`entry_status` and :func:`note_sides` are pure (a :class:`~.context.Context` is
plain data once loaded); :func:`status` only loads the context. Values are those of
:mod:`.classify` (``unchanged``, ``list``, ``zotero``, ``both``, …).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from zotsync.config import Config
from zotsync.model import Status
from zotsync.notes.conflict import ConflictBlock, detect_conflicts, resolution
from zotsync.notes.lines import line_texts
from zotsync.push.membership import last_sent, list_collections

from .classify import NoteSides, classify_item, classify_membership, classify_note
from .context import Context, EntryView, ListFile, load_context


@dataclass(frozen=True)
class EntryStatus:
    source: str
    line: int
    title: str
    ident: str
    note: str
    item: str
    collections: str


#: The item and membership of an entry without a usable decision in the lock (not resolved yet, a close
#: call waiting for review, or nothing found), and of one the user left out (rejected, not a paper).
UNRESOLVED, LEFT_OUT = "unresolved", "left-out"


@dataclass
class StatusReport:
    rows: list[EntryStatus] = field(default_factory=list)
    library: str = ""
    #: (item slot, title) of papers no list names any more that still sit in these lists' collections
    #: (where zotsync put them): the next push takes them out.
    unlisted: list[tuple[str, str]] = field(default_factory=list)

    def counts(self, aspect: str) -> dict[str, int]:
        """How many entries are in each state for ``aspect`` ("note", "item" or "collections")."""
        return dict(Counter(getattr(r, aspect) for r in self.rows))

    @property
    def in_sync(self) -> bool:
        """Nothing for a push or a pull to do (entries without a usable decision are not pushed, so not counted)."""
        quiet = ("unchanged", "none", UNRESOLVED, LEFT_OUT)
        return not self.unlisted and all(
            getattr(r, a) in quiet for r in self.rows for a in ("note", "item", "collections")
        )


def conflict_blocks(lf: ListFile) -> list[ConflictBlock]:
    """The conflict blocks in a list file (an InputError names a broken marker's line)."""
    return detect_conflicts("\n".join(line_texts(lf.data, lf.parsed.encoding)))


def block_of(view: EntryView, blocks: Sequence[ConflictBlock]) -> ConflictBlock | None:
    """The conflict block inside this entry's notes, if any."""
    span = view.entry.notes_span
    if not span:
        return None
    return next((b for b in blocks if span[0] <= b.start_line and b.end_line <= span[1]), None)


def note_sides(ctx: Context, view: EntryView, block: ConflictBlock | None = None) -> NoteSides:
    """The three sides of the entry's note slot (see :class:`~.classify.NoteSides`)."""
    wanted = ctx.desired.notes.get(view.note_slot)
    st = ctx.state.notes.get(view.note_slot)
    remote = ctx.snapshot.live_item(st.key) if st else None
    base = ctx.base.items.get(st.key) if st and ctx.base else None
    return NoteSides(
        desired_html=wanted.html if wanted else None,
        state=st,
        remote_html=remote.get("note", "") if remote else None,
        base_html=base.get("note") if base else None,
        absorbed=ctx.pending.slots.get(view.note_slot),
        pending=block is not None and resolution(block) is None,
    )


def entry_status(ctx: Context, view: EntryView, block: ConflictBlock | None = None) -> EntryStatus:
    """One entry's row (pure)."""
    e = view.entry
    if view.item_slot is None:  # nothing zotsync can push for it
        res = ctx.resolutions.get(e.ident)
        aside = (
            LEFT_OUT
            if res is not None and res.status in (Status.REJECTED, Status.NOT_A_PAPER)
            else UNRESOLVED
        )
        return EntryStatus(
            e.source,
            e.line,
            e.title,
            e.ident,
            classify_note(note_sides(ctx, view, block)),
            aside,
            aside,
        )
    item = ctx.desired.items.get(view.item_slot)
    st = ctx.state.items.get(view.item_slot)
    remote = ctx.snapshot.live_item(st.key) if st else None
    item_state = classify_item(item.data if item else None, st, remote)
    if item is None or st is None or remote is None:
        membership = item_state if item_state != "no-longer-listed" else "none"
    else:
        managed = {c.key for c in ctx.state.collections.values()}
        wanted = {ctx.collection_key(p) or "?" for p in item.collections}
        base = last_sent(
            st, ctx.base.items.get(st.key) if ctx.base else None, set()
        )  # where the lists put it
        membership = classify_membership(wanted, remote.get("collections", []), base, managed)
    return EntryStatus(
        e.source,
        e.line,
        e.title,
        e.ident,
        classify_note(note_sides(ctx, view, block)),
        item_state,
        membership,
    )


def status_of(ctx: Context) -> StatusReport:
    report = StatusReport(library=ctx.library)
    for lf in ctx.lists:
        blocks = conflict_blocks(lf)
        for view in (v for v in ctx.entries() if v.list is lf):
            report.rows.append(entry_status(ctx, view, block_of(view, blocks)))
    report.unlisted = unlisted_items(ctx)
    return report


def unlisted_items(ctx: Context) -> list[tuple[str, str]]:
    """Papers no list of this run names that zotsync put in these lists' collections and that are still there."""
    scoped = list_collections(ctx.state, ctx.desired.roots)
    out = []
    for slot, st in sorted(ctx.state.items.items()):
        remote = ctx.snapshot.live_item(st.key) if slot not in ctx.desired.items else None
        if remote is None:
            continue
        mine = set(remote.get("collections", [])) & scoped
        sent = last_sent(
            st, ctx.base.items.get(st.key) if ctx.base else None, set()
        )  # as the push judges it
        if mine & (sent if sent is not None else mine):
            out.append((slot, str(remote.get("title", slot))))
    return out


def status(files: Sequence[str], config: Config, *, lock: str | None = None) -> StatusReport:
    """Where each entry of ``files`` changed since the last sync (reads the library, writes nothing)."""
    return status_of(load_context(files, config, lock=lock))
