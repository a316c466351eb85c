"""Search semantics of the arXiv emulator, warts included (docs/arxiv-api.md §3.3–3.5).

A resolver that finds papers here must find them on the real service, and the misses the
real service has (no accent folding, no US/UK, "Pretraining" ≠ "Pre-training", TeX) must
miss here too. Runs on the backend directly (fast), plus a few wire-level checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zotsync.emulators.arxiv import ArxivApp, ArxivBackend, ArxivRecord, Author, records_from_corpus
from zotsync.emulators.arxiv.query import compile_query
from zotsync.emulators.core.http import Request
from zotsync.emulators.corpus import load_corpus

CORPUS = Path(__file__).resolve().parent.parent / "data" / "arxiv" / "corpus.jsonl"


@pytest.fixture(scope="module")
def backend() -> ArxivBackend:
    return ArxivBackend(records_from_corpus(load_corpus(CORPUS)))


def ids(backend: ArxivBackend, query: str, **kwargs) -> list[str]:
    _, tree = compile_query(query)
    page = backend.search(tree, None, max_results=100, **kwargs)
    return [hit.record.arxiv_id for hit in page.hits]


@pytest.mark.parametrize(
    "query, expected",
    [
        # stemming inside quotes: singular query, plural title
        ('ti:"Training Technique"', ["2311.16502"]),
        ('ti:"efficient train techniques"', ["2311.16502"]),
        # a phrase is a contiguous sub-sequence, so word order matters
        ('ti:"Techniques Training"', []),
        ('ti:"Training Techniques for Sparse"', ["2311.16502"]),
        # stop words are one-position wildcards: 'by' -> any word, but the gap must be there
        ('ti:"Verify Step by Step"', ["2305.20050"]),
        ('ti:"Verify Step of Step"', ["2305.20050"]),
        ('ti:"Verify Step Step"', []),
        ('ti:"Let\'s Verify"', ["2305.20050"]),
        # hyphen and colon pitfalls: separators are irrelevant, joined words are not
        ('ti:"BERT Pre training"', ["1810.04805"]),
        ('ti:"BERT: Pre-training"', ["1810.04805"]),
        ('ti:"BERT Pretraining"', []),
        ('ti:"LoRA Low-Rank Adaptation"', ["2106.09685"]),
        ('ti:"LoRA: Low Rank Adaptation of Large Language Models"', ["2106.09685"]),
        # a short main title matches the full title (sub-sequence)
        ('ti:"Diffusion Schrödinger Bridge"', ["2106.01357"]),
        # no accent folding on ti:, but all: folds
        ('ti:"Diffusion Schrodinger Bridge"', []),
        ("all:Schrodinger", ["2106.01357"]),
        # TeX: '$' routes to the TeX field; the letters alone match the title tokens
        ('ti:"$Q^*$"', ["2406.14283"]),
        ('ti:"$Q^*$: Improving Multi-step Reasoning"', ["2406.14283"]),
        ('ti:"Q* Improving Multi-step Reasoning"', ["2406.14283"]),
        ('ti:"$P^*$"', []),
        # case is irrelevant
        ('ti:"attention is all you need"', ["1706.03762", "2010.13154"]),
    ],
)
def test_phrase_semantics(backend, query, expected):
    assert sorted(ids(backend, query)) == sorted(expected)


def test_title_phrase_ranks_the_exact_paper_first(backend):
    assert ids(backend, 'ti:"Attention Is All You Need"') == ["1706.03762", "2010.13154"]


def test_unquoted_words_need_all_their_parts_and_stem(backend):
    assert ids(backend, "ti:pre-training") == ["1810.04805"]  # pre AND train
    assert set(ids(backend, "ti:networks")) == set(ids(backend, "ti:network"))
    assert ids(backend, "ti:the") == []  # a stop word alone matches nothing


def test_unquoted_multiword_is_rewritten_to_or_and_matches_broadly(backend):
    broad = ids(backend, "ti:Attention Is All You Need")  # ti:Attention OR all:Is OR all:All ...
    assert {"1706.03762", "2010.13154"} <= set(broad)
    assert len(broad) > 2  # 'all:You', 'all:Need', 'all:All' hit abstracts of other papers
    assert broad[0] in ("1706.03762", "2010.13154")


def test_boolean_operators_are_right_associative(backend):
    # ti:a AND ti:b OR ti:c  ==  a AND (b OR c)
    assert ids(backend, "ti:attention AND ti:speech OR ti:lora") == ["2010.13154"]
    assert set(ids(backend, "ti:lora OR ti:attention AND ti:speech")) == {
        "2106.09685",
        "2010.13154",
    }
    assert set(ids(backend, "(ti:lora OR ti:attention) AND ti:speech")) == {"2010.13154"}


def test_andnot_and_unary_not(backend):
    assert ids(backend, 'ti:"attention is all you need" ANDNOT ti:speech') == ["1706.03762"]
    assert ids(backend, 'ti:"attention is all you need" AND NOT ti:speech') == ["1706.03762"]
    everything = len(records_from_corpus(load_corpus(CORPUS)))
    assert len(ids(backend, "ANDNOT cat:cs.LG")) == everything - len(ids(backend, "cat:cs.LG"))


def test_author_field(backend):
    assert ids(backend, "au:del_maestro AND ti:checkerboard") == ["1907.01234"]
    assert ids(backend, 'au:"Del Maestro"') == ["1907.01234"]
    assert ids(backend, "au:vaswani") == ["1706.03762"]
    assert ids(backend, 'au:"A Vaswani"') == ["1706.03762"]  # an initial
    assert ids(backend, 'au:"Vaswani Shazeer"') == []  # tokens must be in ONE author's name
    assert "1706.03762" in ids(backend, "au:vasw*")


def test_other_fields(backend):
    assert ids(backend, "cat:cond-mat.other") == ["1907.01234"]
    assert set(ids(backend, "cat:cond-mat.*")) == {"1907.01234"}
    assert ids(backend, "doi:10.1103/physrevb.100.094502") == ["1907.01234"]
    assert ids(backend, 'jr:"Phys. Rev. B"') == ["1907.01234"]
    assert ids(backend, 'co:"ICASSP 2021"') == ["2010.13154"]
    assert ids(backend, "id:1706.03762") == ["1706.03762"]
    assert ids(backend, 'abs:"Bidirectional Encoder Representations"') == ["1810.04805"]
    assert ids(backend, "submittedDate:[2017 TO 2017]", sort_by="submittedDate") == [
        "1707.08567",
        "1706.03762",
    ]
    assert ids(backend, "submittedDate:[201706 TO 201706]") == ["1706.03762"]
    assert ids(backend, "lastUpdatedDate:[201706120000 TO 201706122359]") == ["1706.03762"]


def test_papers_without_arxiv_id_are_not_served(backend):
    assert ids(backend, "ti:overoptimization") == []


def test_relevance_order_can_be_reversed(backend):
    descending = ids(backend, "ti:attention OR ti:lora")
    assert ids(backend, "ti:attention OR ti:lora", sort_order="ascending") == descending[::-1]


def test_id_only_results_follow_index_order_not_id_list_order(backend):
    page = backend.search(None, ["2106.09685", "1706.03762"], max_results=10)
    assert [h.record.arxiv_id for h in page.hits] == ["1706.03762", "2106.09685"]  # corpus order


def test_versions(backend):
    page = backend.search(
        None, ["1706.03762v1", "1706.03762v7", "1706.03762v8", "1706.03762v0"], max_results=10
    )
    assert [(h.record.arxiv_id, h.version) for h in page.hits] == [
        ("1706.03762", 1),
        ("1706.03762", 7),
    ]
    assert page.hits[0].updated == page.hits[0].record.published  # v1: updated == published


def test_paging_slices_and_keeps_the_total(backend):
    _, tree = compile_query("cat:cs.LG")
    first = backend.search(tree, None, start=0, max_results=4)
    second = backend.search(tree, None, start=4, max_results=4)
    beyond = backend.search(tree, None, start=50, max_results=4)
    assert first.total == second.total == beyond.total == 10
    assert not {h.record.arxiv_id for h in first.hits} & {h.record.arxiv_id for h in second.hits}
    assert beyond.hits == ()


# --------------------------------------------------------------------------- wire-level


def get(app: ArxivApp, query: str, method: str = "GET", path: str = "/api/query"):
    from urllib.parse import parse_qs

    return app.handle(
        Request(
            method=method,
            path=path,
            raw_path=f"{path}?{query}",
            query=parse_qs(query, keep_blank_values=True),
            headers={},
            body=b"",
        )
    )


@pytest.fixture(scope="module")
def app(backend) -> ArxivApp:
    return ArxivApp(backend, clock=lambda: "2026-01-01T00:00:00Z")


@pytest.mark.parametrize(
    "query, status, summary, link",
    [
        (
            "id_list=abc",
            400,
            "incorrect id format for abc",
            "https://arxiv.org/api/errors#incorrect_id_format_for_abc",
        ),
        ("id_list=1234.123", 400, "incorrect id format for 1234.123", None),
        ("id_list=cond%E2%80%94mat/0709123", 400, "incorrect id format for cond—mat/0709123", None),
        ("id_list=1706.03762,abc", 400, "incorrect id format for abc", None),
        (
            "start=x&id_list=1706.03762",
            400,
            "start must be an integer",
            "https://arxiv.org/api/errors#start_must_be_an_integer",
        ),
        (
            "start=-1&id_list=1706.03762",
            400,
            "start must be non-negative",
            "https://arxiv.org/api/errors#start_must_be_non-negative",
        ),
        ("max_results=x&id_list=1706.03762", 400, "max_results must be an integer", None),
        ("max_results=-1&id_list=1706.03762", 400, "max_results must be non-negative", None),
        ("max_results=30001&id_list=1706.03762", 400, "max_results must not exceed 30000", None),
        (
            "sortBy=date&id_list=1706.03762",
            400,
            "sortBy must be in: relevance, lastUpdatedDate, submittedDate",
            "https://arxiv.org/help/api/user-manual#sort",
        ),
        (
            "sortOrder=up&id_list=1706.03762",
            400,
            "sortOrder must be in: ascending, descending",
            None,
        ),
        (
            "search_query=ti:(attention",
            400,
            "Invalid query string: 'ti:(attention'",
            "https://arxiv.org/api/errors",
        ),
        ('search_query=ti:"attention', 400, "Invalid query string: 'ti:\"attention'", None),
        ("search_query=ti:a AND", 400, "Invalid query string: 'ti:a AND'", None),
        (
            "search_query=&id_list=",
            400,
            "Either a search_query or id_list must be specified for the classic API.",
            None,
        ),
        ("", 400, "Either a search_query or id_list must be specified for the classic API.", None),
    ],
)
def test_validation_errors(app, query, status, summary, link):
    from lxml import etree

    response = get(app, query)
    assert response.status == status
    assert response.header("Content-Type") == "application/atom+xml; charset=utf-8"
    root = etree.fromstring(response.body)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.findtext("a:entry/a:summary", namespaces=ns) == summary
    assert root.findtext("a:entry/a:title", namespaces=ns) == "Error"
    assert root.find("a:entry/a:published", ns) is None  # why arxiv.py would drop it on a 200
    if link:
        assert root.findtext("a:entry/a:id", namespaces=ns) == link


def test_well_formed_but_unmatchable_ids_are_fine(app):
    for element in ("0000.0000", "1234.12345", "arXiv:1706.03762"):
        response = get(app, f"id_list={element}")
        assert response.status == 200 and b"<opensearch:totalResults>0<" in response.body


def test_feed_echoes_rewritten_query_and_requested_page_size(app):
    body = get(app, "search_query=ti:Attention Is All&start=1&max_results=7").body.decode()
    assert (
        "<title>arXiv Query: search_query=ti:Attention OR all:Is OR all:All&amp;id_list=&amp;start=1&amp;max_results=7</title>"
        in body
    )
    assert (
        "search_query=ti:Attention OR (all:Is OR all:All)&amp;start=1" in body
    )  # parsed, re-serialised
    assert "<opensearch:itemsPerPage>7</opensearch:itemsPerPage>" in body
    assert "<opensearch:startIndex>1</opensearch:startIndex>" in body


def test_post_form_and_other_methods(app):
    form = Request(
        method="POST",
        path="/api/query",
        raw_path="/api/query",
        query={},
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=b"id_list=1706.03762",
    )
    assert app.handle(form).status == 200 and b"1706.03762v7" in app.handle(form).body
    assert get(app, "id_list=1706.03762", method="DELETE").status == 405
    assert get(app, "id_list=1706.03762", path="/api/query/").status == 404


def test_affiliations_and_escaping_render():
    record = ArxivRecord(
        "2401.00001",
        "Fish & <Chips>",
        "a < b & c",
        (Author("Ann Lee", ("MIT", "CMU")),),
        ("2024-01-01T10:00:00Z", "2024-02-01T10:00:00Z"),
        ("cs.LG",),
    )
    body = get(ArxivApp(ArxivBackend([record])), "id_list=2401.00001v1").body.decode()
    assert (
        "<title>Fish &amp; &lt;Chips&gt;</title>" in body
        and "<summary>a &lt; b &amp; c</summary>" in body
    )
    assert (
        "<name>Ann Lee</name>\n      <arxiv:affiliation>MIT</arxiv:affiliation>\n      <arxiv:affiliation>CMU"
        in body
    )
    assert (
        "<updated>2024-01-01T10:00:00Z</updated>" in body
        and "<id>http://arxiv.org/abs/2401.00001v1</id>" in body
    )
    assert (
        "arxiv:doi" not in body and "arxiv:comment" not in body and "arxiv:journal_ref" not in body
    )


# --------------------------------------------------------------------------- boolean algebra (hypothesis)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis_profiles import examples

VOCABULARY = [
    "attention",
    "training",
    "language",
    "models",
    "testing",
    "lora",
    "speech",
    "pre-training",
    "diffusion",
    "step",
    "checkerboard",
    "transformers",
    "reasoning",
    "the",
    "networks",
]
term_queries = st.builds(
    lambda f, w: f"{f}:{w}", st.sampled_from(["ti", "abs", "all"]), st.sampled_from(VOCABULARY)
)


@given(term_queries, term_queries)
@settings(max_examples=examples(150), deadline=None)
def test_boolean_operators_are_set_operations(backend, a, b):
    left, right = set(ids(backend, a)), set(ids(backend, b))
    assert set(ids(backend, f"{a} AND {b}")) == left & right
    assert set(ids(backend, f"{a} OR {b}")) == left | right
    assert set(ids(backend, f"{a} ANDNOT {b}")) == left - right
    assert set(ids(backend, f"({a}) AND ({b})")) == left & right
