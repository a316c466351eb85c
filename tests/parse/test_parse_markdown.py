"""The Markdown walk on small hand-made lists: headings, notes, tables, bare URLs, detection."""

from __future__ import annotations

import textwrap

import pytest

from zotsync.parse import parse_text
from zotsync.parse.lines import looks_like_title


def parse(text, format=None):
    return parse_text(textwrap.dedent(text).lstrip("\n"), "list.md", format)


def test_long_heading_over_a_list_of_papers_is_a_section():
    r = parse("""
        ## Large Language Models for Code Generation
        - [Code Llama: Open Foundation Models for Code](https://arxiv.org/abs/2308.12950)
        - [StarCoder: may the source be with you](https://arxiv.org/abs/2305.06161)
        """)
    assert [e.section for e in r.entries] == [("Large Language Models for Code Generation",)] * 2


def test_paper_heading_with_notes_closes_sections_at_its_level():
    r = parse("""
        # Topic
        ### Sub
        Paper Title Under Sub
        ### Attention Is All You Need, NeurIPS 2017
        we read this twice

        * it uses multi-head attention

        ### Sub Two
        Another Paper Title Here
        """)
    under_sub, attn, other = r.entries
    assert under_sub.section == ("Topic", "Sub")
    assert (attn.title, attn.venue, attn.section) == (
        "Attention Is All You Need",
        "NeurIPS 2017",
        ("Topic",),
    )
    assert (
        attn.notes == "we read this twice\n\n* it uses multi-head attention"
        and attn.notes_span == (5, 7)
    )
    assert other.section == ("Topic", "Sub Two")


def test_heading_linking_a_paper_is_an_entry_and_linked_papers_below_are_entries_too():
    r = parse("""
        ## Topic
        ### [BERT](https://arxiv.org/abs/1810.04805)
        masked language modelling
        [RoBERTa: A Robustly Optimized BERT Pretraining Approach](https://arxiv.org/abs/1907.11692)
        """)
    bert, roberta = r.entries
    assert (bert.title, bert.notes, bert.section) == (
        "BERT",
        "masked language modelling",
        ("Topic",),
    )
    assert (roberta.arxiv_id, roberta.section, roberta.hints) == ("1907.11692", ("Topic",), {})


def test_heading_levels_scope_sections():
    r = parse("""
        # A
        ## B
        First Paper In B Section
        # C
        Paper In C Section
        ### D
        Paper In D Section
        """)
    assert [e.section for e in r.entries] == [("A", "B"), ("C",), ("C", "D")]


def test_notes_after_an_entry_and_nested_bullets():
    r = parse("""
        - [Paper One About Things](https://arxiv.org/abs/2401.00001)
          - my note, lower case
          - Another Note That Looks Like A Title
        - a comment on paper one
        - [Paper Two About Things](https://arxiv.org/abs/2401.00002v3)
        """)
    one, two = r.entries
    assert one.notes == (
        "  - my note, lower case\n  - Another Note That Looks Like A Title\n"
        "- a comment on paper one"
    )
    assert one.notes_span == (2, 4)
    assert (two.arxiv_id, two.arxiv_version, two.notes) == ("2401.00002", 3, "")


def test_text_before_any_entry_is_reported_not_dropped():
    r = parse("""
        this list collects papers i like.
        ## Section
        just a sentence about the section.
        A Real Paper Title
        """)
    assert [(s.line, s.reason) for s in r.skipped] == [
        (1, "not a paper title, and no entry above it to attach it to"),
        (3, "not a paper title, and no entry above it to attach it to"),
    ]
    assert [e.title for e in r.entries] == ["A Real Paper Title"]


def test_bare_url_lines_doi_and_code_fences():
    r = parse("""
        https://arxiv.org/abs/hep-th/9901001v2
        https://doi.org/10.1145/3442188.3445922
        ```
        Not A Title Inside Code
        ```
        """)
    a, b = r.entries
    assert (a.title, a.arxiv_id, a.arxiv_version, a.hints["bare_url"]) == (
        "",
        "hep-th/9901001",
        2,
        True,
    )
    assert (b.doi, b.ident) == ("10.1145/3442188.3445922", "doi:10.1145/3442188.3445922")
    assert b.notes == "```\nNot A Title Inside Code\n```"


def test_table_of_papers():
    r = parse("""
        # Reading
        | Title | Link | Notes | Year |
        |-------|------|-------|------|
        | Attention Is All You Need | https://arxiv.org/abs/1706.03762 | 经典 | 2017 |
        | [BERT](https://arxiv.org/abs/1810.04805) | | bidirectional \\| masked | |
        |  |  | orphan note | |
        After The Table Paper
        """)
    assert r.dialect == "table"
    attn, bert, after = r.entries
    assert (attn.title, attn.arxiv_id, attn.notes, attn.year, attn.dialect) == (
        "Attention Is All You Need",
        "1706.03762",
        "经典",
        2017,
        "table",
    )
    assert (bert.title, bert.arxiv_id, bert.notes) == (
        "BERT",
        "1810.04805",
        "bidirectional | masked",
    )
    assert attn.notes_span == (4, 4) and attn.section == ("Reading",)
    assert [(s.line, s.reason) for s in r.skipped] == [
        (6, "table row without a title or paper link")
    ]
    assert after.line == 7


def test_detection():
    table = "| Title | Link |\n|---|---|\n" + "".join(
        f"| Paper {i} Title | https://arxiv.org/abs/2401.0000{i} |\n" for i in range(4)
    )
    assert parse(table).dialect == "table"
    awesome = "".join(
        f"{i}. arXiv [Paper {i}](https://arxiv.org/abs/2401.0000{i}) (note)\n" for i in range(4)
    )
    assert parse(awesome).dialect == "awesome"
    hf = "".join(
        f"Paper Title Number {i}\n\n{'Sentence of an abstract. ' * 20}\n\n" for i in range(3)
    )
    assert parse(hf).dialect == "hf" and len(parse(hf).entries) == 3
    assert parse("Just One Paper Title\n").dialect == "markdown"


def test_forced_format_and_unknown_format():
    text = "Paper Title Number One\nAnother Paper Title Here\n"
    assert parse(text, "hf").dialect == "hf" and parse(text, "auto").dialect == "markdown"
    from zotsync.errors import InputError

    with pytest.raises(InputError, match="unknown list format"):
        parse(text, "rst")


@pytest.mark.parametrize(
    "line,ok",
    [
        ("Diffusion-DPO", True),
        ("KTO: Model Alignment as Prospect Theoretic Optimization", True),
        (
            "IPO:  A general theoretical paradigm to understand learning from human preferences.",
            True,
        ),
        ("d1: Scaling Reasoning in Diffusion Large Language Models", True),
        ("可能有用的结论", False),
        ("a totally new training paradigm, where we train a classifier", False),
        ("This is a repo for papers. Most are from AK's daily papers.", False),
        ("Notes:", False),
        ("", False),
    ],
)
def test_looks_like_title(line, ok):
    assert looks_like_title(line) is ok


def test_readme_furniture_is_not_a_paper():
    r = parse("""
        # Awesome Papers [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)
        ![overview](figs/overview.png)
        - [Diffusion Models](#diffusion-models)
        ## [Diffusion **Models**](#diffusion-models)
        - [DDPM: Denoising Diffusion Probabilistic Models](https://arxiv.org/abs/2006.11239) ![stars](https://img.shields.io/x.svg)
        """)
    (ddpm,) = r.entries
    assert (ddpm.section, ddpm.arxiv_id) == (("Awesome Papers", "Diffusion Models"), "2006.11239")
    assert ddpm.title == "DDPM: Denoising Diffusion Probabilistic Models" and ddpm.notes == ""
    assert [s.line for s in r.skipped] == [2, 3]


def test_other_common_awesome_shapes():
    r = parse("""
        - **Attention Is All You Need** [[paper](https://arxiv.org/abs/1706.03762)] [[code](https://github.com/t/t)]
        - Deep Residual Learning. He et al. CVPR 2016. [[pdf](https://arxiv.org/abs/1512.03385)]
        - [Denoising Diffusion Probabilistic Models](https://arxiv.org/abs/2006.11239) - Ho et al., NeurIPS 2020
        """)
    attn, resnet, ddpm = r.entries
    assert (attn.title, attn.arxiv_id, attn.links["code"], attn.tags) == (
        "Attention Is All You Need",
        "1706.03762",
        "https://github.com/t/t",
        (),
    )
    assert resnet.arxiv_id == "1512.03385"
    assert (ddpm.arxiv_id, ddpm.notes) == ("2006.11239", "Ho et al., NeurIPS 2020")


def test_long_heading_with_subheadings_is_a_section():
    r = parse("""
        ## Part One: Diffusion Models for Images
        ### Sampling
        Fast Sampling of Diffusion Models Paper
        """)
    assert [(e.title, e.section) for e in r.entries] == [
        (
            "Fast Sampling of Diffusion Models Paper",
            ("Part One: Diffusion Models for Images", "Sampling"),
        )
    ]


def test_setext_headings():
    r = parse("""
        Diffusion
        =========
        Denoising Diffusion Probabilistic Models

        Sampling
        --------
        Fast Sampling of Diffusion Models Paper

        ---

        After A Rule Paper Title
        """)
    assert [(e.title, e.section) for e in r.entries] == [
        ("Denoising Diffusion Probabilistic Models", ("Diffusion",)),
        ("Fast Sampling of Diffusion Models Paper", ("Diffusion", "Sampling")),
        ("After A Rule Paper Title", ("Diffusion", "Sampling")),
    ]
