"""`zotsync status` and `zotsync pull` as a user runs them: --json keys, --dry-run diff, no-TTY refusal, --yes."""

from __future__ import annotations

import json

from test_push_cli import env, workdir, zotsync  # noqa: F401  (fixtures, reused)
from twokit import zotero_html

from zotsync.push.state import load_state


def _edit_first_note(workdir, env, remote) -> str:
    state = load_state(workdir / ".zotsync", f"users/{env['ZOTERO_LIBRARY_ID']}")
    slot, st = sorted(state.notes.items())[0]
    remote.edit(st.key, note=zotero_html("from the CLI test"))
    return slot


def test_status_pull_and_push_from_the_command_line(zotsync, workdir, env, remote):
    assert zotsync("push", "papers.md", "--yes", cwd=workdir, env=env).returncode == 0
    _edit_first_note(workdir, env, remote)
    original = (workdir / "papers.md").read_bytes()

    r = zotsync("status", "papers.md", "--json", cwd=workdir, env=env)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert {"library", "in_sync", "entries", "counts", "unlisted"} <= report.keys() and not report[
        "in_sync"
    ]
    assert {"source", "line", "title", "ident", "note", "item", "collections"} <= report["entries"][
        0
    ].keys()
    assert report["counts"]["note"]["zotero"] == 1
    human = zotsync("status", "papers.md", cwd=workdir, env=env).stdout
    assert "note changed in Zotero" in human

    r = zotsync("pull", "papers.md", "--dry-run", cwd=workdir, env=env)
    assert r.returncode == 0 and "+++ b/papers.md" in r.stdout and "from the CLI test" in r.stdout
    assert (workdir / "papers.md").read_bytes() == original

    r = zotsync("pull", "papers.md", cwd=workdir, env=env)
    assert r.returncode == 2 and r.stderr.strip().splitlines()[-1].startswith(
        "Error: pull needs confirmation"
    )
    assert (workdir / "papers.md").read_bytes() == original

    r = zotsync("pull", "papers.md", "--yes", "--json", cwd=workdir, env=env)
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["written"] == ["papers.md"] and result["notes"][0]["action"] == "pulled"
    assert "from the CLI test" in (workdir / "papers.md").read_text(encoding="utf-8")

    pushed = json.loads(
        zotsync("push", "papers.md", "--yes", "--json", cwd=workdir, env=env).stdout
    )
    assert pushed["writes"] == [] and pushed["requests"]["writes"] == 0
    assert "Everything is in sync" in zotsync("status", "papers.md", cwd=workdir, env=env).stdout
    again = zotsync(
        "pull", "papers.md", cwd=workdir, env=env
    )  # nothing to write: no question, no refusal
    assert again.returncode == 0 and "already say what Zotero says" in again.stdout


def test_unknown_policy_is_a_usage_error(zotsync, workdir, env):
    r = zotsync("pull", "papers.md", "--on-conflict", "merge-somehow", cwd=workdir, env=env)
    assert r.returncode == 2 and "keep-both" in r.stderr
