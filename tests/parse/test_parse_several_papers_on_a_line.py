"""A line naming several papers gives one entry each, and each keeps what was written about
it: a note between two papers is the first one's, what follows the last paper (its year, a
description) is the last one's, and the joining words (``and``) are nobody's note. An article
written just outside a link (``The [R*-tree: …](…)``) is the title's first word. The same
with or without the links."""

from __future__ import annotations

import re

import pytest

from zotsync.parse import parse_text


def unlinked(text: str) -> str:
    return re.sub(r"\[([^\[\]]*)\]\([^)\s]*\)", r"\1", text)


def read(text: str) -> list[tuple[str, str]]:
    return [(e.title, e.notes) for e in parse_text(text, "l.md").entries]


YEARS = (
    "* [Efficient Locking for Concurrent Operations on B-Trees](papers/btree.pdf) (1981) and The "
    "[R*-tree: An Efficient and Robust Access Method for Points and Rectangles](papers/rstar.pdf) "
    "(1990): B-Tree is a core data structure in databases.\n"
)


@pytest.mark.parametrize("linked", [True, False], ids=["linked", "unlinked"])
def test_two_papers_with_their_years_and_a_description(linked):
    assert read(YEARS if linked else unlinked(YEARS)) == [
        ("Efficient Locking for Concurrent Operations on B-Trees", "1981"),
        (
            "The R*-tree: An Efficient and Robust Access Method for Points and Rectangles",
            "1990\nB-Tree is a core data structure in databases.",
        ),
    ]


def test_two_linked_papers_keep_their_own_notes():
    text = (
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (the Transformer) and "
        "[BERT: Pre-training of Deep Bidirectional Transformers](https://arxiv.org/abs/1810.04805)"
        " (encoder only)\n"
    )
    entries = parse_text(text, "l.md").entries
    assert [(e.arxiv_id, e.notes) for e in entries] == [
        ("1706.03762", "the Transformer"),
        ("1810.04805", "encoder only"),
    ]


def test_each_paper_a_footnote_cites_keeps_its_own_note():
    text = (
        "# Notes\n\nAs shown before[^1].\n\n"
        '[^1]: Vaswani et al. "Attention Is All You Need" (the Transformer); Devlin et al. '
        '"BERT: Pre-training of Deep Bidirectional Transformers" (encoder only).\n'
    )
    assert read(text) == [
        ("Attention Is All You Need", "the Transformer"),
        ("BERT: Pre-training of Deep Bidirectional Transformers", "encoder only"),
    ]


@pytest.mark.parametrize("linked", [True, False], ids=["linked", "unlinked"])
def test_an_article_just_outside_the_link_is_the_titles_first_word(linked):
    text = "- The [Google File System](papers/gfs.pdf) (2003)\n"
    assert [t for t, _ in read(text if linked else unlinked(text))] == ["The Google File System"]


@pytest.mark.parametrize("linked", [True, False], ids=["linked", "unlinked"])
def test_an_item_repeating_its_heading_with_a_description_is_an_entry(linked):
    text = (
        "#### Post-quantum cryptography\n\n"
        "* [Post-quantum cryptography](https://example.org/pqc.pdf) - Introduction to post-quantum "
        "cryptography and its schemes.\n"
    )
    assert [t for t, _ in read(text if linked else unlinked(text))] == ["Post-quantum cryptography"]


@pytest.mark.parametrize("linked", [True, False], ids=["linked", "unlinked"])
def test_fields_continued_on_the_next_line_belong_to_the_title_above(linked):
    text = (
        "- **[C-MIL]** C-MIL: Continuation Multiple Instance Learning for Weakly Supervised Object "
        "Detection\n | **[CVPR' 19]** |[pdf](https://arxiv.org/pdf/1904.05647.pdf) | "
        "[official code - torch](https://github.com/AnonymousIDs/C-MIL)\n"
    )
    entries = parse_text(text if linked else unlinked(text), "l.md").entries
    assert [(e.line, e.title, e.arxiv_id) for e in entries] == [
        (
            1,
            "C-MIL: Continuation Multiple Instance Learning for Weakly Supervised Object Detection",
            "1904.05647" if linked else None,
        )
    ]
