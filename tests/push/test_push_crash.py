"""Crash safety: lose the answer to EVERY write request of a sync in turn, re-run, converge.

For each write request n of an undisturbed sync, a fresh library gets the same
sync with a fault on request n: ``drop`` (the server applies the write, then
closes the connection without answering) or ``reset`` (closed before handling).
The client is built with one attempt, so the run dies there like a killed process.
Re-running must converge to exactly the undisturbed library: no duplicate item,
collection or note, nothing missing, and a further run writes nothing.
"""

from __future__ import annotations

import dataclasses

import pytest
from pushkit import canonical, corpus_entries, resolutions_for

from zotsync.errors import ServiceError
from zotsync.push.push import PushOptions, push_lists
from zotsync.zotero.client import ZoteroClient


def phases():
    """A cold push of 120 entries (5 write requests), then an edit sync touching every kind."""
    cold = corpus_entries(120, sections=(("A",), ("A", "B"), ("C",), ("C", "D", "E")))
    edited = [
        dataclasses.replace(e, notes=e.notes + " (edited)") if i % 6 == 0 else e
        for i, e in enumerate(cold[:100])
    ]
    edited = [
        dataclasses.replace(e, section=("F",)) if i % 5 == 1 else e for i, e in enumerate(edited)
    ]
    res = resolutions_for(cold)
    return [("reading", cold)], [("reading", edited)], res


def _sync(config, lists, res, attempts=4):
    client = ZoteroClient(config.require_zotero(), attempts=attempts, sleep=lambda s: None)
    try:
        return push_lists(lists, res, config, PushOptions(prune=True), client=client)
    finally:
        client.close()


def _fresh(zotero_emulator, zconfig, tmp_path, n):
    zotero_emulator.reset()
    state = tmp_path / f"state{n}"
    return dataclasses.replace(
        zconfig, zotero=dataclasses.replace(zconfig.zotero, state_dir=str(state))
    )


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["drop", "reset"])
@pytest.mark.parametrize("phase", ["cold", "edit"])
def test_losing_any_write_answer_converges_to_the_undisturbed_library(
    zotero_emulator, zconfig, remote, tmp_path, fault, phase
):
    cold, edited, res = phases()
    steps = [cold] if phase == "cold" else [cold, edited]

    config = _fresh(zotero_emulator, zconfig, tmp_path, "ref")
    for lists in steps:
        _sync(config, lists, res)
    reference = canonical(remote)
    writes_in_last_step = _sync(
        _fresh(zotero_emulator, zconfig, tmp_path, "count"), steps[0], res
    ).requests.writes
    if phase == "edit":
        zotero_emulator.reset()
        config = _fresh(zotero_emulator, zconfig, tmp_path, "count2")
        _sync(config, cold, res)
        writes_in_last_step = _sync(config, edited, res).requests.writes
    assert writes_in_last_step >= 2

    for n in range(writes_in_last_step):
        config = _fresh(zotero_emulator, zconfig, tmp_path, n)
        for lists in steps[:-1]:
            _sync(config, lists, res)
        zotero_emulator.faults.install([{"kind": fault, "match": {"method": "POST"}, "after": n}])
        with pytest.raises(ServiceError):
            _sync(config, steps[-1], res, attempts=1)  # the "process" dies on the lost answer
        zotero_emulator.faults.clear()
        _sync(config, steps[-1], res)  # re-run
        assert canonical(remote) == reference, f"diverged after losing write {n}"
        again = _sync(config, steps[-1], res)
        assert again.requests.writes == 0, (
            f"not converged after losing write {n}: {again.plan.writes[:3]}"
        )


@pytest.mark.slow
def test_dropped_answers_are_recovered_within_the_same_run(
    zotero_emulator, zconfig, remote, tmp_path
):
    cold, _, res = phases()
    config = _fresh(zotero_emulator, zconfig, tmp_path, "ref")
    _sync(config, cold, res)
    reference = canonical(remote)
    config = _fresh(zotero_emulator, zconfig, tmp_path, "drops")
    zotero_emulator.faults.install(
        [{"kind": "drop", "match": {"method": "POST"}, "after": k} for k in (0, 2, 4)]
    )
    outcome = _sync(config, cold, res)
    assert not outcome.result.failed
    assert canonical(remote) == reference
