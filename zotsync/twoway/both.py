"""Both directions in one call: pull Zotero's note edits into the lists, then push the lists' changes.

    outcome = sync_both_ways(["reading.md"], config, confirm_pull=..., confirm_push=...)

``zotsync sync`` calls :func:`pull_then_push` with the lists, resolutions and client it
already has (after resolve and .bib). Order matters:
pulling first means a note edited only in Zotero reaches the list before the push
compares, so the push sees nothing to send for it; a note changed on both sides is
settled by the note policy (:mod:`.conflicts`) before the push runs. The push gets
``keep-zotero`` while a conflict block waits in a list (``keep-both``), so the Zotero
note stays untouched until the user resolves the block. The pull leaves the library
snapshot for the push to save, so a push the user declines leaves no ``.zotsync/`` behind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from zotsync.config import Config
from zotsync.model import Resolution
from zotsync.push.lists import ListFile
from zotsync.push.push import PushHooks, PushOptions, PushOutcome, load_resolutions, push_lists
from zotsync.push.state import state_lock
from zotsync.zotero.client import ZoteroClient

from .conflicts import check_policy, push_policy
from .context import context_for, read_list_files
from .pull import Confirm, PullOutcome, apply_pull, plan_pull


@dataclass
class BothWaysOutcome:
    pull: PullOutcome
    push: PushOutcome


def sync_both_ways(
    files: Sequence[str],
    config: Config,
    *,
    lock: str | None = None,
    dry_run: bool = False,
    on_conflict: str | None = None,
    pull_unmanaged: bool = False,
    prune: bool = False,
    force: bool = False,
    confirm_pull: Confirm | None = None,
    confirm_push: Callable[[Any], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_pulled: Callable[[PullOutcome], None] | None = None,
) -> BothWaysOutcome:
    """Pull (notes from Zotero), then push (everything from the lists); see the module docstring.

    Reads the lists and the lock once and uses one Zotero client for both directions.
    ``on_pulled`` gets the pull's outcome before the push plans (and asks)."""
    zcfg = config.require_zotero()
    lists = read_list_files(files, zcfg.root_collection)
    resolutions = load_resolutions(config, lock, save_new_keys=False)
    client = ZoteroClient.for_services(zcfg, config.services)
    try:
        return pull_then_push(
            lists,
            resolutions,
            config,
            client,
            BothWaysOptions(dry_run, on_conflict, pull_unmanaged, prune, force),
            confirm_pull=confirm_pull,
            confirm_push=confirm_push,
            progress=progress,
            on_pulled=on_pulled,
        )
    finally:
        client.close()


@dataclass(frozen=True)
class BothWaysOptions:
    dry_run: bool = False
    on_conflict: str | None = None  # a note policy (keep-both by default)
    pull_unmanaged: bool = False
    prune: bool = False
    force: bool = False


def pull_then_push(
    lists: Sequence[ListFile],
    resolutions: Mapping[str, Resolution],
    config: Config,
    client: ZoteroClient,
    options: BothWaysOptions = BothWaysOptions(),
    *,
    confirm_pull: Confirm | None = None,
    confirm_push: Callable[[Any], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_pulled: Callable[[PullOutcome], None] | None = None,
) -> BothWaysOutcome:
    """Both directions for lists already read and resolutions already keyed, through ``client``.

    The library is read once: the push plans against the snapshot the pull read and the
    sync state as the pull left it, and sees each list as the pull left it."""
    policy = check_policy(options.on_conflict)
    state_dir = config.require_zotero().state_dir
    with nullcontext() if options.dry_run else state_lock(state_dir):  # one run at a time
        ctx = context_for(lists, resolutions, config, client)
        plan = plan_pull(ctx, policy, pull_unmanaged=options.pull_unmanaged)
        pulled = apply_pull(
            ctx, plan, dry_run=options.dry_run, confirm=confirm_pull, save_cache=False
        )
        if on_pulled is not None:
            on_pulled(pulled)
        pushed = push_lists(
            [(lf.root, lf.entries) for lf in pulled.lists],
            resolutions,
            config,
            PushOptions(
                prune=options.prune,
                on_conflict=push_policy(policy),
                force=options.force,
                dry_run=options.dry_run,
            ),
            PushHooks(confirm=confirm_push, progress=progress),
            client=client,
            library=ctx.library_view(),
            renamed=ctx.renames,
        )
    return BothWaysOutcome(pulled, pushed)
