"""zotsync.atomic: every file zotsync keeps (lock, .bib, lists on pull, sync state) is replaced whole or not at all."""

from __future__ import annotations

import os
import stat

import pytest

from zotsync.atomic import replace_file, write_json_atomic
from zotsync.errors import InputError


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_default_not_a_private_temp_files_mode(tmp_path):
    old = os.umask(0o022)
    try:
        replace_file(tmp_path / "zotsync.lock", b"x")
    finally:
        os.umask(old)
    assert (
        _mode(tmp_path / "zotsync.lock") == 0o644
    )  # a lock file the user commits, readable like any other


def test_an_existing_file_keeps_its_mode_and_gets_the_new_bytes(tmp_path):
    target = tmp_path / "list.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    replace_file(target, "新的\r\n".encode("gb18030"))
    assert target.read_bytes() == "新的\r\n".encode("gb18030") and _mode(target) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "refs.bib"
    target.write_text("@misc{a}\n", encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="cannot write .*refs.bib: No space left on device"):
        replace_file(target, b"@misc{b}\n")
    assert target.read_text(encoding="utf-8") == "@misc{a}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.bib"]


def test_json_state_creates_its_folder(tmp_path):
    path = tmp_path / ".zotsync" / "state.json"
    write_json_atomic(path, {"标题": 1})
    assert path.read_text(encoding="utf-8") == '{\n "标题": 1\n}'


def test_a_folder_that_is_a_file_is_one_clear_error_from_every_writer(tmp_path):
    """`zotsync bib` with a file where its state folder should be: exit 3, one line, the .bib still written."""
    import subprocess
    import sys

    (tmp_path / "list.md").write_text(
        "- [Attention](https://arxiv.org/abs/1706.03762)\n", encoding="utf-8"
    )
    (tmp_path / ".zotsync").write_text("not a folder", encoding="utf-8")
    with pytest.raises(InputError, match="cannot write .*Not a directory"):
        write_json_atomic(tmp_path / ".zotsync" / "bib" / "x.json", {})
    proc = subprocess.run(
        [sys.executable, "-m", "zotsync", "bib", "list.md", "-o", "refs.bib", "--offline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3 and proc.stderr.startswith("Error: cannot write .zotsync/bib/"), (
        proc.stderr
    )
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
