"""A thematic break inside an entry's notes stays in the notes (when more notes follow), and the
lines of a zotsync conflict block are notes of the entry above in every dialect - never phantom entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from zotsync.notes.conflict import render_conflict
from zotsync.parse import conflict_lines, parse_text

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
HF_SEED = SEEDS / "003_5081c8ff63b2ebaf.txt"

ONE, TWO = (
    "[Paper One](https://arxiv.org/abs/1703.06868)",
    "[Paper Two](https://arxiv.org/abs/1607.08022)",
)


def titles(text: str, fmt: str | None = None) -> list[str]:
    return [e.title for e in parse_text(text, "x.md", fmt).entries]


def notes_of(text: str, title: str, fmt: str | None = None) -> str:
    return next(e.notes for e in parse_text(text, "x.md", fmt).entries if e.title == title)


# --------------------------------------------------------------------------- thematic breaks


@pytest.mark.parametrize("rule", ["---", "***", "* * *", "___"])
def test_an_indented_rule_between_note_paragraphs_stays_in_the_notes(rule):
    text = f"# A\n\n- {ONE}\n  before\n\n  {rule}\n\n  after the rule\n- {TWO}\n"
    result = parse_text(text, "x.md")
    one = result.entries[0]
    assert one.notes == f"  before\n\n  {rule}\n\n  after the rule"
    assert one.notes_span == (4, 8)
    assert [e.title for e in result.entries] == ["Paper One", "Paper Two"] and not result.skipped


def test_a_rule_under_a_paper_heading_keeps_the_notes_after_it():
    text = (
        "### Attention Is All You Need For Everything Today\n\nbefore\n\n---\n\nafter\n\n"
        "### Another Paper Title Long Enough\n"
    )
    assert (
        notes_of(text, "Attention Is All You Need For Everything Today") == "before\n\n---\n\nafter"
    )


@pytest.mark.parametrize(
    "tail, second",
    [
        (
            "\n---\n\nSome other text\n",
            "Some other text",
        ),  # a break at the margin ends the list, and the notes
        (
            f"\n  ---\n\n- {TWO}\n",
            "Paper Two",
        ),  # nothing but the next paper follows: the break separates entries
        (f"\n  ---\n\n  {TWO}\n", "Paper Two"),  # an indented line linking a paper is still a paper
        ("\n  ---\n\n## Next\n\n- Some Paper Title Here\n", "Some Paper Title Here"),
    ],
)
def test_a_rule_that_separates_entries_still_ends_the_notes(tail, second):
    text = f"# A\n\n- {ONE}\n  before\n" + tail
    assert titles(text) == ["Paper One", second]
    assert notes_of(text, "Paper One") == "  before"


def test_a_rule_at_the_end_of_the_file_is_not_notes():
    assert notes_of(f"- {ONE}\n  before\n\n  ---\n", "Paper One") == "  before"


# --------------------------------------------------------------------------- conflict blocks


def block(indent: str = "") -> str:
    return render_conflict(
        "arxiv:1703.06868",
        "mine, see [this](https://arxiv.org/abs/2001.00001)",
        "Zotero's\n- [A Linked Paper Title](https://arxiv.org/abs/2002.00002)\n---\nmore",
        indent=indent,
    )


def test_a_conflict_block_with_links_and_rules_is_notes_of_the_list_entry_above():
    blk = block("  ")
    text = f"# A\n\n- {ONE}\n{blk}\n- {TWO}\n"
    result = parse_text(text, "x.md")
    assert [e.title for e in result.entries] == ["Paper One", "Paper Two"] and not result.skipped
    assert result.entries[0].notes == blk
    assert result.entries[0].notes_span == (4, 3 + len(blk.split("\n")))


def test_a_conflict_block_under_a_paper_heading_does_not_end_it_or_open_sections():
    text = "### Attention Is All You Need For Everything Today\n\n" + block().replace(
        "more", "# looks like a heading"
    )
    result = parse_text(text + "\n", "x.md")
    assert [e.title for e in result.entries] == ["Attention Is All You Need For Everything Today"]
    assert "# looks like a heading" in result.entries[0].notes


def test_a_conflict_block_in_a_copied_hf_page_is_notes_of_the_paper_above_and_the_count_holds():
    page = HF_SEED.read_text(encoding="utf-8")
    before = parse_text(page, "hf.txt")
    first = before.entries[0]
    lines = page.split("\n")
    at = first.line + 2  # after the title and its abstract
    blk = block()
    with_block = "\n".join(lines[:at] + blk.split("\n") + lines[at:])
    after = parse_text(with_block, "hf.txt")
    assert after.dialect == before.dialect == "hf"
    assert len(after.entries) == len(before.entries) == 39
    assert after.entries[0].title == first.title and after.entries[0].notes == blk
    assert [e.title for e in after.entries] == [e.title for e in before.entries]


def test_conflict_lines_masks_exactly_the_block_and_tolerates_a_broken_one():
    text = f"- {ONE}\n{block('  ')}\nafter\n"
    n = len(block().split("\n"))
    assert conflict_lines(text) == frozenset(range(2, 2 + n))
    assert (
        conflict_lines("- x\n<!-- zotsync:end -->\n") == frozenset()
    )  # malformed: parse never raises
    assert conflict_lines("no markers here") == frozenset()


def test_a_block_before_any_entry_is_reported_not_invented():
    result = parse_text("# A\n\n" + block() + "\n", "x.md")
    assert result.entries == ()
    assert {s.reason for s in result.skipped} == {"conflict block outside any entry"}


def test_under_a_plain_title_line_a_margin_rule_between_notes_stays_and_one_before_a_title_separates():
    text = (
        "## Data\n\n[Paper One Title Here](https://arxiv.org/abs/2306.00984)\n\nbefore\n\n---\n\nafter\n\n"
        "---\n\nSecond Paper About Things\n"
    )
    result = parse_text(text, "x.md")
    assert [e.title for e in result.entries] == [
        "Paper One Title Here",
        "Second Paper About Things",
    ]
    assert result.entries[0].notes == "before\n\n---\n\nafter"
