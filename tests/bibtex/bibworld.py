"""Helpers for the BibTeX tests: hand-built papers and the sample corpus as resolutions."""

from __future__ import annotations

import json
from pathlib import Path

from zotsync.model import Entry, Paper, Resolution, Status

CORPUS = (
    Path(__file__).resolve().parents[2] / "zotsync" / "emulators" / "data" / "sample_corpus.jsonl"
)


def paper(
    title: str,
    *authors: str,
    arxiv_id: str | None = "2410.08159",
    published: str | None = "2024-10-10",
    **kw,
) -> Paper:
    kw.setdefault("categories", ("cs.CV", "cs.LG"))
    return Paper(title=title, authors=authors, arxiv_id=arxiv_id, published=published, **kw)


def resolved(
    p: Paper, key: str | None = None, ident: str | None = None, status: Status = Status.RESOLVED
) -> Resolution:
    ident = ident or (f"arxiv:{p.arxiv_id}" if p.arxiv_id else f"title:{p.title.lower()}")
    return Resolution(
        ident=ident, status=status, paper=p, citation_key=key, confidence=1.0, via="arxiv-id"
    )


def entry(
    title: str,
    *,
    arxiv_id: str | None = None,
    section: tuple[str, ...] = (),
    line: int = 1,
    tags: tuple[str, ...] = (),
    **kw,
) -> Entry:
    return Entry(
        source="list.md",
        line=line,
        raw=title,
        section=section,
        title=title,
        arxiv_id=arxiv_id,
        tags=tags,
        **kw,
    )


def corpus_papers() -> list[Paper]:
    """Every paper of the emulators' sample corpus (built from the five seed lists, plus distractors)."""
    papers = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        papers.append(
            Paper(
                title=rec["title"],
                authors=tuple(rec.get("authors") or ()),
                arxiv_id=rec.get("arxiv_id"),
                version=rec.get("version"),
                abstract=rec.get("abstract"),
                published=rec.get("published"),
                updated=rec.get("updated"),
                categories=tuple(rec.get("categories") or ()),
                doi=rec.get("doi"),
                journal_ref=rec.get("journal_ref"),
                venue=rec.get("venue"),
                year=rec.get("year"),
                openreview_id=rec.get("openreview_id"),
            )
        )
    return papers


def corpus_world() -> tuple[list[Entry], dict[str, Resolution]]:
    """Listed entries (nested sections, tags) and resolved decisions for every corpus paper."""
    entries: list[Entry] = []
    resolutions: dict[str, Resolution] = {}
    for i, p in enumerate(corpus_papers(), start=1):
        e = Entry(
            source="corpus.md",
            line=i,
            raw=p.title,
            title=p.title,
            arxiv_id=p.arxiv_id,
            openreview_id=None if p.arxiv_id else p.openreview_id,
            doi=None if (p.arxiv_id or p.openreview_id) else p.doi,
            section=("Papers", p.primary_category or "other"),
            tags=("Scale DPO",) if i % 7 == 0 else (),
        )
        entries.append(e)
        resolutions[e.ident] = Resolution(
            ident=e.ident, status=Status.RESOLVED, paper=p, confidence=1.0, via="arxiv-id"
        )
    return entries, resolutions
