"""One list line -> its parts: the awesome-list furniture, broken and duplicated links, tags."""

from __future__ import annotations

import pytest

from zotsync.parse.inline import tokenize
from zotsync.parse.items import parse_item
from zotsync.parse.lines import strip_list_marker


def test_tokenize_round_trips_the_line():
    line = "Arxiv [ACE: x](https://arxiv.org/abs/2410.00086) (https://arxiv.org/abs/2410.00086) (研究) [[Code](u)] **R**"
    segs = tokenize(line)
    assert "".join(line[s.start : s.end] for s in segs) == line
    assert [s.kind for s in segs if s.kind != "text"] == [
        "link",
        "paren",
        "paren",
        "double",
        "bold",
    ]


def test_awesome_item_with_everything():
    p = parse_item(
        "Arxiv [ACE: All-round Creator](https://arxiv.org/abs/2410.00086) (https://arxiv.org/abs/2410.00086)"
        " (研究多模态条件) [[Code](https://ali-vilab.github.io/ace-page/)] **ReadNotes 2**"
    )
    assert p.title == "ACE: All-round Creator" and p.venue.name == "arXiv"
    assert p.paper_url == "https://arxiv.org/abs/2410.00086"
    assert p.links == [("code", "https://ali-vilab.github.io/ace-page/")]
    assert p.notes == ["研究多模态条件"] and p.read_notes == 2


def test_broken_link_takes_the_following_url():
    p = parse_item(
        "EMNLP [Preserving Multi-Modal Capabilities]()https://arxiv.org/abs/2410.05210  (针对) **ReadNotes 4**"
    )
    assert p.broken_link and p.paper_url == "https://arxiv.org/abs/2410.05210"
    assert p.notes == ["针对"] and p.read_notes == 4 and p.venue.name == "EMNLP"


@pytest.mark.parametrize(
    "tail,read_notes,labels,links",
    [
        ("[[Code]]", None, ["Code"], []),
        ("[[**ReadNotes**]]", True, [], []),
        ("**[[ReadNotes]]**", True, [], []),
        ("**ReadNote**", True, [], []),
        ("**ReadNote 0**", 0, [], []),
        (
            "[[ReadNotes](https://zhuanlan.zhihu.com/p/814152843)]",
            True,
            [],
            [("notes", "https://zhuanlan.zhihu.com/p/814152843")],
        ),
        ("[[Website](https://rhymes.ai/)]", None, [], [("website", "https://rhymes.ai/")]),
        (
            "[[Project](https://video-t3.github.io/)]",
            None,
            [],
            [("project", "https://video-t3.github.io/")],
        ),
    ],
)
def test_markers_and_labels(tail, read_notes, labels, links):
    p = parse_item(f"arXiv [A Title](https://arxiv.org/abs/2410.07869) {tail}")
    assert (p.read_notes, p.labels_without_url, p.links) == (read_notes, labels, links)
    assert p.title == "A Title" and p.tags == []


def test_code_without_url_never_invents_one():
    p = parse_item("arXiv [MLLM as Retriever](https://arxiv.org/abs/2410.03450) (在具身) [[Code]] ")
    assert p.links == [] and p.labels_without_url == ["Code"]


def test_trailing_bold_is_a_tag_and_trailing_acronym_an_alias():
    assert parse_item(
        "[Adaptive Preference Scaling](https://arxiv.org/abs/2406.02764) **Scale DPO**"
    ).tags == ["Scale DPO"]
    assert parse_item(
        "[Relative Preference Optimization](https://arxiv.org/abs/2402.10958) RPO"
    ).aliases == ["RPO"]


def test_bold_inside_a_plain_title_stays_in_the_title():
    p = parse_item(
        "Skywork-MoE: A Deep Dive into **Training Techniques** for Mixture-of-Experts Language Models"
    )
    assert p.title_kind == "plain" and p.tags == []
    assert "**Training Techniques**" in p.title  # emphasis is removed by title cleaning, not here


def test_double_bracket_and_bracket_titles():
    p = parse_item(
        "[[Confronting Reward Model Overoptimization](https://openreview.net/forum?id=gkfUvn0fLU)]"
    )
    assert p.title_kind == "double" and p.paper_url.endswith("gkfUvn0fLU")
    p = parse_item("[Scaling laws for reward model overoptimization]")
    assert p.title_kind == "bracket" and p.paper_url is None


def test_bare_url_line_and_plain_title_with_url():
    p = parse_item("https://arxiv.org/abs/2401.00001v2")
    assert (
        p.title == ""
        and p.title_kind == "url"
        and p.paper_url == "https://arxiv.org/abs/2401.00001v2"
    )
    p = parse_item("Some Paper Title https://arxiv.org/abs/2401.00001 https://github.com/a/b")
    assert p.title == "Some Paper Title" and p.links == [("code", "https://github.com/a/b")]


def test_plain_line_with_chinese_paren_note():
    p = parse_item("Some Paper Title (这篇论文很有用，值得再读)")
    assert p.title == "Some Paper Title" and p.notes == ["这篇论文很有用，值得再读"]


def test_pathological_lines_are_fast():
    for line in ("[" * 50_000, "(" * 50_000 + ")" * 10, "**" * 30_000 + "*", "[a](" * 20_000):
        parse_item(line)  # no RecursionError, no quadratic blow-up (the suite would time out)


@pytest.mark.parametrize(
    "line,notes",
    [
        ("- [Nuts and Bolts of Encryption](https://example.org/n.pdf).", []),
        ("* [Wide & Deep Learning for Recommender Systems](https://example.org/w.pdf) <br />", []),
        (
            "* [Birthday problem](https://example.org/b) - The best simple explanation (math).",
            ["The best simple explanation", "math"],
        ),
        ('Vaswani et al. "Attention Is All You Need" (the Transformer).', ["the Transformer"]),
    ],
)
def test_the_full_stop_that_ends_a_line_is_no_note(line, notes):
    assert parse_item(strip_list_marker(line)[2]).notes == notes


@pytest.mark.parametrize(
    "text,title",
    [
        (
            "[Competition-Level Code Generation with AlphaCode](https://arxiv.org/abs/2203.07814)",
            "Competition-Level Code Generation with AlphaCode",
        ),
        (
            "[A Survey on PDF Parsing with Deep Learning](https://arxiv.org/abs/2401.00001)",
            "A Survey on PDF Parsing with Deep Learning",
        ),
        (
            "[Evaluating Large Language Models Trained on Code](https://arxiv.org/abs/2107.03374)",
            "Evaluating Large Language Models Trained on Code",
        ),
    ],
)
def test_a_title_holding_a_label_word_is_still_the_title(text, title):
    assert parse_item(text).title == title


@pytest.mark.parametrize(
    "label",
    ["official code - torch", "PyTorch code", "Code", "[pdf]", "Slides and video", "GitHub repo"],
)
def test_short_labels_are_not_titles(label):
    parts = parse_item(
        f"[Some Paper Title Here](https://arxiv.org/abs/2401.00001) [{label}](https://github.com/a/b)"
    )
    assert parts.title == "Some Paper Title Here"
    assert "https://github.com/a/b" in [url for _, url in parts.links]


@pytest.mark.parametrize("linked", [True, False], ids=["linked", "unlinked"])
def test_authors_with_their_affiliation_before_a_quoted_title(linked):
    pdf = "[[pdf]](https://arxiv.org/pdf/1802.06474.pdf)" if linked else "[pdf]"
    line = (
        "**[10]** Yijun Li, Ming-Yu Liu ,Xueting Li, Ming-Hsuan Yang,Jan Kautz (NVIDIA). "
        '"**A Closed-form Solution to Photorealistic Image Stylization**." arXiv preprint '
        f"arXiv:1802.06474(2018). {pdf} **(Very fast and ultra realistic style transfer)**"
    )
    assert parse_item(line).title == "A Closed-form Solution to Photorealistic Image Stylization"


@pytest.mark.parametrize(
    "lead,venue",
    [
        (
            r"\[2019 [RA-L](https://ieeexplore.ieee.org/xpl/RecentIssue.jsp?punumber=7083369)\]",
            "RA-L 2019",
        ),
        (
            r"\[2024 [TPAMI](https://ieeexplore.ieee.org/xpl/RecentIssue.jsp?punumber=34)\]",
            "TPAMI 2024",
        ),
        (r"\[2024 TPAMI\]", "TPAMI 2024"),
    ],
)
def test_a_bracketed_venue_before_the_title_may_link_the_venues_page(lead, venue):
    parts = parse_item(
        f"• {lead} Variational Object-aware 3D Hand Pose from a Single RGB Image. "
        r"[\[PDF\]](https://www.researchgate.net/x.pdf)"
    )
    assert (
        parts.title.rstrip(".") == "Variational Object-aware 3D Hand Pose from a Single RGB Image"
    )
    assert parts.venue is not None and parts.venue.name == venue
