"""Turn one uploaded JSON object into the next stored item or collection, as the real server would.

``build_item``/``build_collection`` never touch the library: they return a new
object (or raise :class:`ApiError` with the dataserver's exact message) and
``writes.py`` decides whether to store it. PATCH semantics (``replace=False``)
start from the existing object; PUT (``replace=True``) starts from empty.
"""

from __future__ import annotations

from typing import Any

from zotsync.emulators.zotero import values
from zotsync.emulators.zotero.errors import ApiError
from zotsync.emulators.zotero.keys import is_valid_key
from zotsync.emulators.zotero.schema import CHILD_TYPES, NOTE_TYPES, ItemType, Schema
from zotsync.emulators.zotero.store import Collection, Item, Library, now_iso

LEGACY_PROPS = {
    "itemKey": "'itemKey' property is now 'key'",
    "notes": "'notes' property is no longer supported",
}
ATTACHMENT_PROPS = ("linkMode", "contentType", "charset", "filename", "md5", "mtime", "path")
PUT_REQUIRED = ("itemType", "tags", "relations")
MAX_COLLECTION_NAME = 255


def unwrap(obj: dict[str, Any]) -> dict[str, Any]:
    """Writes accept full API objects (``{key, version, library, links, meta, data}``): only ``data`` counts."""
    data = obj.get("data")
    return (
        data
        if isinstance(data, dict) and ("links" in obj or "library" in obj or "meta" in obj)
        else obj
    )


def check_key(value: Any, kind: str = "item") -> str:
    if not isinstance(value, str):
        raise ApiError(400, "'key' must be a string")
    if not is_valid_key(value):
        raise ApiError(400, f"'{value}' is not a valid {kind} key")
    return value


# ---------------------------------------------------------------------- items


def build_item(
    schema: Schema,
    lib: Library,
    data: dict[str, Any],
    existing: Item | None,
    key: str,
    *,
    replace: bool,
) -> Item:
    """The item ``data`` describes, validated against the schema and the library."""
    for prop, message in LEGACY_PROPS.items():
        if prop in data:
            raise ApiError(400, message)
    if replace and existing is not None:
        _require_put_props(data, existing)
    item_type = _item_type(schema, data, existing)
    if item_type.name == "attachment" and existing is None and "linkMode" not in data:
        raise ApiError(400, "'linkMode' property not provided")
    item = _starting_point(schema, item_type, existing, key, replace)
    new_item = existing is None
    for prop, value in data.items():
        if prop in ("key", "version", "itemType"):
            continue
        _apply_property(schema, lib, item, item_type, prop, value, new_item)
    _check_child_rules(lib, item, data)
    return item


def _require_put_props(data: dict[str, Any], existing: Item) -> None:
    required = list(PUT_REQUIRED)
    if existing.parent is None and "parentItem" not in data:
        required.append("collections")
    for prop in required:
        if prop not in data:
            raise ApiError(400, f"'{prop}' property not provided")


def _item_type(schema: Schema, data: dict[str, Any], existing: Item | None) -> ItemType:
    if "itemType" not in data:
        if existing is None:
            raise ApiError(400, "'itemType' property not provided")
        return schema.types[existing.item_type]
    name = data["itemType"]
    if not isinstance(name, str):
        raise ApiError(400, "'itemType' must be a string")
    item_type = schema.item_type(name)
    if item_type is None or name == "annotation":
        raise ApiError(400, f"'{name}' is not a valid itemType")
    return item_type


def _starting_point(
    schema: Schema, item_type: ItemType, existing: Item | None, key: str, replace: bool
) -> Item:
    if existing is None or replace:
        stamp = existing.date_added if existing else now_iso()
        return Item(
            key=key,
            version=existing.version if existing else 0,
            item_type=item_type.name,
            note="" if item_type.name in NOTE_TYPES else None,
            date_added=stamp,
            date_modified=existing.date_modified if existing else stamp,
        )
    item = existing.copy()
    if item.item_type != item_type.name:
        _change_type(schema, item, item_type)
    return item


def _change_type(schema: Schema, item: Item, new_type: ItemType) -> None:
    """Move fields across a type change through their base fields; drop what the new type lacks."""
    old_type = schema.types[item.item_type]
    moved: dict[str, str] = {}
    for field, value in item.fields.items():
        target = new_type.field_for_base(old_type.base_field(field))
        if target:
            moved[target] = value
    item.fields = moved
    item.creators = [
        c
        for c in item.creators
        if c["creatorType"] in new_type.creator_types or c["creatorType"] == "author"
    ]
    item.item_type = new_type.name
    if new_type.name not in NOTE_TYPES:
        item.note = None
    elif item.note is None:
        item.note = ""


def _apply_property(
    schema: Schema,
    lib: Library,
    item: Item,
    item_type: ItemType,
    prop: str,
    value: Any,
    new_item: bool,
) -> None:
    if prop == "parentItem":
        item.parent = _parent_key(value)
    elif prop == "creators":
        item.creators = values.creators(schema, item_type, value, new_item=new_item)
    elif prop == "tags":
        item.tags = values.tags(value)
    elif prop == "collections":
        item.collections = _collection_keys(lib, value)
    elif prop == "relations":
        if not isinstance(value, dict):
            raise ApiError(400, "'relations' property must be an object")
        item.relations = value
    elif prop == "deleted":
        item.deleted = bool(value) and value not in ("0", "false")
    elif prop == "inPublications":
        item.in_publications = bool(value)
    elif prop in ("dateAdded", "dateModified"):
        stamp = values.timestamp(prop, value)
        item.date_added, item.date_modified = (
            (stamp, item.date_modified) if prop == "dateAdded" else (item.date_added, stamp)
        )
    elif prop == "note":
        if item_type.name not in NOTE_TYPES:
            raise ApiError(400, "'note' property is valid only for note and attachment items")
        item.note = values.note(value)
    elif prop in ATTACHMENT_PROPS and item_type.name == "attachment":
        item.attachment[prop] = value
    elif prop in schema.all_fields:
        _set_field(schema, lib, item, item_type, prop, value)
    else:
        raise ApiError(400, f"Invalid property '{prop}'")


def _set_field(
    schema: Schema, lib: Library, item: Item, item_type: ItemType, field: str, value: Any
) -> None:
    text = values.field_value(schema, field, value, f"{lib.id}/{item.key}")
    if field not in item_type.fields:
        if text:
            raise ApiError(400, f"'{field}' is not a valid field for type '{item_type.name}'")
        return  # an empty value for a foreign field is silently ignored
    if text:
        item.fields[field] = text
    else:
        item.fields.pop(field, None)


def _parent_key(value: Any) -> str | None:
    if value in (False, None, ""):
        return None
    if not is_valid_key(value):
        raise ApiError(400, "'parentItem' must be a valid item key or false")
    return value


def _collection_keys(lib: Library, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ApiError(400, "'collections' property must be an array")
    keys: list[str] = []
    for key in value:
        if not is_valid_key(key):
            raise ApiError(400, f"'{key}' is not a valid collection key")
        if key not in lib.collections:
            raise ApiError(409, f"Collection {key} not found", {"collection": key})
        if key not in keys:
            keys.append(key)
    return keys


def _check_child_rules(lib: Library, item: Item, data: dict[str, Any]) -> None:
    if item.parent is None:
        return
    if item.item_type not in CHILD_TYPES:
        raise ApiError(400, "Child item must be note, attachment, or annotation")
    if item.parent == item.key:
        raise ApiError(
            400,
            f"Item {item.key} cannot be a child of itself — "
            "this may indicate a database integrity problem",
        )
    parent = lib.items.get(item.parent)
    if parent is None:
        raise ApiError(409, f"Parent item {item.parent} not found", {"parentItem": item.parent})
    if parent.item_type in NOTE_TYPES:
        raise ApiError(409, "Parent item cannot be a note or attachment")
    if data.get("collections"):
        raise ApiError(400, "Child items cannot be assigned to collections")
    item.collections = []


# ---------------------------------------------------------------------- collections

COLLECTION_PROPS = ("key", "version", "name", "parentCollection", "relations", "deleted")


def build_collection(
    lib: Library, data: dict[str, Any], existing: Collection | None, key: str, *, replace: bool
) -> Collection:
    """The collection ``data`` describes (PATCH semantics unless ``replace``)."""
    for prop in data:
        if prop not in COLLECTION_PROPS:
            raise ApiError(400, f"Invalid property '{prop}'")
    if "name" not in data and (existing is None or replace):
        raise ApiError(400, "'name' property not provided")
    base = (
        existing.copy()
        if existing is not None and not replace
        else Collection(key=key, version=existing.version if existing else 0, name="")
    )
    if "name" in data:
        base.name = _collection_name(data["name"])
    if "parentCollection" in data or replace:
        base.parent = _parent_collection(lib, key, data.get("parentCollection", False))
    if "relations" in data or replace:
        base.relations = data.get("relations") or {}
    if "deleted" in data or replace:
        base.deleted = bool(data.get("deleted"))
    return base


def _collection_name(value: Any) -> str:
    name = "" if value is None else str(value).strip()
    if not name:
        raise ApiError(400, "Collection name cannot be empty")
    if len(name) > MAX_COLLECTION_NAME:
        raise ApiError(413, f"Collection name '{name[:50]}…' too long")
    return name


_PHP_TYPES = {bool: "boolean", int: "integer", float: "double", list: "array", dict: "array"}


def _parent_collection(lib: Library, key: str, value: Any) -> str | None:
    if value in (False, None, ""):
        return None
    if not isinstance(value, str):
        raise ApiError(
            400,
            f"'parentCollection' must be a collection key or FALSE ({_PHP_TYPES.get(type(value), 'unknown')})",
        )
    if not is_valid_key(value):
        raise ApiError(400, f"'{value}' is not a valid collection key")
    if value not in lib.collections:
        raise ApiError(409, f"Parent collection {value} not found", {"collection": value})
    if value == key or any(c.key == value for c in lib.descendants(key)):
        raise ApiError(400, "Cannot move collection under one of its own subcollections")
    return value
