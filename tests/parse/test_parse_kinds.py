"""Entry kinds and the ids of an entry: what a list names besides papers, and where ids come from."""

from __future__ import annotations

import pytest

from zotsync.parse import parse_text
from zotsync.parse.kinds import entry_kind, url_kind


@pytest.mark.parametrize(
    "url,kind",
    [
        ("https://arxiv.org/abs/1706.03762", "paper"),
        ("https://www.usenix.org/system/files/conference/osdi16/osdi16-abadi.pdf", "paper"),
        ("papers/codd-relational.pdf", "paper"),
        ("https://github.com/openai/gpt-2", "repo"),
        ("https://github.com/openai", "website"),
        ("https://huggingface.co/meta-llama/Llama-2-7b", "model"),
        ("https://huggingface.co/datasets/squad", "dataset"),
        ("https://huggingface.co/spaces/foo/bar", "tool"),
        ("https://huggingface.co/papers/2410.08159", "paper"),
        ("https://www.youtube.com/watch?v=abc", "video"),
        ("https://medium.com/@x/some-post-123", "blog"),
        ("https://openai.com/blog/chatgpt", "blog"),
        ("https://www.coursera.org/learn/machine-learning", "course"),
        ("http://cs231n.stanford.edu/slides/2017/lecture1.pdf", "course"),
        ("http://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.202.pdf", "standard"),
        ("https://www.deeplearningbook.org/", "book"),
        ("https://example.com/about", None),
    ],
)
def test_url_kind(url, kind):
    assert url_kind(url) == kind


def test_entry_kind_rules():
    assert (
        entry_kind("libsodium", "https://github.com/jedisct1/libsodium", [], has_id=False) == "repo"
    )
    # a long title linked to its code is still a paper: its title finds it
    long_title = "Deep Residual Learning for Image Recognition"
    assert entry_kind(long_title, "https://github.com/KaimingHe/x", [], has_id=False) == "paper"
    assert (
        entry_kind(
            "LSTM", "https://github.com/a/b", ["https://arxiv.org/abs/1503.04069"], has_id=False
        )
        == "paper"
    )
    assert entry_kind("Some plain title", None, [], has_id=False) == "paper"
    assert entry_kind("Talk", "https://youtu.be/x", [], has_id=True) == "paper"


def test_parse_marks_non_papers_and_keeps_their_line():
    text = (
        "- [libsodium](https://github.com/jedisct1/libsodium) - a crypto library\n"
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
        "- [The Illustrated Transformer](https://jalammar.github.io/illustrated-transformer/)\n"
        "- [Lecture 1](https://www.youtube.com/watch?v=abc)\n"
    )
    entries = parse_text(text, "l.md").entries
    assert [(e.line, e.kind) for e in entries] == [
        (1, "repo"),
        (2, "paper"),
        (3, "blog"),
        (4, "video"),
    ]


def test_ids_carry_where_they_came_from_whatever_the_label():
    text = (
        "- Attention Is All You Need. [[PDF](https://arxiv.org/pdf/1706.03762v5)] "
        "[[code](https://github.com/x/y)] (arXiv:1706.03762, https://aclanthology.org/P18-1001)\n"
    )
    (entry,) = parse_text(text, "l.md").entries
    assert entry.arxiv_id == "1706.03762" and entry.arxiv_version == 5
    got = [(f.scheme, f.value, f.where, f.label) for f in entry.ids]
    assert got == [
        ("arxiv", "1706.03762", "link", "PDF"),
        ("arxiv", "1706.03762", "text", None),
        ("acl", "P18-1001", "url", None),
    ]
    assert all(f.line == 1 for f in entry.ids)
    assert "ids_disagree" not in entry.hints


def test_an_id_in_the_label_that_disagrees_with_the_link_is_kept_and_reported():
    text = "##### [\\[arXiv:2101.00001\\]](https://arxiv.org/abs/2102.00002) Some Hand Pose Paper Title\n"
    (entry,) = parse_text(text, "l.md").entries
    assert {(f.value, f.where) for f in entry.ids} == {
        ("2101.00001", "text"),
        ("2102.00002", "link"),
    }
    assert entry.hints["ids_disagree"] == ["arxiv:2101.00001", "arxiv:2102.00002"]


def test_an_id_alone_on_the_line_under_a_title_is_the_titles_id():
    text = (
        "- Holography and the AdS/CFT correspondence\n"
        "\t- arxiv:hep-th/9905111\n"
        "- A plain title with notes\n"
        "  - builds on arXiv:1706.03762 in its second section\n"
    )
    first, second = parse_text(text, "l.md").entries
    assert first.arxiv_id == "hep-th/9905111"
    assert [(f.where, f.line) for f in first.ids] == [("text", 2)]
    assert second.arxiv_id is None and second.ids == ()
