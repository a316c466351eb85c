"""The five example lists, parsed for real, resolved against the arXiv, S2 and HF emulators.

Judged against ``tests/data/resolve_truth.json``: every id-linked entry resolves to
its id, no entry resolves to a wrong paper, acronym-only and absent papers are
flagged (review/unresolved), and a warm re-run makes no request at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zotsync.config import load_config
from zotsync.model import Status
from zotsync.resolve import parse_entries, resolve_entries

DATA = Path(__file__).resolve().parents[1] / "data"
TRUTH = json.loads((DATA / "resolve_truth.json").read_text(encoding="utf-8"))
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
QUICK = [s for s in SEEDS if s.name.startswith(("000", "004"))]  # Markdown notes + awesome list


def config_for(arxiv, s2, hf, lock):
    return load_config(
        env={
            "ZOTSYNC_ARXIV_URL": arxiv.url,
            "ZOTSYNC_S2_URL": s2.url,
            "ZOTSYNC_HF_URL": hf.url,
            "ZOTSYNC_ARXIV_DELAY": "0",
            "ZOTSYNC_LOCK": str(lock),
        }
    )


def check_against_truth(report) -> dict[str, int]:
    """Assert the invariants; return counts of outcomes."""
    truth = {(name, row["line"]): row for name, rows in TRUTH.items() for row in rows}
    outcome = {"right": 0, "flagged": 0}
    for row in report.rows:
        want = truth[(Path(row.entry.source).name, row.entry.line)]
        res = row.resolution
        where = f"{row.entry.source}:{row.entry.line} {row.entry.title!r}"
        if res.status.usable:
            if want.get("arxiv_id"):
                assert res.paper.arxiv_id == want["arxiv_id"], (
                    f"WRONG paper for {where}: {res.paper.title!r}"
                )
            elif want.get("openreview_id"):
                assert res.paper.arxiv_id is None, (
                    f"{where} is not on arXiv, got {res.paper.arxiv_id}"
                )
                assert "Group Invariant Learning" in res.paper.title
                assert res.paper.openreview_id == want["openreview_id"]
            else:
                pytest.fail(
                    f"{where} should be flagged ({want['expect']}), got {res.paper.title!r}"
                )
            outcome["right"] += 1
        else:
            assert not want.get("arxiv_id") or want.get("review_ok") or False, (
                f"{where} should resolve to {want.get('arxiv_id')}: {res.status.value} {res.reason}"
            )
            outcome["flagged"] += 1
        if row.entry.arxiv_id:  # every id-linked entry resolved to its id
            assert res.status is Status.RESOLVED and res.paper.arxiv_id == row.entry.arxiv_id, where
    return outcome


def test_markdown_and_awesome_lists(arxiv_emulator, s2_emulator, hf_emulator, in_tmp):
    entries = parse_entries([str(s) for s in QUICK])
    cfg = config_for(arxiv_emulator, s2_emulator, hf_emulator, in_tmp / "zotsync.lock")
    report = resolve_entries(entries, cfg)
    outcome = check_against_truth(report)
    assert (
        outcome["right"] >= len(entries) - 2
    )  # only Diffusion-DPO (and at most one review) flagged
    diffusion_dpo = next(r for r in report.rows if r.entry.title == "Diffusion-DPO")
    assert diffusion_dpo.resolution.status is Status.REVIEW and diffusion_dpo.resolution.candidates
    arxiv_calls = [r for r in arxiv_emulator.log if r["path"].startswith("/api/")]
    assert len(arxiv_calls) < 10 < len(entries)  # batched, not one per entry


@pytest.mark.slow
def test_all_five_lists_cold_then_warm(arxiv_emulator, s2_emulator, hf_emulator, in_tmp):
    entries = parse_entries([str(s) for s in SEEDS])
    cfg = config_for(arxiv_emulator, s2_emulator, hf_emulator, in_tmp / "zotsync.lock")
    report = resolve_entries(entries, cfg)
    outcome = check_against_truth(report)
    assert outcome["right"] >= len(entries) - 10
    for server in (arxiv_emulator, s2_emulator, hf_emulator):
        server.clear_log()
    warm = resolve_entries(entries, cfg)
    assert warm.total_requests == 0 and all(r.cached for r in warm.rows)
    assert [r.resolution for r in warm.rows] == [r.resolution for r in report.rows]
    assert not any(s.log for s in (arxiv_emulator, s2_emulator, hf_emulator))
