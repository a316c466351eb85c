"""Title normalisation and scoring tables: LaTeX, accents, stemming, near-duplicates, decisions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from resolve_fakes import entry

from zotsync.model import Candidate, Paper, Status
from zotsync.resolve import matching
from zotsync.resolve.matching import (
    decide,
    latex_to_text,
    normalise,
    query_title,
    rank,
    title_similarity,
)


@pytest.mark.parametrize(
    "raw, text",
    [
        (r"$Q^*$: Improving Multi-step Reasoning", "Q*: Improving Multi-step Reasoning"),
        (r"From $r$ to $Q^*$: Your Language Model", "From r to Q*: Your Language Model"),
        (r"Schr\"odinger Bridges", "Schrödinger Bridges"),
        (r"$\alpha$-Divergence and $\beta$-VAE", "α-Divergence and β-VAE"),
        (r"\textbf{Bold} and \emph{emph} titles", "Bold and emph titles"),
        (r"Learning in $O(n^{2})$ time", "Learning in O(n2) time"),
        (r"64$\times$64 ImageNet", "64×64 ImageNet"),
        ("No LaTeX: at all", "No LaTeX: at all"),
    ],
)
def test_latex_to_text(raw, text):
    assert latex_to_text(raw) == text


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Q∗: Improving Multi-step Reasoning",
            r"$Q^*$: Improving Multi-step Reasoning",
        ),  # LaTeX vs Unicode
        ("Schrodinger Bridges", "Schrödinger Bridges"),  # accents
        (
            "Rrhf: Rank responses to align language models",
            "RRHF: Rank Responses to Align Language Models",
        ),  # case
        (
            "Only-IF:Revealing the Decisive Effect",
            "Only-IF: Revealing the Decisive Effect",
        ),  # punctuation
        (
            "Improved Technique for Training Consistency Model",
            "Improved Techniques for Training Consistency Models",
        ),  # stemming
        ("Optimisation of Neural Networks", "Optimization of Neural Networks"),  # UK/US
        ("“Quoted” — Title", '"Quoted" - Title'),
    ],
)
def test_equivalent_titles_normalise_alike(a, b):
    assert normalise(a) == normalise(b)
    assert title_similarity(a, b) == 1.0


@pytest.mark.parametrize(
    "listed, canonical, low, high",
    [
        # near-duplicates must stay well below the default threshold (0.90)
        (
            "Improved Techniques for Training Consistency Models",
            "Improved Training Technique for Latent Consistency Models",
            0.0,
            0.86,
        ),
        ("Consistency Models", "Latent Consistency Models", 0.0, 0.86),
        (
            "Vision Transformers Need Registers",
            "Vision Transformers Need Registers for Dense Prediction",
            0.0,
            0.86,
        ),
        (
            "Scaling Laws for Reward Model Overoptimization",
            "Scaling Laws for Reward Model Overoptimization in Multi-Objective RLHF",
            0.0,
            0.86,
        ),
        # a typo is still the same paper
        (
            "Fine-Tunning can Distort Pretrained Features and Underperform Out-of-Distribution",
            "Fine-Tuning can Distort Pretrained Features and Underperform Out-of-Distribution",
            0.95,
            1.0,
        ),
        # the list omitted the main title or the subtitle
        (
            "Better Aligning Text-to-Image Models with Human Preference",
            "Human Preference Score: Better Aligning Text-to-Image Models with Human Preference",
            0.9,
            0.95,
        ),
        ("Grounded Language-Image Pre-training", "Grounded Language-Image Pretraining", 0.95, 1.0),
        ("Attention Is All You Need", "Something Else Entirely About Graphs", 0.0, 0.4),
    ],
)
def test_similarity_bands(listed, canonical, low, high):
    assert low <= title_similarity(listed, canonical) <= high


def test_query_title_is_a_safe_phrase():
    assert (
        query_title(r'$Q^*$: "Improving" (Multi-step) {Reasoning}')
        == "Q*: Improving Multi-step Reasoning"
    )


def test_signals_break_ties_and_contradictions_pull_down():
    paper = Paper(
        title="A Study of Things",
        year=2023,
        authors=("A", "B", "C"),
        abstract="We study things in depth.",
    )
    plain = matching.score(entry("A Study of Things"), paper)
    agreeing = matching.score(
        entry(
            "A Study of Things",
            hints={"authors_count": 3, "date": "2023-05-01"},
            abstract="We study things in depth.",
        ),
        paper,
    )
    contradicting = matching.score(
        entry(
            "A Study of Things",
            year=2015,
            abstract="Completely unrelated words about marine biology.",
        ),
        paper,
    )
    assert agreeing == plain == 1.0  # clamped
    assert contradicting < 0.9


def _cands(*pairs):
    return [Candidate(Paper(title=t, arxiv_id=i), s, "arxiv") for t, i, s in pairs]


def test_decide_clear_winner_close_call_and_nothing():
    e = entry("Improved Techniques for Training Consistency Models")
    win = decide(e, _cands(("x", "1", 0.97), ("y", "2", 0.70)), 0.9, 0.08)
    assert win.status is Status.RESOLVED and win.candidate.paper.arxiv_id == "1"
    close = decide(e, _cands(("x", "1", 0.95), ("y", "2", 0.92)), 0.9, 0.08)
    assert (
        close.status is Status.REVIEW
        and len(close.candidates) == 2
        and "close call" in close.reason
    )
    low = decide(e, _cands(("x", "1", 0.8)), 0.9, 0.08)
    assert low.status is Status.REVIEW
    none = decide(e, _cands(("x", "1", 0.2)), 0.9, 0.08)
    assert none.status is Status.UNRESOLVED and none.reason == "no match"
    assert decide(e, [], 0.9, 0.08).status is Status.UNRESOLVED


def test_acronym_only_needs_a_unique_named_corroborated_paper_from_two_sources():
    e = entry("Diffusion-DPO")
    named = Paper(
        title="Diffusion-DPO: Direct Preference Optimization for Discrete Diffusion",
        arxiv_id="1",
        year=2024,
    )
    other = Paper(
        title="Diffusion Model Alignment Using Direct Preference Optimization", arxiv_id="2"
    )
    one = rank(e, [(named, "arxiv")])
    assert decide(e, one, 0.9, 0.08, sources_agreeing=1).status is Status.REVIEW
    # two services agreeing on the only paper named by it is not enough without the list's own evidence
    assert decide(e, one, 0.9, 0.08, sources_agreeing=2).status is Status.REVIEW
    dated = entry("Diffusion-DPO", hints={"date": "2024-03-01"})
    assert (
        decide(dated, rank(dated, [(named, "arxiv")]), 0.9, 0.08, sources_agreeing=2).status
        is Status.RESOLVED
    )
    both = rank(e, [(named, "arxiv"), (other, "hf")])
    assert decide(e, both, 0.9, 0.08, sources_agreeing=2).status is Status.REVIEW
    assert decide(e, [], 0.9, 0.08).status is Status.UNRESOLVED


@given(st.text(max_size=80), st.text(max_size=80))
def test_similarity_is_bounded_and_reflexive(a, b):
    s = title_similarity(a, b)
    assert 0.0 <= s <= 1.0
    if matching.tokens(a):
        assert title_similarity(a, a) == 1.0
