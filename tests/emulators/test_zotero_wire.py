"""Wire behaviour of the Zotero emulator: auth, headers, paging, versions, preconditions, faults, persistence."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import requests

from zotsync.emulators.pytest_plugin import build_server


class Api:
    """A raw HTTP client for one library of a running emulator."""

    def __init__(self, server, key: str | None = None, library: str | None = None):
        self.url = server.url
        self.library = library or f"/users/{server.user_id}"
        self.session = requests.Session()
        self.session.trust_env = False
        self.key = server.api_key if key is None else key

    def __call__(
        self, method: str, path: str, body=None, *, root: bool = False, **headers
    ) -> requests.Response:
        if self.key:
            headers.setdefault("Zotero-API-Key", self.key)
        url = self.url + ("" if root else self.library) + path
        return self.session.request(method, url, json=body, headers=headers, timeout=10)

    def post(self, path: str, objs: list, **headers) -> dict:
        response = self(method="POST", path=path, body=objs, **headers)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def api(zotero_emulator) -> Api:
    return Api(zotero_emulator)


def books(n: int, prefix: str = "Book") -> list[dict]:
    return [{"itemType": "book", "title": f"{prefix} {i:02d}"} for i in range(n)]


# ---------------------------------------------------------------------- auth and headers


def test_auth_forms_and_errors(api, zotero_emulator):
    key = zotero_emulator.api_key
    assert (
        api("GET", "/items", Authorization=f"Bearer {key}", **{"Zotero-API-Key": ""}).status_code
        == 200
    )
    assert (
        Api(zotero_emulator, key="")
        .session.get(f"{api.url}{api.library}/items?key={key}")
        .status_code
        == 200
    )
    bad = Api(zotero_emulator, key="wrongkey")("GET", "/items")
    assert (bad.status_code, bad.text) == (403, "Invalid key")
    anonymous = Api(zotero_emulator, key="")("GET", "/items")
    assert (anonymous.status_code, anonymous.text) == (403, "Forbidden")
    assert (
        api("GET", "/items", Authorization="Basic abc").text
        == "Invalid Authorization header format"
    )
    assert api("GET", "/users/999/items", root=True).status_code == 404
    assert api("GET", "/users/abc/items", root=True).status_code == 400
    assert api("GET", "/keys/current", root=True).json()["access"]["user"]["write"] is True


def test_read_only_key_cannot_write(emulator_factory):
    server = emulator_factory("zotero", "--api-key", "k1", "--user-id", "5", "--read-only")
    response = Api(server)("POST", "/items", books(1))
    assert (response.status_code, response.text) == (403, "Write access denied")
    assert Api(server)("GET", "/keys/current", root=True).json()["access"]["user"]["write"] is False


def test_version_headers_and_api_version_mismatch(api):
    response = api("GET", "/items")
    assert response.headers["Zotero-API-Version"] == "3"
    assert response.headers["Zotero-Schema-Version"] == "41"
    assert response.headers["Last-Modified-Version"] == "0"
    mismatch = api("GET", "/items?v=2", **{"Zotero-API-Version": "3"})
    assert (mismatch.status_code, mismatch.text) == (
        400,
        "Zotero-API-Version header does not match 'v' query parameter",
    )
    assert (
        api("PUT", "/items").status_code == 405
        and api("PUT", "/items").headers["Allow"] == "HEAD, GET, POST, DELETE"
    )


def test_errors_carry_no_version_header(api):
    response = api("GET", "/items/ZZZZZZZZ")
    assert (response.status_code, response.text) == (404, "Item does not exist")
    assert "Last-Modified-Version" not in response.headers


# ---------------------------------------------------------------------- reads


def test_paging_headers_follow_the_real_link_format(api):
    api.post("/items", books(45))
    response = api("GET", "/items?limit=20&start=20&format=json&locale=en-US&sort=title")
    assert response.headers["Total-Results"] == "45"
    links = dict(
        (rel, url) for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers["Link"])
    )
    base = f"{api.url}{api.library}/items"
    assert links["first"] == f"{base}?limit=20&sort=title"
    assert links["prev"] == f"{base}?limit=20&sort=title"
    assert links["next"] == f"{base}?limit=20&sort=title&start=40"
    assert links["last"] == f"{base}?limit=20&sort=title&start=40"
    assert links["alternate"] == "https://www.zotero.org/testuser/items"
    assert [i["data"]["title"] for i in response.json()] == [f"Book {i:02d}" for i in range(20, 40)]
    assert len(api("GET", "/items").json()) == 25
    assert api("GET", "/items?start=99").json() == []


def test_limit_is_clamped_to_100(api):
    for _ in range(3):
        api.post("/items", books(40))
    response = api("GET", "/items?limit=500")
    assert (len(response.json()), response.headers["Total-Results"]) == (100, "120")
    assert (
        len(api("GET", "/items?format=keys").text.split()) == 120
    )  # keys/versions: no default limit


def test_formats_keys_versions_and_errors(api):
    report = api.post("/items", books(3))
    keys = sorted(report["success"].values())
    assert sorted(api("GET", "/items?format=keys").text.split("\n")[:-1]) == keys
    assert api("GET", "/items?format=keys").headers["Content-Type"].startswith("text/plain")
    assert api("GET", "/items?format=versions").json() == {
        k: v["version"] for k, v in zip(report["success"].values(), report["successful"].values())
    }
    assert api("GET", "/items?format=atom2").text == "Invalid 'format' value 'atom2'"
    assert api("GET", "/items?sort=nope").text == "Invalid 'sort' value 'nope'"
    assert api("GET", "/items?direction=up").text == "Invalid 'direction' value 'up'"
    assert api("GET", "/items?since=x").text == "Invalid value for 'since' parameter"
    assert api("GET", "/deleted").text == "'since' parameter must be provided"


def test_filters_tag_itemtype_q_and_itemkey(api):
    report = api.post(
        "/items",
        [
            {
                "itemType": "book",
                "title": "Deep Learning",
                "date": "2016",
                "tags": [{"tag": "ML"}, {"tag": "book"}],
            },
            {
                "itemType": "preprint",
                "title": "Attention Is All You Need",
                "tags": [{"tag": "ml"}],
                "creators": [
                    {"creatorType": "author", "firstName": "Ashish", "lastName": "Vaswani"}
                ],
            },
            {"itemType": "note", "note": "<p>Attention notes</p>"},
        ],
    )
    k = report["success"]

    def titles(q):
        return sorted(
            i["data"].get("title", i["data"].get("note")) for i in api("GET", "/items?" + q).json()
        )

    assert titles("tag=ml") == ["Attention Is All You Need", "Deep Learning"]
    assert titles("tag=ML&tag=book") == ["Deep Learning"]
    assert titles("tag=-book&itemType=-note") == ["Attention Is All You Need"]
    assert titles("itemType=book%20||%20preprint") == ["Attention Is All You Need", "Deep Learning"]
    assert titles("q=attention") == ["<p>Attention notes</p>", "Attention Is All You Need"]
    assert titles("q=vaswani") == ["Attention Is All You Need"]
    assert titles("q=2016") == ["Deep Learning"]
    assert titles(f"itemKey={k['0']},{k['2']},bad,") == ["<p>Attention notes</p>", "Deep Learning"]
    assert api("GET", "/items?itemType=foo").text == "Invalid itemType 'foo'"


def test_tags_endpoint_counts_items(api):
    api.post(
        "/items",
        [
            {"itemType": "book", "tags": [{"tag": "a"}, {"tag": "b", "type": 1}]},
            {"itemType": "book", "tags": [{"tag": "a"}]},
        ],
    )
    tags = api("GET", "/tags").json()
    assert [(t["tag"], t["meta"]) for t in tags] == [
        ("a", {"type": 0, "numItems": 2}),
        ("b", {"type": 1, "numItems": 1}),
    ]
    version = api("GET", "/tags").headers["Last-Modified-Version"]
    assert api("DELETE", "/tags?tag=a").status_code == 428
    assert (
        api("DELETE", "/tags?tag=a", **{"If-Unmodified-Since-Version": version}).status_code == 204
    )
    assert [t["tag"] for t in api("GET", "/tags").json()] == ["b"]
    assert api("GET", "/deleted?since=0").json()["tags"] == ["a"]


def test_if_modified_since_version_gives_304(api):
    api.post("/items", books(1))
    assert api("GET", "/items", **{"If-Modified-Since-Version": "1"}).status_code == 304
    assert api("GET", "/items", **{"If-Modified-Since-Version": "0"}).status_code == 200


# ---------------------------------------------------------------------- writes and versions


def test_each_object_in_a_batch_gets_its_own_version(api):
    report = api.post("/items", books(3))
    assert [o["version"] for o in report["successful"].values()] == [1, 2, 3]
    again = api.post("/items", [dict(o["data"]) for o in report["successful"].values()])
    assert again["unchanged"] == {
        "0": report["success"]["0"],
        "1": report["success"]["1"],
        "2": report["success"]["2"],
    }
    assert (
        api("GET", "/items?limit=1").headers["Last-Modified-Version"] == "6"
    )  # unchanged still bump


def test_bump_per_request_switch(emulator_factory):
    server = emulator_factory("zotero", "--api-key", "k", "--user-id", "3", "--bump-per-request")
    report = Api(server).post("/items", books(3))
    assert [o["version"] for o in report["successful"].values()] == [1, 1, 1]


def test_patch_keeps_put_replaces(api):
    key = api.post(
        "/items", [{"itemType": "book", "title": "T", "publisher": "P", "collections": []}]
    )["success"]["0"]
    assert (
        api(
            "PATCH", f"/items/{key}", {"title": "T2"}, **{"If-Unmodified-Since-Version": "1"}
        ).status_code
        == 204
    )
    data = api("GET", f"/items/{key}").json()["data"]
    assert (data["title"], data["publisher"], data["version"]) == ("T2", "P", 2)
    put = {
        "itemType": "book",
        "title": "T3",
        "tags": [],
        "relations": {},
        "collections": [],
        "version": 2,
    }
    assert api("PUT", f"/items/{key}", put).status_code == 204
    data = api("GET", f"/items/{key}").json()["data"]
    assert (data["title"], data["publisher"]) == ("T3", "")
    missing = dict(put, version=3)
    missing.pop("tags")
    assert api("PUT", f"/items/{key}", missing).text == "'tags' property not provided"


def test_noop_single_write_reports_original_version(api):
    key = api.post("/items", books(1))["success"]["0"]
    response = api("PATCH", f"/items/{key}", {"title": "Book 00", "version": 1})
    assert (response.status_code, response.headers["Last-Modified-Version"]) == (204, "1")
    assert api("GET", "/items?limit=1").headers["Last-Modified-Version"] == "2"


def test_library_precondition_on_multi_writes(api):
    api.post("/items", books(2))
    response = api("POST", "/items", books(1), **{"If-Unmodified-Since-Version": "1"})
    assert (response.status_code, response.text) == (
        412,
        "Library has been modified since specified version (expected 1, found 2)",
    )
    assert "Last-Modified-Version" not in response.headers
    assert (
        api("POST", "/items", books(1), **{"If-Unmodified-Since-Version": "x"}).status_code == 400
    )


def test_deletes_children_and_collection_cascade(api):
    top = api.post("/collections", [{"name": "Top"}])["success"]["0"]
    sub = api.post("/collections", [{"name": "Sub", "parentCollection": top}])["success"]["0"]
    parent = api.post("/items", [{"itemType": "book", "collections": [sub]}])["success"]["0"]
    note = api.post("/items", [{"itemType": "note", "parentItem": parent}])["success"]["0"]
    version = api("GET", f"/items/{parent}").json()["version"]
    assert (
        api("DELETE", f"/collections/{top}", **{"If-Unmodified-Since-Version": "2"}).status_code
        == 204
    )
    item = api("GET", f"/items/{parent}").json()
    assert (item["data"]["collections"], item["version"]) == (
        [],
        version,
    )  # membership gone, no bump
    assert (
        api("DELETE", f"/items?itemKey={parent}").text
        == "If-Unmodified-Since-Version must be provided for delete requests"
    )
    lib_version = api("GET", "/items").headers["Last-Modified-Version"]
    assert (
        api(
            "DELETE",
            f"/items?itemKey={parent},ZZZZZZZZ",
            **{"If-Unmodified-Since-Version": lib_version},
        ).status_code
        == 204
    )
    deleted = api("GET", "/deleted?since=0").json()
    assert sorted(deleted["items"]) == sorted([parent, note]) and sorted(
        deleted["collections"]
    ) == sorted([top, sub])
    assert list(deleted) == ["collections", "searches", "items", "tags", "settings"]


def test_write_tokens(api):
    token = {"Zotero-Write-Token": "a" * 32}
    api.post("/items", books(1), **token)
    again = api("POST", "/items", books(1), **token)
    assert (again.status_code, again.text) == (412, "Write token already used")
    assert (
        api("POST", "/items", books(1), **{"Zotero-Write-Token": "abc"}).text
        == "Write token must be 5-32 characters in length"
    )


# ---------------------------------------------------------------------- faults through the core


def test_rate_limit_and_backoff_faults(api, zotero_emulator):
    zotero_emulator.faults.install(
        [{"kind": "status", "status": 429, "retry_after": 2}, {"kind": "backoff", "seconds": 5}]
    )
    limited = api("GET", "/items")
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "2")
    ok = api("GET", "/items")
    assert (ok.status_code, ok.headers["Backoff"]) == (200, "5")


def test_conflict_fault_bumps_the_touched_object(api, zotero_emulator):
    key = api.post("/items", books(1))["success"]["0"]
    zotero_emulator.faults.install([{"kind": "conflict", "match": {"method": "PATCH"}}])
    response = api("PATCH", f"/items/{key}", {"title": "mine", "version": 1})
    assert (response.status_code, response.text) == (
        412,
        "Item has been modified since specified version (expected 1, found 2)",
    )
    multi = api.post("/items", [{"key": key, "version": 2, "title": "x"}])
    assert multi["successful"]["0"]["data"]["title"] == "x"


def test_dropped_response_still_applies_the_write(api, zotero_emulator):
    zotero_emulator.faults.install([{"kind": "drop", "match": {"method": "POST"}}])
    with pytest.raises(requests.ConnectionError):
        api("POST", "/items", [{"key": "DRQP2345", "version": 0, "itemType": "book"}])
    retry = api.post("/items", [{"key": "DRQP2345", "version": 0, "itemType": "book"}])
    assert retry["failed"]["0"]["code"] == 412  # already created: the idempotent-create signal


# ---------------------------------------------------------------------- persistence and command line


def test_state_file_survives_a_restart(tmp_path):
    state = tmp_path / "zotero-state.json"
    first = build_server(
        "zotero", "--api-key", "k", "--user-id", "9", "--state", str(state)
    ).start()
    try:
        key = Api(first).post("/items", books(1))["success"]["0"]
    finally:
        first.stop()
    second = build_server(
        "zotero", "--api-key", "k", "--user-id", "9", "--state", str(state)
    ).start()
    try:
        response = Api(second)("GET", f"/items/{key}")
        assert response.json()["data"]["title"] == "Book 00"
        assert response.headers["Last-Modified-Version"] == "1"
    finally:
        second.stop()
    assert not list(tmp_path.glob(".zotero-state.json.*"))  # no temp files left behind


def test_command_line_start_line_and_faults(tmp_path):
    faults = json.dumps([{"kind": "status", "status": 503, "retry_after": 1}])
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "zotsync.emulators",
            "zotero",
            "--port",
            "0",
            "--api-key",
            "kk",
            "--user-id",
            "12",
            "--state",
            str(tmp_path / "s.json"),
            "--faults",
            faults,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        assert re.fullmatch(r"listening on http://127\.0\.0\.1:\d+", line)
        url = line.split()[-1]
        session = requests.Session()
        session.trust_env = False
        first = session.get(f"{url}/users/12/items", headers={"Zotero-API-Key": "kk"}, timeout=10)
        second = session.get(f"{url}/users/12/items", headers={"Zotero-API-Key": "kk"}, timeout=10)
        assert (first.status_code, second.status_code) == (503, 200)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_command_line_refuses_unusable_key_and_corrupt_state(tmp_path):
    bad_key = subprocess.run(
        [sys.executable, "-m", "zotsync.emulators", "zotero", "--api-key", "with-dash"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert bad_key.returncode == 2 and "letters and digits" in bad_key.stderr
    state = tmp_path / "broken.json"
    state.write_text("{not json", encoding="utf-8")
    corrupt = subprocess.run(
        [sys.executable, "-m", "zotsync.emulators", "zotero", "--state", str(state)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (
        corrupt.returncode == 2
        and corrupt.stderr.startswith("Error:")
        and "Traceback" not in corrupt.stderr
    )


def test_state_file_never_contains_the_api_key(tmp_path):
    state = tmp_path / "s.json"
    server = build_server(
        "zotero", "--api-key", "secretkey123", "--user-id", "9", "--state", str(state)
    ).start()
    try:
        Api(server).post("/items", books(1), **{"Zotero-Write-Token": "t" * 20})
    finally:
        server.stop()
    assert "secretkey123" not in state.read_text()
