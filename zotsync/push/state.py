"""The sync status store: what zotsync last wrote to a Zotero library, and what it saw there.

Modelled on vdirsyncer's status store. One JSON file per library under
``config.zotero.state_dir`` (``users-12345.json``), written atomically (temp file +
``os.replace``) after every batch the server accepted, so a crash loses at most the
batch in flight — and that batch is safe to re-send (client-chosen keys, versions).

For every object zotsync manages (a collection, an item, a managed note, an item's
comment note or attachment) the store
keeps, under a *slot* (a stable name for the thing in the reading list):

* ``key`` and ``version`` of the Zotero object;
* ``sent``: per owned field, a short hash of the value zotsync last decided on;
* ``seen``: per owned field, a short hash of the value the server held afterwards
  (the server may normalise what it stores, e.g. sanitise note HTML);
* ``created``: whether zotsync created the object (only those may be pruned);
* ``tags``: for items, the tags zotsync owns (user tags added in Zotero are kept);
* ``member_of``: for items, the managed collections the lists put the item in at the
  last sync (so a membership the user changed in Zotero is told apart from one the
  list changed; ``None`` in a state written before zotsync recorded it).

A field changed in the list when hash(desired) ≠ ``sent``; it changed in Zotero
when hash(remote) ≠ ``seen``. Both → a conflict. This avoids false conflicts from
version bumps without a real change.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotsync.atomic import PRIVATE_DIR, PRIVATE_FILE, write_json_atomic
from zotsync.errors import InputError, RefusedError
from zotsync.notify import announce

STATE_FORMAT = 1
#: Object kinds, in the order apply writes them (parents before children).
KINDS = ("collections", "items", "notes", "children")


def field_hash(value: Any) -> str:
    """A short, stable hash of a JSON value ("" and None hash alike: both mean unset)."""
    if value is None:
        value = ""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def field_hashes(data: Mapping[str, Any], fields: tuple[str, ...] | list[str]) -> dict[str, str]:
    return {name: field_hash(data.get(name)) for name in fields}


@dataclass(frozen=True)
class ObjectState:
    """What zotsync knows about one managed object after the last accepted write."""

    key: str
    version: int = 0
    sent: Mapping[str, str] = field(default_factory=dict)
    seen: Mapping[str, str] = field(default_factory=dict)
    created: bool = False
    tags: tuple[str, ...] = ()
    parent: str | None = None  # notes: parent item key; collections: slot of the parent collection
    member_of: tuple[str, ...] | None = (
        None  # items: managed collection keys the lists wanted (None: unknown)
    )

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["tags"] = list(self.tags)
        if self.member_of is not None:
            data["member_of"] = sorted(self.member_of)
        always = ("key", "version") + (
            ("member_of",) if self.member_of is not None else ()
        )  # [] is not unknown
        return {k: v for k, v in data.items() if v not in (None, (), [], {}) or k in always}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ObjectState:
        return cls(
            key=data["key"],
            version=int(data.get("version", 0)),
            sent=dict(data.get("sent", {})),
            seen=dict(data.get("seen", {})),
            created=bool(data.get("created", False)),
            tags=tuple(data.get("tags", ())),
            parent=data.get("parent"),
            member_of=tuple(data["member_of"]) if data.get("member_of") is not None else None,
        )


@dataclass
class SyncState:
    """All managed objects of one library, by kind and slot.

    The planner only reads it; :mod:`zotsync.push.apply` updates it one accepted
    batch at a time and saves it with :func:`save_state`.
    """

    library: str  # "users/12345" or "groups/678"
    library_version: int = 0  # the library version the last completed sync started from
    collections: dict[str, ObjectState] = field(default_factory=dict)
    items: dict[str, ObjectState] = field(default_factory=dict)
    notes: dict[str, ObjectState] = field(default_factory=dict)
    children: dict[str, ObjectState] = field(
        default_factory=dict
    )  # the arXiv comment note and the attachments of items (zotsync.zotero.children)

    def table(self, kind: str) -> dict[str, ObjectState]:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        return getattr(self, kind)

    def is_empty(self) -> bool:
        return not (self.collections or self.items or self.notes or self.children)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": STATE_FORMAT,
            "library": self.library,
            "library_version": self.library_version,
        }
        for kind in KINDS:
            out[kind] = {slot: obj.to_json() for slot, obj in sorted(self.table(kind).items())}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SyncState:
        state = cls(library=data["library"], library_version=int(data.get("library_version", 0)))
        for kind in KINDS:
            state.table(kind).update(
                {slot: ObjectState.from_json(obj) for slot, obj in data.get(kind, {}).items()}
            )
        return state


def state_path(state_dir: str | os.PathLike[str], library: str) -> Path:
    return Path(state_dir) / f"{library.replace('/', '-')}.json"


def load_state(state_dir: str | os.PathLike[str], library: str) -> SyncState:
    """The stored state of ``library``, or an empty one on the first sync."""
    path = state_path(state_dir, library)
    if not path.exists():
        return SyncState(library=library)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != STATE_FORMAT or data.get("library") != library:
            raise ValueError("format or library mismatch")
        return SyncState.from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"the sync state file {path} is unreadable ({exc.__class__.__name__}: {exc})",
            hint="restore it from a backup, or move it away and re-run with --force to re-adopt the library",
        ) from None


def save_state(state_dir: str | os.PathLike[str], state: SyncState) -> Path:
    """Write the state atomically: readers see the old file or the new one, never half of it."""
    path = state_path(state_dir, state.library)
    write_json_atomic(path, state.to_json())
    return path


_HELD: dict[
    str, tuple[int, int]
] = {}  # state dir -> (open descriptor, depth): this process's locks


@contextmanager
def state_lock(state_dir: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the state directory for one run that writes it (an advisory lock).

    A second zotsync run on the same state (a ``pull`` while a ``push`` applies) would
    save over the first one's state; it waits a few seconds, then stops with exit 7. The lock is
    ``flock`` on the state directory itself (no lock file to leave behind), so runs on
    two different state directories never block each other, even side by side in one
    folder. A state directory that does not exist yet is made for the run and removed
    again if the run left it empty (a declined push leaves no ``.zotsync/`` behind).
    Re-entrant within one process (``sync`` pulls, then pushes). Where the system has no
    ``flock`` (Windows), runs are not locked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    state = Path(state_dir).resolve()
    name = str(state)
    if name in _HELD:
        fd, depth = _HELD[name]
        _HELD[name] = (fd, depth + 1)
        try:
            yield
        finally:
            _HELD[name] = (fd, _HELD[name][1] - 1)
        return
    made = not state.exists()
    try:
        state.mkdir(parents=True, exist_ok=True)
        fd = os.open(state, os.O_RDONLY)
    except OSError as exc:
        raise InputError(
            f"cannot use the folder {state} for the sync state: "
            f"{exc.strerror or exc.__class__.__name__}",
            hint="check [zotero] state_dir and the folder's permissions",
        ) from None
    try:
        _wait_for_lock(fd, fcntl, state_dir)
        _HELD[name] = (fd, 1)
        _make_private(state)
        try:
            yield
        finally:
            del _HELD[name]
    finally:
        os.close(fd)  # closing the descriptor releases the lock
        if made:
            _remove_if_empty(state)


def _remove_if_empty(folder: Path) -> None:
    """The state directory this run made for its lock goes again if nothing was saved in it."""
    try:
        folder.rmdir()  # refuses (OSError) when the run saved something there
    except OSError:
        pass


#: How long a run waits for another one on the same state before it gives up (seconds).
LOCK_WAIT = 5.0


def _wait_for_lock(fd: int, fcntl: Any, state_dir: str | os.PathLike[str]) -> None:
    """Take the lock; wait (a short, announced while) for a run that holds it, then give up."""
    deadline = time.monotonic() + LOCK_WAIT
    announced = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() >= deadline:
                raise RefusedError(
                    f"another zotsync run is using the sync state in {state_dir}",
                    hint="wait for it to finish, then run this command again",
                ) from None
            if not announced:
                announce(f"waiting for another zotsync run using {state_dir}")
                announced = True
            time.sleep(0.05)


def _make_private(folder: Path) -> None:
    """State written by an older zotsync (0644: the library snapshot holds private notes) → 0600."""
    if not folder.is_dir():
        return
    for path in (folder, *folder.rglob("*")):
        try:
            mode = path.stat().st_mode & 0o777
            private = PRIVATE_DIR if path.is_dir() else PRIVATE_FILE
            if mode & ~private:
                os.chmod(path, mode & private)
        except OSError:  # not ours to change: leave it
            pass
