"""The title stage's engine: items flow from service to service, each service in its own thread."""

from __future__ import annotations

import threading

import pytest

from zotsync.resolve.cascade import run_cascade


def test_items_go_on_only_until_a_service_settles_them():
    calls: list[tuple[str, tuple[str, ...]]] = []
    lock = threading.Lock()

    def handle(name, items):
        with lock:
            calls.append((name, tuple(items)))
        return {i for i in items if i.startswith(name)}  # "s2-x" is settled by s2

    orders = {i: ("arxiv", "s2", "hf") for i in ("arxiv-a", "s2-b", "hf-c", "none-d")}
    run_cascade(orders, {"arxiv": 10, "s2": 1, "hf": 1}, handle)
    seen = {
        name: {i for n, items in calls if n == name for i in items} for name in orders["arxiv-a"]
    }
    assert seen["arxiv"] == set(orders)  # everything starts at the first service, in one batch
    assert seen["s2"] == {"s2-b", "hf-c", "none-d"}
    assert seen["hf"] == {"hf-c", "none-d"}
    assert all(len(items) == 1 for n, items in calls if n != "arxiv")  # batch sizes honoured


def test_services_work_at_the_same_time():
    """S2 gets arXiv's leftovers while arXiv is still busy: arXiv's second call waits until
    S2 has answered for the first call's items (it would deadlock if they ran one after the other)."""
    s2_done = threading.Event()

    def handle(name, items):
        if name == "arxiv" and "second" in items:
            assert s2_done.wait(10), "S2 never ran while arXiv was busy"
        if name == "s2":
            s2_done.set()
        return set()

    orders = {"first": ("arxiv", "s2"), "second": ("arxiv", "s2")}
    run_cascade(orders, {"arxiv": 1, "s2": 1}, handle)
    assert s2_done.is_set()


def test_missing_services_are_skipped_and_errors_reach_the_caller():
    seen = []
    run_cascade({"x": ("hf", "s2")}, {"s2": 5}, lambda n, items: seen.append(n) or set())
    assert seen == ["s2"]
    run_cascade({"y": ("hf",)}, {"s2": 5}, lambda n, items: pytest.fail("no service to ask"))

    def boom(name, items):
        raise RuntimeError("service exploded")

    with pytest.raises(RuntimeError, match="exploded"):
        run_cascade({"z": ("arxiv",)}, {"arxiv": 1}, boom)
