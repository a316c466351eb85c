"""An id-linked entry whose listed title disagrees with the paper gets a note — but only when it really disagrees."""

from __future__ import annotations

import pytest

from zotsync.resolve.pipeline import id_title_note

RENAMED = [  # (as listed, the linked paper's current title): the same paper, renamed between versions
    (
        "PrefixQuant: Static Quantization Beats Dynamic through Prefixed Outliers in LLMs",
        "PrefixQuant: Eliminating Outliers by Prefixed Tokens for Large Language Models Quantization",
    ),
    (
        "AlignGPT: Multi-modal Large Language Models with Adaptive Alignment Capability",
        "AlignGPT: Multi-modal Large Language Models with Adaptive Alignment Capability",
    ),
]

WRONG_LINK = [  # a link pasted under the wrong title
    (
        "Attention Is All You Need for Everything",
        "Deep Residual Learning for Image Recognition",
    ),
    (
        "PrefixQuant: Static Quantization Beats Dynamic through Prefixed Outliers in LLMs",
        "QuaRot: Outlier-Free 4-Bit Inference in Rotated LLMs",
    ),
]


@pytest.mark.parametrize(("listed", "linked"), RENAMED)
def test_a_renamed_paper_that_kept_its_name_is_not_flagged(listed, linked):
    assert id_title_note(listed, linked) is None


@pytest.mark.parametrize(("listed", "linked"), WRONG_LINK)
def test_a_different_paper_is_flagged_with_its_title_not_a_bare_score(listed, linked):
    note = id_title_note(listed, linked)
    assert note is not None and linked in note and "check the link" in note
    assert "0.00" not in note
