"""Pull on the real seed lists, parsed by zotsync.parse: an unedited note changes nothing; an
edited one changes only its own notes, and the list parses back to exactly the new notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from zotsync.errors import RefusedError
from zotsync.notes.conflict import detect_conflicts
from zotsync.notes.html2md import html2md
from zotsync.notes.lines import line_texts
from zotsync.notes.placement import (
    conflict_edit,
    entry_end,
    item_indent,
    list_style,
    pull_edits,
    resolved_edits,
)
from zotsync.notes.rewrite import apply_edits
from zotsync.parse import parse_text
from zotsync.zotero.notes import note_html

SEEDS = {
    p.name[:3]: p for p in (Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt")
}
EDITED = (
    '<div data-schema-version="9"><p>在Zotero里改过的笔记 <strong>important</strong>，'
    'see <a href="https://github.com/x/y" rel="noopener noreferrer nofollow">code</a></p></div>'
)


def load(key: str, encoding: str = "utf-8", crlf: bool = False):
    text = SEEDS[key].read_text(encoding="utf-8")
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    result = parse_text(data.decode(encoding), SEEDS[key].name)
    return data, result.entries


def next_lines(entries):
    return [entries[i + 1].line if i + 1 < len(entries) else None for i in range(len(entries))]


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_an_unedited_pushed_note_pulls_as_no_change(key):
    data, entries = load(key)
    lines, style = line_texts(data, "utf-8"), list_style(entries)
    for entry, nxt in zip(entries, next_lines(entries)):
        pushed = note_html("n-1", entry.notes, entry.links)
        if pushed is not None:
            assert pull_edits(lines, entry, pushed, style, next_line=nxt) == [], entry.line


@pytest.mark.parametrize("encoding,crlf", [("utf-8", False), ("gb18030", True), ("utf-16", False)])
def test_editing_every_third_awesome_note_changes_only_those_lines(encoding, crlf):
    data, entries = load("004", encoding, crlf)
    lines, style = line_texts(data, encoding), list_style(entries)
    edited = [e for e in entries if e.notes][::3]
    edits = [edit for e in edited for edit in pull_edits(lines, e, EDITED, style)]
    new = apply_edits(data, encoding, edits)
    new_lines = line_texts(new, encoding)
    changed = {n for n, (a, b) in enumerate(zip(lines, new_lines), 1) if a != b}
    assert len(new_lines) == len(lines) and changed == {e.line for e in edited}
    reparsed = parse_text(new.decode(encoding), SEEDS["004"].name).entries
    want = html2md(EDITED, style.as_inline())
    for before, after in zip(entries, reparsed):
        assert after.title == before.title and after.links == before.links
        if before in edited:
            assert after.notes.split("\n")[0] == want
        else:
            assert after.notes == before.notes
    # and pulling the same note again changes nothing
    again = [
        edit
        for e in reparsed
        if e.line in changed
        for edit in pull_edits(new_lines, e, EDITED, style)
    ]
    assert again == []


def test_awesome_parentheticals_map_one_to_one():
    data, entries = load("004")
    lines = line_texts(data, "utf-8")
    entry = next(
        e for e in entries if e.notes.count("\n") == 1
    )  # Illustrious: (summary) (**Notes**：…)
    first, second = entry.notes.split("\n")
    style = list_style(entries)
    cases = {
        "add a third": (f"<p>{first}<br>{second}<br>第三条</p>", [first, second, "第三条"]),
        "drop the second": (f"<p>{first}</p>", [first]),
        "edit the second": (f"<p>{first}</p><p>改了</p>", [first, "改了"]),
    }
    for name, (html, expected) in cases.items():
        html = html.replace("**Notes**", "<strong>Notes</strong>")
        new = apply_edits(data, "utf-8", pull_edits(lines, entry, html, style))
        reparsed = parse_text(new.decode(), "004").entries
        again = next(e for e in reparsed if e.line == entry.line)
        assert again.notes.split("\n") == expected, name
        assert line_texts(new, "utf-8")[: entry.line - 1] == lines[: entry.line - 1]


def test_an_awesome_entry_without_notes_gets_one_after_its_title_link():
    data, entries = load("004")
    lines = line_texts(data, "utf-8")
    entry = next(e for e in entries if not e.notes)
    new = apply_edits(data, "utf-8", pull_edits(lines, entry, "<p>新笔记</p>", list_style(entries)))
    line = line_texts(new, "utf-8")[entry.line - 1]
    assert line.replace(" (新笔记)", "", 1) == lines[entry.line - 1]
    assert line.index(" (新笔记)") == line.index(")") + 1 or line.index(" (新笔记)") > line.index(
        "]("
    )
    again = next(e for e in parse_text(new.decode(), "004").entries if e.line == entry.line)
    assert again.notes == "新笔记"


def test_markdown_notes_replaced_inserted_and_parsed_back():
    data, entries = load("000", crlf=True)
    lines, style = line_texts(data, "utf-8"), list_style(entries)
    with_notes = next(e for e in entries if e.notes)
    without = next(e for e in entries if not e.notes and e.line > with_notes.line)
    html = '<div data-schema-version="9"><p>新的结论</p><ul><li><p>point <em>one</em></p></li><li><p>two</p></li></ul></div>'
    nxt = dict(zip([e.line for e in entries], next_lines(entries)))
    edits = pull_edits(lines, with_notes, html, style) + pull_edits(
        lines, without, html, style, next_line=nxt[without.line]
    )
    new = apply_edits(data, "utf-8", edits)
    assert b"\n" not in new.replace(b"\r\n", b"")  # CRLF kept for the new lines too
    reparsed = parse_text(new.decode(), "000").entries
    assert [e.title for e in reparsed] == [e.title for e in entries]
    by_title = {e.title: e for e in reparsed}
    assert (
        by_title[with_notes.title].notes
        == by_title[without.title].notes
        == "新的结论\n\n* point *one*\n* two"
    )
    assert sum(e.notes != b.notes for e, b in zip(reparsed, entries)) == 2


def test_hf_pages_refuse_new_notes_rather_than_invent_papers():
    data, entries = load("001")
    with pytest.raises(RefusedError, match="Hugging Face"):
        pull_edits(line_texts(data, "utf-8"), entries[0], "<p>x</p>", list_style(entries))
    assert pull_edits(line_texts(data, "utf-8"), entries[0], "<p></p>", list_style(entries)) == []


@pytest.mark.parametrize("key", ["000", "004"])
def test_conflict_blocks_keep_both_versions_and_every_entry(key):
    data, entries = load(key)
    lines = line_texts(data, "utf-8")
    entry = next(e for e in entries if e.notes)
    edit = conflict_edit(lines, entry, "Zotero 版本\n\n* z", zotero_edited="2026-11-22")
    new = apply_edits(data, "utf-8", [edit])
    [block] = detect_conflicts(new.decode())
    assert (block.ident, block.list_text, block.zotero_text) == (
        entry.ident,
        entry.notes,
        "Zotero 版本\n\n* z",
    )
    reparsed = parse_text(new.decode(), key).entries
    assert [e.title for e in reparsed] == [e.title for e in entries]


def test_entry_end_and_item_indent():
    lines = ["1. [A](u) (n)", "   [[Code](c)]", "", "2. [B](v)", "", "#### Section", "x"]
    data = "\n".join(lines).encode()
    entries = parse_text(data.decode(), "t").entries
    assert entry_end(lines, entries[0]) == 2
    assert entry_end(lines, entries[1]) == 4
    assert item_indent("12. [T](u)") == "    " and item_indent("[T](u)") == ""


@pytest.mark.parametrize("key", ["000", "004"])
@pytest.mark.parametrize("keep", ["list", "zotero"])
def test_conflict_then_settle_restores_the_list_exactly(key, keep):
    """Both sides edited -> block; the user empties one side -> sync writes the chosen notes.
    Keeping the list's side gives back the very bytes the user had; every other line is untouched."""
    from zotsync.notes.conflict import detect_conflicts
    from zotsync.notes.hashing import hash_markdown
    from zotsync.notes.reconcile import reconcile

    data, entries = load(key, crlf=True)
    lines, style = line_texts(data, "utf-8"), list_style(entries)
    entry = next(e for e in entries if e.notes)
    if entry.hints.get("notes_inline"):
        style = style.as_inline()
    base = hash_markdown(entry.notes)
    theirs = '<div data-schema-version="9"><p>Zotero 里的新版本</p><p>第二段</p></div>'
    decision = reconcile(base, entry.notes + " (edited)", theirs, style)  # the list was edited too
    assert decision.outcome == "conflict"
    mine, zotero_md = decision.conflict
    conflicted = apply_edits(
        data, "utf-8", [conflict_edit(lines, entry, zotero_md, list_markdown=mine)]
    )
    [block] = detect_conflicts(conflicted.decode())
    # the user empties one side of the block, keeping the markers
    c_lines = line_texts(conflicted, "utf-8")
    inner = c_lines[block.start_line - 1 : block.end_line]
    middle = next(i for i, line in enumerate(inner) if "zotsync:conflict zotero" in line)
    kept = inner[: middle + 1] + inner[-1:] if keep == "list" else inner[:1] + inner[middle:]
    from zotsync.notes.rewrite import BlockNoteEdit

    settled = apply_edits(
        conflicted, "utf-8", [BlockNoteEdit("\n".join(kept), span=block.span, indent="")]
    )
    [block] = detect_conflicts(settled.decode())
    reparsed = next(e for e in parse_text(settled.decode(), key).entries if e.ident == entry.ident)
    decision = reconcile(decision.base, "", theirs, style, block=block)
    assert decision.outcome == "resolved"
    final = apply_edits(
        settled,
        "utf-8",
        resolved_edits(line_texts(settled, "utf-8"), reparsed, block, decision.list_notes),
    )
    assert detect_conflicts(final.decode()) == []
    after = parse_text(final.decode(), key).entries
    assert [e.title for e in after] == [e.title for e in entries]
    chosen = next(e for e in after if e.ident == entry.ident).notes
    if keep == "list":
        assert chosen == mine
        edited_in_list = apply_edits(
            data, "utf-8", pull_edits(lines, entry, note_html("n", mine), list_style(entries))
        )
        assert final == edited_in_list
        assert decision.zotero_notes == mine  # and Zotero gets the list's text
    else:
        assert hash_markdown(chosen) == hash_markdown(zotero_md)
        assert decision.zotero_notes is None  # Zotero already has it
    changed = [n for n, (a, b) in enumerate(zip(lines, line_texts(final, "utf-8")), 1) if a != b]
    assert len(line_texts(final, "utf-8")) != len(lines) or set(changed) <= set(
        range(entry.line, entry.line + 8)
    )
