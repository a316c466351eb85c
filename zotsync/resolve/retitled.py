"""Papers retitled after the list was written: found by their earlier arXiv versions' titles.

A list written in 2024 keeps the title the paper had then (``PrefixQuant: Static
Quantization Beats Dynamic …``); arXiv now shows the title of its latest version
(``PrefixQuant: Eliminating Outliers …``), and searches only that. After the title stage,
for every entry still without a winner, the candidates the services offered that could be
it (they share enough of its words and have later versions) have their earlier versions
fetched — one batched ``id_list`` of versioned ids (``2410.05265v1``) — and an earlier
title that matches the listed one as well as a title must (the usual threshold, the usual
margin over every other candidate, the list's signals included) resolves the entry to the
paper, with a note naming the version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from zotsync.model import Paper, Resolution, Status
from zotsync.resolve import matching
from zotsync.resolve.sources import Source

if TYPE_CHECKING:  # pragma: no cover
    from zotsync.resolve.work import Work

MAX_EARLIER = 3  # earlier versions asked per candidate (the latest few before the current)


def by_earlier_titles(
    work: Mapping[str, Work], srcs: Mapping[str, Source], threshold: float, margin: float
) -> dict[str, Resolution]:
    """Resolutions for entries whose listed title is an earlier version's title of a candidate."""
    arxiv = srcs.get("arxiv")
    versions = getattr(arxiv, "versions", None)
    if versions is None or arxiv.stats.down:
        return {}
    asked: dict[str, list[tuple[str, Paper]]] = {}  # ident -> (versioned key, current paper)
    for ident, w in work.items():
        for paper in _could_be(w):
            latest = paper.version or 2  # a record without versions (S2, HF): ask for v1
            for v in range(max(1, latest - MAX_EARLIER), latest):
                asked.setdefault(ident, []).append((f"arxiv:{paper.arxiv_id}v{v}", paper))
    if not asked:
        return {}
    answers = versions(sorted({k for pairs in asked.values() for k, _ in pairs}))
    out = {}
    for ident, pairs in asked.items():
        w = work[ident]
        matches = {}
        for key, paper in pairs:
            for old in answers.found.get(key, []):
                if old.title != paper.title:
                    sc = matching.score(w.entry, dataclasses.replace(paper, title=old.title))
                    if sc >= threshold and sc > matches.get(paper.arxiv_id, (0.0,))[0]:
                        matches[paper.arxiv_id] = (sc, paper, old, key)
        if len(matches) != 1:
            continue
        sc, paper, old, key = next(iter(matches.values()))
        others = [
            matching.score(w.entry, p)
            for p, _ in w.found
            if p.arxiv_id != paper.arxiv_id and matching.paper_key(p) != matching.paper_key(paper)
        ]
        if others and sc - max(others) < margin:
            continue
        source = next(s for p, s in w.found if p.arxiv_id == paper.arxiv_id)
        out[ident] = Resolution(
            ident=w.entry.ident,
            status=Status.RESOLVED,
            paper=paper,
            confidence=round(sc, 3),
            via={"arxiv": "arxiv-title"}.get(source, source),
            reason=f"note: listed under its earlier title (v{key.rsplit('v', 1)[1]}): {old.title!r}",
            listed_title=w.entry.title,
            candidates=(),
            citation_key=w.prior.citation_key if w.prior else None,
        )
    return out


def _could_be(w: Work) -> list[Paper]:
    """The candidates with earlier versions that share enough of the listed title's words."""
    seen: dict[str, Paper] = {}
    for paper, _ in w.found:
        if (
            paper.arxiv_id
            and (paper.version or 2) > 1
            and matching.shares_words(w.entry.title, paper.title, share=0.2)
        ):
            seen.setdefault(paper.arxiv_id, paper)
    return list(seen.values())[:3]
