"""What the Zotero library should hold for the reading lists: collections, items, managed notes.

Pure: parsed entries + resolutions (+ citation keys) in, a :class:`Desired` value out.

* A list's root collection is named after the file (or ``root_collection``); each entry's
  collection path (its headings as :func:`zotsync.sections.collection_paths` files them,
  ``[collections]`` in the config) becomes a nested collection under it. Collections are
  identified by their path (``("reading", "RL", "RM")``).
* One item per distinct *paper* (slot ``arxiv:<id>``, ``doi:…``, ``openreview:…`` or
  ``title:…``), member of every collection whose section lists it.
* One managed note per entry with notes (slot ``<root>/<entry ident>#<n>``, n counting
  repeats of the same paper in one list), attached to the paper's item.
* The children Zotero's arXiv translator gives an item (slot ``<item slot>#<role>``):
  the arXiv comment as a note, the "Preprint PDF" and "Snapshot" attachments
  (:mod:`zotsync.zotero.children`).
* An entry whose notes hold a waiting conflict block (``<!-- zotsync:conflict``, written by
  ``zotsync pull``/``sync``) has not decided what its note says yet: its slot goes to
  ``held`` and the Zotero note is left alone, whatever ``--on-conflict`` says.
* Entries without a usable resolution, and items the schema rejects, are not
  dropped silently: they come back as ``skipped`` with a reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotsync.errors import InputError
from zotsync.model import Entry, Paper, Resolution
from zotsync.notes.conflict import detect_conflicts
from zotsync.sections import SectionRules, collection_paths
from zotsync.zotero.children import Child, PdfMode, children
from zotsync.zotero.mapping import ItemOptions, item_data
from zotsync.zotero.notes import note_html
from zotsync.zotero.schema import Schema, load_schema

CollectionPath = tuple[str, ...]  # the root collection's name first


@dataclass(frozen=True)
class DesiredItem:
    slot: str
    paper: Paper
    data: Mapping[str, Any]  # item JSON without key/version/collections
    collections: frozenset[CollectionPath]


@dataclass(frozen=True)
class DesiredNote:
    slot: str
    item_slot: str
    html: str


@dataclass(frozen=True)
class DesiredChild:
    slot: str  # "<item slot>#<role>"
    item_slot: str
    child: Child


@dataclass(frozen=True)
class Desired:
    roots: tuple[str, ...]  # root collection names of the lists being pushed
    collections: tuple[CollectionPath, ...]  # parents before children
    items: Mapping[str, DesiredItem]
    notes: Mapping[str, DesiredNote]
    skipped: tuple[tuple[Entry, str], ...] = ()
    held: Mapping[str, str] = field(
        default_factory=dict
    )  # note slot -> item slot: conflict pending in the list
    children: Mapping[str, DesiredChild] = field(default_factory=dict)


#: Why an entry the lock has no block for is not pushed.
NO_RESOLUTION = "no resolution yet (run zotsync resolve)"


def conflict_pending(notes: str) -> bool:
    """Do these notes still hold a conflict block (or stray markers of one) the user has to settle?"""
    try:
        return bool(detect_conflicts(notes))
    except InputError:  # markers half deleted: still not settled
        return True


def root_name(source: str, configured: str | None = None) -> str:
    """The root collection of a list: the configured name, else the file name without extension."""
    return configured or Path(source).stem


def paper_slot(paper: Paper) -> str:
    """The identity of a paper in Zotero (one item per slot): :attr:`Paper.ident`."""
    return paper.ident


@dataclass
class _Builder:
    schema: Schema
    options: ItemOptions
    papers: dict[str, Paper] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    keys: dict[str, str | None] = field(default_factory=dict)
    members: dict[str, set[CollectionPath]] = field(default_factory=lambda: defaultdict(set))
    paths: dict[CollectionPath, None] = field(default_factory=dict)
    notes: dict[str, DesiredNote] = field(default_factory=dict)
    held: dict[str, str] = field(default_factory=dict)
    skipped: list[tuple[Entry, str]] = field(default_factory=list)

    def add_path(self, path: CollectionPath) -> None:
        for depth in range(1, len(path) + 1):
            self.paths.setdefault(path[:depth], None)

    def add_entry(
        self,
        path: CollectionPath,
        entry: Entry,
        res: Resolution | None,
        key: str | None,
        repeat: int,
    ) -> None:
        root = path[0]
        self.add_path(path)
        if res is None or not res.status.usable or res.paper is None:
            why = NO_RESOLUTION if res is None else f"resolution is {res.status.value}"
            self.skipped.append((entry, why))
            return
        slot = paper_slot(res.paper)
        self.papers.setdefault(slot, res.paper)
        self.keys.setdefault(slot, key or res.citation_key)
        self.tags[slot].extend(entry.tags)
        self.members[slot].add(path)
        note_slot = f"{root}/{entry.ident}#{repeat}"
        if conflict_pending(entry.notes):
            self.held[note_slot] = slot
            return
        html = note_html(note_slot, entry.notes, entry.links)
        if html is not None:
            self.notes[note_slot] = DesiredNote(note_slot, slot, html)

    def items(self) -> dict[str, DesiredItem]:
        out = {}
        for slot, paper in self.papers.items():
            data = item_data(
                paper,
                citation_key=self.keys.get(slot),
                user_tags=self.tags[slot],
                options=self.options,
            )
            problems = self.schema.validate(data)
            if problems:
                self.skipped.append(
                    (_pseudo_entry(paper), "Zotero would reject the item: " + "; ".join(problems))
                )
                continue
            out[slot] = DesiredItem(slot, paper, data, frozenset(self.members[slot]))
        return out


def _pseudo_entry(paper: Paper) -> Entry:
    return Entry(
        source="", line=0, raw=paper.title, section=(), title=paper.title, arxiv_id=paper.arxiv_id
    )


def build_desired(
    lists: Sequence[tuple[str, Sequence[Entry]]],
    resolutions: Mapping[str, Resolution],
    citation_keys: Mapping[str, str] | None = None,
    *,
    options: ItemOptions | None = None,
    pdf: PdfMode = PdfMode.LINK,
    schema: Schema | None = None,
    sections: SectionRules | None = None,
) -> Desired:
    """The target state for ``lists`` = [(root collection name, entries), …].

    ``sections``: how headings become collections (``[collections]``; default rules when None).
    """
    builder = _Builder(schema or load_schema(), options or ItemOptions())
    citation_keys = citation_keys or {}
    for root, entries in lists:
        builder.add_path((root,))
        seen: dict[str, int] = defaultdict(int)
        paths = collection_paths(entries, sections or SectionRules())
        for entry, path in zip(entries, paths):
            repeat = seen[entry.ident]
            seen[entry.ident] += 1
            builder.add_entry(
                (root, *path),
                entry,
                resolutions.get(entry.ident),
                citation_keys.get(entry.ident),
                repeat,
            )
    items = builder.items()
    notes = {}
    for slot, note in builder.notes.items():
        problems = builder.schema.validate({"itemType": "note", "note": note.html})
        if problems:
            builder.skipped.append(
                (
                    _pseudo_entry(items[note.item_slot].paper)
                    if note.item_slot in items
                    else _pseudo_entry(Paper(title=slot)),
                    "Zotero would reject its note: " + "; ".join(problems),
                )
            )
        elif note.item_slot in items:
            notes[slot] = note
    roots = tuple(dict.fromkeys(root for root, _ in lists))
    held = {slot: item_slot for slot, item_slot in builder.held.items() if item_slot in items}
    kids = {
        f"{slot}#{child.role}": DesiredChild(f"{slot}#{child.role}", slot, child)
        for slot, item in items.items()
        for child in children(item.paper, pdf)
        if not builder.schema.validate(dict(child.data))
    }
    return Desired(roots, tuple(builder.paths), items, notes, tuple(builder.skipped), held, kids)
