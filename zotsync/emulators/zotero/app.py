"""The Zotero Web API v3 wire format: auth, routing, headers — on top of the rules in the sibling modules.

Mounted at the URL root (pyzotero re-joins ``Link`` paths onto its endpoint).
Every response carries ``Zotero-API-Version: 3`` and ``Zotero-Schema-Version``;
errors are plain text with the dataserver's message, HTML-escaped.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zotsync.emulators.core.http import Request, Response
from zotsync.emulators.zotero import mappings, reads, writes
from zotsync.emulators.zotero.context import Ctx, compact_json, no_content, versioned
from zotsync.emulators.zotero.errors import ApiError, escape
from zotsync.emulators.zotero.files import UPLOAD_PATH, FileStore
from zotsync.emulators.zotero.keys import is_valid_key
from zotsync.emulators.zotero.render import collection_json, group_json, item_json, key_json
from zotsync.emulators.zotero.schema import Schema, load_schema
from zotsync.emulators.zotero.store import Library, load_libraries, now_iso, save_libraries

_BEARER = re.compile(r"^bearer +([a-z0-9]+)$", re.I)
_LIBRARY = re.compile(r"^/(users|groups)/([^/]+)(/.*)?$")
READ_METHODS = ("GET", "HEAD")


@dataclass
class Settings:
    """How the emulated account looks; set from the command line or a test."""

    api_key: str = "zotsyncemulatorkey000000"
    user_id: int = 1
    username: str = "testuser"
    group_ids: tuple[int, ...] = ()
    read_only: bool = False
    notes: bool = True  # False: a key without notes access (note reads hidden, note writes refused)
    group_names: dict[int, str] | None = None  # group id -> name (default "group<ID>")
    group_read_only: tuple[int, ...] = ()  # groups the key may read but not write
    state: Path | None = None
    strict_multi_delete: bool = True  # docs: 428 without a header; current server code allows it
    bump_per_object: bool = True  # dataserver since 2026-03; False = one bump per request
    schema_path: str | None = None
    storage_quota: int | None = None  # file storage bytes per library (None: unlimited)


class ZoteroApp:
    """An emulated api.zotero.org for one user (and optional groups); thread-safe."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.schema: Schema = load_schema(settings.schema_path)
        self._lock = threading.RLock()
        self.libraries: dict[tuple[str, int], Library] = {}
        self.files = FileStore(settings.storage_quota)
        self.reset(load_state=True)

    # ------------------------------------------------------------------ state

    def _fresh_libraries(self) -> list[Library]:
        s = self.settings
        libs = [Library("user", s.user_id, s.username, s.username)]
        names = s.group_names or {}
        libs += [
            Library("group", gid, names.get(gid, f"group{gid}"), str(gid)) for gid in s.group_ids
        ]
        return libs

    def reset(self, load_state: bool = False) -> None:
        """Back to the state file (on start) or to empty libraries (control-plane reset)."""
        with self._lock:
            libs = self._fresh_libraries()
            if load_state and self.settings.state is not None:
                saved = {(lib.type, lib.id): lib for lib in load_libraries(self.settings.state)}
                libs = [saved.get((lib.type, lib.id), lib) for lib in libs]
            self.libraries = {(lib.type, lib.id): lib for lib in libs}
            self.files.reset()
            if not load_state:
                self._save()

    def library(self, kind: str = "user", lib_id: int | None = None) -> Library:
        return self.libraries[(kind, self.settings.user_id if lib_id is None else lib_id)]

    def _save(self) -> None:
        if self.settings.state is not None:
            save_libraries(self.settings.state, list(self.libraries.values()))

    def concurrent_bump(self, request: Request) -> None:
        """Another client wrote: bump the library version and the addressed object's, if any."""
        with self._lock:
            match = _LIBRARY.match(request.path)
            if not match or not match.group(2).isdigit():
                return
            lib = self.libraries.get((match.group(1)[:-1], int(match.group(2))))
            if lib is None:
                return
            version = lib.bump()
            parts = (match.group(3) or "").strip("/").split("/")
            target = _touched_object(lib, parts, request)
            if target is not None:
                target.version, target.date_modified = version, now_iso()
            self._save()

    # ------------------------------------------------------------------ entry point

    def handle(self, request: Request) -> Response:
        with self._lock:
            try:
                response = self._route(request)
            except ApiError as err:
                response = Response.text(
                    escape(err.message), status=err.status, headers=list(err.headers)
                )
            if request.method not in READ_METHODS and response.status < 300:
                self._save()
        response.headers += [
            ("Zotero-API-Version", "3"),
            ("Zotero-Schema-Version", str(self.schema.version)),
        ]
        return response

    def _route(self, request: Request) -> Response:
        api_key = self._authenticate(request)
        _check_api_version(request)
        base = f"http://{request.headers.get('Host') or '127.0.0.1'}"
        path = request.path.rstrip("/") or "/"
        if path == "/":
            return Response.text("")
        if path.startswith(UPLOAD_PATH) and request.method == "POST":
            return self.files.receive(path[len(UPLOAD_PATH) :], request)
        if path.startswith("/keys/"):
            return self._key_info(path[len("/keys/") :], api_key, request)
        mapping = mappings.route(self.schema, path, request)
        if mapping is not None:
            return mapping
        match = _LIBRARY.match(path)
        if match is None:
            raise ApiError(404, "Not found")
        if match.group(3) == "/groups" and match.group(1) == "users":
            return self._groups(match.group(2), api_key, base)
        lib = self._library_for(match.group(1), match.group(2), api_key, request.method)
        ctx = Ctx(request, self.schema, lib, base, api_key)
        return self._library_route(ctx, (match.group(3) or "").strip("/").split("/"))

    # ------------------------------------------------------------------ auth

    def _authenticate(self, request: Request) -> str | None:
        key = request.headers.get("Zotero-API-Key")
        auth = request.headers.get("Authorization")
        if auth is not None:
            bearer = _BEARER.match(auth.strip())
            if bearer is None:
                raise ApiError(400, "Invalid Authorization header format")
            key = bearer.group(1)
        key = key or request.arg("key")
        if key is not None and key != self.settings.api_key:
            raise ApiError(403, "Invalid key")
        return key

    def _library_for(self, kind: str, raw_id: str, api_key: str | None, method: str) -> Library:
        if not raw_id.isdigit():
            raise ApiError(400, f"Invalid {kind[:-1]} ID")
        lib = self.libraries.get((kind[:-1], int(raw_id)))
        if lib is None:
            raise ApiError(404, "Not found")
        if api_key is None:
            raise ApiError(403, "Forbidden")
        if method not in READ_METHODS and not self._may_write(lib):
            raise ApiError(403, "Write access denied")
        return lib

    def _may_write(self, lib: Library) -> bool:
        s = self.settings
        return not s.read_only and not (lib.type == "group" and lib.id in s.group_read_only)

    def _groups_access(self) -> dict[str, dict[str, bool]] | None:
        """``access.groups`` of the key: ``all`` unless some group is read-only for it."""
        s = self.settings
        if not s.group_read_only:
            return None
        return {
            str(gid): {"library": True, "write": not s.read_only and gid not in s.group_read_only}
            for gid in s.group_ids
        }

    def _key_info(self, which: str, api_key: str | None, request: Request) -> Response:
        if request.method not in READ_METHODS:
            raise ApiError(405, "Method not allowed", headers=[("Allow", "GET")])
        if which == "current":
            if api_key is None:
                raise ApiError(403, "Forbidden")
        elif which != self.settings.api_key:
            raise ApiError(404, "Key not found")
        s = self.settings
        return Response.json(
            key_json(
                s.api_key,
                s.user_id,
                s.username,
                not s.read_only,
                notes=s.notes,
                groups=self._groups_access(),
            )
        )

    def _groups(self, raw_id: str, api_key: str | None, base: str) -> Response:
        if not raw_id.isdigit() or int(raw_id) != self.settings.user_id:
            raise ApiError(404, "Not found")
        groups = [lib for lib in self.libraries.values() if lib.type == "group"]
        rows = [group_json(g, self.settings.user_id, base) for g in groups]
        return Response.json(rows, headers=[("Total-Results", str(len(rows)))])

    # ------------------------------------------------------------------ library routes

    def _library_route(self, ctx: Ctx, parts: list[str]) -> Response:
        head, rest = parts[0], parts[1:]
        routes: dict[str, Callable[[Ctx, list[str]], Response]] = {
            "items": self._items_route,
            "collections": self._collections_route,
            "tags": self._tags_route,
            "deleted": _simple_get(reads.deleted),
            "searches": _simple_get(lambda c: _empty(c, [])),
            "settings": _simple_get(lambda c: _empty(c, {})),
        }
        if head not in routes:
            raise ApiError(404, "Not found")
        return routes[head](ctx, rest)

    def _items_route(self, ctx: Ctx, rest: list[str]) -> Response:
        method = ctx.request.method
        if method not in READ_METHODS and not self.settings.notes:
            _refuse_note_writes(ctx, rest)
        if not rest or rest[0] in ("top", "trash") and len(rest) == 1:
            scope = rest[0] if rest else "all"
            if method in READ_METHODS:
                return reads.list_items(ctx, scope)
            if scope == "all" and method == "POST":
                return self._post_many(ctx, writes.ITEMS)
            if scope == "all" and method == "DELETE":
                keys = [k for k in (ctx.request.arg("itemKey") or "").split(",") if k]
                return no_content(
                    writes.delete_many(
                        ctx.lib,
                        writes.ITEMS,
                        keys,
                        _isuv(ctx),
                        strict=self.settings.strict_multi_delete,
                    )
                )
            return _not_allowed("HEAD, GET, POST, DELETE" if scope == "all" else "HEAD, GET")
        key = rest[0]
        if not is_valid_key(key):
            raise ApiError(
                404, "Item not found" if method not in READ_METHODS else "Item does not exist"
            )
        if len(rest) == 1:
            return self._single(ctx, writes.ITEMS, key, reads.get_item)
        if rest[1:] == ["children"] and method in READ_METHODS:
            reads.require_item(ctx, key)
            return reads.list_items(ctx, "children", key)
        if rest[1:] == ["tags"] and method in READ_METHODS:
            return reads.list_tags(ctx, [reads.require_item(ctx, key)])
        if rest[1:] == ["file"]:
            if method in READ_METHODS:
                return self.files.download(ctx.lib, key)
            if method == "POST":
                return self.files.post(ctx.lib, key, ctx.request, ctx.base)
            return _not_allowed("HEAD, GET, POST")
        raise ApiError(404, "Not found")

    def _collections_route(self, ctx: Ctx, rest: list[str]) -> Response:
        method = ctx.request.method
        if not rest or rest == ["top"]:
            if method in READ_METHODS:
                return reads.list_collections(ctx, top=bool(rest))
            if not rest and method == "POST":
                return self._post_many(ctx, writes.COLLECTIONS)
            if not rest and method == "DELETE":
                keys = [k for k in (ctx.request.arg("collectionKey") or "").split(",") if k]
                return no_content(
                    writes.delete_many(
                        ctx.lib,
                        writes.COLLECTIONS,
                        keys,
                        _isuv(ctx),
                        strict=self.settings.strict_multi_delete,
                    )
                )
            return _not_allowed("HEAD, GET, POST, DELETE" if not rest else "HEAD, GET")
        key = rest[0]
        if len(rest) == 1:
            return self._single(ctx, writes.COLLECTIONS, key, reads.get_collection)
        if method not in READ_METHODS:
            return _not_allowed("HEAD, GET")
        reads.require_collection(ctx, key)
        if rest[1:] == ["collections"]:
            return reads.list_collections(ctx, parent=key)
        if rest[1:] in (["items"], ["items", "top"]):
            return reads.list_items(ctx, "collection_top" if len(rest) == 3 else "collection", key)
        if rest[1:] == ["tags"]:
            return reads.list_tags(ctx, reads.item_rows(ctx, "collection", key))
        raise ApiError(404, "Not found")

    def _tags_route(self, ctx: Ctx, rest: list[str]) -> Response:
        method = ctx.request.method
        if rest:
            names = [rest[0]]
            items = [
                i for i in reads.item_rows(ctx, "all") if any(t["tag"] in names for t in i.tags)
            ]
            return reads.list_tags(ctx, items)
        if method in READ_METHODS:
            return reads.list_tags(ctx, reads.item_rows(ctx, "all"))
        if method == "DELETE":
            names = [
                n.strip()
                for spec in ctx.query.get("tag", [])
                for n in spec.split("||")
                if n.strip()
            ]
            return no_content(writes.delete_tags(ctx.lib, names, _isuv(ctx)))
        return _not_allowed("HEAD, GET, DELETE")

    def _single(
        self, ctx: Ctx, kind: writes.Kind, key: str, getter: Callable[[Ctx, str], Response]
    ) -> Response:
        method = ctx.request.method
        if method in READ_METHODS:
            return getter(ctx, key)
        if method in ("PUT", "PATCH"):
            version = writes.write_single(
                ctx.schema, ctx.lib, kind, key, ctx.body(), _isuv(ctx), replace=method == "PUT"
            )
            return no_content(version)
        if method == "DELETE":
            return no_content(writes.delete_single(ctx.lib, kind, key, _isuv(ctx)))
        return _not_allowed("HEAD, GET, PUT, PATCH, DELETE")

    def _post_many(self, ctx: Ctx, kind: writes.Kind) -> Response:
        token = ctx.header("Zotero-Write-Token")
        now = time.time()
        writes.check_write_token(ctx.lib, ctx.api_key, token, now)
        report = writes.write_many(
            ctx.schema,
            ctx.lib,
            kind,
            ctx.body(),
            _isuv(ctx),
            bump_per_object=self.settings.bump_per_object,
        )
        if token is not None and ctx.api_key is not None:
            ctx.lib.use_write_token(ctx.api_key, token, now)
        render = (
            (lambda o: item_json(ctx.schema, ctx.lib, o, ctx.base))
            if kind.name == "item"
            else (lambda o: collection_json(ctx.lib, o, ctx.base))
        )
        body = {
            "successful": {i: render(o) for i, o in report.successful.items()},
            "success": {i: o.key for i, o in report.successful.items()},
            "unchanged": report.unchanged,
            "failed": {i: {**f, "message": escape(f["message"])} for i, f in report.failed.items()},
        }
        return versioned(compact_json(body), ctx.lib.version)


# ---------------------------------------------------------------------- helpers


def _refuse_note_writes(ctx: Ctx, rest: list[str]) -> None:
    """A key without notes access may not create or change notes (403)."""
    if rest and rest[0] in ctx.lib.items:
        touched = [ctx.lib.items[rest[0]].item_type]
    else:
        try:
            body = ctx.body()
        except ApiError:
            return
        rows = body if isinstance(body, list) else [body]
        touched = [r.get("itemType") for r in rows if isinstance(r, dict)]
    if "note" in touched:
        raise ApiError(403, "Forbidden")


def _isuv(ctx: Ctx) -> int | None:
    return writes.parse_version_header(ctx.header("If-Unmodified-Since-Version"))


def _check_api_version(request: Request) -> None:
    header, param = request.headers.get("Zotero-API-Version"), request.arg("v")
    if header is not None and param is not None and header.strip() != param.strip():
        raise ApiError(400, "Zotero-API-Version header does not match 'v' query parameter")


def _not_allowed(allow: str) -> Response:
    raise ApiError(405, "Method not allowed", headers=[("Allow", allow)])


def _simple_get(handler: Callable[[Ctx], Response]) -> Callable[[Ctx, list[str]], Response]:
    def route(ctx: Ctx, rest: list[str]) -> Response:
        if rest:
            raise ApiError(404, "Not found")
        if ctx.request.method not in READ_METHODS:
            return _not_allowed("HEAD, GET")
        return handler(ctx)

    return route


def _empty(ctx: Ctx, value: object) -> Response:
    return versioned(Response.json(value), ctx.lib.version)


def _touched_object(lib: Library, parts: list[str], request: Request):
    """The object a write addresses: ``items/K``, ``collections/K``, or the first existing key in a POST body."""
    if len(parts) >= 2 and parts[0] in ("items", "collections"):
        store = lib.items if parts[0] == "items" else lib.collections
        return store.get(parts[1])
    if len(parts) == 1 and parts[0] in ("items", "collections") and request.method == "POST":
        store = lib.items if parts[0] == "items" else lib.collections
        try:
            body = request.json()
        except ValueError:
            return None
        for obj in body if isinstance(body, list) else []:
            if isinstance(obj, dict) and obj.get("key") in store:
                return store[obj["key"]]
    return None
