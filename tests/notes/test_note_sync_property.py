"""Random interleavings of list edits, Zotero edits and syncs (hypothesis state machine).

The world: a Markdown reading list (bytes, parsed by the real parser) and a fake Zotero
holding one note per paper, as its editor saves it. A sync runs the list side of
two-way note sync end to end with zotsync.notes: reconcile → pull edits / conflict
blocks spliced into the list's bytes → notes rendered by the push engine into Zotero.

Properties:
* no note text is ever lost: text typed on one side and not yet synced survives every
  sync (on its side, on the other side, or inside a conflict block) until the user acts
  on a conflict block that shows it;
* once edits stop and the user settles the conflict blocks, both sides converge and a
  further sync does nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from hypothesis_profiles import examples

from zotsync.notes.conflict import detect_conflicts, render_conflict
from zotsync.notes.hashing import hash_html, hash_markdown
from zotsync.notes.lines import line_texts
from zotsync.notes.placement import entry_end, list_style
from zotsync.notes.reconcile import reconcile
from zotsync.notes.rewrite import BlockNoteEdit, apply_edits
from zotsync.parse import parse_text
from zotsync.zotero.notes import note_html, render_markdown

TITLES = ["Alpha Paper One", "Beta Paper Two", "Gamma Paper Three"]
IDENTS = [f"arxiv:2401.0000{i + 1}" for i in range(len(TITLES))]

_WORDS = st.one_of(
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7),
    st.text("提出模型数据训练视觉语言扩散", min_size=1, max_size=4),
    st.sampled_from(["**key**", "<T>", "a < b", "&", "（注）", "2 * 3"]),
)
_LINE = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7),
    st.lists(_WORDS, max_size=6),
)
_BLOCK = st.one_of(
    _LINE, st.lists(_LINE, min_size=1, max_size=3).map(lambda xs: "\n".join("* " + x for x in xs))
)
NOTES = st.one_of(st.just(""), st.lists(_BLOCK, min_size=1, max_size=3).map("\n\n".join))


def editor_html(markdown: str) -> str | None:
    """Zotero's note as its editor saves it after the user typed ``markdown``."""
    return (
        f'<div data-schema-version="9">{render_markdown(markdown)}</div>'
        if markdown.strip()
        else None
    )


def same(a: str | None, b: str | None) -> bool:
    return hash_markdown(a or "") == hash_markdown(b or "")


class NoteSyncWorld(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.crlf = False
        self.data = b""
        self.zotero: dict[str, str | None] = {}
        self.base: dict[str, str | None] = {}
        self.dirty_list: dict[str, str] = {}  # unsynced text typed in the list
        self.dirty_zotero: dict[str, str] = {}  # unsynced text typed in Zotero

    # ------------------------------------------------------------------ world helpers

    def text(self) -> str:
        return self.data.decode("utf-8")

    def entries(self):
        entries = parse_text(self.text(), "list.md").entries
        assert [e.title for e in entries] == TITLES, (
            "a note was mistaken for an entry (or lost one)"
        )
        return entries

    def blocks(self):
        return {b.ident: b for b in detect_conflicts(self.text())}

    def list_side(self, ident: str) -> list[str]:
        """Every text the list holds for a paper: its notes, or both sides of its block."""
        block = self.blocks().get(ident)
        if block:
            return [block.list_text, block.zotero_text]
        entry = next(e for e in self.entries() if e.ident == ident)
        return [entry.notes]

    def place(self, entry, block, next_line, markdown: str) -> BlockNoteEdit:
        lines = line_texts(self.data, "utf-8")
        if block is not None:
            return BlockNoteEdit(markdown, span=block.span)
        if entry.notes_span:
            return BlockNoteEdit(markdown, span=entry.notes_span)
        return BlockNoteEdit(markdown, after_line=entry_end(lines, entry, next_line))

    # ------------------------------------------------------------------ rules

    @initialize(initial=st.lists(NOTES, min_size=3, max_size=3), crlf=st.booleans())
    def start(self, initial, crlf):
        parts = ["# Papers", ""]
        for title, ident, notes in zip(TITLES, IDENTS, initial):
            parts += [f"[{title}](https://arxiv.org/abs/{ident[6:]})", ""]
            parts += [notes, ""] if notes else []
        nl = "\r\n" if crlf else "\n"
        self.crlf = crlf
        self.data = nl.join(parts).replace("\n", nl).encode("utf-8")
        for ident, notes in zip(IDENTS, initial):  # as if pushed once already
            self.zotero[ident] = note_html("n", notes) if notes else None
            self.base[ident] = hash_markdown(notes)

    @rule(i=st.integers(0, 2), notes=NOTES)
    def edit_in_list(self, i, notes):
        entries = self.entries()
        entry, ident = entries[i], IDENTS[i]
        block = self.blocks().get(ident)
        nxt = entries[i + 1].line if i + 1 < len(entries) else None
        if not notes and not entry.notes_span and block is None:
            return
        self.data = apply_edits(self.data, "utf-8", [self.place(entry, block, nxt, notes)])
        self.dirty_list[ident] = notes
        if block is not None:  # the user settled the block by hand: they saw Zotero's text
            self.dirty_zotero.pop(ident, None)

    @rule(i=st.integers(0, 2), notes=NOTES)
    def edit_in_zotero(self, i, notes):
        self.zotero[IDENTS[i]] = editor_html(notes)
        self.dirty_zotero[IDENTS[i]] = notes

    @rule(i=st.integers(0, 2), in_list=NOTES, in_zotero=NOTES)
    def edit_on_both_sides(self, i, in_list, in_zotero):
        self.edit_in_list(i, in_list)
        self.edit_in_zotero(i, in_zotero)

    @rule(keep=st.sampled_from(["list", "zotero"]))
    def settle_a_block_by_emptying_a_side(self, keep):
        """The user empties one side of a conflict block, leaving the markers for sync to read."""
        blocks = sorted(self.blocks().values(), key=lambda b: b.start_line)
        if not blocks:
            return
        block = blocks[0]
        if not (block.zotero_text if keep == "list" else block.list_text).strip():
            return  # that side is empty already: nothing to do, no choice made
        lines = line_texts(self.data, "utf-8")[block.start_line - 1 : block.end_line]
        middle = next(
            n
            for n, line in enumerate(lines)
            if line.lstrip().startswith("<!-- zotsync:conflict zotero")
        )
        kept = lines[: middle + 1] + lines[-1:] if keep == "list" else lines[:1] + lines[middle:]
        self.data = apply_edits(
            self.data, "utf-8", [BlockNoteEdit("\n".join(kept), span=block.span)]
        )
        self.dirty_list[block.ident] = block.list_text if keep == "list" else block.zotero_text
        self.dirty_zotero.pop(block.ident, None)

    @rule()
    def sync(self):
        entries = self.entries()
        blocks = self.blocks()
        style = list_style(entries)
        edits = []
        for n, (entry, ident) in enumerate(zip(entries, IDENTS)):
            block = blocks.get(ident)
            d = reconcile(
                self.base[ident],
                entry.notes if block is None else "",
                self.zotero[ident],
                style,
                block=block,
            )
            event(d.outcome)
            nxt = entries[n + 1].line if n + 1 < len(entries) else None
            if d.conflict is not None:
                markdown = render_conflict(ident, *d.conflict)
                edits.append(self.place(entry, block, nxt, markdown))
            elif d.list_notes is not None and (entry.notes_span or block or d.list_notes.strip()):
                edits.append(self.place(entry, block, nxt, d.list_notes))
            if d.zotero_notes is not None:
                self.zotero[ident] = (
                    note_html("n", d.zotero_notes) if d.zotero_notes.strip() else None
                )
            if d.store_base:
                self.base[ident] = d.base
            if d.outcome in ("push", "converged", "resolved"):
                self.dirty_list.pop(ident, None)
            if d.outcome in ("pull", "converged", "resolved"):
                self.dirty_zotero.pop(ident, None)
            if d.outcome == "push":
                self.dirty_zotero.pop(ident, None)
            if d.outcome == "pull":
                self.dirty_list.pop(ident, None)
        self.data = apply_edits(self.data, "utf-8", edits)

    # ------------------------------------------------------------------ properties

    @invariant()
    def no_text_is_lost(self):
        if not self.data:
            return
        for ident in IDENTS:
            visible = self.list_side(ident) + [self._zotero_markdown(ident)]
            for side, dirty in (("list", self.dirty_list), ("zotero", self.dirty_zotero)):
                if ident in dirty:
                    assert any(same(dirty[ident], v) for v in visible), (
                        side,
                        ident,
                        dirty[ident],
                        visible,
                    )

    @invariant()
    def line_endings_kept(self):
        if self.crlf and self.data:
            assert b"\n" not in self.data.replace(b"\r\n", b"")

    def _zotero_markdown(self, ident: str) -> str:
        from zotsync.notes.html2md import html2md

        return html2md(self.zotero[ident] or "")

    def teardown(self):
        if not self.data:
            return
        # edits stop; sync, the user settles every block (keeping the list's side), sync twice
        self.sync()
        entries = self.entries()
        for n, (entry, ident) in enumerate(zip(entries, IDENTS)):
            block = self.blocks().get(ident)
            if block is not None:
                nxt = entries[n + 1].line if n + 1 < len(entries) else None
                self.data = apply_edits(
                    self.data, "utf-8", [self.place(entry, block, nxt, block.list_text)]
                )
                self.dirty_list[ident] = block.list_text
                self.dirty_zotero.pop(ident, None)
                entries = self.entries()
        self.sync()
        self.sync()
        assert self.blocks() == {}
        for entry, ident in zip(self.entries(), IDENTS):
            assert hash_markdown(entry.notes) == hash_html(self.zotero[ident]), ident
            assert (
                reconcile(
                    self.base[ident], entry.notes, self.zotero[ident], list_style(self.entries())
                ).outcome
                == "unchanged"
            )


NoteSyncWorld.TestCase.settings = settings(
    max_examples=examples(30), stateful_step_count=14, deadline=None
)
test_note_sync_interleavings = NoteSyncWorld.TestCase


@pytest.mark.slow
def test_note_sync_interleavings_long():
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(
        NoteSyncWorld,
        settings=settings(max_examples=examples(300), stateful_step_count=30, deadline=None),
    )
