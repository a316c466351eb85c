"""Schema-generated endpoints that need no library: ``/itemTypes``, ``/itemFields``, ``/items/new`` …

They never answer 304 (the real server ignores ``If-Modified-Since`` here), so
pyzotero's one-hour template revalidation, which drops ``itemType``, meets the
real server's 400 — pyzotero bug §2.6-6, reproduced on purpose.
"""

from __future__ import annotations

import json

from zotsync.emulators.core.http import Request, Response
from zotsync.emulators.zotero.errors import ApiError
from zotsync.emulators.zotero.schema import LINK_MODES, ItemType, Schema

PATHS = (
    "/itemTypes",
    "/itemFields",
    "/itemTypeFields",
    "/itemTypeCreatorTypes",
    "/creatorFields",
    "/items/new",
    "/schema",
)


def route(schema: Schema, path: str, request: Request) -> Response | None:
    """The response for a mapping path, or None when ``path`` is not one."""
    if path not in PATHS:
        return None
    if request.method not in ("GET", "HEAD"):
        raise ApiError(405, "Method not allowed", headers=[("Allow", "HEAD, GET")])
    if path == "/itemTypes":
        return Response.json(schema.item_types_listing())
    if path == "/itemFields":
        return Response.json(schema.item_fields_listing())
    if path == "/creatorFields":
        return Response.json(schema.creator_fields_listing())
    if path == "/schema":
        return Response(
            200,
            json.dumps(schema.raw, ensure_ascii=False).encode(),
            [("Content-Type", "application/json")],
        )
    item_type = _requested_type(schema, request)
    if path == "/itemTypeFields":
        return Response.json(schema.type_fields_listing(item_type))
    if path == "/itemTypeCreatorTypes":
        return Response.json(schema.creator_types_listing(item_type))
    return Response.json(_template(schema, item_type, request))


def _requested_type(schema: Schema, request: Request) -> ItemType:
    name = request.arg("itemType")
    if not name:
        raise ApiError(400, "'itemType' not provided")
    item_type = schema.item_type(name)
    if item_type is None or name == "annotation":
        raise ApiError(400, f"Invalid item type '{name}'")
    return item_type


def _template(schema: Schema, item_type: ItemType, request: Request) -> dict:
    link_mode = request.arg("linkMode")
    if item_type.name == "attachment":
        if not link_mode:
            raise ApiError(400, "linkMode required for itemType=attachment")
        if link_mode not in LINK_MODES:
            raise ApiError(400, f"Invalid linkMode '{link_mode}'")
    return schema.template(item_type, link_mode)
