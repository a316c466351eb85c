"""A note's nested bullets survive the trip to Zotero and back, through the real CLI against
the emulators (issue case 9): push sends nested lists as nested ``<ul>``/``<ol>``, and a pull
after an edit in Zotero changes only the edited line — every other byte, the user's tabs,
two- or four-space indentation included, stays as typed.
"""

from __future__ import annotations

import pytest
from e2ekit import assert_ok, writes, zotero_get, zotero_post, zotsync

TITLE = (
    "[StableRep: Synthetic Images from Text-to-Image Models Make Strong Visual "
    "Representation Learners](https://arxiv.org/abs/2306.00984)"
)
NOTE = (
    "Key ideas:\n"
    "- synthetic images from a text-to-image model\n"
    "{i}- multi-positive contrastive loss\n"
    "{i}{i}- same caption gives positives\n"
    "- strong results\n"
    "{i}1. beats CLIP on linear probes\n"
    "{i}2. scales with the number of captions\n"
    "\n"
    "Worth a re-read."
)
EDITED_FROM, EDITED_TO = "strong results", "strong results on ImageNet"


def reading_list(indent: str) -> str:
    note = NOTE.format(i=indent)
    return (
        f"# Notes\n\n## Data Scale\n\n{TITLE}\n\n{note}\n\n"
        "[Learning Vision from Models Rivals Learning Vision from Data]"
        "(https://arxiv.org/abs/2312.17742)\n"
    )


def stablerep_note(zotero) -> dict:
    objects = [o["data"] for o in zotero_get(zotero, "/items?limit=100")]
    item = next(d for d in objects if d.get("title", "").startswith("StableRep"))
    return next(
        d for d in objects if d["itemType"] == "note" and d.get("parentItem") == item["key"]
    )


@pytest.mark.parametrize("indent", ["\t", "  ", "    "], ids=["tab", "2-spaces", "4-spaces"])
def test_pull_changes_only_the_line_edited_in_zotero_and_keeps_the_nesting(
    workdir, env, services, indent
):
    zotero = services["zotero"]
    original = reading_list(indent)
    (workdir / "list.md").write_text(original, encoding="utf-8")
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    assert_ok(zotsync("push", "list.md", "--yes", cwd=workdir, env=env))

    note = stablerep_note(zotero)["note"]  # Zotero holds the nesting, not a flat list
    assert "<li>synthetic images from a text-to-image model<ul><li>multi-positive" in note
    assert "<li>same caption gives positives</li></ul>" in note
    assert "<li>strong results<ol><li>beats CLIP" in note

    edited = stablerep_note(zotero)
    assert edited["note"].count(f"<li>{EDITED_FROM}<") == 1
    zotero_post(
        zotero,
        [
            {
                "key": edited["key"],
                "version": edited["version"],
                "note": edited["note"].replace(f"<li>{EDITED_FROM}<", f"<li>{EDITED_TO}<"),
            }
        ],
    )
    assert_ok(zotsync("pull", "list.md", "--yes", cwd=workdir, env=env))
    after = (workdir / "list.md").read_bytes()
    assert after == original.replace(f"- {EDITED_FROM}\n", f"- {EDITED_TO}\n").encode()

    zotero.clear_log()
    again = zotsync("sync", "list.md", "--yes", cwd=workdir, env=env)
    assert_ok(again)  # converged: nothing to write either way
    assert writes(zotero) == [], writes(zotero)
    assert (workdir / "list.md").read_bytes() == after
