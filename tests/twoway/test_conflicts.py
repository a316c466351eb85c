"""Notes changed on both sides: both texts kept, reported, nothing overwritten; resolving converges.

Also: version bumps without a content change are not changes, and each --on-conflict policy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from twokit import edit_list, setup_small, zotero_html

from zotsync.errors import RefusedError
from zotsync.twoway.both import sync_both_ways
from zotsync.twoway.pull import pull
from zotsync.twoway.status import status

ADAIN = "arxiv:1703.06868"
IN = "arxiv:1607.08022"


def note_state(rows, ident):
    return next(r.note for r in rows if r.ident == ident)


def test_both_sides_edited_keeps_both_texts_and_leaves_zotero_alone(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: list-side thoughts 列表。")
    remote.edit(keys[ADAIN], note=zotero_html("zotero-side thoughts"))
    zotero_before = remote.item(keys[ADAIN])
    assert note_state(status([path], tconfig).rows, ADAIN) == "both"

    outcome = pull([path], tconfig)
    text = Path(path).read_text(encoding="utf-8")
    assert (
        "list-side thoughts 列表" in text
        and "zotero-side thoughts" in text
        and "<!-- zotsync:conflict list" in text
    )
    assert [d.action for d in outcome.plan.acted] == ["conflict"]
    assert remote.item(keys[ADAIN]) == zotero_before
    assert note_state(status([path], tconfig).rows, ADAIN) == "conflict-pending"

    # a sync while the block waits writes nothing to the note, and pulling again changes nothing
    before = len(remote.writes())
    both = sync_both_ways([path], tconfig)
    assert not both.pull.written and remote.item(keys[ADAIN])["note"] == zotero_before["note"]
    assert all(w["params"].get("itemKey") != keys[ADAIN] for w in remote.writes()[before:])
    assert Path(path).read_text(encoding="utf-8") == text

    # the user resolves by hand: keeps a merged text, deletes the markers
    block_start = text.index("  <!-- zotsync:conflict list")
    block_end = text.index("<!-- zotsync:end -->") + len("<!-- zotsync:end -->")
    Path(path).write_text(
        text[:block_start] + "  AdaIN: merged, both ideas 合并。" + text[block_end:],
        encoding="utf-8",
    )
    assert note_state(status([path], tconfig).rows, ADAIN) == "list"
    sync_both_ways([path], tconfig)
    assert "merged, both ideas 合并" in remote.item(keys[ADAIN])["note"]

    # converged: in sync, a further sync writes nothing and changes no byte
    assert status([path], tconfig).in_sync
    settled = Path(path).read_bytes()
    before = len(remote.writes())
    again = sync_both_ways([path], tconfig)
    assert (
        again.push.plan.is_empty
        and len(remote.writes()) == before
        and Path(path).read_bytes() == settled
    )


def test_keeping_the_list_s_side_of_a_block_gives_back_the_user_s_bytes(tconfig, remote, tmp_path):
    """An indented note in a conflict block keeps its own indentation: deleting the Zotero side and the markers
    leaves the file byte for byte as the user had written it."""
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: the list's thoughts")
    mine = Path(path).read_bytes()
    remote.edit(keys[ADAIN], note=zotero_html("zotero-side thoughts"))
    pull([path], tconfig)
    text = Path(path).read_text(encoding="utf-8")
    assert "\n  AdaIN: the list's thoughts\n" in text  # at the note's own indent, not doubled
    start = text.index("  <!-- zotsync:conflict list")
    zotero_side = text.index("  <!-- zotsync:conflict zotero")
    end = text.index("\n", text.index("<!-- zotsync:end -->")) + 1
    Path(path).write_text(
        text[:start] + text[text.index("\n", start) + 1 : zotero_side] + text[end:],
        encoding="utf-8",
    )
    assert Path(path).read_bytes() == mine


@pytest.mark.parametrize("how", ["markers deleted by hand", "list side emptied"])
def test_keeping_zotero_s_text_in_a_block_writes_nothing_to_zotero(tconfig, remote, tmp_path, how):
    """The user settles a conflict with exactly what Zotero has (by hand, or by emptying the list's side of the
    block): the block becomes that text, Zotero keeps its own HTML, no write is made, and both sides are in sync."""
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: from the list")
    remote.edit(keys[ADAIN], note=zotero_html("from zotero 中文"))
    pull([path], tconfig)
    text = Path(path).read_text(encoding="utf-8")
    list_marker = text.index("  <!-- zotsync:conflict list")
    zotero_marker = text.index("  <!-- zotsync:conflict zotero")
    after_zotero_marker = text.index("\n", zotero_marker) + 1
    if how == "markers deleted by hand":
        end = text.index("  <!-- zotsync:end -->")
        text = (
            text[:list_marker] + text[after_zotero_marker:end] + text[text.index("\n", end) + 1 :]
        )
    else:
        text = text[: text.index("\n", list_marker) + 1] + text[zotero_marker:]
    Path(path).write_text(text, encoding="utf-8")
    zotero_note = remote.item(keys[ADAIN])["note"]
    before = len(remote.writes())

    outcome = sync_both_ways([path], tconfig)
    assert outcome.push.plan.is_empty and len(remote.writes()) == before
    assert remote.item(keys[ADAIN])["note"] == zotero_note
    text = Path(path).read_text(encoding="utf-8")
    assert (
        "zotsync:conflict" not in text
        and "from zotero 中文" in text
        and "from the list" not in text
    )
    assert status([path], tconfig).in_sync
    again = sync_both_ways([path], tconfig)
    assert again.push.plan.is_empty and not again.pull.written and len(remote.writes()) == before


def test_a_version_bump_without_a_content_change_is_not_a_change(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    note = remote.item(keys[ADAIN])["note"]
    remote.edit(keys[ADAIN], note=note)  # re-saved, same bytes
    remote.edit(
        keys[IN], note='<div data-schema-version="9">' + remote.item(keys[IN])["note"] + "</div>"
    )  # re-wrapped
    assert status([path], tconfig).in_sync
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: edited in the list only")
    edit_list(path, "  - simple idea", "  - simple idea, edited")
    rows = status([path], tconfig).rows
    assert note_state(rows, ADAIN) == "list" and note_state(rows, IN) == "list"
    outcome = sync_both_ways([path], tconfig)
    assert not outcome.pull.written and not outcome.push.plan.conflicts
    assert "edited in the list only" in remote.item(keys[ADAIN])["note"]
    assert "simple idea, edited" in remote.item(keys[IN])["note"]


@pytest.mark.parametrize("policy", ["keep-list", "keep-zotero", "fail"])
def test_conflict_policies(policy, tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: the list's words")
    remote.edit(keys[ADAIN], note=zotero_html("zotero's words"))
    listed = Path(path).read_bytes()
    if policy == "fail":
        with pytest.raises(RefusedError):
            sync_both_ways([path], tconfig, on_conflict=policy)
        assert (
            Path(path).read_bytes() == listed
            and "zotero's words" in remote.item(keys[ADAIN])["note"]
        )
        return
    sync_both_ways([path], tconfig, on_conflict=policy)
    text, note = Path(path).read_text(encoding="utf-8"), remote.item(keys[ADAIN])["note"]
    winner = "the list's words" if policy == "keep-list" else "zotero's words"
    assert winner in text and winner in note and "zotsync:conflict" not in text
    assert status([path], tconfig).in_sync


def test_status_reports_item_and_collection_changes_on_each_side(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    item_key = remote.item(keys[ADAIN])["parentItem"]
    remote.edit(item_key, title="Retitled in Zotero")
    text = Path(path).read_text(encoding="utf-8")
    moved = text.replace(
        "## Other\n\n",
        "## Other\n\n" + text[text.index("- [Instance") : text.index("- [Arbitrary")],
    )
    Path(path).write_text(
        moved.replace(text[text.index("- [Instance") : text.index("- [Arbitrary")], "", 1),
        encoding="utf-8",
    )
    rows = {r.ident: r for r in status([path], tconfig).rows}
    assert rows[ADAIN].item == "zotero" and rows[ADAIN].collections == "unchanged"
    assert rows[IN].collections == "list" and rows[IN].item == "unchanged"
    sync_both_ways([path], tconfig)
    rows = {r.ident: r for r in status([path], tconfig).rows}
    assert (
        rows[IN].collections == "unchanged"
        and remote.item(item_key)["title"] == "Retitled in Zotero"
    )


def test_a_paper_taken_out_of_its_collection_in_zotero_stays_out_and_status_keeps_saying_so(
    tconfig, remote, tmp_path
):
    path, keys = setup_small(tconfig, tmp_path)
    item_key = remote.item(keys[ADAIN])["parentItem"]
    remote.edit(item_key, collections=[])
    for _ in range(2):
        rows = {r.ident: r for r in status([path], tconfig).rows}
        assert rows[ADAIN].collections == "zotero" and rows[IN].collections == "unchanged"
        outcome = sync_both_ways([path], tconfig)
        assert outcome.push.plan.is_empty and remote.item(item_key)["collections"] == []


def test_a_block_follows_zotero_edits_made_while_it_waits(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: list version")
    remote.edit(keys[ADAIN], note=zotero_html("zotero first"))
    pull([path], tconfig)
    remote.edit(keys[ADAIN], note=zotero_html("zotero second"))
    outcome = pull([path], tconfig)
    text = Path(path).read_text(encoding="utf-8")
    assert text.count("<!-- zotsync:conflict list") == 1 and "list version" in text
    assert "zotero second" in text and "zotero first" not in text
    assert [d.action for d in outcome.plan.acted] == ["conflict"]
    assert not pull([path], tconfig).written  # and then it waits quietly


def test_words_typed_into_the_zotero_side_of_a_block_survive_a_new_zotero_edit(
    tconfig, remote, tmp_path
):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: list version")
    remote.edit(keys[ADAIN], note=zotero_html("zotero first"))
    pull([path], tconfig)
    edit_list(path, "first point", "first point, annotated by me in the block")
    remote.edit(keys[ADAIN], note=zotero_html("zotero second"))
    pull([path], tconfig)
    text = Path(path).read_text(encoding="utf-8")
    assert (
        "annotated by me in the block" in text
        and "zotero second" in text
        and "list version" in text
    )
