"""Reviewing: --accept/--reject/--not-a-paper edits and the interactive walk (with a scripted ask)."""

from __future__ import annotations

import pytest
from resolve_fakes import entry

from zotsync.errors import InputError
from zotsync.model import Candidate, Paper, Resolution, Status
from zotsync.resolve.lockfile import load_lock, needs_fetch, pinned_id
from zotsync.resolve.review import Edit, apply_edits, edits_from_options, find_ident, walk

E1 = entry("Diffusion-DPO", 97, source="notes.md")
E2 = entry("Some Blog Post", 12, source="notes.md")


def test_refs_by_ident_or_file_line():
    assert find_ident(E1.ident, [E1, E2]) == E1.ident
    assert find_ident("notes.md:12", [E1, E2]) == E2.ident
    assert find_ident("some/dir/notes.md:97", [E1, E2]) == E1.ident
    with pytest.raises(InputError, match="no entry matches"):
        find_ident("notes.md:5", [E1, E2])


def test_option_edits_go_to_the_lock(tmp_path):
    lock = tmp_path / "z.lock"
    edits = edits_from_options([E1, E2], ["notes.md:97=arXiv:2311.12908v2"], [], ["notes.md:12"])
    assert edits == [
        Edit(E1.ident, Status.PINNED, arxiv_id="2311.12908"),
        Edit(E2.ident, Status.NOT_A_PAPER),
    ]
    apply_edits(lock, edits, {E1.ident: E1.title, E2.ident: E2.title})
    got = load_lock(lock)
    assert got[E1.ident].status is Status.PINNED and needs_fetch(got[E1.ident])
    assert got[E1.ident].paper is None and pinned_id(got[E1.ident]).arxiv_id == "2311.12908"
    assert (
        got[E2.ident].status is Status.NOT_A_PAPER
        and got[E2.ident].listed_title == "Some Blog Post"
    )


def test_bad_accept_values_are_input_errors():
    with pytest.raises(InputError, match="REF=ARXIVID"):
        edits_from_options([E1], ["notes.md:97"], [], [])
    with pytest.raises(InputError, match="not an arXiv id"):
        edits_from_options([E1], ["notes.md:97=hello"], [], [])


def _review(ident, *ids):
    cands = tuple(Candidate(Paper(title=f"Paper {i}", arxiv_id=i), 0.8, "arxiv") for i in ids)
    return Resolution(ident=ident, status=Status.REVIEW, candidates=cands, reason="close call")


def test_walk_choices():
    items = [
        (E1, _review(E1.ident, "2311.12908", "2401.00001")),
        (E2, _review(E2.ident, "2402.00002")),
        (entry("Third", 3), _review("title:third", "2403.00003")),
        (entry("Fourth", 4), _review("title:fourth")),
    ]
    answers = iter(["9", "2", "n", "s", "q"])  # 9 is out of range: asked again
    shown = []

    def ask(question, lines):
        shown.extend(lines)
        return next(answers)

    edits = walk(items, ask)
    assert edits == [
        Edit(E1.ident, Status.PINNED, arxiv_id="2401.00001", paper=items[0][1].candidates[1].paper),
        Edit(E2.ident, Status.NOT_A_PAPER),
    ]
    assert any("1. Paper 2311.12908" in line for line in shown)


def test_walk_pin_any_id_and_reject():
    items = [(E1, _review(E1.ident, "2311.12908")), (E2, _review(E2.ident))]
    answers = iter(["2311.99999", "r"])
    assert walk(items, lambda q, lines: next(answers)) == [
        Edit(E1.ident, Status.PINNED, arxiv_id="2311.99999"),
        Edit(E2.ident, Status.REJECTED),
    ]
