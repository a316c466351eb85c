"""Execute a :class:`~zotsync.push.actions.Plan` — the only place a push changes anything.

* State-only acks are recorded first; then collections (parents first), items,
  notes, each as multi-object POSTs of at most 50 objects.
* After every batch the server accepted, the state is saved atomically: a crash
  loses at most the batch in flight, and re-sending it is harmless because
  every object carries its key and ``version`` (``0`` = "create, must not exist").
* Then the planned PDFs (``--pdf upload``): each downloaded from arXiv and stored with
  Zotero's upload protocol, once; a full storage stops the uploads with one error.
* Per-object results are read one by one: ``successful``/``unchanged`` advance
  the state; a ``412`` on a create means an earlier attempt already created it
  (the object is fetched and recorded); a ``412`` on an update is re-checked the
  same way (our change may already be there) and otherwise reported as changed
  in Zotero meanwhile; anything else is reported as failed with the server's message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from zotsync.errors import RefusedError, ServiceError
from zotsync.push.actions import TRASH, FileUpload, Plan, Write
from zotsync.push.state import ObjectState, SyncState, field_hash
from zotsync.resolve.sources.base import SourceFailure
from zotsync.zotero.client import BATCH, StorageFullError, UploadOutcome, WriteReport, batches
from zotsync.zotero.snapshot import Snapshot

#: Where each kind is written; notes and other children share the items endpoint, after the items
#: (a parent precedes its child).
ENDPOINTS = (("collections", ("collections",)), ("items", ("items", "notes", "children")))


class Writer(Protocol):
    """What apply needs from the Zotero adapter."""

    def post(self, kind: str, objects: list[Mapping[str, Any]]) -> WriteReport: ...
    def upload_file(self, key: str, content: bytes, filename: str) -> UploadOutcome: ...
    def items_by_keys(self, keys: list[str]) -> list[dict[str, Any]]: ...
    def collections_by_keys(self, keys: list[str]) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Failure:
    write: Write
    code: int
    message: str


@dataclass
class ApplyResult:
    done: list[Write] = field(default_factory=list)
    unchanged: list[Write] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    acks: int = 0
    uploaded: list[FileUpload] = field(default_factory=list)  # PDFs stored in Zotero
    existed: list[FileUpload] = field(default_factory=list)  # Zotero held the file already
    upload_failed: list[tuple[FileUpload, str]] = field(default_factory=list)


#: ``fetch(arxiv_id, version) -> PDF bytes`` (the arXiv source, paced like every request).
Fetch = Callable[[str, int | None], bytes]


def apply_plan(
    plan: Plan,
    writer: Writer,
    state: SyncState,
    snapshot: Snapshot,
    *,
    save: Callable[[SyncState], None],
    progress: Callable[[int, int], None] | None = None,
    fetch: Fetch | None = None,
) -> ApplyResult:
    """Send exactly the plan's writes; update and save ``state`` (and ``snapshot``) as they are accepted."""
    if plan.refused:
        raise RefusedError(
            f"push refused: {plan.refused}",
            hint="resolve the conflicts, or choose --on-conflict keep-zotero or keep-list",
        )
    result = ApplyResult()
    for ack in plan.acks:
        _set(state, ack.kind, ack.slot, ack.state)
        result.acks += 1
    state.library_version = max(state.library_version, snapshot.library_version)
    save(state)
    # one count for the whole run: every write, then every planned PDF upload
    total, sent = len(plan.writes) + len(plan.uploads), 0
    for endpoint, kinds in ENDPOINTS:
        writes = [w for kind in kinds for w in plan.writes_of(kind)]  # items before their notes
        for batch in batches(writes, BATCH):
            report = writer.post(endpoint, [w.payload for w in batch])
            _absorb(batch, report, writer, state, snapshot, result, endpoint)
            state.library_version = max(state.library_version, snapshot.high_water())
            save(state)
            sent += len(batch)
            if progress:
                progress(sent, total)
    if plan.uploads:
        _upload(
            plan, writer, state, result, fetch, lambda n: progress and progress(sent + n, total)
        )
    return result


def _upload(
    plan: Plan,
    writer: Writer,
    state: SyncState,
    result: ApplyResult,
    fetch: Fetch | None,
    done: Callable[[int], None],
) -> None:
    """Store the planned PDFs, one request chain each, after their attachment items exist.

    A full storage stops the uploads (the others would fail the same way) and is raised
    as one error; any other failure is reported per file and retried by the next run.
    """
    live = {st.key for st in state.children.values()}
    for n, up in enumerate(plan.uploads, 1):
        _upload_one(up, writer, live, result, fetch)
        done(n)


def _upload_one(
    up: FileUpload, writer: Writer, live: set[str], result: ApplyResult, fetch: Fetch | None
) -> None:
    """One PDF: downloaded, then stored (or found stored already); a failure is recorded."""
    if up.key not in live:  # its attachment item was not written: nothing to attach to
        result.upload_failed.append((up, "the attachment item was not created"))
        return
    try:
        if fetch is None:
            raise ServiceError("no way to download PDFs was given", service="arxiv")
        content = fetch(up.arxiv_id, up.version)
        outcome = writer.upload_file(up.key, content, up.filename)
    except StorageFullError:
        raise
    except (ServiceError, SourceFailure) as exc:
        result.upload_failed.append((up, str(exc)))
        return
    (result.existed if outcome.existed else result.uploaded).append(up)


def _absorb(
    batch: list[Write],
    report: WriteReport,
    writer: Writer,
    state: SyncState,
    snapshot: Snapshot,
    result: ApplyResult,
    endpoint: str,
) -> None:
    recheck: dict[int, Write] = {}
    for i, write in enumerate(batch):
        if i in report.successful:
            data = report.successful[i]
            snapshot.record(endpoint, [data])
            _accept(state, write, data)
            result.done.append(write)
        elif i in report.unchanged:
            _accept(state, write, None)
            result.unchanged.append(write)
        else:
            err = report.failed.get(i, {"code": 0, "message": "no result for this object"})
            if err.get("code") == 412:
                recheck[i] = write
            else:
                result.failed.append(
                    Failure(write, int(err.get("code", 0)), str(err.get("message", "")))
                )
    if recheck:
        _recheck(list(recheck.values()), writer, state, snapshot, result, endpoint)


def _recheck(
    writes: list[Write],
    writer: Writer,
    state: SyncState,
    snapshot: Snapshot,
    result: ApplyResult,
    endpoint: str,
) -> None:
    """412s: is the object already as we wanted it (an earlier attempt landed)? Then record it."""
    keys = [w.key for w in writes]
    fetched = (
        writer.collections_by_keys(keys)
        if endpoint == "collections"
        else writer.items_by_keys(keys)
    )
    found = {obj.get("data", obj)["key"]: dict(obj.get("data", obj)) for obj in fetched}
    snapshot.record(endpoint, found.values())
    for write in writes:
        data = found.get(write.key)
        if data is not None and _landed(write, data):
            _accept(state, write, data)
            result.done.append(write)
        else:
            result.failed.append(
                Failure(write, 412, "changed in Zotero while pushing; re-run to merge")
            )


def _landed(write: Write, data: Mapping[str, Any]) -> bool:
    """Whether the object on the server already carries every value this write sends."""
    if write.op == TRASH:
        return bool(data.get("deleted"))
    sent = write.payload
    if "collections" in sent and set(sent["collections"]) != set(data.get("collections", [])):
        return False
    if "tags" in sent and {t["tag"] for t in sent["tags"]} != {
        t["tag"] for t in data.get("tags", [])
    }:
        return False
    return all(
        field_hash(data.get(name)) == write.expected.get(name)
        for name in sent
        if name in write.owned
    )


def _accept(state: SyncState, write: Write, data: Mapping[str, Any] | None) -> None:
    if write.op == TRASH:
        _set(state, write.kind, write.slot, None)
        return
    seen = dict(write.expected)
    if data is not None:
        seen.update(
            {name: field_hash(data.get(name)) for name in write.payload if name in write.owned}
        )
        version = int(data.get("version", 0))
    else:
        version = int(write.payload.get("version", 0))
    _set(
        state,
        write.kind,
        write.slot,
        ObjectState(
            key=write.key,
            version=version,
            sent=dict(write.sent),
            seen=seen,
            created=write.created,
            tags=write.tags,
            parent=write.parent,
            member_of=write.member_of,
        ),
    )


def _set(state: SyncState, kind: str, slot: str, value: ObjectState | None) -> None:
    table = state.table(kind)
    if value is None:
        table.pop(slot, None)
    else:
        table[slot] = value
