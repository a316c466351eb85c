"""The Zotero emulator's file storage, driven by pyzotero's own upload code (and plain HTTP for the
raw prefix/suffix form and the error answers); the arXiv emulator's ``/pdf/<id>v<n>``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx2
import pytest
import requests
from pyzotero import Zotero


@pytest.fixture
def zot(zotero_emulator) -> Zotero:
    z = Zotero(
        str(zotero_emulator.user_id),
        "user",
        zotero_emulator.api_key,
        client=httpx2.Client(trust_env=False, timeout=10),
    )
    z.endpoint = zotero_emulator.url
    return z


def _parent(zot: Zotero) -> str:
    return zot.create_items([{"itemType": "book", "title": "P"}])["successful"]["0"]["key"]


def test_pyzotero_attachment_simple_uploads_and_the_same_file_then_exists(zot, tmp_path: Path):
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4 test file\n%%EOF\n")
    parent = _parent(zot)
    first = zot.attachment_simple([str(pdf)], parent)
    assert len(first["success"]) == 1 and not first["unchanged"]
    second = zot.attachment_simple([str(pdf)], parent)  # another item, same bytes
    assert len(second["unchanged"]) == 1 and not second["success"]
    children = zot.children(parent)
    md5 = hashlib.md5(pdf.read_bytes()).hexdigest()  # noqa: S324
    assert [c["data"]["md5"] for c in children] == [md5, md5]
    assert all(c["data"]["filename"] == "paper.pdf" and c["data"]["mtime"] for c in children)
    assert zot.file(children[0]["key"]) == pdf.read_bytes()


def test_raw_protocol_prefix_suffix_and_preconditions(zotero_emulator, zot):
    key = zot.create_items(
        [
            {
                "itemType": "attachment",
                "linkMode": "imported_url",
                "parentItem": _parent(zot),
                "title": "Preprint PDF",
                "contentType": "application/pdf",
            }
        ]
    )["successful"]["0"]["key"]
    url = f"{zotero_emulator.url}/users/{zotero_emulator.user_id}/items/{key}/file"
    auth = {"Zotero-API-Key": zotero_emulator.api_key}
    content = b"%PDF-1.4 raw\n"
    form = {
        "md5": hashlib.md5(content).hexdigest(),
        "filename": "a.pdf",  # noqa: S324
        "filesize": str(len(content)),
        "mtime": "1700000000000",
    }
    assert requests.post(url, data=form, headers=auth, timeout=10).status_code == 428
    answer = requests.post(url, data=form, headers={**auth, "If-None-Match": "*"}, timeout=10)
    assert answer.status_code == 200
    grant = answer.json()
    assert {"url", "contentType", "prefix", "suffix", "uploadKey"} <= grant.keys()
    body = grant["prefix"].encode() + content + grant["suffix"].encode()
    stored = requests.post(
        grant["url"], data=body, headers={"Content-Type": grant["contentType"]}, timeout=10
    )
    assert stored.status_code == 201
    done = requests.post(
        url, data={"upload": grant["uploadKey"]}, headers={**auth, "If-None-Match": "*"}, timeout=10
    )
    assert done.status_code == 204 and int(done.headers["Last-Modified-Version"]) > 0
    again = requests.post(url, data=form, headers={**auth, "If-None-Match": "*"}, timeout=10)
    assert (again.status_code, again.text) == (412, "If-None-Match: * set but file exists")
    note = zot.create_items([{"itemType": "note", "note": "x"}])["successful"]["0"]["key"]
    bad = requests.post(
        url.replace(key, note), data=form, headers={**auth, "If-None-Match": "*"}, timeout=10
    )
    assert bad.status_code == 400


def test_quota_is_413(emulator_factory, tmp_path):
    server = emulator_factory(
        "zotero", "--api-key", "Q1w2e3r4", "--user-id", "9", "--storage-quota", "10"
    )
    z = Zotero("9", "user", "Q1w2e3r4", client=httpx2.Client(trust_env=False, timeout=10))
    z.endpoint = server.url
    pdf = tmp_path / "big.pdf"
    pdf.write_bytes(b"%PDF-1.4 " + b"x" * 100)
    from pyzotero import errors as ze

    with pytest.raises(ze.RequestEntityTooLargeError):
        z.attachment_simple([str(pdf)], _parent(z))


def test_arxiv_serves_a_valid_pdf_per_version(arxiv_emulator):
    latest = requests.get(f"{arxiv_emulator.url}/pdf/2202.10054", timeout=10)
    v1 = requests.get(f"{arxiv_emulator.url}/pdf/2202.10054v1", timeout=10)
    assert latest.headers["Content-Type"] == "application/pdf"
    for body in (latest.content, v1.content):
        assert body.startswith(b"%PDF-1.4") and body.rstrip().endswith(b"%%EOF")
        xref = int(body.rsplit(b"startxref\n", 1)[1].split()[0])
        assert body[xref:].startswith(b"xref")  # the cross-reference table is where it says
    assert latest.content != v1.content  # v2 exists: another file
    assert (
        requests.get(f"{arxiv_emulator.url}/pdf/2202.10054", timeout=10).content == latest.content
    )
    assert requests.get(f"{arxiv_emulator.url}/pdf/2202.10054v9", timeout=10).status_code == 404
    assert requests.get(f"{arxiv_emulator.url}/pdf/9999.99999", timeout=10).status_code == 404
