"""The values a plan is made of. Plain frozen data: easy to print, compare and test.

* :class:`Write` — one object to POST (create, update, or trash). ``payload`` is the
  exact JSON sent (always with ``key`` and ``version``, so the write is conditional
  and a retried create cannot duplicate: ``version: 0`` + a client-chosen key means
  "create, must not exist yet").
* :class:`Ack` — a state-only change (adopting an existing object, accepting a
  Zotero-side edit, forgetting a slot): no request is sent.
* :class:`Conflict` — an object changed both in the list and in Zotero (or deleted in
  Zotero), with what the policy decided.
* :class:`Notice` — something the user should know that needs no action (an entry
  without a usable resolution, a Zotero edit kept, a collection re-created).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zotsync.push.state import ObjectState

CREATE, UPDATE, TRASH = "create", "update", "trash"


@dataclass(frozen=True, kw_only=True)  # 15 fields: built by name, never by position
class Write:
    kind: str  # "collections" | "items" | "notes"
    op: str  # CREATE | UPDATE | TRASH
    slot: str  # the state slot this object lives in
    key: str
    payload: Mapping[str, Any]  # exactly what is POSTed
    owned: tuple[str, ...]  # the fields zotsync owns for this object (hashed into state)
    sent: Mapping[str, str]  # state "sent" hashes once accepted
    expected: Mapping[str, str]  # state "seen" hashes if the server stores the payload as is
    created: bool = False  # state "created" once accepted
    tags: tuple[str, ...] = ()  # items: the tags zotsync owns
    parent: str | None = None  # state "parent" (see ObjectState)
    label: str = ""  # human description ("create item 'Attention Is All You Need'")
    order: int = 0  # sort key inside the kind (collection depth)
    changes: tuple[str, ...] = ()  # the fields this write changes (for summaries)
    member_of: tuple[str, ...] | None = None  # items: state "member_of" once accepted


@dataclass(frozen=True)
class Ack:
    kind: str
    slot: str
    state: ObjectState | None  # None = forget the slot
    label: str = ""


@dataclass(frozen=True)
class Conflict:
    kind: str
    slot: str
    key: str | None
    fields: tuple[str, ...]
    decision: str  # "kept Zotero's version" | "list wins" | "refused"
    label: str = ""


@dataclass(frozen=True)
class Notice:
    code: str  # "unusable" | "invalid" | "zotero-edit" | "recreated" | "deleted-in-zotero" | "adopted" ...
    message: str
    slot: str | None = None


@dataclass(frozen=True)
class FileUpload:
    """A PDF to store in Zotero for an ``imported_url`` attachment that has no file yet.

    Apply downloads it from arXiv and runs Zotero's upload protocol (authorise, upload,
    register); Zotero answering "exists" (the same file is stored already) ends it early.
    """

    slot: str  # the attachment's state slot
    key: str  # the attachment item's key
    arxiv_id: str
    version: int | None
    filename: str
    label: str = ""


@dataclass(frozen=True)
class Plan:
    """Everything a push would do, computed without I/O."""

    library: str
    writes: tuple[Write, ...] = ()
    acks: tuple[Ack, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    notices: tuple[Notice, ...] = ()
    refused: str | None = None  # why the plan must not run (conflicts under "fail")
    stats: Mapping[str, int] = field(
        default_factory=dict
    )  # desired counts: collections, items, notes
    uploads: tuple[FileUpload, ...] = ()  # PDFs to store after the writes (--pdf upload)

    @property
    def is_empty(self) -> bool:
        """No request to send and no state to record."""
        return not (self.writes or self.acks or self.conflicts or self.uploads)

    def writes_of(self, kind: str) -> list[Write]:
        return sorted((w for w in self.writes if w.kind == kind), key=lambda w: (w.order, w.slot))
