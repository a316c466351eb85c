"""What scripts and cautious users rely on: ``--dry-run`` writes nothing anywhere (no Zotero write, no sync state, no
.bib, the list and the lock untouched); ``--json`` is valid JSON with the documented keys; and without a terminal a
command that must ask refuses with exit 2 instead of hanging."""

from __future__ import annotations

import json
import urllib.request

import pytest
from e2ekit import (
    SECRET_KEY,
    SECRET_USER,
    assert_error,
    assert_ok,
    tree_bytes,
    tree_state,
    writes,
    zotero_get,
    zotsync,
)

PARSE_KEYS = {
    "title",
    "section",
    "arxiv_id",
    "openreview_id",
    "doi",
    "venue",
    "notes",
    "abstract",
    "links",
    "source",
    "line",
}  # issue 2
RESOLVE_KEYS = {
    "source",
    "line",
    "title",
    "status",
    "arxiv_id",
    "confidence",
    "via",
    "canonical_title",  # issue 4
    "ident",
    "version",
    "doi",
    "reason",
    "cached",
    "candidates",
}  # resolve --help
PUSH_KEYS = {
    "library",
    "dry_run",
    "applied",
    "wanted",
    "counts",
    "writes",
    "conflicts",
    "notices",
    "result",
    "requests",
}
STATUS_ENTRY_KEYS = {"source", "line", "title", "ident", "note", "item", "collections"}


@pytest.fixture
def resolved(workdir, env):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    return workdir


@pytest.fixture
def pushed(resolved, env):
    assert_ok(zotsync("push", "list.md", "--yes", cwd=resolved, env=env))
    return resolved


def edit_note_in_zotero(zotero, needle: str, addition: str) -> None:
    """What a user does in the Zotero app: change the text of the managed note that contains ``needle``."""
    items = zotero_get(zotero, "/items?limit=100")
    note = next(i for i in items if i["data"]["itemType"] == "note" and needle in i["data"]["note"])
    body = json.dumps({"note": note["data"]["note"].replace(needle, needle + addition)}).encode()
    req = urllib.request.Request(
        f"{zotero.url}/users/{SECRET_USER}/items/{note['key']}",
        data=body,
        method="PATCH",
        headers={
            "Zotero-API-Key": SECRET_KEY,
            "Content-Type": "application/json",
            "If-Unmodified-Since-Version": str(note["version"]),
        },
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status == 204


# --------------------------------------------------------------------------- --dry-run


def test_push_dry_run_writes_nothing_and_the_real_push_does_what_it_promised(
    resolved, env, services
):
    zotero = services["zotero"]
    before = tree_state(resolved)
    dry = zotsync("push", "list.md", "--dry-run", "--json", cwd=resolved, env=env)
    assert_ok(dry)
    plan = json.loads(dry.stdout)
    assert plan["dry_run"] is True and not plan["applied"]
    assert (
        writes(zotero) == [] and tree_state(resolved) == before
    )  # not even .zotsync/ or citation keys in the lock
    real = zotsync("push", "list.md", "--yes", "--json", cwd=resolved, env=env)
    assert_ok(real)
    done = json.loads(real.stdout)
    assert done["counts"] == plan["counts"] and done["applied"]
    assert done["counts"]["items"]["create"] == 5 and done["counts"]["notes"]["create"] == 2


def test_push_dry_run_human_output_says_nothing_was_written(resolved, env, services):
    before = tree_state(resolved)
    r = zotsync("push", "list.md", "--dry-run", cwd=resolved, env=env)
    assert_ok(r)
    assert (
        "+ create collection 'list / 阅读笔记 / 解耦'" in r.stdout
        and "Dry run:" in r.stdout
        and "0 write" in r.stdout
    )
    assert writes(services["zotero"]) == [] and tree_state(resolved) == before


def test_sync_dry_run_writes_no_bib_no_state_and_nothing_to_zotero(resolved, env, services):
    before = tree_bytes(resolved)
    r = zotsync("sync", "list.md", "--dry-run", "--bib", "refs.bib", cwd=resolved, env=env)
    assert_ok(r)
    assert "Dry run:" in r.stdout and "0 write requests" in r.stdout
    assert not (resolved / "refs.bib").exists() and not (resolved / ".zotsync").exists()
    assert tree_bytes(resolved) == before  # the lock was complete: resolving again changes nothing
    assert writes(services["zotero"]) == []


def test_pull_dry_run_shows_the_diff_and_leaves_list_and_state_alone(pushed, env, services):
    edit_note_in_zotero(services["zotero"], "合成数据也能学到很好的表征", " (edited in Zotero)")
    before, written = tree_state(pushed), len(writes(services["zotero"]))
    r = zotsync("pull", "list.md", "--dry-run", cwd=pushed, env=env)
    assert_ok(r)
    assert "+合成数据也能学到很好的表征 (edited in Zotero)" in r.stdout
    assert tree_state(pushed) == before and len(writes(services["zotero"])) == written


# --------------------------------------------------------------------------- --json


def test_parse_json_has_the_documented_keys_and_only_json_on_stdout(workdir, env):
    r = zotsync("parse", "list.md", "--json", cwd=workdir, env=env)
    assert_ok(r)
    rows = json.loads(r.stdout)
    assert len(rows) == 5 and all(PARSE_KEYS <= row.keys() for row in rows)
    first = rows[0]
    assert first["section"] == ["阅读笔记", "Data Scale"] and first["arxiv_id"] == "2306.00984"
    assert (
        first["source"] == "list.md"
        and first["line"] == 5
        and first["notes"] == "合成数据也能学到很好的表征"
    )
    assert rows[2]["openreview_id"] == "gkfUvn0fLU"


def test_resolve_json_has_the_documented_keys(workdir, env):
    r = zotsync("resolve", "list.md", "--json", cwd=workdir, env=env)
    assert_ok(r)
    rows = json.loads(r.stdout)
    assert len(rows) == 5 and all(RESOLVE_KEYS <= row.keys() for row in rows)
    assert [row["line"] for row in rows] == sorted(row["line"] for row in rows)  # document order
    assert all(row["status"] == "resolved" and 0.0 <= row["confidence"] <= 1.0 for row in rows)
    assert rows[0]["arxiv_id"] == "2306.00984" and "v" not in rows[0]["arxiv_id"]
    again = json.loads(zotsync("resolve", "list.md", "--json", cwd=workdir, env=env).stdout)
    assert all(row["cached"] for row in again)


def test_push_and_status_json_have_the_documented_keys(resolved, env):
    r = zotsync("push", "list.md", "--yes", "--json", cwd=resolved, env=env)
    assert_ok(r)
    assert PUSH_KEYS <= json.loads(r.stdout).keys()
    s = zotsync("status", "list.md", "--json", cwd=resolved, env=env)
    assert_ok(s)
    status = json.loads(s.stdout)
    assert status["in_sync"] is True and len(status["entries"]) == 5
    assert all(STATUS_ENTRY_KEYS <= e.keys() for e in status["entries"])


# --------------------------------------------------------------------------- no terminal, no --yes


def test_push_and_sync_without_a_terminal_refuse_with_exit_2_and_write_nothing(
    resolved, env, services
):
    before = tree_state(resolved)
    r = zotsync("push", "list.md", cwd=resolved, env=env, timeout=30)
    assert_error(r, 2, "needs confirmation", "--yes")
    assert writes(services["zotero"]) == [] and tree_state(resolved) == before
    # sync runs resolve and bib first (as documented), then refuses before anything reaches Zotero
    r = zotsync("sync", "list.md", "--bib", "refs.bib", cwd=resolved, env=env, timeout=30)
    assert_error(r, 2, "needs confirmation", "--yes")
    assert writes(services["zotero"]) == []
    # no Zotero sync state or library cache: only the record of what the .bib write put in refs.bib
    state = resolved / ".zotsync"
    assert {p.relative_to(state).parts[0] for p in state.rglob("*") if p.is_file()} <= {"bib"}
    assert (resolved / "refs.bib").exists()
    assert tree_state(resolved)["list.md"] == before["list.md"]


def test_pull_without_a_terminal_refuses_with_exit_2_and_leaves_the_list(pushed, env, services):
    edit_note_in_zotero(services["zotero"], "合成数据也能学到很好的表征", " (edited in Zotero)")
    before = tree_state(pushed)
    for args in (("pull", "list.md"), ("pull", "list.md", "--json")):
        r = zotsync(*args, cwd=pushed, env=env, timeout=30)
        assert_error(r, 2, "needs confirmation", "--yes")
    assert tree_state(pushed) == before
    applied = zotsync("pull", "list.md", "--yes", cwd=pushed, env=env)
    assert_ok(applied)
    assert "合成数据也能学到很好的表征 (edited in Zotero)" in (pushed / "list.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.slow
@pytest.mark.parametrize("codec", ["gb18030", "utf-16"])
def test_pull_into_a_gb18030_or_utf16_list_keeps_its_encoding_and_every_other_byte(
    codec, workdir, env, services
):
    text = (workdir / "list.md").read_text(encoding="utf-8")
    path = workdir / "notes.md"
    path.write_bytes(text.encode(codec))
    assert_ok(zotsync("resolve", "notes.md", cwd=workdir, env=env))
    assert_ok(zotsync("push", "notes.md", "--yes", cwd=workdir, env=env))
    edit_note_in_zotero(services["zotero"], "合成数据也能学到很好的表征", "——已编辑")
    assert_ok(zotsync("pull", "notes.md", "--yes", cwd=workdir, env=env))
    want = text.replace("合成数据也能学到很好的表征", "合成数据也能学到很好的表征——已编辑")
    assert path.read_bytes() == want.encode(codec)
