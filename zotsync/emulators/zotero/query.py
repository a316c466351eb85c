"""Read parameters of multi-object requests: filters, sorting, pagination and ``Link`` headers.

Works on plain lists of stored objects; the app decides which objects a path
selects (``/items/top``, ``/collections/K/items`` …) and renders the page.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from zotsync.emulators.zotero.errors import ApiError
from zotsync.emulators.zotero.keys import is_valid_key
from zotsync.emulators.zotero.render import creator_summary, parsed_date
from zotsync.emulators.zotero.schema import Schema
from zotsync.emulators.zotero.store import Item

FORMATS = ("json", "keys", "versions")
DEFAULT_LIMIT, MAX_LIMIT = 25, 100
ITEM_SORTS = (
    "dateAdded",
    "dateModified",
    "title",
    "creator",
    "itemType",
    "date",
    "publisher",
    "publicationTitle",
    "journalAbbreviation",
    "language",
    "accessDate",
    "libraryCatalog",
    "callNumber",
    "rights",
    "addedBy",
    "extra",
    "serverDateModified",
    "itemKeyList",
    "collectionKeyList",
)
OMIT_FROM_LINKS = {"format": "json", "locale": "en-US", "v": "3"}


Query = dict[str, list[str]]


def first(query: Query, name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def read_format(query: Query) -> str:
    fmt = first(query, "format") or "json"
    if fmt not in FORMATS:
        raise ApiError(400, f"Invalid 'format' value '{fmt}'")
    return fmt


def key_list(value: str | None) -> list[str] | None:
    """``itemKey=A,B,`` → valid keys only (a trailing comma and malformed keys are dropped)."""
    if value is None:
        return None
    return [k for k in (p.strip() for p in value.split(",")) if is_valid_key(k)]


# ---------------------------------------------------------------------- filters


def since(query: Query) -> int | None:
    value = first(query, "since")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise ApiError(400, "Invalid value for 'since' parameter")
    return int(value)


def filter_items(schema: Schema, items: list[Item], query: Query) -> list[Item]:
    """Apply ``since``, ``itemKey``, ``itemType``, ``tag`` and ``q``/``qmode``."""
    floor = since(query)
    if floor is not None:
        items = [i for i in items if i.version > floor]
    keys = key_list(first(query, "itemKey"))
    if keys is not None:
        items = [i for i in items if i.key in keys]
    if "itemType" in query:
        items = [i for i in items if _type_match(schema, query["itemType"], i.item_type)]
    for spec in query.get("tag", []):
        items = [i for i in items if tag_match(spec, [t["tag"] for t in i.tags])]
    if first(query, "q"):
        everything = _qmode(query) == "everything"
        items = [i for i in items if search_match(schema, first(query, "q") or "", i, everything)]
    return items


def _type_match(schema: Schema, values: list[str], item_type: str) -> bool:
    if len(values) > 1:
        raise ApiError(400, "Cannot specify 'itemType' more than once")
    spec = values[0]
    negate = spec.startswith("-")
    names = [n.strip() for n in spec.lstrip("-").split("||")]
    for name in names:
        if name not in schema.types:
            raise ApiError(400, f"Invalid itemType '{name}'")
    return (item_type not in names and item_type != "annotation") if negate else item_type in names


def tag_match(spec: str, tags: Sequence[str]) -> bool:
    """One ``tag=`` parameter: ``a || b`` is OR, a leading ``-`` negates, ``\\-`` is a literal hyphen."""
    negate = spec.startswith("-")
    body = spec[1:] if negate else spec
    wanted = {
        (n.strip()[1:] if n.strip().startswith("\\-") else n.strip()).lower()
        for n in body.split("||")
    }
    hit = any(t.lower() in wanted for t in tags)
    return not hit if negate else hit


def _qmode(query: Query) -> str:
    mode = first(query, "qmode") or "titleCreatorYear"
    if mode.lower() not in ("titlecreatoryear", "everything", "contains", "startswith"):
        raise ApiError(400, f"Invalid 'qmode' value '{mode}'")
    return mode.lower()


def _words(q: str) -> list[str]:
    try:
        return [w.lower() for w in shlex.split(q) if w]
    except ValueError:
        return [w.lower() for w in q.split() if w]


def note_title(note: str | None) -> str:
    """A note's title as Zotero shows it: the first line of its text."""
    text = re.sub(r"<[^>]+>", "\n", note or "")
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def search_match(schema: Schema, q: str, item: Item, everything: bool) -> bool:
    title_field = schema.types[item.item_type].title_field
    haystack = [item.fields.get(title_field or "title", ""), note_title(item.note)]
    haystack += [
        f"{c.get('firstName', '')} {c.get('lastName', '')} {c.get('name', '')}"
        for c in item.creators
    ]
    if everything:
        haystack += [*item.fields.values(), re.sub(r"<[^>]+>", " ", item.note or "")]
    text = "\n".join(haystack).lower()
    year = (parsed_date(item.fields.get("date", "")) or "")[:4]
    return all(word in text or word == year for word in _words(q))


# ---------------------------------------------------------------------- sorting


def sort_spec(query: Query, allowed: Sequence[str], default: str) -> tuple[str, str]:
    """``(sort, direction)`` from the query; ``sort=asc|desc`` is read as a direction."""
    sort = first(query, "sort") or default
    direction = first(query, "direction")
    if sort in ("asc", "desc"):
        sort, direction = default, sort
    if sort not in allowed:
        raise ApiError(400, f"Invalid 'sort' value '{sort}'")
    if direction is None:
        direction = "desc" if sort.startswith("date") else "asc"
    if direction not in ("asc", "desc"):
        raise ApiError(400, f"Invalid 'direction' value '{direction}'")
    return sort, direction


def sort_rows(
    rows: list[Any],
    query: Query,
    key_of: Callable[[Any, str], Any],
    allowed: Sequence[str],
    default: str,
) -> list[Any]:
    sort, direction = sort_spec(query, allowed, default)
    return sorted(rows, key=lambda r: key_of(r, sort), reverse=direction == "desc")


def item_sort_key(schema: Schema) -> Callable[[Item, str], Any]:
    def key(item: Item, sort: str) -> Any:
        if sort in ("dateAdded",):
            value: Any = item.date_added
        elif sort in ("dateModified", "serverDateModified"):
            value = item.date_modified
        elif sort == "title":
            field = schema.types[item.item_type].title_field
            value = (item.fields.get(field, "") if field else note_title(item.note)).lower()
        elif sort == "creator":
            value = (creator_summary(schema, item) or "").lower()
        elif sort == "itemType":
            value = item.item_type
        elif sort == "date":
            value = parsed_date(item.fields.get("date", "")) or ""
        else:
            value = item.fields.get(sort, "").lower()
        return (value, item.version, item.key)

    return key


# ---------------------------------------------------------------------- pagination


@dataclass(frozen=True)
class Window:
    start: int
    limit: int | None  # None = everything (keys/versions without limit)


def window(query: Query, fmt: str, forced_limit: bool = False) -> Window:
    start_text = first(query, "start") or "0"
    start = int(start_text) if start_text.isdigit() else 0
    raw = first(query, "limit")
    limit: int | None
    if raw is not None and raw.lstrip("-").isdigit() and int(raw) > 0:
        limit = min(int(raw), MAX_LIMIT)
    elif fmt in ("keys", "versions") and not forced_limit:
        limit = None
    else:
        limit = MAX_LIMIT if forced_limit else DEFAULT_LIMIT
    return Window(start, limit)


def page(rows: list[Any], win: Window) -> list[Any]:
    return rows[win.start :] if win.limit is None else rows[win.start : win.start + win.limit]


def link_header(base: str, path: str, query: Query, win: Window, total: int, web: str) -> str:
    """``Link`` with first/prev/next/last (only where they differ from self) and alternate."""
    parts: list[str] = []
    if win.limit is not None:
        limit = win.limit
        if "limit" in query:  # links carry the limit in force (e.g. 100 after clamping 500)
            query = {**query, "limit": [str(limit)]}
        last = max(total - (total % limit or limit), 0)
        if win.start != 0:
            parts.append(f'<{_url(base, path, query, 0)}>; rel="first"')
            parts.append(f'<{_url(base, path, query, max(win.start - limit, 0))}>; rel="prev"')
        if win.start + limit < total:
            parts.append(f'<{_url(base, path, query, win.start + limit)}>; rel="next"')
        if last != win.start:
            parts.append(f'<{_url(base, path, query, last)}>; rel="last"')
    parts.append(f'<{web}>; rel="alternate"')
    return ", ".join(parts)


def _url(base: str, path: str, query: Query, start: int) -> str:
    params: list[tuple[str, str]] = []
    for name in sorted(query):
        if name in ("start", "key"):
            continue
        for value in query[name]:
            if OMIT_FROM_LINKS.get(name) != value:
                params.append((name, value))
    if start:
        params.append(("start", str(start)))
    params.sort(key=lambda p: p[0])
    return f"{base}{path}" + (f"?{urlencode(params)}" if params else "")
