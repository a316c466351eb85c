"""One run at a time per sync state directory, and only per state directory."""

from __future__ import annotations

import subprocess
import sys

from zotsync.push.state import state_lock


def test_two_state_folders_side_by_side_do_not_block_each_other(tmp_path):
    # Each run's state folder (e.g. several projects' states under one temporary folder)
    # is its own lock: holding one never stops a run on its neighbour.
    with state_lock(tmp_path / "a"):
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from zotsync.push.state import state_lock\n"
                "with state_lock(sys.argv[1]): print('got it')",
                str(tmp_path / "b"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert probe.returncode == 0, probe.stderr
    assert "got it" in probe.stdout


def test_the_same_state_folder_is_held_by_one_run(tmp_path):
    with state_lock(tmp_path / "state"):
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from zotsync.push.state import state_lock\n"
                "with state_lock(sys.argv[1]): print('got it')",
                str(tmp_path / "state"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert probe.returncode != 0
    assert "got it" not in probe.stdout
    assert "another zotsync run is using the sync state" in probe.stderr


def test_a_run_that_saved_nothing_leaves_no_state_folder(tmp_path):
    with state_lock(tmp_path / ".zotsync"):
        assert (tmp_path / ".zotsync").is_dir()
    assert not (tmp_path / ".zotsync").exists()


def test_a_run_that_saved_keeps_its_state_folder(tmp_path):
    with state_lock(tmp_path / ".zotsync"):
        (tmp_path / ".zotsync" / "state.json").write_text("{}", encoding="utf-8")
    assert (tmp_path / ".zotsync" / "state.json").is_file()
