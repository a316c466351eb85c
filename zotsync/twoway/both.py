"""Both directions in one call: pull Zotero's note edits into the lists, then push the lists' changes.

    outcome = sync_both_ways(["reading.md"], config, confirm_pull=..., confirm_push=...)

The seam for ``zotsync sync`` (the lead wires it after resolve and .bib). Order matters:
pulling first means a note edited only in Zotero reaches the list before the push
compares, so the push sees nothing to send for it; a note changed on both sides is
settled by the note policy (:mod:`.conflicts`) before the push runs. The push gets
``keep-zotero`` while a conflict block waits in a list (``keep-both``), so the Zotero
note stays untouched until the user resolves the block. The pull leaves the library
snapshot for the push to save, so a push the user declines leaves no ``.zotsync/`` behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from zotsync.config import Config
from zotsync.sync.push import PushOutcome, push
from zotsync.sync.state import state_lock

from .conflicts import check_policy, push_policy
from .pull import Confirm, PullOutcome, pull


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

    ``on_pulled`` gets the pull's outcome before the push plans (and asks)."""
    policy = check_policy(on_conflict)
    with nullcontext() if dry_run else state_lock(config.require_zotero().state_dir):
        pulled = pull(
            files,
            config,
            lock=lock,
            dry_run=dry_run,
            on_conflict=policy,
            pull_unmanaged=pull_unmanaged,
            confirm=confirm_pull,
            save_cache=False,
        )
        if on_pulled is not None:
            on_pulled(pulled)
        pushed = push(
            list(files),
            config,
            lock=lock,
            prune=prune,
            on_conflict=push_policy(policy),
            force=force,
            dry_run=dry_run,
            confirm=confirm_push,
            progress=progress,
        )
        return BothWaysOutcome(pulled, pushed)
