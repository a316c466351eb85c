"""What a careful librarian recovers from how people write titles, and what she never does.

One test per miss class the titles-only measurements found (each failed before its fix):
venue/year labels left in the title, a short title that is a paper's whole title, and one
paper submitted to arXiv twice. Each comes with its trap: the rule must never pick a
different paper.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from resolve_fakes import entry

from zotsync.config import Config
from zotsync.model import Paper, Status
from zotsync.resolve.matching import decide, rank, strip_labels

THRESHOLD, MARGIN = Config().resolve.threshold, Config().resolve.margin
REGISTERS = Paper(
    title="Vision Transformers Need Registers",
    arxiv_id="2309.16588",
    authors=("Timothée Darcet", "Maxime Oquab", "Julien Mairal", "Piotr Bojanowski"),
    published="2023-09-28",
)


def _decide(e, *papers, source="arxiv"):
    return decide(e, rank(e, [(p, source) for p in papers]), THRESHOLD, MARGIN)


# --------------------------------------------------------------------------- labels left in the title


@pytest.mark.parametrize(
    "listed",
    [
        "ICLR Vision Transformers Need Registers",
        "Vision Transformers Need Registers, ICLR 2024",
        "[ICLR 2024] Vision Transformers Need Registers",
        "Vision Transformers Need Registers (ICLR'24 Oral)",
        "Arxiv Vision Transformers Need Registers ()",
        "EMNLP Findings Vision Transformers Need Registers",
        "Vision Transformers Need Registers (视觉Transformer需要寄存器)",
    ],
)
def test_a_venue_or_year_left_in_the_title_still_finds_the_paper(listed):
    """Found on the example lists with their links removed: 'ICLR Vision Transformers Need
    Registers' scored 0.85 and went to review (18 entries of one list)."""
    decision = _decide(entry(listed), REGISTERS)
    assert decision.status is Status.RESOLVED and decision.candidate.paper is REGISTERS


def test_a_label_never_turns_another_paper_into_a_winner():
    one_word_off = dataclasses.replace(
        REGISTERS, title="Vision Transformers Need More Registers", arxiv_id="2501.00001"
    )
    decision = _decide(entry("ICLR Vision Transformers Need Registers"), one_word_off)
    assert decision.status is not Status.RESOLVED
    # a paper titled with the label in it (as listed) ties with the bare title: review
    labelled = dataclasses.replace(
        REGISTERS, title="ICLR Vision Transformers Need Registers", arxiv_id="2501.00002"
    )
    tie = _decide(entry("ICLR Vision Transformers Need Registers"), REGISTERS, labelled)
    assert tie.status is Status.REVIEW


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet="abcdefgh ICLR2023:,()[]-", min_size=0, max_size=40))
def test_stripping_labels_never_adds_text_nor_empties_a_title(title):
    bare = strip_labels(title)
    assert len(bare) <= len(title)
    assert bare.strip() or not title.strip() or bare == title


# --------------------------------------------------------------------------- a short title that is the whole title


def test_a_two_word_title_that_is_a_papers_whole_title_resolves():
    """'Pixtral 12B' went to review under the acronym-only rule, though the candidate's title
    is exactly that."""
    pixtral = Paper(title="Pixtral 12B", arxiv_id="2410.07073", authors=("Pravesh Agrawal",))
    neighbour = Paper(title="Pixtral Large: A Frontier Model", arxiv_id="2411.00001")
    decision = _decide(entry("Pixtral 12B"), pixtral, neighbour)
    assert decision.status is Status.RESOLVED and decision.candidate.paper is pixtral


def test_a_one_word_name_or_two_papers_with_that_title_stay_in_review():
    bert = Paper(title="BERT", arxiv_id="2001.00001")
    assert _decide(entry("BERT"), bert).status is Status.REVIEW  # one word is a nickname
    twin = Paper(title="Pixtral 12B", arxiv_id="2410.99999", authors=("Someone Else",))
    pixtral = Paper(title="Pixtral 12B", arxiv_id="2410.07073", authors=("Pravesh Agrawal",))
    assert _decide(entry("Pixtral 12B"), pixtral, twin).status is Status.REVIEW
    # a name that only starts a title is still a nickname (Diffusion-DPO)
    named = Paper(title="Diffusion-DPO: Diffusion Model Alignment Using DPO", arxiv_id="2311.12908")
    assert _decide(entry("Diffusion-DPO"), named).status is Status.REVIEW


# --------------------------------------------------------------------------- duplicate submissions


def _dup(arxiv_id, **kw):
    return dataclasses.replace(REGISTERS, arxiv_id=arxiv_id, **kw)


@pytest.mark.parametrize(
    "first, second, chosen, why",
    [
        (
            _dup("2309.16588", comment="This paper has been withdrawn: duplicate"),
            _dup("2310.00001", published="2023-10-01"),
            "2310.00001",
            "withdrawn",
        ),
        (
            _dup("2309.16588"),
            _dup("2310.00001", published="2023-10-01", journal_ref="ICLR 2024"),
            "2310.00001",
            "journal reference",
        ),
        (_dup("2309.16588"), _dup("2310.00001", published="2023-10-01"), "2309.16588", "earlier"),
    ],
)
def test_one_paper_submitted_twice_resolves_by_the_librarians_rules(first, second, chosen, why):
    """Two arXiv records with the same title and authors always ended in review."""
    for order in ((first, second), (second, first)):
        decision = _decide(entry(REGISTERS.title), *order)
        assert decision.status is Status.RESOLVED
        assert decision.candidate.paper.arxiv_id == chosen
        assert why in decision.reason and "duplicate" in decision.reason


def test_the_same_title_by_other_authors_is_another_paper():
    later = _dup("2601.00001", authors=("Ada Lovelace", "Alan Turing"), published="2026-01-01")
    decision = _decide(entry(REGISTERS.title), REGISTERS, later)
    assert decision.status is Status.REVIEW
