"""``--pdf upload``: each PDF downloaded from the arXiv emulator and stored with Zotero's upload protocol.

Checked against the Zotero emulator's file endpoints (authorise with md5/filename/filesize/
mtime and ``If-None-Match: *``, upload, register): every PDF lands once with the bytes arXiv
serves, a re-run uploads nothing, an "exists" answer ends a chain after its first request,
and a full storage stops the push with one clear error line (the items stay; the next run
plans only the missing files).
"""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
import requests
from pushkit import corpus_entries, run

from zotsync.errors import ServiceError


@pytest.fixture
def upconfig(zconfig, arxiv_emulator):
    services = dataclasses.replace(zconfig.services, arxiv_url=arxiv_emulator.url, arxiv_delay=0.0)
    return dataclasses.replace(
        zconfig, services=services, zotero=dataclasses.replace(zconfig.zotero, pdf="upload")
    )


def _file_requests(server) -> list[dict]:
    return [
        e
        for e in server.log
        if e["method"] == "POST" and (e["path"].endswith("/file") or "/_storage/" in e["path"])
    ]


def _pdfs(remote) -> list[dict]:
    return [
        i
        for i in remote.items()
        if i["itemType"] == "attachment" and i.get("linkMode") == "imported_url"
    ]


def test_every_pdf_is_uploaded_once_and_a_rerun_uploads_nothing(
    upconfig, remote, zotero_emulator, arxiv_emulator
):
    entries = corpus_entries(6)
    outcome = run(upconfig, [("reading", entries)])
    assert outcome.applied and not outcome.result.failed and not outcome.result.upload_failed
    assert len(outcome.result.uploaded) == 6
    pdfs = _pdfs(remote)
    assert len(pdfs) == 6
    for att in pdfs:
        served = requests.get(
            att["url"].replace("http://arxiv.org", arxiv_emulator.url), timeout=10
        )
        assert served.content.startswith(b"%PDF-")
        assert att["md5"] == hashlib.md5(served.content).hexdigest()  # noqa: S324
        assert att["filename"].endswith(".pdf") and att["mtime"]
        stored = requests.get(
            f"{remote.base}/items/{att['key']}/file", headers=remote.headers, timeout=10
        )
        assert stored.content == served.content
    # one request chain per file: authorise, upload, register
    assert len(_file_requests(zotero_emulator)) == 3 * 6
    assert outcome.requests.writes == len(remote.writes())

    zotero_emulator.clear_log()
    again = run(upconfig, [("reading", entries)])
    assert again.plan.uploads == () and again.plan.writes == ()
    assert _file_requests(zotero_emulator) == []


def test_an_exists_answer_ends_the_chain_after_authorisation(upconfig, remote, zotero_emulator):
    entries = corpus_entries(3)
    run(upconfig, [("reading", entries)])
    att = _pdfs(remote)[0]
    remote.edit(
        att["key"], md5=None, mtime=None
    )  # the file is still in storage; the item forgot it
    zotero_emulator.clear_log()
    outcome = run(upconfig, [("reading", entries)])
    assert [u.key for u in outcome.plan.uploads] == [att["key"]]
    assert len(outcome.result.existed) == 1 and not outcome.result.uploaded
    assert len(_file_requests(zotero_emulator)) == 1  # the authorisation answered {"exists": 1}
    assert remote.item(att["key"])["md5"]
    assert run(upconfig, [("reading", entries)]).plan.is_empty


def test_a_full_storage_is_one_error_and_the_items_stay(upconfig, remote, emulator_factory):
    small = emulator_factory(
        "zotero",
        "--api-key",
        remote.server.api_key,
        "--user-id",
        str(remote.server.user_id),
        "--storage-quota",
        "1",
    )
    config = dataclasses.replace(
        upconfig, zotero=dataclasses.replace(upconfig.zotero, url=small.url)
    )
    entries = corpus_entries(2)
    with pytest.raises(ServiceError) as err:
        run(config, [("reading", entries)])
    message = str(err.value)
    assert "storage is full" in message and "413" in message and "\n" not in message
    assert err.value.exit_code == 5
    assert "--pdf link" in (err.value.hint or "")
    library = requests.get(
        f"{small.url}/users/{remote.server.user_id}/items",
        headers=remote.headers,
        timeout=10,
    ).json()
    tops = [i for i in library if "parentItem" not in i["data"]]
    pdfs = [i for i in library if i["data"].get("linkMode") == "imported_url"]
    assert len(tops) == 2 and len(pdfs) == 2 and not any(p["data"]["md5"] for p in pdfs)
    again = run(config, [("reading", entries)], dry_run=True)
    assert len(again.plan.uploads) == 2 and not again.plan.writes  # only the files are missing


def test_the_progress_count_covers_the_writes_and_every_upload(upconfig, remote):
    seen: list[tuple[int, int]] = []
    outcome = run(
        upconfig, [("reading", corpus_entries(4))], progress=lambda d, t: seen.append((d, t))
    )
    assert outcome.applied and len(outcome.result.uploaded) == 4
    total = len(outcome.plan.writes) + 4
    assert {t for _, t in seen} == {total} and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})  # one report per step, rising
    assert [d for d, _ in seen][-4:] == list(range(total - 3, total + 1))  # one per PDF
