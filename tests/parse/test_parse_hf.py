"""Hugging Face page copies: chrome, glued titles, abstracts with or without blank lines, metadata."""

from __future__ import annotations

from zotsync.parse import parse_text
from zotsync.parse.hf import is_abstract_like, split_glued_chrome

ABSTRACT = "We study a problem. " * 20


def test_page_with_metadata_and_separate_upvote_line():
    text = "\n".join(
        [
            "Daily Papers",
            "byAK and the research community",
            "Jan 3",
            "SubscribeFirst Paper: A Study",
            ABSTRACT,
            "  • 2 authors",
            "·",
            "Jan 2, 2025",
            "7",
            "Second Paper Title",
            ABSTRACT + "…",
            "Third Paper Without Abstract",
            "Fourth Paper Title",
            ABSTRACT,
            ABSTRACT.replace("We", "They"),
        ]
    )
    r = parse_text(text, "page.txt")
    assert r.dialect == "hf"
    assert [(s.line, s.text) for s in r.skipped] == [
        (1, "Daily Papers"),
        (2, "byAK and the research community"),
        (3, "Jan 3"),
        (4, "Subscribe"),
    ]
    first, second, third, fourth = r.entries
    assert (first.title, first.hints, first.year) == (
        "First Paper: A Study",
        {"authors_count": 2, "date": "2025-01-02", "upvotes": 7},
        2025,
    )
    assert second.hints == {"abstract_truncated": True}
    assert (third.title, third.abstract) == ("Third Paper Without Abstract", None)
    assert fourth.abstract.count("\n\n") == 1  # two paragraphs, one abstract


def test_metadata_before_any_paper_is_reported():
    r = parse_text("  • 3 authors\nA Paper Title\n" + ABSTRACT, "page.txt", "hf")
    assert [(s.line, s.reason) for s in r.skipped] == [(1, "page metadata before any paper")]
    assert len(r.entries) == 1


def test_helpers():
    assert split_glued_chrome("SubscribeCoDe: Blockwise") == ("Subscribe", "CoDe: Blockwise")
    assert split_glued_chrome("Subscribers Are Users") is None
    assert split_glued_chrome("Subscribe") is None
    assert is_abstract_like(ABSTRACT) and not is_abstract_like(
        "What's New in My Data? Novelty Exploration"
    )


def test_metadata_on_one_line():
    text = (
        "Daily Papers\nA Paper Title\n"
        + ABSTRACT
        + "\n  • 4 authors · Mar 7, 2025 12\nNext Paper Title\n"
        + ABSTRACT
    )
    first, second = parse_text(text, "page.txt").entries
    assert first.hints == {"authors_count": 4, "date": "2025-03-07", "upvotes": 12}
    assert second.title == "Next Paper Title"
