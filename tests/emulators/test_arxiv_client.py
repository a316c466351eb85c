"""The real ``arxiv`` 4.0.2 client, unmodified but for its URL, against the emulator.

Covers its repertoire: search by query, by id_list (versions, old style, unknown ids),
paging over several pages, sorting, every Result field, and the error paths (400 on a
malformed id, 429/503 faults, garbage 200s) with the request counts they cost.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import arxiv
import pytest
import requests

from zotsync.emulators.corpus import load_corpus

CORPUS = Path(__file__).resolve().parent.parent / "data" / "arxiv" / "corpus.jsonl"


@pytest.fixture(scope="module")
def _server():
    from zotsync.emulators.pytest_plugin import build_server

    server = build_server("arxiv", "--corpus", str(CORPUS)).start()
    yield server
    server.stop()


@pytest.fixture
def server(_server):
    requests.delete(f"{_server.url}/_emulator/faults", timeout=5)
    api_requests(_server)  # let the previous test's last request reach the log
    _server.reset()
    return _server


def client(server, page_size: int = 3, retries: int = 0) -> arxiv.Client:
    c = arxiv.Client(page_size=page_size, delay_seconds=0, num_retries=retries)
    c.query_url_format = f"{server.url}/api/query?{{}}"
    return c


def api_requests(server) -> list[dict]:
    """The logged API calls. The core logs a request just *after* answering it, so
    wait until the log has stopped growing (a few ms) before reading it."""
    seen, deadline = -1, time.monotonic() + 1.0
    while time.monotonic() < deadline:
        log = [r for r in server.log if r["path"] == "/api/query"]
        if len(log) == seen:
            return log
        seen = len(log)
        time.sleep(0.02)
    return log


def test_title_phrase_search_returns_the_paper_first(server):
    results = list(
        client(server).results(arxiv.Search('ti:"Attention Is All You Need"', max_results=5))
    )
    assert [r.get_short_id() for r in results] == [
        "1706.03762v7",
        "2010.13154v2",
    ]  # sub-sequence match too


def test_result_fields(server):
    (r,) = client(server).results(arxiv.Search(id_list=["1907.01234"]))
    assert r.entry_id == "http://arxiv.org/abs/1907.01234v1"
    assert r.title == "Checkerboard Order in a Superfluid Helium Film"
    assert [a.name for a in r.authors] == ["Adrian Del Maestro", "Nathan S. Nichols"]
    assert r.summary.startswith("We report quantum Monte Carlo")
    assert r.published == r.updated == datetime(2019, 7, 2, tzinfo=UTC)
    assert r.categories == ["cond-mat.other"] and r.primary_category == "cond-mat.other"
    assert r.doi == "10.1103/PhysRevB.100.094502"
    assert r.journal_ref == "Phys. Rev. B 100, 094502 (2019)"
    assert r.comment is None
    assert r.pdf_url == "https://arxiv.org/pdf/1907.01234v1"
    assert [(l.rel, l.title) for l in r.links] == [
        ("alternate", None),
        ("related", "pdf"),
        ("related", "doi"),
    ]
    assert r.links[2].href == "https://doi.org/10.1103/PhysRevB.100.094502"


def test_id_list_versions_old_style_and_unknown(server):
    ids = ["1706.03762v3", "1706.03762", "astro-ph/0601001", "0808.05394", "1810.04805v9"]
    results = {
        r.get_short_id(): r for r in client(server, page_size=10).results(arxiv.Search(id_list=ids))
    }
    assert set(results) == {"1706.03762v3", "1706.03762v7", "astro-ph/0601001v1"}
    assert (
        results["1706.03762v7"].updated.date().isoformat() == "2023-08-02"
    )  # latest version's date
    assert (
        results["1706.03762v3"].published == results["1706.03762v7"].published
    )  # always v1's date
    assert results["astro-ph/0601001v1"].summary.startswith("  We derive")  # leading spaces kept


def test_id_list_with_query_is_an_intersection(server):
    search = arxiv.Search("cat:cs.CL", id_list=["1706.03762", "1907.01234", "1810.04805"])
    assert {r.get_short_id() for r in client(server).results(search)} == {
        "1706.03762v7",
        "1810.04805v2",
    }


def test_paging_over_several_pages(server):
    search = arxiv.Search("cat:cs.LG", max_results=None, sort_by=arxiv.SortCriterion.SubmittedDate)
    results = list(client(server, page_size=2).results(search))
    expected = [p for p in load_corpus(CORPUS) if p.arxiv_id and "cs.LG" in p.categories]
    assert len(expected) == 10  # primary or cross-listed
    assert {r.get_short_id().rsplit("v", 1)[0] for r in results} == {p.arxiv_id for p in expected}
    assert len(results) == len(expected)  # no duplicates across pages
    starts = [r["params"].get("start") for r in api_requests(server)]
    assert starts == ["0", "2", "4", "6", "8"]  # 10/2 requests, no more


def test_offset_counts_toward_max_results_and_costs_one_request(server):
    # arxiv.py slices max_results - offset: Search(max_results=3) from offset 2 yields one
    results = list(
        client(server, page_size=3).results(arxiv.Search("cat:cs.LG", max_results=3), offset=2)
    )
    assert len(results) == 1 and len(api_requests(server)) == 1
    assert api_requests(server)[0]["params"]["start"] == "2"


@pytest.mark.parametrize("order", [arxiv.SortOrder.Descending, arxiv.SortOrder.Ascending])
def test_sorting_by_dates(server, order):
    c = client(server, page_size=50)
    by_submitted = list(
        c.results(
            arxiv.Search("cat:cs.CL", sort_by=arxiv.SortCriterion.SubmittedDate, sort_order=order)
        )
    )
    published = [r.published for r in by_submitted]
    assert published == sorted(published, reverse=order == arxiv.SortOrder.Descending)
    by_updated = list(
        c.results(
            arxiv.Search("cat:cs.CL", sort_by=arxiv.SortCriterion.LastUpdatedDate, sort_order=order)
        )
    )
    updated = [r.updated for r in by_updated]
    assert updated == sorted(updated, reverse=order == arxiv.SortOrder.Descending)
    assert [r.entry_id for r in by_updated] != [
        r.entry_id for r in by_submitted
    ]  # the two dates differ


def test_malformed_id_is_http_400_after_the_retries(server):
    with pytest.raises(arxiv.HTTPError) as caught:
        list(client(server, retries=2).results(arxiv.Search(id_list=["abc"])))
    assert caught.value.status == 400
    assert len(api_requests(server)) == 3  # 1 + num_retries
    assert all(r["status"] == 400 for r in api_requests(server))


def test_unknown_but_well_formed_ids_give_no_results_and_no_error(server):
    assert list(client(server).results(arxiv.Search(id_list=["0000.0000", "1234.12345"]))) == []


def install(server, *faults: dict) -> None:
    answer = requests.post(f"{server.url}/_emulator/faults", json=list(faults), timeout=5)
    assert answer.status_code < 300, answer.text


@pytest.mark.parametrize("status", [429, 503])
def test_overload_faults_become_http_errors_after_retries(server, status):
    install(server, {"kind": "status", "status": status, "retry_after": 2, "times": -1})
    with pytest.raises(arxiv.HTTPError) as caught:
        list(client(server, retries=2).results(arxiv.Search('ti:"LoRA"')))
    assert caught.value.status == status
    assert [r["status"] for r in api_requests(server)] == [status] * 3


def test_retry_after_header_is_sent_on_429(server):
    install(server, {"kind": "status", "status": 429, "retry_after": 2})
    answer = requests.get(f"{server.url}/api/query", params={"id_list": "1706.03762"}, timeout=5)
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "2"
    again = requests.get(f"{server.url}/api/query", params={"id_list": "1706.03762"}, timeout=5)
    assert again.status_code == 200  # a one-shot fault


def test_one_429_is_absorbed_by_a_retry(server):
    install(server, {"kind": "status", "status": 429, "times": 1})
    results = list(client(server, retries=1).results(arxiv.Search(id_list=["2106.09685"])))
    assert [r.get_short_id() for r in results] == ["2106.09685v2"]
    assert [r["status"] for r in api_requests(server)] == [429, 200]


@pytest.mark.parametrize("kind", ["html", "empty"])
def test_garbage_200_looks_like_no_results_to_the_client(server, kind):
    """arxiv.py cannot tell 'no such paper' from a garbage 200 page: zotsync must guard."""
    install(server, {"kind": kind})
    assert list(client(server).results(arxiv.Search(id_list=["1706.03762"]))) == []


def test_request_log_counts_api_calls(server):
    list(client(server, page_size=1).results(arxiv.Search("cat:cs.CL", max_results=3)))
    log = api_requests(server)
    assert len(log) == 3 and all(r["method"] == "GET" and r["status"] == 200 for r in log)


def test_client_reads_the_legacy_shape_the_same_way():
    """zotsync's parser (arxiv.py) must cope with both generations of the service."""
    from zotsync.emulators.pytest_plugin import build_server

    def fetch(*flags: str) -> list[tuple]:
        server = build_server("arxiv", "--corpus", str(CORPUS), *flags).start()
        try:
            search = arxiv.Search(id_list=["1907.01234", "1810.04805v1", "astro-ph/0601001"])
            return [
                (
                    r.entry_id,
                    " ".join(r.title.split()),
                    " ".join(r.summary.split()),
                    r.authors,
                    r.published,
                    r.updated,
                    r.categories,
                    r.primary_category,
                    r.doi,
                    r.journal_ref,
                    r.comment,
                    r.pdf_url.split("://")[1],
                )
                for r in client(server, page_size=10).results(search)
            ]
        finally:
            server.stop()

    current, legacy = fetch(), fetch("--legacy")
    assert len(current) == 3 and legacy == current  # what differs: http pdf links, wrapped text


def test_lying_total_makes_the_client_raise_on_the_empty_later_page(server):
    """A total that promises more than the server delivers: arxiv.py retries the empty page, then raises."""
    server.app.lie_total = 5  # reset() restores the start-up value
    with pytest.raises(arxiv.UnexpectedEmptyPageError):
        list(
            client(server, page_size=2, retries=1).results(
                arxiv.Search(id_list=["1706.03762", "2106.09685"])
            )
        )
    assert [r["params"]["start"] for r in api_requests(server)] == ["0", "2", "2"]


def test_connection_reset_is_retried_then_raised_unwrapped(server):
    install(server, {"kind": "reset", "times": -1})
    with pytest.raises(requests.exceptions.ConnectionError):
        list(client(server, retries=1).results(arxiv.Search(id_list=["1706.03762"])))
    assert len(api_requests(server)) == 2


def test_minimum_interval_rate_limit_hits_a_client_without_delay(server):
    """arXiv's terms ask for one request per 3 s; a client that ignores it gets 429s."""
    install(server, {"kind": "rate_limit", "min_interval": 3})
    c = client(server, page_size=1)
    assert len(list(c.results(arxiv.Search(id_list=["1706.03762"])))) == 1  # first request passes
    with pytest.raises(arxiv.HTTPError) as caught:
        list(c.results(arxiv.Search(id_list=["2106.09685"])))
    assert caught.value.status == 429
    assert [r["status"] for r in api_requests(server)] == [200, 429]
