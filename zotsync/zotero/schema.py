"""Zotero's item schema (``data/schema.json``, zotero-schema version 41) and item validation.

The Web API rejects an object whose fields do not belong to its item type
(``'publisher' is not a valid field for type 'preprint'``), so zotsync checks
every item against the same schema *before* sending it: a mistake becomes a
reported, skipped entry instead of a per-object ``failed`` result half-way
through a sync.

The schema file is zotsync's own copy (the client never imports the emulator's).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

#: Keys that are not item fields but may appear in item JSON we send.
STRUCTURAL_KEYS = frozenset(
    {
        "key",
        "version",
        "itemType",
        "creators",
        "tags",
        "collections",
        "relations",
        "parentItem",
        "note",
        "deleted",
    }
)
#: Properties of attachment items that are not schema fields (the Web API's attachment JSON).
ATTACHMENT_KEYS = frozenset(
    {"linkMode", "contentType", "charset", "filename", "md5", "mtime", "path"}
)
#: The server refuses longer field values (413).
MAX_FIELD_BYTES = 65535
MAX_NOTE_CHARS = 500_000
MAX_TAG_CHARS = 255


@dataclass(frozen=True)
class Schema:
    """Fields and creator types per item type."""

    version: int
    fields: Mapping[str, tuple[str, ...]]  # itemType -> fields in schema order
    creator_types: Mapping[str, tuple[str, ...]]  # itemType -> creator types, primary first

    def has_field(self, item_type: str, field: str) -> bool:
        return field in self.fields.get(item_type, ())

    def validate(self, data: Mapping[str, Any]) -> list[str]:
        """Problems the server would report for this item JSON (empty list = valid)."""
        item_type = data.get("itemType")
        if item_type not in self.fields:
            return [f"{item_type!r} is not a valid itemType"]
        problems: list[str] = []
        for name, value in data.items():
            if name in STRUCTURAL_KEYS or (item_type == "attachment" and name in ATTACHMENT_KEYS):
                continue
            if not self.has_field(item_type, name):
                if value not in ("", None):
                    problems.append(f"'{name}' is not a valid field for type '{item_type}'")
                continue
            if not isinstance(value, str):
                problems.append(f"field '{name}' must be a string")
            elif len(value.encode("utf-8")) > MAX_FIELD_BYTES:
                problems.append(f"field '{name}' is longer than {MAX_FIELD_BYTES} bytes")
        problems += self._creator_problems(item_type, data.get("creators", []))
        problems += _tag_problems(data.get("tags", []))
        note = data.get("note")
        if note is not None and item_type not in ("note", "attachment"):
            problems.append("'note' property is valid only for note and attachment items")
        if isinstance(note, str) and len(note) > MAX_NOTE_CHARS:
            problems.append(f"note is longer than {MAX_NOTE_CHARS} characters")
        return problems

    def _creator_problems(self, item_type: str, creators: Any) -> list[str]:
        allowed = set(self.creator_types.get(item_type, ())) | {"author"}
        problems = []
        for creator in creators or []:
            if creator.get("creatorType") not in allowed:
                problems.append(
                    f"{creator.get('creatorType')!r} is not a valid creator type for item type '{item_type}'"
                )
            has_split = "lastName" in creator or "firstName" in creator
            if has_split == ("name" in creator):
                problems.append("a creator needs either 'name' or 'firstName'/'lastName'")
            elif has_split and not creator.get("lastName"):
                problems.append("'lastName' creator field must be set if 'firstName' is set")
        return problems


def _tag_problems(tags: Any) -> list[str]:
    problems = []
    for tag in tags or []:
        if not isinstance(tag, dict) or not tag.get("tag"):
            problems.append(f"bad tag {tag!r}")
        elif len(tag["tag"]) > MAX_TAG_CHARS:
            problems.append(f"tag {tag['tag'][:50]!r}… is longer than {MAX_TAG_CHARS} characters")
        elif tag.get("type", 0) not in (0, 1):
            problems.append(f"invalid tag type {tag.get('type')!r}")
    return problems


def schema_from_json(raw: Mapping[str, Any]) -> Schema:
    """Build a :class:`Schema` from the parsed zotero-schema JSON document."""
    fields = {t["itemType"]: tuple(f["field"] for f in t["fields"]) for t in raw["itemTypes"]}
    creators = {
        t["itemType"]: tuple(c["creatorType"] for c in t["creatorTypes"]) for t in raw["itemTypes"]
    }
    return Schema(version=int(raw["version"]), fields=fields, creator_types=creators)


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    """The bundled schema (read once per process)."""
    text = (
        resources.files("zotsync.zotero").joinpath("data/schema.json").read_text(encoding="utf-8")
    )
    return schema_from_json(json.loads(text))
