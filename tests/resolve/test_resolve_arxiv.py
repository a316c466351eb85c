"""The arXiv source and the pipeline against the arXiv emulator: batching, politeness, faults."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest
import requests
from resolve_fakes import entry

from zotsync.config import Config
from zotsync.model import Status
from zotsync.resolve import resolve_entries
from zotsync.resolve.sources.arxiv_source import ArxivSource
from zotsync.resolve.sources.http import Gate

CORPUS = (
    Path(__file__).resolve().parents[2] / "zotsync" / "emulators" / "data" / "sample_corpus.jsonl"
)
PAPERS = [
    json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()
]
ON_ARXIV = [p for p in PAPERS if p.get("arxiv_id")]

TITLES = {  # listed title -> the paper it must resolve to (canonical titles differ on purpose)
    "Improved Techniques for Training Consistency Models": "2310.14189",
    "From r to Q∗ : Your Language Model is Secretly a Q-Function": "2404.12358",
    "Better Aligning Text-to-Image Models with Human Preference": "2303.14420",
    "Rrhf: Rank responses to align language models with human feedback without tears": "2304.05302",
    "Fine-Tuning can Distort Pretrained Features and Underperform Out-of-Distribution": "2202.10054",
}


def faults(server, *specs):
    requests.post(f"{server.url}/_emulator/faults", json=list(specs), timeout=5).raise_for_status()


def api_calls(server):
    return [r for r in server.log if r["path"].startswith("/api/")]


@pytest.fixture
def cfg(tmp_path):
    base = Config()
    return dataclasses.replace(
        base, resolve=dataclasses.replace(base.resolve, lock=str(tmp_path / "z.lock"))
    )


def _arxiv_only(server, timeout=5.0, **gate):
    src = ArxivSource(server.url, interval=0, timeout=timeout)
    if gate:
        src.gate = Gate("arxiv", src.stats, interval=0, **gate)
    return {"arxiv": src}


def test_ids_go_in_batches_of_100(arxiv_emulator, cfg):
    entries = [
        entry(p["title"], n, arxiv_id=p["arxiv_id"]) for n, p in enumerate(ON_ARXIV[:130], 1)
    ]
    report = resolve_entries(entries, cfg, sources=_arxiv_only(arxiv_emulator))
    calls = api_calls(arxiv_emulator)
    assert len(calls) == 2 and all("id_list=" in c["query"] for c in calls)
    assert all(r.resolution.status is Status.RESOLVED for r in report.rows)
    assert [r.resolution.paper.arxiv_id for r in report.rows] == [
        p["arxiv_id"] for p in ON_ARXIV[:130]
    ]
    first = report.rows[0].resolution.paper
    assert first.published and first.updated and first.categories and first.version


def test_titles_are_batched_and_land_on_the_right_paper(arxiv_emulator, cfg):
    entries = [entry(t, n) for n, t in enumerate(TITLES, 1)]
    report = resolve_entries(entries, cfg, sources=_arxiv_only(arxiv_emulator))
    got = {r.entry.title: r.resolution for r in report.rows}
    for title, arxiv_id in TITLES.items():
        assert got[title].status is Status.RESOLVED, (title, got[title].reason)
        assert got[title].paper.arxiv_id == arxiv_id
    assert len(api_calls(arxiv_emulator)) < len(TITLES)


def test_forty_titles_cost_one_request_and_each_lands_on_its_paper(arxiv_emulator, cfg):
    papers = [p for p in ON_ARXIV if "$" not in p["title"]][:120]
    entries = [entry(p["title"], n) for n, p in enumerate(papers, 1)]
    report = resolve_entries(entries, cfg, sources=_arxiv_only(arxiv_emulator))
    assert [r.resolution.paper.arxiv_id if r.resolution.paper else None for r in report.rows] == [
        p["arxiv_id"] for p in papers
    ]
    searches = [c for c in api_calls(arxiv_emulator) if "search_query=ti" in c["query"]]
    assert len(searches) == 3  # 40 OR-ed phrases per search_query


def test_titles_crowded_out_of_a_full_page_are_asked_again_in_smaller_batches(
    arxiv_emulator, cfg, monkeypatch
):
    from zotsync.resolve.sources import arxiv_source

    monkeypatch.setattr(arxiv_source, "RESULTS_PER_TITLE", 0)
    monkeypatch.setattr(arxiv_source, "RESULTS_SLACK", 2)  # a page of 2 for any batch
    papers = [p for p in ON_ARXIV if "$" not in p["title"]][:12]
    report = resolve_entries(
        [entry(p["title"], n) for n, p in enumerate(papers, 1)],
        cfg,
        sources=_arxiv_only(arxiv_emulator),
    )
    assert [r.resolution.paper.arxiv_id if r.resolution.paper else None for r in report.rows] == [
        p["arxiv_id"] for p in papers
    ]
    sizes = [c["query"].count("ti%3A") for c in api_calls(arxiv_emulator) if "ti%3A" in c["query"]]
    assert sizes[0] == 12 and max(sizes[1:]) <= arxiv_source.CROWDED_PER_QUERY


def test_429_storm_with_retry_after_is_waited_out(arxiv_emulator, cfg):
    faults(arxiv_emulator, {"kind": "status", "status": 429, "retry_after": 0.2, "times": 3})
    started = time.monotonic()
    report = resolve_entries(
        [entry("x", 1, arxiv_id="2310.14189")], cfg, sources=_arxiv_only(arxiv_emulator)
    )
    assert report.rows[0].resolution.status is Status.RESOLVED
    assert [c["status"] for c in api_calls(arxiv_emulator)] == [429, 429, 429, 200]
    assert time.monotonic() - started >= 0.6  # honoured Retry-After three times
    assert report.sources["arxiv"].retries == 3


def test_rate_limiter_is_respected(arxiv_emulator, cfg):
    faults(arxiv_emulator, {"kind": "rate_limit", "min_interval": 0.3})
    entries = [entry(t, n) for n, t in enumerate(TITLES, 1)] + [
        entry("x", 9, arxiv_id="2310.14189")
    ]
    report = resolve_entries(entries, cfg, sources=_arxiv_only(arxiv_emulator))
    assert all(r.resolution.status is Status.RESOLVED for r in report.rows)


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 503, "times": -1},
        {"kind": "html", "times": -1},
        {"kind": "empty", "times": -1},
    ],
)
def test_failures_are_never_no_such_paper(arxiv_emulator, cfg, fault):
    faults(arxiv_emulator, fault)
    entries = [
        entry("Improved Techniques for Training Consistency Models", 1),
        entry("y", 2, arxiv_id="2310.14189"),
    ]
    report = resolve_entries(
        entries, cfg, sources=_arxiv_only(arxiv_emulator, max_retries=2, max_wait=0.05)
    )
    for row in report.rows:
        assert row.resolution.status is Status.UNRESOLVED
        assert row.resolution.reason.startswith("source failed"), row.resolution.reason
    assert report.sources["arxiv"].down  # the circuit opened: no request per entry
    assert len(api_calls(arxiv_emulator)) <= 6


def test_stalled_server_times_out(arxiv_emulator, cfg):
    faults(arxiv_emulator, {"kind": "slow", "seconds": 1.5, "times": -1})
    started = time.monotonic()
    report = resolve_entries(
        [entry("y", 1, arxiv_id="2310.14189")],
        cfg,
        sources=_arxiv_only(arxiv_emulator, timeout=0.3),
    )
    assert time.monotonic() - started < 5
    res = report.rows[0].resolution
    assert res.status is Status.UNRESOLVED and "timed out" in res.reason


def test_decisions_survive_a_later_outage(arxiv_emulator, cfg):
    first = [entry("y", 1, arxiv_id="2310.14189")]
    resolve_entries(first, cfg, sources=_arxiv_only(arxiv_emulator))
    faults(arxiv_emulator, {"kind": "status", "status": 503, "times": -1})
    report = resolve_entries(
        first + [entry("z", 2, arxiv_id="2202.10054")],
        cfg,
        sources=_arxiv_only(arxiv_emulator, max_retries=1, max_wait=0.05),
    )
    got = [r.resolution for r in report.rows]
    assert got[0].status is Status.RESOLVED and report.rows[0].cached
    assert got[1].status is Status.UNRESOLVED and got[1].reason.startswith("source failed")
    # the outage is over: only the failed entry is asked again
    requests.delete(f"{arxiv_emulator.url}/_emulator/faults", timeout=5)
    arxiv_emulator.clear_log()
    again = resolve_entries(
        first + [entry("z", 2, arxiv_id="2202.10054")], cfg, sources=_arxiv_only(arxiv_emulator)
    )
    assert [r.resolution.status for r in again.rows] == [Status.RESOLVED, Status.RESOLVED]
    assert (
        len(api_calls(arxiv_emulator)) == 1
        and "2202.10054" in api_calls(arxiv_emulator)[0]["query"]
    )


def test_polite_delay_between_arxiv_requests(arxiv_emulator):
    src = ArxivSource(arxiv_emulator.url, interval=0.25, timeout=5)
    started = time.monotonic()
    src.lookup(["arxiv:2310.14189"])
    src.lookup(["arxiv:2202.10054"])
    src.lookup(["arxiv:2404.12358"])
    assert time.monotonic() - started >= 0.5
