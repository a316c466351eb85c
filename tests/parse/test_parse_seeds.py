"""The five real reading lists, read as a careful human would (counts made by hand).

000: 3 paper headings + 35 listed papers = 38 (the OpenReview paper gkfUvn0fLU is listed twice).
001: 97 title/abstract pairs after 5 chrome lines. 002: 119 pairs after 2 chrome lines and a
glued "Subscribe". 003: 39 papers with author counts and dates after 6 chrome lines.
004: 7 + 18 + 39 numbered items = 64; the intro sentence is reported, not an entry.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from zotsync.parse import parse_file

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
S000, S001, S002, S003, S004 = (
    str(SEEDS / name)
    for name in (
        "000_f3a17fb8dc4736dd.txt",
        "001_b36b5920c9660b6f.txt",
        "002_eac65c1a76fc0cb5.txt",
        "003_5081c8ff63b2ebaf.txt",
        "004_8c0d3416bb594b30.txt",
    )
)


@pytest.fixture(scope="module")
def parsed():
    return {path: parse_file(path) for path in (S000, S001, S002, S003, S004)}


def by_line(result, line):
    (entry,) = [e for e in result.entries if e.line == line]
    return entry


@pytest.mark.parametrize(
    "path,dialect,entries,skipped",
    [
        (S000, "markdown", 38, 0),
        (S001, "hf", 97, 5),
        (S002, "hf", 119, 3),
        (S003, "hf", 39, 6),
        (S004, "awesome", 64, 1),
    ],
)
def test_counts_and_dialects(parsed, path, dialect, entries, skipped):
    result = parsed[path]
    assert (result.dialect, len(result.entries), len(result.skipped)) == (dialect, entries, skipped)
    assert [e.line for e in result.entries] == sorted(
        e.line for e in result.entries
    )  # document order
    assert all(e.source == path for e in result.entries)


# ----------------------------------------------------------------------------- 000: personal notes


def test_000_sections(parsed):
    sections = Counter(e.section for e in parsed[S000].entries)
    lbd = "Language_based Detector"
    assert sections == {
        (): 3,
        (lbd,): 2,
        (lbd, "Data Scale"): 3,
        (lbd, "Composite RM"): 1,
        (lbd, "RM"): 5,
        (lbd, "MoE"): 2,
        (lbd, "Lora"): 4,
        (lbd, "RLHF"): 7,
        (lbd, "DPO and RLHF"): 10,
        (lbd, "解耦"): 1,
    }


def test_000_paper_headings_carry_their_notes(parsed):
    r = parsed[S000]
    first, diag, styler = by_line(r, 1), by_line(r, 5), by_line(r, 11)
    assert (
        first.title
        == "Fine-Tuning can Distort Pretrained Features and Underperform Out-of-Distribution"
    )
    assert first.notes == "" and first.notes_span is None and first.raw.startswith("#### ")
    assert diag.title == "DIAGNOSING AND RECTIFYING VISION MODELS USING LANGUAGE"
    assert (diag.venue, diag.year) == ("ICLR 2023", 2023)
    assert (
        diag.notes
        == "可能有用的结论\n\n* cross-model transferability phenomenon of this joint space, use text proxy for image task"
    )
    assert diag.notes_span == (7, 9)
    assert styler.notes.startswith(
        "prompt domain generalization -> image domain generalization, without any images. 通过prompt  synthesize"
    )
    assert styler.notes.endswith("running an inference with the classifier using image features.")
    assert styler.notes_span == (13, 15)


def test_000_notes_span_is_exact(parsed):
    lines = Path(S000).read_text(encoding="utf-8").split("\n")
    for e in parsed[S000].entries:
        if e.notes_span:
            a, b = e.notes_span
            assert "\n".join(lines[a - 1 : b]) == e.notes


def test_000_identifiers_and_the_paper_listed_twice(parsed):
    r = parsed[S000]
    assert {e.arxiv_id for e in r.entries if e.arxiv_id} == {
        "2304.11463",
        "2312.04567",
        "2306.00984",
        "2312.17742",
        "2307.13269",
        "2309.06657",
        "2402.10958",
        "2406.02900",
        "2405.15065",
        "2406.02764",
    }
    assert {e.openreview_id for e in r.entries if e.openreview_id} == {
        "gkfUvn0fLU",
        "fwCoLe3TAX",
        "jxpsAj7ltE",
        "w4abltTZ2f",
    }
    twice = [e for e in r.entries if e.ident == "openreview:gkfUvn0fLU"]
    assert [(e.line, e.section[-1]) for e in twice] == [(39, "Composite RM"), (49, "RM")]


def test_000_selected_entries(parsed):
    r = parsed[S000]
    glip = by_line(r, 23)
    assert (glip.title, glip.aliases, glip.venue, glip.year) == (
        "Grounded Language-Image Pre-training",
        ("GLIP",),
        "CVPR 22",
        2022,
    )
    assert by_line(r, 83).aliases == ("DDPO",) and by_line(r, 91).aliases == ("DRaFT",)
    assert (
        by_line(r, 45).title
        == "Rrhf: Rank responses to align language models with human feedback without tears"
    )
    skywork = by_line(r, 61)
    assert (
        skywork.title
        == "Skywork-MoE: A Deep Dive into Training Techniques for Mixture-of-Experts Language Models"
    )
    assert skywork.tags == ()
    scale = by_line(r, 115)
    assert (
        scale.tags == ("Scale DPO",)
        and scale.arxiv_id == "2406.02764"
        and scale.title.endswith("Human Feedback")
    )
    assert by_line(r, 103).aliases == ("RPO",)
    assert by_line(r, 97).title == "Diffusion-DPO" and by_line(r, 97).ident == "title:diffusion dpo"
    assert by_line(r, 121).section[-1] == "解耦"
    lora = [e.title for e in r.entries if e.section[-1:] == ("Lora",)]
    assert lora[2:] == [
        "SDXL-Lightning: Progressive Adversarial Diffusion Distillation",
        "Self-Correcting Self-Consuming Loops for Generative Model Training",
    ]
    assert by_line(r, 39).links == {
        "paper": "https://openreview.net/attachment?id=gkfUvn0fLU&name=pdf"
    }


# ----------------------------------------------------------------------------- 001-003: Hugging Face pages


@pytest.mark.parametrize("path", [S001, S002, S003])
def test_hf_pages_have_no_chrome_entries_and_every_entry_an_abstract(parsed, path):
    r = parsed[path]
    chrome = {
        "new",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
        "Mar 14",
        "Apr 13",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
    }
    assert not [e for e in r.entries if e.title in chrome or e.title.startswith("Subscribe")]
    assert {s.reason for s in r.skipped} == {"page chrome"}
    assert all(e.abstract and len(e.abstract) > 200 for e in r.entries)
    assert all(e.section == () and e.dialect == "hf" for e in r.entries)


def test_001_first_and_last(parsed):
    r = parsed[S001]
    assert [s.text for s in r.skipped] == [
        "new",
        "Get trending papers in your email inbox!",
        "Subscribe",
        "byAK and the research community",
        "Mar 14",
    ]
    first, last = r.entries[0], r.entries[-1]
    assert (first.line, first.title) == (11, "Improved Techniques for Training Consistency Models")
    assert first.abstract.startswith("Consistency models are a nascent family of generative models")
    assert (last.line, last.title) == (
        395,
        "TextCraftor: Your Text Encoder Can be Image Quality Controller",
    )
    assert (
        by_line(r, 375).title
        == "ConAIR:Consistency-Augmented Iterative Interaction Framework to Enhance the Reliability of Code Generation"
    )


def test_002_glued_title_is_split_and_reported(parsed):
    r = parsed[S002]
    first = r.entries[0]
    assert (first.line, first.title) == (
        3,
        "CoDe: Blockwise Control for Denoising Diffusion Models",
    )
    assert first.raw == "SubscribeCoDe: Blockwise Control for Denoising Diffusion Models"
    assert [(s.line, s.text) for s in r.skipped][-1] == (3, "Subscribe")
    assert (
        by_line(r, 51).title
        == "d1: Scaling Reasoning in Diffusion Large Language Models via Reinforcement Learning"
    )
    assert (
        r.entries[-1].title
        == "VIST3A: Text-to-3D by Stitching a Multi-view Reconstruction Network to a Video Generator"
    )


def test_003_authors_dates_upvotes(parsed):
    r = parsed[S003]
    first = r.entries[0]
    assert (
        first.title
        == "Post-pre-training for Modality Alignment in Vision-Language Foundation Models"
    )
    assert first.hints == {"authors_count": 5, "date": "2025-04-17"} and first.year == 2025
    escaping = by_line(r, 77)
    assert escaping.hints == {"authors_count": 8, "date": "2025-03-07", "upvotes": 2}
    assert by_line(r, 229).hints["authors_count"] == 1
    last = r.entries[-1]
    assert (
        last.title
        == "Margin-aware Preference Optimization for Aligning Diffusion Models without Reference"
    )
    assert last.hints == {"authors_count": 6, "date": "2024-06-10", "upvotes": 2}
    assert all("authors_count" in e.hints and "date" in e.hints for e in r.entries)


# ----------------------------------------------------------------------------- 004: awesome list


def test_004_sections_and_skipped_intro(parsed):
    r = parsed[S004]
    assert Counter(e.section for e in r.entries) == {
        ("Diffusion Model",): 7,
        ("LLMs",): 18,
        ("LVLMs",): 39,
    }
    assert [(s.line, s.text[:25]) for s in r.skipped] == [(1, "This is a repo for organi")]
    assert all(e.arxiv_id for e in r.entries)  # every item links arXiv
    assert len({e.arxiv_id for e in r.entries}) == 64


def test_004_broken_and_duplicated_links(parsed):
    r = parsed[S004]
    broken = by_line(r, 41)
    assert broken.arxiv_id == "2410.05210" and broken.hints["broken_link"] is True
    assert (
        broken.title
        == "Preserving Multi-Modal Capabilities of Pre-trained VLMs for Improving Vision-Linguistic Compositionality"
    )
    assert broken.hints["read_notes"] == 4 and broken.notes.startswith("针对LVLM中组合理解能力增强")
    dup = by_line(r, 9)
    assert dup.arxiv_id == "2410.00086" and dup.links == {
        "paper": "https://arxiv.org/abs/2410.00086",
        "code": "https://ali-vilab.github.io/ace-page/",
    }
    assert "https://" not in dup.notes
    assert by_line(r, 38).arxiv_id == "2409.20018"


def test_004_titles_venues_aliases(parsed):
    r = parsed[S004]
    expect = {
        5: (
            "DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation",
            "arXiv",
            (),
        ),
        11: ("Image Copy Detection for Diffusion Models", "NeurIPS", ()),
        29: ("LongGenBench: Long-context Generation Benchmark", "EMNLP Findings", ()),
        55: ("TinyEmo: Scaling down Emotional Reasoning via Metric Projection", "ACCV", ()),
        63: ("VLAP: Bridging Vision and Language Spaces with Assignment Prediction", "ICLR", ()),
        64: (
            "Beyond Text: Frozen Large Language Models in Visual Signal Comprehension",
            "arXiv",
            ("V2T Tokenizer",),
        ),
        65: (
            "List Items One by One: A New Data Source and Learning Paradigm for Multimodal LLMs",
            "arXiv",
            ("SoM prompting",),
        ),
        66: (
            "AlignGPT: Multi-modal Large Language Models with Adaptive Alignment Capability",
            "arXiv",
            ("AlignGPT",),
        ),
        67: (
            "Rethinking Visual Prompting for Multimodal Large Language Models with External Knowledge",
            None,
            ("Visual Prompting",),
        ),
        68: ("X-VILA: Cross-Modality Alignment for Large Language Model", "arXiv", ()),
        70: ("Vision Transformers Need Registers", "ICLR", ()),
        72: (
            "Visual-Text Cross Alignment: Refining the Similarity Score in Vision-Language Models",
            "ICML",
            ("WCA",),
        ),
        73: ("Multi-Modal Adapter for Vision-Language Models", "arXiv", ("Multi-Modal Adapter",)),
        74: (
            "Alt-MoE: Multimodal Alignment via Alternating Optimization of Multi-directional MoE with Unimodal Models",
            "arXiv",
            ("Alt-MoE",),
        ),
    }
    for line, (title, venue, aliases) in expect.items():
        e = by_line(r, line)
        assert (e.title, e.venue, e.aliases) == (title, venue, aliases), line
    vlap, wca = by_line(r, 63), by_line(r, 72)
    assert (vlap.hints["date"], vlap.year, vlap.hints["venue_as_written"]) == (
        "2024-04-15",
        2024,
        "ICRL",
    )
    assert (wca.hints["date"], wca.year) == ("2024-06-05", 2024)
    assert by_line(r, 73).arxiv_id == "2409.02958"  # www.arxiv.org link


def test_004_notes_links_and_markers(parsed):
    r = parsed[S004]
    illustrious = by_line(r, 10)
    assert illustrious.notes == (
        "提出了动漫图像生成模型Illustrious，深入探讨了三种模型改进方法：首先是batch size和 dropout，"
        "然后是训练图像分辨率以及训练数据中的多粒度文本\n**Notes**：训练数据中的多粒度文本咋怎么用的"
    )
    assert illustrious.notes_span == (10, 10) and illustrious.hints["notes_inline"] is True
    assert by_line(r, 17).links == {"paper": "https://arxiv.org/abs/2410.07869"}
    assert by_line(r, 17).hints["labels_without_url"] == ["Code"]
    assert by_line(r, 23).hints["read_notes"] == 2
    assert by_line(r, 25).hints["read_notes"] is True
    assert (
        by_line(r, 44).hints["read_notes"] == 0
        and "Ps: 1. FID这个值本身并没有什么意义" in by_line(r, 44).notes
    )
    assert by_line(r, 39).links["notes"] == "https://zhuanlan.zhihu.com/p/814152843"
    assert by_line(r, 45).links["website"] == "https://rhymes.ai/"
    assert by_line(r, 49).links == {
        "paper": "https://arxiv.org/abs/2410.06166",
        "project": "https://video-t3.github.io/",
    }
    platonic = by_line(r, 60)
    assert platonic.links["code"] == "https://github.com/minyoungg/platonic-rep"
    assert platonic.raw.split("\n")[1] == "    [[Code](https://github.com/minyoungg/platonic-rep)]"
    assert (
        by_line(r, 30).notes
        == "探索大语言模型的任务泛化能力与微调时数据指令多样性之间的关系\nNotes: 大语言模型的泛化能力是如何评测的，衡量指令多样性的指标"
    )
    assert all(e.tags == () for e in r.entries)


@pytest.mark.parametrize("path", [S000, S004])
def test_every_arxiv_and_openreview_id_in_the_file_reaches_an_entry(parsed, path):
    import re

    text = Path(path).read_text(encoding="utf-8")
    arxiv = set(re.findall(r"arxiv\.org/abs/(\d{4}\.\d{4,5})", text))
    openreview = set(re.findall(r"openreview\.net/\w+\?id=([\w-]+)", text))
    entries = parsed[path].entries
    assert arxiv == {e.arxiv_id for e in entries if e.arxiv_id}
    assert openreview == {e.openreview_id for e in entries if e.openreview_id}
