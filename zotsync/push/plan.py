"""The pure heart of ``zotsync push``: desired state × library snapshot × sync state → :class:`Plan`.

No I/O here (a test checks that the same inputs give the same plan). Object keys
for new objects are *derived* from the library and the slot (:func:`object_key`),
so a crashed run that created an object but never recorded it finds it again by
key on the next run instead of creating a duplicate.

Order of decisions:

1. Safety: a stored state whose objects are all gone, or a library whose version
   went backwards, means "wrong or reset library" → :class:`RefusedError` unless ``force``.
2. Collections, parents first: reuse the stored key; else pair with an orphaned
   collection: the one of the same name elsewhere in the list (a moved heading, e.g.
   ``[collections]`` changed → move it), else one under the same parent (a renamed
   section → rename); else adopt one with the same name under the same parent; else create.
3. Items: reuse the stored key; else the derived key if it exists; else adopt a
   library item with the same arXiv id / DOI / title; else create. Fields merge
   three-way (:mod:`zotsync.push.merge`); collections and tags merge as sets.
   Items no list mentions leave the pushed lists' collections (``prune``: trashed
   when zotsync created them and no managed collection holds them).
4. Managed notes: same as items, except that a note Zotero only re-saved (new bytes, same
   content by :func:`zotsync.notes.hashing.hash_html`, e.g. its editor dropped the
   ``data-zotsync`` wrapper) is not an edit: its new bytes become the baseline. The sync
   state's key, not the wrapper, is what marks a note as managed; a note whose entry holds a waiting conflict block is
   left alone (a notice says so); a note whose entry lost its notes is trashed
   (unless edited in Zotero: then it is kept and forgotten); the note of an entry
   that left the list stays with its item (the item is kept too) and is forgotten.
5. An item's children in the arXiv translator's shape (the comment note, the PDF and
   snapshot attachments): stored key → derived key → the same child already under the
   item (an item added with Zotero's own translator: adopted, only its empty fields
   filled) → created. A child the item no longer needs is forgotten, never trashed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from zotsync.errors import RefusedError
from zotsync.push.actions import (
    CREATE,
    TRASH,
    UPDATE,
    Ack,
    Conflict,
    FileUpload,
    Notice,
    Plan,
    Write,
)
from zotsync.push.desired import (
    NO_RESOLUTION,
    CollectionPath,
    Desired,
    DesiredChild,
    DesiredItem,
)
from zotsync.push.membership import last_sent, list_collections, member_of_after, merge_collections
from zotsync.push.merge import (
    FAIL,
    KEEP_LIST,
    KEEP_ZOTERO,
    POLICIES,
    FieldMerge,
    merge_fields,
    merge_tags,
    note_edited_in_zotero,
    tag_names,
)
from zotsync.push.slots import collection_slot, object_key, slot_root
from zotsync.push.state import ObjectState, SyncState, field_hash
from zotsync.wording import count
from zotsync.zotero.children import find_existing
from zotsync.zotero.mapping import STAMPED_FIELDS
from zotsync.zotero.notes import managed_note_id
from zotsync.zotero.schema import Schema, load_schema
from zotsync.zotero.snapshot import LibraryIndex, Snapshot

NOTE_FIELDS = ("note", "parentItem")


@dataclass(frozen=True)
class PlanOptions:
    on_conflict: str = KEEP_ZOTERO  # keep-zotero | keep-list | fail
    prune: bool = False
    force: bool = False

    def __post_init__(self) -> None:
        if self.on_conflict not in POLICIES:
            raise ValueError(f"unknown conflict policy {self.on_conflict!r}")


def make_plan(
    desired: Desired,
    snapshot: Snapshot,
    state: SyncState,
    options: PlanOptions = PlanOptions(),
    schema: Schema | None = None,
    *,
    base: Snapshot | None = None,
) -> Plan:
    """Everything a push would do; raises RefusedError when the library does not match the state.

    ``base`` is the cached snapshot of the last run (before refreshing): the note HTML it
    holds tells a content edit in Zotero from a mere re-save.
    """
    check_safety(state, snapshot, options.force)
    planner = _Planner(
        desired, snapshot, state, options, schema or load_schema(), base or Snapshot()
    )
    planner.plan_collections()
    planner.plan_items()
    planner.check_lost_decisions()
    planner.plan_notes()
    planner.plan_children()
    return planner.result()


def check_safety(state: SyncState, snapshot: Snapshot, force: bool) -> None:
    if force or state.is_empty():
        return
    if snapshot.library_version < state.library_version:
        raise RefusedError(
            f"the Zotero library {state.library} is at version {snapshot.library_version}, older than the "
            f"version {state.library_version} zotsync synced with: it was reset or replaced",
            hint="check ZOTERO_LIBRARY_ID; re-run with --force to sync into it anyway",
        )
    keys = [
        obj.key for kind in ("collections", "items", "notes") for obj in state.table(kind).values()
    ]
    if keys and not any(k in snapshot.items or k in snapshot.collections for k in keys):
        raise RefusedError(
            f"none of the {len(keys)} objects zotsync manages in {state.library} are in the library any more "
            "(it looks empty or like a different library)",
            hint="check ZOTERO_LIBRARY_ID; re-run with --force to re-create them",
        )


@dataclass(frozen=True)
class _Merged:
    """One object after its three-way merge: what :meth:`_Planner.record` turns into a write or an ack."""

    kind: str  # "collections", "items", "notes" or "children"
    slot: str
    key: str
    state: ObjectState | None  # what the last sync recorded (None: treat as new to the state)
    desired: Mapping[str, Any]  # the fields the lists want
    remote: Mapping[str, Any] | None  # the object in the library (None: not there yet)
    merge: FieldMerge
    label: str
    created: bool
    extra: Mapping[str, Any] = field(default_factory=dict)  # sent as is (collections, parentItem…)
    order: int = 0
    tags: tuple[str, ...] = ()
    parent: str | None = None
    member_of: tuple[str, ...] | None = None


@dataclass
class _Planner:
    desired: Desired
    snap: Snapshot
    state: SyncState
    options: PlanOptions
    schema: Schema
    base: Snapshot
    writes: list[Write] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    uploads: list[FileUpload] = field(default_factory=list)
    coll_keys: dict[CollectionPath, str] = field(default_factory=dict)
    item_keys: dict[str, str] = field(default_factory=dict)
    # set by plan_items: every managed collection, the pushed lists' ones, the ones this plan creates
    managed: set[str] = field(default_factory=set)
    scoped: set[str] = field(default_factory=set)
    fresh_collections: set[str] = field(default_factory=set)

    # ------------------------------------------------------------------ shared

    @property
    def restores(self) -> bool:
        """Whether what the user removed in Zotero (a collection membership, a tag) is put back."""
        return self.options.on_conflict == KEEP_LIST or self.options.force

    def key_for(self, kind: str, slot: str, st: ObjectState | None) -> str:
        return object_key(self.state.library, kind, slot, st.key if st else "")

    def record(self, obj: _Merged) -> None:
        """Turn one object's merge into a write or a state-only ack, and report conflicts."""
        merge, remote = obj.merge, obj.remote
        self.report(obj.kind, obj.slot, obj.key, merge, obj.label)
        new_state = ObjectState(
            key=obj.key,
            version=int((remote or {}).get("version", 0)),
            sent=merge.sent,
            seen=merge.expected,
            created=obj.created,
            tags=obj.tags,
            parent=obj.parent,
            member_of=obj.member_of,
        )
        payload_fields = {**merge.changes, **obj.extra}
        if remote is None:
            op, payload = CREATE, {"key": obj.key, "version": 0, **obj.desired, **obj.extra}
        elif payload_fields:
            # a collection is written whole-named (pyzotero's create_collections needs the name,
            # also when only its parent moves)
            named = {"name": obj.desired["name"]} if obj.kind == "collections" else {}
            version = int(remote.get("version", 0))
            op, payload = UPDATE, {"key": obj.key, "version": version, **named, **payload_fields}
        else:
            if obj.state is None or _differs(obj.state, new_state):
                self.acks.append(Ack(obj.kind, obj.slot, new_state, obj.label))
            return
        self.writes.append(
            Write(
                kind=obj.kind,
                op=op,
                slot=obj.slot,
                key=obj.key,
                payload=payload,
                owned=tuple(merge.sent),
                sent=merge.sent,
                expected=merge.expected,
                created=obj.created,
                tags=obj.tags,
                parent=obj.parent,
                label=f"{op} {obj.label}",
                order=obj.order,
                changes=tuple(payload_fields) if remote else (),
                member_of=obj.member_of,
            )
        )

    def report(self, kind: str, slot: str, key: str, merge: FieldMerge, label: str) -> None:
        if merge.kept:
            self.notices.append(
                Notice(
                    "zotero-edit", f"{label}: {', '.join(merge.kept)} edited in Zotero, kept", slot
                )
            )
        if merge.conflicts:
            decision = {
                KEEP_ZOTERO: "kept Zotero's version",
                KEEP_LIST: "list wins",
                FAIL: "refused",
            }[self.options.on_conflict]
            self.conflicts.append(Conflict(kind, slot, key, merge.conflicts, decision, label))

    def missing(self, kind: str, slot: str, st: ObjectState, label: str) -> bool:
        """An object deleted in Zotero since the last sync: re-create it? (the policy decides)."""
        if self.options.on_conflict == KEEP_LIST or self.options.force or kind == "collections":
            self.notices.append(
                Notice("recreated", f"{label} was deleted in Zotero; re-creating it", slot)
            )
            return True
        if self.options.on_conflict == FAIL:
            self.conflicts.append(Conflict(kind, slot, st.key, ("deleted",), "refused", label))
        else:
            self.notices.append(
                Notice(
                    "deleted-in-zotero",
                    f"{label} was deleted in Zotero; not re-created "
                    "(use --on-conflict keep-list to restore it)",
                    slot,
                )
            )
        return False

    # ------------------------------------------------------------- collections

    def plan_collections(self) -> None:
        roots = set(self.desired.roots)
        wanted = {collection_slot(p) for p in self.desired.collections}
        orphans = {
            slot: st
            for slot, st in self.state.collections.items()
            if slot not in wanted
            and slot_root("collections", slot) in roots
            and self.snap.live_collection(st.key)
        }
        for path in self.desired.collections:
            self.plan_collection(path, orphans)

    def plan_collection(self, path: CollectionPath, orphans: dict[str, ObjectState]) -> None:
        slot, label = collection_slot(path), "collection '" + " / ".join(path) + "'"
        parent_key = self.coll_keys[path[:-1]] if len(path) > 1 else False
        desired = {"name": path[-1], "parentCollection": parent_key}
        st = self.state.collections.get(slot)
        replaces = None
        if st and not self.snap.live_collection(st.key):
            self.missing("collections", slot, st, label)
            key, st = self.key_for("collections", slot, st), None
        elif st:
            key = st.key
        elif (paired := self.pair_orphan(path, parent_key, orphans)) is not None:
            replaces, st = paired, orphans.pop(paired)
            key = st.key
        else:
            key = self.adoptable_collection(path[-1], parent_key) or self.key_for(
                "collections", slot, None
            )
        self.coll_keys[path] = key
        remote = self.snap.live_collection(key)
        remote_view = (
            {**remote, "parentCollection": remote.get("parentCollection") or False}
            if remote
            else {}
        )
        merge = merge_fields(desired, remote_view, st, self.options.on_conflict)
        created = (
            st.created if st else remote is None or key == self.key_for("collections", slot, None)
        )
        self.record(
            _Merged(
                kind="collections",
                slot=slot,
                key=key,
                state=None if replaces else st,
                desired=desired,
                remote=remote,
                merge=merge,
                label=label,
                created=created,
                order=len(path),
            )
        )
        if replaces:  # the collection now lives under the new slot
            self.acks.append(Ack("collections", replaces, None, f"{label} (renamed)"))

    def pair_orphan(
        self, path: CollectionPath, parent_key: Any, orphans: dict[str, ObjectState]
    ) -> str | None:
        """A managed collection no section names any more that this path takes over: one of the
        same name elsewhere in the list (the heading moved: ``[collections]`` changed, or the
        list was re-levelled), else one under the same parent (the section was renamed)."""
        moved = self.moved_orphan(path, orphans)
        if moved is not None:
            return moved
        siblings = [
            s
            for s, st in orphans.items()
            if ((self.snap.live_collection(st.key) or {}).get("parentCollection") or False)
            == parent_key
        ]
        if not siblings:
            return None
        members = {slot for slot, item in self.desired.items.items() if path in item.collections}

        def overlap(orphan: str) -> int:
            key = orphans[orphan].key
            return sum(
                1
                for slot, st in self.state.items.items()
                if slot in members
                and key in (self.snap.live_item(st.key) or {}).get("collections", [])
            )

        best = max(siblings, key=lambda s: (overlap(s), s))
        new_siblings = [
            p
            for p in self.desired.collections
            if p[:-1] == path[:-1] and collection_slot(p) not in self.state.collections
        ]
        return (
            best if overlap(best) > 0 or (len(siblings) == 1 and len(new_siblings) == 1) else None
        )

    def moved_orphan(self, path: CollectionPath, orphans: dict[str, ObjectState]) -> str | None:
        """The one orphan of this list named like ``path``'s last heading, when no other wanted
        collection of the list has that name (so which one moved where is not a guess)."""
        name = path[-1]
        if len(path) < 2:  # a list's root collection is never an orphan's new place
            return None
        same_name = [
            s
            for s, st in sorted(orphans.items())
            if (self.snap.live_collection(st.key) or {}).get("name") == name
            and slot_root("collections", s) == path[0]
        ]
        wanted = [p for p in self.desired.collections if p[0] == path[0] and p[-1] == name]
        return same_name[0] if len(same_name) == 1 and len(wanted) == 1 else None

    def adoptable_collection(self, name: str, parent_key: Any) -> str | None:
        for key, data in sorted(self.snap.collections.items()):
            if (
                not data.get("deleted")
                and data.get("name") == name
                and (data.get("parentCollection") or False) == parent_key
            ):
                return key
        return None

    # ------------------------------------------------------------------- items

    def plan_items(self) -> None:
        self.managed = {st.key for st in self.state.collections.values()} | set(
            self.coll_keys.values()
        )
        self.scoped = list_collections(self.state, self.desired.roots) | set(
            self.coll_keys.values()
        )
        self.fresh_collections = {
            w.key for w in self.writes if w.kind == "collections" and w.op == CREATE
        }
        keys = self.assign_item_keys()
        for slot, item in self.desired.items.items():
            if slot in keys:
                self.plan_item(slot, item, *keys[slot])
        for slot, st in sorted(self.state.items.items()):
            if slot not in self.desired.items:
                self.plan_unlisted_item(slot, st)

    def assign_item_keys(self) -> dict[str, tuple[str, ObjectState | None]]:
        """The key of every desired item: stored, derived, adopted (each library item once), or new.

        Adoption goes by arXiv id / DOI for every paper first, then by title, so a
        title-only entry cannot take the item an identified paper would adopt.
        """
        claimed = {st.key for st in self.state.items.values()}
        keys: dict[str, tuple[str, ObjectState | None]] = {}
        pending = []
        for slot, item in self.desired.items.items():
            st = self.state.items.get(slot)
            derived = self.key_for("items", slot, None)
            if st and not self.snap.live_item(st.key):
                if self.missing("items", slot, st, f"item '{_short(item.paper.title)}'"):
                    keys[slot] = (self.key_for("items", slot, st), None)
            elif st:
                keys[slot] = (st.key, st)
            elif self.snap.live_item(derived):
                keys[slot] = (derived, None)
            else:
                pending.append((slot, item.paper))
        index = (
            LibraryIndex(self.snap) if pending else None
        )  # a big library: only index when needed
        for strong in (True, False):
            for slot, paper in pending if index else ():
                if slot in keys:
                    continue
                found = (
                    index.find(arxiv_id=paper.arxiv_id, doi=paper.doi, taken=claimed)
                    if strong
                    else index.find(title=paper.title, arxiv_id=paper.arxiv_id, taken=claimed)
                )
                if found:
                    keys[slot] = (found, None)
                    claimed.add(found)
        for slot, _ in pending:
            keys.setdefault(slot, (self.key_for("items", slot, None), None))
        return keys

    def plan_item(self, slot: str, item: DesiredItem, key: str, st: ObjectState | None) -> None:
        label = f"item '{_short(item.paper.title)}'"
        self.item_keys[slot] = key
        remote = self.snap.live_item(key)
        created = st.created if st else (remote is None or key == self.key_for("items", slot, None))
        owned_tags = list(item.data.get("tags", []))
        fields = {k: v for k, v in item.data.items() if k != "tags"}
        if remote and not created:  # an adopted item: only fields its type has
            fields = {
                k: v
                for k, v in fields.items()
                if k == "itemType" or self.schema.has_field(remote["itemType"], k)
            }
        stamped = {}
        for (
            name
        ) in STAMPED_FIELDS:  # set when the item is made (or first missing), never re-stamped
            prior = st.sent.get(name) if st else None
            if remote is not None and (remote.get(name) or prior is not None):
                fields.pop(name, None)
                if prior is not None:
                    stamped[name] = (prior, st.seen.get(name, prior) if st else prior)
        merge = merge_fields(
            fields, remote or {}, st, self.options.on_conflict, fill_only=not created
        )
        for name, (prior, seen) in stamped.items():
            merge.sent[name], merge.expected[name] = prior, seen
        wanted = {self.coll_keys[p] for p in item.collections}
        extra: dict[str, Any] = {}
        member_of = member_of_after(wanted, remote, st, self.scoped, self.managed)
        if remote is None:
            extra = {"collections": sorted(wanted), "tags": owned_tags}
        else:
            if (colls := self.merge_membership(slot, label, wanted, remote, st)) is not None:
                extra["collections"] = colls
            tagged = merge_tags(
                owned_tags, remote.get("tags", []), st.tags if st else (), restore=self.restores
            )
            if tagged.tags is not None:
                extra["tags"] = tagged.tags
            self.notices += [
                Notice(
                    "zotero-tag",
                    f"{label}: tag '{tag}' removed in Zotero; not put back "
                    "(--on-conflict keep-list puts it back)",
                    slot,
                )
                for tag in tagged.taken_off_in_zotero
            ]
        if not created and remote is not None and st is None:
            self.notices.append(
                Notice("adopted", f"{label}: using the item already in the library ({key})", slot)
            )
        self.record(
            _Merged(
                kind="items",
                slot=slot,
                key=key,
                state=st,
                desired=fields,
                remote=remote,
                merge=merge,
                label=label,
                created=created,
                extra=extra,
                tags=tag_names(owned_tags),
                member_of=member_of,
            )
        )

    def merge_membership(
        self,
        slot: str,
        label: str,
        wanted: set[str],
        remote: Mapping[str, Any],
        st: ObjectState | None,
    ) -> list[str] | None:
        """The item's new collections (None: unchanged); memberships the user changed in Zotero are reported."""
        sent = last_sent(st, self.base.items.get(st.key) if st else None, self.fresh_collections)
        m = merge_collections(
            wanted, remote.get("collections", []), self.scoped, sent, restore=self.restores
        )
        name = {
            k: (self.snap.live_collection(k) or {}).get("name", k)
            for k in (*m.taken_out_in_zotero, *m.put_in_in_zotero)
        }
        self.notices += [
            Notice(
                "zotero-membership",
                f"{label}: taken out of collection '{name[k]}' in Zotero; "
                "not put back (--on-conflict keep-list puts it back)",
                slot,
            )
            for k in m.taken_out_in_zotero
        ]
        self.notices += [
            Notice(
                "zotero-membership", f"{label}: put in collection '{name[k]}' in Zotero; kept", slot
            )
            for k in m.put_in_in_zotero
        ]
        return m.collections

    def plan_unlisted_item(self, slot: str, st: ObjectState) -> None:
        remote = self.snap.live_item(st.key)
        label = f"item '{_short((remote or {}).get('title', slot))}' (no longer listed)"
        if remote is None:
            self.acks.append(Ack("items", slot, None, label))
            return
        colls = self.merge_membership(slot, label, set(), remote, st)
        member_of = member_of_after(set(), remote, st, self.scoped, self.managed)
        remaining = colls if colls is not None else remote.get("collections", [])
        payload: dict[str, Any] = {"key": st.key, "version": int(remote.get("version", 0))}
        if colls is not None:
            payload["collections"] = colls
        if self.options.prune and st.created and not set(remaining) & self.managed:
            if own := self.user_children(st.key):
                self.notices.append(
                    Notice(
                        "prune-kept",
                        f"{label}: not trashed: it holds {own} you added in Zotero",
                        slot,
                    )
                )
            else:
                payload["deleted"] = 1
        if "deleted" not in payload and colls is None:
            if st.member_of != member_of:
                self.acks.append(Ack("items", slot, replace(st, member_of=member_of), label))
            return
        op = TRASH if "deleted" in payload else UPDATE
        self.writes.append(
            Write(
                kind="items",
                op=op,
                slot=slot,
                key=st.key,
                payload=payload,
                owned=(),
                sent=st.sent,
                expected=st.seen,
                created=st.created,
                tags=st.tags,
                parent=None,
                label=f"{'trash' if op == TRASH else 'remove from collections'} {label}",
                changes=tuple(k for k in payload if k not in ("key", "version")),
                member_of=member_of,
            )
        )

    def check_lost_decisions(self) -> None:
        """Refuse when the lock lost the decisions for most papers these lists synced before.

        An empty, truncated or wrongly checked-out ``zotsync.lock`` leaves the list's entries
        without a paper: the plan would take every paper out of its collections. Like a
        library that suddenly looks empty, that stops the push unless ``--force``.
        """
        if self.options.force:
            return
        undecided = [e for e, why in self.desired.skipped if why == NO_RESOLUTION]
        leaving = {w.slot for w in self.writes if w.kind == "items"} - set(self.desired.items)
        synced = leaving | (set(self.desired.items) & set(self.state.items))
        if undecided and leaving and 2 * len(leaving) > len(synced):
            raise RefusedError(
                f"the lock file has no decision for {count(len(undecided), 'entry')} of these lists, "
                f"and the push would take {len(leaving)} of the {count(len(synced), 'paper')} synced "
                "from them out "
                "of their collections (is zotsync.lock empty, truncated or an old copy?)",
                hint="restore zotsync.lock (e.g. from git) or run zotsync resolve; "
                "re-run with --force to push anyway",
            )

    def user_children(self, key: str) -> str | None:
        """What the user hung on item ``key`` in Zotero (notes, attachments), e.g. "1 note", or None.

        zotsync's own notes (in the state, or carrying its ``data-zotsync`` mark) and its own
        children (the arXiv comment note, the PDF and snapshot attachments) do not count.
        """
        ours = {
            st.key for table in (self.state.notes, self.state.children) for st in table.values()
        }
        kinds = [
            "note" if child.get("itemType") == "note" else "attachment"
            for child in self.snap.children(key)
            if child.get("key") not in ours and not managed_note_id(child.get("note") or "")
        ]
        if not kinds:
            return None
        return " and ".join(
            f"{kinds.count(k)} {k}{'s' if kinds.count(k) > 1 else ''}"
            for k in ("note", "attachment")
            if k in kinds
        )

    # ------------------------------------------------------------------- notes

    def plan_notes(self) -> None:
        roots = set(self.desired.roots)
        gone = {
            slot: st
            for slot, st in sorted(self.state.notes.items())
            if slot not in self.desired.notes
            and slot not in self.desired.held
            and slot_root("notes", slot) in roots
        }
        for slot, item_slot in self.desired.held.items():
            title = _short(self.desired.items[item_slot].paper.title, 50)
            self.notices.append(
                Notice(
                    "conflict-pending",
                    f"note on '{title}': conflict pending in the list "
                    "(settle the zotsync:conflict block); Zotero note left alone",
                    slot,
                )
            )
        for slot, note in self.desired.notes.items():
            parent = self.item_keys.get(note.item_slot)
            if parent is not None:
                title = _short(self.desired.items[note.item_slot].paper.title, 50)
                self.plan_note(slot, note.html, parent, f"note on '{title}'", gone)
        listed_items = {
            st.key for slot, st in self.state.items.items() if slot in self.desired.items
        }
        for slot, st in gone.items():
            if st.parent in listed_items:
                self.plan_dropped_note(slot, st)
            else:  # the entry left the list: its item stays in the library, and so does its note
                self.acks.append(
                    Ack("notes", slot, None, f"note {slot} (entry no longer listed; note kept)")
                )

    def plan_note(
        self, slot: str, html: str, parent: str, label: str, gone: dict[str, ObjectState]
    ) -> None:
        st = self.state.notes.get(slot)
        replaces = None
        if st and not self.snap.live_item(st.key):
            if not self.missing("notes", slot, st, label):
                return
            key, st = self.key_for("notes", slot, st), None
        elif st:
            key = st.key
        elif self.snap.live_item(derived := self.key_for("notes", slot, None)):
            key = derived
        elif (adopted := self.adoptable_note(slot, parent)) is not None:
            key = adopted
        elif (replaces := self.renamed_note(slot, parent, gone)) is not None:
            st = gone.pop(
                replaces
            )  # the entry's identity changed (e.g. a link was added): same note
            key = st.key
        else:
            key = derived
        remote = self.snap.live_item(key)
        desired = {"itemType": "note", "note": html, "parentItem": parent}
        merge = merge_fields(
            {k: desired[k] for k in NOTE_FIELDS},
            remote or {},
            self.resaved(st, remote, html),
            self.options.on_conflict,
        )
        self.record(
            _Merged(
                kind="notes",
                slot=slot,
                key=key,
                state=None if replaces else st,
                desired=desired,
                remote=remote,
                merge=merge,
                label=label,
                created=True,
                parent=parent,
            )
        )
        if replaces:
            self.acks.append(Ack("notes", replaces, None, f"{label} (entry renamed)"))

    def note_edited(self, st: ObjectState, remote: Mapping[str, Any], html: str | None) -> bool:
        return note_edited_in_zotero(
            st, remote.get("note"), self.base.items.get(st.key, {}).get("note"), html
        )

    def resaved(
        self, st: ObjectState | None, remote: Mapping[str, Any] | None, html: str
    ) -> ObjectState | None:
        """The note's state, with Zotero's re-saved bytes as the new ``seen`` when the content is unchanged."""
        if st is None or remote is None or self.note_edited(st, remote, html):
            return st
        return replace(st, seen={**st.seen, "note": field_hash(remote.get("note"))})

    def renamed_note(self, slot: str, parent: str, gone: dict[str, ObjectState]) -> str | None:
        """A managed note of the same item and list whose entry no longer exists under its old identity."""
        root = slot_root("notes", slot)
        return next(
            (
                s
                for s, st in gone.items()
                if st.parent == parent
                and slot_root("notes", s) == root
                and self.snap.live_item(st.key)
            ),
            None,
        )

    def adoptable_note(self, slot: str, parent: str) -> str | None:
        for data in self.snap.children(parent):
            if data.get("itemType") == "note" and managed_note_id(data.get("note", "")) == slot:
                return data["key"]
        return None

    def plan_dropped_note(self, slot: str, st: ObjectState) -> None:
        remote = self.snap.live_item(st.key)
        label = f"note {slot} (its entry has no notes any more)"
        if remote is None:
            self.acks.append(Ack("notes", slot, None, label))
        elif self.note_edited(st, remote, None):
            self.notices.append(
                Notice(
                    "zotero-edit", f"{label}: edited in Zotero, kept and no longer managed", slot
                )
            )
            self.acks.append(Ack("notes", slot, None, label))
        else:
            payload = {"key": st.key, "version": int(remote.get("version", 0)), "deleted": 1}
            self.writes.append(
                Write(
                    kind="notes",
                    op=TRASH,
                    slot=slot,
                    key=st.key,
                    payload=payload,
                    owned=(),
                    sent=st.sent,
                    expected=st.seen,
                    created=True,
                    tags=(),
                    parent=st.parent,
                    label=f"trash {label}",
                    changes=("deleted",),
                )
            )

    # ---------------------------------------------------------------- children

    def plan_children(self) -> None:
        kids: dict[str, list[dict[str, Any]]] = {}
        wanted = self.desired.children
        if wanted:
            for data in self.snap.items.values():
                if data.get("parentItem") and not data.get("deleted"):
                    kids.setdefault(data["parentItem"], []).append(data)
        claimed = {st.key for st in self.state.children.values()}
        for slot, want in wanted.items():
            parent = self.item_keys.get(want.item_slot)
            if parent is not None:
                self.plan_child(slot, want.child.data, parent, want.child.role, kids, claimed)
                self.plan_upload(slot, want)
        for slot in sorted(self.state.children):
            if slot not in wanted and slot.rsplit("#", 1)[0] in self.desired.items:
                self.acks.append(Ack("children", slot, None, f"{slot} (no longer wanted; kept)"))

    def plan_child(
        self,
        slot: str,
        data: Mapping[str, Any],
        parent: str,
        role: str,
        kids: Mapping[str, list[dict[str, Any]]],
        claimed: set[str],
    ) -> None:
        title = _short(self.desired.items[slot.rsplit("#", 1)[0]].paper.title, 50)
        label = f"{role} of '{title}'"
        st = self.state.children.get(slot)
        created = True
        if st and not self.snap.live_item(st.key):
            if not self.missing("children", slot, st, label):
                return
            key, st = self.key_for("children", slot, st), None
        elif st:
            key, created = st.key, st.created
        elif self.snap.live_item(derived := self.key_for("children", slot, None)):
            key = derived
        elif (found := find_existing(role, kids.get(parent, ()), claimed)) is not None:
            key, created = found, False
            claimed.add(found)
            self.notices.append(
                Notice("adopted", f"{label}: using the one already in the library ({key})", slot)
            )
        else:
            key = derived
        remote = self.snap.live_item(key)
        desired = {**data, "parentItem": parent}
        owned = {k: v for k, v in desired.items() if k != "itemType"}
        if remote is not None and not created:
            owned = {k: v for k, v in owned.items() if k != "linkMode"}
        merge = merge_fields(
            owned, remote or {}, st, self.options.on_conflict, fill_only=not created
        )
        self.record(
            _Merged(
                kind="children",
                slot=slot,
                key=key,
                state=st,
                desired=desired,
                remote=remote,
                merge=merge,
                label=label,
                created=created,
                parent=parent,
            )
        )

    def plan_upload(self, slot: str, want: DesiredChild) -> None:
        """A stored-file attachment whose file Zotero does not hold yet gets its PDF uploaded."""
        st = self.state.children.get(slot)
        write = next((w for w in self.writes if w.kind == "children" and w.slot == slot), None)
        key = write.key if write else st.key if st else None
        remote = self.snap.live_item(key)
        if not want.child.upload or key is None or (remote or {}).get("md5"):
            return
        if (remote or (write.payload if write else {})).get("linkMode") != "imported_url":
            return  # an adopted attachment of another kind: left as it is
        paper = self.desired.items[want.item_slot].paper
        self.uploads.append(
            FileUpload(
                slot,
                key,
                paper.arxiv_id or "",
                paper.version,
                str(want.child.data.get("filename", "")),
                f"upload PDF of '{_short(paper.title, 50)}'",
            )
        )

    # ------------------------------------------------------------------ result

    def result(self) -> Plan:
        refused = None
        if self.options.on_conflict == FAIL and self.conflicts:
            refused = f"{count(len(self.conflicts), 'object')} changed both in the list and in Zotero (--on-conflict fail)"
        stats = {
            "collections": len(self.desired.collections),
            "items": len(self.desired.items),
            "notes": len(self.desired.notes),
            "children": len(self.desired.children),
            "skipped": len(self.desired.skipped),
        }
        notices = [
            Notice("unusable", f"{e.source}:{e.line}: '{_short(e.title)}' not pushed: {why}")
            for e, why in self.desired.skipped
        ]
        return Plan(
            self.state.library,
            tuple(self.writes),
            tuple(self.acks),
            tuple(self.conflicts),
            tuple(notices + self.notices),
            refused,
            stats,
            tuple(self.uploads),
        )


def _differs(old: ObjectState, new: ObjectState) -> bool:
    return (
        old.key,
        dict(old.sent),
        dict(old.seen),
        old.created,
        old.tags,
        old.parent,
        old.member_of,
    ) != (new.key, dict(new.sent), dict(new.seen), new.created, new.tags, new.parent, new.member_of)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
