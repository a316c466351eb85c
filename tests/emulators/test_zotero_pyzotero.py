"""pyzotero 1.16 drives the Zotero emulator through its whole read/write repertoire.

Also shows the five pyzotero bugs of docs §2.6 happening exactly as they would
against api.zotero.org, so zotsync's client code can be tested wrapping them.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pyzotero import zotero
from pyzotero import zotero_errors as ze


@pytest.fixture
def zot(zotero_emulator) -> zotero.Zotero:
    client = zotero.Zotero(zotero_emulator.user_id, "user", zotero_emulator.api_key)
    client.endpoint = zotero_emulator.url
    return client


def _preprint(zot: zotero.Zotero, title: str, **fields) -> dict:
    item = zot.item_template("preprint")
    item.update(
        title=title,
        creators=[{"creatorType": "author", "firstName": "Ada", "lastName": "Lovelace"}],
        **fields,
    )
    return item


def _create(zot: zotero.Zotero, items: list[dict]) -> list[str]:
    report = zot.create_items(items)
    assert report["failed"] == {}, report["failed"]
    return [report["success"][str(i)] for i in range(len(items))]


def test_create_read_children_and_counts(zot):
    [key] = _create(zot, [_preprint(zot, "Attention Is All You Need", date="2017-06-12")])
    zot.create_items([{"itemType": "note", "note": "<p>mine</p>"}], parentid=key)
    item = zot.item(key)
    assert item["data"]["title"] == "Attention Is All You Need"
    assert item["meta"] == {
        "creatorSummary": "Lovelace",
        "parsedDate": "2017-06-12",
        "numChildren": 1,
    }
    assert [n["data"]["note"] for n in zot.children(key)] == ["<p>mine</p>"]
    assert (len(zot.items()), len(zot.top()), zot.num_items(), zot.count_items()) == (2, 1, 1, 2)
    assert zot.last_modified_version() == 2


def test_client_keys_with_version_zero_make_creates_idempotent(zot):
    item = _preprint(zot, "Idempotent")
    item.update(key="ABCD2345", version=0)
    first = zot.create_items([item])
    assert first["success"] == {"0": "ABCD2345"}
    again = zot.create_items([item])  # a retry after a lost response
    assert again["failed"]["0"]["code"] == 412
    assert (
        again["failed"]["0"]["message"]
        == "Item has been modified since specified version (expected 0, found 1)"
    )
    assert len(zot.items()) == 1


def test_collections_tree_and_membership(zot):
    root = zot.create_collections([{"name": "List"}])["success"]["0"]
    sub = zot.create_collections([{"name": "Agents", "parentCollection": root}])["success"]["0"]
    subsub = zot.create_collections([{"name": "Tools", "parentCollection": sub}])["success"]["0"]
    assert sorted(c["data"]["name"] for c in zot.all_collections()) == ["Agents", "List", "Tools"]
    assert [c["key"] for c in zot.collections_sub(root)] == [sub]
    assert zot.collection(root)["meta"] == {"numCollections": 1, "numItems": 0}
    [key] = _create(zot, [_preprint(zot, "In a collection")])
    assert zot.addto_collection(subsub, zot.item(key))
    assert [i["key"] for i in zot.collection_items(subsub)] == [key]
    assert zot.num_collectionitems(subsub) == 1
    assert zot.deletefrom_collection(subsub, zot.item(key))
    assert zot.collection_items(subsub) == []
    coll = zot.collection(sub)
    coll["data"]["name"] = "Agents (renamed)"
    assert zot.update_collection(coll["data"])
    assert zot.collection(sub)["data"]["name"] == "Agents (renamed)"


def test_update_item_patch_and_update_items(zot):
    keys = _create(zot, [_preprint(zot, "One"), _preprint(zot, "Two")])
    one = zot.item(keys[0])["data"]
    one["extra"] = "arXiv:1234.5678 [cs.CL]"
    assert zot.update_item(one) is True
    assert zot.item(keys[0])["data"]["extra"] == "arXiv:1234.5678 [cs.CL]"
    both = [zot.item(k)["data"] for k in keys]
    for d in both:
        d["tags"] = [{"tag": "llm"}]
    assert zot.update_items(both) is True
    assert zot.tags() == ["llm"]
    assert len(zot.items(tag="llm")) == 2


def test_since_versions_keys_and_deleted(zot):
    keys = _create(zot, [_preprint(zot, "A"), _preprint(zot, "B")])
    mark = zot.last_modified_version()
    b = zot.item(keys[1])
    assert zot.delete_item(b)
    item = zot.item(keys[0])["data"]
    item["title"] = "A2"
    zot.update_item(item)
    assert zot.item_versions(since=mark) == {keys[0]: zot.last_modified_version()}
    assert zot.deleted(since=mark)["items"] == [keys[1]]
    assert zot.items(format="keys").decode().split() == [keys[0]]


def test_trash_and_everything_paging(zot):
    keys = _create(zot, [_preprint(zot, f"Paper {i}") for i in range(30)])
    assert len(zot.everything(zot.items(limit=7))) == 30
    victim = zot.item(keys[0])["data"]
    victim["deleted"] = 1
    zot.update_item(victim)
    assert [i["key"] for i in zot.trash()] == [keys[0]]
    assert len(zot.everything(zot.top())) == 29


def test_mapping_calls_key_info_and_groups(zot, zotero_emulator):
    assert {"itemType": "preprint", "localized": "Preprint"} in zot.item_types()
    assert {"field": "archiveID", "localized": "Archive ID"} in zot.item_fields()
    assert zot.item_creator_types("preprint")[0] == {"creatorType": "author", "localized": "Author"}
    assert zot.item_type_fields("preprint")[0] == {"field": "title", "localized": "Title"}
    assert zot.creator_fields()[0]["field"] == "firstName"
    assert zot.key_info()["userID"] == int(zotero_emulator.user_id)
    assert zot.groups() == []


# ---------------------------------------------------------------------- the five pyzotero bugs (§2.6)


def test_bug1_update_collections_fails_client_side(zot, zotero_emulator):
    key = zot.create_collections([{"name": "X"}])["success"]["0"]
    with pytest.raises(ze.InvalidItemFieldsError):
        zot.update_collections([zot.collection(key)["data"]])
    assert not zotero_emulator.requests("POST", "/collections")[1:]


def test_bug2_update_items_swallows_429(zot, zotero_emulator):
    [key] = _create(zot, [_preprint(zot, "Before")])
    data = zot.item(key)["data"]
    data["title"] = "After"
    zotero_emulator.faults.install(
        [
            {
                "kind": "status",
                "status": 429,
                "retry_after": 0,
                "match": {"method": "POST", "path": "/items$"},
            }
        ]
    )
    assert zot.update_items([data]) is True  # says it worked ...
    assert zot.item(key)["data"]["title"] == "Before"  # ... but the chunk was dropped


def test_bug3_create_items_does_not_retry_429(zot, zotero_emulator):
    zotero_emulator.faults.install(
        [
            {
                "kind": "status",
                "status": 429,
                "retry_after": 0,
                "match": {"method": "POST", "path": "/items$"},
            }
        ]
    )
    with pytest.raises(json.JSONDecodeError):
        zot.create_items([_preprint(zot, "Lost")])
    assert len(zotero_emulator.requests("POST", "/items")) == 1
    assert zot.items() == []


def test_bug4_delete_item_list_uses_object_version_as_library_precondition(zot):
    keys = _create(zot, [_preprint(zot, "A"), _preprint(zot, "B")])
    items = [zot.item(k) for k in keys]
    with pytest.raises(
        ze.PreConditionFailedError, match="Library has been modified since specified version"
    ):
        zot.delete_item(items)
    assert zot.delete_item(items, last_modified=zot.last_modified_version())
    assert zot.items() == []


def test_bug5_update_item_with_other_last_modified_is_400(zot):
    [key] = _create(zot, [_preprint(zot, "A")])
    data = zot.item(key)["data"]
    with pytest.raises(
        ze.UnsupportedParamsError, match=r"does not match JSON 'version' property \(99 != 1\)"
    ):
        zot.update_item(data, last_modified=99)


def test_bug6_item_template_revalidation_after_an_hour_is_400(zot):
    zot.item_template("preprint")
    name = "item_template_preprint_"
    zot.templates[name]["updated"] -= dt.timedelta(hours=2)
    with pytest.raises(ze.UnsupportedParamsError, match="'itemType' not provided"):
        zot.item_template("preprint")


def test_write_tokens_are_per_call_so_duplicates_need_client_keys(zot, zotero_emulator):
    zotero_emulator.faults.install(
        [{"kind": "drop", "match": {"method": "POST", "path": "/items$"}}]
    )
    with pytest.raises(Exception):
        zot.create_items([_preprint(zot, "Dropped")])
    zot.create_items([_preprint(zot, "Dropped")])  # naive retry: a fresh write token
    assert [i["data"]["title"] for i in zot.items()] == ["Dropped", "Dropped"]


def test_group_library(emulator_factory):
    server = emulator_factory(
        "zotero", "--api-key", "groupkey", "--user-id", "11", "--group-id", "4242"
    )
    user = zotero.Zotero(11, "user", "groupkey")
    user.endpoint = server.url
    assert [g["id"] for g in user.groups()] == [4242]
    group = zotero.Zotero(4242, "group", "groupkey")
    group.endpoint = server.url
    [key] = _create(group, [_preprint(group, "Shared")])
    item = group.item(key)
    assert item["library"]["type"] == "group" and item["links"]["self"]["href"].endswith(
        f"/groups/4242/items/{key}"
    )
    assert user.items() == []  # libraries are separate


def test_more_of_the_repertoire(zot, zotero_emulator):
    root = zot.create_collections([{"name": "Root"}])["success"]["0"]
    sub = zot.create_collections([{"name": "Sub", "parentCollection": root}])["success"]["0"]
    assert [c["key"] for c in zot.collections_top()] == [root]
    keys = _create(
        zot,
        [
            _preprint(zot, "A", collections=[root], tags=[{"tag": "cs.CL", "type": 1}]),
            _preprint(zot, "B", tags=[{"tag": "cs.CL", "type": 1}, {"tag": "mine"}]),
        ],
    )
    zot.create_items([{"itemType": "note", "note": "child"}], parentid=keys[0])
    assert [i["key"] for i in zot.collection_items_top(root)] == [keys[0]]
    assert len(zot.collection_items(root)) == 2  # the member and its child note
    assert sorted(i["key"] for i in zot.get_subset(keys)) == sorted(keys)
    assert zot.count_items() == 3
    assert zot.delete_tags("mine")
    assert zot.tags() == ["cs.CL"]
    assert zot.delete_collection(zot.collection(root))
    assert zot.collections() == [] and zot.deleted(since=0)["collections"] in (
        [root, sub],
        [sub, root],
    )
    template = zot.item_template("attachment", "imported_url")
    assert list(template)[:2] == ["itemType", "linkMode"] and template["md5"] is None
