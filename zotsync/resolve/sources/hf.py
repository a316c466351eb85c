"""Hugging Face papers: ``/api/papers/search?q=`` and ``/api/papers/{arxiv_id}``.

Hugging Face "Daily Papers" pages list papers under HF's own copy of the arXiv
title, so for entries copied from those pages HF's search is the most direct
source (and cheap: no arXiv rate limit). Every HF paper id is an arXiv id; the
resolver fetches the full arXiv record (version, categories, DOI) for the
winners in one batched ``id_list`` request afterwards.

Search answers are a JSON list of items, each ``{"paper": {...}, ...}``;
``/api/papers/{id}`` answers the paper object itself. Both are read
defensively (``item.get("paper", item)``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from zotsync.model import Paper
from zotsync.resolve.sources.base import Answers, SourceFailure, SourceStats
from zotsync.resolve.sources.http import (
    MAX_WAIT,
    Gate,
    Reply,
    TimeoutSession,
    json_body,
    reply_from,
)

MAX_HITS = 10
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})$")


def paper_from_hf(item: dict[str, Any]) -> Paper | None:
    """A Hugging Face paper (or search item) as a :class:`Paper`; None without an arXiv id/title."""
    paper = item.get("paper") if isinstance(item.get("paper"), dict) else item
    pid = str(paper.get("id") or "").strip()
    title = re.sub(r"\s+", " ", str(paper.get("title") or item.get("title") or "")).strip()
    if not _ARXIV_ID.match(pid) or not title:
        return None
    published = str(paper.get("publishedAt") or item.get("publishedAt") or "")[:10] or None
    authors = tuple(
        a.get("name", "")
        for a in paper.get("authors") or []
        if isinstance(a, dict) and a.get("name")
    )
    return Paper(
        title=title,
        authors=authors,
        arxiv_id=pid,
        abstract=(paper.get("summary") or item.get("summary") or None),
        published=published if published and len(published) == 10 else None,
        year=int(published[:4]) if published and published[:4].isdigit() else None,
        url=f"https://huggingface.co/papers/{pid}",
    )


class HFSource:
    name = "hf"
    search_batch = 1  # one request per title: each answer goes on to the next service at once
    id_kinds = frozenset({"arxiv"})

    def __init__(
        self,
        base_url: str,
        *,
        interval: float,
        timeout: float,
        gate: Gate | None = None,
        max_wait: float = MAX_WAIT,
    ):
        self.stats = SourceStats()
        self.gate = gate or Gate(self.name, self.stats, interval=interval, max_wait=max_wait)
        self._base = base_url.rstrip("/") + "/api/papers"
        self._session = TimeoutSession(timeout)

    def _get(
        self, url: str, what: str, params: dict[str, str] | None = None, *, want: type
    ) -> Reply:
        def send() -> Reply:
            return reply_from(self._session.get(url, params=params))

        def validate(reply: Reply) -> str | None:
            value, problem = json_body(reply)
            reply.value = value
            if problem is None and not isinstance(value, want):
                return "an unexpected JSON answer"
            return problem

        return self.gate.call(send, what=what, validate=validate, answered=frozenset({404}))

    def lookup(self, ids: Sequence[str]) -> Answers:
        answers = Answers()
        for key in dict.fromkeys(ids):
            kind, _, value = key.partition(":")
            if kind != "arxiv" or not _ARXIV_ID.match(value):
                answers.failed[key] = f"Hugging Face cannot look up {key!r}"
                continue
            try:
                reply = self._get(f"{self._base}/{quote(value, safe='/')}", "paper", want=dict)
            except SourceFailure as exc:
                answers.failed[key] = exc.reason
                continue
            paper = paper_from_hf(reply.value) if reply.status == 200 else None
            answers.found[key] = [paper] if paper else []
        return answers

    def search(self, titles: Sequence[str]) -> Answers:
        answers = Answers()
        for title in dict.fromkeys(titles):
            try:
                reply = self._get(f"{self._base}/search", "search", {"q": title}, want=list)
            except SourceFailure as exc:
                answers.failed[title] = exc.reason
                continue
            if reply.status == 404:
                answers.failed[title] = "hf search: 404 (is the base URL right?)"
                continue
            papers = [paper_from_hf(i) for i in reply.value[:MAX_HITS] if isinstance(i, dict)]
            answers.found[title] = [p for p in papers if p]
        return answers
