"""The emulated libraries: items, collections, versions, trash and the deletion log.

Pure state with small mutators; no HTTP and no validation here (see
``validate.py`` and ``writes.py``). Everything round-trips through JSON so a
``--state FILE`` can be saved atomically and reloaded on the next start.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

DELETED_KINDS = ("collections", "searches", "items", "tags", "settings")
WRITE_TOKEN_TTL = 12 * 3600


def now_iso() -> str:
    """The server clock as Zotero prints it: ``YYYY-MM-DDTHH:MM:SSZ`` (UTC)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass
class Item:
    """One item as stored: only set fields are kept; rendering fills in the empty ones."""

    key: str
    version: int
    item_type: str
    fields: dict[str, str] = field(default_factory=dict)
    creators: list[dict[str, str]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    relations: dict[str, Any] = field(default_factory=dict)
    parent: str | None = None
    note: str | None = None
    attachment: dict[str, Any] = field(default_factory=dict)  # linkMode, contentType, charset, ...
    deleted: bool = False
    in_publications: bool = False
    date_added: str = ""
    date_modified: str = ""

    def content(self) -> dict[str, Any]:
        """What a write can change; equal content means an upload is ``unchanged``."""
        out = asdict(self)
        for name in ("key", "version", "date_added", "date_modified"):
            out.pop(name)
        return out

    def copy(self) -> Item:
        return Item(**json.loads(json.dumps(asdict(self))))


@dataclass
class Collection:
    key: str
    version: int
    name: str
    parent: str | None = None
    relations: dict[str, Any] = field(default_factory=dict)
    deleted: bool = False
    date_modified: str = ""

    def content(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "parent": self.parent,
            "relations": self.relations,
            "deleted": self.deleted,
        }

    def copy(self) -> Collection:
        return replace(self, relations=json.loads(json.dumps(self.relations)))


@dataclass
class Library:
    """One user or group library with its version counter."""

    type: str  # "user" | "group"
    id: int
    name: str
    slug: str
    version: int = 0
    items: dict[str, Item] = field(default_factory=dict)
    collections: dict[str, Collection] = field(default_factory=dict)
    deleted: dict[str, dict[str, int]] = field(
        default_factory=lambda: {k: {} for k in DELETED_KINDS}
    )
    write_tokens: dict[str, float] = field(default_factory=dict)

    # ------------------------------------------------------------------ versions

    def bump(self) -> int:
        self.version += 1
        return self.version

    # ------------------------------------------------------------------ relations between objects

    def children(self, key: str) -> list[Item]:
        return [i for i in self.items.values() if i.parent == key]

    def subcollections(self, key: str | None) -> list[Collection]:
        return [c for c in self.collections.values() if c.parent == key]

    def descendants(self, key: str) -> Iterator[Collection]:
        for sub in self.subcollections(key):
            yield sub
            yield from self.descendants(sub.key)

    def items_in(self, collection_key: str) -> list[Item]:
        return [i for i in self.items.values() if collection_key in i.collections]

    def counts(self) -> Counts:
        """numChildren / numItems / numCollections for every object, recomputed only after a change.

        Rendering a page of 100 objects must not scan a 20,000-item library 100 times.
        """
        stamp = (self.version, len(self.items), len(self.collections))
        cached = self.__dict__.get("_counts")
        if cached is None or cached.stamp != stamp:
            cached = Counts.of(self, stamp)
            self.__dict__["_counts"] = cached  # not a dataclass field: never persisted or compared
        return cached

    # ------------------------------------------------------------------ mutation

    def put_item(self, item: Item) -> None:
        self.items[item.key] = item
        self.deleted["items"].pop(item.key, None)

    def put_collection(self, collection: Collection) -> None:
        self.collections[collection.key] = collection
        self.deleted["collections"].pop(collection.key, None)

    def delete_item(self, key: str, version: int) -> None:
        """Delete an item and its children, logging each for ``/deleted``."""
        for child in self.children(key):
            self.delete_item(child.key, version)
        if self.items.pop(key, None) is not None:
            self.deleted["items"][key] = version

    def delete_collection(self, key: str, version: int) -> None:
        """Delete a collection and its subcollections; items lose the membership without a version bump."""
        doomed = [key, *(c.key for c in self.descendants(key))]
        for k in doomed:
            if self.collections.pop(k, None) is not None:
                self.deleted["collections"][k] = version
        gone = set(doomed)
        for item in self.items.values():
            if gone.intersection(item.collections):
                item.collections = [c for c in item.collections if c not in gone]

    def use_write_token(self, scope: str, token: str, now: float) -> bool:
        """Remember ``token`` for 12 h; False if it was already used."""
        self.write_tokens = {
            k: t for k, t in self.write_tokens.items() if now - t < WRITE_TOKEN_TTL
        }
        cache_key = _token_key(scope, token)
        if cache_key in self.write_tokens:
            return False
        self.write_tokens[cache_key] = now
        return True

    def token_used(self, scope: str, token: str, now: float) -> bool:
        stamp = self.write_tokens.get(_token_key(scope, token))
        return stamp is not None and now - stamp < WRITE_TOKEN_TTL

    # ------------------------------------------------------------------ persistence

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Library:
        lib = cls(**{k: v for k, v in raw.items() if k not in ("items", "collections", "deleted")})
        lib.items = {k: Item(**v) for k, v in raw.get("items", {}).items()}
        lib.collections = {k: Collection(**v) for k, v in raw.get("collections", {}).items()}
        lib.deleted = {k: dict(raw.get("deleted", {}).get(k, {})) for k in DELETED_KINDS}
        return lib


def _token_key(scope: str, token: str) -> str:
    """Write tokens are scoped per API key; the key itself is never stored (the state is a file)."""
    return hashlib.sha256(scope.encode()).hexdigest()[:16] + ":" + token


@dataclass
class Counts:
    stamp: tuple[int, int, int]
    children: dict[str, int]
    items_in: dict[str, int]
    subcollections: dict[str, int]

    @classmethod
    def of(cls, lib: Library, stamp: tuple[int, int, int]) -> Counts:
        children: dict[str, int] = {}
        items_in: dict[str, int] = {}
        subs: dict[str, int] = {}
        for item in lib.items.values():
            if item.deleted:
                continue
            if item.parent:
                children[item.parent] = children.get(item.parent, 0) + 1
            for key in item.collections:
                items_in[key] = items_in.get(key, 0) + 1
        for coll in lib.collections.values():
            if coll.parent and not coll.deleted:
                subs[coll.parent] = subs.get(coll.parent, 0) + 1
        return cls(stamp, children, items_in, subs)


def save_libraries(path: Path, libraries: list[Library]) -> None:
    """Write the state atomically: a temp file in the same folder, fsync, then rename over."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"libraries": [lib.to_json() for lib in libraries]}, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_libraries(path: Path) -> list[Library]:
    """The libraries saved at ``path``; ``[]`` when the file does not exist yet."""
    path = Path(path)
    if not path.exists():
        return []
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [Library.from_json(lib) for lib in raw.get("libraries", [])]
