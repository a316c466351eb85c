"""``zotsync push`` as one library call: read the lists and the lock, snapshot the library, plan, apply.

    outcome = push(["reading.md"], config, dry_run=True)
    print(describe.human(outcome))

Inputs flow in one direction: parsed entries (``zotsync.parse.parse_files``) and
the lock file (``zotsync.resolve.lockfile.load_lock``; citation keys from
``zotsync.bibtex.keys.assign_keys``) → :func:`~zotsync.push.desired.build_desired`;
the library → :func:`~zotsync.zotero.snapshot.refresh_snapshot`; both plus the
sync state → :func:`~zotsync.push.plan.make_plan` (pure) →
:func:`~zotsync.push.apply.apply_plan` (the writes).

``zotsync sync`` calls :func:`push_lists` with the lists it parsed, the resolutions it
has, its Zotero client and the library its pull read: nothing is read twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from zotsync.bibtex.keys import assign_keys
from zotsync.config import Config
from zotsync.errors import ConfigError
from zotsync.model import Entry, Resolution
from zotsync.push.actions import Notice, Plan
from zotsync.push.apply import ApplyResult, apply_plan
from zotsync.push.desired import Desired, build_desired
from zotsync.push.lists import read_lists as read_list_files
from zotsync.push.merge import POLICIES
from zotsync.push.plan import PlanOptions, make_plan
from zotsync.push.recover import recover_state
from zotsync.push.renames import follow_renames
from zotsync.push.state import SyncState, load_state, save_state, state_lock, state_path
from zotsync.resolve.lockfile import load_lock, save_lock
from zotsync.zotero.children import PdfMode
from zotsync.zotero.client import RequestCounts, ZoteroClient
from zotsync.zotero.mapping import ItemOptions
from zotsync.zotero.snapshot import Snapshot, load_snapshot, refresh_snapshot, save_snapshot

Confirm = Callable[[Plan], bool]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PushOptions:
    """What one push may do: the ``push``/``sync`` flags that shape its plan and its writing."""

    prune: bool = False  # trash items zotsync made that no list names any more
    on_conflict: str | None = None  # keep-zotero | keep-list | fail; None: [zotero] on_conflict
    force: bool = False  # plan even when the library looks empty or unlike the last sync
    dry_run: bool = False  # plan only: no write, no state saved, no run lock taken


@dataclass(frozen=True)
class PushHooks:
    """The push's calls back to its caller (the CLI asks and draws progress through these)."""

    confirm: Confirm | None = None  # asked before writing; False stops the push
    progress: Progress | None = None  # (done, total) as writes are applied


@dataclass
class PushOutcome:
    plan: Plan
    applied: bool = False  # False for --dry-run, a declined confirmation, or an empty plan
    result: ApplyResult | None = None
    requests: RequestCounts = field(default_factory=RequestCounts)
    state_file: str | None = None
    dry_run: bool = False


def read_lists(
    files: Sequence[str], root_collection: str | None = None
) -> list[tuple[str, list[Entry]]]:
    """Parse the reading lists: [(root collection name, entries of that file)], each file once."""
    return [
        (lf.root, list(lf.entries))
        for lf in read_list_files(files, root_collection, command="push")
    ]


def keyed_resolutions(
    lock: Mapping[str, Resolution], config: Config
) -> tuple[dict[str, Resolution], bool]:
    """The lock's resolutions, each usable one with a citation key, and whether any key is new."""
    keyed = dict(assign_keys(lock, config.bib.key_format))
    return keyed, any(keyed[i].citation_key != lock[i].citation_key for i in keyed)


def load_resolutions(
    config: Config, lock: str | None, *, save_new_keys: bool = False
) -> dict[str, Resolution]:
    """The lock's resolutions, each usable one with a citation key (``save_new_keys``: new keys saved back)."""
    keyed, new_keys = keyed_resolutions(load_lock(lock or config.resolve.lock), config)
    if save_new_keys and new_keys:
        save_keys(lock or config.resolve.lock, keyed)
    return keyed


def save_keys(path: str, keyed: Mapping[str, Resolution]) -> None:
    """Write newly assigned citation keys to the lock, so Zotero and the .bib keep the same keys."""
    if Path(path).exists():
        save_lock(path, keyed)


@dataclass
class LibraryView:
    """The library as zotsync sees it before planning: sync state, cached and refreshed snapshots."""

    state: SyncState
    cache: Path  # where the snapshot is cached
    base: Snapshot  # the snapshot the last sync left (the cache as loaded)
    now: Snapshot  # the base brought up to date with ``since=`` reads


def read_library(client: ZoteroClient, state_dir: str) -> LibraryView:
    """Load the sync state and the cached snapshot, then refresh the snapshot incrementally."""
    state = load_state(state_dir, client.library)
    cache = state_path(state_dir, client.library).with_suffix(".snapshot.json")
    base = load_snapshot(cache)
    return LibraryView(state, cache, base, refresh_snapshot(client, base))


def list_sources(lists: Sequence[tuple[str, Sequence[Entry]]]) -> list[tuple[str, str]]:
    """(root, list file) for each list with entries: where :mod:`.renames` looks for a renamed list's old file."""
    return [(root, entries[0].source) for root, entries in lists if entries]


def rename_notices(renames: Mapping[str, str]) -> list[Notice]:
    return [
        Notice(
            "renamed-list",
            f"list '{old}' is now '{new}' (its file was renamed): its collections and notes "
            "follow it",
            None,
        )
        for new, old in renames.items()
    ]


def pdf_fetcher(config: Config) -> Callable[[str, int | None], bytes]:
    """Downloads a paper's PDF from arXiv, paced by ``services.arxiv_delay`` like every arXiv request."""
    from zotsync.resolve.sources import ArxivSource

    s = config.services
    return ArxivSource(
        s.arxiv_url, interval=s.arxiv_delay, timeout=s.timeout, max_wait=s.max_wait
    ).pdf


def item_options(config: Config, access_date: str | None = None) -> ItemOptions:
    """How items are built under ``config``: the version the .bib describes too."""
    return ItemOptions(
        prefer_published=config.zotero.prefer_published and not config.bib.prefer_preprint,
        access_date=access_date,
    )


def saving_time() -> str:
    """Now, as Zotero writes an ``accessDate`` (ISO 8601, UTC, seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def desired_state(
    lists: Sequence[tuple[str, Sequence[Entry]]],
    resolutions: Mapping[str, Resolution],
    config: Config,
    access_date: str | None = None,
) -> Desired:
    """What the library should hold for these lists (the same target for push, status and pull)."""
    keys = {i: r.citation_key for i, r in resolutions.items() if r.citation_key}
    return build_desired(
        [(root, list(entries)) for root, entries in lists],
        resolutions,
        keys,
        options=item_options(config, access_date),
        pdf=PdfMode.parse(config.zotero.pdf),
        sections=config.collections,
    )


def push(
    files: Sequence[str],
    config: Config,
    *,
    lock: str | None = None,
    prune: bool = False,
    on_conflict: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    confirm: Confirm | None = None,
    progress: Progress | None = None,
) -> PushOutcome:
    """Make the Zotero library mirror the lists (see the module docstring)."""
    lists = read_lists(files, config.zotero.root_collection)
    resolutions, new_keys = keyed_resolutions(load_lock(lock or config.resolve.lock), config)
    outcome = push_lists(
        lists,
        resolutions,
        config,
        PushOptions(prune=prune, on_conflict=on_conflict, force=force, dry_run=dry_run),
        PushHooks(confirm=confirm, progress=progress),
    )
    if outcome.applied and new_keys:
        save_keys(lock or config.resolve.lock, resolutions)  # only once the keys are in Zotero
    return outcome


def push_lists(
    lists: Sequence[tuple[str, Sequence[Entry]]],
    resolutions: Mapping[str, Resolution],
    config: Config,
    options: PushOptions = PushOptions(),
    hooks: PushHooks = PushHooks(),
    *,
    client: ZoteroClient | None = None,
    library: LibraryView | None = None,
    renamed: Mapping[str, str] | None = None,
) -> PushOutcome:
    """The push for lists already parsed and resolved (the seam for ``zotsync sync``).

    ``client``: the run's Zotero client (one is made and closed otherwise). ``library``: the
    library as this run already read it (``zotsync sync``: the pull's snapshot and state, after
    its changes), instead of reading it again; ``renamed``: lists it found renamed (new root →
    old root), already followed in that state, for the plan's notices."""
    zcfg = config.require_zotero()
    policy = options.on_conflict or zcfg.on_conflict
    if policy not in POLICIES:
        raise ConfigError(
            f"zotero.on_conflict must be one of {', '.join(POLICIES)}, not {policy!r}"
        )
    plan_options = PlanOptions(on_conflict=policy, prune=options.prune, force=options.force)
    desired = desired_state(lists, resolutions, config, saving_time())
    own_client = client is None
    client = client or ZoteroClient.for_services(zcfg, config.services)
    try:
        with nullcontext() if options.dry_run else state_lock(zcfg.state_dir):
            return _push_with(
                client,
                desired,
                lists,
                config,
                plan_options,
                hooks,
                dry_run=options.dry_run,
                library=library,
                renamed=renamed,
            )
    finally:
        if own_client:
            client.close()


def _push_with(
    client: ZoteroClient,
    desired: Desired,
    lists: Sequence[tuple[str, Sequence[Entry]]],
    config: Config,
    options: PlanOptions,
    hooks: PushHooks,
    *,
    dry_run: bool,
    library: LibraryView | None = None,
    renamed: Mapping[str, str] | None = None,
) -> PushOutcome:
    zcfg = config.zotero
    view = library or read_library(client, zcfg.state_dir)
    cache, snapshot = view.cache, view.now
    state, renames = follow_renames(desired, view.state, snapshot, list_sources(lists))
    renames = {**(renamed or {}), **renames}
    state = recover_state(desired, state, snapshot)  # a fresh clone: no overwrite without a base
    plan = make_plan(desired, snapshot, state, options, base=view.base)
    if renames:
        plan = replace(plan, notices=tuple(rename_notices(renames)) + plan.notices)
    outcome = PushOutcome(plan, requests=client.counts, dry_run=dry_run)
    asks = plan.writes or plan.uploads
    confirm = hooks.confirm
    if dry_run or plan.is_empty or (confirm is not None and asks and not confirm(plan)):
        if not dry_run and plan.is_empty:
            save_snapshot(cache, snapshot)
        return outcome
    try:
        outcome.result = apply_plan(
            plan,
            client,
            state,
            snapshot,
            progress=hooks.progress,
            save=lambda s: save_state(zcfg.state_dir, s),
            fetch=pdf_fetcher(config) if plan.uploads else None,
        )
    finally:
        save_snapshot(cache, snapshot)
    outcome.applied = True
    outcome.state_file = str(state_path(zcfg.state_dir, client.library))
    return replace(outcome, requests=client.counts)
