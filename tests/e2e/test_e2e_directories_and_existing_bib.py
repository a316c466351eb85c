"""The CLI as a user meets it: every command treats a directory (as a list or as --lock) the same way
(exit 3, one `Error:` line, nothing written), `bib` never overwrites a user's .bib, keeps its CRLF bytes on --merge,
refuses `-o folder/`, and the --lock help names the real default."""

from __future__ import annotations

import pytest
from e2ekit import assert_error, assert_ok, tree_state, writes, zotsync, zotsync_all

LIST_COMMANDS = {
    "parse": ("parse",),
    "resolve": ("resolve",),
    "bib": ("bib", "-o", "out.bib"),
    "push": ("push", "--yes"),
    "sync": ("sync", "--yes", "--bib", "out.bib"),
    "pull": ("pull", "--yes"),
    "status": ("status",),
}
LOCK_COMMANDS = [c for c in LIST_COMMANDS if c != "parse"]


def test_a_directory_as_the_list_is_exit_3_for_every_command(workdir, env, services):
    (workdir / "notes").mkdir()
    before = tree_state(workdir)
    calls = [(first, "notes", *rest) for first, *rest in LIST_COMMANDS.values()]
    for command, r in zip(LIST_COMMANDS, zotsync_all(calls, cwd=workdir, env=env)):
        assert "Usage:" not in r.stderr, (command, r.stderr)
        assert_error(r, 3, "notes", "directory")
    assert tree_state(workdir) == before
    assert all(writes(s) == [] for s in services.values())


def test_a_directory_as_lock_is_exit_3_for_every_command(workdir, env, services):
    (workdir / "lockdir").mkdir()
    before = tree_state(workdir)
    calls = [
        (first, "list.md", *rest, "--lock", "lockdir")
        for first, *rest in (LIST_COMMANDS[c] for c in LOCK_COMMANDS)
    ]
    for command, r in zip(LOCK_COMMANDS, zotsync_all(calls, cwd=workdir, env=env)):
        assert "Usage:" not in r.stderr, (command, r.stderr)
        assert_error(r, 3, "lockdir", "directory")
    assert tree_state(workdir) == before
    assert all(writes(s) == [] for s in services.values())


@pytest.mark.parametrize("command", ["pull", "status", "push", "bib", "resolve"])
def test_lock_help_names_the_real_default(command, workdir, env):
    r = zotsync(command, "--help", cwd=workdir, env=env)
    assert_ok(r)
    assert "resolve.lock" not in r.stdout
    assert "zotsync.lock" in r.stdout


@pytest.fixture
def resolved(workdir, env):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    return workdir


def test_bib_refuses_to_overwrite_a_users_bib_but_rewrites_its_own(resolved, env):
    mine = b"@book{knuth1984,\n  title = {The {\\TeX}book},\n  year = 1984\n}\n"
    (resolved / "refs.bib").write_bytes(mine)
    before = tree_state(resolved)
    r = zotsync("bib", "list.md", "-o", "refs.bib", cwd=resolved, env=env)
    assert_error(r, 3, "refs.bib has entries zotsync did not write", "knuth1984", "--merge")
    assert tree_state(resolved) == before
    # zotsync's own file may be replaced: write it fresh, then again in the other style
    assert_ok(zotsync("bib", "list.md", "-o", "own.bib", cwd=resolved, env=env))
    assert_ok(
        zotsync("bib", "list.md", "-o", "own.bib", "--style", "biblatex", cwd=resolved, env=env)
    )
    assert b"@online{" in (resolved / "own.bib").read_bytes()


def test_bib_merge_keeps_every_crlf_byte_of_the_users_file(resolved, env):
    mine = b"% my own references\r\n\r\n@book{knuth1984,\r\n  title = {The {\\TeX}book},\r\n  year = 1984\r\n}\r\n"
    (resolved / "refs.bib").write_bytes(mine)
    assert_ok(zotsync("bib", "list.md", "-o", "refs.bib", "--merge", cwd=resolved, env=env))
    data = (resolved / "refs.bib").read_bytes()
    assert data.startswith(mine)
    assert data.count(b"@") > mine.count(b"@")  # zotsync's entries were added ...
    assert b"\n" not in data.replace(b"\r\n", b"")  # ... with the file's own CRLF


def test_bib_output_with_a_trailing_slash_is_refused(resolved, env):
    before = tree_state(resolved)
    r = zotsync("bib", "list.md", "-o", "adir2/", cwd=resolved, env=env)
    assert_error(r, 3, "adir2/")
    assert not (resolved / "adir2").exists()
    assert tree_state(resolved) == before


# --------------------------------------------------------------------------- notes: rules and conflict blocks


def _edit_zotero_note(zotero, containing: str, html: str) -> None:
    """Change, as the user's Zotero client would, the note whose text contains ``containing``."""
    import json
    import urllib.request

    from e2ekit import SECRET_KEY, SECRET_USER, zotero_get

    (note,) = [
        i
        for i in zotero_get(zotero, "/items?itemType=note&limit=100")
        if containing in i["data"].get("note", "")
    ]
    req = urllib.request.Request(
        f"{zotero.url}/users/{SECRET_USER}/items/{note['key']}",
        method="PATCH",
        data=json.dumps({"note": html}).encode(),
        headers={
            "Zotero-API-Key": SECRET_KEY,
            "Content-Type": "application/json",
            "If-Unmodified-Since-Version": str(note["version"]),
        },
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status in (200, 204)


def _parsed(workdir, env) -> list[dict]:
    import json

    r = zotsync("parse", "list.md", "--json", cwd=workdir, env=env)
    assert_ok(r)
    return json.loads(r.stdout)


def test_a_zotero_note_with_a_rule_is_pulled_whole_and_a_conflict_block_adds_no_entries(
    resolved, env, services
):
    assert_ok(zotsync("push", "list.md", "--yes", cwd=resolved, env=env))
    titles = [e["title"] for e in _parsed(resolved, env)]
    _edit_zotero_note(
        services["zotero"], "合成数据", "<div><p>before the rule</p><hr><p>after the rule</p></div>"
    )
    assert_ok(zotsync("pull", "list.md", "--yes", cwd=resolved, env=env))
    entries = _parsed(resolved, env)
    assert [e["title"] for e in entries] == titles
    stable = next(e for e in entries if e["arxiv_id"] == "2306.00984")
    assert (
        "before the rule" in stable["notes"]
        and "---" in stable["notes"]
        and "after the rule" in stable["notes"]
    )
    assert_ok(zotsync("push", "list.md", "--yes", cwd=resolved, env=env))
    # both sides change the note -> pull writes a conflict block holding a linked paper; still no new entry
    text = (resolved / "list.md").read_text(encoding="utf-8")
    (resolved / "list.md").write_text(
        text.replace("after the rule", "mine, after all"), encoding="utf-8"
    )
    _edit_zotero_note(
        services["zotero"],
        "before the rule",
        '<div><p><a href="https://arxiv.org/abs/2001.08361">A Linked Title</a></p></div>',
    )
    assert_ok(zotsync("pull", "list.md", "--yes", cwd=resolved, env=env))
    listed = (resolved / "list.md").read_text(encoding="utf-8")
    assert (
        "<!-- zotsync:conflict list" in listed
        and "\n[A Linked Title](https://arxiv.org/abs/2001.08361)" in listed
    )
    entries = _parsed(resolved, env)
    assert [e["title"] for e in entries] == titles
    assert "A Linked Title" in next(e for e in entries if e["arxiv_id"] == "2306.00984")["notes"]
    assert_ok(zotsync("status", "list.md", cwd=resolved, env=env))
