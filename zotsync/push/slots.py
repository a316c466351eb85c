"""Names and keys of the objects zotsync manages.

* A *slot* names a managed object in the reading lists, stable across runs:
  a collection's slot is its section path as JSON (``["reading", "RL", "RM"]``),
  an item's is its paper identity (``arxiv:2410.08159``), a note's is
  ``<root>/<entry ident>#<n>``.
* A new object's Zotero key is *derived* from the library and the slot
  (:func:`object_key`), so a run that created an object but crashed before
  recording it finds it again by key instead of creating a duplicate.
"""

from __future__ import annotations

import hashlib
import json

from zotsync.push.desired import CollectionPath

KEY_ALPHABET = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"  # Zotero object keys: 8 of these (no 0, 1, O)


def object_key(library: str, kind: str, slot: str, salt: str = "") -> str:
    """A valid Zotero key (8 chars of KEY_ALPHABET) derived from the object's identity."""
    digest = int.from_bytes(
        hashlib.sha256(f"{library}\0{kind}\0{slot}\0{salt}".encode()).digest(), "big"
    )
    chars = []
    for _ in range(8):
        digest, rest = divmod(digest, len(KEY_ALPHABET))
        chars.append(KEY_ALPHABET[rest])
    return "".join(chars)


def collection_slot(path: CollectionPath) -> str:
    return json.dumps(list(path), ensure_ascii=False)


def slot_root(kind: str, slot: str) -> str:
    """The root collection (list) a collection or note slot belongs to."""
    return json.loads(slot)[0] if kind == "collections" else slot.split("/", 1)[0]
