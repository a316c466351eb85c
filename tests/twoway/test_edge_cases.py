"""Edge cases of pulling notes: `---`, code blocks, HTML-looking text, very long notes, CRLF files,
and an entry deleted on one side while edited on the other (the text is never lost)."""

from __future__ import annotations

from pathlib import Path

import pytest
from twokit import SMALL, edit_list, setup_small, zotero_html

from zotsync.parse import parse_file
from zotsync.push.push import push
from zotsync.twoway.both import sync_both_ways
from zotsync.twoway.pull import pull
from zotsync.twoway.status import status

ADAIN = "arxiv:1703.06868"

LONG = "".join(
    f'<li><p>point {n}: 长笔记 with <strong>bold {n}</strong> and <a href="https://example.org/{n}">link {n}</a></p></li>'
    for n in range(300)
)
ODD_NOTES = {
    "rule": (
        '<div data-schema-version="9"><p>before the rule</p><hr><p>after the rule</p></div>',
        ["before the rule", "after the rule"],
    ),
    "code": (
        '<div data-schema-version="9"><p>the loss:</p><pre>def f(x):\n    return x &lt; 2 and x &gt; 0\n</pre><p>done</p></div>',
        ["def f(x):", "return x < 2 and x > 0", "done"],
    ),
    "html-looking": (
        '<div data-schema-version="9"><p>use List&lt;int&gt;, a &lt;div&gt; tag, a &lt; b &amp; c</p></div>',
        ["List\\<int>", "\\<div>", "a < b & c"],  # a bare "<div>" would be live HTML in the list
    ),
    "long": (
        f'<div data-schema-version="9"><p>Summary</p><ul>{LONG}</ul></div>',
        ["point 0:", "point 299:", "bold 150"],
    ),
}


def notes_of(path: str, ident: str) -> str:
    return next(e.notes for e in parse_file(path).entries if e.ident == ident)


@pytest.mark.parametrize("kind", sorted(set(ODD_NOTES) - {"rule"}))
def test_awkward_zotero_notes_come_back_intact_and_stable(kind, tconfig, remote, tmp_path):
    html, must = ODD_NOTES[kind]
    path, keys = setup_small(tconfig, tmp_path)
    titles = [e.title for e in parse_file(path).entries]
    remote.edit(keys[ADAIN], note=html)
    pull([path], tconfig)
    notes = notes_of(path, ADAIN)
    assert all(text in notes for text in must), notes
    assert [e.title for e in parse_file(path).entries] == titles  # nothing leaked out of the entry
    pulled = Path(path).read_bytes()
    assert not pull([path], tconfig).written and Path(path).read_bytes() == pulled
    before = len(remote.writes())
    assert push([path], tconfig).plan.is_empty and len(remote.writes()) == before


def test_a_rule_the_list_cannot_hold_is_never_pulled_half(tconfig, remote, tmp_path):
    """The parser ends an entry's notes at a `---` line, so a Zotero note with a rule would lose
    its second half in the list (and then in Zotero, on the next push). Pull checks the words
    after re-parsing and leaves such a note in Zotero only, saying so."""
    html, must = ODD_NOTES["rule"]
    path, keys = setup_small(tconfig, tmp_path)
    listed = Path(path).read_bytes()
    remote.edit(keys[ADAIN], note=html)
    outcome = sync_both_ways([path], tconfig)
    notes = notes_of(path, ADAIN)
    if all(text in notes for text in must):  # the parser learned to keep rules inside notes
        return
    assert Path(path).read_bytes() == listed
    assert [d.action for d in outcome.pull.plan.acted] == ["skipped"]
    assert "cannot be written into the list" in outcome.pull.plan.acted[0].message
    assert remote.item(keys[ADAIN])["note"] == html


def test_a_crlf_list_stays_crlf_and_only_the_note_changes(tconfig, remote, tmp_path):
    crlf = SMALL.replace("\n", "\r\n").encode("utf-8")
    path, keys = setup_small(tconfig, tmp_path, crlf.decode("utf-8"))
    Path(path).write_bytes(crlf)
    remote.edit(keys[ADAIN], note=zotero_html("crlf"))
    pull([path], tconfig)
    new = Path(path).read_bytes()
    assert b"\n" not in new.replace(b"\r\n", b"")
    head, tail = crlf.split(b"  AdaIN")[0], crlf[crlf.index(b"\r\n## Other") :]
    assert new.startswith(head) and new.endswith(tail) and new != crlf
    assert "crlf" in notes_of(path, ADAIN)


def test_notes_deleted_in_the_list_but_edited_in_zotero_come_back(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "  AdaIN: 匹配均值和方差。\n", "")
    remote.edit(keys[ADAIN], note=zotero_html("kept in zotero"))
    assert next(r.note for r in status([path], tconfig).rows if r.ident == ADAIN) == "both"
    outcome = sync_both_ways([path], tconfig)
    assert [d.action for d in outcome.pull.plan.acted] == ["restored"]
    assert "kept in zotero" in notes_of(path, ADAIN)
    assert "kept in zotero" in remote.item(keys[ADAIN])["note"] and not remote.item(
        keys[ADAIN]
    ).get("deleted")


def test_a_note_trashed_in_zotero_leaves_the_list_text_alone(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    edit_list(path, "AdaIN: 匹配均值和方差。", "AdaIN: edited while Zotero trashed it")
    edited = Path(path).read_bytes()
    remote.edit(keys[ADAIN], deleted=1)
    assert (
        next(r.note for r in status([path], tconfig).rows if r.ident == ADAIN)
        == "deleted-in-zotero"
    )
    outcome = pull([path], tconfig)
    assert Path(path).read_bytes() == edited
    assert any(
        d.action == "notice" and "deleted in Zotero" in d.message for d in outcome.plan.acted
    )


def test_an_entry_removed_from_the_list_keeps_its_zotero_edit(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    text = Path(path).read_text(encoding="utf-8")
    start = text.index("- [Arbitrary Style")
    Path(path).write_text(text[:start] + text[text.index("## Other") :], encoding="utf-8")
    remote.edit(keys[ADAIN], note=zotero_html("written after the entry left the list"))
    sync_both_ways([path], tconfig)
    note = remote.item(keys[ADAIN])
    assert "written after the entry left the list" in note["note"] and not note.get("deleted")
