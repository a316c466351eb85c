"""`zotsync push` as a user runs it: exit codes, one Error line, --json, --dry-run, confirmation."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pushkit import resolutions_for

from zotsync.cli import main
from zotsync.parse import parse_files
from zotsync.resolve.lockfile import save_lock

SEED = Path(__file__).resolve().parent.parent / "data" / "seeds" / "004_8c0d3416bb594b30.txt"


@pytest.fixture
def workdir(in_tmp):
    shutil.copy(SEED, in_tmp / "papers.md")
    entries = parse_files([str(in_tmp / "papers.md")])[0].entries
    save_lock(in_tmp / "zotsync.lock", resolutions_for(entries))
    return in_tmp


def subprocess_zotsync(*args, cwd, env):
    return subprocess.run(
        [sys.executable, "-m", "zotsync", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def zotsync(monkeypatch, capsys):
    """Run the CLI in-process (fast), through the same error boundary as the console script."""

    def call(*args, cwd, env, stdin=None):
        for name in ("ZOTERO_API_KEY", "ZOTERO_LIBRARY_ID", "ZOTSYNC_ZOTERO_URL"):
            if name in env:
                monkeypatch.setenv(name, env[name])
            else:
                monkeypatch.delenv(name, raising=False)
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return call


@pytest.fixture
def env(zotero_emulator, workdir):
    return {
        **os.environ,
        "ZOTERO_API_KEY": zotero_emulator.api_key,
        "ZOTERO_LIBRARY_ID": str(zotero_emulator.user_id),
        "ZOTSYNC_ZOTERO_URL": zotero_emulator.url,
    }


def test_json_push_then_rerun_writes_nothing(zotsync, workdir, env, remote):
    first = zotsync("push", "papers.md", "--yes", "--json", cwd=workdir, env=env)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert {
        "library",
        "dry_run",
        "applied",
        "wanted",
        "counts",
        "writes",
        "conflicts",
        "notices",
        "result",
        "requests",
    } <= report.keys()
    assert report["applied"] and report["result"]["failed"] == []
    assert report["counts"]["items"]["create"] == report["wanted"]["items"] > 10
    objects = sum(report["counts"][k]["create"] for k in ("items", "notes", "children"))
    assert (
        report["requests"]["writes"] == len(remote.writes()) == 1 + -(-objects // 50)
    )  # the minimum
    second = json.loads(
        zotsync("push", "papers.md", "--yes", "--json", cwd=workdir, env=env).stdout
    )
    assert second["writes"] == [] and second["requests"]["writes"] == 0
    assert (workdir / ".zotsync" / f"users-{env['ZOTERO_LIBRARY_ID']}.json").is_file()


def test_dry_run_prints_the_plan_and_writes_nothing(zotsync, workdir, env, remote):
    r = zotsync("push", "papers.md", "--dry-run", cwd=workdir, env=env)
    assert r.returncode == 0, r.stderr
    assert "+ create collection 'papers'" in r.stdout and "+ create item" in r.stdout
    assert "Dry run: would create" in r.stdout
    assert remote.writes() == [] and not (workdir / ".zotsync").exists()


def test_without_terminal_and_without_yes_it_refuses_instead_of_hanging(
    zotsync, workdir, env, remote
):
    r = zotsync("push", "papers.md", cwd=workdir, env=env, stdin="")
    assert r.returncode == 2
    assert (
        r.stderr.strip().splitlines()[-1].startswith("Error: push needs confirmation")
        and "--yes" in r.stderr
    )
    assert remote.writes() == []


def test_wrong_key_is_one_error_line_with_exit_6_and_no_key(workdir, env):
    bad = "notthekey0123456789abcd"
    r = subprocess_zotsync(
        "push", "papers.md", "--yes", cwd=workdir, env={**env, "ZOTERO_API_KEY": bad}
    )
    assert r.returncode == 6
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]  # one line
    assert (
        r.stderr.startswith("Error: the Zotero API key was rejected")
        and bad not in r.stderr + r.stdout
    )


def test_wrong_library_exit_6(zotsync, workdir, env):
    r = zotsync(
        "push", "papers.md", "--yes", cwd=workdir, env={**env, "ZOTERO_LIBRARY_ID": "424242"}
    )
    assert r.returncode == 6 and "users/424242" in r.stderr


def test_missing_credentials_exit_4(zotsync, workdir, env):
    env = {k: v for k, v in env.items() if k != "ZOTERO_API_KEY"}
    r = zotsync("push", "papers.md", "--yes", cwd=workdir, env=env)
    assert r.returncode == 4 and "ZOTERO_API_KEY" in r.stderr


def test_network_down_exit_5(zotsync, workdir, env):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = zotsync(
        "push",
        "papers.md",
        "--yes",
        cwd=workdir,
        env={**env, "ZOTSYNC_ZOTERO_URL": f"http://127.0.0.1:{port}"},
    )
    assert (
        r.returncode == 5
        and r.stderr.startswith(
            f"Error: cannot reach Zotero at http://127.0.0.1:{port}: nothing answers there"
        )
        and "check ZOTSYNC_ZOTERO_URL" in r.stderr  # an unreachable URL is checked, not "try later"
        and "Traceback" not in r.stderr
    )


def test_options_reach_the_engine(zotsync, workdir, env, remote):
    r = zotsync("push", "papers.md", "--on-conflict", "sometimes", cwd=workdir, env=env)
    assert r.returncode == 2 and "sometimes" in r.stderr  # click rejects an unknown policy
    r = zotsync(
        "push", "papers.md", "--lock", "missing.lock", "--dry-run", "--json", cwd=workdir, env=env
    )
    report = json.loads(r.stdout)
    assert (
        report["wanted"]["items"] == 0 and report["wanted"]["skipped"] > 0
    )  # nothing resolved in that lock
    assert all(n["code"] == "unusable" for n in report["notices"])
    r = zotsync(
        "push", "papers.md", "--yes", "--on-conflict", "fail", "--prune", cwd=workdir, env=env
    )
    assert r.returncode == 0 and "Done: created" in r.stdout


def test_the_push_bar_shows_counts_and_an_eta_on_a_terminal(monkeypatch):
    import io

    from zotsync.cli.push import _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    with _Progress(enabled=True) as progress:
        for done in (1, 2, 3):
            progress(done, 40)
    shown = term.getvalue()
    assert "Writing to Zotero" in shown and "3/40" in shown
    assert progress.bar.show_eta
