"""How one ``field:value`` term matches one paper, and how well (a BM25-like score).

Mirrors the current service's Elasticsearch mapping (see docs/arxiv-api.md §3.4):

* ``ti``/``abs``/``co``/``jr``: English analysis (:mod:`zotsync.emulators.textsearch`).
  A quoted value is a *phrase*: its analyzed tokens must occur contiguously, at the same
  relative positions (stop words are one-position wildcards), anywhere in the field —
  a sub-sequence, not equality. An unquoted value needs all of its tokens (a hyphenated
  word needs every part); ``*``/``?`` make it a wildcard over the indexed (stemmed) terms.
  A value containing ``$`` is routed to a TeX field: it matches when each of its
  ``$…$`` snippets occurs verbatim (spacing and case aside) in the field's TeX.
* ``au``: every query token occurs in *one* author's name, case- and accent-insensitive;
  a one-letter token matches an initial; ``*`` wildcards work.
* ``cat``: a category, exact, ``*`` allowed. ``id``: the arXiv id, with or without
  version. ``doi``: exact, case-insensitive. ``rn``: report number.
* ``submittedDate``: ``"YYYYMMDDHHMM TO YYYYMMDDHHMM"`` against the v1 date.
* ``all``: any of the above text fields, authors, categories, id and DOI; accent-folded.
"""

from __future__ import annotations

import fnmatch
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from zotsync.emulators.arxiv.query import Term
from zotsync.emulators.arxiv.records import ArxivRecord
from zotsync.emulators.textsearch import Token, analyze, phrase_positions

__all__ = ["Document", "FieldStats", "term_score"]

TEXT_FIELDS = {
    "ti": "title",
    "abs": "abstract",
    "co": "comment",
    "jr": "journal_ref",
    "rn": "report_no",
}
_TEX = re.compile(r"\$[^$]*\$")


@lru_cache(maxsize=4096)
def _query_tokens(value: str) -> tuple[Token, ...]:
    """A query value's analysis, computed once per distinct value (not once per paper)."""
    return tuple(analyze(value))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case and strip accents (the ICU folding of the ``all``/``au`` fields)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _tex_snippets(text: str) -> set[str]:
    return {re.sub(r"\s+", "", snippet).lower() for snippet in _TEX.findall(text)}


@dataclass(frozen=True)
class Document:
    """A record with its fields analyzed once, at load time."""

    record: ArxivRecord
    text: dict[str, list[Token]]  # field prefix -> English token stream
    folded: dict[str, list[Token]]  # same, accent-folded (for all:)
    tex: dict[str, set[str]]
    author_tokens: tuple[tuple[str, ...], ...]  # folded words of each author's name

    @classmethod
    def of(cls, record: ArxivRecord) -> Document:
        raw = {prefix: getattr(record, attr) or "" for prefix, attr in TEXT_FIELDS.items()}
        text = {prefix: analyze(value) for prefix, value in raw.items()}
        return cls(
            record=record,
            text=text,
            folded={
                prefix: text[prefix] if value.isascii() else analyze(fold(value))
                for prefix, value in raw.items()
            },
            tex={prefix: _tex_snippets(value) for prefix, value in raw.items()},
            author_tokens=tuple(
                tuple(fold(w) for w in re.split(r"[\s.,_-]+", a.name) if w) for a in record.authors
            ),
        )


@dataclass
class FieldStats:
    """Corpus statistics for BM25: document frequency per term and mean length, per field."""

    df: dict[str, Counter] = field(default_factory=dict)
    mean_length: dict[str, float] = field(default_factory=dict)
    size: int = 0

    @classmethod
    def of(cls, documents: Sequence[Document]) -> FieldStats:
        stats = cls(size=len(documents))
        for prefix in TEXT_FIELDS:
            counts: Counter = Counter()
            total = 0
            for doc in documents:
                terms = {term for _, term in doc.text[prefix]}
                counts.update(terms)
                total += len(doc.text[prefix])
            stats.df[prefix] = counts
            stats.mean_length[prefix] = total / len(documents) if documents else 1.0
        return stats

    def bm25(
        self, prefix: str, terms: Sequence[str], tokens: Sequence[Token], freq: Callable[[str], int]
    ) -> float:
        k1, b = 1.2, 0.75
        length_norm = 1 - b + b * len(tokens) / max(self.mean_length.get(prefix, 1.0), 1.0)
        score = 0.0
        for term in terms:
            df = self.df.get(prefix, Counter()).get(term, 0)
            idf = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            tf = freq(term)
            score += idf * tf * (k1 + 1) / (tf + k1 * length_norm)
        return score


def _text_score(
    term: Term, prefix: str, doc: Document, stats: FieldStats, folded: bool = False
) -> float | None:
    if "$" in term.text:
        wanted = _tex_snippets(term.text)
        return 1.0 if wanted and wanted <= doc.tex[prefix] else None
    tokens = (doc.folded if folded else doc.text)[prefix]
    value = fold(term.text) if folded else term.text
    if not term.quoted and ("*" in value or "?" in value):
        pattern = value.lower()
        hits = [t for _, t in tokens if fnmatch.fnmatchcase(t, pattern)]
        return 1.0 if hits else None
    query = _query_tokens(value)
    if not query:
        return None  # only stop words: matches nothing
    if term.quoted:
        starts = phrase_positions(query, tokens)
        if not starts:
            return None
        return stats.bm25(prefix, [t for _, t in query], tokens, lambda _t: len(starts))
    present = Counter(t for _, t in tokens)
    if not all(present[t] for _, t in query):
        return None
    return stats.bm25(prefix, [t for _, t in query], tokens, lambda t: present[t])


def _author_score(term: Term, doc: Document) -> float | None:
    words = [w for w in re.split(r"[\s,_]+", fold(term.text)) if w]
    words = [w.rstrip(".") for w in words if w.rstrip(".")]
    if not words:
        return None

    def hit(word: str, name: Sequence[str]) -> bool:
        if "*" in word or "?" in word:
            return any(fnmatch.fnmatchcase(part, word) for part in name)
        if len(word) == 1:
            return any(part.startswith(word) for part in name)
        return word in name

    for name in doc.author_tokens:
        if all(hit(word, name) for word in words):
            return 1.0 + len(words) / max(len(name), 1)
    return None


def _exact(value: str, candidates: Sequence[str], case: bool = True) -> float | None:
    value = value if case else value.lower()
    for candidate in candidates:
        candidate = candidate if case else candidate.lower()
        if (
            fnmatch.fnmatchcase(candidate, value)
            if ("*" in value or "?" in value)
            else candidate == value
        ):
            return 1.0
    return None


def _date_score(term: Term, record: ArxivRecord) -> float | None:
    match = re.fullmatch(r"(\d{12}) TO (\d{12})", term.text.strip())
    if not match:
        return None
    stamp = re.sub(r"\D", "", record.published)[:12]
    return 1.0 if match[1] <= stamp <= match[2] else None


def _id_candidates(record: ArxivRecord) -> list[str]:
    return [record.arxiv_id, *(f"{record.arxiv_id}v{v}" for v in range(1, record.latest + 1))]


def term_score(term: Term, doc: Document, stats: FieldStats) -> float | None:
    """The score of ``term`` on ``doc``, or ``None`` when it does not match."""
    record = doc.record
    if term.field in TEXT_FIELDS:
        return _text_score(term, term.field, doc, stats)
    if term.field == "au":
        return _author_score(term, doc)
    if term.field == "cat":
        return _exact(term.text, record.categories)
    if term.field == "id":
        return _exact(term.text, _id_candidates(record))
    if term.field == "doi":
        return _exact(term.text, [record.doi] if record.doi else [], case=False)
    if term.field == "submittedDate":
        return _date_score(term, record)
    return _all_score(term, doc, stats)


def _all_score(term: Term, doc: Document, stats: FieldStats) -> float | None:
    record = doc.record
    scores = [_text_score(term, prefix, doc, stats, folded=True) for prefix in TEXT_FIELDS]
    scores.append(_author_score(term, doc))
    if not term.quoted:
        scores.append(_exact(term.text, record.categories))
        scores.append(_exact(term.text, _id_candidates(record)))
        scores.append(_exact(term.text, [record.doi] if record.doi else [], case=False))
    found = [s for s in scores if s is not None]
    return sum(found) if found else None
