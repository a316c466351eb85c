"""Nested lists in notes, over every way people indent them (tab, two or four spaces, the
marker's width; bullets or numbers, consecutive or lazy ``1.`` numbering).

Properties, through the functions ``zotsync push`` and ``zotsync pull`` use:

* the push sends the nesting to Zotero (nested ``<ul>``/``<ol>``), and both sides hash alike;
* a pull of a note nobody edited leaves the list's bytes alone;
* a pull of a note edited in Zotero in one place changes exactly that line's bytes.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zotsync.notes.hashing import hash_html, hash_markdown
from zotsync.notes.htmltree import parse_note_html
from zotsync.notes.lines import line_texts
from zotsync.notes.nesting import item_depths
from zotsync.notes.placement import list_style, pull_edits
from zotsync.notes.rewrite import apply_edits
from zotsync.notes.tree import ListBlock
from zotsync.parse import parse_text
from zotsync.zotero.notes import note_html

_TEXT = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=3
)


def _lists(depth: int) -> st.SearchStrategy:
    """A list: (numbered?, [(words, sub-list or None), …]), at most four levels deep."""
    child = (
        st.none() if depth >= 3 else st.one_of(st.none(), st.deferred(lambda: _lists(depth + 1)))
    )
    return st.tuples(st.booleans(), st.lists(st.tuples(_TEXT, child), min_size=1, max_size=3))


INDENTS = ["\t", "  ", "    ", "marker"]


def render(tree, indent: str, bullet: str, lazy: bool) -> tuple[list[str], list[tuple[int, int]]]:
    """The list as the user typed it, and (depth, line index) of each item, in order."""
    lines: list[str] = []
    items: list[tuple[int, int]] = []

    def walk(node, prefix: str, depth: int) -> None:
        numbered, entries = node
        for n, (words, sub) in enumerate(entries):
            marker = f"{1 if lazy else n + 1}." if numbered else bullet
            items.append((depth, len(lines)))
            lines.append(f"{prefix}{marker} {' '.join(words)} n{len(items)}")
            if sub is not None:
                step = " " * (len(marker) + 1) if indent == "marker" else indent
                walk(sub, prefix + step, depth + 1)

    walk(tree, "", 0)
    return lines, items


def reading_list(note: str) -> str:
    return (
        "# Papers\n\n[Alpha Paper One](https://arxiv.org/abs/2401.00001)\n\n"
        f"{note}\n\n[Beta Paper Two](https://arxiv.org/abs/2401.00002)\n"
    )


def pulled(data: bytes, zotero_html: str) -> bytes:
    """The list after ``zotsync pull`` brings the Zotero note into it."""
    entries = parse_text(data.decode(), "list.md").entries
    assert [e.title for e in entries] == ["Alpha Paper One", "Beta Paper Two"]
    edits = pull_edits(line_texts(data, "utf-8"), entries[0], zotero_html, list_style(entries))
    return apply_edits(data, "utf-8", edits)


def depth_of_html(html: str) -> int:
    def deepest(blocks, level: int) -> int:
        found = level - 1
        for block in blocks:
            if isinstance(block, ListBlock):
                for item in block.items:
                    found = max(found, deepest(item, level + 1))
        return found

    return deepest(parse_note_html(html), 0)


@settings(max_examples=60, deadline=None)
@given(
    tree=_lists(0),
    indent=st.sampled_from(INDENTS),
    bullet=st.sampled_from("-*+"),
    lazy=st.booleans(),
    lead=st.sampled_from(["", "Key ideas:\n", "Key ideas:\n\n"]),
    data=st.data(),
)
def test_nesting_survives_push_and_pull_in_any_indentation(tree, indent, bullet, lazy, lead, data):
    lines, items = render(tree, indent, bullet, lazy)
    note = lead + "\n".join(lines)
    assert [d for d in item_depths(lines)] == [d for d, _ in items]

    sent = note_html("n", note)  # what push writes into Zotero
    assert depth_of_html(sent) == max(d for d, _ in items)
    assert hash_html(sent) == hash_markdown(note)

    original = reading_list(note).encode()
    zotero = f'<div data-schema-version="9">{sent}</div>'  # as Zotero's editor wraps it
    assert pulled(original, zotero) == original  # nobody edited it: nothing to write

    k = data.draw(st.integers(0, len(items) - 1), label="edited item")
    typed = lines[items[k][1]]
    text = re.sub(r"^[ \t]*(?:[-*+]|\d+\.) ", "", typed)
    assert zotero.count(f"<li>{text}<") == 1
    edited = zotero.replace(f"<li>{text}<", f"<li>{text} edited<")
    expected = original.replace(f"{typed}\n".encode(), f"{typed} edited\n".encode())
    assert pulled(original, edited) == expected


NESTED = "- a one\n\t- b two\n\t- c three\n- d four"


@pytest.mark.parametrize(
    ("zotero_edit", "expected"),
    [
        (  # c moved one level down, under b
            "<ul><li>a one<ul><li>b two<ul><li>c three</li></ul></li></ul></li><li>d four</li></ul>",
            "- a one\n\t- b two\n\t\t- c three\n- d four",
        ),
        (  # c moved one level up
            "<ul><li>a one<ul><li>b two</li></ul></li><li>c three</li><li>d four</li></ul>",
            "- a one\n\t- b two\n- c three\n- d four",
        ),
        (  # the sub-list became numbered
            "<ul><li>a one<ol><li>b two</li><li>c three</li></ol></li><li>d four</li></ul>",
            "- a one\n\t1. b two\n\t2. c three\n- d four",
        ),
    ],
    ids=["indented", "outdented", "numbered"],
)
def test_a_change_of_nesting_made_in_zotero_reaches_the_list(zotero_edit, expected):
    """Words that came back unchanged at another depth are an edit, not the user's line."""
    original = reading_list(NESTED).encode()
    assert pulled(original, f'<div data-zotsync="n">{zotero_edit}</div>') == (
        reading_list(expected).encode()
    )
