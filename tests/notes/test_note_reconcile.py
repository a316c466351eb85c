"""One note's sync decision, case by case (the state machine in test_note_sync_property mixes them)."""

from __future__ import annotations

import pytest

from zotsync.notes.conflict import detect_conflicts, render_conflict
from zotsync.notes.hashing import hash_markdown
from zotsync.notes.reconcile import reconcile
from zotsync.notes.style import NoteStyle
from zotsync.zotero.notes import note_html

STYLE = NoteStyle()
OLD, MINE, THEIRS = "旧的笔记\n\n* a", "list edit\n\n* a\n* b", "zotero edit **bold**"
BASE = hash_markdown(OLD)


def z(markdown: str) -> str | None:
    """Zotero's note after its editor saved ``markdown`` (wrapper gone, schema div added)."""
    return f'<div data-schema-version="9">{note_html("x", markdown)}</div>' if markdown else None


def test_unchanged_even_after_an_editor_resave():
    assert reconcile(BASE, OLD, z(OLD), STYLE).outcome == "unchanged"


def test_list_edit_is_pushed():
    d = reconcile(BASE, MINE, z(OLD), STYLE)
    assert (d.outcome, d.zotero_notes, d.list_notes, d.base) == (
        "push",
        MINE,
        None,
        hash_markdown(MINE),
    )


def test_zotero_edit_is_pulled_in_the_lists_style():
    d = reconcile(BASE, OLD, z(THEIRS + "\n\n* x"), NoteStyle(bullet="-"))
    assert (d.outcome, d.list_notes, d.zotero_notes) == (
        "pull",
        "zotero edit **bold**\n\n- x",
        None,
    )
    assert d.base == hash_markdown(THEIRS + "\n\n* x")


def test_both_sides_same_edit_converges():
    d = reconcile(BASE, MINE, z(MINE), STYLE)
    assert (d.outcome, d.base, d.list_notes, d.zotero_notes) == (
        "converged",
        hash_markdown(MINE),
        None,
        None,
    )


def test_both_sides_edited_keeps_both_and_leaves_zotero_alone():
    d = reconcile(BASE, MINE, z(THEIRS), STYLE)
    assert (d.outcome, d.conflict, d.zotero_notes, d.list_notes) == (
        "conflict",
        (MINE, THEIRS),
        None,
        None,
    )


@pytest.mark.parametrize(
    "policy,outcome,text", [("keep-list", "push", MINE), ("keep-zotero", "pull", THEIRS)]
)
def test_conflict_policies(policy, outcome, text):
    d = reconcile(BASE, MINE, z(THEIRS), STYLE, policy=policy)
    assert d.outcome == outcome and (d.zotero_notes or d.list_notes) == text


def test_deleted_in_zotero_while_edited_in_the_list_is_a_conflict_keeping_the_edit():
    d = reconcile(BASE, MINE, None, STYLE)
    assert (d.outcome, d.conflict) == ("conflict", (MINE, ""))


def test_deletion_propagates_when_the_other_side_is_unchanged():
    assert reconcile(BASE, "", z(OLD), STYLE).zotero_notes == ""
    assert reconcile(BASE, OLD, None, STYLE).list_notes == ""


def _block(list_text, zotero_text):
    [b] = detect_conflicts(render_conflict("arxiv:1", list_text, zotero_text))
    return b


def test_an_unresolved_block_is_pending():
    assert reconcile(BASE, "", z(THEIRS), STYLE, block=_block(MINE, THEIRS)).outcome == "pending"


def test_a_block_settled_by_emptying_zoteros_side_pushes_the_list_text():
    b = _block(MINE, THEIRS)
    settled = b.__class__(**{**b.__dict__, "zotero_text": ""})
    d = reconcile(BASE, "", z(THEIRS), STYLE, block=settled)
    assert (d.outcome, d.list_notes, d.zotero_notes, d.base) == (
        "resolved",
        MINE,
        MINE,
        hash_markdown(MINE),
    )


def test_a_block_settled_for_zotero_rewrites_only_the_list():
    b = _block(MINE, THEIRS)
    settled = b.__class__(**{**b.__dict__, "list_text": ""})
    d = reconcile(BASE, "", z(THEIRS), STYLE, block=settled)
    assert (d.outcome, d.list_notes, d.zotero_notes) == ("resolved", THEIRS, None)


def test_a_policy_settles_an_existing_block():
    d = reconcile(BASE, "", z(THEIRS), STYLE, block=_block(MINE, THEIRS), policy="keep-list")
    assert (d.outcome, d.list_notes, d.zotero_notes) == ("resolved", MINE, MINE)


def test_zotero_edited_again_refreshes_the_block_keeping_the_users_side():
    d = reconcile(BASE, "", z("a third version"), STYLE, block=_block(MINE, THEIRS))
    assert (d.outcome, d.conflict) == ("conflict", (MINE, "a third version"))


def test_a_choice_made_in_the_block_survives_a_new_zotero_edit():
    b = _block(MINE, THEIRS)
    chose_theirs = b.__class__(**{**b.__dict__, "list_text": ""})
    d = reconcile(BASE, "", z("a third version"), STYLE, block=chose_theirs)
    assert (d.outcome, d.conflict) == ("conflict", (THEIRS, "a third version"))


def test_text_typed_into_the_zotero_side_of_a_block_survives_a_new_zotero_edit():
    b = _block(MINE, THEIRS)
    typed = b.__class__(**{**b.__dict__, "zotero_text": THEIRS + " merged by hand"})
    d = reconcile(BASE, "", z("a third version"), STYLE, block=typed)
    assert d.conflict == (MINE + "\n\n" + THEIRS + " merged by hand", "a third version")


@pytest.mark.parametrize(
    "policy,list_notes,zotero_notes",
    [("keep-list", MINE, MINE), ("keep-zotero", "a third version", None)],
)
def test_policies_settle_a_block_even_after_a_new_zotero_edit(policy, list_notes, zotero_notes):
    d = reconcile(BASE, "", z("a third version"), STYLE, block=_block(MINE, THEIRS), policy=policy)
    assert (d.outcome, d.list_notes, d.zotero_notes) == ("resolved", list_notes, zotero_notes)


def test_removing_the_markers_after_a_conflict_pushes_what_is_left():
    conflict = reconcile(BASE, MINE, z(THEIRS), STYLE)
    assert conflict.store_base  # the base moves to Zotero's version, now shown in the list
    merged = MINE + "\n\n" + THEIRS  # the user merged by hand and deleted the markers
    d = reconcile(conflict.base, merged, z(THEIRS), STYLE)
    assert (d.outcome, d.zotero_notes) == ("push", merged)


def test_unknown_policy():
    with pytest.raises(ValueError, match="keep-both"):
        reconcile(BASE, OLD, z(OLD), STYLE, policy="newest-wins")


def test_inline_entries_compare_line_by_line():
    """Awesome-list parentheticals: Zotero paragraphs and <br> lines are the same note."""
    inline = NoteStyle().as_inline()
    notes = "提出了动漫图像生成模型\n**Notes**：训练数据"
    base = hash_markdown(notes)
    assert (
        reconcile(
            base, notes, "<p>提出了动漫图像生成模型<br><strong>Notes</strong>：训练数据</p>", inline
        ).outcome
        == "unchanged"
    )
    assert (
        reconcile(
            base,
            notes,
            '<div data-schema-version="9"><p>提出了动漫图像生成模型</p>'
            "<p><strong>Notes</strong>：训练数据</p></div>",
            inline,
        ).outcome
        == "unchanged"
    )
    d = reconcile(base, notes, "<p>提出了动漫图像生成模型</p><p>新的一条</p>", inline)
    assert (d.outcome, d.list_notes) == ("pull", "提出了动漫图像生成模型\n新的一条")
