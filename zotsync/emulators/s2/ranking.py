"""Full-text ranking over corpus papers: BM25 per field, the scoring Elasticsearch uses.

Semantic Scholar's ``/paper/search`` and Hugging Face's ``/api/papers/search`` are both
relevance searches over titles and abstracts. Neither is a strict AND: a paper that
shares most (not all) of the query's terms is still a hit, ranked by how rare those
terms are and how much of a short field they fill. :class:`TextIndex` reproduces that
with Okapi BM25 (k1=1.2, b=0.75, Lucene's defaults) over the shared English analyzer of
:mod:`zotsync.emulators.textsearch` (stemming, stop words), summed over weighted fields,
and a ``min_should_match`` share of query terms a hit must contain.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zotsync.emulators.textsearch import analyze, phrase_positions

K1, B = 1.2, 0.75


@dataclass(frozen=True)
class Hit:
    index: int  # position of the document in the indexed sequence
    score: float
    matched: int  # distinct query terms found in any field
    terms: int  # distinct query terms


class TextIndex:
    """An in-memory BM25 index of documents made of named text fields.

    ``weights`` maps field name to boost, e.g. ``{"title": 3.0, "abstract": 1.0}``.
    """

    def __init__(self, documents: Sequence[Mapping[str, str | None]], weights: Mapping[str, float]):
        self.weights = dict(weights)
        self.streams: list[dict[str, list[tuple[int, str]]]] = []
        self.counts: list[dict[str, Counter]] = []
        doc_freq: dict[str, Counter] = {f: Counter() for f in self.weights}
        total_len: Counter = Counter()
        self.postings: dict[str, list[int]] = {}  # term -> documents holding it in any field
        for number, doc in enumerate(documents):
            streams = {f: analyze(doc.get(f) or "") for f in self.weights}
            counts = {f: Counter(term for _, term in s) for f, s in streams.items()}
            for f, c in counts.items():
                doc_freq[f].update(c.keys())
                total_len[f] += len(streams[f])
            self.streams.append(streams)
            self.counts.append(counts)
            for term in set().union(*(c.keys() for c in counts.values())):
                self.postings.setdefault(term, []).append(number)
        n = max(len(self.streams), 1)
        self.avg_len = {f: (total_len[f] / n) or 1.0 for f in self.weights}
        self.idf = {
            f: {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in doc_freq[f].items()}
            for f in self.weights
        }

    def field_score(self, terms: Sequence[str], index: int, field: str) -> float:
        """BM25 of one field of one document for the (distinct) analysed query terms."""
        counts, length = self.counts[index][field], len(self.streams[index][field])
        score = 0.0
        for term in terms:
            tf = counts.get(term, 0)
            if tf:
                norm = tf + K1 * (1 - B + B * length / self.avg_len[field])
                score += self.idf[field][term] * tf * (K1 + 1) / norm
        return score

    def coverage(self, terms: Sequence[str], index: int, field: str) -> float:
        """Share of the query terms present in ``field`` of document ``index``."""
        if not terms:
            return 0.0
        counts = self.counts[index][field]
        return sum(1 for t in terms if t in counts) / len(terms)

    def has_phrase(self, phrase: str | Sequence[tuple[int, str]], index: int, field: str) -> bool:
        """Whether ``field`` holds ``phrase`` (text, or its :func:`analyze` stream) contiguously."""
        tokens = analyze(phrase) if isinstance(phrase, str) else phrase
        return bool(phrase_positions(tokens, self.streams[index][field]))

    def search(self, query: str, min_should_match: float = 0.5) -> list[Hit]:
        """Documents containing at least ``min_should_match`` of the query terms, best first.

        A document that holds the whole query as a phrase in a field gets that field's score
        doubled (ES ``match_phrase`` boost in a ``bool/should``). Ties keep corpus order.
        """
        terms = query_terms(query)
        if not terms:
            return []
        need = max(1, math.ceil(min_should_match * len(terms)))
        phrase = analyze(query)
        matched_by_doc = Counter(i for t in terms for i in self.postings.get(t, ()))
        hits = []
        for index, matched in sorted(matched_by_doc.items()):
            if matched < need:
                continue
            score = 0.0
            for f, w in self.weights.items():
                s = self.field_score(terms, index, f)
                if s and len(terms) > 1 and self.has_phrase(phrase, index, f):
                    s *= 2
                score += w * s
            hits.append(Hit(index, score, matched, len(terms)))
        hits.sort(key=lambda h: (-h.score, h.index))
        return hits


def query_terms(query: str) -> list[str]:
    """The distinct analysed terms of a query, in order of first appearance."""
    return list(dict.fromkeys(term for _, term in analyze(query)))
