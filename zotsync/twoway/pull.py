"""``zotsync pull``: bring notes edited in Zotero back into the reading lists, changing only those bytes.

    outcome = pull(["reading.md"], config, dry_run=True)
    print(outcome.diff)

1. :func:`plan_pull` (pure): every entry's :class:`~.decide.Decision` and, per file, the
   new bytes (:func:`zotsync.notes.rewrite.apply_edits`: encoding, line endings and all
   other bytes untouched) and the unified diff.
2. :func:`apply_pull`: asks ``confirm`` (when there is a file to change), writes each
   changed file atomically, then records in the sync state the new base of every note
   the list now agrees with (``sent`` = the note the list now renders to, ``seen`` = the
   Zotero HTML), so a ``push`` right after makes no write and a second ``pull`` changes
   nothing. Pending conflict blocks are remembered (:mod:`.conflicts`).

Nothing is written when any conflict is refused (``--on-conflict fail``): the run stops
with :class:`~zotsync.errors.RefusedError` naming the entries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from zotsync.atomic import replace_file
from zotsync.config import Config
from zotsync.errors import RefusedError
from zotsync.model import ParseResult
from zotsync.notes.html2md import html2md
from zotsync.notes.lines import line_texts
from zotsync.notes.placement import list_style
from zotsync.notes.rewrite import apply_edits, diff_text
from zotsync.notes.style import CANONICAL_STYLE
from zotsync.parse import parse_text
from zotsync.push.state import field_hash, save_state, state_lock
from zotsync.wording import count
from zotsync.zotero.client import ZoteroClient
from zotsync.zotero.snapshot import save_snapshot

from .classify import STALE
from .conflicts import check_policy, save_pending
from .context import Context, ListFile, desired_for, entry_views, load_context
from .decide import CONFLICT, REFUSED, SKIPPED, Decision, Inputs, decide, is_unmanaged
from .status import block_of, conflict_blocks, note_sides


@dataclass
class FileChange:
    path: str
    old: bytes
    new: bytes
    diff: str
    parsed: ParseResult | None = None  # the parse of ``new`` (the pull checks it holds every note)


@dataclass
class PullPlan:
    decisions: list[Decision] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)
    refused: str | None = None

    @property
    def acted(self) -> list[Decision]:
        """Decisions the user is told about."""
        return [d for d in self.decisions if d.action]

    @property
    def diff(self) -> str:
        return "".join(f.diff for f in self.files)

    @property
    def waiting(self) -> list[Decision]:
        """Notes whose conflict block waits in the list for the user once this plan is applied."""
        return [d for d in self.decisions if d.waiting]


@dataclass
class PullOutcome:
    plan: PullPlan
    dry_run: bool = False
    applied: bool = False  # files written and/or state recorded
    written: list[str] = field(default_factory=list)
    state_changes: int = 0
    requests: object = None
    lists: list[ListFile] = field(default_factory=list)  # the lists as they stand after the pull

    @property
    def diff(self) -> str:
        return self.plan.diff

    @property
    def waiting(self) -> list[Decision]:
        """Conflict blocks in the lists after this pull: those already there, and those it wrote."""
        written = {str(Path(p)) for p in self.written}
        return [
            d for d in self.plan.waiting if d.action != CONFLICT or str(Path(d.source)) in written
        ]


Confirm = Callable[[PullPlan], bool]
_WORD = re.compile(r"\w+")


def plan_pull(ctx: Context, policy: str = "keep-both", *, pull_unmanaged: bool = False) -> PullPlan:
    """Every entry's decision and the files' new bytes (pure: ``ctx`` is data)."""
    policy = check_policy(policy)
    plan = PullPlan()
    managed = {st.key for table in (ctx.state.notes, ctx.state.children) for st in table.values()}
    for lf in ctx.lists:
        lines = line_texts(lf.data, lf.parsed.encoding)
        style = list_style(lf.entries)
        blocks = conflict_blocks(lf)
        decisions: list[Decision] = []
        views = [v for v in ctx.entries() if v.list is lf]
        for view in views:
            sides = note_sides(ctx, view, block_of(view, blocks))
            st = ctx.state.notes.get(view.note_slot)
            remote = ctx.snapshot.live_item(st.key) if st else None
            item_st = ctx.state.items.get(view.item_slot) if view.item_slot else None
            unmanaged: tuple[str, ...] = ()
            if pull_unmanaged and item_st and view.note_slot.endswith("#0"):
                unmanaged = tuple(
                    d.get("note", "")
                    for d in sorted(
                        ctx.snapshot.children(item_st.key),
                        key=lambda d: (d.get("dateAdded", ""), d["key"]),
                    )
                    if is_unmanaged(d, managed)
                )
            decision = decide(
                Inputs(
                    view.note_slot,
                    view.entry,
                    sides,
                    lines,
                    style,
                    view.next_line,
                    block_of(view, blocks),
                    (remote or {}).get("dateModified"),
                    unmanaged,
                ),
                policy,
            )
            decisions.append(decision)
        decisions, new, reparsed = verified(lf, views, decisions)
        plan.decisions += decisions
        if new != lf.data:
            diff = diff_text(lf.data, new, lf.parsed.encoding, lf.path)
            plan.files.append(FileChange(lf.path, lf.data, new, diff, reparsed))
    refused = [d for d in plan.decisions if d.action == REFUSED]
    if refused:
        plan.refused = (
            f"{count(len(refused), 'note')} changed both in the list and in Zotero: "
            + ", ".join(f"{d.source}:{d.line}" for d in refused[:5])
            + (" …" if len(refused) > 5 else "")
        )
    return plan


def verified(
    lf: ListFile, views: list, decisions: list[Decision]
) -> tuple[list[Decision], bytes, ParseResult]:
    """The decisions whose edits really put the Zotero text into the list, the file's new bytes
    and their parse.

    The new bytes are parsed again; a pulled note whose words do not all come back as the
    entry's notes (the list's syntax cannot hold it, e.g. a rule the parser reads as the
    end of the entry) is not pulled: the note stays in Zotero only, and the user is told.
    """
    new = apply_edits(lf.data, lf.parsed.encoding, [e for d in decisions for e in d.edits])
    if new == lf.data:
        return decisions, new, lf.parsed
    reparsed = _parse_bytes(lf, new)
    notes = {v.note_slot: v.entry.notes for v in entry_views(replace(lf, parsed=reparsed), {})}
    lost = {
        d.slot
        for d in decisions
        if d.edits and d.holds is not None and not words_kept(d.holds, notes.get(d.slot, ""))
    }
    if not lost:
        return decisions, new, reparsed
    kept = [d if d.slot not in lost else _cannot_hold(d) for d in decisions]
    new = apply_edits(lf.data, lf.parsed.encoding, [e for d in kept for e in d.edits])
    return kept, new, (lf.parsed if new == lf.data else _parse_bytes(lf, new))


def _parse_bytes(lf: ListFile, data: bytes) -> ParseResult:
    """The parse of a list's new bytes (read in the list's own encoding)."""
    return parse_text(
        "\n".join(line_texts(data, lf.parsed.encoding)), lf.path, encoding=lf.parsed.encoding
    )


def words_kept(note_html_text: str, markdown: str) -> bool:
    """Whether every word of the note (as many times as it occurs) is in ``markdown``."""
    have = Counter(_WORD.findall(markdown))
    want = Counter(_WORD.findall(html2md(note_html_text, CANONICAL_STYLE)))
    return not want - have


def _cannot_hold(d: Decision) -> Decision:
    return Decision(
        d.slot,
        d.source,
        d.line,
        d.title,
        d.change,
        SKIPPED,
        "this Zotero note cannot be written into the list without losing text (e.g. a horizontal "
        "rule ends an entry's notes); it stays in Zotero only",
    )


def apply_pull(
    ctx: Context,
    plan: PullPlan,
    *,
    dry_run: bool = False,
    confirm: Confirm | None = None,
    save_cache: bool = True,
) -> PullOutcome:
    """Write the plan's files and record the new bases (see the module docstring).

    ``save_cache=False`` leaves the library snapshot unsaved (``zotsync sync``: the push that
    follows refreshes and saves it, and a push the user declines must leave no trace).
    """
    outcome = PullOutcome(plan, dry_run=dry_run, requests=ctx.requests, lists=list(ctx.lists))
    if plan.refused:
        raise RefusedError(
            f"pull refused: {plan.refused}",
            hint="resolve them by hand, or choose --on-conflict keep-both, keep-list or keep-zotero",
        )
    if dry_run:
        return outcome
    if plan.files and confirm is not None and not confirm(plan):
        return outcome
    for change in plan.files:
        _write_file(change)
        outcome.written.append(change.path)
    outcome.lists = lists_after(ctx.lists, plan)
    outcome.state_changes = _record(ctx, plan, outcome.lists)
    outcome.applied = bool(outcome.written or outcome.state_changes)
    if save_cache:
        save_snapshot(ctx.cache_path, ctx.snapshot)
    return outcome


def pull(
    files: Sequence[str],
    config: Config,
    *,
    lock: str | None = None,
    dry_run: bool = False,
    on_conflict: str | None = None,
    pull_unmanaged: bool = False,
    confirm: Confirm | None = None,
    client: ZoteroClient | None = None,
    save_cache: bool = True,
) -> PullOutcome:
    """Bring Zotero-side note edits into ``files`` (``on_conflict``: keep-both | keep-list | keep-zotero | fail)."""
    policy = check_policy(on_conflict)
    with nullcontext() if dry_run else state_lock(config.require_zotero().state_dir):
        ctx = load_context(files, config, lock=lock, client=client)
        return apply_pull(
            ctx,
            plan_pull(ctx, policy, pull_unmanaged=pull_unmanaged),
            dry_run=dry_run,
            confirm=confirm,
            save_cache=save_cache,
        )


def _write_file(change: FileChange) -> None:
    """Replace the file atomically, refusing if it changed since it was read."""
    path = Path(change.path)
    if path.read_bytes() != change.old:
        raise RefusedError(
            f"{change.path} changed while zotsync was pulling; nothing was written to it",
            hint="run zotsync pull again",
        )
    replace_file(path, change.new)


def lists_after(lists: list[ListFile], plan: PullPlan) -> list[ListFile]:
    """The lists with the plan's new bytes written (and their parse, done while planning)."""
    changed = {c.path: c for c in plan.files}
    return [
        replace(lf, data=changed[lf.path].new, parsed=changed[lf.path].parsed or lf.parsed)
        if lf.path in changed
        else lf
        for lf in lists
    ]


def _record(ctx: Context, plan: PullPlan, lists: list[ListFile]) -> int:
    """Update the sync state and the conflict record after the files were written; the number of changes."""
    zcfg = ctx.config.require_zotero()
    desired = desired_for(lists, ctx.resolutions, ctx.config) if plan.files else ctx.desired
    changes = 0
    for d in plan.decisions:
        st = ctx.state.notes.get(d.slot)
        new_st = st
        if st is not None and d.absorb is not None:
            wanted = desired.notes.get(d.slot)
            sent = {**st.sent, "note": field_hash(wanted.html)} if wanted else dict(st.sent)
            new_st = replace(
                st,
                sent=sent,
                seen={**st.seen, "note": field_hash(d.absorb)},
                version=_version(ctx, st.key),
            )
        elif st is not None and d.accept_list is not None:
            new_st = replace(
                st,
                sent={**st.sent, "note": STALE},
                seen={**st.seen, "note": field_hash(d.accept_list)},
                version=_version(ctx, st.key),
            )
        elif st is not None and d.ack_seen is not None:
            new_st = replace(
                st, seen={**st.seen, "note": field_hash(d.ack_seen)}, version=_version(ctx, st.key)
            )
        if new_st is not st and new_st != st:
            ctx.state.notes[d.slot] = new_st
            changes += 1
        if d.pending is not None and ctx.pending.slots.get(d.slot) != d.pending:
            ctx.pending.slots[d.slot] = d.pending
            changes += 1
        if d.drop_pending and ctx.pending.slots.pop(d.slot, None) is not None:
            changes += 1
    if changes:
        save_state(zcfg.state_dir, ctx.state)
        save_pending(zcfg.state_dir, ctx.pending)
    return changes


def _version(ctx: Context, key: str) -> int:
    return int((ctx.snapshot.live_item(key) or {}).get("version", 0))
