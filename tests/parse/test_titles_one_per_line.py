"""A list of titles pasted one per line, without list markers or blank lines, is a list of
papers, not a paragraph of prose (it read as prose: 357 titles gave 0 entries)."""

from __future__ import annotations

from zotsync.parse import parse_text

TITLES = [
    "Fine-Tuning can Distort Pretrained Features and Underperform Out-of-Distribution",
    "DIAGNOSING AND RECTIFYING VISION MODELS USING LANGUAGE, ICLR 2023",
    "gen2seg: Generative Models Enable Generalizable Instance Segmentation",
    "What can a Single Attention Layer Learn? A Study Through the Random Features Lens",
    "IPO:  A general theoretical paradigm to understand learning from human preferences.",
    "Pixtral 12B",
    "Scaling Laws of Synthetic Images for Model Training ... for Now",
]


def _titles(text, name="list.txt"):
    return [e.title for e in parse_text(text, name).entries]


def test_titles_one_per_line_are_entries():
    for name in ("list.txt", "list.md"):
        got = _titles("\n".join(TITLES) + "\n", name)
        assert len(got) == len(TITLES), (name, got)
        assert got[2].startswith("gen2seg") and got[5] == "Pixtral 12B"


def test_a_wrapped_paragraph_of_prose_is_still_prose():
    prose = (
        "We study how reward models are trained and what they learn from the data.\n"
        "Our results show that the training signal is noisy. We then propose a fix\n"
        "that works across many settings and compare it to earlier approaches here.\n"
    )
    assert _titles(prose) == []
