"""Content hashes ignore what is not content; the three-way classifier decides push/pull/conflict."""

from __future__ import annotations

import pytest

from zotsync.notes.hashing import (
    hash_html,
    hash_markdown,
    normalise_markdown,
    three_way,
    zotero_side_hash,
)
from zotsync.zotero.notes import note_html

NOTES = "可能有用的结论\n\n* cross-model **transferability**, see [paper](https://arxiv.org/abs/2304.11463)"
PUSHED = note_html("n-1", NOTES, {"code": "https://github.com/a/b"})


# The same note as Zotero may hand it back without anyone changing its content.
SAME_CONTENT = [
    ("as-pushed", PUSHED),
    (
        "wrapper-lost-after-editor-save",
        '<div data-schema-version="9"><p>可能有用的结论</p><ul><li><p>cross-model <strong>transferability</strong>, '
        'see <a href="https://arxiv.org/abs/2304.11463" rel="noopener noreferrer nofollow">paper</a></p></li></ul></div>',
    ),
    (
        "schema-version-bump",
        PUSHED.replace(
            '<div data-zotsync="n-1">', '<div data-schema-version="10"><div data-zotsync="n-1">'
        )
        + "</div>",
    ),
    (
        "whitespace-between-tags",
        PUSHED.replace("<p>", "\n  <p>").replace("<ul>", "\n<ul>\n").replace("</li>", "</li>\n"),
    ),
    ("entity-spelling", PUSHED.replace("可能", "&#21487;&#x80FD;")),
    ("b-instead-of-strong", PUSHED.replace("<strong>", "<b>").replace("</strong>", "</b>")),
    (
        "attribute-order-and-quotes",
        PUSHED.replace(
            '<a href="https://arxiv.org/abs/2304.11463">',
            "<a rel='nofollow' href='https://arxiv.org/abs/2304.11463'>",
        ),
    ),
    ("empty-paragraph-added", PUSHED.replace("</ul>", "</ul><p></p>")),
    (
        "links-paragraph-dropped",
        PUSHED.replace('<p>Links: <a href="https://github.com/a/b">Code</a></p>', ""),
    ),
]


@pytest.mark.parametrize("html", [c[1] for c in SAME_CONTENT], ids=[c[0] for c in SAME_CONTENT])
def test_zotero_noise_is_not_a_change(html):
    assert hash_html(html) == hash_markdown(NOTES)


# The same list notes in other spellings.
SAME_MARKDOWN = [
    NOTES.replace("\n", "\r\n"),
    NOTES.replace("* ", "- "),
    NOTES.replace("* ", "+ "),
    NOTES.replace("**", "__"),
    NOTES.replace("\n\n", "\n\n\n\n"),
    NOTES + "   \n\n",
    "\n" + NOTES.replace("结论", "结论  "),
    NOTES.replace("cross-model", "cross-model  "),
    NOTES.replace("可能有用的结论\n\n", "可能有用的结论\n"),
]


@pytest.mark.parametrize("variant", SAME_MARKDOWN)
def test_list_spelling_is_not_a_change(variant):
    assert hash_markdown(variant) == hash_markdown(NOTES)


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s.replace("结论", "结果"),
        lambda s: s.replace("**transferability**", "transferability"),
        lambda s: s.replace("2304.11463", "2304.11464"),
        lambda s: s + "\n* one more point",
        lambda s: s.replace("\n\n", "\n\n---\n\n"),
    ],
)
def test_real_edits_change_the_hash(edit):
    assert hash_markdown(edit(NOTES)) != hash_markdown(NOTES)
    assert hash_html(note_html("n-1", edit(NOTES))) != hash_html(PUSHED)


def test_no_note_hashes_to_none():
    assert hash_markdown("") is None
    assert hash_markdown("  \n\n") is None
    assert hash_markdown(None) is None
    assert hash_html(None) is None
    assert hash_html('<div data-schema-version="9"><p></p></div>') is None


def test_hash_format_is_versioned():
    assert hash_markdown("x").startswith("n1:") and len(hash_markdown("x")) == 3 + 64


def test_normalise_markdown_examples():
    assert (
        normalise_markdown("- a\r\n-  b\r\n\r\n\r\n1) c  \n__d__ _e_")
        == "* a\n* b\n\n1. c\n**d** *e*"
    )
    assert normalise_markdown("snake_case_name $L_a$") == "snake_case_name $L_a$"
    assert normalise_markdown("    indented code") == "    indented code"


B, L, Z = "n1:base", "n1:list", "n1:zotero"


@pytest.mark.parametrize(
    "base,list_hash,zotero_hash,expected",
    [
        (B, B, B, "unchanged"),
        (B, L, B, "list"),
        (B, B, Z, "zotero"),
        (B, L, Z, "both"),
        (B, L, L, "converged"),
        (B, None, B, "list"),  # notes deleted in the list
        (B, B, None, "zotero"),  # note deleted in Zotero
        (B, None, Z, "both"),  # deleted on one side, edited on the other: a conflict, nothing lost
        (None, L, None, "list"),  # new notes in the list
        (None, None, Z, "zotero"),  # a note appeared in Zotero
        (None, None, None, "unchanged"),
    ],
)
def test_three_way(base, list_hash, zotero_hash, expected):
    assert three_way(base, list_hash, zotero_hash) == expected


def test_three_way_with_a_separate_zotero_base():
    assert three_way(B, B, Z, zotero_base=Z, separate_zotero_base=True) == "unchanged"
    assert three_way(B, L, Z, zotero_base=Z, separate_zotero_base=True) == "list"


def test_version_bump_without_content_change_is_unchanged():
    base_hash = hash_markdown(NOTES)
    bumped = SAME_CONTENT[1][1]  # re-saved by the editor, new version
    z = zotero_side_hash(base_version=41, version=57, base_hash=base_hash, note_html=bumped)
    assert three_way(base_hash, hash_markdown(NOTES), z) == "unchanged"


def test_same_version_skips_hashing():
    assert zotero_side_hash(41, 41, "n1:stored", note_html="<p>whatever</p>") == "n1:stored"
    assert zotero_side_hash(41, 42, "n1:stored", note_html="<p>whatever</p>") == hash_markdown(
        "whatever"
    )
