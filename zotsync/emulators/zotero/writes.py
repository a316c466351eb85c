"""Write semantics: preconditions, multi-object write reports, PUT/PATCH, deletes, write tokens.

Follows the dataserver's rules (docs/zotero-web-api.md §3.6): every accepted
write bumps the library version; a multi-object POST bumps it once per object
that is not failed (``unchanged`` ones too), unless the library is configured
for the pre-2026-03 "one bump per request" behaviour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zotsync.emulators.zotero.errors import ApiError
from zotsync.emulators.zotero.keys import new_key
from zotsync.emulators.zotero.schema import Schema
from zotsync.emulators.zotero.store import Collection, Item, Library, now_iso
from zotsync.emulators.zotero.validate import build_collection, build_item, check_key, unwrap

MAX_WRITE_OBJECTS = 50


@dataclass(frozen=True)
class Kind:
    """What differs between item and collection writes."""

    name: str  # "item" | "collection"
    plural: str
    label: str  # "Item" | "Collection"

    def objects(self, lib: Library) -> dict[str, Any]:
        return lib.items if self.name == "item" else lib.collections

    def build(
        self,
        schema: Schema,
        lib: Library,
        data: dict[str, Any],
        existing: Any,
        key: str,
        replace: bool,
    ) -> Item | Collection:
        if self.name == "item":
            return build_item(schema, lib, data, existing, key, replace=replace)
        return build_collection(lib, data, existing, key, replace=replace)

    def store(self, lib: Library, obj: Any) -> None:
        (lib.put_item if self.name == "item" else lib.put_collection)(obj)


ITEMS = Kind("item", "items", "Item")
COLLECTIONS = Kind("collection", "collections", "Collection")


@dataclass
class WriteReport:
    """The outcome of a multi-object POST, indexed by position in the uploaded array."""

    successful: dict[str, Any] = field(default_factory=dict)  # index -> stored object
    unchanged: dict[str, str] = field(default_factory=dict)
    failed: dict[str, dict[str, Any]] = field(default_factory=dict)


# ---------------------------------------------------------------------- preconditions


def parse_version_header(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise ApiError(400, "Invalid If-Unmodified-Since-Version value") from None


def check_library_version(lib: Library, expected: int | None) -> None:
    """Library-level precondition of multi-object writes and deletes."""
    if expected is not None and lib.version > expected:
        raise ApiError(
            412,
            f"Library has been modified since specified version (expected {expected}, found {lib.version})",
        )


def check_write_token(lib: Library, scope: str | None, token: str | None, now: float) -> None:
    """Refuse a reused or malformed ``Zotero-Write-Token`` (checked before anything else)."""
    if token is None:
        return
    if not 5 <= len(token) <= 32:
        raise ApiError(400, "Write token must be 5-32 characters in length")
    if scope is None:
        raise ApiError(400, "Write token cannot be used without an API key")
    if lib.token_used(scope, token, now):
        raise ApiError(412, "Write token already used")


# ---------------------------------------------------------------------- multi-object POST


def write_many(
    schema: Schema,
    lib: Library,
    kind: Kind,
    body: Any,
    header_version: int | None,
    *,
    bump_per_object: bool = True,
) -> WriteReport:
    """Apply a ``POST {P}/items|collections`` body in array order; each object stands alone."""
    if not isinstance(body, list):
        raise ApiError(400, "Uploaded data must be a JSON array")
    if len(body) > MAX_WRITE_OBJECTS:
        raise ApiError(413, f"Cannot add more than {MAX_WRITE_OBJECTS} {kind.plural} at a time")
    check_library_version(lib, header_version)
    report = WriteReport()
    request_version = lib.version + 1
    touched = False
    for index, obj in enumerate(body):
        i = str(index)
        try:
            stored, changed = _write_one(schema, lib, kind, index, obj, header_version)
        except ApiError as err:
            report.failed[i] = _failure(err, obj)
            continue
        touched = True
        version = lib.bump() if bump_per_object else request_version
        if changed:
            stored.version = version
            kind.store(lib, stored)
            report.successful[i] = stored
        else:
            report.unchanged[i] = stored.key
    if touched and not bump_per_object:
        lib.version = request_version
    return report


def _failure(err: ApiError, obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    data = unwrap(obj) if isinstance(obj, dict) else {}
    if isinstance(data.get("key"), str):
        out["key"] = data["key"]
    out.update({"code": err.status, "message": err.message})
    if err.data:
        out["data"] = err.data
    return out


def _write_one(
    schema: Schema, lib: Library, kind: Kind, index: int, obj: Any, header_version: int | None
) -> tuple[Any, bool]:
    if not isinstance(obj, dict):
        raise ApiError(
            400,
            f"Invalid value for index {index} in uploaded data; expected JSON {kind.name} object",
        )
    data = unwrap(obj)
    if "key" not in data:
        if "version" in data:
            raise ApiError(400, f"'version' is valid only if {kind.name} key is provided")
        return _finish(kind.build(schema, lib, data, None, new_key(), False), None, data)
    key = check_key(data["key"], kind.name)
    existing = kind.objects(lib).get(key)
    if "version" in data:
        _check_object_version(kind, existing, _int_version(data["version"]))
    elif header_version is None:
        raise ApiError(
            428,
            "Either If-Unmodified-Since-Version or 'version' property must be provided "
            "for 'key'-based writes",
        )
    return _finish(kind.build(schema, lib, data, existing, key, False), existing, data)


def _int_version(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Invalid version '{value}'") from None


def _check_object_version(kind: Kind, existing: Any, version: int) -> None:
    if existing is None:
        if version > 0:
            raise ApiError(
                404, f"{kind.label} doesn't exist (expected version {version}; use 0 instead)"
            )
        return
    if version == 0 or existing.version > version:
        raise ApiError(
            412,
            f"{kind.label} has been modified since specified version "
            f"(expected {version}, found {existing.version})",
        )


def _finish(new: Any, existing: Any, data: dict[str, Any]) -> tuple[Any, bool]:
    """(object to store, changed?) — the modification time moves only on a real change."""
    if existing is not None and new.content() == existing.content():
        return existing, False
    client_stamp = "dateModified" in data and (
        existing is None or new.date_modified != existing.date_modified
    )
    if not client_stamp:
        new.date_modified = now_iso()
    return new, True


# ---------------------------------------------------------------------- single-object PUT / PATCH


def write_single(
    schema: Schema,
    lib: Library,
    kind: Kind,
    key: str,
    body: Any,
    header_version: int | None,
    *,
    replace: bool,
) -> int:
    """``PUT``/``PATCH {P}/items/K``; returns the ``Last-Modified-Version`` to report."""
    if not isinstance(body, dict):
        raise ApiError(400, "Uploaded data must be a JSON object")
    data = unwrap(body)
    if "key" in data and data["key"] != key:
        raise ApiError(409, f"'key' property in JSON does not match {kind.name} key of request")
    json_version = _int_version(data["version"]) if "version" in data else None
    if header_version is not None and json_version is not None and header_version != json_version:
        raise ApiError(
            400,
            "If-Unmodified-Since-Version value does not match JSON 'version' property "
            f"({header_version} != {json_version})",
        )
    given = header_version if header_version is not None else json_version
    existing = kind.objects(lib).get(key)
    _check_single_precondition(kind, existing, given, replace)
    new, changed = _finish(kind.build(schema, lib, data, existing, key, replace), existing, data)
    original = lib.version
    version = lib.bump()
    if not changed:
        return original
    new.version = version
    kind.store(lib, new)
    return version


def _check_single_precondition(kind: Kind, existing: Any, given: int | None, replace: bool) -> None:
    if existing is not None:
        if given is None:
            raise ApiError(
                428,
                "Either If-Unmodified-Since-Version or object version property must be "
                "provided for key-based writes",
            )
        if given == 0 or existing.version > given:
            raise ApiError(
                412,
                f"{kind.label} has been modified since specified version "
                f"(expected {given}, found {existing.version})",
                headers=[("Last-Modified-Version", str(existing.version))],
            )
        return
    if given is None and not replace:
        raise ApiError(
            404,
            f"{kind.label} not found (to create, use If-Unmodified-Since-Version: 0, "
            "JSON 'version' 0, or PUT method)",
        )
    if given is not None and given > 0:
        raise ApiError(412, f"{kind.label} not found (expected version {given})")


# ---------------------------------------------------------------------- deletes

DELETE_PRECONDITION = "If-Unmodified-Since-Version must be provided for delete requests"


def delete_single(lib: Library, kind: Kind, key: str, header_version: int | None) -> int:
    if header_version is None:
        raise ApiError(428, DELETE_PRECONDITION)
    existing = kind.objects(lib).get(key)
    if existing is None:
        raise ApiError(404, f"{kind.label} not found")
    if existing.version > header_version:
        raise ApiError(
            412,
            f"{kind.label} has been modified since specified version "
            f"(expected {header_version}, found {existing.version})",
            headers=[("Last-Modified-Version", str(existing.version))],
        )
    version = lib.bump()
    _deleter(lib, kind)(key, version)
    return version


def delete_many(
    lib: Library, kind: Kind, keys: list[str], header_version: int | None, *, strict: bool
) -> int:
    """``DELETE {P}/items?itemKey=…``: unknown keys are ignored; the header is checked against the library."""
    if header_version is None and strict:
        raise ApiError(428, DELETE_PRECONDITION)
    check_library_version(lib, header_version)
    version = lib.bump()
    for key in keys:
        if key in kind.objects(lib):
            _deleter(lib, kind)(key, version)
    return version


def _deleter(lib: Library, kind: Kind) -> Callable[[str, int], None]:
    return lib.delete_item if kind.name == "item" else lib.delete_collection


def delete_tags(lib: Library, names: list[str], header_version: int | None) -> int:
    """``DELETE {P}/tags?tag=a || b``: strip the tags from every item (each touched item gets the new version)."""
    if header_version is None:
        raise ApiError(428, "If-Unmodified-Since-Version not provided")
    check_library_version(lib, header_version)
    version = lib.bump()
    wanted = {n.lower() for n in names}
    for item in lib.items.values():
        kept = [t for t in item.tags if t["tag"].lower() not in wanted]
        if len(kept) != len(item.tags):
            item.tags, item.version, item.date_modified = kept, version, now_iso()
    for name in names:
        lib.deleted["tags"][name] = version
    return version
