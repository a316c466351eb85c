"""The command-line start line every emulator shares (later checks rely on its exact form)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from zotsync.emulators.pytest_plugin import ZOTERO_TEST_API_KEY

START = {
    "arxiv": [],
    "s2": [],
    "hf": [],
    "zotero": ["--api-key", ZOTERO_TEST_API_KEY, "--user-id", "42"],
}


@pytest.mark.parametrize("service", sorted(START))
def test_start_line_prints_listening_url_and_serves(service):
    proc = subprocess.Popen(
        [sys.executable, "-m", "zotsync.emulators", service, "--port", "0", *START[service]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("listening on http://127.0.0.1:"), (
            line,
            proc.stderr.read() if proc.poll() else "",
        )
        url = line.split("listening on ", 1)[1].strip()
        assert requests.get(f"{url}/_emulator/log", timeout=5).json() == []
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_bad_fault_spec_is_one_error_line():
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "zotsync.emulators",
            "s2",
            "--port",
            "0",
            "--faults",
            '[{"kind": "nope"}]',
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 2 and r.stderr.startswith("Error: ") and "Traceback" not in r.stderr
