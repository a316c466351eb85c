"""A library whose items zotsync made in its earlier shape is brought to the translator's shape.

The earlier shape (before the items followed Zotero's arXiv translator): ``https://`` URLs,
category *codes* as tags, the first version's date, no short title, no access date, no
comment note and no attachments. The next push updates what changed by the usual
three-way rules — a field the user edited in Zotero stays theirs — in the fewest write
requests: ⌈changed objects / 50⌉ on the items endpoint (items and their new children share
it), none for collections.
"""

from __future__ import annotations

import math

from pushkit import arxiv_of, corpus_entries, run

from zotsync.push import desired as desired_module
from zotsync.zotero.mapping import item_data


def _old_shape(paper, *, citation_key=None, user_tags=(), options=None):
    data = item_data(paper, citation_key=citation_key, user_tags=user_tags)
    data["url"] = data["url"].replace("http://", "https://")
    data["date"] = paper.published or data["date"]
    data.pop("shortTitle", None)
    data["tags"] = [t for t in data["tags"] if t.get("type") != 1] + [
        {"tag": code, "type": 1} for code in paper.categories
    ]
    return data


def test_old_shape_items_migrate_in_the_fewest_writes_and_user_edits_stay(
    zconfig, remote, zotero_emulator, monkeypatch
):
    entries = corpus_entries(60)
    with monkeypatch.context() as old:
        old.setattr(desired_module, "item_data", _old_shape)
        old.setattr(desired_module, "children", lambda paper, pdf: ())
        run(zconfig, [("reading", entries)])
    before = {arxiv_of(i): i for i in remote.items() if not i.get("parentItem")}
    assert all(i["url"].startswith("https://") and not i["accessDate"] for i in before.values())
    edited = before[entries[5].arxiv_id]
    remote.edit(edited["key"], title="My own title")

    zotero_emulator.clear_log()
    outcome = run(zconfig, [("reading", entries)])
    assert outcome.applied and not outcome.result.failed
    changed = [w for w in outcome.plan.writes if w.kind != "collections"]
    assert {w.kind for w in changed} == {"items", "children"}
    writes = remote.writes()
    assert len(writes) == math.ceil(len(changed) / 50)  # items endpoint only, full batches
    assert not any("/collections" in w["path"] for w in writes)

    after = {arxiv_of(i): i for i in remote.items() if not i.get("parentItem")}
    assert after[entries[5].arxiv_id]["title"] == "My own title"  # the user's edit stays
    for item in after.values():
        assert item["url"].startswith("http://arxiv.org/abs/")
        assert item["accessDate"]
        assert all(" " in t["tag"] for t in item["tags"] if t.get("type") == 1)  # names, not codes
    kids = [i for i in remote.items() if i.get("parentItem")]
    assert sum(k["itemType"] == "attachment" for k in kids) == 2 * len(after)
    assert run(zconfig, [("reading", entries)]).plan.writes == ()
