"""Every service at once, each at its own pace: work items flow from one service to the next.

The title stage asks arXiv first (many titles per request, one request per 3 s), and only
what arXiv leaves open goes on to Semantic Scholar, then Hugging Face. Those services do not
wait for each other: :func:`run_cascade` gives each one a worker thread and a queue. A
worker takes what is waiting in its queue (up to its ``batch``), asks its service once,
and passes on every item its ``handle`` callback did not settle to the item's next service.
So while arXiv answers its tenth batch, S2 already looks up what the first nine left
open, and the wall time is the slowest service's, not the sum of all of them.

Each source keeps its own pacing (its :class:`~.sources.http.Gate`); a source is only ever
called from its own worker, one request at a time. A worker that raises stops the cascade
and the exception is re-raised in the caller's thread; so is ``KeyboardInterrupt`` (Ctrl-C
reaches the main thread, which waits in short slices): workers finish the request in flight
and stop.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Mapping, Sequence

Handle = Callable[[str, list[str]], set[str]]  # (service, items) -> the items it settled

_STOP = object()


def run_cascade(
    orders: Mapping[str, Sequence[str]],
    batches: Mapping[str, int],
    handle: Handle,
) -> None:
    """Send every item through its services in ``orders[item]`` until ``handle`` settles it.

    ``batches[name]`` is the most items one call of ``handle`` gets for that service;
    services missing from ``batches`` are skipped. Returns when every item is settled or
    has been through all its services.
    """
    names = [n for n in batches]
    queues: dict[str, queue.Queue] = {n: queue.Queue() for n in names}
    lock = threading.Lock()
    state = {"open": 0}
    done = threading.Event()
    errors: list[BaseException] = []
    stop = threading.Event()

    def forward(item: str, after: str | None) -> None:
        """Queue ``item`` for its next service after ``after`` (None: its first); else close it."""
        order = [n for n in orders[item] if n in queues]
        nxt = (
            order[order.index(after) + 1 :] if after in order else (order if after is None else [])
        )
        if nxt:
            queues[nxt[0]].put(item)
            return
        with lock:
            state["open"] -= 1
            if state["open"] == 0:
                done.set()

    def worker(name: str) -> None:
        q = queues[name]
        while not stop.is_set():
            first = q.get()
            if first is _STOP:
                return
            items = [first]
            while len(items) < batches[name]:
                try:
                    more = q.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    q.put(_STOP)
                    break
                items.append(more)
            try:
                settled = handle(name, items)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                errors.append(exc)
                stop.set()
                done.set()
                return
            for item in items:
                if item in settled:
                    with lock:
                        state["open"] -= 1
                        if state["open"] == 0:
                            done.set()
                else:
                    forward(item, name)

    state["open"] = len(orders)
    if not orders:
        return
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in names]
    for t in threads:
        t.start()
    try:
        for item in orders:
            forward(item, None)
        while not done.wait(0.2):
            pass
    finally:
        stop.set()
        for q in queues.values():
            q.put(_STOP)
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
