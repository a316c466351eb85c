"""Round trip on all five real reading lists: push, edit notes in Zotero, pull, pull again, push.

The list must differ from the original only in the edited notes' lines, a second pull
must change nothing, and a push right after must send no write request (emulator log).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from twokit import SEEDS, lock_for, note_keys, write_list, zotero_html

from zotsync.notes.hashing import normalise_markdown
from zotsync.notes.html2md import html2md
from zotsync.notes.lines import line_texts
from zotsync.notes.placement import entry_end, list_style
from zotsync.parse import parse_file
from zotsync.push.push import push
from zotsync.twoway.context import entry_views, read_list_files
from zotsync.twoway.pull import pull
from zotsync.twoway.status import status

NOTED = [s for s in SEEDS if any(e.notes.strip() for e in parse_file(s).entries)]
HF_PAGES = [s for s in SEEDS if parse_file(s).dialect == "hf"]


def _changed_old_lines(old: list[str], new: list[str]) -> set[int]:
    """1-based numbers of the original lines a diff touches (an insertion touches the line before it)."""
    touched: set[int] = set()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            touched |= set(range(i1 + 1, i2 + 1)) if i2 > i1 else {i1}
    return touched


def test_the_seed_lists_cover_both_kinds():
    assert len(NOTED) + len(HF_PAGES) == len(SEEDS) == 5 and NOTED and HF_PAGES


@pytest.mark.parametrize("seed", NOTED, ids=lambda p: p.name[:3])
def test_zotero_note_edits_come_back_into_only_those_notes(seed, tconfig, remote, tmp_path):
    path = write_list(tmp_path, seed.read_bytes(), "list.md")
    lock_for(tconfig, [path])
    first = push([path], tconfig)
    assert first.applied and not first.result.failed
    original = Path(path).read_bytes()
    keys = note_keys(tconfig, first.plan.library)
    lf = read_list_files([path])[0]
    views = [v for v in entry_views(lf, {}) if v.note_slot in keys and v.entry.notes.strip()]
    edited = views[::2][:6]
    assert edited, "every seed list has notes to edit"
    for n, view in enumerate(edited):
        remote.edit(keys[view.note_slot], note=zotero_html(f"point {n}"))

    before = {r.line: r.note for r in status([path], tconfig).rows}
    assert {v.entry.line for v in edited} <= {
        line for line, note in before.items() if note == "zotero"
    }

    outcome = pull([path], tconfig)
    assert outcome.written == [path]

    # only the edited notes changed, each to the Zotero text in the list's style
    old_lines, new_lines = (
        line_texts(original, "utf-8"),
        line_texts(Path(path).read_bytes(), "utf-8"),
    )
    allowed = set()
    for view in edited:
        allowed |= set(range(view.entry.line, entry_end(old_lines, view.entry, view.next_line) + 1))
    assert _changed_old_lines(old_lines, new_lines) <= allowed
    style = list_style(lf.entries)
    for old, new in zip(lf.entries, parse_file(path).entries):
        assert (old.title, old.section, old.links) == (new.title, new.section, new.links)
        if old.line in {v.entry.line for v in edited}:
            want = html2md(
                zotero_html("x"), style.as_inline() if old.hints.get("notes_inline") else style
            )
            assert "中文笔记" in new.notes and "first point" in new.notes
            assert normalise_markdown(new.notes).count("first point") == normalise_markdown(
                want
            ).count("first point")
        else:
            assert new.notes == old.notes

    # pull again: nothing; push: no write at all; status: all in sync
    pulled_bytes = Path(path).read_bytes()
    again = pull([path], tconfig)
    assert not again.written and not again.state_changes and Path(path).read_bytes() == pulled_bytes
    writes = len(remote.writes())
    pushed = push([path], tconfig)
    assert pushed.plan.is_empty, [w.label for w in pushed.plan.writes]
    assert len(remote.writes()) == writes
    assert all(r.note in ("unchanged", "none") for r in status([path], tconfig).rows)


@pytest.mark.parametrize("seed", HF_PAGES, ids=lambda p: p.name[:3])
def test_a_copied_hf_page_is_never_touched_and_notes_written_in_zotero_stay(
    seed, tconfig, remote, tmp_path
):
    """HF pages have no place for notes: the user's Zotero notes stay in Zotero, untouched, and the page byte-identical."""
    path = write_list(tmp_path, seed.read_bytes(), "page.md")
    lock_for(tconfig, [path])
    push([path], tconfig)
    original = Path(path).read_bytes()
    parents = [i["key"] for i in remote.items() if not i.get("parentItem")][:3]
    mine = remote.create(
        [
            {
                "itemType": "note",
                "parentItem": k,
                "note": zotero_html(f"my own {n}"),
                "tags": [],
                "collections": [],
                "relations": {},
            }
            for n, k in enumerate(parents)
        ]
    )
    versions = {k: remote.item(k)["version"] for k in mine}
    for unmanaged in (False, True):
        outcome = pull([path], tconfig, pull_unmanaged=unmanaged)
        assert Path(path).read_bytes() == original and not outcome.written
    skipped = [d for d in outcome.plan.acted if d.action == "skipped"]
    assert len(skipped) == 3 and all("Hugging Face" in d.message for d in skipped)
    writes = len(remote.writes())
    assert push([path], tconfig).plan.writes == ()
    assert len(remote.writes()) == writes
    assert {k: remote.item(k)["version"] for k in mine} == versions
