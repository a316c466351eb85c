"""The pyzotero adapter against the emulator: errors, retries, and pyzotero's rough edges."""

from __future__ import annotations

import dataclasses
import socket

import pytest

from zotsync.config import load_config
from zotsync.errors import AuthError, ServiceError
from zotsync.push.plan import object_key
from zotsync.zotero.client import ZoteroClient


def _cfg(url, key, library_id, **kw):
    cfg = load_config(
        env={"ZOTERO_API_KEY": key, "ZOTERO_LIBRARY_ID": str(library_id), "ZOTSYNC_ZOTERO_URL": url}
    )
    return dataclasses.replace(cfg.zotero, **kw)


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def client(zotero_emulator, sleeps):
    c = ZoteroClient(
        _cfg(zotero_emulator.url, zotero_emulator.api_key, zotero_emulator.user_id),
        sleep=sleeps.append,
    )
    yield c
    c.close()


NEW = [
    {"key": "ABCD2345", "version": 0, "itemType": "preprint", "title": "One"},
    {"key": "ABCD2346", "version": 0, "itemType": "preprint", "title": "Two"},
]


def test_wrong_api_key_is_one_auth_error_without_the_key(zotero_emulator):
    bad = "wrongkey0123456789secret"
    c = ZoteroClient(_cfg(zotero_emulator.url, bad, zotero_emulator.user_id), sleep=lambda s: None)
    with pytest.raises(AuthError) as err:
        c.all_items()
    assert "API key" in str(err.value) and "403" in str(err.value)
    assert bad not in str(err.value) and err.value.exit_code == 6


def test_wrong_library_is_an_auth_error_naming_the_library(zotero_emulator):
    c = ZoteroClient(_cfg(zotero_emulator.url, zotero_emulator.api_key, 999), sleep=lambda s: None)
    with pytest.raises(AuthError) as err:
        c.all_items()
    assert "users/999" in str(err.value)


def test_read_only_key_reports_missing_write_access(emulator_factory):
    server = emulator_factory(
        "zotero", "--api-key", "readonlykey123", "--user-id", "5", "--read-only"
    )
    c = ZoteroClient(_cfg(server.url, "readonlykey123", 5), sleep=lambda s: None)
    assert c.all_items()[0] == []
    with pytest.raises(AuthError) as err:
        c.post("items", NEW)
    assert "no write access" in str(err.value)


def test_network_down_is_a_service_error_after_retries():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    slept = []
    c = ZoteroClient(_cfg(f"http://127.0.0.1:{port}", "k" * 24, 1), sleep=slept.append, attempts=3)
    with pytest.raises(ServiceError) as err:
        c.all_items()
    assert f"127.0.0.1:{port}" in str(err.value) and err.value.exit_code == 5
    assert len(slept) == 2


def test_429_on_create_is_retried_after_retry_after(client, zotero_emulator, sleeps):
    """pyzotero's create_items would parse the 429 body as a write report."""
    zotero_emulator.faults.install(
        [{"kind": "status", "status": 429, "retry_after": 2, "match": {"method": "POST"}}]
    )
    report = client.post("items", NEW)
    assert sorted(report.successful) == [0, 1]
    assert sleeps == [2.0]


def test_503_is_retried(client, zotero_emulator, sleeps):
    zotero_emulator.faults.install(
        [
            {
                "kind": "status",
                "status": 503,
                "retry_after": 1,
                "times": 2,
                "match": {"method": "POST"},
            }
        ]
    )
    report = client.post("items", NEW)
    assert len(report.successful) == 2 and sleeps == [1.0, 1.0]


def test_dropped_response_retry_cannot_duplicate(client, zotero_emulator):
    """The server applied the write but the answer was lost: the retry gets per-object 412s, not copies."""
    zotero_emulator.faults.install([{"kind": "drop", "match": {"method": "POST"}}])
    report = client.post("items", NEW)
    assert {f["code"] for f in report.failed.values()} == {412}
    items, _ = client.all_items()
    assert sorted(i["data"]["title"] for i in items) == ["One", "Two"]


@pytest.mark.parametrize("kind", ["html", "empty"])
def test_garbage_answers_are_retried(client, zotero_emulator, kind):
    zotero_emulator.faults.install([{"kind": kind, "match": {"method": "POST"}}])
    report = client.post("items", NEW)
    assert len(report.successful) + len(report.failed) == 2


def test_per_object_failures_are_read_not_raised(client):
    report = client.post(
        "items", [{"key": "ABCD2347", "version": 0, "itemType": "preprint", "publisher": "X"}]
    )
    assert report.failed[0]["code"] == 400 and "publisher" in report.failed[0]["message"]


def test_more_than_50_objects_is_refused_before_sending(client):
    with pytest.raises(ValueError):
        client.post("items", [{"itemType": "note", "note": "x"}] * 51)


def test_reads_page_through_and_report_the_library_version(client):
    objs = [
        {
            "key": object_key("t", "items", str(n)),
            "version": 0,
            "itemType": "preprint",
            "title": f"T{n}",
        }
        for n in range(100)
    ]
    client.post("items", objs[:50])
    client.post("items", objs[50:])
    items, version = client.all_items()
    assert len(items) == 100 and version >= 2
    versions, v2 = client.item_versions(0)
    assert len(versions) == 100 and v2 == version


def test_backoff_header_on_a_success_delays_the_next_request(client, zotero_emulator):
    import time

    zotero_emulator.faults.install(
        [{"kind": "backoff", "seconds": 0.4, "match": {"method": "GET"}}]
    )
    client.all_items()
    start = time.monotonic()
    client.item_versions(0)
    assert time.monotonic() - start >= 0.35
