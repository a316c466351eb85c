"""Validation parity with api.zotero.org (docs/zotero-web-api.md §3.7).

Each case uploads one object in a multi-object POST and checks the per-object
``failed`` entry: the real server's status code and exact message (and
``data`` for 409/413). A second table checks the same rules on single-object
PATCH, where they become the HTTP status and plain-text body.
"""

from __future__ import annotations

import pytest
import requests

PARENT, NOTE, COLL = "PARENT22", "NQTEKEY2", "CQLL2345"
LONG = "x" * 70000


@pytest.fixture
def api(zotero_emulator):
    """A tiny raw client: (method, path, json, headers) -> requests.Response, with the emulator's key."""
    base = f"{zotero_emulator.url}/users/{zotero_emulator.user_id}"
    session = requests.Session()
    session.trust_env = False
    session.headers.update({"Zotero-API-Key": zotero_emulator.api_key, "Zotero-API-Version": "3"})

    def call(method: str, path: str, body=None, **headers) -> requests.Response:
        return session.request(method, base + path, json=body, headers=headers, timeout=10)

    seeded = call("POST", "/collections", [{"key": COLL, "version": 0, "name": "C"}])
    assert seeded.json()["success"] == {"0": COLL}
    seeded = call(
        "POST",
        "/items",
        [
            {"key": PARENT, "version": 0, "itemType": "book", "title": "Parent"},
            {"key": NOTE, "version": 0, "itemType": "note", "note": "standalone"},
        ],
    )
    assert seeded.json()["failed"] == {}
    return call


def _creator(**kw):
    return {"itemType": "preprint", "creators": [kw]}


CASES = [
    ("unknown property", {"itemType": "book", "foo": "bar"}, 400, "Invalid property 'foo'", None),
    ("escaped message", {"itemType": "book", "<b>": 1}, 400, "Invalid property '&lt;b&gt;'", None),
    (
        "field not for type",
        {"itemType": "preprint", "publisher": "ACM"},
        400,
        "'publisher' is not a valid field for type 'preprint'",
        None,
    ),
    (
        "array for field",
        {"itemType": "book", "title": ["a"]},
        400,
        "Unexpected array for property 'title'",
        None,
    ),
    ("invalid itemType", {"itemType": "foo"}, 400, "'foo' is not a valid itemType", None),
    ("itemType not string", {"itemType": 5}, 400, "'itemType' must be a string", None),
    ("no itemType", {"title": "x"}, 400, "'itemType' property not provided", None),
    (
        "unknown creator type",
        _creator(creatorType="foo", name="X"),
        400,
        "'foo' is not a valid creator type",
        None,
    ),
    (
        "creator type not for item type",
        _creator(creatorType="seriesEditor", name="X"),
        400,
        "'seriesEditor' is not a valid creator type for item type 'preprint'",
        None,
    ),
    (
        "creator without type",
        _creator(name="X"),
        400,
        "creator object must contain 'creatorType'",
        None,
    ),
    (
        "creator without names",
        {
            "itemType": "preprint",
            "creators": [{"creatorType": "author", "name": "A"}, {"creatorType": "author"}],
        },
        400,
        "creator object must contain 'firstName'/'lastName' or 'name'",
        None,
    ),
    (
        "firstName without lastName",
        _creator(creatorType="author", firstName="A"),
        400,
        "'lastName' creator field must be set if 'firstName' is set",
        None,
    ),
    (
        "firstName and name",
        _creator(creatorType="author", firstName="A", lastName="B", name="C"),
        400,
        "'firstName' and 'name' creator fields are mutually exclusive",
        None,
    ),
    (
        "creator property",
        _creator(creatorType="author", name="A", x=1),
        400,
        "Invalid creator property 'x'",
        None,
    ),
    ("tag not object", {"itemType": "book", "tags": ["a"]}, 400, "Tag must be an object", None),
    (
        "tag property",
        {"itemType": "book", "tags": [{"tag": "a", "x": 1}]},
        400,
        "Invalid tag property 'x'",
        None,
    ),
    ("tag empty", {"itemType": "book", "tags": [{}]}, 400, "Tag object is empty", None),
    (
        "tag type",
        {"itemType": "book", "tags": [{"tag": "a", "type": 3}]},
        400,
        "Invalid tag type '3'",
        None,
    ),
    (
        "note on book",
        {"itemType": "book", "note": "x"},
        400,
        "'note' property is valid only for note and attachment items",
        None,
    ),
    (
        "book as child",
        {"itemType": "book", "parentItem": PARENT},
        400,
        "Child item must be note, attachment, or annotation",
        None,
    ),
    (
        "malformed parentItem",
        {"itemType": "note", "parentItem": "abc"},
        400,
        "'parentItem' must be a valid item key or false",
        None,
    ),
    (
        "missing parent",
        {"itemType": "note", "parentItem": "ZZZZZZZZ", "note": "n"},
        409,
        "Parent item ZZZZZZZZ not found",
        {"parentItem": "ZZZZZZZZ"},
    ),
    (
        "parent is a note",
        {"itemType": "note", "parentItem": NOTE, "note": "n"},
        409,
        "Parent item cannot be a note or attachment",
        None,
    ),
    (
        "child in collection",
        {"itemType": "note", "parentItem": PARENT, "collections": [COLL]},
        400,
        "Child items cannot be assigned to collections",
        None,
    ),
    (
        "malformed collection key",
        {"itemType": "book", "collections": ["x"]},
        400,
        "'x' is not a valid collection key",
        None,
    ),
    (
        "unknown collection",
        {"itemType": "book", "collections": ["ZZZZZZZZ"]},
        409,
        "Collection ZZZZZZZZ not found",
        {"collection": "ZZZZZZZZ"},
    ),
    (
        "malformed key",
        {"key": "abc", "version": 0, "itemType": "book"},
        400,
        "'abc' is not a valid item key",
        None,
    ),
    (
        "key not string",
        {"key": 5, "version": 0, "itemType": "book"},
        400,
        "'key' must be a string",
        None,
    ),
    (
        "version without key",
        {"version": 3, "itemType": "book"},
        400,
        "'version' is valid only if item key is provided",
        None,
    ),
    (
        "key without version",
        {"key": PARENT, "title": "x"},
        428,
        "Either If-Unmodified-Since-Version or 'version' property must be provided for 'key'-based writes",
        None,
    ),
    (
        "version conflict",
        {"key": PARENT, "version": 0, "title": "x"},
        412,
        "Item has been modified since specified version (expected 0, found 2)",
        None,
    ),
    (
        "missing object with version",
        {"key": "ZZZZZZZZ", "version": 5, "itemType": "book"},
        404,
        "Item doesn't exist (expected version 5; use 0 instead)",
        None,
    ),
    (
        "note too long",
        {"itemType": "note", "note": "n" * 500001},
        413,
        f"Note '{'n' * 79}...' too long",
        None,
    ),
    (
        "tag too long",
        {"itemType": "book", "tags": [{"tag": "t" * 256}]},
        413,
        f"Tag '{'t' * 50}…' too long",
        {"tag": "t" * 256},
    ),
    (
        "bad dateAdded",
        {"itemType": "book", "dateAdded": "yesterday"},
        400,
        "'dateAdded' must be in ISO 8601 or UTC 'YYYY-MM-DD[ hh:mm:ss]' format or 'CURRENT_TIMESTAMP' (yesterday)",
        None,
    ),
    (
        "v1 itemKey",
        {"itemType": "book", "itemKey": "ABCDEFGH"},
        400,
        "'itemKey' property is now 'key'",
        None,
    ),
    (
        "v1 notes",
        {"itemType": "book", "notes": []},
        400,
        "'notes' property is no longer supported",
        None,
    ),
]


@pytest.mark.parametrize("obj,code,message,data", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_item_validation_in_write_report(api, obj, code, message, data):
    response = api("POST", "/items", [obj])
    assert response.status_code == 200
    failed = response.json()["failed"]["0"]
    assert (failed["code"], failed["message"]) == (code, message)
    assert failed.get("data") == data
    assert response.json()["successful"] == {}


def test_field_too_long_names_field_and_item(api):
    failed = api(
        "POST", "/items", [{"key": "LQNG2345", "version": 0, "itemType": "book", "title": LONG}]
    ).json()["failed"]["0"]
    assert failed["code"] == 413
    assert (
        failed["message"] == f"Title field value '{'x' * 50}…' too long for item '7777777/LQNG2345'"
    )
    assert failed["data"]["field"] == "title"


def test_empty_value_for_foreign_field_and_template_creator_are_ignored(api):
    report = api(
        "POST",
        "/items",
        [
            {
                "itemType": "preprint",
                "publisher": "",
                "title": "T",
                "creators": [{"creatorType": "author", "firstName": "", "lastName": ""}],
            }
        ],
    ).json()
    assert report["failed"] == {}
    data = report["successful"]["0"]["data"]
    assert data["creators"] == [] and "publisher" not in data


COLLECTION_CASES = [
    ("no name", {}, 400, "'name' property not provided", None),
    ("empty name", {"name": " "}, 400, "Collection name cannot be empty", None),
    ("name too long", {"name": "n" * 256}, 413, f"Collection name '{'n' * 50}…' too long", None),
    ("unknown property", {"name": "a", "foo": 1}, 400, "Invalid property 'foo'", None),
    (
        "parent not string",
        {"name": "a", "parentCollection": 5},
        400,
        "'parentCollection' must be a collection key or FALSE (integer)",
        None,
    ),
    (
        "missing parent",
        {"name": "a", "parentCollection": "ZZZZZZZZ"},
        409,
        "Parent collection ZZZZZZZZ not found",
        {"collection": "ZZZZZZZZ"},
    ),
]


@pytest.mark.parametrize(
    "obj,code,message,data", [c[1:] for c in COLLECTION_CASES], ids=[c[0] for c in COLLECTION_CASES]
)
def test_collection_validation_in_write_report(api, obj, code, message, data):
    failed = api("POST", "/collections", [obj]).json()["failed"]["0"]
    assert (failed["code"], failed["message"], failed.get("data")) == (code, message, data)


SINGLE_CASES = [
    ("invalid property", {"foo": 1, "version": 2}, {}, 400, "Invalid property 'foo'"),
    (
        "no precondition",
        {"title": "x"},
        {},
        428,
        "Either If-Unmodified-Since-Version or object version property must be provided for key-based writes",
    ),
    (
        "header and JSON disagree",
        {"title": "x", "version": 2},
        {"If-Unmodified-Since-Version": "3"},
        400,
        "If-Unmodified-Since-Version value does not match JSON 'version' property (3 != 2)",
    ),
    (
        "stale version",
        {"title": "x", "version": 0},
        {},
        412,
        "Item has been modified since specified version (expected 0, found 2)",
    ),
    (
        "key mismatch",
        {"key": "ZZZZZZZZ", "version": 2},
        {},
        409,
        "'key' property in JSON does not match item key of request",
    ),
    (
        "field not for type",
        {"archiveID": "arXiv:1", "version": 2},
        {},
        400,
        "'archiveID' is not a valid field for type 'book'",
    ),
]


@pytest.mark.parametrize(
    "body,headers,code,message", [c[1:] for c in SINGLE_CASES], ids=[c[0] for c in SINGLE_CASES]
)
def test_single_patch_errors_are_http_errors(api, body, headers, code, message):
    response = api("PATCH", f"/items/{PARENT}", body, **headers)
    assert (response.status_code, response.text) == (code, message)
    assert response.headers.get("Last-Modified-Version") == ("2" if code == 412 else None)


def test_single_write_on_missing_objects(api):
    assert api("PATCH", "/items/ZZZZZZZZ", {"title": "x"}).text == (
        "Item not found (to create, use If-Unmodified-Since-Version: 0, JSON 'version' 0, or PUT method)"
    )
    response = api("PATCH", "/items/ZZZZZZZZ", {"title": "x", "version": 3})
    assert (response.status_code, response.text) == (412, "Item not found (expected version 3)")


def test_malformed_json_and_non_array_bodies(api):
    response = api("POST", "/items", None, **{"Content-Type": "application/json"})
    assert (response.status_code, response.text) == (
        400,
        "JSON Error: Syntax error, malformed JSON",
    )
    response = api("POST", "/items", {"itemType": "book"})
    assert (response.status_code, response.text) == (400, "Uploaded data must be a JSON array")
    response = api("POST", "/items", [{"itemType": "book"}] * 51)
    assert (response.status_code, response.text) == (413, "Cannot add more than 50 items at a time")
    report = api("POST", "/items", ["x"]).json()
    assert report["failed"]["0"] == {
        "code": 400,
        "message": "Invalid value for index 0 in uploaded data; expected JSON item object",
    }
