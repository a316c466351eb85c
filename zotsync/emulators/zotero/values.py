"""Validation of the small value types inside an item: creators, tags, dates, notes.

Each function takes the client's JSON value and returns the stored form or
raises :class:`ApiError` with the real server's status and message.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from zotsync.emulators.zotero.errors import ApiError
from zotsync.emulators.zotero.schema import ItemType, Schema

MAX_TAG_LENGTH = 255
MAX_NOTE_LENGTH = 500_000
MAX_FIELD_BYTES = 65_535

_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$")
_SQL = re.compile(r"^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}:\d{2}))?$")


def creators(
    schema: Schema, item_type: ItemType, value: Any, *, new_item: bool
) -> list[dict[str, str]]:
    """The creators list; a lone empty creator (the template's) on a new item is dropped."""
    if not isinstance(value, list):
        raise ApiError(400, "'creators' property must be an array")
    if new_item and len(value) == 1 and _is_blank_creator(value[0]):
        return []
    return [_creator(schema, item_type, c) for c in value]


def _is_blank_creator(creator: Any) -> bool:
    return isinstance(creator, dict) and not any(
        str(creator.get(f) or "").strip() for f in ("firstName", "lastName", "name")
    )


def _creator(schema: Schema, item_type: ItemType, creator: Any) -> dict[str, str]:
    if not isinstance(creator, dict):
        raise ApiError(400, "creator object must contain 'creatorType'")
    for prop in creator:
        if prop not in ("creatorType", "firstName", "lastName", "name"):
            raise ApiError(400, f"Invalid creator property '{prop}'")
    ctype = creator.get("creatorType")
    if not ctype:
        raise ApiError(400, "creator object must contain 'creatorType'")
    if ctype not in schema.all_creator_types:
        raise ApiError(400, f"'{ctype}' is not a valid creator type")
    if ctype not in item_type.creator_types and ctype != "author":
        raise ApiError(
            400, f"'{ctype}' is not a valid creator type for item type '{item_type.name}'"
        )
    first, last, name = (
        str(creator.get(f) or "").strip() for f in ("firstName", "lastName", "name")
    )
    if "name" in creator and ("firstName" in creator or "lastName" in creator):
        raise ApiError(400, "'firstName' and 'name' creator fields are mutually exclusive")
    if name:
        return {"creatorType": ctype, "name": name}
    if first and not last:
        raise ApiError(400, "'lastName' creator field must be set if 'firstName' is set")
    if not last:
        raise ApiError(400, "creator object must contain 'firstName'/'lastName' or 'name'")
    return {"creatorType": ctype, "firstName": first, "lastName": last}


def tags(value: Any) -> list[dict[str, Any]]:
    """Tag objects ``{tag, type?}`` (type 0 is omitted), de-duplicated, blank names dropped."""
    if not isinstance(value, list):
        raise ApiError(400, "'tags' property must be an array")
    out: list[dict[str, Any]] = []
    for tag in value:
        if not isinstance(tag, dict):
            raise ApiError(400, "Tag must be an object")
        for prop in tag:
            if prop not in ("tag", "type"):
                raise ApiError(400, f"Invalid tag property '{prop}'")
        if "tag" not in tag:
            raise ApiError(400, "Tag object is empty")
        name = str(tag["tag"]).strip()
        ttype = tag.get("type", 0)
        if ttype not in (0, 1, "0", "1"):
            raise ApiError(400, f"Invalid tag type '{ttype}'")
        if len(name) > MAX_TAG_LENGTH:
            raise ApiError(413, f"Tag '{name[:50]}…' too long", {"tag": name})
        entry = {"tag": name, "type": 1} if int(ttype) == 1 else {"tag": name}
        if name and entry not in out:
            out.append(entry)
    return out


def timestamp(prop: str, value: Any) -> str:
    """``dateAdded``/``dateModified``/``accessDate``: ISO 8601, ``YYYY-MM-DD[ hh:mm:ss]`` or CURRENT_TIMESTAMP."""
    text = str(value).strip()
    if text == "CURRENT_TIMESTAMP":
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    iso = _ISO.match(text)
    if iso:
        offset = iso.group(3).replace("Z", "+00:00")
        if ":" not in offset:
            offset = offset[:3] + ":" + offset[3:]
        moment = datetime.fromisoformat(f"{iso.group(1)}T{iso.group(2)}{offset}")
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sql = _SQL.match(text)
    if sql:
        return f"{sql.group(1)}T{sql.group(2) or '00:00:00'}Z"
    raise ApiError(
        400,
        f"'{prop}' must be in ISO 8601 or UTC 'YYYY-MM-DD[ hh:mm:ss]' format "
        f"or 'CURRENT_TIMESTAMP' ({text})",
    )


_SCRIPT = re.compile(r"<(script|style|iframe|object|embed)\b.*?</\1\s*>", re.I | re.S)
_HANDLER = re.compile(r"""\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_JS_URL = re.compile(r"""(href|src)\s*=\s*(["'])\s*javascript:[^"']*\2""", re.I)


def note(value: Any) -> str:
    """The note HTML after a (small) sanitizer: scripts, event handlers and javascript: URLs removed.

    The real server runs HTMLPurifier; safe markup (p, a href, lists, CJK text)
    passes through unchanged, which is what a sync tool relies on.
    """
    text = "" if value is None else str(value)
    if len(text) > MAX_NOTE_LENGTH:
        raise ApiError(413, f"Note '{text[:79]}...' too long")
    text = _SCRIPT.sub("", text)
    text = _HANDLER.sub("", text)
    return _JS_URL.sub(r"\1=\2\2", text)


def field_value(schema: Schema, field: str, value: Any, owner: str | None) -> str:
    """A field's stored string: trimmed; arrays refused; at most 65535 bytes."""
    if isinstance(value, (list, dict)):
        raise ApiError(400, f"Unexpected array for property '{field}'")
    text = "" if value is None or value is False else str(value).strip()
    if len(text.encode("utf-8")) > MAX_FIELD_BYTES:
        where = f" for item '{owner}'" if owner else ""
        raise ApiError(
            413,
            f"{schema.field_label(field)} field value '{text[:50]}…' too long{where}",
            {"field": field, "value": text},
        )
    if field == "accessDate" and text:
        return timestamp(field, text)
    return text
