"""Unit tests of the Zotero emulator's rules, without sockets (the app is called directly)."""

from __future__ import annotations

import json
import re
from email.message import Message
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from zotsync.emulators.core.http import Request
from zotsync.emulators.zotero import Settings, ZoteroApp
from zotsync.emulators.zotero.keys import KEY_ALPHABET, is_valid_key, new_key
from zotsync.emulators.zotero.query import tag_match
from zotsync.emulators.zotero.render import parsed_date
from zotsync.emulators.zotero.store import Item, Library, load_libraries, save_libraries
from zotsync.emulators.zotero.values import note, timestamp

KEY = "unit-key"


def call(app: ZoteroApp, method: str, target: str, body=None, **headers):
    """One request straight into the app; returns (status, headers dict, decoded body)."""
    parts = urlsplit(target)
    msg = Message()
    for name, value in {"Zotero-API-Key": KEY, "Host": "127.0.0.1:1", **headers}.items():
        msg[name.replace("_", "-")] = value
    raw = json.dumps(body).encode() if body is not None else b""
    response = app.handle(
        Request(method, parts.path, target, parse_qs(parts.query, keep_blank_values=True), msg, raw)
    )
    text = response.body.decode()
    ctype = response.header("Content-Type") or ""
    return (
        response.status,
        dict(response.headers),
        json.loads(text) if "json" in ctype and text else text,
    )


@pytest.fixture
def app() -> ZoteroApp:
    return ZoteroApp(Settings(api_key=KEY, user_id=1))


def test_keys():
    assert (
        is_valid_key("ABCD2345")
        and not is_valid_key("abcd2345")
        and not is_valid_key("ABCD0O1I"[:8])
    )
    assert all(is_valid_key(new_key()) for _ in range(50))
    assert "O" not in KEY_ALPHABET and "0" not in KEY_ALPHABET and "1" not in KEY_ALPHABET


@pytest.mark.parametrize(
    "text,parsed",
    [
        ("2017", "2017"),
        ("2017-06-12", "2017-06-12"),
        ("2017-6", "2017-06"),
        ("June 12, 2017", "2017-06-12"),
        ("12 Jun 2017", "2017-06-12"),
        ("Spring 2020", "2020"),
        ("", None),
        ("n.d.", None),
    ],
)
def test_parsed_date(text, parsed):
    assert parsed_date(text) == parsed


@pytest.mark.parametrize(
    "value,stored",
    [
        ("2024-01-02", "2024-01-02T00:00:00Z"),
        ("2024-01-02 03:04:05", "2024-01-02T03:04:05Z"),
        ("2024-01-02T03:04:05+02:00", "2024-01-02T01:04:05Z"),
        ("2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z"),
    ],
)
def test_timestamps_are_normalised_to_utc_iso(value, stored):
    assert timestamp("dateAdded", value) == stored


def test_note_sanitiser_keeps_safe_markup_and_strips_scripts():
    safe = '<p>读书笔记 <a href="https://github.com/x/y">code</a></p><ul><li>one</li></ul>'
    assert note(safe) == safe
    assert (
        note('<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:evil()">b</a>')
        == '<p>a</p><a href="">b</a>'
    )


@pytest.mark.parametrize(
    "spec,tags,hit",
    [
        ("ML", ["ml"], True),
        ("a || b", ["b"], True),
        ("-a", ["a"], False),
        ("-a", ["c"], True),
        ("\\-x", ["-x"], True),
        ("a", [], False),
    ],
)
def test_tag_filter_syntax(spec, tags, hit):
    assert tag_match(spec, tags) is hit


def test_state_round_trip(tmp_path):
    lib = Library("user", 1, "u", "u", version=3)
    lib.put_item(
        Item(
            key="ABCD2345", version=3, item_type="book", fields={"title": "T"}, tags=[{"tag": "x"}]
        )
    )
    lib.deleted["items"]["ZZZZ2345"] = 2
    save_libraries(tmp_path / "s.json", [lib])
    [back] = load_libraries(tmp_path / "s.json")
    assert back == lib


def test_unchanged_detection_sees_trimmed_strings_and_foreign_empty_fields(app):
    status, _, report = call(
        app, "POST", "/users/1/items", [{"itemType": "preprint", "title": "T "}]
    )
    data = report["successful"]["0"]["data"]
    status, _, again = call(
        app, "POST", "/users/1/items", [{**data, "title": " T", "publisher": ""}]
    )  # same after trimming; empty foreign field
    assert again["unchanged"] == {"0": data["key"]}


def test_item_type_change_keeps_base_mapped_fields(app):
    _, _, report = call(
        app,
        "POST",
        "/users/1/items",
        [{"itemType": "preprint", "title": "T", "repository": "arXiv", "archiveID": "arXiv:1"}],
    )
    key = report["success"]["0"]
    status, _, _ = call(app, "PATCH", f"/users/1/items/{key}", {"itemType": "report", "version": 1})
    assert status == 204
    _, _, item = call(app, "GET", f"/users/1/items/{key}")
    assert (item["data"]["institution"], item["data"]["reportNumber"]) == (
        "arXiv",
        "arXiv:1",
    )  # publisher/number bases


def test_concurrent_bump_makes_the_next_write_conflict(app):
    _, _, report = call(app, "POST", "/users/1/items", [{"itemType": "book"}])
    key = report["success"]["0"]
    app.concurrent_bump(Request("PATCH", f"/users/1/items/{key}", "", {}, Message(), b""))
    status, headers, text = call(
        app,
        "PATCH",
        f"/users/1/items/{key}",
        {"title": "x"},
        **{"If-Unmodified-Since-Version": "1"},
    )
    assert (status, text, headers["Last-Modified-Version"]) == (
        412,
        "Item has been modified since specified version (expected 1, found 2)",
        "2",
    )


@settings(max_examples=examples(25), deadline=None)
@given(n=st.integers(0, 130), limit=st.integers(1, 120))
def test_following_next_links_visits_every_item_once(n, limit):
    app = ZoteroApp(Settings(api_key=KEY, user_id=1))
    for start in range(0, n, 50):
        call(app, "POST", "/users/1/items", [{"itemType": "note"}] * min(50, n - start))
    seen: list[str] = []
    target: str | None = f"/users/1/items?format=keys&limit={limit}"
    while target:
        status, headers, text = call(app, "GET", target)
        assert status == 200 and headers["Total-Results"] == str(n)
        seen += text.split()
        nxt = re.search(r'<http://127\.0\.0\.1:1([^>]+)>; rel="next"', headers["Link"])
        target = nxt.group(1) if nxt else None
    assert len(seen) == len(set(seen)) == n


def test_sorting(app):
    call(
        app,
        "POST",
        "/users/1/items",
        [
            {
                "itemType": "book",
                "title": "beta",
                "date": "2001",
                "creators": [{"creatorType": "author", "name": "Zed"}],
            },
            {
                "itemType": "book",
                "title": "Alpha",
                "date": "1999",
                "creators": [{"creatorType": "author", "name": "Young"}],
            },
            {"itemType": "note", "note": "<p>gamma</p>"},
        ],
    )

    def titles(q):
        return [
            i["data"].get("title") or i["data"]["note"]
            for i in call(app, "GET", "/users/1/items?" + q)[2]
        ]

    assert titles("sort=title") == ["Alpha", "beta", "<p>gamma</p>"]
    assert titles("sort=title&direction=desc") == ["<p>gamma</p>", "beta", "Alpha"]
    assert titles("sort=creator&itemType=book") == ["Alpha", "beta"]
    assert titles("sort=date&itemType=book") == ["beta", "Alpha"]  # date* sorts default to desc
    assert titles("") == [
        "<p>gamma</p>",
        "Alpha",
        "beta",
    ]  # dateModified desc, newest version first on ties
    assert call(app, "GET", "/users/1/items?sort=numItems")[0] == 400
