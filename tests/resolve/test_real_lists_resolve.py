"""Real lists with their links removed, resolved against a corpus built from their own papers.

A small deterministic slice of ``python bench/resolve_bench.py --scenario real-lists`` (the
whole 24-list run is the benchmark): four of the real lists in ../shared/lists — physics ids
in sub-bullets (02), GB/T citations (16), a Chinese table of model names (24) and a table of
super-resolution model names (19) — plus a list of blog posts titled like arXiv papers, against
the corpus ``bench/real_lists.py`` builds from them (their papers, near-duplicate distractors,
nickname look-alikes). Expectation = the arXiv id the list itself links for the entry.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from resolve_fakes import emulated_config

from zotsync.emulators.pytest_plugin import build_server
from zotsync.resolve import parse_entries, resolve_entries

ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT.parent / "shared" / "lists"
SLICE = [
    "02_quantum-gravity-refs.md",
    "16_dl-classics-gbt-citations-zh.md",
    "19_super-resolution-2020-table.md",
    "24_llm-research-table-zh.md",
]
SERVICES = ("arxiv", "s2", "hf")

pytestmark = pytest.mark.skipif(not LISTS.is_dir(), reason="../shared/lists is not here")


def _bench_module():
    spec = importlib.util.spec_from_file_location("real_lists", ROOT / "bench" / "real_lists.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    real_lists = _bench_module()
    return real_lists, real_lists.build(tmp_path_factory.mktemp("real"), LISTS, names=SLICE)


@pytest.fixture(scope="module")
def scores(built, tmp_path_factory):
    """One resolve run of the slice, judged (shared by the tests below)."""
    real_lists, build = built
    servers = {s: build_server(s, "--corpus", str(build.corpus)).start() for s in SERVICES}
    tmp_path = tmp_path_factory.mktemp("lock")
    try:
        report = _resolve(build, servers, tmp_path)
    finally:
        for server in servers.values():
            server.stop()
    per_list = real_lists.judge(build, report)
    return per_list, real_lists.totals(per_list), report


def _resolve(build, servers, tmp_path):
    cfg = emulated_config(servers, tmp_path / "zotsync.lock")
    return resolve_entries(parse_entries([str(p) for p in build.lists]), cfg)


def test_the_corpus_holds_every_kind_of_distractor(built):
    _, build = built
    kinds = {k for k in build.counts if k not in ("papers", "distractors")}
    assert {"one-word", "same-title-other-year", "duplicate-submission"} <= kinds
    assert {"nickname-follow-up", "nickname-other-field", "nickname-mention"} <= kinds
    assert build.counts["papers"] > 150 and len(build.nicknames) >= 60


def test_no_wrong_paper_and_titles_resolve(scores):
    per_list, total, _ = scores
    assert total.wrong == 0, "\n".join(total.wrong_rows)
    for name in ("02_quantum-gravity-refs.md", "16_dl-classics-gbt-citations-zh.md"):
        assert per_list[name].recall >= 0.95, (name, per_list[name].misses)


def test_blog_posts_titled_like_papers_are_not_matched(scores):
    per_list, _, report = scores
    blog = per_list["zz_blog_posts.md"]
    assert blog.wrong == 0
    rows = [r for r in report.rows if Path(r.entry.source).name == "zz_blog_posts.md"]
    assert len(rows) >= 30 and all("not a paper" in (r.resolution.reason or "") for r in rows)


def test_nicknames_are_reviewed_with_the_right_paper_in_the_first_three(scores):
    per_list, total, report = scores
    assert total.nick_total >= 60
    assert total.nick_top3 / total.nick_total >= 0.8, "\n".join(total.nick_misses)
    reviewed = [
        r.resolution
        for r in report.rows
        if Path(r.entry.source).name.startswith("19_") and r.resolution.status.value == "review"
    ]
    assert reviewed and all("looked up by name" in (res.reason or "") for res in reviewed)
    assert all("1)" in res.reason and "its abstract" in res.reason for res in reviewed[:10])
