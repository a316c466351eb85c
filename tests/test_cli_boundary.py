"""The one error boundary: exit codes and single Error lines, never a traceback."""

from __future__ import annotations

import subprocess
import sys


def run(*args, cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "zotsync", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_help_lists_pipeline(in_tmp):
    r = run("--help", cwd=in_tmp)
    assert r.returncode == 0
    assert "Turn a reading list into a real bibliography" in r.stdout
    assert "Exit codes" in r.stdout


def test_version(in_tmp):
    r = run("--version", cwd=in_tmp)
    assert r.returncode == 0 and "zotsync" in r.stdout


def test_unknown_command_is_usage_error(in_tmp):
    r = run("frobnicate", cwd=in_tmp)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
