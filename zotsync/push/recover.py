"""Lost local state: what the library itself says about objects zotsync made, without a base.

The sync state (``.zotsync/``) is local: a second machine, a fresh clone of the
repository holding the list and ``zotsync.lock``, or a state folder moved away has
none. The objects zotsync created are still recognisable in the library: their keys
are derived from the library and the slot (:func:`zotsync.push.slots.object_key`).
Taking them for new would overwrite every edit made in Zotero since the last sync
with the list's text. So each one found gets a state entry that says what is known:

* a field (or note) whose value in Zotero is what the list asks for: in sync,
  a clean base from now on;
* a note that differs: no base, so nobody can say which side changed. Its ``sent``
  hash is :data:`NO_BASE` (no list text has it) and its ``seen`` hash is too (no
  Zotero text has it): both sides count as changed, and the difference is a
  *conflict* — ``pull``/``sync`` keep both texts in a conflict block, ``push`` keeps
  Zotero's note unless ``--on-conflict keep-list`` says otherwise. Never an overwrite;
* an item field that differs: item fields come from ``zotsync.lock``, which travels
  with the list, so the list is taken as unchanged and Zotero's value as edited
  there: kept and reported, as for any edit made in Zotero.

Pure: the plan and the two-way commands call it on the state they loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from zotsync.notes.hashing import hash_html
from zotsync.push.desired import Desired
from zotsync.push.slots import object_key
from zotsync.push.state import ObjectState, SyncState, field_hash
from zotsync.zotero.notes import managed_note_id
from zotsync.zotero.snapshot import Snapshot

#: A hash no value has: "no base known for this side".
NO_BASE = ""


def recover_state(desired: Desired, state: SyncState, snapshot: Snapshot) -> SyncState:
    """``state`` plus entries for the desired items and notes found in the library without one."""
    items = {
        slot: st
        for slot, item in desired.items.items()
        if slot not in state.items
        and (st := _item_state(state.library, slot, item.data, snapshot)) is not None
    }
    keys = {slot: st.key for slot, st in {**state.items, **items}.items()}
    notes = {
        slot: st
        for slot, note in desired.notes.items()
        if slot not in state.notes
        and (st := _note_state(state.library, slot, note.html, keys.get(note.item_slot), snapshot))
        is not None
    }
    if not items and not notes:
        return state
    return replace(state, items={**state.items, **items}, notes={**state.notes, **notes})


def _item_state(
    library: str, slot: str, data: Mapping[str, Any], snapshot: Snapshot
) -> ObjectState | None:
    key = object_key(library, "items", slot)
    remote = snapshot.live_item(key)
    if remote is None:
        return None
    sent, seen = {}, {}
    for name, value in data.items():
        if name == "tags":
            continue
        sent[name] = field_hash(value)
        same = field_hash(remote.get(name)) == sent[name]
        seen[name] = sent[name] if same else NO_BASE
    owned = tuple(t["tag"] for t in data.get("tags", []))
    return ObjectState(
        key=key,
        version=int(remote.get("version", 0)),
        sent=sent,
        seen=seen,
        created=True,
        tags=owned,
    )


def _note_state(
    library: str, slot: str, html: str, parent: str | None, snapshot: Snapshot
) -> ObjectState | None:
    if parent is None:
        return None
    remote = snapshot.live_item(object_key(library, "notes", slot))
    if remote is None:
        remote = next(
            (
                d
                for d in snapshot.children(parent)
                if d.get("itemType") == "note" and managed_note_id(d.get("note", "")) == slot
            ),
            None,
        )
    if remote is None or remote.get("itemType") != "note":
        return None
    note = remote.get("note") or ""
    same = hash_html(note) == hash_html(html)
    return ObjectState(
        key=remote["key"],
        version=int(remote.get("version", 0)),
        sent={
            "note": field_hash(html) if same else NO_BASE,
            "parentItem": field_hash(remote.get("parentItem")),
        },
        seen={
            "note": field_hash(note) if same else NO_BASE,
            "parentItem": field_hash(remote.get("parentItem")),
        },
        created=True,
        parent=remote.get("parentItem"),
    )
