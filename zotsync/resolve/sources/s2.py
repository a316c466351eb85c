"""Semantic Scholar Graph API with plain ``requests``.

* ids: one ``POST /graph/v1/paper/batch`` for up to 500 ``DOI:…``/``ARXIV:…`` ids
  (``null`` in the answer = unknown id);
* titles: ``GET /graph/v1/paper/search/match`` per title — one best hit, or
  404 ``Title match not found`` (a real answer: no such paper). The match is
  always re-scored locally: S2 returns a best hit even when it is poor.

S2 merges a preprint and its published version into one record, so its
``venue``/``publicationVenue``/``journal`` tell where a paper was published.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zotsync.config import Secret
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

FIELDS = "title,authors,year,venue,publicationVenue,journal,externalIds,abstract,publicationDate"
IDS_PER_BATCH = 500
_KIND_PREFIX = {"arxiv": "ARXIV", "doi": "DOI"}


def paper_from_s2(record: dict[str, Any]) -> Paper | None:
    """An S2 paper record as a :class:`Paper` (None when it has no title)."""
    title = (record.get("title") or "").strip()
    if not title:
        return None
    ext = record.get("externalIds") or {}
    doi = ext.get("DOI")
    if doi and str(doi).lower().startswith("10.48550/"):
        doi = None  # the arXiv DataCite DOI, not a publisher's
    venue = (record.get("venue") or "").strip()
    pub_venue = record.get("publicationVenue") or {}
    pub_venue = pub_venue if isinstance(pub_venue, dict) else {}
    venue_type = str(pub_venue.get("type") or "").lower()
    pub_name = str(pub_venue.get("name") or "").strip()
    if venue_type in ("conference", "journal") and pub_name:
        venue = pub_name  # S2's venue entity: a canonical name with its type
    else:
        venue_type = ""
    if not venue or venue.lower() in ("arxiv.org", "arxiv"):
        venue = pub_name
    if venue.lower() in ("arxiv.org", "arxiv"):
        venue, venue_type = "", ""
    journal = record.get("journal") or {}
    journal = journal if isinstance(journal, dict) else {}
    date = record.get("publicationDate")
    year = record.get("year")
    arxiv_id = ext.get("ArXiv")
    return Paper(
        title=title,
        authors=tuple(
            a.get("name", "")
            for a in record.get("authors") or []
            if isinstance(a, dict) and a.get("name")
        ),
        arxiv_id=str(arxiv_id) if arxiv_id else None,
        abstract=record.get("abstract") or None,
        published=date if isinstance(date, str) and len(date) == 10 else None,
        doi=str(doi).lower() if doi else None,
        journal_ref=(journal.get("name") or None) if venue else None,
        venue=venue or None,
        venue_type=venue_type or None,
        volume=_text(journal.get("volume")) if venue_type else None,
        pages=_text(journal.get("pages")) if venue_type else None,
        year=int(year) if isinstance(year, int) else None,
        url=f"https://www.semanticscholar.org/paper/{record['paperId']}"
        if record.get("paperId")
        else None,
    )


def _text(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _json_problem(reply: Reply) -> str | None:
    value, problem = json_body(reply)
    reply.value = value
    return problem


class S2Source:
    name = "s2"
    search_batch = 1  # one request per title: each answer goes on to the next service at once
    id_kinds = frozenset({"arxiv", "doi"})

    def __init__(
        self,
        base_url: str,
        *,
        interval: float,
        timeout: float,
        api_key: Secret | None = None,
        gate: Gate | None = None,
        max_wait: float = MAX_WAIT,
    ):
        self.stats = SourceStats()
        self.gate = gate or Gate(self.name, self.stats, interval=interval, max_wait=max_wait)
        self._base = base_url.rstrip("/") + "/graph/v1"
        self._session = TimeoutSession(timeout)
        self._api_key = api_key

    def _headers(self) -> dict[str, str]:
        key = self._api_key.reveal() if self._api_key else None
        return {"x-api-key": key} if key else {}

    def lookup(self, ids: Sequence[str]) -> Answers:
        answers = Answers()
        wanted: list[tuple[str, str]] = []
        for key in dict.fromkeys(ids):
            kind, _, value = key.partition(":")
            if kind in _KIND_PREFIX and value:
                wanted.append((key, f"{_KIND_PREFIX[kind]}:{value}"))
            else:
                answers.failed[key] = f"Semantic Scholar cannot look up {kind!r} ids"
        for start in range(0, len(wanted), IDS_PER_BATCH):
            batch = wanted[start : start + IDS_PER_BATCH]
            try:
                records = self._batch([s2_id for _, s2_id in batch])
            except SourceFailure as exc:
                answers.failed.update({key: exc.reason for key, _ in batch})
                continue
            for (key, _), record in zip(batch, records):
                paper = paper_from_s2(record) if isinstance(record, dict) else None
                answers.found[key] = [paper] if paper else []
        return answers

    def _batch(self, s2_ids: list[str]) -> list[Any]:
        def send() -> Reply:
            return reply_from(
                self._session.post(
                    f"{self._base}/paper/batch",
                    params={"fields": FIELDS},
                    json={"ids": s2_ids},
                    headers=self._headers(),
                )
            )

        def validate(reply: Reply) -> str | None:
            problem = _json_problem(reply)
            if problem is None and (
                not isinstance(reply.value, list) or len(reply.value) != len(s2_ids)
            ):
                return "a batch answer that does not match the ids sent"
            return problem

        return self.gate.call(send, what=f"paper/batch of {len(s2_ids)}", validate=validate).value

    def search(self, titles: Sequence[str]) -> Answers:
        answers = Answers()
        for title in dict.fromkeys(titles):
            try:
                answers.found[title] = self._match(title)
            except SourceFailure as exc:
                answers.failed[title] = exc.reason
        return answers

    def _match(self, title: str) -> list[Paper]:
        def send() -> Reply:
            return reply_from(
                self._session.get(
                    f"{self._base}/paper/search/match",
                    params={"query": title, "fields": FIELDS},
                    headers=self._headers(),
                )
            )

        def validate(reply: Reply) -> str | None:
            problem = _json_problem(reply)
            if problem is None and not isinstance(reply.value, dict):
                return "an unexpected JSON answer"
            return problem

        reply = self.gate.call(
            send, what="search/match", validate=validate, answered=frozenset({404})
        )
        if reply.status == 404:
            value, problem = json_body(reply)
            if problem or not isinstance(value, dict) or "error" not in value:
                self.stats.failures.append(
                    f"s2 search/match: a 404 that is not S2's 'not found' ({problem or 'no error key'})"
                )
                raise SourceFailure("s2 search/match: unexpected 404 page")
            return []
        papers = [paper_from_s2(r) for r in reply.value.get("data") or [] if isinstance(r, dict)]
        return [p for p in papers if p]
