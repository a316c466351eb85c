"""``zotsync sync``: the whole pipeline in one call.

    parse → resolve (lock file) → .bib (when an output is configured)
          → pull (notes edited in Zotero come back into the lists) → push (plan → apply)

Each stage is the same library call its own command makes (``resolve_files``,
``make_bib``, ``pull``, ``push``; the last two through
:func:`zotsync.twoway.both.sync_both_ways`); this module only sequences them and
gathers what each did into one :class:`SyncOutcome` for the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zotsync.config import Config
from zotsync.wording import count

Progress = Callable[[int, int], None]


@dataclass
class SyncOutcome:
    resolve: Any  # zotsync.resolve.report.ResolveReport
    bib: Any | None  # zotsync.bibtex.run.BibRun, when a .bib was written
    pull: Any  # zotsync.twoway.pull.PullOutcome
    push: Any  # zotsync.sync.push.PushOutcome
    notices: list[str] = field(default_factory=list)


def sync(
    files: Sequence[str],
    config: Config,
    *,
    bib_output: str | None = None,
    lock: str | None = None,
    dry_run: bool = False,
    prune: bool = False,
    on_conflict: str | None = None,
    force: bool = False,
    pull_unmanaged: bool = False,
    confirm_pull: Callable[[Any], bool] | None = None,
    confirm: Callable[[Any], bool] | None = None,
    resolve_progress: Progress | None = None,
    push_progress: Progress | None = None,
    on_stage: Callable[[str, Any], None] | None = None,
) -> SyncOutcome:
    """Resolve the lists, write the .bib (``bib_output`` or ``config.bib.output``), then sync notes both
    ways and push to Zotero.

    The Zotero settings are checked first, so a missing key fails before any
    network request. ``dry_run`` still resolves (the lock is the user's review
    surface) but writes neither the .bib, nor the lists, nor anything in Zotero.
    ``on_conflict`` is a note policy (``keep-both`` by default, see
    :mod:`zotsync.twoway.conflicts`). ``on_stage(name, result)`` is called as each
    stage ends but the last (``"resolve"``, ``"bib"`` when one was written, ``"pull"``), so
    a caller can report each before the next one asks its question.
    """
    from zotsync.bibtex.run import BibOptions, make_bib
    from zotsync.resolve import resolve_files
    from zotsync.twoway.both import sync_both_ways

    config.require_zotero()
    lock_path = lock or config.resolve.lock
    report = resolve_files(list(files), config, lock_path=lock_path, progress=resolve_progress)
    notices = []
    failed = [r for r in report.rows if (r.resolution.reason or "").startswith("source failed")]
    if failed:
        notices.append(
            f"{count(len(failed), 'entry')} could not be resolved because a service failed; "
            "they are left out this time and retried on the next run"
        )
    provisional = [r for r in report.rows if r.entry.ident in report.pending and r not in failed]
    if provisional:
        notices.append(
            f"{count(len(provisional), 'resolved entry')} still lack{'s' if len(provisional) == 1 else ''} metadata because a service failed; "
            "they are synced as they stand and completed on the next run"
        )
    stage = on_stage or (lambda name, result: None)
    stage("resolve", report)
    output = bib_output or config.bib.output
    bib = None
    if output and not dry_run:
        bib = make_bib(
            list(files), config, BibOptions(output=output, merge=True, offline=True, lock=lock_path)
        )
        stage("bib", bib)
    both = sync_both_ways(
        list(files),
        config,
        lock=lock_path,
        dry_run=dry_run,
        on_conflict=on_conflict,
        pull_unmanaged=pull_unmanaged,
        prune=prune,
        force=force,
        confirm_pull=confirm_pull,
        confirm_push=confirm,
        progress=push_progress,
        on_pulled=lambda pulled: stage("pull", pulled),
    )
    return SyncOutcome(report, bib, both.pull, both.push, notices)


def collection_tree(collections: Sequence[Mapping[str, Any]]) -> list[tuple[int, str, int]]:
    """Zotero collection objects → ``(depth, name, number of items)`` rows, depth-first, by name."""
    children: dict[Any, list[Mapping[str, Any]]] = {}
    for coll in collections:
        parent = coll["data"].get("parentCollection") or None
        children.setdefault(parent, []).append(coll)
    rows: list[tuple[int, str, int]] = []

    def walk(parent: Any, depth: int) -> None:
        for coll in sorted(children.get(parent, []), key=lambda c: c["data"]["name"].casefold()):
            rows.append((depth, coll["data"]["name"], int(coll.get("meta", {}).get("numItems", 0))))
            walk(coll["key"], depth + 1)

    walk(None, 0)
    return rows
