"""A paper retitled on arXiv after the list was written is found by its earlier version's title."""

from __future__ import annotations

import dataclasses

import pytest
from resolve_fakes import FakeSource, entry

from zotsync.config import Config, load_config
from zotsync.model import Paper, Status
from zotsync.resolve import resolve_entries
from zotsync.resolve.sources.arxiv_source import ArxivSource

OLD = "PrefixQuant: Static Quantization Beats Dynamic through Prefixed Outliers in LLMs"
NEW = "PrefixQuant: Eliminating Outliers by Prefixed Tokens for Large Language Models Quantization"


def test_the_emulator_serves_each_versions_title_and_searches_the_latest(arxiv_emulator):
    src = ArxivSource(arxiv_emulator.url, interval=0, timeout=5)
    got = src.versions(["arxiv:2410.05265v1", "arxiv:2410.05265v3"])
    assert got.found["arxiv:2410.05265v1"][0].title == OLD
    assert got.found["arxiv:2410.05265v3"][0].title == NEW
    assert src.lookup(["arxiv:2410.05265"]).found["arxiv:2410.05265"][0].title == NEW
    assert not src.search([OLD]).found[OLD]  # arXiv's search knows the latest title only


def test_a_listed_earlier_title_resolves_to_the_paper_with_a_note(
    arxiv_emulator, s2_emulator, hf_emulator, tmp_path
):
    """Found on the example lists as clean titles: PrefixQuant, UltraFeedback and SALMON were
    listed under their v1 titles and ended unresolved or in review."""
    cfg = load_config(
        env={
            "ZOTSYNC_ARXIV_URL": arxiv_emulator.url,
            "ZOTSYNC_S2_URL": s2_emulator.url,
            "ZOTSYNC_HF_URL": hf_emulator.url,
            "ZOTSYNC_ARXIV_DELAY": "0",
            "ZOTSYNC_LOCK": str(tmp_path / "z.lock"),
        }
    )
    listed = {
        OLD: "2410.05265",
        "UltraFeedback: Boosting Language Models with High-quality Feedback": "2310.01377",
        "SALMON: Self-Alignment with Principle-Following Reward Models": "2310.05910",
    }
    report = resolve_entries([entry(t, n) for n, t in enumerate(listed, 1)], cfg)
    for row in report.rows:
        res = row.resolution
        assert res.status is Status.RESOLVED, (row.entry.title, res.reason)
        assert res.paper.arxiv_id == listed[row.entry.title]
        assert "earlier title (v1)" in res.reason


class Versioned(FakeSource):
    """A fake arXiv that also knows earlier versions' titles."""

    def __init__(self, papers, earlier):
        super().__init__("arxiv", papers)
        self.earlier = earlier  # "IDvN" -> title

    def versions(self, keys):
        from zotsync.resolve.sources.base import Answers

        out = Answers()
        for key in keys:
            vid = key.partition(":")[2]
            base = next(p for p in self.papers if vid.startswith(p.arxiv_id))
            title = self.earlier.get(vid)
            out.found[key] = [dataclasses.replace(base, title=title)] if title else []
        return out


class Offers(FakeSource):
    """A search service that offers every paper it has (S2's best match is always offered)."""

    def search(self, titles):
        from zotsync.resolve.sources.base import Answers

        self.searches.append(list(titles))
        return Answers(found={t: list(self.papers) for t in titles})


@pytest.fixture
def cfg(tmp_path):
    return dataclasses.replace(
        Config(), resolve=dataclasses.replace(Config().resolve, lock=str(tmp_path / "z.lock"))
    )


def test_an_earlier_title_that_differs_from_the_listed_one_is_no_evidence(cfg):
    paper = Paper(title=NEW, arxiv_id="2410.05265", version=3)
    # its v1 was titled differently from the list: the list names some other paper
    src = Versioned([paper], {"2410.05265v1": "PrefixQuant: Static Quantization of Vision Models"})
    report = resolve_entries(
        [entry(OLD, 1)], cfg, sources={"arxiv": src, "s2": FakeSource("s2", [paper])}
    )
    assert report.rows[0].resolution.status is not Status.RESOLVED


def test_two_papers_that_both_once_had_the_listed_title_stay_in_review(cfg):
    a = Paper(title=NEW, arxiv_id="2410.05265", version=2)
    b = Paper(
        title="PrefixQuant: Another Later Title For Outliers", arxiv_id="2410.09999", version=2
    )
    src = Versioned([a, b], {"2410.05265v1": OLD, "2410.09999v1": OLD})
    s2 = Offers("s2", [a, b])
    report = resolve_entries([entry(OLD, 1)], cfg, sources={"arxiv": src, "s2": s2})
    assert report.rows[0].resolution.status is not Status.RESOLVED
