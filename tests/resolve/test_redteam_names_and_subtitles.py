"""Red-team, through the emulators: lists that name papers the way people talk, and lists that
leave the subtitle out. Each case carries its trap — a paper the rule must never pick.

* **Nicknames and descriptions** (``ViT``, ``BERT``, ``AlphaEvolve``, a Chinese description):
  never decided automatically; looked up by name; the right paper is the first review
  candidate and the reason says, per candidate, why it is there. Traps: the same acronym in
  another field, a follow-up named after it, papers that only mention it.
* **Subtitle omitted** (``Main`` for ``Main: Subtitle``): resolves when one paper has that
  main part; two papers sharing the main part, or a paper titled exactly ``Main``, are never
  lost to the subtitle's paper.
"""

from __future__ import annotations

import json

import pytest
from resolve_fakes import emulated_config, entry

from zotsync.model import Paper, Status
from zotsync.resolve import parse_entries, resolve_entries
from zotsync.resolve.nicknames import evidence, name_of

SERVICES = ("arxiv", "s2", "hf")

PAPERS = [
    # --- nicknames: the papers
    {
        "arxiv_id": "2010.11929",
        "title": "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale",
        "abstract": "We show that a pure transformer applied directly to sequences of image "
        "patches can perform very well on image classification tasks. Vision Transformer "
        "(ViT) attains excellent results compared to convolutional networks.",
        "published": "2020-10-22",
        "authors": ["Alexey Dosovitskiy", "Lucas Beyer"],
    },
    {
        "arxiv_id": "1810.04805",
        "title": "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        "abstract": "We introduce a new language representation model called BERT, which stands "
        "for Bidirectional Encoder Representations from Transformers.",
        "published": "2018-10-11",
        "authors": ["Jacob Devlin", "Ming-Wei Chang"],
    },
    {
        "arxiv_id": "2506.13131",
        "title": "AlphaEvolve: A coding agent for scientific and algorithmic discovery",
        "abstract": "We present AlphaEvolve, an evolutionary coding agent that improves "
        "algorithms by orchestrating language models.",
        "published": "2025-06-16",
        "authors": ["Alexander Novikov", "Ngan Vu"],
    },
    # --- nicknames: the traps
    {
        "arxiv_id": "2012.12877",
        "title": "Training data-efficient image transformers & distillation through attention",
        "abstract": "We produce competitive convolution-free transformers; we compare with ViT "
        "and other vision transformers on ImageNet.",
        "published": "2020-12-23",
        "authors": ["Hugo Touvron"],
    },
    {
        "arxiv_id": "2203.16527",
        "title": "ViT: Vibration Transfer for Structural Health Monitoring",
        "abstract": "We propose ViT, a vibration transfer method for bridges.",
        "published": "2016-03-30",
        "categories": ["eess.SP"],
        "authors": ["Ola Nordmann"],
    },
    {
        "arxiv_id": "2004.02984",
        "title": "BERT-of-Theseus: Compressing BERT by Progressive Module Replacing",
        "abstract": "We propose a compression method for BERT by progressive module replacing.",
        "published": "2020-02-07",
        "authors": ["Canwen Xu"],
    },
    {
        "arxiv_id": "2507.00001",
        "title": "Reproducing Evolutionary Coding Agents",
        "abstract": "We reproduce results reported for AlphaEvolve and similar agents.",
        "published": "2025-07-01",
        "authors": ["Kim Lee"],
    },
    # --- subtitle omitted: the papers
    {
        "arxiv_id": "2404.02258",
        "title": "Mixture of Depths Transformers: Dynamically Allocating Compute in "
        "Transformer-Based Language Models",
        "published": "2024-04-02",
        "authors": ["David Raposo", "Sam Ritter"],
    },
    {
        "arxiv_id": "2305.18290",
        "title": "Preference Optimization Without Reward Models: Your Language Model is "
        "Secretly a Reward Model",
        "published": "2023-05-29",
        "authors": ["Rafael Rafailov"],
    },
    # --- subtitle omitted: the traps (two papers share a main part; an exact title exists)
    {
        "arxiv_id": "2401.10001",
        "title": "Sparse Mixture Routing for Vision: Experts at Scale",
        "published": "2024-01-10",
        "authors": ["Ana Silva"],
    },
    {
        "arxiv_id": "2402.10002",
        "title": "Sparse Mixture Routing for Vision: A Study of Load Balancing",
        "published": "2024-02-10",
        "authors": ["Ben Okoro"],
    },
    {
        "arxiv_id": "2403.10003",
        "title": "Token Merging for Fast Stable Diffusion",
        "published": "2023-03-10",
        "authors": ["Daniel Bolya"],
    },
    {
        "arxiv_id": "2403.10004",
        "title": "Token Merging for Fast Stable Diffusion: Extensions to Video",
        "published": "2024-03-10",
        "authors": ["Mia Chen"],
    },
]

LIST = """# Reading

## Models

| Year | Name | Note |
| ---- | ---- | ---- |
| 2020 | ViT | 视觉 Transformer |
| 2018 | BERT | 预训练语言模型 |
| 2025 | 谷歌的 AlphaEvolve 编程智能体 | 算法发现 |

## Papers

- Mixture of Depths Transformers
- Preference Optimization Without Reward Models
- Sparse Mixture Routing for Vision
- Token Merging for Fast Stable Diffusion
"""


@pytest.fixture
def report(emulator_factory, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    servers = {s: emulator_factory(s, "--corpus", str(corpus)) for s in SERVICES}
    listing = tmp_path / "list.md"
    listing.write_text(LIST, encoding="utf-8")
    cfg = emulated_config(servers, tmp_path / "zotsync.lock")
    rep = resolve_entries(parse_entries([str(listing)]), cfg)
    return {r.entry.title: r.resolution for r in rep.rows}


@pytest.mark.parametrize(
    "listed, want",
    [
        ("ViT", "2010.11929"),
        ("BERT", "1810.04805"),
        ("谷歌的 AlphaEvolve 编程智能体", "2506.13131"),
    ],
)
def test_a_nickname_is_reviewed_with_the_named_paper_first(report, listed, want):
    res = report[listed]
    assert res.status is Status.REVIEW  # never decided on a name alone
    assert res.candidates[0].paper.arxiv_id == want, res.reason
    assert res.reason.startswith("nickname") and "1) " + want in res.reason
    first = res.reason.split("1) ", 1)[1].split(" | ", 1)[0]
    assert "its abstract introduces" in first or "its title is named" in first


def test_the_reason_says_why_each_trap_is_there_and_ranks_it_lower(report):
    res = report["ViT"]
    ranked = [c.paper.arxiv_id for c in res.candidates]
    assert ranked.index("2010.11929") < ranked.index("2203.16527")  # other field, year off
    assert "2016, but the list says 2020" in res.reason
    assert "only mentions 'ViT'" in res.reason  # the paper comparing with ViT


@pytest.mark.parametrize(
    "listed, want",
    [
        ("Mixture of Depths Transformers", "2404.02258"),
        ("Preference Optimization Without Reward Models", "2305.18290"),
        ("Token Merging for Fast Stable Diffusion", "2403.10003"),  # the exact title wins
    ],
)
def test_a_list_omitting_the_subtitle_finds_the_paper(report, listed, want):
    res = report[listed]
    assert res.status is Status.RESOLVED and res.paper.arxiv_id == want, res.reason


def test_two_papers_sharing_the_main_part_stay_in_review(report):
    res = report["Sparse Mixture Routing for Vision"]
    assert res.status is Status.REVIEW
    assert {c.paper.arxiv_id for c in res.candidates[:2]} == {"2401.10001", "2402.10002"}


@pytest.mark.parametrize(
    "title, name",
    [
        ("ViT", "ViT"),
        ("Llama 2", "Llama 2"),
        ("阿里同义千问 Qwen2.5-Coder 技术报告", "Qwen2.5-Coder"),
        ("开启NLP基于神经网络的推理时代", None),  # a description with no name in it
        ("Attention Is All You Need", None),  # a title
    ],
)
def test_name_of(title, name):
    assert name_of(entry(title)) == name


def test_evidence_never_counts_a_name_inside_another_word():
    paper = Paper(title="Elevation Maps", arxiv_id="2101.00001", abstract="We use DeViTa models.")
    assert evidence(entry("ViT"), "ViT", paper).score == 0
