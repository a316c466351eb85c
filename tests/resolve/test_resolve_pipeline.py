"""resolve_entries with fake sources: decisions, batching, lock behaviour, degradation, offline."""

from __future__ import annotations

import dataclasses

import pytest
from resolve_fakes import FakeSource, entry

from zotsync.config import Config
from zotsync.model import Paper, Resolution, Status
from zotsync.resolve import resolve_entries
from zotsync.resolve.lockfile import load_lock, save_lock

ICT = Paper(
    title="Improved Techniques for Training Consistency Models",
    arxiv_id="2310.14189",
    year=2023,
    categories=("cs.LG",),
    authors=("Yang Song", "Prafulla Dhariwal"),
)
LCM = Paper(
    title="Improved Training Technique for Latent Consistency Models",
    arxiv_id="2502.01441",
    year=2025,
    categories=("cs.CV",),
)
DPO = Paper(
    title="Diffusion Model Alignment Using Direct Preference Optimization",
    arxiv_id="2311.12908",
    categories=("cs.CV",),
)
QSTAR = Paper(
    title="From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function",
    arxiv_id="2404.12358",
    categories=("cs.LG",),
)
ROOT_DPO = Paper(
    title="Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
    arxiv_id="2305.18290",
    categories=("cs.LG",),
)
CORPUS = [ICT, LCM, DPO, QSTAR, ROOT_DPO]


def _sources(**fail):
    return {
        name: FakeSource(
            name,
            CORPUS,
            id_kinds=("arxiv", "doi") if name == "s2" else ("arxiv",),
            fail=fail.get(name, False),
        )
        for name in ("arxiv", "s2", "hf")
    }


@pytest.fixture
def cfg(tmp_path):
    return dataclasses.replace(
        Config(), resolve=dataclasses.replace(Config().resolve, lock=str(tmp_path / "z.lock"))
    )


def test_ids_are_batched_and_resolved(cfg):
    srcs = _sources()
    entries = [
        entry("whatever", 1, arxiv_id="2310.14189"),
        entry("x", 2, arxiv_id="2311.12908"),
        entry("again", 3, arxiv_id="2310.14189"),
    ]
    report = resolve_entries(entries, cfg, sources=srcs)
    assert srcs["arxiv"].lookups == [
        ["arxiv:2310.14189", "arxiv:2311.12908"]
    ]  # one batch, no duplicates
    assert [r.resolution.status for r in report.rows] == [Status.RESOLVED] * 3
    assert report.rows[0].resolution.via == "arxiv-id"
    assert len(report.rows) == 3 and len(report.resolutions) == 2


def test_title_clear_winner_and_near_duplicate_not_confused(cfg):
    srcs = _sources()
    entries = [
        entry("Improved Techniques for Training Consistency Models", 1),
        entry("From r to Q∗ : Your Language Model is Secretly a Q-Function", 2),
    ]
    report = resolve_entries(entries, cfg, sources=srcs)
    got = {r.entry.line: r.resolution for r in report.rows}
    assert got[1].status is Status.RESOLVED and got[1].paper.arxiv_id == "2310.14189"
    assert got[2].status is Status.RESOLVED and got[2].paper.arxiv_id == "2404.12358"
    assert len(srcs["arxiv"].searches) == 1  # both titles in one batch


def test_acronym_only_is_not_guessed(cfg):
    report = resolve_entries([entry("Diffusion-DPO", 1)], cfg, sources=_sources())
    res = report.rows[0].resolution
    assert res.status in (Status.REVIEW, Status.UNRESOLVED)


def test_failed_source_is_never_no_such_paper(cfg):
    srcs = _sources(arxiv=True, s2=True, hf=True)
    report = resolve_entries(
        [entry("Improved Techniques for Training Consistency Models", 1)], cfg, sources=srcs
    )
    res = report.rows[0].resolution
    assert res.status is Status.UNRESOLVED and res.reason.startswith("source failed")
    # retried next run
    srcs2 = _sources()
    again = resolve_entries(
        [entry("Improved Techniques for Training Consistency Models", 1)], cfg, sources=srcs2
    )
    assert again.rows[0].resolution.status is Status.RESOLVED
    assert srcs2["arxiv"].searches


def test_one_source_down_degrades_to_the_next(cfg):
    srcs = _sources(arxiv=True)
    report = resolve_entries(
        [
            entry("Improved Techniques for Training Consistency Models", 1),
            entry("y", 2, arxiv_id="2311.12908"),
        ],
        cfg,
        sources=srcs,
    )
    got = [r.resolution for r in report.rows]
    assert got[0].status is Status.RESOLVED and got[0].via == "s2"
    assert got[1].status is Status.RESOLVED and got[1].via == "s2-id"
    assert report.failures["arxiv"]


def test_warm_rerun_makes_no_request(cfg):
    entries = [
        entry("Improved Techniques for Training Consistency Models", 1),
        entry("Diffusion-DPO", 2),
        entry("Nothing like this exists anywhere at all", 3),
        entry("z", 4, arxiv_id="2311.12908"),
    ]
    resolve_entries(entries, cfg, sources=_sources())
    srcs = _sources()
    report = resolve_entries(entries, cfg, sources=srcs)
    assert sum(s.stats.requests for s in srcs.values()) == 0
    assert all(r.cached for r in report.rows)
    assert not report.lock_written


def test_user_edits_are_respected(cfg):
    entries = [
        entry("Diffusion-DPO", 1),
        entry("Improved Techniques for Training Consistency Models", 2),
    ]
    resolve_entries(entries, cfg, sources=_sources())
    lock = load_lock(cfg.resolve.lock)
    ident_dpo, ident_ict = entries[0].ident, entries[1].ident
    lock[ident_dpo] = dataclasses.replace(
        lock[ident_dpo], status=Status.PINNED, paper=Paper(title="", arxiv_id="2311.12908")
    )
    lock[ident_ict] = dataclasses.replace(lock[ident_ict], status=Status.REJECTED)
    save_lock(cfg.resolve.lock, lock)
    srcs = _sources()
    report = resolve_entries(entries, cfg, sources=srcs)
    got = [r.resolution for r in report.rows]
    assert (
        got[0].status is Status.PINNED and got[0].paper.title == DPO.title and got[0].via == "user"
    )
    assert got[1].status is Status.REJECTED
    assert srcs["arxiv"].lookups == [["arxiv:2311.12908"]] and not srcs["arxiv"].searches


def test_offline_makes_no_request_and_says_what_is_missing(cfg):
    entries = [entry("Improved Techniques for Training Consistency Models", 1)]
    report = resolve_entries(entries, cfg, offline=True, sources=_sources())
    res = report.rows[0].resolution
    assert res.status is Status.UNRESOLVED and res.reason.startswith("offline")
    assert report.total_requests == 0 and not report.lock_written


def test_offline_keeps_a_pin_waiting_for_its_fetch(cfg):
    e = entry("Diffusion-DPO", 1)
    save_lock(
        cfg.resolve.lock,
        {
            e.ident: Resolution(
                ident=e.ident,
                status=Status.PINNED,
                paper=Paper(title="", arxiv_id="2311.12908"),
                via="user",
            )
        },
    )
    before = open(cfg.resolve.lock, encoding="utf-8").read()
    report = resolve_entries([e], cfg, offline=True)
    res = report.rows[0].resolution
    assert res.status is Status.PINNED and res.reason.startswith("offline")
    assert open(cfg.resolve.lock, encoding="utf-8").read() == before
    online = resolve_entries([e], cfg, sources=_sources())
    assert online.rows[0].resolution.paper.title == DPO.title


def test_id_link_wins_but_a_disagreeing_title_is_noted(cfg):
    entries = [
        entry("A Completely Different Listed Title Here", 1, arxiv_id="2310.14189"),
        entry(
            "Improved Techniques for Training Consistency Models",
            2,
            arxiv_id="2310.14189",
            source="b.md",
        ),
    ]
    report = resolve_entries(entries, cfg, sources=_sources())
    noted, plain = (r.resolution for r in report.rows)
    assert noted.status is Status.RESOLVED and noted.paper.arxiv_id == "2310.14189"
    assert noted.reason.startswith("note: the listed title differs")
    assert (
        plain is noted
    )  # same identity, one decision (the first listing's title is the one compared)


def test_the_report_carries_the_lock_as_a_later_read_gives_it(cfg):
    """``zotsync sync`` hands ``report.lock`` to the .bib and push stages instead of reading the
    file again: it must equal what reading the file gives, for a fresh lock, an unchanged one
    and one a failure left partly undone."""
    entries = [
        entry("whatever", 1, arxiv_id="2310.14189"),
        entry("Diffusion Model Alignment Using Direct Preference Optimization", 2),
        entry("a paper nobody has", 3),
    ]
    first = resolve_entries(entries, cfg, sources=_sources())
    assert first.lock_written and first.lock == load_lock(cfg.resolve.lock)
    again = resolve_entries(entries, cfg, sources=_sources())
    assert not again.lock_written and again.lock == load_lock(cfg.resolve.lock)
    more = [*entries, entry("From r to Q*: Your Language Model is Secretly a Q-Function", 4)]
    failing = resolve_entries(more, cfg, sources=_sources(arxiv=True, s2=True, hf=True))
    assert failing.lock == load_lock(cfg.resolve.lock)
    assert [r.entry.line for r in failing.failed] == [4]
