"""Random interleavings of list edits, Zotero edits and syncs: no note text is lost, and the sides converge.

Each example starts from a fresh library and state. Edits carry unique tokens; after
every sync, the latest list text and the latest Zotero text of every note must still
be somewhere (the list or Zotero). When edits stop, the user settles any conflict
block (keeping both texts), and two syncs later both sides say the same thing.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from twokit import setup_small, zotero_html

from zotsync.notes.hashing import hash_html
from zotsync.parse import parse_file
from zotsync.twoway.both import sync_both_ways
from zotsync.twoway.status import status
from zotsync.zotero.notes import note_html

IDENTS = ("arxiv:1607.08022", "arxiv:1703.06868")
op = st.one_of(
    st.tuples(st.just("list"), st.sampled_from(IDENTS), st.booleans()),
    st.tuples(st.just("zotero"), st.sampled_from(IDENTS), st.booleans()),
    st.tuples(st.just("sync"), st.just(""), st.just(False)),
)
_counter = itertools.count()


def set_list_notes(path: str, ident: str, text: str) -> None:
    """Replace the entry's notes lines (conflict block included) with ``text``, as a user editing the list would."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    entry = next(e for e in parse_file(path).entries if e.ident == ident)
    new = ["  " + line if line else "" for line in text.split("\n")]
    if entry.notes_span:
        lines[entry.notes_span[0] - 1 : entry.notes_span[1]] = new
    else:
        lines[entry.line : entry.line] = new
    Path(path).write_text("\n".join(lines), encoding="utf-8")


def list_notes(path: str) -> dict[str, str]:
    return {e.ident: e.notes for e in parse_file(path).entries if e.ident in IDENTS}


def check(ops, config, server, remote):
    server.reset()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = dataclasses.replace(
            config,
            zotero=dataclasses.replace(config.zotero, state_dir=f"{tmp}/state"),
            resolve=dataclasses.replace(config.resolve, lock=f"{tmp}/zotsync.lock"),
        )
        path, keys = setup_small(cfg, Path(tmp))
        latest: dict[
            tuple[str, str], str
        ] = {}  # (side, ident) -> the token that side must still hold somewhere
        dirty: set[tuple[str, str]] = set()  # edits not synced yet
        for kind, ident, chinese in ops:
            token = f"tok{next(_counter)}" + ("中文" if chinese else "")
            if kind == "sync":
                sync_both_ways([path], cfg)
                everywhere = _text(path) + "".join(remote.item(k)["note"] for k in keys.values())
                lost = [t for t in latest.values() if t not in everywhere]
                assert not lost, (ops, lost)
                dirty.clear()
                continue
            other = "zotero" if kind == "list" else "list"
            if (other, ident) not in dirty or (
                kind == "list" and "zotsync:conflict" in list_notes(path)[ident]
            ):
                latest.pop(
                    (other, ident), None
                )  # synced to this side already: the user's edit replaces it
            if kind == "list":
                set_list_notes(path, ident, f"list says {token}")
            else:
                remote.edit(keys[ident], note=zotero_html(token))
            latest[(kind, ident)] = token
            dirty.add((kind, ident))
        for _ in range(3):  # edits stop; the user settles each conflict block, keeping both texts
            sync_both_ways([path], cfg)
            blocks = {i: n for i, n in list_notes(path).items() if "zotsync:conflict" in n}
            for ident, notes in blocks.items():
                body = "\n".join(
                    l.strip() for l in notes.split("\n") if l.strip() and "zotsync:" not in l
                )
                set_list_notes(path, ident, body)
            if not blocks:
                break
        sync_both_ways([path], cfg)
        everywhere = _text(path) + "".join(remote.item(k)["note"] for k in keys.values())
        assert all(t in everywhere for t in latest.values()), ops
        assert status([path], cfg).in_sync, ops
        notes = list_notes(path)
        for ident in IDENTS:
            assert hash_html(note_html("x", notes[ident])) == hash_html(
                remote.item(keys[ident])["note"]
            ), (ops, ident)


def _text(path: str) -> str:
    return re.sub(r"\s+", " ", Path(path).read_text(encoding="utf-8"))


OPS = st.lists(op, min_size=1, max_size=8)
SETTINGS = dict(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@settings(max_examples=examples(4), **SETTINGS)
@given(ops=OPS)
def test_interleavings_lose_no_text_and_converge(ops, tconfig, zotero_emulator, remote):
    check(ops, tconfig, zotero_emulator, remote)


@pytest.mark.slow
@settings(max_examples=examples(60), **SETTINGS)
@given(ops=st.lists(op, min_size=1, max_size=14))
def test_interleavings_lose_no_text_and_converge_long(ops, tconfig, zotero_emulator, remote):
    check(ops, tconfig, zotero_emulator, remote)
