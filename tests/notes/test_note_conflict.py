"""Conflict blocks keep both versions in the list, are found again, and resolve by editing or policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from notegen import list_notes

from zotsync.errors import InputError
from zotsync.notes.conflict import (
    ConflictBlock,
    conflict_line_spans,
    detect_conflicts,
    render_conflict,
    resolution,
    resolve,
)
from zotsync.notes.hashing import hash_html, hash_markdown
from zotsync.notes.rewrite import BlockNoteEdit, apply_edit

SEED0 = Path(__file__).resolve().parent.parent / "data" / "seeds" / "000_f3a17fb8dc4736dd.txt"
LIST_SIDE = "可能有用的结论\n\n* cross-model transferability phenomenon"
ZOTERO_SIDE = (
    "可能有用的结论（已读）\n\n* cross-model transferability\n* use text proxy for image task"
)


def test_block_shape_is_documented_and_hidden_by_renderers():
    block = render_conflict(
        "arxiv:2410.08159", "mine", "theirs", zotero_edited="2026-11-22T04:10:00Z"
    )
    mine, theirs = hash_markdown("mine")[:19], hash_markdown("theirs")[:19]
    assert block.split("\n") == [
        f'<!-- zotsync:conflict list id="arxiv:2410.08159" hash="{mine}" '
        "(keep what you want, then delete these marker lines) -->",
        "mine",
        f'<!-- zotsync:conflict zotero edited="2026-11-22T04:10:00Z" hash="{theirs}" -->',
        "theirs",
        "<!-- zotsync:end -->",
    ]
    markers = [line for line in block.split("\n") if line.startswith("<!--")]
    assert all(m.endswith("-->") and "--" not in m[4:-3] for m in markers)  # valid HTML comments


def test_written_into_a_seed_list_and_detected_again():
    data = SEED0.read_bytes()
    block = render_conflict(
        "title:diagnosing and rectifying vision models using language",
        LIST_SIDE,
        ZOTERO_SIDE,
        zotero_edited="2026-11-22",
    )
    new = apply_edit(data, "utf-8", BlockNoteEdit(block, span=(7, 9)))
    found = detect_conflicts(new.decode())
    assert len(found) == 1
    b = found[0]
    assert (b.ident, b.list_text, b.zotero_text, b.zotero_edited) == (
        "title:diagnosing and rectifying vision models using language",
        LIST_SIDE,
        ZOTERO_SIDE,
        "2026-11-22",
    )
    assert b.span == (7, 7 + block.count("\n"))
    assert conflict_line_spans(new.decode()) == [b.span]
    # everything outside the block is the list as it was
    lines, old = new.decode().split("\n"), data.decode().split("\n")
    assert lines[:6] == old[:6] and lines[b.end_line :] == old[9:]


def test_indented_block_under_a_list_item():
    block = render_conflict("arxiv:2410.04717", "旧笔记", "新笔记", indent="   ")
    text = (
        "16. arXiv [Only-IF](https://arxiv.org/abs/2410.04717) (旧笔记)\n\n"
        + block
        + "\n17. next\n"
    )
    [b] = detect_conflicts(text)
    assert (b.list_text, b.zotero_text, b.indent) == ("旧笔记", "新笔记", "   ")


def test_several_blocks_each_tied_to_its_entry():
    text = "\n".join(
        [
            "# A",
            "",
            render_conflict("arxiv:1", "a1", "z1"),
            "",
            "# B",
            "",
            render_conflict('doi:10.1/x--y"z', "a2", "z2"),
            "",
        ]
    )
    blocks = detect_conflicts(text)
    assert [b.ident for b in blocks] == ["arxiv:1", 'doi:10.1/x--y"z']
    assert [(b.list_text, b.zotero_text) for b in blocks] == [("a1", "z1"), ("a2", "z2")]


def test_a_block_containing_titles_and_headings_stays_one_block():
    """Text inside a block that looks like another entry never escapes it."""
    zotero = "#### Not a section\n\n[Another Paper](https://arxiv.org/abs/2401.00001)"
    [b] = detect_conflicts(render_conflict("arxiv:2", "x", zotero))
    assert b.zotero_text == zotero


def test_empty_sides_are_kept_empty():
    [b] = detect_conflicts(render_conflict("arxiv:3", "", "only zotero"))
    assert (b.list_text, b.zotero_text) == ("", "only zotero")


@pytest.mark.parametrize(
    "text,line",
    [
        ('<!-- zotsync:conflict list id="a" -->\nx\n', 1),  # never ends
        (
            '<!-- zotsync:conflict list id="a" -->\nx\n<!-- zotsync:end -->\n',
            3,
        ),  # end before zotero marker
        ("x\n<!-- zotsync:conflict zotero -->\ny\n", 2),  # zotero marker without begin
        ("<!-- zotsync:end -->\n", 1),
        (
            "<!-- zotsync:conflict list -->\n<!-- zotsync:conflict zotero -->\n<!-- zotsync:end -->\n",
            1,
        ),  # no id
        (
            '<!-- zotsync:conflict list id="a" -->\n<!-- zotsync:conflict list id="b" -->\n',
            2,
        ),  # nested begin
    ],
)
def test_broken_markers_are_an_input_error_with_the_line(text, line):
    with pytest.raises(InputError, match=f"^line {line}:"):
        detect_conflicts(text)


def test_ordinary_html_comments_are_not_blocks():
    assert detect_conflicts("<!-- a comment -->\n<!-- zotsync is great -->\n") == []


def _block(list_text, zotero_text):
    return ConflictBlock("arxiv:1", list_text, zotero_text, None, 1, 5)


@pytest.mark.parametrize(
    "list_text,zotero_text,expected",
    [
        ("mine", "theirs", None),
        ("", "theirs", "theirs"),
        ("mine", "  \n", "mine"),
        ("same\n\n\n\ntext  ", "same\n\ntext", "same\n\n\n\ntext  "),
    ],
)
def test_resolution_by_editing_the_block(list_text, zotero_text, expected):
    assert resolution(_block(list_text, zotero_text)) == expected


def test_a_side_deleted_before_the_block_was_written_is_not_a_choice():
    [b] = detect_conflicts(render_conflict("arxiv:4", "edited in the list", ""))
    assert "(deleted)" in render_conflict("arxiv:4", "edited in the list", "")
    assert b.written_empty("zotero") and resolution(b) is None  # still the user's call
    accepted = b.__class__(**{**b.__dict__, "list_text": ""})  # the user accepts the deletion
    assert resolution(accepted) == ""


def test_zotero_changed_since_the_block_was_written():
    [b] = detect_conflicts(render_conflict("arxiv:5", "mine", "theirs"))
    assert not b.zotero_changed_since(hash_html("<p>theirs</p>"))
    assert b.zotero_changed_since(hash_html("<p>theirs, edited again</p>"))
    assert b.zotero_changed_since(None)


def test_resolve_policies():
    b = _block("mine", "theirs")
    assert resolve(b, "list") == "mine"
    assert resolve(b, "zotero") == "theirs"
    assert resolve(b, "both") == "mine\n\ntheirs"
    with pytest.raises(ValueError):
        resolve(b, "newest")


@settings(max_examples=examples(30), deadline=None)
@given(list_notes("*"), list_notes("-"), st.sampled_from(["", "   "]))
def test_any_two_notes_survive_a_block_intact(list_text, zotero_text, indent):
    text = (
        "1. [T](https://arxiv.org/abs/2410.08159)\n\n"
        + render_conflict("arxiv:2410.08159", list_text, zotero_text, indent=indent)
        + "\n"
    )
    [b] = detect_conflicts(text)
    assert (b.list_text, b.zotero_text) == (list_text, zotero_text)
