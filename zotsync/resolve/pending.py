"""Pending work: what a failed service left undone on a usable decision, recorded in the lock.

The resolver's enrichment stage sees the sources through :class:`Recording`,
which remembers the ids a source could not answer (it failed, or its circuit
was open so it was not asked). :func:`pending_marks` then names, per
decision, what is missing because of that:

* ``"arxiv"`` — the paper has an arXiv id but not arXiv's record (version,
  categories, dates): it was decided through S2/HF while arXiv failed;
* ``"venue"`` — the published venue S2 would add was never fetched.

The lock keeps the marks (``pending = [...]``); the next online run treats the
decision as provisional, fetches only what is marked, and clears the marks.
A service that *answered* (even "no such paper") leaves no mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from zotsync.model import Resolution
from zotsync.resolve.sources import Answers, Source


class Recording:
    """A source seen by the enrichment stage: remembers the ids it could not answer (failed, or skipped as down)."""

    def __init__(self, source: Source):
        self.source = source
        self.name, self.id_kinds, self.stats = source.name, source.id_kinds, source.stats
        self.failed: set[str] = set()

    def lookup(self, ids: Sequence[str]) -> Answers:
        answers = self.source.lookup(ids)
        self.failed |= set(answers.failed)
        return answers

    def search(self, titles: Sequence[str]) -> Answers:
        return self.source.search(titles)

    def unanswered(self, key: str) -> bool:
        return key in self.failed or self.stats.down


def pending_marks(res: Resolution | None, recorders: Mapping[str, Recording]) -> tuple[str, ...]:
    """What a failed service left undone on this decision (recorded in the lock, fetched next run)."""
    if res is None or not res.status.usable or res.paper is None or not res.paper.arxiv_id:
        return ()
    key, marks = f"arxiv:{res.paper.arxiv_id}", []
    arxiv, s2 = recorders.get("arxiv"), recorders.get("s2")
    if not res.paper.categories and arxiv is not None and arxiv.unanswered(key):
        marks.append("arxiv")
    if (
        not res.paper.venue
        and res.via not in ("s2", "s2-id")
        and s2 is not None
        and s2.unanswered(key)
    ):
        marks.append("venue")
    return tuple(marks)
