"""Safety nets a hostile or unlucky user meets, through the real CLI against the emulators.

Each test names the case of the trust-boundary issue it covers: a key pasted into the
wrong variable (5), a --prune that would trash the user's own child notes (7), an
empty or truncated lock (8), two runs on one state (10), an absurd Retry-After (11),
state files other users could read (12), Ctrl-C at any moment (13).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from e2ekit import (
    SECRET_KEY,
    SECRET_USER,
    assert_error,
    assert_ok,
    set_faults,
    sigint_as_at_a_terminal,
    writes,
    zotero_get,
    zotero_post,
    zotsync,
)

FRAGMENTS = (SECRET_KEY, SECRET_KEY[:12], SECRET_KEY.lower(), SECRET_KEY[-12:])
PAPERS = 5  # distinct papers in data/short-list.md


@pytest.fixture
def pushed(workdir, env):
    """The short list resolved and pushed into the empty emulated library."""
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    assert_ok(zotsync("push", "list.md", "--yes", cwd=workdir, env=env))
    return workdir


def live_items(zotero) -> dict[str, dict]:
    """The library's papers (top-level items; notes and attachments are their children)."""
    return {
        i["key"]: i["data"]
        for i in zotero_get(zotero, "/items?limit=100")
        if "parentItem" not in i["data"] and not i["data"].get("deleted")
    }


# ------------------------------------------------------------------ case 5: the key in an error


@pytest.mark.parametrize("verbose", [(), ("-v",)])
def test_a_key_swapped_with_the_library_id_is_never_echoed(workdir, env, verbose):
    swapped = {**env, "ZOTERO_API_KEY": SECRET_USER, "ZOTERO_LIBRARY_ID": SECRET_KEY}
    r = zotsync(*verbose, "push", "list.md", "--dry-run", cwd=workdir, env=swapped)
    line = assert_error(r, 4, "ZOTERO_LIBRARY_ID must be a number", "swapped")
    for fragment in FRAGMENTS:
        assert fragment not in r.stdout + r.stderr, (verbose, line)
    if verbose:  # the -v traceback is there, and redacted too
        assert "Traceback" in r.stderr


@pytest.mark.parametrize(
    "variable", ["ZOTSYNC_TIMEOUT", "ZOTERO_LIBRARY_TYPE", "ZOTSYNC_ARXIV_URL"]
)
def test_a_key_pasted_into_another_setting_is_not_echoed(workdir, env, variable):
    r = zotsync("-v", "resolve", "list.md", cwd=workdir, env={**env, variable: SECRET_KEY})
    assert_error(r, 4, "looks like an API key (not shown)")
    for fragment in FRAGMENTS:
        assert fragment not in r.stdout + r.stderr


# ------------------------------------------------------------------ case 7: prune and user children


def test_prune_keeps_and_reports_an_item_that_holds_the_users_own_note(pushed, env, services):
    zotero = services["zotero"]
    items = live_items(zotero)
    by_title = {d["title"]: k for k, d in items.items()}
    mine = by_title["Learning Vision from Models Rivals Learning Vision from Data"]
    other = next(k for t, k in by_title.items() if t.startswith("Parrot"))
    zotero_post(
        zotero,
        [{"itemType": "note", "note": "<p>my own reading notes</p>", "parentItem": mine}],
    )
    text = (pushed / "list.md").read_text(encoding="utf-8")
    text = re.sub(r"\[Learning Vision from Models[^\n]*\n", "", text)
    text = re.sub(r"Parrot: Pareto[^\n]*\n", "", text)
    (pushed / "list.md").write_text(text, encoding="utf-8")

    dry = zotsync("push", "list.md", "--prune", "--dry-run", cwd=pushed, env=env)
    assert_ok(dry)
    assert "not trashed: it holds 1 note you added in Zotero" in dry.stdout, dry.stdout
    r = zotsync("push", "list.md", "--prune", "--yes", "--json", cwd=pushed, env=env)
    assert_ok(r)
    plan = json.loads(r.stdout)
    trashed = [w["key"] for w in plan["writes"] if w["op"] == "trash"]
    assert other in trashed and mine not in trashed
    left = live_items(zotero)
    assert mine in left and other not in left
    assert left[mine]["collections"] == []  # it left the list's collections, as unlisted papers do


# ------------------------------------------------------------------ case 8: a lock that lost entries


@pytest.mark.parametrize("damage", ["empty", "truncated"])
def test_an_empty_or_truncated_lock_stops_the_push_until_force(pushed, env, services, damage):
    zotero = services["zotero"]
    lock = pushed / "zotsync.lock"
    text = lock.read_text(encoding="utf-8")
    if damage == "empty":
        lock.write_text("", encoding="utf-8")
    else:  # cut after the first block, as an interrupted copy or a bad merge leaves it
        blocks = [m.start() for m in re.finditer(r"^\[\[entry\]\]", text, re.M)]
        assert len(blocks) >= PAPERS
        lock.write_text(text[: blocks[1]], encoding="utf-8")
    before = len(writes(zotero))
    r = zotsync("push", "list.md", "--yes", cwd=pushed, env=env)
    assert_error(r, 7, "lock file has no decision", "--force")
    assert len(writes(zotero)) == before
    assert all(d["collections"] for d in live_items(zotero).values())

    forced = zotsync("push", "list.md", "--yes", "--force", cwd=pushed, env=env)
    assert_ok(forced)
    assert len(writes(zotero)) > before


def test_a_list_that_lost_one_paper_of_several_still_pushes(pushed, env, services):
    text = (pushed / "list.md").read_text(encoding="utf-8")
    (pushed / "list.md").write_text(re.sub(r"Parrot: Pareto[^\n]*\n", "", text), encoding="utf-8")
    assert_ok(zotsync("push", "list.md", "--yes", cwd=pushed, env=env))


# ------------------------------------------------------------------ case 10: one run per state


def flock_holders(folder) -> set[int]:
    """Pids holding an flock on ``folder`` (Linux: /proc/locks), without touching the lock."""
    inode = os.stat(folder).st_ino
    pids = set()
    for line in open("/proc/locks", encoding="ascii").read().splitlines():
        parts = line.split()
        if "FLOCK" in parts and parts[-3].rsplit(":", 1)[-1] == str(inode):
            pids.add(int(parts[-4]))
    return pids


@pytest.mark.skipif(not os.path.exists("/proc/locks"), reason="needs Linux /proc/locks")
def test_a_pull_while_a_push_is_applying_stops_with_a_clear_message(pushed, env, services):
    text = (pushed / "list.md").read_text(encoding="utf-8")
    (pushed / "list.md").write_text(
        text.replace("合成数据也能学到很好的表征", "合成数据也能学到很好的表征 (edited)"),
        encoding="utf-8",
    )
    push = subprocess.Popen(
        [sys.executable, "-m", "zotsync", "push", "list.md", "--yes"],
        cwd=pushed,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while push.pid not in flock_holders(pushed / ".zotsync"):  # the push holds the state
            assert push.poll() is None and time.monotonic() < deadline, push.communicate()
            time.sleep(0.01)
        push.send_signal(signal.SIGSTOP)  # ... and stays in the middle of its run
        r = zotsync("pull", "list.md", "--yes", cwd=pushed, env=env)
        assert_error(r, 7, "another zotsync run is using the sync state")
    finally:
        push.send_signal(signal.SIGCONT)
        out, err = push.communicate(timeout=60)
    assert push.returncode == 0, err
    assert "update note" in out
    assert_ok(zotsync("pull", "list.md", "--yes", cwd=pushed, env=env))


def test_runs_that_only_read_are_not_locked_out(pushed, env):
    holder = os.open(pushed / ".zotsync", os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running push holds it
        for args in (("status", "list.md"), ("pull", "list.md", "--dry-run")):
            assert_ok(zotsync(*args, cwd=pushed, env=env))
        assert_error(zotsync("push", "list.md", "--yes", cwd=pushed, env=env), 7, "another")
    finally:
        os.close(holder)


# ------------------------------------------------------------------ case 11: Retry-After


def test_an_absurd_retry_after_from_arxiv_is_not_waited_out(workdir, env, services):
    set_faults(
        services["arxiv"], {"kind": "status", "status": 429, "retry_after": 100000, "times": -1}
    )
    start = time.monotonic()
    r = zotsync("resolve", "list.md", cwd=workdir, env=env, timeout=60)
    took = time.monotonic() - start
    assert took < 30, f"waited {took:.0f} s"
    assert_error(r, 5)
    assert (
        "asked to wait 100000 s (Retry-After), longer than services.max_wait (60 s)"
        in r.stdout + r.stderr
    )


def test_the_longest_wait_is_configurable(workdir, env, services):
    set_faults(services["arxiv"], {"kind": "status", "status": 429, "retry_after": 3, "times": -1})
    r = zotsync("resolve", "list.md", cwd=workdir, env={**env, "ZOTSYNC_MAX_WAIT": "2"})
    assert_error(r, 5)
    assert "longer than services.max_wait (2 s)" in r.stdout + r.stderr


def test_an_absurd_retry_after_from_zotero_is_not_waited_out(workdir, env, services):
    """One rule for every service: Zotero's Retry-After longer than services.max_wait is not
    waited out (it was capped at the client's own 60 s and slept, silently, per attempt)."""
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    set_faults(
        services["zotero"], {"kind": "status", "status": 429, "retry_after": 100000, "times": -1}
    )
    start = time.monotonic()
    r = zotsync("push", "list.md", "--yes", cwd=workdir, env=env, timeout=60)
    took = time.monotonic() - start
    assert took < 30, f"waited {took:.0f} s"
    assert_error(r, 5, "asked to wait 100000 s", "longer than services.max_wait (60 s)")
    assert writes(services["zotero"]) == []


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_zotero_waits_follow_zotsync_max_wait(workdir, env, services, method):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    set_faults(
        services["zotero"],
        {
            "kind": "status",
            "status": 503,
            "retry_after": 3,
            "times": -1,
            "match": {"method": method},
        },
    )
    r = zotsync("push", "list.md", "--yes", cwd=workdir, env={**env, "ZOTSYNC_MAX_WAIT": "2"})
    assert_error(r, 5, "asked to wait 3 s", "longer than services.max_wait (2 s)")


# ------------------------------------------------------------------ case 12: private state files


def test_state_snapshot_and_conflict_files_are_private(pushed, env):
    os.chmod(pushed / ".zotsync", 0o755)
    for p in (pushed / ".zotsync").rglob("*.json"):
        os.chmod(p, 0o644)  # a state dir written by an older zotsync
    assert_ok(zotsync("sync", "list.md", "--yes", "--bib", "refs.bib", cwd=pushed, env=env))
    files = [p for p in (pushed / ".zotsync").rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert any(n.endswith(".snapshot.json") for n in names) and f"users-{SECRET_USER}.json" in names
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {oct(0o600)}, names


def test_a_new_state_folder_is_private(workdir, env):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    assert_ok(zotsync("push", "list.md", "--yes", cwd=workdir, env=env))
    assert (workdir / ".zotsync").stat().st_mode & 0o077 == 0


# ------------------------------------------------------------------ case 13: Ctrl-C at any moment

#: Runs zotsync as ``python -m zotsync`` does, with a Ctrl-C delivered the moment a given
#: module starts loading (or at exit): deterministic, at each stage of start-up.
_INTERRUPT_AT = textwrap.dedent(
    """
    import atexit, os, runpy, signal, sys
    target = sys.argv.pop(1)

    class Interrupt:
        def find_spec(self, name, path=None, target_module=None):
            if name == target:
                os.kill(os.getpid(), signal.SIGINT)
            return None

    if target == "<exit>":
        atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))
    else:
        sys.meta_path.insert(0, Interrupt())
    sys.argv[0] = "zotsync"
    runpy.run_module("zotsync", run_name="__main__", alter_sys=True)
    """
)


@pytest.mark.parametrize(
    "moment",
    [
        "zotsync.cli",
        "click",
        "zotsync.config",
        "zotsync.untrusted",
        "zotsync.cli.parse",
        "zotsync.parse",
        "zotsync.model",
        "<exit>",
    ],
)
def test_ctrl_c_at_any_moment_is_aborted_and_exit_130(workdir, env, moment):
    r = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_AT, moment, "parse", "list.md"],
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        preexec_fn=sigint_as_at_a_terminal,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in r.stderr and "KeyboardInterrupt" not in r.stderr, r.stderr
    assert r.returncode == 130, (r.returncode, r.stderr)
    assert r.stderr.rstrip().splitlines()[-1] == "Aborted."
