"""`[collections]` in zotsync.toml reaches push, status and pull alike: what push files, status
finds in sync and pull leaves alone; a new rule is a difference status reports and push applies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pushkit import resolutions_for
from test_push_cli import env, zotsync  # noqa: F401  (fixtures, reused)

from zotsync.parse import parse_files
from zotsync.resolve.lockfile import save_lock

SEED = Path(__file__).resolve().parent.parent / "data" / "seeds" / "000_f3a17fb8dc4736dd.txt"
ROOT = "papers"
LBD = "Language_based Detector"


@pytest.fixture
def workdir(in_tmp):
    shutil.copy(SEED, in_tmp / "papers.md")
    entries = parse_files([str(in_tmp / "papers.md")])[0].entries
    save_lock(in_tmp / "zotsync.lock", resolutions_for(entries))
    return in_tmp


def _entries(workdir: Path):
    return parse_files([str(workdir / "papers.md")])[0].entries


def _configure(workdir: Path, table: str) -> None:
    (workdir / "zotsync.toml").write_text(f"[collections]\n{table}\n", encoding="utf-8")


def test_push_status_and_pull_file_papers_by_the_same_rules(zotsync, workdir, env, remote):
    _configure(workdir, 'nesting = "headings"\nflatten = ["Language_based Detector"]')
    listed = (workdir / "papers.md").read_bytes()
    assert zotsync("push", "papers.md", "--yes", cwd=workdir, env=env).returncode == 0
    tree = remote.tree()
    assert {(ROOT, LBD), (ROOT, "RM"), (ROOT, "DPO and RLHF")} <= tree
    assert not any(len(path) > 2 for path in tree)  # nothing inside the flattened heading
    assert zotsync("status", "papers.md", "--exit-code", cwd=workdir, env=env).returncode == 0
    pulled = zotsync("pull", "papers.md", "--yes", cwd=workdir, env=env)
    assert pulled.returncode == 0, pulled.stderr
    assert (workdir / "papers.md").read_bytes() == listed

    # the old tree ("headings" alone): a difference status reports, and push files it so
    _configure(workdir, 'nesting = "headings"')
    differs = zotsync("status", "papers.md", "--exit-code", cwd=workdir, env=env)
    assert differs.returncode == 1, differs.stdout
    assert "collections changed in the list" in differs.stdout
    keys = {c["name"]: c["key"] for c in remote.collections()}
    assert zotsync("push", "papers.md", "--yes", cwd=workdir, env=env).returncode == 0
    literal = {(ROOT, *e.section[:d]) for e in _entries(workdir) for d in range(len(e.section) + 1)}
    assert remote.tree() == literal  # the topics moved inside; no empty copies left behind
    assert {c["name"]: c["key"] for c in remote.collections()} == keys  # moved, not re-created
    assert zotsync("status", "papers.md", "--exit-code", cwd=workdir, env=env).returncode == 0

    # and back to the default ("auto": the file holds no [collections]): moved out again, as an
    # upgrade from the literal tree does
    (workdir / "zotsync.toml").unlink()
    assert zotsync("push", "papers.md", "--yes", cwd=workdir, env=env).returncode == 0
    assert remote.tree() == tree
    assert {c["name"]: c["key"] for c in remote.collections()} == keys
    assert zotsync("status", "papers.md", "--exit-code", cwd=workdir, env=env).returncode == 0
