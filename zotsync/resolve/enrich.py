"""Stage 4 of resolution: complete the winners' metadata from the other services, safely.

* winners found on Hugging Face or Semantic Scholar get their arXiv record
  (version, categories, DOI) in one batched ``id_list`` request;
* papers resolved on arXiv get their published venue from one S2 ``paper/batch``.

Two records of one id are merged only when they describe the same work
(:func:`same_work`). A service that links a title to another paper's arXiv id
(a mis-merged record) turns the decision into a review with both records —
never one paper's title with another paper's authors, venue or DOI. Failures
here keep the decision and are reported in the source stats.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from zotsync.model import Candidate, Paper, Resolution, Status
from zotsync.resolve import matching
from zotsync.resolve.lockfile import compact_candidate
from zotsync.resolve.matching import same_work
from zotsync.resolve.sources import Source
from zotsync.resolve.work import Work

DISAGREEMENT_CONFIDENCE = (
    0.5  # a review where two sources name different works is at best a coin toss
)


def enrich(work: dict[str, Work], srcs: Mapping[str, Source]) -> None:
    """Full arXiv records for HF/S2 winners; published venues from S2 for arXiv papers.

    Records are merged only when they describe the same work (:func:`same_work`):
    a service that links a title to another paper's arXiv id (a mis-merged
    record) turns the decision into a review instead of grafting one paper's
    metadata onto another.
    """
    fresh = {
        i: w for i, w in work.items() if w.result and w.result.paper and w.result.status.usable
    }
    arxiv = srcs.get("arxiv")
    thin = {
        i: w for i, w in fresh.items() if w.result.paper.arxiv_id and not w.result.paper.categories
    }
    if arxiv and thin and not arxiv.stats.down:
        answers = arxiv.lookup(sorted({f"arxiv:{w.result.paper.arxiv_id}" for w in thin.values()}))
        for w in thin.values():
            hit = answers.found.get(f"arxiv:{w.result.paper.arxiv_id}")
            if hit and same_work(hit[0], w.result.paper):
                w.result = dataclasses.replace(w.result, paper=_merge(hit[0], w.result.paper))
            elif hit:
                w.result = _disagreement(w, hit[0])
            elif hit == [] and w.result.via in ("s2", "hf"):  # arXiv answered: no such id
                w.result = _without_arxiv_id(w.result)
    s2 = srcs.get("s2")
    need_venue = {
        i: w
        for i, w in fresh.items()
        if w.result.status.usable
        and w.result.paper.arxiv_id
        and not w.result.paper.venue
        and w.result.via != "s2-id"
        and w.result.via != "s2"
    }
    if s2 and need_venue and not s2.stats.down:
        answers = s2.lookup(
            sorted({f"arxiv:{w.result.paper.arxiv_id}" for w in need_venue.values()})
        )
        for w in need_venue.values():
            hit = answers.found.get(f"arxiv:{w.result.paper.arxiv_id}")
            if hit and same_work(w.result.paper, hit[0]):
                w.result = dataclasses.replace(w.result, paper=_merge(w.result.paper, hit[0]))


def _without_arxiv_id(res: Resolution) -> Resolution:
    """A title winner whose source named an arXiv id that arXiv does not know: keep the paper, drop the id
    (a .bib entry or Zotero item must not point at a non-existent preprint)."""
    assert res.paper is not None
    bogus = res.paper.arxiv_id
    paper = dataclasses.replace(
        res.paper,
        arxiv_id=None,
        version=None,
        url=None if res.paper.url and bogus and bogus in res.paper.url else res.paper.url,
    )
    return dataclasses.replace(
        res, paper=paper, reason=f"note: {res.via} gave arXiv {bogus}, which arXiv does not know"
    )


def _disagreement(w: Work, arxiv_paper: Paper) -> Resolution:
    """The winner's source names an arXiv id that arXiv knows as another work: review both."""
    res = w.result
    assert res is not None and res.paper is not None
    found = dataclasses.replace(res.paper, arxiv_id=None, version=None, url=res.paper.url)
    reason = (
        f"sources disagree: {res.via} gives arXiv {res.paper.arxiv_id} for this title, "
        f"but arXiv knows {res.paper.arxiv_id} as {arxiv_paper.title!r}"
    )
    listed = res.listed_title or w.entry.title
    cands = (
        compact_candidate(Candidate(found, res.confidence, res.via or "?")),
        compact_candidate(
            Candidate(arxiv_paper, matching.title_similarity(listed, arxiv_paper.title), "arxiv-id")
        ),
    )
    return Resolution(
        ident=res.ident,
        status=Status.REVIEW,
        confidence=min(res.confidence, DISAGREEMENT_CONFIDENCE),
        reason=reason,
        candidates=cands,
        listed_title=res.listed_title,
        citation_key=res.citation_key,
    )


def _merge(primary: Paper, other: Paper) -> Paper:
    """``primary``'s fields, with gaps (venue, DOI, journal ref, abstract...) filled from ``other``."""
    filled = {}
    for f in dataclasses.fields(Paper):
        mine, theirs = getattr(primary, f.name), getattr(other, f.name)
        if mine in (None, (), "") and theirs not in (None, (), ""):
            filled[f.name] = theirs
    if (
        primary.venue and primary.venue != other.venue
    ):  # a venue's type, volume, pages go with its name
        for name in ("venue_type", "volume", "pages"):
            filled.pop(name, None)
    if other.venue and other.year and not primary.venue:
        filled["year"] = other.year  # the year of the published version
    return dataclasses.replace(primary, **filled)
