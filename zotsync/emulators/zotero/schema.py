"""Zotero's item-type schema (``schema.json``) as the emulator needs it.

The real server generates its mapping endpoints (``/itemTypes``, ``/itemFields``,
``/itemTypeFields``, ``/itemTypeCreatorTypes``, ``/items/new``) and validates
writes from this one file, so the emulator does the same. The bundled copy is
zotero-schema version 41; pass another path to :func:`load_schema` to swap it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

NOTE_TYPES = frozenset({"note", "attachment"})
"""Item types that carry a ``note`` property and may be children."""

CHILD_TYPES = frozenset({"note", "attachment", "annotation"})

LINK_MODES = ("imported_file", "imported_url", "linked_file", "linked_url", "embedded_image")

CREATOR_FIELDS = (("firstName", "First"), ("lastName", "Last"), ("name", "Name"))


@dataclass(frozen=True)
class ItemType:
    """One item type: its fields in schema order, base-field mapping and creator types."""

    name: str
    fields: tuple[str, ...]
    base_of: dict[str, str]  # type-specific field -> base field (e.g. repository -> publisher)
    creator_types: tuple[str, ...]
    primary_creator: str | None

    def base_field(self, field: str) -> str:
        return self.base_of.get(field, field)

    def field_for_base(self, base: str) -> str | None:
        """This type's name for a base field (``publisher`` -> ``repository`` on preprint)."""
        if base in self.fields and base not in self.base_of:
            return base
        return next((f for f, b in self.base_of.items() if b == base), None)

    @property
    def title_field(self) -> str | None:
        return self.field_for_base("title")


class Schema:
    """Lookups over one ``schema.json``; immutable once built."""

    def __init__(self, raw: dict[str, Any]):
        self.version: int = int(raw["version"])
        self.raw = raw
        locale = raw["locales"]["en-US"]
        self._type_labels: dict[str, str] = locale["itemTypes"]
        self._field_labels: dict[str, str] = locale["fields"]
        self._creator_labels: dict[str, str] = locale["creatorTypes"]
        self.types: dict[str, ItemType] = {}
        for entry in raw["itemTypes"]:
            creators = tuple(c["creatorType"] for c in entry.get("creatorTypes", []))
            primary = next(
                (c["creatorType"] for c in entry.get("creatorTypes", []) if c.get("primary")), None
            )
            self.types[entry["itemType"]] = ItemType(
                name=entry["itemType"],
                fields=tuple(f["field"] for f in entry["fields"]),
                base_of={f["field"]: f["baseField"] for f in entry["fields"] if "baseField" in f},
                creator_types=creators,
                primary_creator=primary,
            )
        self.all_fields: frozenset[str] = frozenset(
            {f for t in self.types.values() for f in t.fields}
            | {b for t in self.types.values() for b in t.base_of.values()}
        )
        self.all_creator_types: frozenset[str] = frozenset(
            c for t in self.types.values() for c in t.creator_types
        )
        self.date_fields: frozenset[str] = frozenset(raw.get("meta", {}).get("fields", {}))

    # ------------------------------------------------------------------ lookups

    def item_type(self, name: str) -> ItemType | None:
        return self.types.get(name)

    def field_label(self, field: str) -> str:
        return self._field_labels.get(field, field)

    # ------------------------------------------------------------------ mapping endpoints

    def item_types_listing(self) -> list[dict[str, str]]:
        """``GET /itemTypes``: every type but attachment/annotation, sorted by label."""
        rows = [
            {"itemType": t, "localized": self._type_labels.get(t, t)}
            for t in self.types
            if t not in ("attachment", "annotation")
        ]
        return sorted(rows, key=lambda r: r["localized"].lower())

    def item_fields_listing(self) -> list[dict[str, str]]:
        """``GET /itemFields``: distinct fields used by some type, sorted by label."""
        used = {f for t in self.types.values() for f in t.fields}
        rows = [{"field": f, "localized": self.field_label(f)} for f in used]
        return sorted(rows, key=lambda r: r["localized"].lower())

    def type_fields_listing(self, item_type: ItemType) -> list[dict[str, str]]:
        return [{"field": f, "localized": self.field_label(f)} for f in item_type.fields]

    def creator_types_listing(self, item_type: ItemType) -> list[dict[str, str]]:
        """``GET /itemTypeCreatorTypes``: the primary type first, then by label (as recorded)."""
        rows = [
            {"creatorType": c, "localized": self._creator_labels.get(c, c)}
            for c in item_type.creator_types
        ]
        return sorted(
            rows,
            key=lambda r: (r["creatorType"] != item_type.primary_creator, r["localized"].lower()),
        )

    @staticmethod
    def creator_fields_listing() -> list[dict[str, str]]:
        return [{"field": f, "localized": label} for f, label in CREATOR_FIELDS]

    def template(self, item_type: ItemType, link_mode: str | None = None) -> dict[str, Any]:
        """``GET /items/new?itemType=T``: the empty item a client fills in."""
        out: dict[str, Any] = {"itemType": item_type.name}
        if item_type.name == "attachment":
            out["linkMode"] = link_mode
        for i, field in enumerate(item_type.fields):
            out[field] = ""
            if i == 0 and item_type.primary_creator:
                out["creators"] = [
                    {"creatorType": item_type.primary_creator, "firstName": "", "lastName": ""}
                ]
        if item_type.name in NOTE_TYPES:
            out["note"] = ""
        out.update({"tags": [], "collections": [], "relations": {}})
        if (
            item_type.name == "attachment"
        ):  # file properties follow relations (Zotero docs' example)
            out.update({"contentType": "", "charset": ""})
            if link_mode in ("imported_file", "imported_url", "linked_file"):
                out.update({"filename": "", "md5": None, "mtime": None})
        return out


def bundled_schema_path() -> Path:
    return Path(str(resources.files("zotsync.emulators.zotero") / "data" / "schema.json"))


@lru_cache(maxsize=4)
def load_schema(path: str | None = None) -> Schema:
    """The schema at ``path`` (default: the bundled version 41), parsed once per process."""
    file = Path(path) if path else bundled_schema_path()
    return Schema(json.loads(file.read_text(encoding="utf-8")))
