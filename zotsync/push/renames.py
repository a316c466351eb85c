"""A reading list whose file was renamed keeps its Zotero collections and notes.

A list's root collection is named after its file (``notes.md`` → ``notes``), and the
slots of its collections and notes start with that name. Rename the file and, without
this module, the next push would build a second collection tree and give every
annotated paper a second managed note. So before planning, a list whose root zotsync
has never synced is matched with a root it has synced that no list of this run names,
when all of these hold:

* no file with the old name (any extension) sits beside the renamed list — a list
  pushed on another day from the same folder is not a rename;
* its root collection still exists in Zotero;
* at least half of the papers of each side are the other's (the old root's papers are
  the items in its collections now).

The state is then rewritten in memory (:func:`rename_root`): the old root's collection
and note slots move to the new name, so the plan renames the root collection and keeps
every key. Pure, except for the file check, which the caller passes in.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from zotsync.push.desired import Desired
from zotsync.push.membership import list_collections
from zotsync.push.slots import collection_slot, slot_root
from zotsync.push.state import SyncState
from zotsync.zotero.snapshot import Snapshot

V = TypeVar("V")

#: At least this share of each side's papers must be the other's.
MIN_OVERLAP = 0.5


def renamed_lists(
    desired: Desired,
    state: SyncState,
    snapshot: Snapshot,
    sources: Mapping[str, str],
    file_gone: Callable[[str, str], bool],
) -> dict[str, str]:
    """New root → old root for each list that looks renamed (see the module docstring).

    ``sources``: root → the list file it comes from; ``file_gone(list_path, old_root)``:
    whether no file named ``old_root`` (any extension) sits beside ``list_path``.
    """
    synced_roots = {slot_root("collections", s) for s in state.collections}
    orphans = sorted(
        r
        for r in synced_roots - set(desired.roots)
        if (st := state.collections.get(collection_slot((r,)))) and snapshot.live_collection(st.key)
    )
    found: dict[str, str] = {}
    for new in desired.roots:
        if new in synced_roots or new not in sources:
            continue
        listed = {
            slot
            for slot, item in desired.items.items()
            if any(p[0] == new for p in item.collections)
        }
        best = max(
            (
                (_overlap(listed, _papers_in(old, state, snapshot)), old)
                for old in orphans
                if old not in found.values() and file_gone(sources[new], old)
            ),
            default=None,
        )
        if best is not None and best[0] >= MIN_OVERLAP:
            found[new] = best[1]
    return found


def _papers_in(root: str, state: SyncState, snapshot: Snapshot) -> set[str]:
    keys = list_collections(state, (root,))
    return {
        slot
        for slot, st in state.items.items()
        if keys & set((snapshot.live_item(st.key) or {}).get("collections", []))
    }


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return min(common / len(a), common / len(b))


def rename_root(state: SyncState, old: str, new: str) -> SyncState:
    """The state with the collections and notes of root ``old`` under root ``new`` (keys unchanged)."""

    def collection(slot: str) -> str:
        path = json.loads(slot)
        return collection_slot((new, *path[1:])) if path[0] == old else slot

    def parent(
        value: str | None,
    ) -> str | None:  # collections record their parent collection's slot
        return collection(value) if value and value.startswith("[") else value

    collections = {
        collection(s): replace(st, parent=parent(st.parent)) for s, st in state.collections.items()
    }
    return replace(state, collections=collections, notes=rename_note_slots(state.notes, old, new))


def rename_note_slots(slots: Mapping[str, V], old: str, new: str) -> dict[str, V]:
    """A mapping keyed by note slot (the state's notes, conflict blocks waiting in a list), root ``old`` → ``new``."""
    return {
        (new + s[len(old) :] if slot_root("notes", s) == old else s): v for s, v in slots.items()
    }


def file_gone(list_path: str, old_root: str) -> bool:
    """Whether no file named ``old_root`` (any extension) sits beside ``list_path``."""
    folder = Path(list_path).parent
    return not any(
        p.stem == old_root and p.is_file() for p in folder.glob(f"{glob.escape(old_root)}*")
    )


def follow_renames(
    desired: Desired, state: SyncState, snapshot: Snapshot, lists: Sequence[tuple[str, str]]
) -> tuple[SyncState, dict[str, str]]:
    """``state`` with renamed lists followed, and new root → old root for each (``lists``: (root, file))."""
    renames = renamed_lists(desired, state, snapshot, dict(lists), file_gone)
    for new, old in renames.items():
        state = rename_root(state, old, new)
    return state, renames
