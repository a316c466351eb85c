"""Exit codes a script can rely on: `status --exit-code` like `git diff --exit-code`, and `sync` is not
"done" (exit 0) while a note conflict block still waits in the list."""

from __future__ import annotations

from test_push_cli import env, workdir, zotsync  # noqa: F401  (fixtures, reused)
from twokit import SMALL, lock_for, zotero_html

from zotsync.config import load_config
from zotsync.push.state import load_state

ADAIN = "arxiv:1703.06868"


def _first_note(workdir, env):
    state = load_state(workdir / ".zotsync", f"users/{env['ZOTERO_LIBRARY_ID']}")
    return sorted(state.notes.items())[0]


def test_status_exit_code_is_1_while_anything_differs_and_0_in_sync(zotsync, workdir, env, remote):
    assert zotsync("push", "papers.md", "--yes", cwd=workdir, env=env).returncode == 0
    assert zotsync("status", "papers.md", "--exit-code", cwd=workdir, env=env).returncode == 0
    _, st = _first_note(workdir, env)
    remote.edit(st.key, note=zotero_html("edited in Zotero"))
    plain = zotsync("status", "papers.md", cwd=workdir, env=env)
    assert plain.returncode == 0  # without the flag: 0, as before
    differs = zotsync("status", "papers.md", "--exit-code", cwd=workdir, env=env)
    assert differs.returncode == 1 and "note changed in Zotero" in differs.stdout
    assert "Error" not in differs.stderr
    assert (
        zotsync("status", "papers.md", "--exit-code", "--json", cwd=workdir, env=env).returncode
        == 1
    )


def test_sync_exits_7_while_a_conflict_block_waits_and_0_once_settled(
    zotsync, workdir, env, remote
):
    (workdir / "papers.md").write_text(SMALL, encoding="utf-8")
    lock_for(load_config(), [str(workdir / "papers.md")])  # ./zotsync.lock, as the CLI reads it
    offline = {
        **env,
        "ZOTSYNC_ARXIV_URL": "http://127.0.0.1:9",
        "ZOTSYNC_S2_URL": "http://127.0.0.1:9",
    }
    assert zotsync("push", "papers.md", "--yes", cwd=workdir, env=offline).returncode == 0
    state = load_state(workdir / ".zotsync", f"users/{env['ZOTERO_LIBRARY_ID']}")
    adain = next(st for slot, st in state.notes.items() if ADAIN in slot)
    remote.edit(adain.key, note=zotero_html("edited in Zotero"))
    listed = (workdir / "papers.md").read_text(encoding="utf-8")
    (workdir / "papers.md").write_text(
        listed.replace(
            "AdaIN: 匹配均值和方差。", "AdaIN: 匹配均值和方差。 Edited in the list too."
        ),
        encoding="utf-8",
    )

    r = zotsync("sync", "papers.md", "--yes", cwd=workdir, env=offline)
    text = (workdir / "papers.md").read_text(encoding="utf-8")
    assert "zotsync:conflict" in text, r.stderr
    assert r.returncode == 7, r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: 1 note conflict waits in the list (papers.md:"), last
    again = zotsync("sync", "papers.md", "--yes", cwd=workdir, env=offline)
    assert again.returncode == 7  # still waiting: still not done

    settled = "".join(line for line in text.splitlines(keepends=True) if "zotsync:" not in line)
    (workdir / "papers.md").write_text(settled, encoding="utf-8")
    done = zotsync("sync", "papers.md", "--yes", cwd=workdir, env=offline)
    assert done.returncode == 0, done.stderr
