"""`zotsync status` accounts for everything a push would touch: entries with no decision yet, entries the user
left out, and papers the list no longer names that still sit in its collections."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from twokit import SMALL, edit_list, setup_small, write_list

from zotsync.cli.status import render
from zotsync.model import Status
from zotsync.push.push import push
from zotsync.resolve.lockfile import load_lock, save_lock
from zotsync.twoway.status import status

CONVERGENT = "arxiv:1511.07543"
ADAIN = "arxiv:1703.06868"


def test_a_list_never_resolved_is_not_called_in_sync(tconfig, remote, tmp_path):
    path = write_list(tmp_path, SMALL)
    report = status([path], tconfig)
    assert {r.item for r in report.rows} == {"unresolved"} and {
        r.collections for r in report.rows
    } == {"unresolved"}
    text = render(report)
    assert (
        "3 entries have no usable decision in the lock" in text
        and "Everything is in sync" not in text
    )


def test_a_rejected_entry_is_left_out_not_unresolved(tconfig, remote, tmp_path):
    path, _ = setup_small(tconfig, tmp_path)
    lock = load_lock(tconfig.resolve.lock)
    lock[CONVERGENT] = dataclasses.replace(lock[CONVERGENT], status=Status.REJECTED)
    save_lock(tconfig.resolve.lock, lock)
    rows = {r.ident: r for r in status([path], tconfig).rows}
    assert rows[CONVERGENT].item == "left-out" and rows[ADAIN].item == "unchanged"


def test_a_paper_removed_from_the_list_shows_until_the_push_takes_it_out(tconfig, remote, tmp_path):
    path, _ = setup_small(tconfig, tmp_path)
    edit_list(
        path,
        "- [Convergent Learning: Do different neural networks learn the same representations?]"
        "(https://arxiv.org/abs/1511.07543)\n",
        "",
    )
    report = status([path], tconfig)
    assert not report.in_sync and [slot for slot, _ in report.unlisted] == [CONVERGENT]
    assert "Convergent Learning" in render(report) and "the next push takes them out" in render(
        report
    )
    push([path], tconfig)
    after = status([path], tconfig)
    assert after.in_sync and after.unlisted == []
    assert "Everything is in sync" in render(after)
    assert Path(path).exists()
