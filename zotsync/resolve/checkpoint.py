"""Decisions reach the lock file as they are made, so a long run that stops loses none.

A 10,000-entry list takes a while at the services' polite pace. :class:`Checkpoints`
collects every decision the moment a stage makes it and rewrites the lock (atomically) at
most every :data:`EVERY_SECONDS`, and once more when the run is interrupted (Ctrl-C). A
title decision saved before its enrichment carries the ``pending`` marks of what it still
lacks (the arXiv record, the published venue), so the next run fetches only that — it
repeats no search. :func:`save_decisions` is also the run's final write.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from zotsync.model import Reason, Resolution
from zotsync.resolve.lockfile import save_lock

EVERY_SECONDS = 30.0

Old = tuple[Mapping[str, Resolution], Mapping[str, tuple[str, ...]]]  # the lock as read, its marks


class Merged(NamedTuple):
    """The lock with a run's decisions merged in."""

    lock: dict[str, Resolution]
    marks: dict[str, tuple[str, ...]]  # pending marks (what a decision still lacks)
    decided: int  # decisions merged (offline answers are not decisions)
    changed: bool  # whether the merged lock differs from the old one


def merge_decisions(
    old: Old, decided: Mapping[str, Resolution], pending: Mapping[str, tuple[str, ...]]
) -> Merged:
    """The lock and its pending marks with new decisions merged in.

    Offline answers are never decisions: they say nothing about the paper.
    """
    lock, old_pending = old
    new = {i: r for i, r in decided.items() if r.reason_kind is not Reason.OFFLINE}
    marks = {**old_pending, **{i: pending.get(i, ()) for i in new}}
    unchanged = all(lock.get(i) == r and old_pending.get(i, ()) == marks[i] for i, r in new.items())
    return Merged({**lock, **new}, {i: m for i, m in marks.items() if m}, len(new), not unchanged)


def save_decisions(
    path: Path,
    old: Old,
    decided: Mapping[str, Resolution],
    pending: Mapping[str, tuple[str, ...]],
) -> bool:
    """Merge new decisions (and their pending marks) into the lock and write it, unless nothing changed."""
    merged = merge_decisions(old, decided, pending)
    if not merged.changed and (path.exists() or not merged.decided):
        return False
    save_lock(path, merged.lock, merged.marks)
    return True


def unenriched(res: Resolution) -> tuple[str, ...]:
    """What a decision made but not yet enriched still lacks (its provisional pending marks)."""
    if not res.status.usable or res.paper is None or not res.paper.arxiv_id:
        return ()
    marks = []
    if not res.paper.categories:
        marks.append("arxiv")
    if not res.paper.venue and res.via not in ("s2", "s2-id"):
        marks.append("venue")
    return tuple(marks)


class Checkpoints:
    """Decisions as they are made, written to the lock now and then (thread-safe)."""

    def __init__(
        self,
        path: Path,
        old: Old,
        *,
        every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.path, self.old = path, old
        self.every = EVERY_SECONDS if every is None else every
        self._clock = clock
        self._last = clock()
        self._decided: dict[str, Resolution] = {}
        self._lock = threading.Lock()

    def add(self, ident: str, res: Resolution) -> None:
        with self._lock:
            self._decided[ident] = res
            if self._clock() - self._last >= self.every:
                self._write()

    def flush(self) -> None:
        with self._lock:
            if self._decided:
                self._write()

    def _write(self) -> None:
        decided = dict(self._decided)
        save_decisions(self.path, self.old, decided, {i: unenriched(r) for i, r in decided.items()})
        self._last = self._clock()
