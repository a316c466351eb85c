"""One generic word on a line (``Intro.``, ``Overview``) names a part of a document or of the
list, never a paper: without an identifier it is no entry, in any shape or format. Names of
one word (``Transformer``, ``Llama``, ``SRFlow``) stay entries."""

from __future__ import annotations

import pytest

from zotsync.parse import parse_text

PAPER = "Attention Is All You Need"
SHAPES = [
    ("{w}", "l.md"),
    ("{w}.", "l.md"),
    ("- {w}", "l.md"),
    ("1. {w}", "l.md"),
    ("**{w}**", "l.md"),
    ("- [{w}](https://example.org/{w}.pdf)", "l.md"),
    ("- [{w}](https://example.org/{w})", "l.md"),
    ("{w}", "l.txt"),
    ("- {w}", "l.org"),
]


@pytest.mark.parametrize("shape,source", SHAPES)
@pytest.mark.parametrize("word", ["Intro", "Overview", "Introduction", "References", "Summary"])
def test_one_generic_word_is_no_entry(word, shape, source):
    line = shape.format(w=word)
    for text in (f"{line}\n\n{PAPER}\n", f"# Topic\n\n{line}\n"):
        titles = [e.title for e in parse_text(text, source).entries]
        assert word not in titles and f"{word}." not in titles, (text, titles)


@pytest.mark.parametrize("word", ["Transformer", "Llama", "SRFlow", "Dropout"])
def test_a_one_word_name_is_still_an_entry(word):
    (entry,) = parse_text(f"- {word}\n", "l.md").entries
    assert entry.title == word


def test_a_generic_word_linked_to_a_paper_by_its_identifier_is_that_paper():
    (entry,) = parse_text("- [Overview](https://arxiv.org/abs/2401.00001)\n", "l.md").entries
    assert entry.arxiv_id == "2401.00001"


@pytest.mark.parametrize(
    "nav",
    ["[[Back to Overview](#overview)]", r"[\[back to top\]](#contents)", "[↑ Top](#top)"],
)
@pytest.mark.parametrize("linked", [True, False], ids=["linked", "unlinked"])
def test_page_navigation_is_neither_an_entry_nor_a_note(nav, linked):
    if not linked:
        nav = nav.replace("(#overview)", "").replace("(#contents)", "").replace("(#top)", "")
    text = f"- {PAPER}\n  *Vaswani et al.*\n\n{nav}\n\n## Next\n"
    result = parse_text(text, "l.md")
    (entry,) = result.entries
    assert entry.title == PAPER and "top" not in entry.notes.lower()
    assert "Overview" not in entry.notes and [s.reason for s in result.skipped] == [
        "page navigation"
    ]


def test_back_to_basics_is_a_title():
    (entry,) = parse_text("- Back to Basics\n", "l.md").entries
    assert entry.title == "Back to Basics"


@pytest.mark.parametrize(
    "note",
    ["top <T> （注）", "Back to top", "↑ Top", "Top"],
)
@pytest.mark.parametrize("under", ["item", "heading"])
def test_a_note_that_reads_like_navigation_stays_the_users_note(note, under):
    """Found by the note-sync state machine: a note line under an entry that started with
    "top" was dropped as page navigation, and its text was lost from the notes."""
    if under == "item":
        text = f"- {PAPER}\n\n  first note\n\n  {note}\n"
    else:
        text = f"#### {PAPER}\n\nfirst note\n\n{note}\n"
    result = parse_text(text, "l.md")
    (entry,) = result.entries
    assert entry.notes.splitlines()[-1].strip() == note and not result.skipped


@pytest.mark.parametrize("under", ["item", "heading"])
def test_a_link_back_to_the_top_under_an_entry_is_still_navigation(under):
    if under == "item":
        text = f"- {PAPER}\n\n  first note\n\n  [back to top](#contents)\n"
    else:
        text = f"#### {PAPER}\n\nfirst note\n\n[\\[back to top\\]](#contents)\n"
    result = parse_text(text, "l.md")
    (entry,) = result.entries
    assert entry.notes.strip() == "first note"
    assert [s.reason for s in result.skipped] == ["page navigation"]
