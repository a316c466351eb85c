"""Semantic Scholar Graph API rules: id forms, ``fields=`` projection, search, title match, filters.

Wire-independent: methods return plain dicts/lists or raise :class:`S2Error`; the app
turns those into HTTP. What is modelled, and how faithfully:

* ``paper/{id}``: S2 sha, ``CorpusId:``, ``DOI:`` (and a bare ``10.`` DOI, as batch
  accepts), ``ARXIV:`` (any case, version suffix ignored), ``URL:`` for arxiv.org,
  semanticscholar.org and doi.org links. Unknown → 404 ``Paper with id X not found``.
* ``fields``: the real field names; an unknown one → 400 ``Unrecognized or unsupported
  fields: [a, b]``; default ``paperId,title``; ``authors.<sub>`` sub-fields; ``paperId`` is
  always served; keys in S2's order.
* ``paper/search``: relevance (BM25 over title and abstract, most terms must match),
  ``offset``/``limit`` (≤100, offset+limit ≤ 1000), filters ``year``,
  ``publicationDateOrYear``, ``venue``, ``fieldsOfStudy``, ``publicationTypes``,
  ``openAccessPdf``, ``minCitationCount``.
* ``paper/search/match``: the single best *title* match with a ``matchScore``, or 404
  ``Title match not found`` when no title holds at least half of the query's terms.
  Like the real service it returns a poor best match rather than nothing, which is why
  clients must verify it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from zotsync.emulators.corpus import CorpusPaper
from zotsync.emulators.s2.ranking import TextIndex, query_terms
from zotsync.emulators.s2.records import AUTHOR_FIELDS, FIELD_ORDER, author_object, full_record
from zotsync.emulators.textsearch import analyze

DEFAULT_FIELDS = ("paperId", "title")
MAX_LIMIT, MAX_WINDOW, MAX_BATCH = 100, 1000, 500
MATCH_MIN_COVERAGE = 0.5


class S2Error(Exception):
    """An S2 error answer: HTTP status and the ``error`` message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class FieldSelection:
    top: tuple[str, ...]  # top-level fields in S2 order, paperId first
    author_sub: frozenset[str]  # requested authors.<x> sub-fields

    def project(self, record: dict[str, Any]) -> dict[str, Any]:
        out = {name: record[name] for name in self.top}
        if "authors" in out:
            out["authors"] = [author_object(a, set(self.author_sub)) for a in record["authors"]]
        return out


def parse_fields(raw: str | None) -> FieldSelection:
    """``fields=a,b,authors.name`` → a selection; 400 naming every unknown field."""
    names = [f.strip() for f in (raw or "").split(",") if f.strip()] or list(DEFAULT_FIELDS)
    unknown, top, sub = [], {"paperId"}, set()
    for name in names:
        head, _, tail = name.partition(".")
        if not _known_field(head, tail):
            unknown.append(name)
            continue
        top.add(head)
        if head == "authors" and tail:
            sub.add(tail)
    if unknown:
        raise S2Error(400, f"Unrecognized or unsupported fields: [{', '.join(unknown)}]")
    return FieldSelection(tuple(f for f in FIELD_ORDER if f in top), frozenset(sub))


def _known_field(head: str, tail: str) -> bool:
    if head not in FIELD_ORDER:
        return False
    if not tail:
        return True
    if head == "authors":
        return tail in AUTHOR_FIELDS
    return head in ("citations", "references") and tail in FIELD_ORDER


# --------------------------------------------------------------------------- filters

_YEAR_RANGE = re.compile(r"^(\d{4})?(-)?(\d{4})?$")
_DATE_RANGE = re.compile(r"^([\d-]{4,10})?(:)?([\d-]{4,10})?$")


def _year_filter(raw: str) -> Callable[[dict], bool]:
    m = _YEAR_RANGE.match(raw)
    if not m or not (m.group(1) or m.group(3)) or (m.group(1) and m.group(3) and not m.group(2)):
        raise S2Error(400, f"Unacceptable query params: [year={raw}]")
    lo = int(m.group(1)) if m.group(1) else -math.inf
    hi = int(m.group(3)) if m.group(3) else (math.inf if m.group(2) else lo)
    return lambda r: r["year"] is not None and lo <= r["year"] <= hi


def _date_filter(raw: str) -> Callable[[dict], bool]:
    m = _DATE_RANGE.match(raw)
    if not m or not (m.group(1) or m.group(3)):
        raise S2Error(400, f"Unacceptable query params: [publicationDateOrYear={raw}]")
    lo = m.group(1) or "0000"
    hi = (m.group(3) or "9999") if m.group(2) else lo
    return lambda r: (
        (r["publicationDate"] or str(r["year"] or "")) >= lo
        and (r["publicationDate"] or str(r["year"] or ""))[: len(hi)] <= hi
    )


def build_filters(params: dict[str, str]) -> list[Callable[[dict], bool]]:
    """The filter predicates named by search parameters (empty values mean "not given")."""
    filters = []
    if params.get("year"):
        filters.append(_year_filter(params["year"]))
    if params.get("publicationDateOrYear"):
        filters.append(_date_filter(params["publicationDateOrYear"]))
    if params.get("venue"):
        wanted = {v.strip().lower() for v in params["venue"].split(",") if v.strip()}
        filters.append(
            lambda r: (
                r["venue"].lower() in wanted
                or any(
                    a.lower() in wanted
                    for a in ((r["publicationVenue"] or {}).get("alternate_names") or [])
                )
            )
        )
    if params.get("fieldsOfStudy"):
        wanted = {v.strip() for v in params["fieldsOfStudy"].split(",")}
        filters.append(lambda r: bool(wanted & set(r["fieldsOfStudy"] or [])))
    if params.get("publicationTypes"):
        wanted = {v.strip() for v in params["publicationTypes"].split(",")}
        filters.append(lambda r: bool(wanted & set(r["publicationTypes"] or [])))
    if "openAccessPdf" in params:
        filters.append(lambda r: r["openAccessPdf"] is not None)
    if params.get("minCitationCount"):
        try:
            least = int(params["minCitationCount"])
        except ValueError:
            raise S2Error(
                400, f"Unacceptable query params: [minCitationCount={params['minCitationCount']}]"
            ) from None
        filters.append(lambda r: r["citationCount"] >= least)
    return filters


# --------------------------------------------------------------------------- backend


class S2Backend:
    """The paper records of one corpus, with id lookups and a title/abstract index."""

    def __init__(self, papers: Iterable[CorpusPaper]):
        self.papers = list(papers)
        self.records = [full_record(p) for p in self.papers]
        self.by_key: dict[str, int] = {}
        for i, (paper, record) in enumerate(zip(self.papers, self.records)):
            self.by_key[record["paperId"]] = i
            self.by_key[f"corpusid:{record['corpusId']}"] = i
            if paper.arxiv_id:
                self.by_key[f"arxiv:{paper.arxiv_id.lower()}"] = i
            doi = record["externalIds"].get("DOI")
            if doi:
                self.by_key[f"doi:{doi.lower()}"] = i
        self.index = TextIndex(
            [{"title": p.title, "abstract": p.abstract} for p in self.papers],
            {"title": 3.0, "abstract": 1.0},
        )

    # ------------------------------------------------------------------ lookups

    def find(self, raw_id: str) -> dict[str, Any] | None:
        """The record an id names (any supported form), or None."""
        key = _lookup_key(raw_id.strip())
        index = self.by_key.get(key) if key else None
        return self.records[index] if index is not None else None

    def paper(self, raw_id: str, fields: FieldSelection) -> dict[str, Any]:
        record = self.find(raw_id)
        if record is None:
            raise S2Error(404, f"Paper with id {raw_id} not found")
        return fields.project(record)

    def batch(self, ids: Any, fields: FieldSelection) -> list[dict[str, Any] | None]:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise S2Error(400, "Body must be a JSON object with an 'ids' list of strings")
        if len(ids) > MAX_BATCH:
            raise S2Error(400, f"Too many ids. Max is {MAX_BATCH}")
        out = []
        for raw in ids:
            record = self.find(raw)
            out.append(fields.project(record) if record is not None else None)
        return out

    # ------------------------------------------------------------------ search

    def search(
        self, query: str, params: dict[str, str], offset: int, limit: int, fields: FieldSelection
    ) -> dict[str, Any]:
        if limit > MAX_LIMIT or limit < 0 or offset < 0:
            raise S2Error(
                400,
                f"Unacceptable query params: [limit={limit}, offset={offset}] "
                f"limit must be <= {MAX_LIMIT}",
            )
        if offset + limit > MAX_WINDOW:
            raise S2Error(400, "Requested data for this limit and/or offset is not available")
        filters = build_filters(params)
        hits = [
            h
            for h in self.index.search(query, min_should_match=0.6)
            if all(f(self.records[h.index]) for f in filters)
        ]
        page = hits[offset : offset + limit]
        body: dict[str, Any] = {"total": len(hits), "offset": offset}
        if offset + limit < len(hits):
            body["next"] = offset + limit
        body["data"] = [fields.project(self.records[h.index]) for h in page]
        return body

    def match(self, query: str, params: dict[str, str], fields: FieldSelection) -> dict[str, Any]:
        """The single best title match: most query terms in the title, then title BM25."""
        terms, phrase = query_terms(query), analyze(query)
        filters = build_filters(params)
        best: tuple[float, int] | None = None
        candidates = sorted({i for t in terms for i in self.index.postings.get(t, ())})
        for i in candidates:
            record = self.records[i]
            if self.index.coverage(terms, i, "title") < MATCH_MIN_COVERAGE or not all(
                f(record) for f in filters
            ):
                continue
            score = self.index.field_score(terms, i, "title") * (
                1 + self.index.coverage(terms, i, "title")
            )
            if self.index.has_phrase(phrase, i, "title"):
                score *= 1.5
            # a title much longer than the query is a weaker match (S2 compares whole titles)
            score *= 1 / (1 + 0.04 * max(0, len(self.index.streams[i]["title"]) - len(terms)))
            if best is None or score > best[0]:
                best = (score, i)
        if best is None:
            raise S2Error(404, "Title match not found")
        item = fields.project(self.records[best[1]])
        item["matchScore"] = round(best[0] * 12.0, 5)
        return {"data": [item]}


_VERSION = re.compile(r"v\d+$")
_PREFIXED = re.compile(r"^(?P<kind>[A-Za-z]+):(?P<value>.+)$")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(?P<id>[\w./-]+?)(?:v\d+)?(?:\.pdf)?$")
_S2_URL = re.compile(r"semanticscholar\.org/paper/(?:[^/]+/)?(?P<id>[0-9a-f]{40})$")
_DOI_URL = re.compile(r"doi\.org/(?P<doi>10\..+)$")


def _lookup_key(raw: str) -> str | None:
    """Normalise an S2 paper id to the backend's index key ("arxiv:…", "doi:…", sha, …)."""
    if re.fullmatch(r"[0-9a-f]{40}", raw):
        return raw
    if raw.startswith("10."):
        return f"doi:{raw.lower()}"
    m = _PREFIXED.match(raw)
    if not m:
        return None
    kind, value = m.group("kind").lower(), m.group("value").strip()
    if kind == "arxiv":
        return "arxiv:" + _VERSION.sub("", value).lower()
    if kind == "doi":
        return f"doi:{value.lower()}"
    if kind == "corpusid":
        return f"corpusid:{value}" if value.isdigit() else None
    if kind == "url":
        for pattern, key in ((_ARXIV_URL, "arxiv"), (_S2_URL, None), (_DOI_URL, "doi")):
            found = pattern.search(value)
            if found:
                token = found.group(1).lower()
                return f"{key}:{token}" if key else token
    return None
