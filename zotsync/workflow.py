"""``zotsync sync``: the whole pipeline in one pass.

    outcome = sync(["reading.md"], config, SyncOptions(dry_run=True))

    read + parse each list once ─▶ resolve its entries (lock read once, saved)
        ─▶ .bib from those entries and decisions (when an output is configured)
        ─▶ pull (notes edited in Zotero come back into the lists) ─▶ push (plan → apply)

Values go forward, never file names: the parsed lists, the lock as the resolver left it
(with the citation keys the .bib assigned), one Zotero client and the one library
snapshot the pull read, which the push plans against. Each stage is the same library
function its own command uses (``resolve_entries``, ``bib_from_entries``,
``plan_pull``/``apply_pull``, ``push_lists``); this module only sequences them and
gathers what each did into one :class:`SyncOutcome` for the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zotsync.bibtex.run import BibOptions, BibRun, bib_from_entries
from zotsync.config import Config
from zotsync.push.lists import all_entries, read_lists
from zotsync.push.push import PushOutcome, keyed_resolutions, save_keys
from zotsync.resolve import resolve_entries
from zotsync.resolve.report import ResolveReport
from zotsync.twoway.both import BothWaysOptions, pull_then_push
from zotsync.twoway.pull import Confirm as ConfirmPull
from zotsync.twoway.pull import PullOutcome
from zotsync.wording import count
from zotsync.zotero.client import ZoteroClient

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncOptions:
    """What the user asked ``zotsync sync`` for (``None``: the config decides)."""

    bib_output: str | None = None  # a .bib to write/merge; default config [bib] output
    lock: str | None = None  # default config [resolve] lock
    dry_run: bool = False  # resolve and plan; write no .bib, no list, nothing in Zotero
    prune: bool = False
    on_conflict: str | None = None  # a note policy (keep-both by default)
    force: bool = False
    pull_unmanaged: bool = False

    def both_ways(self) -> BothWaysOptions:
        return BothWaysOptions(
            dry_run=self.dry_run,
            on_conflict=self.on_conflict,
            pull_unmanaged=self.pull_unmanaged,
            prune=self.prune,
            force=self.force,
        )


@dataclass(frozen=True)
class SyncHooks:
    """How a caller takes part: answers the questions, shows progress, reports each stage."""

    confirm_pull: ConfirmPull | None = None
    confirm_push: Callable[[Any], bool] | None = None
    resolve_progress: Progress | None = None
    push_progress: Progress | None = None
    on_stage: Callable[[str, Any], None] | None = None  # "resolve", "bib" (when written), "pull"


@dataclass
class SyncOutcome:
    resolve: ResolveReport
    bib: BibRun | None  # when a .bib was written
    pull: PullOutcome
    push: PushOutcome
    notices: list[str] = field(default_factory=list)


def sync(
    files: Sequence[str],
    config: Config,
    options: SyncOptions = SyncOptions(),
    hooks: SyncHooks = SyncHooks(),
    *,
    client: ZoteroClient | None = None,
) -> SyncOutcome:
    """Resolve the lists, write the .bib, then sync notes both ways and push to Zotero.

    The Zotero settings are checked first, so a missing key fails before any network
    request. ``dry_run`` still resolves (the lock is the user's review surface) but
    writes neither the .bib, nor the lists, nor anything in Zotero. ``hooks.on_stage``
    is called as each stage ends but the last, so a caller can report each before the
    next one asks its question. ``client``: the Zotero client to use (one is made and
    closed otherwise).
    """
    zcfg = config.require_zotero()
    stage = hooks.on_stage or (lambda name, result: None)
    lock_path = options.lock or config.resolve.lock
    lists = read_lists(files, zcfg.root_collection, command="sync")
    entries = all_entries(lists)
    report = resolve_entries(entries, config, lock_path=lock_path, progress=hooks.resolve_progress)
    notices = incomplete_notices(report)
    stage("resolve", report)
    lock = report.lock
    output = options.bib_output or config.bib.output
    bib = None
    if output and not options.dry_run:
        bib = bib_from_entries(
            entries,
            lock,
            config,
            BibOptions(output=output, merge=True, offline=True, lock=lock_path),
        )
        lock = bib.lock
        stage("bib", bib)
    resolutions, new_keys = keyed_resolutions(lock, config)
    own = client is None
    client = client or ZoteroClient.for_services(zcfg, config.services)
    try:
        both = pull_then_push(
            lists,
            resolutions,
            config,
            client,
            options.both_ways(),
            confirm_pull=hooks.confirm_pull,
            confirm_push=hooks.confirm_push,
            progress=hooks.push_progress,
            on_pulled=lambda pulled: stage("pull", pulled),
        )
    finally:
        if own:
            client.close()
    if both.push.applied and new_keys:
        save_keys(lock_path, resolutions)  # only once the keys are in Zotero
    return SyncOutcome(report, bib, both.pull, both.push, notices)


def incomplete_notices(report: ResolveReport) -> list[str]:
    """What a service failure left undone in this run, for the summary (and exit code 5)."""
    notices = []
    if failed := report.failed:
        notices.append(
            f"{count(len(failed), 'entry')} could not be resolved because a service failed; "
            "they are left out this time and retried on the next run"
        )
    if provisional := report.provisional:
        notices.append(
            f"{count(len(provisional), 'resolved entry')} still lack{'s' if len(provisional) == 1 else ''} "
            "metadata because a service failed; "
            "they are synced as they stand and completed on the next run"
        )
    return notices


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
