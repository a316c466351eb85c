"""A line is an entry by its title or a paper identifier, never by a link alone: a link to a
repository, blog or course whose text is no title (a phrase in Chinese) reads as the same
line without its link, a note. Paper links, titles and names stay entries."""

from __future__ import annotations

import re

import pytest

from zotsync.parse import parse_text
from zotsync.parse.kinds import entry_kind

RESOURCES = (
    "**其他相关资源**\n"
    "* [计算广告相关论文和资源列表](https://github.com/wzhe06/Ad-papers) <br />\n"
    "* [基于Spark MLlib的CTR prediction模型(LR, Random forest, GBDT, NN, PNN)](https://github.com/wzhe06/CTRmodel) <br />\n"
    "* [Honglei Zhang的推荐系统论文列表](https://github.com/hongleizhang/RSPapers)\n"
    "* [王喆的推荐系统博客](https://zhuanlan.zhihu.com/p/12345)\n"
    "\n"
    "## Papers\n"
    "* [Deep Interest Network for Click-Through Rate Prediction](https://arxiv.org/abs/1706.06978)\n"
    "  * [阿里巴巴的代码实现](https://github.com/zhougr1993/DeepInterestNetwork)\n"
    "* [[DCN] Deep & Cross Network for Ad Click Predictions (Stanford 2017)](https://github.com/wzhe06/Reco-papers/blob/master/DCN.pdf)\n"
)


def unlinked(text: str) -> str:
    return re.sub(r"\[([^\[\]]*(?:\[[^\]]*\][^\[\]]*)*)\]\([^)\s]*\)", r"\1", text)


@pytest.mark.parametrize("linked", [True, False], ids=["linked", "unlinked"])
def test_links_named_by_a_chinese_phrase_are_no_entries_with_or_without_the_link(linked):
    text = RESOURCES if linked else unlinked(RESOURCES)
    result = parse_text(text, "l.md")
    assert [(e.line, e.title, e.kind) for e in result.entries] == [
        (8, "Deep Interest Network for Click-Through Rate Prediction", "paper"),
        (10, "Deep & Cross Network for Ad Click Predictions", "paper"),
    ]
    assert {s.line for s in result.skipped} >= {2, 3, 4, 5}  # reported, with their lines
    (din, _) = result.entries
    assert "阿里巴巴的代码实现" in din.notes  # a Chinese note under a paper stays its note


@pytest.mark.parametrize(
    "line,kind",
    [
        ("- [libsodium](https://github.com/jedisct1/libsodium) - a crypto library", "repo"),
        ("- [awesome-llm](https://github.com/x/awesome-llm)", "repo"),
        (
            "- [The Illustrated Transformer](https://jalammar.github.io/illustrated-transformer/)",
            "blog",
        ),
        ("- [T5](https://arxiv.org/abs/1910.10683)", "paper"),
    ],
)
def test_names_titles_and_paper_links_stay_entries(line, kind):
    (entry,) = parse_text(line + "\n", "l.md").entries
    assert entry.kind == kind


def test_a_long_text_that_is_no_title_linked_to_code_is_not_a_paper_but_a_pdf_in_a_repo_is():
    code = "https://github.com/wzhe06/CTRmodel"
    assert (
        entry_kind(
            "基于Spark MLlib的CTR prediction模型(LR, Random forest, GBDT)",
            code,
            [code],
            has_id=False,
        )
        == "repo"
    )
    pdf = "https://github.com/wzhe06/Reco-papers/blob/master/x.pdf"
    assert (
        entry_kind(
            "xDeepFM - Combining Explicit and Implicit Feature Interactions",
            pdf,
            [pdf],
            has_id=False,
        )
        == "paper"
    )
