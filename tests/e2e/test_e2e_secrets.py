"""The Zotero API key never leaves the process: not on stdout or stderr (also with -v and --json), not in the lock,
the .bib, the sync state or any other file under the working directory — in a clean run and in every failure a
user can meet (key rejected, no such library, server errors, network down, rate limits)."""

from __future__ import annotations

import json

import pytest
from e2ekit import (
    SECRET_KEY,
    assert_error,
    assert_ok,
    closed_port_url,
    files_containing,
    set_faults,
    writes,
    zotsync,
    zotsync_all,
)

# The key in pieces a careless redaction could still print (a prefix, the lower-cased key).
FRAGMENTS = (SECRET_KEY, SECRET_KEY[:12], SECRET_KEY.lower(), SECRET_KEY[-12:])


def assert_no_key(*results, root=None) -> None:
    for r in results:
        text = r.stdout + r.stderr
        for fragment in FRAGMENTS:
            assert fragment not in text, f"{r.args}: key fragment {fragment!r} printed"
    if root is not None:
        for fragment in FRAGMENTS:
            assert files_containing(root, fragment) == [], (
                f"key fragment {fragment!r} written to a file"
            )


def test_every_command_in_every_mode_keeps_the_key_to_itself(workdir, env, services):
    runs = [
        ("-v", "resolve", "list.md"),
        ("resolve", "list.md", "--json"),
        ("-v", "bib", "list.md", "-o", "refs.bib"),
        ("-v", "push", "list.md", "--dry-run"),
        ("push", "list.md", "--dry-run", "--json"),
        ("-v", "push", "list.md", "--yes", "--json"),
        ("-v", "status", "list.md", "--json"),
        ("-v", "pull", "list.md", "--dry-run"),
        ("-v", "sync", "list.md", "--yes", "--bib", "refs.bib"),
        ("sync", "list.md", "--yes", "--json", "--dry-run"),
    ]
    results = []
    for args in runs:
        r = zotsync(*args, cwd=workdir, env=env)
        assert_ok(r)
        results.append(r)
    assert writes(services["zotero"])  # the key really was used
    assert (
        (workdir / ".zotsync").is_dir()
        and (workdir / "refs.bib").is_file()
        and (workdir / "zotsync.lock").is_file()
    )
    assert_no_key(*results, root=workdir)


@pytest.mark.slow
def test_the_key_from_zotsync_toml_is_not_echoed_back(workdir, env, services):
    """A key kept in the config file (not the environment) is as secret, also when -v shows the settings."""
    env = {k: v for k, v in env.items() if k != "ZOTERO_API_KEY"}
    (workdir / "zotsync.toml").write_text(f'[zotero]\napi_key = "{SECRET_KEY}"\n', encoding="utf-8")
    results = [zotsync("-v", "push", "list.md", "--yes", "--json", cwd=workdir, env=env)]
    assert_ok(results[0])
    results.append(zotsync("-v", "status", "list.md", cwd=workdir, env=env))
    assert_ok(results[1])
    assert_no_key(*results)
    leaked = [f for f in files_containing(workdir, SECRET_KEY) if f != "zotsync.toml"]
    assert leaked == []


@pytest.fixture
def resolved(workdir, env):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    return workdir


def test_a_rejected_key_is_exit_6_and_is_not_printed(resolved, env, services):
    wrong = "Wr0ngKEYwrongkey99887766"
    env = {**env, "ZOTERO_API_KEY": wrong}
    calls = [
        ("-v", "push", "list.md", "--yes"),
        ("push", "list.md", "--dry-run", "--json"),
        ("-v", "status", "list.md"),
        ("pull", "list.md", "--yes"),
        ("-v", "sync", "list.md", "--yes"),
    ]
    results = zotsync_all(calls, cwd=resolved, env=env)
    for r in results:
        assert_error(r, 6, "key")
        assert wrong not in r.stdout + r.stderr and wrong[:10] not in r.stdout + r.stderr
    assert files_containing(resolved, wrong) == [] and not (resolved / ".zotsync").exists()
    assert writes(services["zotero"]) == []


def test_a_wrong_library_id_is_exit_6_naming_the_library_not_the_key(resolved, env, services):
    env = {**env, "ZOTERO_LIBRARY_ID": "424242"}
    results = zotsync_all(
        [
            ("-v", "push", "list.md", "--yes"),
            ("status", "list.md"),
            ("sync", "list.md", "--dry-run"),
        ],
        cwd=resolved,
        env=env,
    )
    for r in results:
        assert_error(r, 6, "424242")
    assert_no_key(*results, root=resolved)
    assert writes(services["zotero"]) == []


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 500, "times": -1, "body": "internal error"},
        {"kind": "status", "status": 503, "retry_after": 0, "times": -1},
        pytest.param(
            {"kind": "status", "status": 429, "retry_after": 0, "times": -1}, marks=pytest.mark.slow
        ),
        pytest.param({"kind": "empty", "times": -1}, marks=pytest.mark.slow),
    ],
    ids=["500-storm", "503-storm", "429-retry-after-0", "empty-200"],
)
def test_server_failures_are_exit_5_and_keep_the_key_secret(fault, resolved, env, services):
    set_faults(services["zotero"], fault)
    results = zotsync_all(
        [("-v", "push", "list.md", "--yes", "--json"), ("-v", "status", "list.md", "--json")],
        cwd=resolved,
        env=env,
    )
    for r in results:
        assert_error(r, 5, "Zotero")
    assert_no_key(*results, root=resolved)


def test_network_down_is_exit_5_for_every_zotero_command_and_keeps_the_key_secret(resolved, env):
    env = {**env, "ZOTSYNC_ZOTERO_URL": closed_port_url()}
    calls = [
        ("-v", "push", "list.md", "--yes"),
        ("push", "list.md", "--dry-run", "--json"),
        ("-v", "status", "list.md"),
        ("-v", "pull", "list.md", "--dry-run"),
        ("-v", "sync", "list.md", "--yes"),
    ]
    results = zotsync_all(calls, cwd=resolved, env=env)
    for r in results:
        assert_error(r, 5, "127.0.0.1")
    assert_no_key(*results, root=resolved)
    assert not (resolved / ".zotsync").exists()


@pytest.mark.slow
def test_json_error_runs_print_no_half_json_on_stdout(resolved, env):
    env = {**env, "ZOTSYNC_ZOTERO_URL": closed_port_url()}
    r = zotsync("push", "list.md", "--yes", "--json", cwd=resolved, env=env)
    assert_error(r, 5)
    if r.stdout.strip():  # whatever reaches stdout must still parse
        json.loads(r.stdout)
