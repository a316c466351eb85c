"""zotsync's items next to Zotero's own: the six papers of the recorded translator run.

``tests/data/zotero/translator/arxiv-translator-items.json`` is what Zotero's arXiv
translator (``arXiv.org.js``, "Add Item by Identifier") made from the recorded arXiv
records that ``tests/data/arxiv/corpus.jsonl`` holds. The same six ids are synced here
through the emulators (arXiv, Semantic Scholar, Hugging Face, Zotero) and every item is
compared with the translator's field by field — equal everywhere except the object key
and version, dateAdded/dateModified, the accessDate value (set, ISO 8601), zotsync's
citationKey, and for 2005.14124 the fields the translator took from doi.org (answered
offline with invented data when the fixture was recorded).
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import requests

from zotsync.config import load_config
from zotsync.push.push import push
from zotsync.resolve import resolve_files

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "arxiv" / "corpus.jsonl"
FIXTURE = json.loads(
    (DATA / "zotero" / "translator" / "arxiv-translator-items.json").read_text(encoding="utf-8")
)
RESULTS = {r["id"]: r for r in FIXTURE["results"]}
#: Only the fields the translator takes from arXiv's record (the others came from doi.org).
ARXIV_FIELDS = ("title", "creators", "abstractNote", "url", "extra", "tags", "libraryCatalog")
DOI_PAPER = "2005.14124"
IGNORED = {"key", "version", "dateAdded", "dateModified", "accessDate", "citationKey"}
#: Properties every Zotero item carries that a translator's output does not.
API_ONLY = {"collections", "relations", "parentItem", "deleted"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    """The six ids pushed once; returns (top-level items by arXiv id, children by parent key)."""
    from zotsync.emulators.pytest_plugin import build_server

    servers = {
        name: build_server(name, "--corpus", str(CORPUS)).start() for name in ("arxiv", "s2", "hf")
    }
    zotero = build_server("zotero", "--api-key", "K3y4Tests", "--user-id", "4242").start()
    try:
        work = tmp_path_factory.mktemp("fixture")
        lines = [f"- paper {i} [arXiv](https://arxiv.org/abs/{i})" for i in RESULTS]
        (work / "six.md").write_text("# Six\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
        config = load_config(
            env={
                "ZOTERO_API_KEY": "K3y4Tests",
                "ZOTERO_LIBRARY_ID": "4242",
                "ZOTSYNC_ZOTERO_URL": zotero.url,
                "ZOTSYNC_ARXIV_URL": servers["arxiv"].url,
                "ZOTSYNC_S2_URL": servers["s2"].url,
                "ZOTSYNC_HF_URL": servers["hf"].url,
                "ZOTSYNC_ARXIV_DELAY": "0",
                "ZOTSYNC_TIMEOUT": "10",
            }
        )
        config = dataclasses.replace(
            config,
            zotero=dataclasses.replace(config.zotero, state_dir=str(work / "state")),
        )
        lock = str(work / "zotsync.lock")
        report = resolve_files([str(work / "six.md")], config, lock_path=lock)
        assert all(r.resolution.status.usable for r in report.rows)
        outcome = push([str(work / "six.md")], config, lock=lock)
        assert outcome.applied and not outcome.result.failed
        everything = requests.get(
            f"{zotero.url}/users/4242/items",
            params={"limit": 100, "format": "json"},
            headers={"Zotero-API-Key": "K3y4Tests"},
            timeout=10,
        ).json()
        data = [obj["data"] for obj in everything]
        top = {
            re.sub(r"^arXiv:", "", d["archiveID"] or d["extra"].split()[0]): d
            for d in data
            if "parentItem" not in d
        }
        kids: dict[str, list[dict]] = {}
        for d in data:
            if "parentItem" in d:
                kids.setdefault(d["parentItem"], []).append(d)
        rerun = push([str(work / "six.md")], config, lock=lock)
        yield top, kids, rerun
    finally:
        zotero.stop()
        for server in servers.values():
            server.stop()


def _filled(data: dict) -> dict:
    """The fields with a value (the API lists every field of the type, empty ones as "")."""
    return {
        k: v for k, v in data.items() if v not in ("", [], None) and k not in IGNORED | API_ONLY
    }


def _tags(tags: list[dict]) -> set[tuple[str, int]]:
    return {(t["tag"], int(t.get("type", 0))) for t in tags}


@pytest.mark.parametrize("arxiv_id", list(RESULTS))
def test_item_equals_the_translators_field_by_field(synced, arxiv_id):
    top, _, _ = synced
    ours, theirs = _filled(top[arxiv_id]), _filled(RESULTS[arxiv_id]["items"][0])
    names = ARXIV_FIELDS if arxiv_id == DOI_PAPER else sorted(set(ours) | set(theirs))
    for name in names:
        if name == "tags":
            assert _tags(ours[name]) == _tags(theirs[name]), name
        else:
            assert ours.get(name) == theirs.get(name), name
    assert ISO.match(top[arxiv_id]["accessDate"])
    assert top[arxiv_id]["citationKey"]


@pytest.mark.parametrize("arxiv_id", list(RESULTS))
def test_comment_note_and_both_attachments_are_there(synced, arxiv_id):
    top, kids, _ = synced
    children = kids[top[arxiv_id]["key"]]
    notes = [c["note"] for c in children if c["itemType"] == "note"]
    assert notes == [RESULTS[arxiv_id]["items"][1]["note"]]
    attachments = sorted(
        (c["title"], c["url"], c["contentType"], c["linkMode"])
        for c in children
        if c["itemType"] == "attachment"
    )
    expected = sorted(
        (a["title"], a["url"], a["mimeType"], "linked_url")
        for a in RESULTS[arxiv_id]["attachments_before_save"][0]
    )
    assert attachments == expected


def test_a_rerun_writes_nothing(synced):
    _, _, rerun = synced
    assert rerun.plan.writes == ()
