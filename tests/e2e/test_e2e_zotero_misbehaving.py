"""Push and status when Zotero misbehaves in ways QA found: an HTML page with status 200, a slow read,
a 429 storm on reads, and the same list named twice."""

from __future__ import annotations

import json
import time

import pytest
from e2ekit import assert_error, assert_ok, set_faults, zotero_get, zotsync

NOTES_IN_LIST = 2  # entries with notes in data/short-list.md
ENTRIES_IN_LIST = 5


@pytest.fixture
def resolved(workdir, env):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    return workdir


@pytest.mark.parametrize("command", [("push", "list.md", "--yes"), ("status", "list.md")])
def test_an_html_page_instead_of_json_is_exit_5_not_a_crash(resolved, env, services, command):
    set_faults(services["zotero"], {"kind": "html", "times": -1})
    r = zotsync(*command, cwd=resolved, env=env)
    assert_error(r, 5, "Zotero", "not JSON")
    assert not [x for x in services["zotero"].log if x["method"] == "POST"]


def test_a_stalled_read_gives_up_after_zotsync_timeout_not_pyzoteros_30_seconds(
    resolved, env, services
):
    set_faults(
        services["zotero"], {"kind": "slow", "seconds": 5, "times": -1, "match": {"method": "GET"}}
    )
    start = time.monotonic()
    r = zotsync("status", "list.md", cwd=resolved, env={**env, "ZOTSYNC_TIMEOUT": "0.5"})
    elapsed = time.monotonic() - start
    assert_error(r, 5, "Zotero")
    # 4 attempts of 0.5 s plus short waits and start-up (~9 s on a loaded 2-core CI box);
    # pyzotero alone would wait 30 s for each attempt
    assert elapsed < 20, elapsed


def test_a_429_storm_on_reads_ends_quickly_with_exit_5(resolved, env, services):
    set_faults(
        services["zotero"],
        {
            "kind": "status",
            "status": 429,
            "retry_after": 0.2,
            "times": -1,
            "match": {"method": "GET"},
        },
    )
    start = time.monotonic()
    r = zotsync("push", "list.md", "--yes", cwd=resolved, env=env)
    elapsed = time.monotonic() - start
    assert_error(r, 5, "429")
    # what keeps it quick is the bounded number of attempts below (at 0.2 s apart); the wall
    # clock only rules out a wait of pyzotero's or a retry loop (9.9 s seen on a loaded box)
    assert elapsed < 20, elapsed
    gets = [
        x
        for x in services["zotero"].log
        if x["method"] == "GET" and not x["path"].startswith("/_emulator")
    ]
    assert 2 <= len(gets) <= 6, len(gets)


def test_the_same_list_named_twice_is_pushed_once(resolved, env, services):
    assert_ok(
        zotsync(
            "push",
            "list.md",
            "./list.md",
            str(resolved / "list.md"),
            "--yes",
            cwd=resolved,
            env=env,
        )
    )
    items = zotero_get(services["zotero"], "/items?limit=100")
    assert sum(i["data"]["itemType"] == "note" for i in items) == NOTES_IN_LIST
    again = zotsync("push", "list.md", "--yes", "--json", cwd=resolved, env=env)
    assert_ok(again)
    assert json.loads(again.stdout)["requests"]["writes"] == 0
    status = zotsync("status", "list.md", "list.md", "--json", cwd=resolved, env=env)
    assert_ok(status)
    assert len(json.loads(status.stdout)["entries"]) == ENTRIES_IN_LIST


def test_push_help_names_the_real_default_lock_file(tmp_path, env):
    r = zotsync("push", "--help", cwd=tmp_path, env=env)
    assert_ok(r)
    text = " ".join(r.stdout.split())
    assert "zotsync.lock" in text and "default: resolve.lock" not in text
