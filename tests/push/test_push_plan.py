"""The pure parts of a push: merge rules, derived keys, the plan itself, the status store, the snapshot."""

from __future__ import annotations

import copy
import json
import re

import pytest

from zotsync.errors import InputError, RefusedError
from zotsync.model import Entry, Paper, Resolution, Status
from zotsync.push.desired import build_desired
from zotsync.push.membership import merge_collections
from zotsync.push.merge import merge_fields, merge_tags
from zotsync.push.plan import PlanOptions, make_plan, object_key
from zotsync.push.state import (
    ObjectState,
    SyncState,
    field_hash,
    load_state,
    save_state,
    state_path,
)
from zotsync.zotero.snapshot import LibraryIndex, Snapshot, item_arxiv_id, refresh_snapshot


def H(v):
    return field_hash(v)


# ------------------------------------------------------------------ merge

ST = ObjectState(key="K", sent={"title": H("old")}, seen={"title": H("old")})


@pytest.mark.parametrize(
    "desired, remote, policy, changes, conflicts, kept",
    [
        ("old", "old", "keep-zotero", {}, (), ()),  # nothing changed
        ("new", "old", "keep-zotero", {"title": "new"}, (), ()),  # list changed → send
        ("old", "zot", "keep-zotero", {}, (), ("title",)),  # Zotero changed → keep, report
        ("old", "zot", "keep-list", {}, (), ("title",)),  # ... under every policy
        ("new", "zot", "keep-zotero", {}, ("title",), ()),  # both → conflict, Zotero wins
        ("new", "zot", "keep-list", {"title": "new"}, ("title",), ()),  # both → conflict, list wins
        ("new", "new", "keep-zotero", {}, (), ()),  # both made the same change → converged
    ],
)
def test_three_way_field_merge(desired, remote, policy, changes, conflicts, kept):
    m = merge_fields({"title": desired}, {"title": remote}, ST, policy)
    assert (m.changes, m.conflicts, m.kept) == (changes, conflicts, kept)
    unsent_conflict = (
        conflicts and not changes
    )  # Zotero's version kept: the list edit stays "not yet sent"
    assert m.sent == {"title": H("old" if unsent_conflict else desired)}


def test_server_normalisation_is_not_a_change():
    st = ObjectState(key="K", sent={"note": H("<p>a</p> ")}, seen={"note": H("<p>a</p>")})
    m = merge_fields({"note": "<p>a</p> "}, {"note": "<p>a</p>"}, st, "keep-zotero")
    assert not m.changes and not m.kept and not m.conflicts


def test_adopted_item_only_gets_its_empty_fields_filled():
    m = merge_fields(
        {"title": "Ours", "citationKey": "k1"},
        {"title": "Theirs", "citationKey": ""},
        None,
        "keep-zotero",
        fill_only=True,
    )
    assert m.changes == {"citationKey": "k1"}


def test_tags_and_collections_merge_as_sets_keeping_the_users_own():
    remote = [{"tag": "mine"}, {"tag": "old-list-tag"}, {"tag": "cs.CL", "type": 1}]
    owned = [{"tag": "new-list-tag"}, {"tag": "cs.CL", "type": 1}]
    assert merge_tags(owned, remote, ["old-list-tag", "cs.CL"]).tags == [{"tag": "mine"}, *owned]
    assert merge_tags(owned, [{"tag": "mine"}, *owned], ["new-list-tag", "cs.CL"]).tags is None
    # a tag of zotsync's the user removed in Zotero stays off (reported), unless restored; a new list tag is added
    removed = merge_tags(owned, [{"tag": "mine"}], ["new-list-tag", "cs.CL"])
    assert removed.tags is None and removed.taken_off_in_zotero == ("new-list-tag", "cs.CL")
    assert merge_tags(owned, [{"tag": "mine"}], ["new-list-tag", "cs.CL"], restore=True).tags == [
        {"tag": "mine"},
        *owned,
    ]
    added = merge_tags(owned, [{"tag": "mine"}], ["cs.CL"])
    assert added.tags == [
        {"tag": "mine"},
        {"tag": "new-list-tag"},
    ] and added.taken_off_in_zotero == ("cs.CL",)
    assert merge_collections({"M2"}, ["USER", "M1"], {"M1", "M2"}).collections == ["USER", "M2"]
    assert merge_collections({"M1"}, ["USER", "M1"], {"M1", "M2"}).collections is None


def test_collection_membership_merges_three_ways_per_collection():
    scoped = {"M1", "M2", "M3"}
    # the list moved the entry from M1 to M2 since the last sync (sent = M1): moved, the user's USER kept
    moved = merge_collections({"M2"}, ["USER", "M1"], scoped, {"M1"})
    assert (
        moved.collections == ["USER", "M2"]
        and not moved.taken_out_in_zotero
        and not moved.put_in_in_zotero
    )
    # the user took it out of M1 in Zotero, the list did not change: not put back, reported
    taken = merge_collections({"M1"}, ["USER"], scoped, {"M1"})
    assert taken.collections is None and taken.taken_out_in_zotero == ("M1",)
    assert merge_collections({"M1"}, ["USER"], scoped, {"M1"}, restore=True).collections == [
        "USER",
        "M1",
    ]
    # the user put it in M3 in Zotero: kept, reported; the list's own move still happens
    put = merge_collections({"M2"}, ["M1", "M3"], scoped, {"M1"})
    assert put.collections == ["M3", "M2"] and put.put_in_in_zotero == ("M3",)
    # both sides dropped M1: nothing to do
    assert merge_collections({"M2"}, ["M2"], scoped, {"M1", "M2"}).collections is None
    # memberships outside the pushed lists' collections are never touched
    assert merge_collections(set(), ["OTHER", "M1"], scoped, {"M1", "OTHER"}).collections == [
        "OTHER"
    ]


def test_derived_keys_are_valid_zotero_keys_and_stable():
    key = object_key("users/1", "items", "arxiv:1706.03762")
    assert re.fullmatch(r"[23456789ABCDEFGHIJKLMNPQRSTUVWXYZ]{8}", key)
    assert key == object_key("users/1", "items", "arxiv:1706.03762")
    assert key != object_key("users/2", "items", "arxiv:1706.03762")
    assert key != object_key(
        "users/1", "items", "arxiv:1706.03762", salt=key
    )  # a re-creation gets a new key


# ------------------------------------------------------------------- plan


def _desired():
    entries = [
        Entry(
            "l.md",
            1,
            "x",
            ("RL", "RM"),
            "Paper A",
            arxiv_id="2401.00001",
            notes="n 中文",
            tags=("T",),
        ),
        Entry("l.md", 2, "y", ("RL",), "Paper B", arxiv_id="2401.00002"),
        Entry("l.md", 3, "x", ("Other",), "Paper A", arxiv_id="2401.00001"),
        Entry("l.md", 4, "z", ("RL",), "Unresolved thing"),
    ]
    res = {
        e.ident: Resolution(
            e.ident,
            Status.RESOLVED,
            Paper(e.title, ("Ada Lovelace",), arxiv_id=e.arxiv_id, categories=("cs.CL",)),
            citation_key=f"k{e.line}",
        )
        for e in entries[:2]
    }
    return build_desired([("l", entries)], res)


def test_plan_is_pure_same_inputs_same_plan_inputs_untouched(monkeypatch):
    desired, snap, state = _desired(), Snapshot(), SyncState("users/1")
    before = copy.deepcopy((snap, state))

    def no_io(*a, **k):
        raise AssertionError("make_plan must not do I/O")

    monkeypatch.setattr("builtins.open", no_io)
    monkeypatch.setattr("socket.socket.connect", no_io)
    first, second = make_plan(desired, snap, state), make_plan(desired, snap, state)
    assert first == second
    assert (snap, state) == before


def test_cold_plan_shape():
    desired = _desired()
    plan = make_plan(desired, Snapshot(), SyncState("users/1"))
    kinds = [(w.kind, w.op) for w in plan.writes]
    assert kinds.count(("collections", "create")) == 4  # l, l/RL, l/RL/RM, l/Other
    assert kinds.count(("items", "create")) == 2 and kinds.count(("notes", "create")) == 1
    assert all(w.payload["version"] == 0 and w.payload["key"] == w.key for w in plan.writes)
    item_a = next(w for w in plan.writes if w.kind == "items" and w.payload["title"] == "Paper A")
    assert len(item_a.payload["collections"]) == 2  # one item, two sections
    parents = {w.payload["key"]: w for w in plan.writes if w.kind == "collections"}
    assert all(
        w.payload["parentCollection"] in parents or w.payload["parentCollection"] is False
        for w in parents.values()
    )
    assert [n.code for n in plan.notices] == ["unusable"]  # the unresolved entry is reported


def test_state_not_matching_library_is_refused_unless_forced():
    desired = _desired()
    state = SyncState(
        "users/1",
        library_version=50,
        items={"arxiv:2401.00001": ObjectState(key="ABCDEFGH", version=40)},
    )
    with pytest.raises(RefusedError):
        make_plan(
            desired, Snapshot(library_version=60), state
        )  # our item vanished: wrong or wiped library
    with pytest.raises(RefusedError):
        make_plan(
            desired,
            Snapshot(library_version=3, items={"ABCDEFGH": {"key": "ABCDEFGH", "version": 2}}),
            state,
        )
    assert make_plan(desired, Snapshot(library_version=60), state, PlanOptions(force=True)).writes


# ------------------------------------------------------------------- state


def test_state_round_trips_and_is_written_atomically(tmp_path):
    state = SyncState(
        "groups/9",
        library_version=7,
        notes={
            "l/arxiv:1#0": ObjectState(
                key="ABCDEFGH",
                version=3,
                sent={"note": "h"},
                seen={"note": "h"},
                created=True,
                parent="P",
            )
        },
    )
    path = save_state(tmp_path, state)
    assert path == state_path(tmp_path, "groups/9") and path.name == "groups-9.json"
    assert load_state(tmp_path, "groups/9") == state
    assert [p.name for p in tmp_path.iterdir()] == ["groups-9.json"]  # no temp files left
    assert load_state(tmp_path, "users/1") == SyncState("users/1")


def test_corrupt_state_is_an_input_error_with_a_hint(tmp_path):
    (tmp_path / "users-1.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_state(tmp_path, "users/1")
    assert "--force" in str(err.value)


# ---------------------------------------------------------------- snapshot


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"archiveID": "arXiv:2410.08159"}, "2410.08159"),
        ({"DOI": "10.48550/arXiv.2410.08159"}, "2410.08159"),
        ({"url": "https://arxiv.org/pdf/2410.08159v2"}, "2410.08159"),
        ({"extra": "Citation Key: x\narXiv: 2410.08159"}, "2410.08159"),
        ({"url": "http://arxiv.org/abs/hep-th/9901001"}, "hep-th/9901001"),
        ({"url": "https://example.org"}, None),
    ],
)
def test_arxiv_id_found_wherever_zotero_users_keep_it(data, expected):
    assert item_arxiv_id(data) == expected


def test_index_finds_by_arxiv_then_doi_then_title_and_ignores_notes_and_trash():
    snap = Snapshot(
        items={
            "A": {
                "key": "A",
                "itemType": "preprint",
                "title": "Some Title",
                "url": "https://arxiv.org/abs/2401.00001",
            },
            "B": {"key": "B", "itemType": "journalArticle", "title": "Other", "DOI": "10.1000/X"},
            "C": {"key": "C", "itemType": "journalArticle", "title": "Trashed", "deleted": 1},
            "N": {"key": "N", "itemType": "note", "parentItem": "A", "note": "Some Title"},
        }
    )
    index = LibraryIndex(snap)
    assert index.find(arxiv_id="2401.00001") == "A"
    assert index.find(doi="10.1000/x") == "B"
    assert index.find(title="some title!") == "A"
    assert index.find(title="Trashed") is None


@pytest.mark.parametrize("keys", [("AAAAAAAA", "ZZZZZZZZ"), ("ZZZZZZZZ", "AAAAAAAA")])
def test_two_library_items_with_one_title_are_adopted_by_the_two_papers_that_have_it(keys):
    """The library holds the arXiv preprint and a title-only copy of the same title; the list names both (one
    linked, one by title). Each is adopted once whatever the item keys' order: nothing is created again."""
    linked, plain = keys
    title = "Unified Lexical Representation for Interpretable Visual-Language Alignment"
    snap = Snapshot(
        items={
            linked: {
                "key": linked,
                "version": 1,
                "itemType": "preprint",
                "title": title,
                "archiveID": "arXiv:2407.17827",
            },
            plain: {"key": plain, "version": 1, "itemType": "journalArticle", "title": title},
        },
        library_version=1,
    )
    entries = [
        Entry("a.md", 1, "x", (), title, arxiv_id="2407.17827"),
        Entry("b.md", 1, "x", (), title + "."),
    ]
    res = {
        e.ident: Resolution(
            e.ident,
            Status.RESOLVED,
            Paper(e.title, ("Ada Lovelace",), arxiv_id=e.arxiv_id),
            citation_key=f"k{i}",
        )
        for i, e in enumerate(entries)
    }
    assert len(res) == 2
    plan = make_plan(build_desired([("l", entries)], res), snap, SyncState("users/1"))
    assert [w.label for w in plan.writes if w.kind == "items" and w.op == "create"] == []
    assert sorted(
        n.message.rsplit("(", 1)[1] for n in plan.notices if n.code == "adopted"
    ) == sorted(f"{k})" for k in keys)


def test_a_title_match_never_adopts_an_item_that_names_another_arxiv_paper():
    snap = Snapshot(
        items={
            "AAAAAAAA": {
                "key": "AAAAAAAA",
                "version": 1,
                "itemType": "preprint",
                "title": "Same Title",
                "archiveID": "arXiv:2401.00009",
            }
        },
        library_version=1,
    )
    entry = Entry("a.md", 1, "x", (), "Same Title", arxiv_id="2401.00001")
    res = {
        entry.ident: Resolution(
            entry.ident,
            Status.RESOLVED,
            Paper("Same Title", ("A B",), arxiv_id="2401.00001"),
            citation_key="k",
        )
    }
    plan = make_plan(build_desired([("l", [entry])], res), snap, SyncState("users/1"))
    assert not [n for n in plan.notices if n.code == "adopted"]
    assert [w.op for w in plan.writes if w.kind == "items"] == ["create"]


class FakeReader:
    def __init__(self, items, version):
        self.items, self.version, self.calls = items, version, []

    def all_items(self):
        self.calls.append("all_items")
        return [{"data": d} for d in self.items.values()], self.version

    def all_collections(self):
        self.calls.append("all_collections")
        return [], self.version

    def item_versions(self, since):
        self.calls.append(f"item_versions({since})")
        return {
            k: d["version"] for k, d in self.items.items() if d["version"] > since
        }, self.version

    def collection_versions(self, since):
        return {}, self.version

    def items_by_keys(self, keys):
        self.calls.append(f"items_by_keys({','.join(keys)})")
        return [{"data": self.items[k]} for k in keys]

    def collections_by_keys(self, keys):
        return []

    def deleted(self, since):
        self.calls.append(f"deleted({since})")
        return {"items": ["GONE"], "collections": []}


def test_snapshot_reads_everything_once_then_only_what_changed():
    items = {
        "A": {"key": "A", "version": 1},
        "B": {"key": "B", "version": 2},
        "GONE": {"key": "GONE", "version": 2},
    }
    reader = FakeReader(items, 2)
    snap = refresh_snapshot(reader, None)
    assert reader.calls == ["all_items", "all_collections"] and set(snap.items) == {
        "A",
        "B",
        "GONE",
    }
    reader.items = {
        "A": {"key": "A", "version": 1},
        "B": {"key": "B", "version": 3, "title": "edited"},
    }
    reader.version, reader.calls = 3, []
    snap2 = refresh_snapshot(reader, json.loads(json.dumps(snap.to_json())) and snap)
    assert reader.calls == ["item_versions(2)", "items_by_keys(B)", "deleted(2)"]
    assert (
        snap2.items["B"]["title"] == "edited"
        and "GONE" not in snap2.items
        and snap2.library_version == 3
    )


def test_snapshot_of_a_reset_library_is_read_again_in_full():
    reader = FakeReader({"A": {"key": "A", "version": 9}}, 9)
    snap = refresh_snapshot(reader, None)
    reader.items, reader.version, reader.calls = {}, 0, []
    snap2 = refresh_snapshot(reader, snap)
    assert reader.calls[-2:] == ["all_items", "all_collections"] and snap2.items == {}


def test_the_plan_and_summary_count_in_words_a_user_reads():
    from zotsync.push import describe
    from zotsync.push.actions import Plan, Write
    from zotsync.push.push import PushOutcome

    note = Write(
        kind="notes",
        op="update",
        slot="s",
        key="K",
        payload={},
        owned=(),
        sent={},
        expected={},
        label="update note on 'X'",
    )
    plan = Plan("users/1", writes=(note,), stats={"collections": 1, "items": 2, "notes": 1})
    assert (
        describe.plan_text(plan).splitlines()[0]
        == "Zotero library users/1: the lists want 1 collection, 2 items, 1 note"
    )
    assert describe.summary_text(PushOutcome(plan, dry_run=True)).startswith(
        "Dry run: would update 1 note."
    )
    empty = Plan("users/1", stats={"collections": 1, "items": 2, "notes": 1})
    assert describe.summary_text(PushOutcome(empty, dry_run=True)).startswith(
        "Dry run: nothing to write."
    )
