"""Title cleaning: one row per habit seen in the real lists (and the traps next to them)."""

from __future__ import annotations

import pytest

from zotsync.parse.hints import looks_like_alias, match_venue, parse_date
from zotsync.parse.titles import clean_title

# text, title, venue, year, aliases, date
CASES = [
    (
        "Grounded Language-Image Pre-training(GLIP, CVPR 22)",
        "Grounded Language-Image Pre-training",
        "CVPR 22",
        2022,
        ("GLIP",),
        None,
    ),
    (
        "DIAGNOSING AND RECTIFYING VISION MODELS USING LANGUAGE, ICLR 2023",
        "DIAGNOSING AND RECTIFYING VISION MODELS USING LANGUAGE",
        "ICLR 2023",
        2023,
        (),
        None,
    ),
    (
        "Training Diffusion Models with Reinforcement Learning(DDPO)",
        "Training Diffusion Models with Reinforcement Learning",
        None,
        None,
        ("DDPO",),
        None,
    ),
    (
        "Directly Fine-Tuning Diffusion Models on Differentiable Rewards(DRaFT)",
        "Directly Fine-Tuning Diffusion Models on Differentiable Rewards",
        None,
        None,
        ("DRaFT",),
        None,
    ),
    (
        "VLAP: Bridging Vision and Language Spaces with Assignment Prediction(Apr. 15, 2024",
        "VLAP: Bridging Vision and Language Spaces with Assignment Prediction",
        None,
        2024,
        (),
        "2024-04-15",
    ),
    (
        "WCA: Visual-Text Cross Alignment: Refining the Similarity Score in Vision-Language Models(Jun 5, 2024)",
        "Visual-Text Cross Alignment: Refining the Similarity Score in Vision-Language Models",
        None,
        2024,
        ("WCA",),
        "2024-06-05",
    ),
    (
        "V2T Tokenizer: Beyond Text: Frozen Large Language Models in Visual Signal Comprehension",
        "Beyond Text: Frozen Large Language Models in Visual Signal Comprehension",
        None,
        None,
        ("V2T Tokenizer",),
        None,
    ),
    (
        "SoM prompting: List Items One by One: A New Data Source and Learning Paradigm for Multimodal LLMs",
        "List Items One by One: A New Data Source and Learning Paradigm for Multimodal LLMs",
        None,
        None,
        ("SoM prompting",),
        None,
    ),
    (
        "AlignGPT: AlignGPT: Multi-modal Large Language Models with Adaptive Alignment Capability",
        "AlignGPT: Multi-modal Large Language Models with Adaptive Alignment Capability",
        None,
        None,
        ("AlignGPT",),
        None,
    ),
    (
        "Alt-MoE: Alt-MoE: Multimodal Alignment via Alternating Optimization",
        "Alt-MoE: Multimodal Alignment via Alternating Optimization",
        None,
        None,
        ("Alt-MoE",),
        None,
    ),
    (
        "Multi-Modal Adapter: Multi-Modal Adapter for Vision-Language Models",
        "Multi-Modal Adapter for Vision-Language Models",
        None,
        None,
        ("Multi-Modal Adapter",),
        None,
    ),
    (
        "Visual Prompting: Rethinking Visual Prompting for Multimodal Large Language Models with External Knowledge",
        "Rethinking Visual Prompting for Multimodal Large Language Models with External Knowledge",
        None,
        None,
        ("Visual Prompting",),
        None,
    ),
    # real titles whose prefix must stay
    (
        "DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation",
        "DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation",
        None,
        None,
        (),
        None,
    ),
    (
        "KTO: Model Alignment as Prospect Theoretic Optimization",
        "KTO: Model Alignment as Prospect Theoretic Optimization",
        None,
        None,
        (),
        None,
    ),
    (
        "Towards Self-Improvement of LLMs via MCTS: Leveraging Stepwise Knowledge with Curriculum Preference Learning",
        "Towards Self-Improvement of LLMs via MCTS: Leveraging Stepwise Knowledge with Curriculum Preference Learning",
        None,
        None,
        (),
        None,
    ),
    (
        "Rectified Diffusion: Straightness Is Not Your Need in Rectified Flow",
        "Rectified Diffusion: Straightness Is Not Your Need in Rectified Flow",
        None,
        None,
        (),
        None,
    ),
    # asides that are part of the title stay
    (
        "The Trickle-down Impact of Reward (In-)consistency on RLHF",
        "The Trickle-down Impact of Reward (In-)consistency on RLHF",
        None,
        None,
        (),
        None,
    ),
    (
        "Large Language Models: A Survey (Extended Version)",
        "Large Language Models: A Survey (Extended Version)",
        None,
        None,
        (),
        None,
    ),
    # formatting noise
    (
        "Skywork-MoE: A Deep Dive into **Training Techniques** for Mixture-of-Experts Language Models",
        "Skywork-MoE: A Deep Dive into Training Techniques for Mixture-of-Experts Language Models",
        None,
        None,
        (),
        None,
    ),
    (
        "From r to Q∗ : Your Language Model is Secretly a Q-Function",
        "From r to Q∗: Your Language Model is Secretly a Q-Function",
        None,
        None,
        (),
        None,
    ),
    (
        "IPO:  A general theoretical paradigm to understand learning from human preferences.",
        "IPO: A general theoretical paradigm to understand learning from human preferences",
        None,
        None,
        (),
        None,
    ),
    (
        " X-VILA: Cross-Modality Alignment for Large Language Model",
        "X-VILA: Cross-Modality Alignment for Large Language Model",
        None,
        None,
        (),
        None,
    ),
    (
        "Scaling Laws of Synthetic Images for Model Training ... for Now",
        "Scaling Laws of Synthetic Images for Model Training ... for Now",
        None,
        None,
        (),
        None,
    ),
    (
        "NeurIPS 2023: Direct Preference Optimization",
        "Direct Preference Optimization",
        "NeurIPS 2023",
        2023,
        (),
        None,
    ),
    ("Diffusion-DPO", "Diffusion-DPO", None, None, (), None),
    (
        "`ReAct`: Synergizing Reasoning and Acting",
        "ReAct: Synergizing Reasoning and Acting",
        None,
        None,
        (),
        None,
    ),
]


@pytest.mark.parametrize(
    "text,title,venue,year,aliases,date", CASES, ids=[c[0][:40] for c in CASES]
)
def test_clean_title(text, title, venue, year, aliases, date):
    got = clean_title(text)
    assert (got.title, got.venue.name if got.venue else None, got.year, got.aliases, got.date) == (
        title,
        venue,
        year,
        aliases,
        date,
    )


def test_canonical_titles_keep_their_prefixes():
    got = clean_title("SoM prompting: List Items One by One: A New Data Source", nicknames=False)
    assert (
        got.title == "SoM prompting: List Items One by One: A New Data Source" and got.aliases == ()
    )


VENUES = [
    ("arXiv", "arXiv", None),
    ("Arxiv", "arXiv", None),
    ("NeurIPS", "NeurIPS", None),
    ("EMNLP Findings", "EMNLP Findings", None),
    ("Findings of EMNLP 2023", "EMNLP Findings 2023", 2023),
    ("ICRL", "ICLR", None),
    ("CVPR 22", "CVPR 22", 2022),
    ("ICLR 2023", "ICLR 2023", 2023),
    ("ACCV", "ACCV", None),
    ("ICML'24", "ICML 24", 2024),
    ("Nature", None, None),
    ("Code", None, None),
]


@pytest.mark.parametrize("text,name,year", VENUES)
def test_match_venue(text, name, year):
    venue = match_venue(text)
    assert (venue.name if venue else None, venue.year if venue else None) == (name, year)


@pytest.mark.parametrize(
    "text,iso",
    [
        ("Apr. 15, 2024", "2024-04-15"),
        ("Jun 5, 2024", "2024-06-05"),
        ("Apr 17, 2025", "2025-04-17"),
        ("15 April 2024", "2024-04-15"),
        ("2024-02-30", None),
        ("Mar 14", None),
        ("GLIP", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text,ok",
    [
        ("GLIP", True),
        ("DDPO", True),
        ("DRaFT", True),
        ("RPO", True),
        ("LoRA", True),
        ("SoM prompting", True),
        ("Extended", False),
        ("and more", False),
        ("Extended Version", False),
        ("a b c", False),
    ],
)
def test_looks_like_alias(text, ok):
    assert looks_like_alias(text) is ok


@pytest.mark.parametrize(
    "text, title",
    [
        ("Planning with learned dynamics, arXiv:cs/0112017", "Planning with learned dynamics"),
        (
            "Scaling Laws for Reward Model Overoptimization (arXiv: 2210.10760v1)",
            "Scaling Laws for Reward Model Overoptimization",
        ),
        (
            "On the Dangers of Stochastic Parrots. doi:10.1145/3442188.3445922",
            "On the Dangers of Stochastic Parrots",
        ),
        (
            "Denoising Diffusion Probabilistic Models [arXiv:2006.11239]",
            "Denoising Diffusion Probabilistic Models",
        ),
        # an identifier inside the title, or nothing but an identifier, stays as written
        ("Why arXiv:2410.08159 matters", "Why arXiv:2410.08159 matters"),
        ("arXiv:2410.08159", "arXiv:2410.08159"),
    ],
)
def test_an_identifier_written_after_the_title_is_not_part_of_it(text, title):
    assert clean_title(text).title == title


def test_the_identifier_after_a_title_still_links_the_entry():
    from zotsync.parse import parse_text

    [entry] = parse_text(
        "- Planning with learned dynamics, arXiv:cs/0112017\n", source="list.md"
    ).entries
    assert (entry.title, entry.arxiv_id) == ("Planning with learned dynamics", "cs/0112017")


@pytest.mark.parametrize(
    "raw,title,year,by",
    [
        (
            "Deep & Cross Network for Ad Click Predictions (Stanford 2017)",
            "Deep & Cross Network for Ad Click Predictions",
            2017,
            "Stanford",
        ),
        (
            "Wide & Deep Learning for Recommender Systems (Google 2016)",
            "Wide & Deep Learning for Recommender Systems",
            2016,
            "Google",
        ),
        (
            "CMU 15-721 Database Systems Reading List (Spring 2016)",
            "CMU 15-721 Database Systems Reading List",
            2016,
            None,
        ),
        (
            "Attention Is All You Need (the Transformer 2017)",
            "Attention Is All You Need (the Transformer 2017)",
            None,
            None,
        ),
    ],
)
def test_who_wrote_it_and_when_is_no_part_of_the_title(raw, title, year, by):
    cleaned = clean_title(raw)
    assert (cleaned.title, cleaned.year, cleaned.by) == (title, year, by)
