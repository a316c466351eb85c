"""zotsync push against the Zotero emulator: the behaviour a user sees in their library."""

from __future__ import annotations

import dataclasses

import pytest
from pushkit import arxiv_of, corpus_entries, resolutions_for, run

from zotsync.errors import RefusedError
from zotsync.model import Entry


def _entries(n=12):
    return corpus_entries(n)


def test_cold_push_mirrors_sections_one_item_per_paper_with_notes(zconfig, remote):
    entries = _entries(12)
    twice = dataclasses.replace(
        entries[1], section=("C", "D"), line=99
    )  # the same paper listed in a second section
    outcome = run(zconfig, [("reading", [*entries, twice])])
    assert outcome.applied and not outcome.result.failed

    assert remote.tree() == {
        ("reading",),
        ("reading", "A"),
        ("reading", "A", "B"),
        ("reading", "C"),
        ("reading", "C", "D"),
    }
    items = [i for i in remote.items() if i["itemType"] not in ("note", "attachment")]
    assert len(items) == 12  # one item per distinct paper
    by_archive = {f"arXiv:{arxiv_of(i)}": i for i in items}
    paper = by_archive[f"arXiv:{entries[1].arxiv_id}"]
    colls = {c["key"]: c["name"] for c in remote.collections()}
    assert sorted(colls[k] for k in paper["collections"]) == [
        "B",
        "D",
    ]  # in both sections' collections
    assert paper["url"] == f"http://arxiv.org/abs/{entries[1].arxiv_id}"
    preprints = [i for i in items if i["itemType"] == "preprint"]
    assert preprints and all(
        p["repository"] == "arXiv" and p["DOI"] == f"10.48550/arXiv.{arxiv_of(p)}"
        for p in preprints
    )
    assert paper["citationKey"].startswith("key")
    assert paper["creators"] and all(c["creatorType"] == "author" for c in paper["creators"])
    assert paper["tags"] and all(t.get("type") == 1 for t in paper["tags"])  # category names
    assert not any("." in t["tag"] and " " not in t["tag"] for t in paper["tags"])  # not codes

    notes = [i for i in remote.items() if i["itemType"] == "note" and "data-zotsync" in i["note"]]
    assert len(notes) == 4  # entries 0, 3, 6, 9 have notes
    first = by_archive[f"arXiv:{entries[0].arxiv_id}"]
    note = next(n for n in notes if n["parentItem"] == first["key"])
    assert (
        "中文笔记" in note["note"]
        and 'href="https://example.org/0"' in note["note"]
        and "data-zotsync" in note["note"]
    )
    assert {"tag": "Scale DPO"} in first["tags"]


def test_second_run_makes_zero_write_requests(zconfig, remote):
    lists = [("reading", _entries(12))]
    run(zconfig, lists)
    before = len(remote.writes())
    outcome = run(zconfig, lists)
    assert outcome.plan.is_empty
    assert len(remote.writes()) == before
    assert outcome.requests.writes == 0 and outcome.requests.reads <= 3


def test_writes_are_batched_at_most_50_and_near_the_minimum(zconfig, remote):
    entries = corpus_entries(120)
    outcome = run(zconfig, [("big", entries)])
    objects = len(outcome.plan.writes)
    posts = remote.writes()
    assert all(e["method"] == "POST" for e in posts)
    # collections (4) in one request; items + notes (120 + 40) in ceil(160/50) = 4
    assert len(posts) == 1 + -(-(objects - 4) // 50)


def test_changed_note_is_updated_in_place_with_one_small_write(zconfig, remote):
    entries = _entries(6)
    run(zconfig, [("reading", entries)])
    note_keys = {i["key"] for i in remote.items() if i["itemType"] == "note"}
    before = len(remote.writes())
    edited = [dataclasses.replace(entries[0], notes="a new thought 新的想法")] + entries[1:]
    outcome = run(zconfig, [("reading", edited)])
    assert [(w.kind, w.op, w.changes) for w in outcome.plan.writes] == [
        ("notes", "update", ("note",))
    ]
    assert len(remote.writes()) == before + 1
    notes = [i for i in remote.items() if i["itemType"] == "note"]
    assert {n["key"] for n in notes} == note_keys  # same note, updated in place
    assert any("新的想法" in n["note"] for n in notes)


def test_moved_entry_changes_membership_and_removed_entry_leaves_collection(zconfig, remote):
    entries = _entries(6)
    run(zconfig, [("reading", entries)])
    moved = dataclasses.replace(entries[1], section=("C",))
    outcome = run(zconfig, [("reading", [entries[0], moved, *entries[3:]])])  # entries[2] removed
    kinds = sorted((w.kind, w.op, w.changes) for w in outcome.plan.writes)
    assert kinds == [("items", "update", ("collections",)), ("items", "update", ("collections",))]
    colls = {c["name"]: c["key"] for c in remote.collections()}
    items = {
        f"arXiv:{arxiv_of(i)}": i
        for i in remote.items()
        if i["itemType"] not in ("note", "attachment")
    }
    assert items[f"arXiv:{entries[1].arxiv_id}"]["collections"] == [colls["C"]]
    assert (
        items[f"arXiv:{entries[2].arxiv_id}"]["collections"] == []
    )  # kept, but out of the list's collections
    assert len(items) == 6


def test_membership_changed_in_zotero_is_kept_reported_and_stable(zconfig, remote):
    """The user takes a paper out of one of zotsync's collections and files another into a second one, in
    Zotero: the next pushes put nothing back and take nothing out (each says so); a move made in the list
    still moves; `--on-conflict keep-list` puts the taken-out paper back."""
    entries = _entries(6)  # sections cycle A, A/B, C
    lists = [("reading", entries)]
    run(zconfig, lists)
    colls = {c["name"]: c["key"] for c in remote.collections()}
    items = {arxiv_of(i): i for i in remote.items() if i["itemType"] not in ("note", "attachment")}
    taken_out, filed = items[entries[0].arxiv_id], items[entries[2].arxiv_id]
    assert taken_out["collections"] == [colls["A"]] and filed["collections"] == [colls["C"]]
    remote.edit(taken_out["key"], collections=[])
    remote.edit(filed["key"], collections=[colls["C"], colls["A"]])
    before = len(remote.writes())

    for _ in range(2):  # reported on every run, never undone
        outcome = run(zconfig, lists)
        assert not outcome.plan.writes and len(remote.writes()) == before
        said = [n.message for n in outcome.plan.notices if n.code == "zotero-membership"]
        assert any("taken out of collection 'A' in Zotero; not put back" in m for m in said), said
        assert any("put in collection 'A' in Zotero; kept" in m for m in said), said
    assert remote.item(taken_out["key"])["collections"] == []
    assert sorted(remote.item(filed["key"])["collections"]) == sorted([colls["C"], colls["A"]])

    # the list moves the filed paper from C to B: it leaves C, stays in the user's A, joins B
    moved = dataclasses.replace(entries[2], section=("A", "B"))
    run(zconfig, [("reading", [entries[0], entries[1], moved, *entries[3:]])])
    assert sorted(remote.item(filed["key"])["collections"]) == sorted([colls["A"], colls["B"]])

    restored = run(
        zconfig,
        [("reading", [entries[0], entries[1], moved, *entries[3:]])],
        on_conflict="keep-list",
    )
    assert [(w.kind, w.changes) for w in restored.plan.writes] == [("items", ("collections",))]
    assert remote.item(taken_out["key"])["collections"] == [colls["A"]]


def test_a_tag_of_zotsync_s_removed_in_zotero_stays_removed_and_is_reported(zconfig, remote):
    entries = _entries(3)
    lists = [("reading", entries)]
    run(zconfig, lists)
    item = next(
        i
        for i in remote.items()
        if i["itemType"] not in ("note", "attachment") and arxiv_of(i) == entries[0].arxiv_id
    )
    assert {"tag": "Scale DPO"} in item["tags"]
    remote.edit(
        item["key"], tags=[t for t in item["tags"] if t["tag"] != "Scale DPO"] + [{"tag": "mine"}]
    )
    before = len(remote.writes())
    for _ in range(2):
        outcome = run(zconfig, lists)
        assert not outcome.plan.writes and len(remote.writes()) == before
        assert any(
            "tag 'Scale DPO' removed in Zotero; not put back" in n.message
            for n in outcome.plan.notices
        )
    run(zconfig, lists, on_conflict="keep-list")
    assert {"tag": "Scale DPO"} in remote.item(item["key"])["tags"] and {
        "tag": "mine"
    } in remote.item(item["key"])["tags"]


def test_a_state_from_before_member_of_still_respects_a_paper_taken_out_in_zotero(zconfig, remote):
    """Upgrading zotsync: the state has no `member_of` yet; the cached snapshot of the last sync stands in."""
    from zotsync.push.state import load_state, save_state

    entries = _entries(3)
    outcome = run(zconfig, [("reading", entries)])
    state = load_state(zconfig.zotero.state_dir, outcome.plan.library)
    state.items.update(
        {slot: dataclasses.replace(st, member_of=None) for slot, st in state.items.items()}
    )
    save_state(zconfig.zotero.state_dir, state)
    item = next(
        i
        for i in remote.items()
        if i["itemType"] not in ("note", "attachment") and arxiv_of(i) == entries[0].arxiv_id
    )
    remote.edit(item["key"], collections=[])
    again = run(zconfig, [("reading", entries)])
    assert not again.plan.writes and remote.item(item["key"])["collections"] == []
    assert any(n.code == "zotero-membership" for n in again.plan.notices)
    upgraded = load_state(zconfig.zotero.state_dir, outcome.plan.library)
    assert all(
        st.member_of is not None for st in upgraded.items.values()
    )  # recorded, no request made


def test_prune_trashes_only_items_zotsync_created(zconfig, remote):
    entries = _entries(4)
    run(zconfig, [("reading", entries)])
    outcome = run(zconfig, [("reading", entries[:3])], prune=True)
    assert [(w.kind, w.op) for w in outcome.plan.writes] == [("items", "trash")]
    live = [i for i in remote.items() if i["itemType"] not in ("note", "attachment")]
    assert len(live) == 3  # the trashed one is out of the normal item list
    assert run(zconfig, [("reading", entries[:3])], prune=True).plan.is_empty


def test_zotero_side_edit_survives_and_is_reported(zconfig, remote):
    entries = _entries(4)
    lists = [("reading", entries)]
    run(zconfig, lists)
    item = next(i for i in remote.items() if arxiv_of(i) == entries[0].arxiv_id)
    note = next(i for i in remote.items() if i["itemType"] == "note")
    remote.edit(item["key"], title="My Own Better Title")
    remote.edit(note["key"], note="<p>I rewrote this in Zotero</p>")
    before = len(remote.writes())
    outcome = run(zconfig, lists)
    assert not outcome.plan.writes and len(remote.writes()) == before
    assert {n.code for n in outcome.plan.notices} >= {"zotero-edit"}
    assert sum(n.code == "zotero-edit" for n in outcome.plan.notices) == 2
    assert remote.item(item["key"])["title"] == "My Own Better Title"
    assert remote.item(note["key"])["note"] == "<p>I rewrote this in Zotero</p>"
    # a list change to another field of that item still goes through, without touching the title
    res = resolutions_for(entries)
    res[entries[0].ident] = dataclasses.replace(
        res[entries[0].ident], citation_key="renamedKey2024"
    )
    outcome = run(zconfig, lists, res)
    assert [(w.kind, w.changes) for w in outcome.plan.writes] == [("items", ("citationKey",))]
    after = remote.item(item["key"])
    assert after["title"] == "My Own Better Title" and after["citationKey"] == "renamedKey2024"


@pytest.mark.parametrize(
    "policy, title_after", [("keep-zotero", "Zotero Title"), ("keep-list", "List Title")]
)
def test_both_sides_changed_is_a_conflict_decided_by_the_policy(
    zconfig, remote, policy, title_after
):
    entries = _entries(2)
    res = resolutions_for(entries)
    run(zconfig, [("reading", entries)], res)
    item = next(i for i in remote.items() if arxiv_of(i) == entries[0].arxiv_id)
    remote.edit(item["key"], title="Zotero Title")
    res[entries[0].ident] = dataclasses.replace(
        res[entries[0].ident],
        paper=dataclasses.replace(res[entries[0].ident].paper, title="List Title"),
    )
    outcome = run(zconfig, [("reading", entries)], res, on_conflict=policy)
    assert [(c.kind, c.fields) for c in outcome.plan.conflicts] == [("items", ("title",))]
    assert remote.item(item["key"])["title"] == title_after
    again = run(zconfig, [("reading", entries)], res, on_conflict=policy)
    assert not again.plan.writes and remote.item(item["key"])["title"] == title_after
    # keep-list settled it; keep-zotero kept Zotero's title but the list still says otherwise: still reported
    assert len(again.plan.conflicts) == (policy == "keep-zotero")


def test_conflict_under_fail_policy_refuses_before_writing(zconfig, remote):
    entries = _entries(2)
    res = resolutions_for(entries)
    run(zconfig, [("reading", entries)], res)
    item = next(i for i in remote.items() if arxiv_of(i) == entries[0].arxiv_id)
    remote.edit(item["key"], title="Zotero Title")
    res[entries[0].ident] = dataclasses.replace(
        res[entries[0].ident],
        paper=dataclasses.replace(res[entries[0].ident].paper, title="List Title"),
    )
    before = len(remote.writes())
    with pytest.raises(RefusedError) as err:
        run(zconfig, [("reading", entries)], res, on_conflict="fail")
    assert err.value.exit_code == 7
    assert len(remote.writes()) == before


def test_existing_items_are_adopted_not_duplicated(zconfig, remote):
    entries = _entries(3)
    a, b = entries[0].arxiv_id, entries[1].arxiv_id
    existing = remote.create(
        [
            {
                "itemType": "journalArticle",
                "title": "Already here (via arXiv URL)",
                "url": f"https://arxiv.org/abs/{a}v2",
                "publicationTitle": "Some Journal",
                "tags": [{"tag": "mine"}],
            },
            {"itemType": "preprint", "title": "Via DOI", "DOI": f"10.48550/arXiv.{b}"},
        ]
    )
    outcome = run(zconfig, [("reading", entries)])
    assert sorted(w.op for w in outcome.plan.writes if w.kind == "items") == [
        "create",
        "update",
        "update",
    ]
    items = [i for i in remote.items() if i["itemType"] not in ("note", "attachment")]
    assert len(items) == 3
    adopted = remote.item(existing[0])
    assert adopted["title"] == "Already here (via arXiv URL)"  # the user's data wins
    assert adopted["itemType"] == "journalArticle"
    assert {"tag": "mine"} in adopted["tags"]
    assert adopted["collections"] and adopted["citationKey"].startswith(
        "key"
    )  # filled, as it was empty
    assert run(zconfig, [("reading", entries)]).plan.is_empty


def test_renamed_section_renames_its_collection(zconfig, remote):
    entries = _entries(6)
    run(zconfig, [("reading", entries)])
    keys = {c["name"]: c["key"] for c in remote.collections()}
    renamed = [
        dataclasses.replace(e, section=("Z", *e.section[1:]) if e.section[0] == "C" else e.section)
        for e in entries
    ]
    outcome = run(zconfig, [("reading", renamed)])
    assert [(w.kind, w.op, w.changes) for w in outcome.plan.writes] == [
        ("collections", "update", ("name",))
    ]
    after = {c["name"]: c["key"] for c in remote.collections()}
    assert after["Z"] == keys["C"] and "C" not in after


def test_existing_collection_with_the_same_name_is_reused(zconfig, remote):
    import requests

    r = requests.post(
        f"{remote.base}/collections", json=[{"name": "reading"}], headers=remote.headers, timeout=10
    )
    root_key = r.json()["successful"]["0"]["key"]
    run(zconfig, [("reading", _entries(3))])
    roots = [c for c in remote.collections() if c["name"] == "reading"]
    assert [c["key"] for c in roots] == [root_key]


def test_a_library_that_suddenly_looks_empty_is_refused(zconfig, remote, zotero_emulator):
    lists = [("reading", _entries(3))]
    run(zconfig, lists)
    zotero_emulator.reset()  # e.g. the wrong library id, or a wiped library
    with pytest.raises(RefusedError) as err:
        run(zconfig, lists)
    assert "--force" in str(err.value)
    assert remote.writes() == []
    outcome = run(zconfig, lists, force=True)
    assert (
        outcome.applied
        and len([i for i in remote.items() if i["itemType"] not in ("note", "attachment")]) == 3
    )


def test_dry_run_writes_nothing_anywhere(zconfig, remote, tmp_path):
    outcome = run(zconfig, [("reading", _entries(3))], dry_run=True)
    assert outcome.plan.writes and not outcome.applied
    assert remote.writes() == []
    assert not (tmp_path / "state").exists()


def test_unusable_entries_are_reported_not_pushed(zconfig, remote):
    entries = _entries(2)
    stray = Entry(
        source="reading.md", line=50, raw="Unknown", section=("A",), title="A Paper Nobody Found"
    )
    outcome = run(zconfig, [("reading", [*entries, stray])], resolutions_for(entries))
    assert any(
        n.code == "unusable" and "A Paper Nobody Found" in n.message for n in outcome.plan.notices
    )
    assert len([i for i in remote.items() if i["itemType"] not in ("note", "attachment")]) == 2


def test_collection_deleted_in_zotero_is_recreated_and_refilled(zconfig, remote):
    import requests

    entries = _entries(6)
    run(zconfig, [("reading", entries)])
    c = next(c for c in remote.collections() if c["name"] == "C")
    r = requests.delete(
        f"{remote.base}/collections/{c['key']}",
        headers={**remote.headers, "If-Unmodified-Since-Version": str(c["version"])},
        timeout=10,
    )
    assert r.status_code == 204
    outcome = run(zconfig, [("reading", entries)])
    assert any(n.code == "recreated" for n in outcome.plan.notices)
    new = next(c for c in remote.collections() if c["name"] == "C")
    members = [i for i in remote.items() if new["key"] in i.get("collections", [])]
    assert len(members) == 2  # entries 2 and 5 are in section C
    assert run(zconfig, [("reading", entries)]).plan.is_empty


def test_item_trashed_in_zotero_is_not_recreated_unless_the_list_wins(zconfig, remote):
    entries = _entries(3)
    run(zconfig, [("reading", entries)])
    item = next(i for i in remote.items() if arxiv_of(i) == entries[1].arxiv_id)
    remote.edit(item["key"], deleted=1)
    outcome = run(zconfig, [("reading", entries)])
    assert not outcome.plan.writes and any(
        n.code == "deleted-in-zotero" for n in outcome.plan.notices
    )
    outcome = run(zconfig, [("reading", entries)], on_conflict="keep-list")
    # the item comes back; its attachments (still in the library) follow it to the new key
    assert [(w.kind, w.op) for w in outcome.plan.writes if w.kind != "children"] == [
        ("items", "create")
    ]
    assert {(w.op, w.changes) for w in outcome.plan.writes if w.kind == "children"} <= {
        ("update", ("parentItem",))
    }
    assert len([i for i in remote.items() if arxiv_of(i) == entries[1].arxiv_id]) == 1


def test_unknown_conflict_policy_in_config_is_a_config_error(zconfig):
    from zotsync.errors import ConfigError

    bad = dataclasses.replace(
        zconfig, zotero=dataclasses.replace(zconfig.zotero, on_conflict="keep-Zotero")
    )
    with pytest.raises(ConfigError) as err:
        run(bad, [("reading", _entries(1))])
    assert "keep-zotero" in str(err.value)


def test_entry_whose_identity_changes_keeps_its_note(zconfig, remote):
    """A title-only entry gets its arXiv link: same paper, same note (updated, not trashed and re-made)."""
    entries = _entries(3)
    bare = dataclasses.replace(
        entries[0], arxiv_id=None
    )  # ident title:…, resolved to the same paper
    res = resolutions_for(entries)
    res[bare.ident] = dataclasses.replace(res[entries[0].ident], ident=bare.ident)
    run(zconfig, [("reading", [bare, *entries[1:]])], res)
    notes = [i["key"] for i in remote.items() if i["itemType"] == "note"]
    outcome = run(zconfig, [("reading", entries)], res)
    assert [(w.kind, w.op) for w in outcome.plan.writes] == [("notes", "update")]
    assert [i["key"] for i in remote.items() if i["itemType"] == "note"] == notes
    assert run(zconfig, [("reading", entries)], res).plan.is_empty


def test_group_library(emulator_factory, tmp_path):
    from zotsync.config import load_config

    server = emulator_factory(
        "zotero", "--api-key", "groupkey12345", "--user-id", "5", "--group-id", "99"
    )
    cfg = load_config(
        env={
            "ZOTERO_API_KEY": "groupkey12345",
            "ZOTERO_LIBRARY_ID": "99",
            "ZOTERO_LIBRARY_TYPE": "group",
            "ZOTSYNC_ZOTERO_URL": server.url,
        }
    )
    cfg = dataclasses.replace(cfg, zotero=dataclasses.replace(cfg.zotero, state_dir=str(tmp_path)))
    outcome = run(cfg, [("reading", _entries(3))])
    assert outcome.applied and outcome.plan.library == "groups/99" and not outcome.result.failed
    assert {e["path"] for e in server.log if e["method"] == "POST"} == {
        "/groups/99/collections",
        "/groups/99/items",
    }
    assert (tmp_path / "groups-99.json").is_file()
    assert run(cfg, [("reading", _entries(3))]).plan.is_empty
