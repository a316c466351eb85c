"""Resolve under failed services and bad pins, as a user meets it.

* a service that is down leaves *provisional* decisions: exit 5, ``pending`` in the
  lock, and the next healthy run fetches exactly what is missing, ending with
  the same metadata as a clean run (then 0 requests);
* a pinned id no service knows is a review item (exit 3), never an empty-titled
  paper in the .bib or in Zotero;
* ``--review`` without a terminal is exit 2 (like push/pull), and no bare
  progress-bar line reaches a non-terminal stderr.
"""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from e2ekit import assert_error, assert_ok, set_faults, zotsync

DOWN = {"kind": "status", "status": 503, "retry_after": 0, "times": -1}


def bib_entries(text: str) -> int:
    return len(re.findall(r"^@(?!comment)\w+\{", text, re.MULTILINE))


def requests_to(server) -> int:
    return sum(1 for r in server.log if not r["path"].startswith("/_emulator"))


def lock_papers(workdir) -> dict[str, dict]:
    data = tomllib.loads((workdir / "zotsync.lock").read_text(encoding="utf-8"))
    return {b["ident"]: b for b in data["entry"]}


def clean_lock(workdir, env, services) -> dict[str, dict]:
    """The lock a healthy first run writes (in a sibling directory)."""
    other = workdir / "clean"
    other.mkdir()
    (other / "list.md").write_bytes((workdir / "list.md").read_bytes())
    assert_ok(zotsync("resolve", "list.md", cwd=other, env=env))
    return lock_papers(other)


@pytest.mark.parametrize("down,mark", [("s2", "venue"), ("arxiv", "arxiv")])
def test_a_service_down_leaves_provisional_decisions_that_the_next_run_completes(
    workdir, env, services, down, mark
):
    set_faults(services[down], DOWN)
    first = zotsync("resolve", "list.md", "--json", cwd=workdir, env=env)
    assert_error(first, 5, "still lack metadata because a service failed")
    rows = json.loads(first.stdout)
    assert all(r["status"] == "resolved" and mark in r["pending"] for r in rows), rows
    assert "pending: 5 entries still lack" in first.stderr
    assert all(mark in b.get("pending", []) for b in lock_papers(workdir).values())

    offline = zotsync(
        "resolve", "list.md", "--offline", "--json", cwd=workdir, env=env
    )  # no service: nothing to blame
    assert_ok(offline)
    assert [r["status"] for r in json.loads(offline.stdout)] == ["resolved"] * 5

    set_faults(services[down])
    before = {name: requests_to(services[name]) for name in ("arxiv", "s2", "hf")}
    second = zotsync("resolve", "list.md", cwd=workdir, env=env)
    assert_ok(second)
    made = {name: requests_to(services[name]) - before[name] for name in before}
    assert made[down] == 1 and sum(made.values()) == 1, (
        made
    )  # one batch for exactly what was missing
    recovered = lock_papers(workdir)
    assert not any("pending" in b for b in recovered.values())
    clean = clean_lock(workdir, env, services)
    assert {i: b["paper"] for i, b in recovered.items()} == {
        i: b["paper"] for i, b in clean.items()
    }
    for block in recovered.values():
        assert block["paper"]["categories"] and block["paper"]["url"].startswith(
            "https://arxiv.org/abs/"
        )

    third = zotsync("resolve", "list.md", cwd=workdir, env=env)
    assert_ok(third)
    assert "decided by: lock 5" in third.stdout and "(unchanged)" in third.stdout


def test_a_pinned_id_no_service_knows_is_reviewed_and_never_used(workdir, env, services):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    pinned = zotsync(
        "resolve", "list.md", "--json", "--accept", "list.md:19=9999.99999", cwd=workdir, env=env
    )
    assert_error(pinned, 3, "pinned ids name no paper", "list.md:19")
    row = next(r for r in json.loads(pinned.stdout) if r["line"] == 19)
    assert row["status"] == "review" and "pinned id not found: 9999.99999" in row["reason"]
    assert row["canonical_title"] is None
    block = lock_papers(workdir)[row["ident"]]
    assert block["status"] == "review" and "paper" not in block

    bib = zotsync("bib", "list.md", "-o", "out.bib", "--offline", cwd=workdir, env=env)
    assert bib.returncode == 0, bib.stderr
    text = (workdir / "out.bib").read_text(encoding="utf-8")
    assert "title = {}" not in text and "Mixture-of-Attention" not in text
    assert bib_entries(text) == 4
    plan = zotsync("push", "list.md", "--dry-run", cwd=workdir, env=env)
    assert plan.returncode == 0, plan.stderr
    assert "create item ''" not in plan.stdout and "not pushed: resolution is review" in plan.stdout
    assert "would create 5 collections, 4 items" in plan.stdout


def test_a_pin_that_cannot_be_fetched_is_left_out_downstream(workdir, env, services):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    set_faults(services["arxiv"], DOWN)
    set_faults(services["s2"], DOWN)
    set_faults(services["hf"], DOWN)
    pinned = zotsync(
        "resolve", "list.md", "--json", "--accept", "list.md:19=2404.11565", cwd=workdir, env=env
    )
    assert_error(pinned, 5, "could not be resolved")
    row = next(r for r in json.loads(pinned.stdout) if r["line"] == 19)
    assert (
        row["status"] == "pinned"
        and row["arxiv_id"] == "2404.11565"
        and row["canonical_title"] is None
    )
    bib = zotsync("bib", "list.md", "-o", "out.bib", "--offline", cwd=workdir, env=env)
    assert bib.returncode == 0, bib.stderr
    text = (workdir / "out.bib").read_text(encoding="utf-8")
    assert "title = {}" not in text and bib_entries(text) == 4
    assert "2404.11565" in (workdir / "zotsync.lock").read_text(
        encoding="utf-8"
    )  # the pin is kept for the next run


def test_review_without_a_terminal_is_exit_2(workdir, env):
    assert_error(
        zotsync("resolve", "list.md", "--review", "--offline", cwd=workdir, env=env),
        2,
        "needs an interactive terminal",
    )


def test_no_progress_bar_on_a_non_terminal_stderr(workdir, env):
    r = zotsync("resolve", "list.md", cwd=workdir, env=env)
    assert_ok(r)
    assert "Resolving" not in r.stderr and r.stderr.strip() == ""
