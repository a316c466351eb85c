"""Crash safety with a real process kill: `zotsync push` is SIGKILLed while each write request is in flight.

The fault holds write request n for a moment (``slow``); the test kills the push
process meanwhile, lets the server finish applying that write, then runs the push
again. The library must end up exactly as after an undisturbed push, the state file
must never be half-written, and a further push must write nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pushkit import canonical, resolutions_for

from zotsync.parse import parse_files
from zotsync.resolve.lockfile import save_lock

SEED = Path(__file__).resolve().parent.parent / "data" / "seeds" / "004_8c0d3416bb594b30.txt"


def _push(cwd, env, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "zotsync", "push", "papers.md", "--yes", "--json", *extra],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_killed_push_at_every_write_converges(zotero_emulator, remote, tmp_path):
    shutil.copy(SEED, tmp_path / "papers.md")
    save_lock(
        tmp_path / "zotsync.lock",
        resolutions_for(parse_files([str(tmp_path / "papers.md")])[0].entries),
    )
    base_env = {
        **os.environ,
        "ZOTERO_API_KEY": zotero_emulator.api_key,
        "ZOTERO_LIBRARY_ID": str(zotero_emulator.user_id),
        "ZOTSYNC_ZOTERO_URL": zotero_emulator.url,
    }

    reference_run = _push(tmp_path, {**base_env, "HOME": str(tmp_path)})
    out, err = reference_run.communicate(timeout=120)
    assert reference_run.returncode == 0, err
    writes = json.loads(out)["requests"]["writes"]
    reference = canonical(remote)
    assert writes >= 2

    for n in range(writes):
        zotero_emulator.reset()
        shutil.rmtree(tmp_path / ".zotsync", ignore_errors=True)
        zotero_emulator.faults.install(
            [{"kind": "slow", "seconds": 1.5, "match": {"method": "POST"}, "after": n}]
        )
        proc = _push(tmp_path, base_env)
        deadline = time.monotonic() + 60
        while zotero_emulator.faults.describe()[0]["fired"] == 0:
            assert proc.poll() is None and time.monotonic() < deadline, (
                "push ended before reaching the write"
            )
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert zotero_emulator.wait_idle(timeout=30)  # the server has applied the held write
        zotero_emulator.faults.clear()
        for path in (tmp_path / ".zotsync").glob("*.json"):
            json.loads(path.read_text(encoding="utf-8"))  # never half-written
        rerun = _push(tmp_path, base_env)
        out, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err
        assert canonical(remote) == reference, f"diverged after a kill at write {n}"
        again = _push(tmp_path, base_env)
        out, _ = again.communicate(timeout=120)
        assert json.loads(out)["requests"]["writes"] == 0, (
            f"not converged after a kill at write {n}"
        )
