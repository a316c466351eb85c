"""A list item holding only labelled links, one of them naming a paper by its identifier
(``- [PDF](https://arxiv.org/abs/…)``, ``- [Paper1](…)``), is that paper, as a bare paper URL
is: an entry with its identifier and no title (the resolver finds the title; none is made up).
It stays the link of the entry above when it can be: indented under it, or under a title that
names no paper by an identifier yet."""

from __future__ import annotations

import pytest

from zotsync.parse import parse_text

ITEMS = [
    "- [PDF](https://arxiv.org/abs/2401.00001)",
    "- [Paper1](https://arxiv.org/abs/2401.00001)",
    "* [[pdf]](https://arxiv.org/pdf/2401.00001.pdf)",
    "1. [arXiv](https://arxiv.org/abs/2401.00001) [[code](https://github.com/a/b)]",
    "- Paper: https://arxiv.org/abs/2401.00001",
]


@pytest.mark.parametrize("item", ITEMS)
def test_a_label_linked_identifier_alone_is_an_entry_without_a_title(item):
    result = parse_text(f"## Topic\n\n{item}\n", "l.md")
    (entry,) = result.entries
    assert (entry.title, entry.arxiv_id, entry.kind, entry.section) == (
        "",
        "2401.00001",
        "paper",
        ("Topic",),
    )
    assert result.skipped == ()


@pytest.mark.parametrize("item", ITEMS)
def test_it_is_a_paper_of_its_own_after_an_entry_that_names_another(item):
    text = f"- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n{item}\n"
    entries = parse_text(text, "l.md").entries
    assert [(e.line, e.title, e.arxiv_id) for e in entries] == [
        (1, "Attention Is All You Need", "1706.03762"),
        (2, "", "2401.00001"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "- Attention Is All You Need\n  - [PDF](https://arxiv.org/abs/2401.00001)\n",
        "- Attention Is All You Need\n- [PDF](https://arxiv.org/abs/2401.00001)\n",
        "**Attention Is All You Need**\n\n- Paper: https://arxiv.org/abs/2401.00001\n",
        "- [Attention Is All You Need](https://arxiv.org/abs/2401.00001)\n"
        "- [PDF](https://arxiv.org/pdf/2401.00001v2)\n",
    ],
)
def test_it_stays_the_link_of_a_title_above_that_can_take_it(text):
    (entry,) = parse_text(text, "l.md").entries
    assert (entry.title, entry.arxiv_id) == ("Attention Is All You Need", "2401.00001")


def test_a_label_without_a_paper_identifier_is_no_entry():
    result = parse_text("- [PDF](https://example.org/slides.pdf)\n", "l.md")
    assert result.entries == () and [s.line for s in result.skipped] == [1]
