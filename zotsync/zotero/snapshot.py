"""A local copy of the library's items and collections, kept fresh with ``since=`` versions.

The Web API cannot search by identifier, so to adopt an item the user already has
(instead of creating a duplicate) zotsync needs the whole library locally. The
first sync reads everything (``limit=100`` pages); later syncs ask only
``format=versions&since=<last version>`` and ``/deleted?since=…`` and fetch just
the objects whose version moved (``itemKey=`` batches of 50). The copy is cached
next to the sync state.

:class:`LibraryIndex` finds an existing item by arXiv id (``archiveID``, the
10.48550 DOI, the URL or ``extra``), by DOI, or by normalised title.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from zotsync.atomic import write_json_atomic
from zotsync.model import normalise_title

_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7})"
_ARXIV_PATTERNS = (
    re.compile(r"^arXiv:" + _ARXIV_ID, re.IGNORECASE),  # archiveID / extra line
    re.compile(r"10\.48550/arXiv\." + _ARXIV_ID, re.IGNORECASE),  # DOI
    re.compile(r"arxiv\.org/(?:abs|pdf|html)/" + _ARXIV_ID, re.IGNORECASE),  # url
    re.compile(r"(?m)^arXiv:\s*" + _ARXIV_ID, re.IGNORECASE),  # any extra line
)


def item_arxiv_id(data: Mapping[str, Any]) -> str | None:
    """The arXiv id an existing Zotero item names, wherever Zotero users keep it."""
    for name in ("archiveID", "DOI", "url", "extra"):
        value = data.get(name) or ""
        for pattern in _ARXIV_PATTERNS:
            m = pattern.search(value)
            if m:
                return m.group(1)
    return None


class LibraryReader(Protocol):
    """The reads a snapshot needs (implemented by :class:`zotsync.zotero.client.ZoteroClient`)."""

    def all_items(self) -> tuple[list[dict[str, Any]], int]: ...
    def all_collections(self) -> tuple[list[dict[str, Any]], int]: ...
    def item_versions(self, since: int) -> tuple[dict[str, int], int]: ...
    def collection_versions(self, since: int) -> tuple[dict[str, int], int]: ...
    def items_by_keys(self, keys: list[str]) -> list[dict[str, Any]]: ...
    def collections_by_keys(self, keys: list[str]) -> list[dict[str, Any]]: ...
    def deleted(self, since: int) -> dict[str, list[str]]: ...


@dataclass
class Snapshot:
    """Items (including notes) and collections by key: each value is the object's ``data``."""

    library_version: int = 0
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    collections: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = field(default=True, compare=False)  # differs from the cached copy on disk

    def live_item(self, key: str | None) -> dict[str, Any] | None:
        """The item's data unless it is missing or in the trash."""
        data = self.items.get(key) if key else None
        return data if data and not data.get("deleted") else None

    def live_collection(self, key: str | None) -> dict[str, Any] | None:
        data = self.collections.get(key) if key else None
        return data if data and not data.get("deleted") else None

    def children(self, parent_key: str) -> list[dict[str, Any]]:
        return [
            d
            for d in self.items.values()
            if d.get("parentItem") == parent_key and not d.get("deleted")
        ]

    def record(self, kind: str, objects: Iterable[Mapping[str, Any]]) -> None:
        """Store objects the server returned (full API objects or bare ``data``)."""
        table = self.items if kind != "collections" else self.collections
        for obj in objects:
            data = dict(obj.get("data", obj))
            table[data["key"]] = data
            self.changed = True

    def high_water(self) -> int:
        """The highest version this snapshot knows of: the library cannot be older than that."""
        versions = [
            int(d.get("version", 0))
            for table in (self.items, self.collections)
            for d in table.values()
        ]
        return max([self.library_version, *versions])

    def to_json(self) -> dict[str, Any]:
        return {
            "library_version": self.library_version,
            "items": self.items,
            "collections": self.collections,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        return cls(
            int(data["library_version"]),
            dict(data["items"]),
            dict(data["collections"]),
            changed=False,
        )


class LibraryIndex:
    """Find a live top-level item by arXiv id, DOI, or normalised title.

    Every index keeps all the items that share a value (in key order), so a library
    holding two copies of one title can give one to each paper that has that title;
    ``taken`` skips the items already given to another paper.
    """

    def __init__(self, snapshot: Snapshot):
        self.by_arxiv: dict[str, list[str]] = {}
        self.by_doi: dict[str, list[str]] = {}
        self.by_title: dict[str, list[str]] = {}
        self.arxiv_of: dict[str, str] = {}
        for key, data in sorted(snapshot.items.items()):
            if (
                data.get("deleted")
                or data.get("parentItem")
                or data.get("itemType") in ("note", "attachment", "annotation")
            ):
                continue
            aid = item_arxiv_id(data)
            if aid:
                self.by_arxiv.setdefault(aid.lower(), []).append(key)
                self.arxiv_of[key] = aid.lower()
            doi = (data.get("DOI") or "").strip().lower()
            if doi and not doi.startswith("10.48550/"):
                self.by_doi.setdefault(doi, []).append(key)
            title = normalise_title(data.get("title") or "")
            if title:
                self.by_title.setdefault(title, []).append(key)

    def find(
        self,
        *,
        arxiv_id: str | None = None,
        doi: str | None = None,
        title: str | None = None,
        taken: Collection[str] = (),
    ) -> str | None:
        """The first item not in ``taken`` with this arXiv id, else this DOI, else this title.

        A title match never returns an item that names another arXiv paper than ``arxiv_id``
        (two preprints can share a title; their ids tell them apart).
        """
        for keys in (
            self.by_arxiv.get(arxiv_id.lower(), []) if arxiv_id else [],
            self.by_doi.get(doi.lower(), []) if doi else [],
        ):
            free = [k for k in keys if k not in taken]
            if free:
                return free[0]
        if title:
            mine = arxiv_id.lower() if arxiv_id else None
            for key in self.by_title.get(normalise_title(title), []):
                if key not in taken and (mine is None or self.arxiv_of.get(key, mine) == mine):
                    return key
        return None


def refresh_snapshot(reader: LibraryReader, cached: Snapshot | None) -> Snapshot:
    """A current snapshot: a full read without a cache, else only what changed since it."""
    if cached is None:
        items, version = reader.all_items()
        collections, _ = reader.all_collections()
        snap = Snapshot(library_version=version)
        snap.record("items", items)
        snap.record("collections", collections)
        return snap
    snap = Snapshot(
        cached.library_version, dict(cached.items), dict(cached.collections), changed=False
    )
    item_versions, version = reader.item_versions(cached.library_version)
    if version < cached.high_water():  # the library was reset or replaced: the cache is worthless
        return refresh_snapshot(reader, None)
    coll_versions, _ = reader.collection_versions(cached.library_version)
    stale_items = sorted(
        k for k, v in item_versions.items() if snap.items.get(k, {}).get("version") != v
    )
    stale_colls = sorted(
        k for k, v in coll_versions.items() if snap.collections.get(k, {}).get("version") != v
    )
    if stale_items:
        snap.record("items", reader.items_by_keys(stale_items))
    if stale_colls:
        snap.record("collections", reader.collections_by_keys(stale_colls))
    if version > cached.library_version:
        gone = reader.deleted(cached.library_version)
        for key in gone.get("items", []):
            snap.changed |= snap.items.pop(key, None) is not None
        for key in gone.get("collections", []):
            snap.changed |= snap.collections.pop(key, None) is not None
    snap.changed = snap.changed or version != cached.library_version
    snap.library_version = version
    return snap


def load_snapshot(path: Path) -> Snapshot | None:
    """The cached snapshot, or None when there is none (or it is unreadable: then re-read all)."""
    try:
        return Snapshot.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_snapshot(path: Path, snapshot: Snapshot) -> None:
    """Cache the snapshot (only when it differs from the cached copy)."""
    if snapshot.changed:
        write_json_atomic(path, snapshot.to_json(), compact=True)
        snapshot.changed = False
