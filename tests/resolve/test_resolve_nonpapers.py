"""Entries that are not papers are flagged and never matched (a blog post with a paper's title)."""

from __future__ import annotations

import dataclasses

import pytest
from resolve_fakes import FakeSource, entry

from zotsync.config import Config
from zotsync.model import Paper, Resolution, Status
from zotsync.resolve import resolve_entries
from zotsync.resolve.lockfile import load_lock, save_lock
from zotsync.resolve.nonpapers import not_a_paper

PAPER = Paper(
    title="Improved Techniques for Training Consistency Models",
    arxiv_id="2310.14189",
    authors=("Yang Song", "Prafulla Dhariwal"),
)
TITLE = PAPER.title


@pytest.fixture
def cfg(tmp_path):
    return dataclasses.replace(
        Config(), resolve=dataclasses.replace(Config().resolve, lock=str(tmp_path / "z.lock"))
    )


def _sources():
    return {n: FakeSource(n, [PAPER]) for n in ("arxiv", "s2", "hf")}


@pytest.mark.parametrize(
    "listed",
    [
        entry(TITLE, section=("Reading", "Blog posts")),
        entry(TITLE, section=("Talks",)),
        entry(TITLE, section=("Videos & lectures",)),
        entry(TITLE, section=("博客",)),
        entry(TITLE, kind="blog"),
        entry(TITLE, kind="video"),
        entry(TITLE, hints={"columns": {"type": "Blog"}}),
    ],
)
def test_a_blog_post_with_a_papers_title_is_flagged_and_never_looked_up(cfg, listed):
    srcs = _sources()
    report = resolve_entries([listed], cfg, sources=srcs)
    res = report.rows[0].resolution
    assert res.status is Status.UNRESOLVED and res.paper is None
    assert res.reason.startswith("not a paper")
    assert not any(s.searches or s.lookups for s in srcs.values())


@pytest.mark.parametrize(
    "listed",
    [
        entry(TITLE, section=("Post-training",)),
        entry(TITLE, section=("Video Understanding",)),
        entry(TITLE, section=("Papers",)),
        entry(TITLE, section=("Tutorials and Surveys",)),  # a survey is a paper
        entry(TITLE, section=("Talks & Papers",)),
        entry(TITLE, section=("Blog posts",), arxiv_id="2310.14189"),  # it links the paper
    ],
)
def test_paper_topics_and_linked_papers_are_papers(cfg, listed):
    assert not_a_paper(listed) is None
    report = resolve_entries([listed], cfg, sources=_sources())
    assert report.rows[0].resolution.paper.arxiv_id == "2310.14189"


def test_the_flag_overrides_an_old_match_but_never_a_users_pin_and_is_judged_every_run(cfg):
    blog = entry(TITLE, section=("Blog posts",))
    old = Resolution(ident=blog.ident, status=Status.RESOLVED, paper=PAPER, via="arxiv-title")
    save_lock(cfg.resolve.lock, {blog.ident: old})
    report = resolve_entries([blog], cfg, sources=_sources())
    assert report.rows[0].resolution.reason.startswith("not a paper")
    assert load_lock(cfg.resolve.lock)[blog.ident].status is Status.UNRESOLVED
    # the user moves it to the papers: it is looked up on the next run
    moved = dataclasses.replace(blog, section=("Papers",))
    srcs = _sources()
    again = resolve_entries([moved], cfg, sources=srcs)
    assert again.rows[0].resolution.status is Status.RESOLVED and srcs["arxiv"].searches
    # a pin in the lock stands, even under a blog heading
    pin = Resolution(ident=blog.ident, status=Status.PINNED, paper=PAPER, via="user")
    save_lock(cfg.resolve.lock, {blog.ident: pin})
    pinned = resolve_entries([blog], cfg, sources=_sources())
    assert pinned.rows[0].resolution.status is Status.PINNED


def test_a_title_listed_as_a_paper_elsewhere_is_resolved(cfg):
    entries = [entry(TITLE, 1, section=("Blog posts",)), entry(TITLE, 9, section=("Papers",))]
    report = resolve_entries(entries, cfg, sources=_sources())
    assert all(r.resolution.status is Status.RESOLVED for r in report.rows)
