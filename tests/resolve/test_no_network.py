"""Offline by accident: `zotsync resolve` with no network says so in one line, not a block per entry."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "reading-list.md"


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_no_network_is_one_line_and_one_error(tmp_path):
    dead = closed_port_url()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("ZOTERO_", "ZOTSYNC_"))},
        "ZOTSYNC_ARXIV_URL": dead,
        "ZOTSYNC_S2_URL": dead,
        "ZOTSYNC_HF_URL": dead,
        "ZOTSYNC_ARXIV_DELAY": "0",
        "ZOTSYNC_TIMEOUT": "2",
    }
    r = subprocess.run(
        [sys.executable, "-m", "zotsync", "resolve", str(EXAMPLE), "--lock", "x.lock"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert r.returncode == 5, r.stderr
    assert "source failed" not in r.stdout  # no block per entry
    lines = [line for line in r.stdout.splitlines() if line.startswith("no network:")]
    assert len(lines) == 1, r.stdout
    assert (
        "arXiv, Semantic Scholar, Hugging Face could not be reached, so 38 entries are left unresolved"
        in lines[0]
    )
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "Error: no network: 38 entries could not be resolved (check your connection"
    ), last
