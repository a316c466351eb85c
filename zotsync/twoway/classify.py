"""Where something changed since the last sync: a pure three-way comparison per note, item and membership.

The *base* is what the last sync left behind, read from the push engine's sync state
(:mod:`zotsync.push.state`: per field, the hash of what zotsync ``sent`` and of what the
server held afterwards, ``seen``) and, for content, from the cached library snapshot
of the last sync (its note HTML).

    list changed   = hash(what the list asks for now) != sent
    Zotero changed = hash(Zotero's value now)        != seen, AND its *content* differs
                     from the base (a version bump or a re-saved note with the same
                     text is not a change: contents are compared with
                     :func:`zotsync.notes.hashing.hash_html`)

Results (strings, so they print and serialise as they are): ``unchanged``,
``list`` (changed in the list: push it), ``zotero`` (changed in Zotero: pull it),
``both`` (a conflict), ``converged`` (both changed to the same content), ``new``
(in the list, not yet in Zotero), ``deleted-in-zotero``, ``no-longer-listed``,
``conflict-pending`` (a conflict block waits in the list), ``none`` (nothing on either side).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from zotsync.notes.hashing import hash_html
from zotsync.push.merge import note_changed_in_zotero
from zotsync.push.state import ObjectState, field_hash
from zotsync.zotero.mapping import STAMPED_FIELDS

UNCHANGED, LIST, ZOTERO, BOTH, CONVERGED = "unchanged", "list", "zotero", "both", "converged"
NEW, DELETED_IN_ZOTERO, NO_LONGER_LISTED, PENDING, NONE = (
    "new",
    "deleted-in-zotero",
    "no-longer-listed",
    "conflict-pending",
    "none",
)

#: A ``sent`` hash no value can have: "the list has something Zotero must get".
STALE = ""


@dataclass(frozen=True)
class NoteSides:
    """Everything known about one managed note slot.

    desired_html: the note the list asks for now (``None``: the entry has no notes).
    state:        the sync state of the slot (``None``: never pushed).
    remote_html:  the note in Zotero now (``None``: missing or in the trash).
    base_html:    the note as the last sync left it in Zotero (cached snapshot), if known.
    absorbed:     ``field_hash`` of a Zotero version the list already holds in a conflict
                  block (or its hand-made resolution): that version is not news any more.
    pending:      the entry's notes are an unresolved conflict block.
    """

    desired_html: str | None
    state: ObjectState | None
    remote_html: str | None
    base_html: str | None = None
    absorbed: str | None = None
    pending: bool = False


def classify_note(s: NoteSides) -> str:
    """Where the note changed (see the module docstring for the result values)."""
    if s.pending:
        return PENDING
    st = s.state
    if st is None:
        return NEW if s.desired_html is not None else NONE
    if s.remote_html is None:
        return DELETED_IN_ZOTERO
    list_changed = s.desired_html is None or field_hash(s.desired_html) != st.sent.get("note")
    if s.absorbed is not None and field_hash(s.remote_html) == s.absorbed:
        zotero_changed = False
        list_changed = True  # the user settled a conflict in the list: Zotero must get it
    else:
        zotero_changed = note_changed_in_zotero(
            st, s.remote_html, s.base_html, None if list_changed else s.desired_html
        )
    if list_changed and zotero_changed:
        same = s.desired_html is not None and hash_html(s.desired_html) == hash_html(s.remote_html)
        return CONVERGED if same else BOTH
    return LIST if list_changed else ZOTERO if zotero_changed else UNCHANGED


def classify_item(
    desired: Mapping[str, Any] | None, st: ObjectState | None, remote: Mapping[str, Any] | None
) -> str:
    """Where an item's fields (and the tags zotsync owns) changed, judged as the push merges them."""
    if st is None:
        return NEW if desired is not None else NONE
    if remote is None:
        return DELETED_IN_ZOTERO
    if desired is None:
        return NO_LONGER_LISTED
    list_changed = zotero_changed = False
    for name, value in desired.items():
        if name in ("tags", "collections", *STAMPED_FIELDS):
            continue
        hd, hr = field_hash(value), field_hash(remote.get(name))
        if name not in st.sent:
            list_changed |= hd != hr and (st.created or hr == field_hash(""))
            continue
        list_changed |= hd != st.sent[name] and hd != hr
        zotero_changed |= hr != st.seen.get(name, hr)
    owned = {t["tag"] for t in desired.get("tags", [])}
    list_changed |= owned != set(st.tags)
    zotero_changed |= bool(set(st.tags) - {t["tag"] for t in remote.get("tags", [])})
    return _sides(list_changed, zotero_changed)


def classify_membership(
    wanted: Iterable[str], remote: Iterable[str], base: Iterable[str] | None, managed: set[str]
) -> str:
    """Where an item's membership in zotsync's collections changed.

    ``wanted``: the managed collection keys the list puts it in (``"?"`` for a collection
    not created yet); ``remote``: its collection keys in Zotero now; ``base``: at the last
    sync (cached snapshot), ``None`` when unknown; ``managed``: zotsync's collection keys
    (membership elsewhere is the user's business and never compared).
    """
    w, r = set(wanted), set(remote) & managed
    if base is None:
        return UNCHANGED if w == r else LIST
    b = set(base) & managed
    list_changed, zotero_changed = w != b, r != b
    if list_changed and zotero_changed:
        return CONVERGED if w == r else BOTH
    return _sides(list_changed, zotero_changed)


def _sides(list_changed: bool, zotero_changed: bool) -> str:
    if list_changed and zotero_changed:
        return BOTH
    return LIST if list_changed else ZOTERO if zotero_changed else UNCHANGED
