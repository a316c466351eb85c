"""``--on-conflict`` for notes changed on both sides, and the record of conflict blocks waiting in lists.

Policies (``zotsync pull`` / ``zotsync sync``):

* ``keep-both`` (default): a conflict block with both texts goes into the list where the
  entry's notes are (:mod:`zotsync.notes.conflict`); the Zotero note is left alone. The
  user keeps what they want and deletes the marker lines; the next sync sends the result.
* ``keep-list``: the list is left alone and the next push overwrites the Zotero note.
* ``keep-zotero``: the list's notes are replaced by the Zotero note.
* ``fail``: nothing is written; the run stops, naming the conflicts.

An entry whose notes were deleted on one side and edited on the other is not a
matter of taste: the edit is kept (pulled into the list; left in Zotero), whatever the
policy except ``fail``.

:class:`PendingConflicts` remembers, per note slot, which Zotero version a conflict
block holds (``<state_dir>/<library>.conflicts.json``, written atomically). Once the
user has resolved the block, that is how zotsync knows the Zotero side is not news
(the user already chose) — unless Zotero changed again meanwhile, which is a new conflict.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from zotsync.atomic import write_json_atomic
from zotsync.errors import InputError
from zotsync.push.merge import FAIL, KEEP_LIST, KEEP_ZOTERO
from zotsync.push.state import state_path

KEEP_BOTH = "keep-both"
NOTE_POLICIES = (KEEP_BOTH, KEEP_LIST, KEEP_ZOTERO, FAIL)
_FORMAT = 1


def check_policy(policy: str | None) -> str:
    """The policy to use (``None`` → ``keep-both``); an unknown name is an InputError."""
    policy = policy or KEEP_BOTH
    if policy not in NOTE_POLICIES:
        raise InputError(
            f"unknown conflict policy {policy!r}", hint="use one of: " + ", ".join(NOTE_POLICIES)
        )
    return policy


def push_policy(note_policy: str) -> str:
    """The push engine's policy for a two-way sync: it never overwrites a Zotero note a block still holds."""
    return KEEP_ZOTERO if note_policy == KEEP_BOTH else note_policy


@dataclass
class PendingConflicts:
    """Note slot → ``field_hash`` of the Zotero note HTML a conflict block (or its resolution) holds."""

    library: str
    slots: dict[str, str] = field(default_factory=dict)

    def path(self, state_dir: str | os.PathLike[str]) -> Path:
        return pending_path(state_dir, self.library)


def pending_path(state_dir: str | os.PathLike[str], library: str) -> Path:
    return state_path(state_dir, library).with_suffix(".conflicts.json")


def load_pending(state_dir: str | os.PathLike[str], library: str) -> PendingConflicts:
    path = pending_path(state_dir, library)
    if not path.exists():
        return PendingConflicts(library)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT or data.get("library") != library:
            raise ValueError("format or library mismatch")
        return PendingConflicts(library, {str(k): str(v) for k, v in data["slots"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            f"the conflict record {path} is unreadable ({exc.__class__.__name__})",
            hint="finish the conflict blocks in your lists by hand, then delete this file",
        ) from None


def save_pending(state_dir: str | os.PathLike[str], pending: PendingConflicts) -> None:
    path = pending.path(state_dir)
    if not pending.slots:
        path.unlink(missing_ok=True)
        return
    write_json_atomic(
        path,
        {
            "format": _FORMAT,
            "library": pending.library,
            "slots": dict(sorted(pending.slots.items())),
        },
    )
