"""An item's membership in zotsync's collections: merged three ways, one collection at a time (pure).

The base is where the lists put the item at the last sync (``ObjectState.member_of``):

    the list added / dropped a section           → the item joins / leaves that collection
    the user took it out of one, in Zotero       → left out, reported (``restore`` puts it back)
    the user filed it into another one, in Zotero → kept, reported
    a collection outside the pushed lists        → never touched (another list's, or the user's own)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from zotsync.push.slots import slot_root
from zotsync.push.state import ObjectState, SyncState


@dataclass(frozen=True)
class MembershipMerge:
    collections: list[str] | None  # the item's new collection keys, None = unchanged
    taken_out_in_zotero: tuple[
        str, ...
    ]  # the list wants these, the user took the item out in Zotero: left out
    put_in_in_zotero: tuple[
        str, ...
    ]  # managed collections the user put the item in in Zotero: kept


def merge_collections(
    wanted: Iterable[str],
    remote: Iterable[str],
    scoped: set[str],
    sent: Iterable[str] | None = None,
    *,
    restore: bool = False,
) -> MembershipMerge:
    """The item's membership in the managed collections ``scoped`` (the pushed lists' ones).

    ``sent`` is where the lists put the item at the last sync (``None``: unknown, then
    every scoped membership counts as the lists').
    """
    remote = list(remote)
    wanted_set, have = set(wanted), set(remote)
    mine = have & scoped
    base = mine if sent is None else set(sent) & scoped
    missing = sorted(wanted_set - have)
    taken_out = () if restore else tuple(k for k in missing if k in base)
    drop = (mine - wanted_set) & base
    result = [k for k in remote if k not in drop] + [k for k in missing if k not in taken_out]
    changed = set(result) != have
    return MembershipMerge(
        result if changed else None, taken_out, tuple(sorted(mine - wanted_set - base))
    )


def list_collections(state: SyncState, roots: Iterable[str]) -> set[str]:
    """The keys of the collections zotsync manages under these lists' roots."""
    roots = set(roots)
    return {
        st.key for slot, st in state.collections.items() if slot_root("collections", slot) in roots
    }


def last_sent(
    st: ObjectState | None, cached: Mapping[str, Any] | None, recreated: set[str]
) -> set[str] | None:
    """Where the lists put the item at the last sync, as :func:`merge_collections` takes it.

    A new item: nowhere (every membership it has is the user's). A state written before
    zotsync recorded ``member_of``: the item's collections in the cached snapshot of the
    last sync, if any (else ``None``). A collection re-created in this push is new to
    every item.
    """
    if st is None:
        return set()
    if st.member_of is None:
        return set(cached.get("collections", [])) if cached else None
    return set(st.member_of) - recreated


def member_of_after(
    wanted: set[str],
    remote: Mapping[str, Any] | None,
    st: ObjectState | None,
    scoped: set[str],
    managed: set[str],
) -> tuple[str, ...]:
    """The state's ``member_of`` after a push: the pushed lists' collections, plus what it was outside them."""
    if st is not None and st.member_of is not None:
        outside = set(st.member_of) - scoped
    else:
        outside = set((remote or {}).get("collections", [])) & (managed - scoped)
    return tuple(sorted(wanted | outside))
