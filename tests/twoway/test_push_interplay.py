"""How a plain `zotsync push` between two-way runs treats notes.

A push that keeps Zotero's version in a conflict must not make a later pull drop the list's
edit, and a push must leave a note alone while its entry holds a waiting conflict block.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from twokit import edit_list, setup_small, zotero_html

from zotsync.push.push import push
from zotsync.twoway.pull import pull

ADAIN = "arxiv:1703.06868"


def test_a_plain_push_that_keeps_zoteros_version_does_not_make_pull_drop_the_list_edit(
    tconfig, remote, tmp_path
):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: list words")
    remote.edit(keys[ADAIN], note=zotero_html("zotero words"))
    assert push([path], tconfig).plan.conflicts  # reported: Zotero's version kept
    pull([path], tconfig)
    text = Path(path).read_text(encoding="utf-8")
    assert "list words" in text and "zotero words" in text


def test_a_plain_push_keep_list_leaves_a_waiting_conflict_block_out_of_zotero(
    tconfig, remote, tmp_path
):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: list words")
    remote.edit(keys[ADAIN], note=zotero_html("zotero words"))
    pull([path], tconfig)
    push([path], tconfig, on_conflict="keep-list")
    assert "zotsync:conflict" not in remote.item(keys[ADAIN])["note"]


@pytest.mark.parametrize("policy", ["keep-zotero", "keep-list", "fail"])
def test_a_waiting_conflict_block_holds_the_note_under_every_policy_and_says_so(
    tconfig, remote, tmp_path, policy
):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: list words")
    remote.edit(keys[ADAIN], note=zotero_html("zotero words"))
    pull([path], tconfig)
    before = remote.item(keys[ADAIN])
    outcome = push([path], tconfig, on_conflict=policy)
    assert remote.item(keys[ADAIN]) == before  # not rewritten, not trashed
    assert [n.code for n in outcome.plan.notices if n.slot and ADAIN in n.slot] == [
        "conflict-pending"
    ]
    assert outcome.plan.refused is None


def _resaved_in_zotero(html: str) -> str:
    """What Zotero's note editor stores when the user opens and saves the note without changing it."""
    inner = re.sub(r'^<div data-zotsync="[^"]*">(.*)</div>$', r"\1", html, flags=re.S)
    assert inner != html
    return (
        '<div data-schema-version="9">'
        + inner.replace("<li>", "<li><p>").replace("</li>", "</p></li>")
        + "</div>"
    )


def test_a_note_zotero_only_re_saved_is_not_an_edit_so_the_next_list_edit_is_sent(
    tconfig, remote, tmp_path
):
    path, keys = setup_small(tconfig, tmp_path)
    remote.edit(keys[ADAIN], note=_resaved_in_zotero(remote.item(keys[ADAIN])["note"]))
    quiet = push([path], tconfig)
    assert not quiet.plan.conflicts and not quiet.plan.writes
    assert not [n for n in quiet.plan.notices if n.code == "zotero-edit"]
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: list words")
    outcome = push([path], tconfig)  # keep-zotero: a real conflict would keep Zotero's text
    assert not outcome.plan.conflicts
    assert "list words" in remote.item(keys[ADAIN])["note"]


def test_a_re_saved_note_is_still_managed_when_its_entry_loses_its_notes(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    remote.edit(keys[ADAIN], note=_resaved_in_zotero(remote.item(keys[ADAIN])["note"]))
    edit_list(path, "\n  AdaIN: 匹配均值和方差。\n", "\n")
    outcome = push([path], tconfig)
    assert remote.item(keys[ADAIN]).get(
        "deleted"
    )  # trashed as an unedited managed note, not "kept, unmanaged"
    assert not [n for n in outcome.plan.notices if n.code == "zotero-edit"]
