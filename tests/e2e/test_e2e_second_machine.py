"""State can be lost; edits cannot: a second machine (a fresh clone of the list and
zotsync.lock, no .zotsync/) never overwrites what was edited in Zotero since the last sync,
for notes and for item fields, through the real CLI against the emulators."""

from __future__ import annotations

import json
import shutil

import pytest
from e2ekit import SECRET_USER, assert_error, assert_ok, zotero_get, zotero_post, zotsync

NOTE_EDIT = "Edited in Zotero on the laptop: 表征 really matter"
TITLE_EDIT = "StableRep (my own title for it)"


def managed(zotero) -> tuple[dict, dict]:
    """(the managed note on StableRep, the StableRep item) as the library holds them now."""
    objects = [o["data"] for o in zotero_get(zotero, "/items?limit=100")]
    item = next(d for d in objects if d.get("title", "").startswith(("StableRep", TITLE_EDIT)))
    note = next(
        d for d in objects if d["itemType"] == "note" and d.get("parentItem") == item["key"]
    )
    return note, item


@pytest.fixture
def first_machine(workdir, env, services):
    """Machine A: resolve and sync; then the user edits the note and the title in Zotero."""
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    assert_ok(zotsync("sync", "list.md", "--yes", cwd=workdir, env=env))
    note, item = managed(services["zotero"])
    zotero_post(
        services["zotero"],
        [
            {"key": note["key"], "version": note["version"], "note": f"<p>{NOTE_EDIT}</p>"},
            {"key": item["key"], "version": item["version"], "title": TITLE_EDIT},
        ],
    )
    return workdir


@pytest.fixture
def second_machine(first_machine, tmp_path_factory):
    """Machine B: a fresh clone holds the list and the lock, nothing else."""
    clone = tmp_path_factory.mktemp("clone")
    for name in ("list.md", "zotsync.lock"):
        shutil.copy(first_machine / name, clone / name)
    return clone


def assert_zotero_kept_the_edits(zotero) -> None:
    note, item = managed(zotero)
    assert NOTE_EDIT in note["note"], note["note"]
    assert item["title"] == TITLE_EDIT


@pytest.mark.parametrize("command", [("sync",), ("push",), ("push", "--force")])
def test_a_fresh_clone_never_overwrites_edits_made_in_zotero(
    second_machine, env, services, command
):
    r = zotsync(*command, "list.md", "--yes", "--json", cwd=second_machine, env=env)
    settled = assert_ok if command != ("sync",) else lambda r: assert_error(r, 7, "conflict")
    settled(r)  # sync says a conflict block waits in the list (exit 7)
    assert_zotero_kept_the_edits(services["zotero"])
    again = zotsync(*command, "list.md", "--yes", cwd=second_machine, env=env)
    settled(again)
    assert_zotero_kept_the_edits(services["zotero"])
    if command == ("sync",):  # the edit reached the list too, next to the list's own text
        text = (second_machine / "list.md").read_text(encoding="utf-8")
        assert NOTE_EDIT in text and "合成数据也能学到很好的表征" in text
        assert "<!-- zotsync:conflict list" in text


def test_the_difference_is_named_not_silently_resolved(second_machine, env):
    r = zotsync("push", "list.md", "--dry-run", "--json", cwd=second_machine, env=env)
    assert_ok(r)
    plan = json.loads(r.stdout)
    assert [c["kind"] for c in plan["conflicts"]] == ["notes"]
    assert not [w for w in plan["writes"] if w["kind"] == "notes"]
    status = zotsync("status", "list.md", "--json", cwd=second_machine, env=env)
    assert_ok(status)
    rows = {row["title"][:9]: row for row in json.loads(status.stdout)["entries"]}
    assert rows["StableRep"]["note"] == "both" and rows["StableRep"]["item"] == "zotero"


def test_settling_the_conflict_block_on_the_second_machine_converges(second_machine, env, services):
    assert_error(zotsync("sync", "list.md", "--yes", cwd=second_machine, env=env), 7, "conflict")
    path = second_machine / "list.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "zotsync:conflict list" in line)
    end = next(i for i, line in enumerate(lines) if "zotsync:end" in line)
    merged = ["合成数据也能学到很好的表征; 表征 really matter (merged by hand)"]
    path.write_text("\n".join(lines[:start] + merged + lines[end + 1 :]), encoding="utf-8")
    assert_ok(zotsync("sync", "list.md", "--yes", cwd=second_machine, env=env))
    note, item = managed(services["zotero"])
    assert "merged by hand" in note["note"] and item["title"] == TITLE_EDIT
    r = zotsync("sync", "list.md", "--yes", "--json", cwd=second_machine, env=env)
    assert_ok(r)
    assert json.loads(r.stdout)["requests"]["writes"] == 0, r.stdout
    assert f"users-{SECRET_USER}.json" in {p.name for p in (second_machine / ".zotsync").iterdir()}
