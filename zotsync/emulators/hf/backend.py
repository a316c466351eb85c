"""Hugging Face papers rules: which corpus papers HF knows, their HF-side facts, and search.

HF paper pages exist only for arXiv papers, keyed by the version-less arXiv id. What HF
adds to the arXiv record (upvotes, comment counts, the discussion id, submission time)
is derived from a stable hash so it never changes between runs. Search is a relevance
search over title (boosted) and abstract: papers sharing at least half of the query's
terms, best first, at most :data:`MAX_RESULTS`. (The real endpoint mixes in semantic
similarity; term overlap is the part a resolver can rely on, and is what this models.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from zotsync.emulators.corpus import CorpusPaper
from zotsync.emulators.s2.ranking import TextIndex

MAX_RESULTS = 50
_ID = re.compile(r"^(\d{4}\.\d{4,5})(v\d+)?$")


def _hash(*parts: str) -> int:
    return int(hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest(), 16)


def _timestamp(date: str | None, key: str) -> str | None:
    """An ISO timestamp on ``date`` with a stable time of day, HF's ``…T…Z`` millisecond form."""
    if not date:
        return None
    seconds = _hash("time", key) % 86400
    return f"{date}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000Z"


def _next_day(date: str | None) -> str | None:
    """Papers reach the Daily Papers listing the day after arXiv announces them."""
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat() if date else None


def paper_object(paper: CorpusPaper) -> dict[str, Any]:
    """The ``paper`` object of HF's API for one corpus paper (key order as HF sends it)."""
    key = paper.arxiv_id or paper.title
    return {
        "id": paper.arxiv_id,
        "authors": [
            {"_id": f"{_hash('author', key, name) % (1 << 96):024x}", "name": name, "hidden": False}
            for name in paper.authors
        ],
        "publishedAt": _timestamp(paper.published, key),
        "submittedOnDailyAt": _timestamp(_next_day(paper.published), key + "daily"),
        "title": paper.title,
        "summary": paper.abstract or "",
        "upvotes": _hash("upvotes", key) % 40,
        "discussionId": f"{_hash('discussion', key) % (1 << 96):024x}",
    }


def search_item(paper: CorpusPaper) -> dict[str, Any]:
    """One element of ``/api/papers/search``: the paper plus the listing's own copies of title/date."""
    obj = paper_object(paper)
    return {
        "paper": obj,
        "publishedAt": obj["publishedAt"],
        "title": obj["title"],
        "thumbnail": f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{paper.arxiv_id}.png",
        "numComments": _hash("comments", paper.arxiv_id or "") % 4,
        "isAuthorParticipating": bool(_hash("participating", paper.arxiv_id or "") % 2),
    }


class HFBackend:
    """The arXiv papers of a corpus as Hugging Face papers."""

    def __init__(self, papers: Iterable[CorpusPaper]):
        self.papers = [p for p in papers if p.arxiv_id]
        self.by_id = {p.arxiv_id: p for p in self.papers}
        self.index = TextIndex(
            [{"title": p.title, "abstract": p.abstract} for p in self.papers],
            {"title": 2.0, "abstract": 1.0},
        )

    def paper(self, raw_id: str) -> dict[str, Any] | None:
        """The paper object for an arXiv id (a version suffix is ignored), None if HF has no page."""
        m = _ID.match(raw_id.strip())
        paper = self.by_id.get(m.group(1)) if m else None
        return paper_object(paper) if paper else None

    def search(self, query: str) -> list[dict[str, Any]]:
        hits = self.index.search(query, min_should_match=0.5)[:MAX_RESULTS]
        return [search_item(self.papers[h.index]) for h in hits]
