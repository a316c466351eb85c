"""S2 and HF sources against their emulators, and the Gate's rules (pacing, Retry-After, breaker)."""

from __future__ import annotations

import dataclasses
import email.utils
import time

import pytest
import requests
from resolve_fakes import entry

from zotsync.config import load_config
from zotsync.model import Status
from zotsync.resolve import resolve_entries
from zotsync.resolve.sources import HFSource, S2Source
from zotsync.resolve.sources.base import SourceFailure, SourceStats
from zotsync.resolve.sources.http import Gate, Reply, retry_after_seconds

HF_TITLE = "Improved Techniques for Training Consistency Models"


def faults(server, *specs):
    requests.post(f"{server.url}/_emulator/faults", json=list(specs), timeout=5).raise_for_status()


def test_s2_batch_and_match(s2_emulator):
    s2 = S2Source(s2_emulator.url, interval=0, timeout=5)
    ids = s2.lookup(
        ["arxiv:2112.03857", "doi:10.9999/nothing-here", "doi:10.1109/cvpr52688.2022.01069"]
    )
    glip = ids.found["arxiv:2112.03857"][0]
    assert glip.arxiv_id == "2112.03857" and glip.title.startswith(
        "Grounded Language-Image Pre-training"
    )
    assert glip.venue and glip.doi == "10.1109/cvpr52688.2022.01069"
    assert (
        ids.found["doi:10.1109/cvpr52688.2022.01069"][0].arxiv_id == "2112.03857"
    )  # DOI-linked entries
    assert ids.found["doi:10.9999/nothing-here"] == []
    match = s2.search([HF_TITLE, "zzzz qqqq xxxx no such title anywhere"])
    assert match.found[HF_TITLE][0].arxiv_id == "2310.14189"
    assert s2.stats.requests == 3  # one batch for all ids, one match per title


def test_s2_html_404_is_a_failure_not_a_miss(s2_emulator):
    faults(
        s2_emulator,
        {
            "kind": "status",
            "status": 404,
            "body": "<html><body>Not Found</body></html>",
            "times": -1,
        },
    )
    s2 = S2Source(s2_emulator.url, interval=0, timeout=5)
    out = s2.search([HF_TITLE])
    assert HF_TITLE in out.failed and HF_TITLE not in out.found


def test_hf_search_and_paper(hf_emulator):
    hf = HFSource(hf_emulator.url, interval=0, timeout=5)
    found = hf.search([HF_TITLE]).found[HF_TITLE]
    assert any(p.arxiv_id == "2310.14189" for p in found)
    paper = hf.lookup(["arxiv:2310.14189"]).found["arxiv:2310.14189"][0]
    assert paper.title == HF_TITLE and paper.authors and paper.published


def test_hf_down_costs_nothing_when_arxiv_finds_the_paper(
    arxiv_emulator, s2_emulator, hf_emulator, tmp_path
):
    faults(hf_emulator, {"kind": "html", "times": -1})
    cfg = load_config(
        env={
            "ZOTSYNC_ARXIV_URL": arxiv_emulator.url,
            "ZOTSYNC_S2_URL": s2_emulator.url,
            "ZOTSYNC_HF_URL": hf_emulator.url,
            "ZOTSYNC_LOCK": str(tmp_path / "z.lock"),
            "ZOTSYNC_ARXIV_DELAY": "0",
        }
    )
    e = dataclasses.replace(entry(HF_TITLE), dialect="hf")
    report = resolve_entries([e], cfg)
    res = report.rows[0].resolution
    assert (
        res.status is Status.RESOLVED
        and res.paper.arxiv_id == "2310.14189"
        and res.via == "arxiv-title"
    )
    assert "hf" not in report.failures  # HF is asked only for what arXiv (and S2) left open
    assert report.sources["hf"].requests == 0


def test_retry_after_forms():
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("0.5") == 0.5
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= retry_after_seconds(later) <= 31
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


class Clock:
    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, s):
        self.slept.append(round(s, 3))
        self.now += s

    def __call__(self):
        return self.now


def test_gate_paces_and_honours_retry_after():
    clock = Clock()
    gate = Gate("x", SourceStats(), interval=3.0, sleep=clock.sleep, clock=clock)
    replies = iter([Reply(200), Reply(429, {"Retry-After": "7"}), Reply(200)])
    gate.call(lambda: next(replies), what="a")
    gate.call(lambda: next(replies), what="b")
    assert clock.slept == [3.0, 7.0]  # the polite interval, then what the server asked for
    assert gate.stats.requests == 3 and gate.stats.retries == 1


def test_gate_breaker_opens_on_outages_not_on_rejected_requests():
    clock = Clock()
    gate = Gate("x", SourceStats(), interval=0, max_retries=0, sleep=clock.sleep, clock=clock)
    for _ in range(3):
        with pytest.raises(SourceFailure):
            gate.call(lambda: Reply(400), what="bad query")
    assert not gate.stats.down
    for _ in range(2):
        with pytest.raises(SourceFailure):
            gate.call(lambda: Reply(503), what="outage")
    assert gate.stats.down
    with pytest.raises(SourceFailure, match="down"):
        gate.call(lambda: pytest.fail("no request once the breaker is open"), what="c")
