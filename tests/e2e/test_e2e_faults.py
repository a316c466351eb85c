"""Services misbehaving mid-run: the run ends with an honest summary and the documented exit code, nothing is
duplicated, and a second run on a healthy network converges (same library as a clean run, then zero writes)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from e2ekit import (
    SECRET_KEY,
    SECRET_USER,
    assert_error,
    assert_ok,
    control,
    set_faults,
    sigint_as_at_a_terminal,
    wait_for,
    writes,
    zotero_get,
    zotsync,
)

ITEMS_IN_LIST = 5  # distinct papers in data/short-list.md
NOTES_IN_LIST = 2  # entries with notes
COLLECTIONS_IN_LIST = 5  # root, 阅读笔记, Data Scale, RM, 解耦


@pytest.fixture
def resolved(workdir, env):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    return workdir


ATTACHMENTS_PER_ITEM = 2  # "Preprint PDF" and "Snapshot" (linked URLs, the default --pdf link)


def library_census(zotero) -> tuple[Counter, Counter]:
    """(item types, collection names) in the emulated library: duplicates show up as counts > 1.

    Managed notes count as ``note``; the arXiv comment notes as ``comment``."""
    items = zotero_get(zotero, "/items?limit=100&includeTrashed=0")
    collections = zotero_get(zotero, "/collections?limit=100")
    types = Counter(
        "comment"
        if i["data"]["itemType"] == "note" and i["data"]["note"].startswith("Comment: ")
        else i["data"]["itemType"]
        for i in items
    )
    attachments, comments = types.pop("attachment", 0), types.pop("comment", 0)
    assert attachments == ATTACHMENTS_PER_ITEM * sum(types.values(), -types["note"]), types
    assert comments <= sum(types.values()) - types["note"]
    return types, Counter(c["data"]["name"] for c in collections)


def assert_converged(workdir, env, zotero) -> None:
    """A clean re-run finishes the job; the library holds each object once; a third run writes nothing."""
    second = zotsync("push", "list.md", "--yes", "--json", cwd=workdir, env=env)
    assert_ok(second)
    assert (json.loads(second.stdout)["result"] or {}).get("failed", []) == []
    types, names = library_census(zotero)
    assert (
        types["note"] == NOTES_IN_LIST and sum(types.values()) - types["note"] == ITEMS_IN_LIST
    ), types
    assert len(names) == COLLECTIONS_IN_LIST and max(names.values()) == 1, names
    written = len(writes(zotero))
    third = zotsync("push", "list.md", "--yes", "--json", cwd=workdir, env=env)
    assert_ok(third)
    assert json.loads(third.stdout)["requests"]["writes"] == 0 and len(writes(zotero)) == written


def test_a_dropped_write_response_is_retried_without_duplicates(resolved, env, services):
    zotero = services["zotero"]
    set_faults(zotero, {"kind": "drop", "times": 1, "match": {"method": "POST", "path": "/items$"}})
    r = zotsync("push", "list.md", "--yes", cwd=resolved, env=env)
    assert_ok(r)
    assert "Done: created 5 collections, 5 items, 2 notes" in r.stdout
    assert_converged(resolved, env, zotero)


def test_every_write_dropped_is_exit_5_then_a_clean_run_converges(resolved, env, services):
    zotero = services["zotero"]
    set_faults(zotero, {"kind": "drop", "times": -1, "match": {"method": "POST"}})
    assert_error(
        zotsync("push", "list.md", "--yes", cwd=resolved, env=env),
        5,
        "Zotero",
        "re-running is safe",
    )
    set_faults(zotero)
    assert_converged(resolved, env, zotero)


@pytest.mark.slow
def test_503_then_success_is_retried_quietly(resolved, env, services):
    zotero = services["zotero"]
    set_faults(
        zotero,
        {
            "kind": "status",
            "status": 503,
            "retry_after": 0,
            "times": 2,
            "match": {"method": "POST"},
        },
    )
    r = zotsync("push", "list.md", "--yes", "--json", cwd=resolved, env=env)
    assert_ok(r)
    report = json.loads(r.stdout)
    assert report["applied"] and report["result"]["failed"] == []
    assert [x["status"] for x in zotero.log if x["method"] == "POST"][:3] == [503, 503, 200]
    assert_converged(resolved, env, zotero)


def test_a_429_storm_on_writes_is_exit_5_and_the_state_stays_consistent(resolved, env, services):
    zotero = services["zotero"]
    set_faults(
        zotero,
        {
            "kind": "status",
            "status": 429,
            "retry_after": 0,
            "times": -1,
            "match": {"method": "POST"},
        },
    )
    r = zotsync("push", "list.md", "--yes", cwd=resolved, env=env)
    assert_error(r, 5, "429")
    assert [x["status"] for x in writes(zotero)] == [429] * len(writes(zotero)) and len(
        writes(zotero)
    ) >= 2
    set_faults(zotero)
    assert_converged(resolved, env, zotero)


def test_the_retry_after_of_a_429_is_honoured(resolved, env, services):
    zotero = services["zotero"]
    set_faults(
        zotero,
        {
            "kind": "status",
            "status": 429,
            "retry_after": 1,
            "times": 1,
            "match": {"method": "POST"},
        },
    )
    start = time.monotonic()
    r = zotsync("push", "list.md", "--yes", cwd=resolved, env=env)
    assert_ok(r)
    assert time.monotonic() - start >= 1.0
    assert [x["status"] for x in writes(zotero)][:2] == [429, 200]


@pytest.mark.slow
def test_a_stalled_zotero_write_times_out_then_converges_without_duplicates(
    resolved, env, services
):
    """The server applies the write after the client gave up (ZOTSYNC_TIMEOUT=1): retries carry the same keys."""
    zotero = services["zotero"]
    set_faults(zotero, {"kind": "slow", "seconds": 2, "times": -1, "match": {"method": "POST"}})
    r = zotsync("push", "list.md", "--yes", cwd=resolved, env={**env, "ZOTSYNC_TIMEOUT": "1"})
    assert_error(r, 5, "no answer")  # a timed-out write is named as such, exit 5
    set_faults(zotero)
    assert zotero.wait_idle(timeout=30)  # the emulator has finished the writes it was holding
    assert_converged(resolved, env, zotero)


@pytest.mark.slow
def test_resolve_with_arxiv_stalled_gives_up_in_time_and_says_so(workdir, env, services):
    """ZOTSYNC_TIMEOUT=1 against a server that answers after 3 s: the run does not hang, the summary marks arXiv
    down, and the exit code is 5 exactly when an entry was left unresolved or provisional ("pending": decided by
    S2 while arXiv was down, its arXiv record still to fetch); a run with neither would exit 0."""
    set_faults(services["arxiv"], {"kind": "slow", "seconds": 3, "times": -1})
    start = time.monotonic()
    r = zotsync(
        "resolve", "list.md", "--json", cwd=workdir, env={**env, "ZOTSYNC_TIMEOUT": "1"}, timeout=60
    )
    assert time.monotonic() - start < 30
    rows = json.loads(r.stdout)
    assert len(rows) == ITEMS_IN_LIST and {row["status"] for row in rows} <= {
        "resolved",
        "unresolved",
    }
    incomplete = [row for row in rows if row["status"] == "unresolved" or row["pending"]]
    if incomplete:
        assert_error(r, 5, "service failed")
    else:
        assert_ok(r)
    assert any(line.startswith("arxiv") and "DOWN" in line for line in r.stderr.splitlines()), (
        r.stderr
    )
    assert (workdir / "zotsync.lock").is_file()  # the decisions made so far are kept
    set_faults(services["arxiv"])
    again = zotsync("resolve", "list.md", "--json", cwd=workdir, env=env)
    assert_ok(again)
    assert [row["status"] for row in json.loads(again.stdout)] == ["resolved"] * ITEMS_IN_LIST
    assert [row["pending"] for row in json.loads(again.stdout)] == [
        []
    ] * ITEMS_IN_LIST  # provisional ones completed


def test_resolve_with_the_whole_network_down_keeps_everything_unresolved_not_missing(workdir, env):
    dead = "http://127.0.0.1:9"  # discard port: nothing listens on loopback
    env = {**env, "ZOTSYNC_ARXIV_URL": dead, "ZOTSYNC_S2_URL": dead, "ZOTSYNC_HF_URL": dead}
    r = zotsync("resolve", "list.md", "--json", cwd=workdir, env=env)
    assert_error(r, 5, "no network")  # every service unreachable: one clear diagnosis
    rows = json.loads(r.stdout)
    assert [row["status"] for row in rows] == ["unresolved"] * ITEMS_IN_LIST
    assert all(row["reason"] for row in rows)


def test_ctrl_c_during_a_stalled_push_exits_130_quietly_and_writes_nothing(resolved, env, services):
    zotero = services["zotero"]
    set_faults(zotero, {"kind": "slow", "seconds": 5, "times": -1})
    proc = subprocess.Popen(
        [sys.executable, "-m", "zotsync", "push", "list.md", "--yes"],
        cwd=resolved,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=sigint_as_at_a_terminal,
    )
    wait_for(lambda: zotero.faults.describe()[0]["fired"] > 0)  # the push waits on Zotero
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert writes(zotero) == [] and not (resolved / ".zotsync").exists()


def test_a_read_only_key_is_exit_6_saying_it_lacks_write_access(resolved, env, emulator_factory):
    read_only = emulator_factory(
        "zotero", "--read-only", "--api-key", SECRET_KEY, "--user-id", SECRET_USER
    )
    r = zotsync(
        "push", "list.md", "--yes", cwd=resolved, env={**env, "ZOTSYNC_ZOTERO_URL": read_only.url}
    )
    assert_error(r, 6, "no write access")
    assert SECRET_KEY not in r.stdout + r.stderr
    assert [w["status"] for w in writes(read_only)] == [403]


def test_a_library_reset_behind_our_back_is_refused_with_exit_7_until_force(
    resolved, env, services
):
    zotero = services["zotero"]
    assert_ok(zotsync("push", "list.md", "--yes", cwd=resolved, env=env))
    control(zotero, "POST", "/_emulator/reset")  # the library is emptied (or another one answers)
    state = {p.name: p.read_bytes() for p in (resolved / ".zotsync").iterdir()}
    r = zotsync("push", "list.md", "--yes", cwd=resolved, env=env)
    assert_error(r, 7, "--force")
    assert (
        writes(zotero) == []
        and {p.name: p.read_bytes() for p in (resolved / ".zotsync").iterdir()} == state
    )
    assert_ok(zotsync("push", "list.md", "--yes", "--force", cwd=resolved, env=env))
    assert_converged(resolved, env, zotero)


def test_sync_with_arxiv_down_pushes_what_s2_decided_exits_5_and_completes_next_run(
    workdir, env, services
):
    """arXiv answers 503 to everything: S2 decides every entry (provisionally), sync pushes them as they stand and
    exits 5 saying metadata is missing; with arXiv back, the next sync completes the items (arXiv categories as
    tags) and exits 0, without creating anything twice."""
    zotero = services["zotero"]
    set_faults(services["arxiv"], {"kind": "status", "status": 503, "times": -1})
    first = zotsync(
        "sync", "list.md", "--yes", cwd=workdir, env={**env, "ZOTSYNC_TIMEOUT": "2"}, timeout=120
    )
    assert_error(first, 5, "lack metadata")
    types, _ = library_census(zotero)
    assert sum(types.values()) - types["note"] == ITEMS_IN_LIST, types
    set_faults(services["arxiv"])
    second = zotsync("sync", "list.md", "--yes", cwd=workdir, env=env, timeout=120)
    assert_ok(second)
    items = [
        i
        for i in zotero_get(zotero, "/items?limit=100")
        if i["data"]["itemType"] not in ("note", "attachment")
    ]
    assert len(items) == ITEMS_IN_LIST
    assert all(
        any(t.get("type") == 1 for t in i["data"]["tags"])
        for i in items
        if i["data"].get("archiveID", "").startswith("arXiv:")
    ), "arXiv categories arrive on the second run"
    lock = (workdir / "zotsync.lock").read_text(encoding="utf-8")
    assert not [line for line in lock.splitlines() if line.startswith("pending =")], (
        "no decision stays provisional"
    )
