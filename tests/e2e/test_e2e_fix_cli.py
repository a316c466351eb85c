"""Fix round, the CLI as a user meets it: every command treats a directory (as a list or as --lock) the same way
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
    calls = [(first, "list.md", *rest, "--lock", "lockdir") for first, *rest in
             (LIST_COMMANDS[c] for c in LOCK_COMMANDS)]
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
    assert_ok(zotsync("bib", "list.md", "-o", "own.bib", "--style", "biblatex", cwd=resolved, env=env))
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
