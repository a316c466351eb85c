"""The shipped sample corpus served by the arXiv emulator (the default of ``--corpus``)."""

from __future__ import annotations

import re

import arxiv
import pytest

from zotsync.emulators.arxiv import ArxivBackend, records_from_corpus
from zotsync.emulators.arxiv.query import compile_query
from zotsync.emulators.corpus import load_corpus


@pytest.fixture(scope="module")
def sample():
    papers = load_corpus()
    return papers, ArxivBackend(records_from_corpus(papers))


def clean(title: str) -> str:
    """What docs §6 tells a client to send: no quotes, no '$', no TeX commands."""
    return " ".join(re.sub(r"\\[a-zA-Z]+|[$\"{}]", " ", title).split())


def test_every_arxiv_paper_is_found_first_by_its_title_phrase(sample):
    papers, backend = sample
    on_arxiv = [p for p in papers if p.arxiv_id]
    assert len(on_arxiv) > 100
    misses = []
    for paper in on_arxiv:
        _, tree = compile_query(f'ti:"{clean(paper.title)}"')
        hits = backend.search(tree, None, max_results=3).hits
        if not hits or hits[0].record.arxiv_id != paper.arxiv_id:
            misses.append(paper.title)
    assert misses == []


def test_papers_not_on_arxiv_are_absent(sample):
    papers, backend = sample
    served = {doc.record.arxiv_id for doc in backend.documents}
    assert len(served) == len([p for p in papers if p.arxiv_id])
    assert all(p.arxiv_id is None for p in papers if p.arxiv_id not in served)


def test_the_plugin_fixture_serves_the_sample_corpus(arxiv_emulator, sample):
    papers, _ = sample
    paper = next(p for p in papers if p.arxiv_id)
    client = arxiv.Client(page_size=5, delay_seconds=0, num_retries=0)
    client.query_url_format = f"{arxiv_emulator.url}/api/query?{{}}"
    (result,) = client.results(arxiv.Search(id_list=[paper.arxiv_id]))
    assert result.get_short_id() == f"{paper.arxiv_id}v{paper.latest_version}"
    assert " ".join(result.title.split()) == " ".join(paper.title.split())


def test_batched_title_query_answers_every_phrase_like_the_service(arxiv_emulator, sample):
    """One ``ti:"A" OR ti:"B" OR …`` request (the resolver's batch): the service's OR is a
    union, so every title's paper is in one page whose max_results is sized to the batch;
    ``totalResults`` counts each paper once, and a phrase is matched as a contiguous part of
    a title (case, colons and hyphens aside), never as equality."""
    papers, backend = sample
    batch = [p for p in papers if p.arxiv_id][:40]
    query = " OR ".join(f'ti:"{clean(p.title)}"' for p in batch)
    _, tree = compile_query(query)
    every = backend.search(tree, None, max_results=10_000)
    assert {p.arxiv_id for p in batch} <= {h.record.arxiv_id for h in every.hits}
    assert every.total == len({h.record.arxiv_id for h in every.hits})  # a union, no repeats

    c = arxiv.Client(page_size=len(batch) * 3, delay_seconds=0, num_retries=0)
    c.query_url_format = f"{arxiv_emulator.url}/api/query?{{}}"
    got = list(c.results(arxiv.Search(query=query, max_results=len(batch) * 3)))
    assert {p.arxiv_id for p in batch} <= {r.get_short_id().split("v")[0] for r in got}
    assert len([r for r in arxiv_emulator.log if r["path"] == "/api/query"]) == 1

    # a phrase is a contiguous sub-sequence of the title: the main part finds the full title
    head = next(p for p in batch if ": " in p.title)
    _, tree = compile_query(f'ti:"{clean(head.title.split(": ")[0])}" OR ti:"no such words here"')
    assert head.arxiv_id in {h.record.arxiv_id for h in backend.search(tree, None).hits}


def test_a_full_page_keeps_the_best_scoring_papers_of_a_batch(sample):
    """max_results smaller than the union: the page holds the highest-scoring hits, and the
    total still counts them all (what lets a client see that a batch was crowded out)."""
    papers, backend = sample
    batch = [p for p in papers if p.arxiv_id][:12]
    _, tree = compile_query(" OR ".join(f'ti:"{clean(p.title)}"' for p in batch))
    page = backend.search(tree, None, max_results=5)
    assert len(page.hits) == 5 and page.total >= 12
    scores = [h.score for h in page.hits]
    assert scores == sorted(scores, reverse=True)
