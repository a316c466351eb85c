"""Identifier extraction from links and text: one row per form a real list uses."""

from __future__ import annotations

import pytest

from zotsync.parse.identifiers import Identifiers, find_urls, from_text, from_url

A = lambda i, v=None: Identifiers(arxiv_id=i, arxiv_version=v)  # noqa: E731
O = lambda i: Identifiers(openreview_id=i)  # noqa: E731
D = lambda d: Identifiers(doi=d)  # noqa: E731

URL_CASES = [
    ("https://arxiv.org/abs/2410.08159", A("2410.08159")),
    ("https://arxiv.org/abs/2410.08159v3", A("2410.08159", 3)),
    ("http://arxiv.org/pdf/2410.08159v2", A("2410.08159", 2)),
    ("https://arxiv.org/pdf/2410.08159.pdf", A("2410.08159")),
    ("https://arxiv.org/pdf/2410.08159v1.pdf", A("2410.08159", 1)),
    ("https://arxiv.org/html/2410.08159v1", A("2410.08159", 1)),
    ("https://www.arxiv.org/abs/2409.02958", A("2409.02958")),
    ("https://export.arxiv.org/abs/1706.03762", A("1706.03762")),
    ("https://arxiv.org/abs/1501.0001", A("1501.0001")),  # 4-digit numbers before 2015
    ("https://arxiv.org/abs/astro-ph/0601001", A("astro-ph/0601001")),
    ("https://arxiv.org/abs/hep-th/9901001v2", A("hep-th/9901001", 2)),
    ("https://arxiv.org/pdf/math.GT/0309136", A("math.GT/0309136")),
    ("https://huggingface.co/papers/2410.08159", A("2410.08159")),
    ("https://doi.org/10.48550/arXiv.2410.08159", A("2410.08159")),
    ("https://arxiv.org/abs/2410.08159).", A("2410.08159")),  # trailing punctuation of prose
    ("https://arxiv.org/list/cs.CL/recent", Identifiers()),
    ("https://openreview.net/forum?id=gkfUvn0fLU", O("gkfUvn0fLU")),
    ("https://openreview.net/pdf?id=w4abltTZ2f", O("w4abltTZ2f")),
    ("https://openreview.net/attachment?id=gkfUvn0fLU&name=pdf", O("gkfUvn0fLU")),
    ("https://openreview.net/group?id=ICLR.cc/2024/Conference", Identifiers()),
    ("https://doi.org/10.1145/3442188.3445922", D("10.1145/3442188.3445922")),
    ("https://dx.doi.org/10.18653/v1/2023.acl-long.1", D("10.18653/v1/2023.acl-long.1")),
    ("https://dl.acm.org/doi/10.1145/3442188.3445922", D("10.1145/3442188.3445922")),
    ("https://github.com/G-U-N/Rectified-Diffusion", Identifiers()),
    ("not a url at all", Identifiers()),
    ("", Identifiers()),
]


@pytest.mark.parametrize("url,expected", URL_CASES, ids=[c[0] or "empty" for c in URL_CASES])
def test_from_url(url, expected):
    assert from_url(url) == expected


TEXT_CASES = [
    ("see arXiv:2410.08159v2 for details", A("2410.08159", 2)),
    ("arxiv: hep-th/9901001", A("hep-th/9901001")),
    ("doi:10.1145/3442188.3445922.", D("10.1145/3442188.3445922")),
    ("2410.08159 alone is not claimed", Identifiers()),
]


@pytest.mark.parametrize("text,expected", TEXT_CASES)
def test_from_text(text, expected):
    assert from_text(text) == expected


def test_find_urls_strips_prose_punctuation_but_keeps_balanced_parens():
    text = "see (https://arxiv.org/abs/2410.00086), and https://en.wikipedia.org/wiki/Q_(film)."
    assert find_urls(text) == [
        "https://arxiv.org/abs/2410.00086",
        "https://en.wikipedia.org/wiki/Q_(film)",
    ]
