"""The inputs of ``status`` and ``pull``, gathered once: the lists (bytes and parse), the lock, the library, the state.

    ctx = load_context(["reading.md"], config)     # reads the library (incrementally, from the cache)
    for view in ctx.entries(): ...                 # one EntryView per listed entry

Nothing here writes: :mod:`.pull` decides and writes; :mod:`.status` only reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from zotsync.config import Config
from zotsync.model import Entry, Resolution
from zotsync.push.desired import Desired, paper_slot
from zotsync.push.lists import ListFile, read_lists
from zotsync.push.plan import collection_slot
from zotsync.push.push import LibraryView, desired_state, load_resolutions, read_library
from zotsync.push.recover import recover_state
from zotsync.push.renames import follow_renames, rename_note_slots
from zotsync.push.state import SyncState
from zotsync.zotero.client import RequestCounts, ZoteroClient
from zotsync.zotero.snapshot import Snapshot

from .conflicts import PendingConflicts, load_pending


@dataclass(frozen=True)
class EntryView:
    """One listed entry with the slots the push engine files it under."""

    list: ListFile
    entry: Entry
    note_slot: str  # "<root>/<ident>#<repeat>" as zotsync.push.desired names it
    item_slot: str | None  # paper slot, None without a usable resolution
    next_line: int | None  # the next entry's first line (where this entry's text ends)


@dataclass
class Context:
    config: Config
    lists: list[ListFile]
    resolutions: Mapping[str, Resolution]
    desired: Desired
    state: SyncState
    snapshot: Snapshot  # the library now
    base: Snapshot | None  # the cached library of the last sync (content base), if any
    pending: PendingConflicts
    cache_path: Path
    library: str
    requests: RequestCounts | None = None  # what reading the library cost
    renames: dict[str, str] = field(default_factory=dict)  # lists found renamed: new → old root

    def library_view(self) -> LibraryView:
        """The library as this context holds it (its state after any pull), for a push that follows."""
        return LibraryView(self.state, self.cache_path, self.base or Snapshot(), self.snapshot)

    def entries(self) -> Iterator[EntryView]:
        for lf in self.lists:
            yield from entry_views(lf, self.resolutions)

    def note_key(self, slot: str) -> str | None:
        st = self.state.notes.get(slot)
        return st.key if st else None

    def collection_key(self, path: tuple[str, ...]) -> str | None:
        st = self.state.collections.get(collection_slot(path))
        return st.key if st else None


def entry_views(lf: ListFile, resolutions: Mapping[str, Resolution]) -> list[EntryView]:
    """The entries of one list with their slots (repeats of a paper in one list count up, as in desired.py)."""
    seen: dict[str, int] = defaultdict(int)
    entries = lf.entries
    out = []
    for i, entry in enumerate(entries):
        repeat = seen[entry.ident]
        seen[entry.ident] += 1
        res = resolutions.get(entry.ident)
        item_slot = (
            paper_slot(res.paper) if res is not None and res.status.usable and res.paper else None
        )
        nxt = entries[i + 1].line if i + 1 < len(entries) else None
        out.append(EntryView(lf, entry, f"{lf.root}/{entry.ident}#{repeat}", item_slot, nxt))
    return out


def read_list_files(files: Sequence[str], root_collection: str | None = None) -> list[ListFile]:
    """Read and parse each list once, keeping its bytes (:func:`zotsync.push.lists.read_lists`)."""
    return read_lists(files, root_collection, command="pull")


def desired_for(
    lists: Sequence[ListFile], resolutions: Mapping[str, Resolution], config: Config
) -> Desired:
    """The push engine's target state for these lists (the same call push makes)."""
    return desired_state([(lf.root, lf.entries) for lf in lists], resolutions, config)


def load_context(
    files: Sequence[str],
    config: Config,
    *,
    lock: str | None = None,
    client: ZoteroClient | None = None,
) -> Context:
    """Read everything ``status``/``pull`` need (the library incrementally, from the push's cache)."""
    zcfg = config.require_zotero()
    lists = read_list_files(files, zcfg.root_collection)
    return context_for(lists, load_resolutions(config, lock, save_new_keys=False), config, client)


def context_for(
    lists: Sequence[ListFile],
    resolutions: Mapping[str, Resolution],
    config: Config,
    client: ZoteroClient | None = None,
) -> Context:
    """The context for lists already read and resolutions already keyed (``zotsync sync``'s own)."""
    zcfg = config.require_zotero()
    desired = desired_for(lists, resolutions, config)
    own = client is None
    client = client or ZoteroClient.for_services(zcfg, config.services)
    try:
        view = read_library(client, zcfg.state_dir)
        pending = load_pending(zcfg.state_dir, client.library)
        state, renames = follow_renames(
            desired, view.state, view.now, [(lf.root, lf.path) for lf in lists]
        )
        state = recover_state(desired, state, view.now)
        for new, old in renames.items():  # a renamed list: its waiting conflict blocks follow it
            pending = replace(pending, slots=rename_note_slots(pending.slots, old, new))
        return Context(
            config,
            list(lists),
            resolutions,
            desired,
            state,
            view.now,
            view.base,
            pending,
            view.cache,
            client.library,
            client.counts,
            renames,
        )
    finally:
        if own:
            client.close()
