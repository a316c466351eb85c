"""Push and status when Zotero misbehaves in ways QA found: an HTML page with status 200, a slow read,
a 429 storm on reads, and the same list named twice."""

from __future__ import annotations

import json
import time

import pytest

from e2ekit import assert_error, assert_ok, set_faults, zotero_get, zotsync


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


def test_a_stalled_read_gives_up_after_zotsync_timeout_not_pyzoteros_30_seconds(resolved, env, services):
    set_faults(services["zotero"], {"kind": "slow", "seconds": 5, "times": -1, "match": {"method": "GET"}})
    start = time.monotonic()
    r = zotsync("status", "list.md", cwd=resolved, env={**env, "ZOTSYNC_TIMEOUT": "0.5"})
    elapsed = time.monotonic() - start
    assert_error(r, 5, "Zotero")
    assert elapsed < 10, elapsed  # 4 attempts of 0.5 s plus short waits (pyzotero alone would wait 30 s each)


def test_a_429_storm_on_reads_ends_quickly_with_exit_5(resolved, env, services):
    set_faults(services["zotero"], {"kind": "status", "status": 429, "retry_after": 0.2, "times": -1,
                                    "match": {"method": "GET"}})
    start = time.monotonic()
    r = zotsync("push", "list.md", "--yes", cwd=resolved, env=env)
    elapsed = time.monotonic() - start
    assert_error(r, 5, "429")
    assert elapsed < 6, elapsed
    gets = [x for x in services["zotero"].log if x["method"] == "GET" and not x["path"].startswith("/_emulator")]
    assert 2 <= len(gets) <= 6, len(gets)
