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
