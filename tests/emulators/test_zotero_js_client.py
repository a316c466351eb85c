"""The independent JavaScript client (zotero-api-client, npm) runs a full round against the emulator.

A second client with its own wire habits (``Zotero-API-Key`` header, no API
version header, ``format=json`` on writes, raw ``format=versions``) guards
against the emulator merely mirroring pyzotero's expectations.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS_DIR = Path(__file__).resolve().parent.parent / "js"


def _node_ready() -> str | None:
    """Why the JS client cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (JS_DIR / "node_modules" / "zotero-api-client").is_dir():
        return "tests/js/node_modules missing (run: cd tests/js && npm install)"
    return None


def test_zotero_api_client_round(zotero_emulator):
    reason = _node_ready()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install the JS client: {reason}")
        pytest.skip(reason)
    proc = subprocess.run(
        [
            "node",
            str(JS_DIR / "roundtrip.mjs"),
            zotero_emulator.url,
            zotero_emulator.api_key,
            str(zotero_emulator.user_id),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_PROXY": "127.0.0.1,localhost"},
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["templateType"] == "preprint"
    assert out["createOk"] is True
    assert out["failedParent"] == {
        "0": {
            "code": 409,
            "message": "Parent item ZZZZZZZZ not found",
            "data": {"parentItem": "ZZZZZZZZ"},
        }
    }
    assert (out["numItems"], out["totalResults"]) == (2, 2)
    assert out["children"] == ["<p>笔记 notes</p>"]
    assert out["subcollections"] == ["Agents"]
    assert out["collectionItems"] == ["ReAct: Synergizing Reasoning and Acting"]
    assert out["extra"] == "arXiv:2210.03629 [cs.CL]"
    assert out["stalePatch"] == 412
    assert list(out["changedSince"]) == [
        out["itemKey"]
    ]  # only the patched item moved since creation
    assert out["deletedItems"] == [out["noteKey"]]
    md5 = hashlib.md5(b"%PDF-1.4 js client\n%%EOF\n").hexdigest()  # noqa: S324
    assert out["uploadedMd5"] == md5 and out["existsMd5"] == md5
    assert out["uploadAgain"] == 412  # If-None-Match: * while the item has its file
    uploads = [e for e in zotero_emulator.log if "/_storage/upload/" in e["path"]]
    assert len(uploads) == 1  # the second file was "exists": not sent
    methods = {(e["method"], e["status"]) for e in zotero_emulator.log}
    assert ("DELETE", 204) in methods and ("PATCH", 204) in methods
