"""Three-way merge of one object's fields: the list's value, Zotero's value, the last synced state.

For each field zotsync owns::

    list changed   = hash(desired) != state.sent
    Zotero changed = hash(remote)  != state.seen

    neither           → nothing to do (also when the server normalised our value)
    list only         → send the list's value
    Zotero only       → keep Zotero's value, report it (never overwritten)
    both              → a conflict: the policy decides (keep-zotero / keep-list / fail)
    never synced      → send the list's value, or for an adopted item only fill fields
                        that are empty in Zotero (the user's data wins)

Also ``tags``, a set-valued field zotsync shares with the user (zotsync owns only
the tags it added). An item's ``collections`` are merged in :mod:`.membership`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from zotsync.notes.hashing import hash_html
from zotsync.push.state import ObjectState, field_hash

KEEP_ZOTERO, KEEP_LIST, FAIL = "keep-zotero", "keep-list", "fail"
POLICIES = (KEEP_ZOTERO, KEEP_LIST, FAIL)
_EMPTY = field_hash("")


@dataclass(frozen=True)
class FieldMerge:
    changes: dict[str, Any]  # field -> value to send
    conflicts: tuple[str, ...]  # changed on both sides
    kept: tuple[str, ...]  # changed only in Zotero: kept
    sent: dict[
        str, str
    ]  # new state "sent" (a conflicted field that was not sent keeps its old hash)
    expected: dict[str, str]  # new state "seen" if the server stores what we send


def merge_fields(
    desired: Mapping[str, Any],
    remote: Mapping[str, Any],
    state: ObjectState | None,
    policy: str,
    *,
    fill_only: bool = False,
) -> FieldMerge:
    """Decide, field by field, what to send (see the module docstring)."""
    changes: dict[str, Any] = {}
    conflicts: list[str] = []
    kept: list[str] = []
    expected: dict[str, str] = {}
    for name, value in desired.items():
        hd, hr = field_hash(value), field_hash(remote.get(name))
        expected[name] = hr
        if hr == hd:
            continue
        if state is None or name not in state.sent:
            if not fill_only or hr == _EMPTY:
                changes[name] = value
            continue
        list_changed = hd != state.sent[name]
        zotero_changed = hr != state.seen.get(name)
        if not zotero_changed:
            if list_changed:
                changes[name] = value
            continue
        (conflicts if list_changed else kept).append(name)
        if list_changed and policy == KEEP_LIST:
            changes[name] = value
        else:
            expected[name] = state.seen.get(name, hr)  # keep remembering it was edited in Zotero
    for name, value in changes.items():
        expected[name] = field_hash(value)
    sent = {name: field_hash(value) for name, value in desired.items()}
    for name in conflicts:
        if (
            name not in changes
        ):  # Zotero's version was kept: the list edit is still unsent (a later pull must see it)
            sent[name] = state.sent[name]
    return FieldMerge(changes, tuple(conflicts), tuple(kept), sent, expected)


def note_edited_in_zotero(
    st: ObjectState, remote_html: str | None, base_html: str | None, html: str | None
) -> bool:
    """Did Zotero change what a managed note *says* since the last sync, not just its bytes?

    A re-save in Zotero's editor rewrites the HTML (and drops the ``data-zotsync``
    wrapper) without changing the content: compared by
    :func:`zotsync.notes.hashing.hash_html` against the last sync's HTML (``base_html``,
    the cached snapshot's) or, when the list did not change since, the note the list
    asks for now (``html``: it is what was sent). Two-way sync classifies notes with
    the same rule (:func:`note_changed_in_zotero`), so push and pull agree.
    """
    sent = html if html is not None and field_hash(html) == st.sent.get("note") else None
    return note_changed_in_zotero(st, remote_html or "", base_html, sent)


def tag_names(tags: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(t["tag"] for t in tags)


@dataclass(frozen=True)
class TagMerge:
    tags: list[dict[str, Any]] | None  # the item's new tag list, None = unchanged
    taken_off_in_zotero: tuple[
        str, ...
    ]  # tags the list still gives, the user removed in Zotero: left off


def merge_tags(
    owned: list[Mapping[str, Any]],
    remote: list[Mapping[str, Any]],
    previously_owned: Iterable[str],
    *,
    restore: bool = False,
) -> TagMerge:
    """The item's tags, merged three ways: the user's own tags kept, the list's added or dropped, and a tag of
    zotsync's the user removed in Zotero left off (``restore`` puts it back)."""
    mine = {t["tag"].casefold() for t in owned}
    before = {name.casefold() for name in previously_owned}
    have = {t["tag"].casefold() for t in remote}
    taken_off = (
        () if restore else tuple(t["tag"] for t in owned if t["tag"].casefold() in before - have)
    )
    off = {name.casefold() for name in taken_off}
    keep = [
        dict(t)
        for t in remote
        if t["tag"].casefold() not in mine and t["tag"].casefold() not in before - mine
    ]
    result = keep + [dict(t) for t in owned if t["tag"].casefold() not in off]

    def as_set(tags: Iterable[Mapping[str, Any]]) -> set[tuple[str, int]]:
        return {(t["tag"], int(t.get("type", 0))) for t in tags}

    return TagMerge(None if as_set(result) == as_set(remote) else result, taken_off)


def note_changed_in_zotero(
    st: ObjectState, remote_html: str, base_html: str | None, sent_html: str | None
) -> bool:
    """Whether Zotero's note says something else than at the last sync.

    Same bytes as ``seen`` → no. Otherwise compare *content* with the base: the cached
    HTML of the last sync when it is the one ``seen`` describes, else the HTML zotsync
    sent (known when the list did not change since). No base at all → assume changed
    (the safe side: at worst a conflict block that keeps both texts).
    """
    seen = st.seen.get("note")
    if field_hash(remote_html) == seen:
        return False
    base = base_html if base_html is not None and field_hash(base_html) == seen else sent_html
    if base is None:
        return True
    return hash_html(remote_html) != hash_html(base)
