"""Property: any sequence of list edits and Zotero-side edits, then push → the next plan is empty
and no edit the user made in Zotero is lost."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from pushkit import CORPUS, arxiv_of, run

from zotsync.model import Entry

POOL = sorted(CORPUS.values(), key=lambda p: p.arxiv_id)[:8]
SECTIONS = [("A",), ("A", "B"), ("C",)]

idx = st.integers(0, len(POOL) - 1)
text = st.text(alphabet="abc 中文*[]()-\n", min_size=0, max_size=20)
ops = st.one_of(
    st.tuples(st.just("note"), idx, text),
    st.tuples(st.just("move"), idx, st.sampled_from(SECTIONS)),
    st.tuples(st.just("remove"), idx),
    st.tuples(st.just("add"), idx, st.sampled_from(SECTIONS)),
    st.tuples(
        st.just("z_title"),
        idx,
        st.text(alphabet="xyz ", min_size=1, max_size=8).map(str.strip).filter(bool),
    ),
    st.tuples(st.just("z_note"), idx, st.text(alphabet="xyz", min_size=1, max_size=8)),
    st.tuples(st.just("z_tag"), idx, st.sampled_from(["mine", "to-read"])),
    st.tuples(st.just("z_collect"), idx),
    st.tuples(st.just("z_uncollect"), idx),
    st.tuples(st.just("z_untag"), idx),
    st.tuples(st.just("z_file"), idx, st.sampled_from(SECTIONS)),
    st.just(("push",)),
)


def entry(i: int, section: tuple[str, ...], notes: str = "") -> Entry:
    p = POOL[i]
    return Entry(
        source="list.md",
        line=i + 1,
        raw=p.title,
        section=section,
        title=p.title,
        arxiv_id=p.arxiv_id,
        notes=notes,
    )


class World:
    """The reading list, plus a record of every edit the user made in Zotero."""

    def __init__(self, remote):
        self.remote = remote
        self.entries: dict[int, Entry] = {
            i: entry(i, SECTIONS[i % 3], "first note" if i % 2 else "") for i in range(4)
        }
        self.user_fields: dict[tuple[str, str], str] = {}  # (key, field) -> value the user set
        self.user_tags: dict[str, set[str]] = {}
        self.untagged: dict[str, set[str]] = {}  # zotsync's tags the user removed in Zotero
        self.user_colls: set[str] = set()  # items the user put into their own collection
        # per entry: (item key, zotsync collections the user took it out of / filed it in, in Zotero)
        self.taken_out: dict[int, tuple[str, set[str]]] = {}
        self.filed: dict[int, tuple[str, set[str]]] = {}
        self._own: str | None = None

    def own_collection(self) -> str:
        if self._own is None:
            r = requests.post(
                f"{self.remote.base}/collections",
                json=[{"name": "My own"}],
                headers=self.remote.headers,
                timeout=10,
            )
            self._own = r.json()["successful"]["0"]["key"]
        return self._own

    def item(self, i: int, parent: bool = True):
        items = self.remote.items()
        top = next(
            (x for x in items if not x.get("parentItem") and arxiv_of(x) == POOL[i].arxiv_id), None
        )
        if parent or top is None:
            return top
        return next(
            (
                x
                for x in items
                if x.get("parentItem") == top["key"] and "data-zotsync" in x.get("note", "")
            ),
            None,
        )

    def apply(self, op) -> None:
        kind, i = op[0], (op[1] if len(op) > 1 else None)
        if kind == "note" and i in self.entries:
            self.entries[i] = dataclasses.replace(self.entries[i], notes=op[2])
        elif kind == "move" and i in self.entries:
            self.entries[i] = dataclasses.replace(self.entries[i], section=op[2])
            self.forget_membership_edits(i)  # the list placed it anew: the list's placement counts
        elif kind == "remove":
            self.entries.pop(i, None)
        elif kind == "add" and i not in self.entries:
            self.entries[i] = entry(i, op[2])
            self.forget_membership_edits(i)
        elif kind in ("z_title", "z_note"):
            target = self.item(i, parent=kind == "z_title")
            if target is not None:
                name = "title" if kind == "z_title" else "note"
                value = op[2] if name == "title" else f"<p>{op[2]}</p>"
                self.remote.edit(target["key"], **{name: value})
                self.user_fields[(target["key"], name)] = value
        elif kind == "z_collect":  # the user files the item in a collection of their own
            target = self.item(i)
            if target is not None:
                mine = self.own_collection()
                self.remote.edit(target["key"], collections=sorted({*target["collections"], mine}))
                self.user_colls.add(target["key"])
        elif kind == "z_uncollect":  # the user takes the item out of zotsync's collections
            target = self.item(i)
            if target is not None:
                theirs = [k for k in target["collections"] if k != self._own]
                self.remote.edit(
                    target["key"], collections=[k for k in target["collections"] if k == self._own]
                )
                self.taken_out.setdefault(i, (target["key"], set()))[1].update(theirs)
                self.filed.pop(i, None)
        elif kind == "z_file":  # the user files the item in another of zotsync's collections
            target, key = self.item(i), self.collection_key(op[2])
            if target is not None and key is not None and key not in target["collections"]:
                self.remote.edit(target["key"], collections=[*target["collections"], key])
                self.filed.setdefault(i, (target["key"], set()))[1].add(key)
                if i in self.taken_out:
                    self.taken_out[i][1].discard(key)
        elif (
            kind == "z_untag"
        ):  # the user removes zotsync's tags (the arXiv categories) from the item
            target = self.item(i)
            if target is not None:
                gone = {t["tag"] for t in target["tags"] if t.get("type") == 1}
                self.remote.edit(
                    target["key"], tags=[t for t in target["tags"] if t["tag"] not in gone]
                )
                self.untagged.setdefault(target["key"], set()).update(gone)
        elif kind == "z_tag":
            target = self.item(i)
            if target is not None:
                self.remote.edit(target["key"], tags=[*target["tags"], {"tag": op[2]}])
                self.user_tags.setdefault(target["key"], set()).add(op[2])

    def collection_key(self, path: tuple[str, ...]) -> str | None:
        by_key = {c["key"]: c for c in self.remote.collections()}

        def path_of(c) -> tuple[str, ...]:
            parent = by_key.get(c.get("parentCollection") or "")
            return (*(path_of(parent) if parent else ()), c["name"])

        return next((k for k, c in by_key.items() if path_of(c) == ("list", *path)), None)

    def forget_membership_edits(self, i: int) -> None:
        self.taken_out.pop(i, None)
        self.filed.pop(i, None)

    def lists(self):
        return [("list", [self.entries[i] for i in sorted(self.entries)])]

    def check_user_edits_kept(self) -> None:
        for (key, name), value in self.user_fields.items():
            assert self.remote.item(key)[name] == value, f"user's {name} of {key} lost"
        for key in self.user_colls:
            assert self._own in self.remote.item(key)["collections"], (
                f"{key} left the user's own collection"
            )
        for key, out in self.taken_out.values():
            assert not out & set(self.remote.item(key)["collections"]), (
                f"{key} put back into a collection the user left"
            )
        for key, filed in self.filed.values():
            assert filed <= set(self.remote.item(key)["collections"]), (
                f"{key} taken out of a collection the user chose"
            )
        for key, gone in self.untagged.items():
            assert not gone & {t["tag"] for t in self.remote.item(key)["tags"]}, (
                f"{key}: a removed tag is back"
            )
        for key, tags in self.user_tags.items():
            assert tags <= {t["tag"] for t in self.remote.item(key)["tags"]}, (
                f"user's tags of {key} lost"
            )


def check(zotero_emulator, zconfig, remote, sequence) -> None:
    zotero_emulator.reset()
    config = dataclasses.replace(
        zconfig,
        zotero=dataclasses.replace(
            zconfig.zotero, state_dir=str(Path(tempfile.mkdtemp()) / "state")
        ),
    )
    world = World(remote)
    run(config, world.lists())
    for op in [*sequence, ("push",)]:
        if op[0] == "push":
            run(config, world.lists())
            again = run(config, world.lists())
            assert again.plan.is_empty, (again.plan.writes, again.plan.acks, again.plan.conflicts)
            world.check_user_edits_kept()
        else:
            world.apply(op)


_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings(max_examples=examples(3), **_SETTINGS)
@given(st.lists(ops, min_size=1, max_size=6))
def test_push_converges_and_never_loses_a_user_edit(zotero_emulator, zconfig, remote, sequence):
    check(zotero_emulator, zconfig, remote, sequence)


@pytest.mark.slow
@settings(max_examples=examples(60), **_SETTINGS)
@given(st.lists(ops, min_size=1, max_size=16))
def test_push_converges_and_never_loses_a_user_edit_many(
    zotero_emulator, zconfig, remote, sequence
):
    check(zotero_emulator, zconfig, remote, sequence)
