"""Identifier extraction from links and text: one row per form a real list uses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zotsync.parse.identifiers import (
    Identifiers,
    _url_id_by_parts,
    find_urls,
    from_text,
    from_url,
    strip_trailing_punctuation,
    url_id,
)

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


# --------------------------------------------------------------------------- every scheme

from zotsync.parse.identifiers import UrlId, text_ids, url_id  # noqa: E402

SCHEME_CASES = [
    ("https://www.alphaxiv.org/abs/2410.08159", UrlId("arxiv", "2410.08159")),
    ("https://www.alphaxiv.org/overview/2410.08159v2", UrlId("arxiv", "2410.08159", 2)),
    ("https://ar5iv.labs.arxiv.org/html/1706.03762", UrlId("arxiv", "1706.03762")),
    ("https://ar5iv.org/abs/1706.03762", UrlId("arxiv", "1706.03762")),
    ("https://hf.co/papers/2410.08159", UrlId("arxiv", "2410.08159")),
    ("https://www.semanticscholar.org/arxiv/2410.08159", UrlId("arxiv", "2410.08159")),
    ("https://aclanthology.org/2024.lrec-main.940", UrlId("acl", "2024.lrec-main.940")),
    ("https://aclanthology.org/2024.unlp-1.16/", UrlId("acl", "2024.unlp-1.16")),
    ("https://aclanthology.org/P18-1001.pdf", UrlId("acl", "P18-1001")),
    ("http://aclweb.org/anthology/J93-2003", UrlId("acl", "J93-2003")),
    ("http://www.aclweb.org/anthology/P/P16/P16-1162.pdf", UrlId("acl", "P16-1162")),
    ("https://proceedings.mlr.press/v235/li24bi.html", UrlId("pmlr", "v235/li24bi")),
    ("http://proceedings.mlr.press/v9/glorot10a/glorot10a.pdf", UrlId("pmlr", "v9/glorot10a")),
    ("http://jmlr.org/proceedings/papers/v37/gregor15.pdf", UrlId("pmlr", "v37/gregor15")),
    ("https://jmlr.org/papers/v21/20-074.html", UrlId("jmlr", "v21/20-074")),
    (
        "http://www.jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf",
        UrlId("jmlr", "v15/srivastava14a"),
    ),
    (
        "https://proceedings.neurips.cc/paper/2020/hash/1457c0d6bfcb4967418bfb8ac142f64a-Abstract.html",
        UrlId("neurips", "2020/1457c0d6bfcb4967418bfb8ac142f64a"),
    ),
    (
        "https://proceedings.neurips.cc/paper_files/paper/2022/file/28f699175783a2c828ae74d53dd3da20-Paper-Conference.pdf",
        UrlId("neurips", "2022/28f699175783a2c828ae74d53dd3da20"),
    ),
    ("http://papers.nips.cc/paper/5423-generative-adversarial-nets.pdf", UrlId("neurips", "5423")),
    (
        "https://openaccess.thecvf.com/content/CVPR2021/html/Ruan_Gaussian_Context_Transformer_CVPR_2021_paper.html",
        UrlId("cvf", "Ruan_Gaussian_Context_Transformer_CVPR_2021"),
    ),
    (
        "https://pdfs.semanticscholar.org/f832/b16cb367802609d91d400085eb87d630212a.pdf",
        UrlId("s2", "f832b16cb367802609d91d400085eb87d630212a"),
    ),
    (
        "https://www.semanticscholar.org/paper/WebGPT%3A-Browser-assisted/2f3efe44083af91cef562c1a3451eee2f8601d22",
        UrlId("s2", "2f3efe44083af91cef562c1a3451eee2f8601d22"),
    ),
    (
        "https://paperswithcode.com/paper/attention-is-all-you-need",
        UrlId("pwc", "attention-is-all-you-need"),
    ),
    ("https://eprint.iacr.org/2004/152.pdf", UrlId("iacr", "2004/152")),
    ("https://eprint.iacr.org/2001/074", UrlId("iacr", "2001/074")),
    ("https://www.biorxiv.org/content/10.1101/622803v1.full", UrlId("doi", "10.1101/622803")),
    (
        "https://www.biorxiv.org/content/10.1101/2021.02.12.430858v3",
        UrlId("doi", "10.1101/2021.02.12.430858"),
    ),
    (
        "https://www.nature.com/articles/s41588-018-0295-5",
        UrlId("doi", "10.1038/s41588-018-0295-5"),
    ),
    ("http://doi.acm.org/10.1145/1355734.1355746", UrlId("doi", "10.1145/1355734.1355746")),
    (
        "https://link.springer.com/chapter/10.1007%2F978-3-319-78723-7_23",
        UrlId("doi", "10.1007/978-3-319-78723-7_23"),
    ),
    (
        "https://link.springer.com/content/pdf/10.1007%2Fs11263-018-1081-7.pdf",
        UrlId("doi", "10.1007/s11263-018-1081-7"),
    ),
    ("https://ieeexplore.ieee.org/document/1621206", UrlId("ieee", "1621206")),
    ("http://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=7801947", UrlId("ieee", "7801947")),
    ("https://pubmed.ncbi.nlm.nih.gov/31234567/", UrlId("pubmed", "31234567")),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6543210/", UrlId("pmc", "PMC6543210")),
    ("https://aclanthology.org/events/acl-2024/", None),
    # a publisher's file path that merely starts with a DOI prefix is not a DOI
    ("http://delivery.acm.org/10.1145/1390000/1380586/a8-lopez.pdf?ip=1", None),
    ("https://paperswithcode.com/sota", None),
    ("https://proceedings.neurips.cc/", None),
    ("https://github.com/openai/gpt-2", None),
]


@pytest.mark.parametrize("url,expected", SCHEME_CASES, ids=[c[0] for c in SCHEME_CASES])
def test_url_id_reads_every_scheme(url, expected):
    assert url_id(url) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("\tarxiv:hep-th/9905111", [UrlId("arxiv", "hep-th/9905111")]),
        ("arXiv preprint arXiv:1409.0473, 2014.", [UrlId("arxiv", "1409.0473")]),
        (
            "see cs/0112017 and gr-qc/9702022v2",
            [UrlId("arxiv", "cs/0112017"), UrlId("arxiv", "gr-qc/9702022", 2)],
        ),
        ("Nature 521, 436. doi 10.1038/nature14539.", [UrlId("doi", "10.1038/nature14539")]),
        ("arxiv.org/abs/1706.03762 without a scheme", [UrlId("arxiv", "1706.03762")]),
        ("a/1234567 and 2410.08159 alone are not ids", []),
        ("arxiv:512.04993 (malformed) is not an id", []),
        ("https://arxiv.org/abs/1706.03762 is a URL, not text", []),
    ],
)
def test_text_ids(text, expected):
    assert [value for _, value in text_ids(text)] == expected


@settings(max_examples=200, deadline=None)
@given(
    scheme=st.sampled_from(["http", "https", "HTTPS"]),
    host=st.sampled_from(["arxiv.org", "www.arxiv.org", "ArXiv.org", "export.arxiv.org"]),
    kind=st.sampled_from(["abs", "pdf", "ABS", "html"]),
    number=st.from_regex(r"\d{4}\.\d{4,5}", fullmatch=True),
    version=st.sampled_from(["", "v1", "v12", "V2"]),
    tail=st.sampled_from(
        [
            "",
            ".pdf",
            "/",
            ".pdf/",
            ".PDF",
            "?context=cs",
            "#page=2",
            ").",
            "&embed",
            "mini",
            "1",
            "v",
        ]
    ),
)
def test_the_quick_reading_of_arxiv_links_agrees_with_the_long_one(
    scheme, host, kind, number, version, tail
):
    """``url_id`` reads a plain arXiv link without taking it apart; the answer is always the
    one the site-by-site reading gives (which is the rule)."""
    url = f"{scheme}://{host}/{kind}/{number}{version}{tail}"
    assert url_id(url) == _url_id_by_parts(strip_trailing_punctuation(url))


# What people leave after a paper link: a query written with "&" (the "?" forgotten), a page
# anchor, a query, or the punctuation of the sentence around it. None of it names another paper.
JUNK = ("&embed", "&embed=1", "#page=3", "?context=cs", ")", ".", ",", ").", "),")


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize(
    "url,expected", [c for c in SCHEME_CASES if c[1] is not None], ids=lambda v: str(v)[:60]
)
def test_junk_after_a_paper_link_keeps_its_identifier(url, expected, junk):
    if junk.startswith("?") and "?" in url:
        junk = "&" + junk[1:]  # a second query is written with "&"
    assert url_id(url + junk) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        ("http://arxiv.org/pdf/1112.6209.pdf&embed", UrlId("arxiv", "1112.6209")),
        ("https://arxiv.org/abs/2407.11681mini", UrlId("arxiv", "2407.11681")),
        ("https://arxiv.org/abs/2407.11681v2mini", UrlId("arxiv", "2407.11681", 2)),
        ("http://arxiv.org/abs/cs/0112017&embed", UrlId("arxiv", "cs/0112017")),
        ("https://huggingface.co/papers/2401.00001&x", UrlId("arxiv", "2401.00001")),
        # a longer number is another id, and a path below the paper is a file of it, not it
        ("https://arxiv.org/abs/2401.000012", None),
        ("https://arxiv.org/html/2404.09695v1/x1.png", None),
    ],
)
def test_text_glued_to_an_arxiv_id_is_junk_but_digits_are_not(url, expected):
    assert url_id(url) == expected
