"""A long run that stops (Ctrl-C) keeps every decision made so far; the re-run repeats none of them."""

from __future__ import annotations

import dataclasses

import pytest
from resolve_fakes import FakeSource, entry

from zotsync.config import Config
from zotsync.model import Paper, Status
from zotsync.resolve import checkpoint, resolve_entries
from zotsync.resolve.lockfile import read_lock

PAPERS = [
    Paper(title=f"Paper Number {n} About Learning Sparse Things", arxiv_id=f"2401.{10000 + n}")
    for n in range(12)
]


@pytest.fixture
def cfg(tmp_path):
    return dataclasses.replace(
        Config(), resolve=dataclasses.replace(Config().resolve, lock=str(tmp_path / "z.lock"))
    )


class Interrupted(FakeSource):
    """Answers its first ``calls`` searches, then the user presses Ctrl-C."""

    def __init__(self, *args, calls: int, **kw):
        super().__init__(*args, **kw)
        self.calls = calls

    def search(self, titles):
        if len(self.searches) >= self.calls:
            raise KeyboardInterrupt
        return super().search(titles)


def test_ctrl_c_keeps_what_was_decided_and_the_rerun_asks_only_for_the_rest(cfg, monkeypatch):
    monkeypatch.setattr(checkpoint, "EVERY_SECONDS", 3600.0)  # only the interrupt writes
    entries = [entry(p.title, n, arxiv_id=None) for n, p in enumerate(PAPERS, 1)]
    entries.append(entry("x", 99, arxiv_id=PAPERS[0].arxiv_id))
    arxiv = Interrupted("arxiv", PAPERS, calls=1)
    arxiv.search_batch = 5  # five titles per call: the second call is interrupted
    with pytest.raises(KeyboardInterrupt):
        resolve_entries(entries, cfg, sources={"arxiv": arxiv})
    lock, pending = read_lock(cfg.resolve.lock)
    assert len(lock) == 1 + 5  # the id lookup and the first batch of titles
    assert all(r.status is Status.RESOLVED for r in lock.values())
    assert all(pending[i] == ("arxiv", "venue") for i in lock if i.startswith("title:"))

    again = {n: FakeSource(n, PAPERS) for n in ("arxiv", "s2")}
    report = resolve_entries(entries, cfg, sources=again)
    assert [r.resolution.paper.arxiv_id for r in report.rows] == [p.arxiv_id for p in PAPERS] + [
        PAPERS[0].arxiv_id
    ]
    asked = [t for batch in again["arxiv"].searches for t in batch]
    assert sorted(asked) == sorted(p.title for p in PAPERS[5:])  # no title asked twice
    # the five saved early only had their missing records fetched, by id
    looked_up = {k for batch in again["arxiv"].lookups for k in batch}
    assert {f"arxiv:{p.arxiv_id}" for p in PAPERS[:5]} <= looked_up
    assert read_lock(cfg.resolve.lock)[1] == {}  # nothing pending any more


def test_decisions_are_written_as_they_are_made(cfg, monkeypatch):
    monkeypatch.setattr(checkpoint, "EVERY_SECONDS", 0.0)
    writes = []
    real = checkpoint.save_decisions
    monkeypatch.setattr(
        checkpoint, "save_decisions", lambda *a: writes.append(len(a[2])) or real(*a)
    )
    arxiv = FakeSource("arxiv", PAPERS)
    arxiv.search_batch = 4
    resolve_entries(
        [entry(p.title, n) for n, p in enumerate(PAPERS, 1)], cfg, sources={"arxiv": arxiv}
    )
    assert writes and writes[0] < len(PAPERS) and max(writes) == len(PAPERS)
