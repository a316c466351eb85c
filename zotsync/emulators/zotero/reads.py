"""Read routes: multi-object lists (json/keys/versions with paging headers), single objects, tags, /deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zotsync.emulators.core.http import Response
from zotsync.emulators.zotero import query as q
from zotsync.emulators.zotero.context import Ctx, compact_json, versioned
from zotsync.emulators.zotero.errors import ApiError
from zotsync.emulators.zotero.render import collection_json, item_json, tag_json, web_root
from zotsync.emulators.zotero.store import DELETED_KINDS, Collection, Item


def _listing(
    ctx: Ctx, rows: list[Any], render: Callable[[Any], Any], web: str, forced_limit: bool = False
) -> Response:
    """One page of ``rows`` in the requested format with Total-Results, Last-Modified-Version and Link."""
    fmt = q.read_format(ctx.query)
    if _not_modified(ctx):
        return Response(304, b"", [("Last-Modified-Version", str(ctx.lib.version))])
    win = q.window(ctx.query, fmt, forced_limit)
    shown = q.page(rows, win)
    if fmt == "keys":
        response = Response.text("".join(f"{r.key}\n" for r in shown), content_type="text/plain")
    elif fmt == "versions":
        response = Response.json({r.key: r.version for r in shown})
    else:
        response = compact_json([render(r) for r in shown])
    response.headers.append(("Total-Results", str(len(rows))))
    response.headers.append(
        ("Link", q.link_header(ctx.base, ctx.request.path, ctx.query, win, len(rows), web))
    )
    return versioned(response, ctx.lib.version)


def _not_modified(ctx: Ctx) -> bool:
    header = ctx.header("If-Modified-Since-Version")
    if header is None:
        return False
    if not header.strip().isdigit():
        raise ApiError(400, "Invalid If-Modified-Since-Version value")
    return ctx.lib.version <= int(header)


# ---------------------------------------------------------------------- items


def item_rows(ctx: Ctx, scope: str, anchor: str | None = None) -> list[Item]:
    """The items a path selects, before query filters: all/top/trash/children/collection[_top]."""
    lib = ctx.lib
    trashed = (q.first(ctx.query, "includeTrashed") or "0") not in ("0", "")
    rows = sorted_items(ctx)
    if scope == "trash":
        rows = [i for i in rows if i.deleted]
    elif not trashed and scope != "children":
        rows = [i for i in rows if not i.deleted]
    if scope in ("top", "collection_top"):
        rows = [i for i in rows if i.parent is None]
    if scope == "children":
        rows = [i for i in rows if i.parent == anchor]
    if scope in ("collection", "collection_top"):
        members = {i.key for i in lib.items_in(anchor or "")}
        rows = [
            i for i in rows if i.key in members or (scope == "collection" and i.parent in members)
        ]
    return rows


def sorted_items(ctx: Ctx) -> list[Item]:
    """Every item in the requested order, cached per library version (paging a 20,000-item library
    must not re-sort it for each page)."""
    lib = ctx.lib
    spec = q.sort_spec(ctx.query, q.ITEM_SORTS, "dateModified")
    stamp = (lib.version, len(lib.items), spec)
    cached = lib.__dict__.get("_sorted")
    if cached is None or cached[0] != stamp:
        key_of = q.item_sort_key(ctx.schema)
        rows = sorted(
            lib.items.values(), key=lambda i: key_of(i, spec[0]), reverse=spec[1] == "desc"
        )
        cached = (stamp, rows)
        lib.__dict__["_sorted"] = cached  # not a dataclass field: never persisted or compared
    return cached[1]


def list_items(ctx: Ctx, scope: str, anchor: str | None = None) -> Response:
    rows = q.filter_items(ctx.schema, item_rows(ctx, scope, anchor), ctx.query)
    forced = q.first(ctx.query, "itemKey") is not None
    return _listing(
        ctx,
        rows,
        lambda i: item_json(ctx.schema, ctx.lib, i, ctx.base),
        f"{web_root(ctx.lib)}/items",
        forced,
    )


def get_item(ctx: Ctx, key: str) -> Response:
    item = ctx.lib.items.get(key)
    if item is None:
        raise ApiError(404, "Item does not exist")
    return versioned(Response.json(item_json(ctx.schema, ctx.lib, item, ctx.base)), item.version)


def require_item(ctx: Ctx, key: str) -> Item:
    item = ctx.lib.items.get(key)
    if item is None:
        raise ApiError(404, "Item not found")
    return item


# ---------------------------------------------------------------------- collections


def _collection_sort_key(coll: Collection, sort: str) -> Any:
    value = coll.name.lower() if sort == "title" else coll.date_modified
    return (value, coll.version, coll.key)


def list_collections(ctx: Ctx, parent: str | None = None, top: bool = False) -> Response:
    rows = [c for c in ctx.lib.collections.values() if not c.deleted]
    if parent is not None:
        rows = [c for c in rows if c.parent == parent]
    elif top:
        rows = [c for c in rows if c.parent is None]
    floor = q.since(ctx.query)
    if floor is not None:
        rows = [c for c in rows if c.version > floor]
    keys = q.key_list(q.first(ctx.query, "collectionKey"))
    if keys is not None:
        rows = [c for c in rows if c.key in keys]
    rows = q.sort_rows(
        rows,
        ctx.query,
        _collection_sort_key,
        ("title", "dateModified", "dateAdded"),
        "dateModified",
    )
    return _listing(
        ctx,
        rows,
        lambda c: collection_json(ctx.lib, c, ctx.base),
        f"{web_root(ctx.lib)}/collections",
        keys is not None,
    )


def require_collection(ctx: Ctx, key: str) -> Collection:
    coll = ctx.lib.collections.get(key)
    if coll is None:
        raise ApiError(404, "Collection not found")
    return coll


def get_collection(ctx: Ctx, key: str) -> Response:
    coll = require_collection(ctx, key)
    return versioned(Response.json(collection_json(ctx.lib, coll, ctx.base)), coll.version)


# ---------------------------------------------------------------------- tags, deleted


def list_tags(ctx: Ctx, items: list[Item]) -> Response:
    """Tag objects for the tags on ``items`` — one per (name, type) — sorted by name."""
    counts: dict[tuple[str, int], int] = {}
    for item in items:
        for tag in item.tags:
            pair = (tag["tag"], int(tag.get("type", 0)))
            counts[pair] = counts.get(pair, 0) + 1
    rows = [_Tag(name, ttype, n) for (name, ttype), n in counts.items()]
    floor = q.since(ctx.query)
    if floor is not None:
        recent = {t["tag"] for i in items if i.version > floor for t in i.tags}
        rows = [r for r in rows if r.key in recent]
    rows.sort(key=lambda r: (r.key.lower(), r.type))
    render = lambda r: tag_json(ctx.lib, r.key, r.type, r.num_items, ctx.base)  # noqa: E731
    return _listing(ctx, rows, render, f"{web_root(ctx.lib)}/tags")


class _Tag:
    def __init__(self, name: str, tag_type: int, num_items: int):
        self.key, self.type, self.num_items, self.version = name, tag_type, num_items, 0


def deleted(ctx: Ctx) -> Response:
    if q.first(ctx.query, "since") in (None, ""):
        raise ApiError(400, "'since' parameter must be provided")
    floor = q.since(ctx.query) or 0
    out = {
        kind: [k for k, v in ctx.lib.deleted[kind].items() if v > floor] for kind in DELETED_KINDS
    }
    return versioned(Response.json(out), ctx.lib.version)
