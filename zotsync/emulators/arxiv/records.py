"""What the arXiv emulator serves: one record per paper, and arXiv identifiers.

A :class:`ArxivRecord` is built from a corpus paper (:func:`records_from_corpus`; papers
without an arXiv id are not on arXiv and are skipped) or directly (tests build records
with affiliations and exact timestamps, which the JSONL corpus does not carry).

Identifiers: new style ``YYMM.NNNN(N)`` and old style ``archive[.SUBJ]/YYMMNNN``, with an
optional ``vN``. The service's *validity* check is a loose regex search (see
:func:`looks_like_id`); its *lookup* needs an exact id (:func:`split_id`), so
``arXiv:2410.08159`` passes validation and then matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from zotsync.emulators.corpus import CorpusPaper

__all__ = ["Author", "ArxivRecord", "records_from_corpus", "looks_like_id", "split_id", "timestamp"]

# The service's validity test: a new-style id not preceded by a digit, '=' or '.',
# or an old-style archive/YYMMNNN, found anywhere in the element.
_VALID_NEW = re.compile(r"(?<![\d=.])\d{4}\.\d{4,5}(?:v\d*)?")
_ARCHIVES = (
    "acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas "
    "cond-mat cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th nlin "
    "nucl-ex nucl-th patt-sol physics plasm-ph q-alg q-bio quant-ph solv-int supr-con"
).split()
_VALID_OLD = re.compile(rf"(?<![a-zA-Z-])(?:{'|'.join(_ARCHIVES)})(?:\.[a-zA-Z-]+)?/\d{{7}}")
_EXACT = re.compile(r"^(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v(?P<v>\d+))?$")


def looks_like_id(text: str) -> bool:
    """True when the service accepts ``text`` as an id_list element (else 400)."""
    return bool(_VALID_NEW.search(text) or _VALID_OLD.search(text))


def split_id(text: str) -> tuple[str, int | None] | None:
    """``"2410.08159v2"`` → ``("2410.08159", 2)``; ``None`` when it names no paper exactly."""
    match = _EXACT.match(text)
    if not match:
        return None
    return match["id"], int(match["v"]) if match["v"] else None


def timestamp(date: str) -> str:
    """A corpus date or datetime as the feed writes it: ``2024-10-10`` → ``2024-10-10T00:00:00Z``."""
    if "T" in date:
        return date if date.endswith("Z") else date + "Z"
    return f"{date}T00:00:00Z"


@dataclass(frozen=True)
class Author:
    name: str
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArxivRecord:
    """One arXiv paper. ``version_dates[i]`` is the submission time of version i+1."""

    arxiv_id: str
    title: str
    abstract: str
    authors: tuple[Author, ...]
    version_dates: tuple[str, ...]  # "YYYY-MM-DDTHH:MM:SSZ", v1 first; never empty
    categories: tuple[str, ...] = ()  # primary first
    doi: str | None = None
    journal_ref: str | None = None
    comment: str | None = None
    report_no: str | None = None
    version_titles: tuple[tuple[int, str], ...] = ()  # earlier versions' titles, where different

    @property
    def latest(self) -> int:
        return len(self.version_dates)

    @property
    def published(self) -> str:
        return self.version_dates[0]

    def version_date(self, version: int) -> str:
        return self.version_dates[version - 1]

    def title_at(self, version: int) -> str:
        """The title as version ``version`` had it (papers get retitled)."""
        return dict(self.version_titles).get(version, self.title)


def _version_dates(paper: CorpusPaper) -> tuple[str, ...]:
    """Dates for v1..vN. The corpus knows v1 (published) and vN (updated) only: the
    versions in between are given v1's date (a documented simplification)."""
    first = timestamp(paper.published or paper.updated or "1970-01-01")
    last = timestamp(paper.last_updated or paper.published or "1970-01-01")
    n = paper.latest_version
    return (first,) if n == 1 else (first,) * (n - 1) + (last,)


def records_from_corpus(papers: Iterable[CorpusPaper]) -> list[ArxivRecord]:
    """The corpus papers that are on arXiv, as records (corpus order kept)."""
    return [
        ArxivRecord(
            arxiv_id=paper.arxiv_id,
            title=paper.title,
            abstract=paper.abstract or "",
            authors=tuple(Author(name) for name in paper.authors),
            version_dates=_version_dates(paper),
            categories=paper.categories,
            doi=paper.doi,
            journal_ref=paper.journal_ref,
            comment=paper.comment,
            version_titles=paper.version_titles,
        )
        for paper in papers
        if paper.arxiv_id
    ]
