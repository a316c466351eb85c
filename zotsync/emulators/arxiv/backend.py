"""The arXiv emulator's rules: which papers a request returns, in which order, which page.

No HTTP and no XML here (that is :mod:`zotsync.emulators.arxiv.app` and ``atom``). The
semantics follow the current service (docs/arxiv-api.md §3.3–3.5):

* ``id_list`` is a *filter*: a version-less id selects the current version, ``…vN``
  exactly version N; a well-formed id that names no paper (or no such version) is
  silently absent. With a ``search_query`` too, the result is the intersection.
* A query tree (:mod:`~zotsync.emulators.arxiv.query`) is evaluated per paper:
  ``AND`` needs both sides, ``OR`` either, ``ANDNOT`` the left without the right, a
  unary ``ANDNOT`` everything but its operand; scores add up (BM25-like per term).
* ``relevance`` sorts by score (ties: corpus order, as Elasticsearch's index order —
  so id-only results do **not** come back in ``id_list`` order); ``submittedDate`` by
  the v1 date; ``lastUpdatedDate`` by the date of the returned version.
* Paging slices the sorted hits: ``start`` beyond the total gives an empty page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zotsync.emulators.arxiv.matching import TEXT_FIELDS, Document, FieldStats, term_score
from zotsync.emulators.arxiv.query import BoolOp, Node, Not, Term
from zotsync.emulators.arxiv.records import ArxivRecord, split_id
from zotsync.emulators.textsearch import analyze

__all__ = ["Hit", "Page", "ArxivBackend", "SORT_BY", "SORT_ORDER"]

SORT_BY = ("relevance", "lastUpdatedDate", "submittedDate")
SORT_ORDER = ("ascending", "descending")


@dataclass(frozen=True)
class Hit:
    """One paper at one version, as a feed entry shows it."""

    record: ArxivRecord
    version: int
    score: float = 0.0

    @property
    def updated(self) -> str:
        return self.record.version_date(self.version)


@dataclass(frozen=True)
class Page:
    total: int  # all hits, not only this page
    hits: tuple[Hit, ...]


class ArxivBackend:
    """Papers loaded once; :meth:`search` answers one API request."""

    def __init__(self, records: Iterable[ArxivRecord]) -> None:
        self.documents = [Document.of(record) for record in records]
        self.stats = FieldStats.of(self.documents)
        self._index = {doc.record.arxiv_id: i for i, doc in enumerate(self.documents)}
        self._postings: dict[str, dict[str, set[int]]] = {prefix: {} for prefix in TEXT_FIELDS}
        for position, doc in enumerate(self.documents):
            for prefix in TEXT_FIELDS:
                for _, term in doc.text[prefix]:
                    self._postings[prefix].setdefault(term, set()).add(position)

    def record(self, arxiv_id: str) -> ArxivRecord | None:
        position = self._index.get(arxiv_id)
        return None if position is None else self.documents[position].record

    def search(
        self,
        query: Node | None,
        ids: Sequence[str] | None,
        *,
        sort_by: str = "relevance",
        sort_order: str = "descending",
        start: int = 0,
        max_results: int = 10,
    ) -> Page:
        """Hits for a parsed query and/or an id filter, sorted, then one page of them."""
        if ids:
            candidates = self._by_ids(ids)
        else:
            subset = self._could_match(query) if query is not None else None
            positions = sorted(subset) if subset is not None else range(len(self.documents))
            candidates = [(i, self.documents[i].record.latest) for i in positions]
        scored: list[tuple[int, Hit]] = []
        for position, version in candidates:
            doc = self.documents[position]
            score = self.evaluate(query, doc) if query is not None else 0.0
            if score is not None:
                scored.append((position, Hit(doc.record, version, score)))
        hits = self._sort(scored, sort_by, sort_order)
        return Page(total=len(hits), hits=tuple(hits[start : start + max_results]))

    def _could_match(self, node: Node) -> set[int] | None:
        """The papers a query can possibly match (None: any), from the text fields' postings.

        Only a speed-up for large corpora: every candidate is still evaluated in full, so the
        answers are exactly those of a scan over every paper."""
        if isinstance(node, Term):
            if (
                node.field not in TEXT_FIELDS
                or "$" in node.text
                or "*" in node.text
                or "?" in node.text
            ):
                return None
            terms = {term for _, term in analyze(node.text)}
            if not terms:
                return set()
            postings = self._postings[node.field]
            found = [postings.get(term, set()) for term in terms]
            return set.intersection(*found)
        if isinstance(node, Not):
            return None
        left = self._could_match(node.left)
        if node.op == "ANDNOT":
            return left
        right = self._could_match(node.right)
        if node.op == "AND":
            return left if right is None else right if left is None else left & right
        return None if left is None or right is None else left | right

    def _by_ids(self, ids: Sequence[str]) -> list[tuple[int, int]]:
        """(document position, version) for each id that names a paper; unknown ids vanish."""
        found: list[tuple[int, int]] = []
        for text in ids:
            parsed = split_id(text)
            if parsed is None or parsed[0] not in self._index:
                continue
            position = self._index[parsed[0]]
            latest = self.documents[position].record.latest
            version = parsed[1] or latest
            if 1 <= version <= latest and (position, version) not in found:
                found.append((position, version))
        return sorted(found)

    def evaluate(self, node: Node, doc: Document) -> float | None:
        """Score of the query tree on one paper, ``None`` when it does not match."""
        if isinstance(node, Term):
            return term_score(node, doc, self.stats)
        if isinstance(node, Not):
            return 0.0 if self.evaluate(node.operand, doc) is None else None
        assert isinstance(node, BoolOp)
        left = self.evaluate(node.left, doc)
        if node.op == "AND":
            right = self.evaluate(node.right, doc) if left is not None else None
            return left + right if left is not None and right is not None else None
        if node.op == "ANDNOT":
            return left if left is not None and self.evaluate(node.right, doc) is None else None
        right = self.evaluate(node.right, doc)
        present = [s for s in (left, right) if s is not None]
        return sum(present) if present else None

    @staticmethod
    def _sort(scored: list[tuple[int, Hit]], sort_by: str, sort_order: str) -> list[Hit]:
        descending = sort_order == "descending"
        if sort_by == "relevance":
            ordered = sorted(scored, key=lambda ph: (-ph[1].score, ph[0]))
            return [hit for _, hit in (ordered if descending else ordered[::-1])]
        date = (
            (lambda h: h.record.published) if sort_by == "submittedDate" else (lambda h: h.updated)
        )
        ordered = sorted(scored, key=lambda ph: ph[0])
        ordered.sort(key=lambda ph: date(ph[1]), reverse=descending)
        return [hit for _, hit in ordered]
