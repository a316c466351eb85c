"""Wire shapes: stored objects -> the JSON api.zotero.org returns (key order included).

``base`` is the API root the client used (e.g. ``http://127.0.0.1:PORT``); the
real server writes ``https://api.zotero.org`` there. Web links keep the real
``https://www.zotero.org`` form, as clients never follow them.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote_plus

from zotsync.emulators.zotero.schema import NOTE_TYPES, Schema
from zotsync.emulators.zotero.store import Collection, Item, Library

WEB = "https://www.zotero.org"
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


def library_prefix(lib: Library) -> str:
    return f"/{lib.type}s/{lib.id}"


def web_root(lib: Library) -> str:
    return f"{WEB}/{lib.slug}" if lib.type == "user" else f"{WEB}/groups/{lib.slug}"


def library_json(lib: Library) -> dict[str, Any]:
    return {
        "type": lib.type,
        "id": lib.id,
        "name": lib.name,
        "links": {"alternate": {"href": web_root(lib), "type": "text/html"}},
    }


def _link(href: str, kind: str = "application/json") -> dict[str, str]:
    return {"href": href, "type": kind}


# ---------------------------------------------------------------------- items


def item_json(schema: Schema, lib: Library, item: Item, base: str) -> dict[str, Any]:
    """The full item object ``{key, version, library, links, meta, data}``."""
    api = f"{base}{library_prefix(lib)}/items"
    links = {
        "self": _link(f"{api}/{item.key}"),
        "alternate": _link(f"{web_root(lib)}/items/{item.key}", "text/html"),
    }
    if item.parent:
        links["up"] = _link(f"{api}/{item.parent}")
    return {
        "key": item.key,
        "version": item.version,
        "library": library_json(lib),
        "links": links,
        "meta": item_meta(schema, lib, item),
        "data": item_data(schema, item),
    }


#: The attachment properties every item of a link mode carries, with their empty values
#: (the Web API's attachment templates: a stored file has md5/mtime null until uploaded).
_ATTACHMENT_PROPS: dict[str | None, tuple[tuple[str, Any], ...]] = {
    "imported_file": (
        ("contentType", ""),
        ("charset", ""),
        ("filename", ""),
        ("md5", None),
        ("mtime", None),
    ),
    "imported_url": (
        ("contentType", ""),
        ("charset", ""),
        ("filename", ""),
        ("md5", None),
        ("mtime", None),
    ),
    "linked_file": (("contentType", ""), ("charset", ""), ("path", "")),
    "linked_url": (("contentType", ""), ("charset", "")),
}


def item_data(schema: Schema, item: Item) -> dict[str, Any]:
    """``data``: key, version, parentItem, itemType, every field of the type (``""`` when unset) …"""
    item_type = schema.types[item.item_type]
    data: dict[str, Any] = {"key": item.key, "version": item.version}
    if item.parent:
        data["parentItem"] = item.parent
    data["itemType"] = item.item_type
    if item.item_type == "attachment":
        data["linkMode"] = item.attachment.get("linkMode")
    for i, field in enumerate(item_type.fields):
        data[field] = item.fields.get(field, "")
        if i == 0 and item_type.primary_creator:
            data["creators"] = item.creators
    if item_type.primary_creator and not item_type.fields:
        data["creators"] = item.creators
    if item.item_type in NOTE_TYPES:
        data["note"] = item.note or ""
    if item.item_type == "attachment":
        for prop, empty in _ATTACHMENT_PROPS.get(item.attachment.get("linkMode"), ()):
            data[prop] = item.attachment.get(prop, empty)
        for prop in ("contentType", "charset", "filename", "md5", "mtime", "path"):
            if prop in item.attachment and prop not in data:
                data[prop] = item.attachment[prop]
    if item.in_publications:  # before tags, as recorded (web-library test-user-search-results.json)
        data["inPublications"] = True
    data["tags"] = item.tags
    if item.parent is None:
        data["collections"] = item.collections
    data["relations"] = item.relations
    if item.deleted:  # after relations, as recorded (web-library test-user-trash-item.json)
        data["deleted"] = 1
    data["dateAdded"] = item.date_added
    data["dateModified"] = item.date_modified
    return data


def item_meta(schema: Schema, lib: Library, item: Item) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    summary = creator_summary(schema, item)
    if summary:
        meta["creatorSummary"] = summary
    parsed = parsed_date(item.fields.get("date", ""))
    if parsed:
        meta["parsedDate"] = parsed
    if item.item_type != "attachment" or item.attachment.get("contentType") == "application/pdf":
        meta["numChildren"] = lib.counts().children.get(item.key, 0)
    return meta


def creator_summary(schema: Schema, item: Item) -> str | None:
    """Last name of the first primary creator; "A and B"; "A et al." — falling back to editors, contributors."""
    primary = schema.types[item.item_type].primary_creator
    for ctype in (primary, "editor", "contributor"):
        names = [
            c.get("lastName") or c.get("name", "")
            for c in item.creators
            if c["creatorType"] == ctype
        ]
        if names:
            if len(names) == 1:
                return names[0]
            return f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al."
    return None


def parsed_date(text: str) -> str | None:
    """``meta.parsedDate``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` parsed from free-form ``date``."""
    text = text.strip()
    iso = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if iso:
        return "-".join(p.zfill(2) if n else p for n, p in enumerate(iso.groups()) if p)
    year = re.search(r"\b(\d{4})\b", text)
    if not year:
        return None
    month = next(
        (n for word in re.findall(r"[A-Za-z]+", text) if (n := _MONTHS.get(word[:3].lower()))), None
    )
    if month is None:
        return year.group(1)
    day = re.search(r"\b(\d{1,2})\b", text.replace(year.group(1), ""))
    return f"{year.group(1)}-{month:02d}" + (f"-{int(day.group(1)):02d}" if day else "")


# ---------------------------------------------------------------------- collections


def collection_json(lib: Library, coll: Collection, base: str) -> dict[str, Any]:
    api = f"{base}{library_prefix(lib)}/collections"
    links = {
        "self": _link(f"{api}/{coll.key}"),
        "alternate": _link(f"{web_root(lib)}/collections/{coll.key}", "text/html"),
    }
    if coll.parent:
        links["up"] = _link(f"{api}/{coll.parent}")
    data: dict[str, Any] = {
        "key": coll.key,
        "version": coll.version,
        "name": coll.name,
        "parentCollection": coll.parent or False,
        "relations": coll.relations,
    }
    if coll.deleted:
        data["deleted"] = True
    counts = lib.counts()
    meta = {
        "numCollections": counts.subcollections.get(coll.key, 0),
        "numItems": counts.items_in.get(coll.key, 0),
    }
    return {
        "key": coll.key,
        "version": coll.version,
        "library": library_json(lib),
        "links": links,
        "meta": meta,
        "data": data,
    }


# ---------------------------------------------------------------------- tags


def tag_json(lib: Library, name: str, tag_type: int, num_items: int, base: str) -> dict[str, Any]:
    path = f"{library_prefix(lib)}/tags/{quote_plus(name)}"
    return {
        "tag": name,
        "links": {
            "self": _link(f"{base}{path}"),
            "alternate": _link(f"http://zotero.org{path}", "text/html"),
        },
        "meta": {"type": tag_type, "numItems": num_items},
    }


def key_json(
    key: str,
    user_id: int,
    username: str,
    write: bool,
    *,
    notes: bool = True,
    groups: dict[str, dict[str, bool]] | None = None,
) -> dict[str, Any]:
    """``GET /keys/current``: the key's owner and permissions.

    ``groups`` is the ``access.groups`` object: ``{"all": {library, write}}`` for a key
    valid for every group (the default), or one entry per group id the key may reach.
    """
    access = {
        "user": {"library": True, "files": True, "notes": notes, "write": write},
        "groups": groups if groups is not None else {"all": {"library": True, "write": write}},
    }
    return {
        "key": key,
        "userID": user_id,
        "username": username,
        "displayName": username,
        "access": access,
    }


def group_json(lib: Library, owner: int, base: str) -> dict[str, Any]:
    """One element of ``GET /users/ID/groups``."""
    data = {
        "id": lib.id,
        "version": lib.version,
        "name": lib.name,
        "owner": owner,
        "type": "Private",
        "description": "",
        "url": "",
        "libraryEditing": "members",
        "libraryReading": "members",
        "fileEditing": "members",
        "members": [owner],
    }
    return {
        "id": lib.id,
        "version": lib.version,
        "links": {
            "self": _link(f"{base}/groups/{lib.id}"),
            "alternate": _link(web_root(lib), "text/html"),
        },
        "meta": {
            "created": "2026-01-01T00:00:00Z",
            "lastModified": "2026-01-01T00:00:00Z",
            "numItems": sum(1 for i in lib.items.values() if not i.deleted),
        },
        "data": data,
    }
