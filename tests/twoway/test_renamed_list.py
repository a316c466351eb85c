"""A list file renamed between syncs keeps its collections and notes; a second list beside it is not a rename."""

from __future__ import annotations

import shutil
from pathlib import Path

from twokit import SMALL, edit_list, lock_for, setup_small, write_list, zotero_html

from zotsync.push.push import push
from zotsync.push.renames import file_gone
from zotsync.twoway.both import sync_both_ways
from zotsync.twoway.status import status


def tree(remote) -> list[tuple[str, str | None]]:
    return sorted((c["name"], c.get("parentCollection") or None) for c in remote.collections())


def managed_notes(remote) -> list[dict]:
    return [i for i in remote.items() if i["itemType"] == "note" and "data-zotsync" in i["note"]]


def test_a_renamed_list_renames_its_root_collection_and_keeps_every_key(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    collections = {c["key"] for c in remote.collections()}
    notes = {n["key"] for n in managed_notes(remote)}
    renamed = str(Path(path).with_name("style-notes.md"))
    shutil.move(path, renamed)

    outcome = sync_both_ways([renamed], tconfig)
    assert any(
        n.code == "renamed-list" and "'reading' is now 'style-notes'" in n.message
        for n in outcome.push.plan.notices
    )
    assert {
        c["key"] for c in remote.collections()
    } == collections  # nothing new: the same tree, renamed
    assert sorted(c["name"] for c in remote.collections() if not c.get("parentCollection")) == [
        "style-notes"
    ]
    assert {n["key"] for n in managed_notes(remote)} == notes  # no second note on any paper
    assert status([renamed], tconfig).in_sync
    before = len(remote.writes())
    again = sync_both_ways([renamed], tconfig)
    assert again.push.plan.is_empty and len(remote.writes()) == before

    # and the notes still sync both ways under the new name
    remote.edit(keys["arxiv:1703.06868"], note=zotero_html("after the rename"))
    sync_both_ways([renamed], tconfig)
    assert "after the rename" in Path(renamed).read_text(encoding="utf-8")


def test_a_second_list_beside_the_first_is_not_taken_for_a_rename(tconfig, remote, tmp_path):
    path, _ = setup_small(tconfig, tmp_path)
    other = write_list(tmp_path, SMALL, "copy.md")  # the same papers, but reading.md is still there
    lock_for(tconfig, [path, other])
    outcome = push([other], tconfig)
    assert not any(n.code == "renamed-list" for n in outcome.plan.notices)
    roots = sorted(c["name"] for c in remote.collections() if not c.get("parentCollection"))
    assert roots == ["copy", "reading"]


def test_a_list_sharing_few_papers_with_a_vanished_one_is_a_new_list(tconfig, remote, tmp_path):
    path, _ = setup_small(tconfig, tmp_path)
    Path(path).unlink()
    text = SMALL.replace("# Reading", "# Other reading")
    other = write_list(tmp_path, text, "other.md")
    edit_list(
        other,
        "- [Instance Normalization: The Missing Ingredient for Fast Stylization](https://arxiv.org/abs/1607.08022)\n"
        "  - works for style transfer\n  - simple idea\n\n",
        "",
    )
    edit_list(
        other,
        "- [Arbitrary Style Transfer in Real-time with Adaptive Instance Normalization](https://arxiv.org/abs/1703.06868)\n"
        "  AdaIN: 匹配均值和方差。\n",
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n",
    )
    lock_for(tconfig, [other])
    outcome = push(
        [other], tconfig
    )  # 1 of 2 papers shared with 'reading' (3 papers): below half on that side
    assert not any(n.code == "renamed-list" for n in outcome.plan.notices)
    assert sorted(c["name"] for c in remote.collections() if not c.get("parentCollection")) == [
        "other",
        "reading",
    ]


def test_file_gone_looks_for_the_old_name_with_any_extension(tmp_path):
    listed = tmp_path / "new.md"
    listed.write_text("x", encoding="utf-8")
    assert file_gone(str(listed), "old")
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    assert not file_gone(str(listed), "old")
    assert file_gone(str(listed), "ol*")  # glob characters in a name are literal
