"""Published venues: is it a conference or a journal, and what is its full name?

Sources say ``"ICLR 2024"``, ``"NeurIPS"``, ``"CVPR 22"``, ``"Nature"`` or a
journal reference like ``"Nature 567, 209-212 (2019)"``. :func:`classify`
turns that into the BibTeX container: ``("inproceedings", "International
Conference on Learning Representations (ICLR 2024)")`` or ``("article",
"Nature")``. Well-known machine-learning, vision and language venues are
spelled out; anything else is kept as the source wrote it. A venue that only
says "this is a preprint" (``arXiv``, ``CoRR``) or names a submission that was
not accepted (``ICLR 2024 Conference Withdrawn Submission``) is no venue at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zotsync.model import Paper

__all__ = ["Venue", "classify", "published_venue", "canonical_venue", "edition", "VENUE_TYPES"]

CONFERENCES = {
    "AAAI": "AAAI Conference on Artificial Intelligence",
    "ACL": "Annual Meeting of the Association for Computational Linguistics",
    "AISTATS": "International Conference on Artificial Intelligence and Statistics",
    "BMVC": "British Machine Vision Conference",
    "COLING": "International Conference on Computational Linguistics",
    "COLM": "Conference on Language Modeling",
    "CORL": "Conference on Robot Learning",
    "CVPR": "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
    "ECCV": "European Conference on Computer Vision",
    "EMNLP": "Conference on Empirical Methods in Natural Language Processing",
    "ICASSP": "IEEE International Conference on Acoustics, Speech and Signal Processing",
    "ICCV": "IEEE/CVF International Conference on Computer Vision",
    "ICLR": "International Conference on Learning Representations",
    "ICML": "International Conference on Machine Learning",
    "ICRA": "IEEE International Conference on Robotics and Automation",
    "IJCAI": "International Joint Conference on Artificial Intelligence",
    "INTERSPEECH": "Interspeech",
    "KDD": "ACM SIGKDD Conference on Knowledge Discovery and Data Mining",
    "NAACL": "Annual Conference of the North American Chapter of the Association for Computational Linguistics",
    "NEURIPS": "Advances in Neural Information Processing Systems",
    "NIPS": "Advances in Neural Information Processing Systems",
    "SIGGRAPH": "ACM SIGGRAPH Conference",
    "UAI": "Conference on Uncertainty in Artificial Intelligence",
    "WACV": "IEEE/CVF Winter Conference on Applications of Computer Vision",
    "WWW": "ACM Web Conference",
}
JOURNALS = {
    "JMLR": "Journal of Machine Learning Research",
    "TMLR": "Transactions on Machine Learning Research",
    "TPAMI": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
    "IJCV": "International Journal of Computer Vision",
    "TACL": "Transactions of the Association for Computational Linguistics",
}
_CONFERENCE_WORDS = re.compile(
    r"\b(conference|proceedings|workshop|symposium|meeting|congress|findings)\b", re.IGNORECASE
)
_NOT_PUBLISHED = re.compile(
    r"\b(withdrawn|rejected|submitted|under review|desk reject)", re.IGNORECASE
)
_PREPRINT_ONLY = re.compile(
    r"^\s*(arxiv(\.org)?|corr|preprint|biorxiv|medrxiv|openreview(\.net)?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Venue:
    """The BibTeX container of a published paper."""

    entry_type: str  # "inproceedings" | "article"
    name: str  # booktitle / journal


def _acronym(venue: str) -> str | None:
    """The known acronym a venue starts with: ``"ICLR 2024"``, ``"EMNLP Findings"``, ``"NeurIPS'23"``."""
    m = re.match(r"^\s*([A-Za-z]+)\b", venue)
    return m.group(1).upper() if m and m.group(1).upper() in CONFERENCES else None


def classify(venue: str | None, journal_ref: str | None = None) -> Venue | None:
    """The container for a venue (preferred) or a journal reference; None for a preprint."""
    for text in (venue, journal_ref):
        if (
            not text
            or not text.strip()
            or _PREPRINT_ONLY.match(text)
            or _NOT_PUBLISHED.search(text)
        ):
            continue
        text = " ".join(text.split())
        if text.upper() in JOURNALS:
            return Venue("article", f"{JOURNALS[text.upper()]} ({text})")
        acronym = _acronym(text)
        if acronym and not re.search(
            r"\bworkshop\b", text, re.IGNORECASE
        ):  # a workshop is not the main track
            return Venue("inproceedings", f"{CONFERENCES[acronym]} ({text})")
        if _CONFERENCE_WORDS.search(text):
            return Venue("inproceedings", text)
        return Venue("article", text)
    return None


#: What an authoritative source calls the two kinds of published venue (S2 ``publicationVenue.type``).
VENUE_TYPES = {"conference": "inproceedings", "journal": "article"}

#: Names sources give well-known venues, lower-cased, → the acronym of the canonical name above.
_ALIASES = {
    "neural information processing systems": "NEURIPS",
    "advances in neural information processing systems": "NEURIPS",
    "computer vision and pattern recognition": "CVPR",
    "ieee/cvf conference on computer vision and pattern recognition": "CVPR",
    "ieee conference on computer vision and pattern recognition": "CVPR",
    "ieee international conference on computer vision": "ICCV",
    "ieee/cvf international conference on computer vision": "ICCV",
    "journal of machine learning research": "JMLR",
}


def canonical_venue(name: str, alternates: tuple[str, ...] = ()) -> str:
    """The canonical name of a venue an authoritative source named (``Neural Information
    Processing Systems`` → ``Advances in Neural Information Processing Systems``); a venue
    this table does not know keeps the source's own venue name."""
    name = " ".join(name.split())
    table = {**CONFERENCES, **JOURNALS}
    for candidate in (name, *alternates):
        key = " ".join(candidate.split())
        if key.upper() in table:
            return table[key.upper()]
        if key.lower() in _ALIASES:
            return table[_ALIASES[key.lower()]]
        for full in table.values():
            if full.lower() == key.lower():
                return full
    return name


def published_venue(venue: str | None, venue_type: str | None) -> Venue | None:
    """The published container an *authoritative* source gives (a venue name with its type:
    conference or journal), canonically named; None when the source says nothing that firm.

    A free-text venue hint or a journal reference alone is never enough (see :func:`classify`,
    which only reads such text, for the notes and tags that may show it).
    """
    kind = VENUE_TYPES.get((venue_type or "").lower())
    if kind is None or not venue or not venue.strip() or _PREPRINT_ONLY.match(venue):
        return None
    return Venue(kind, canonical_venue(venue))


def edition(paper: Paper, prefer_published: bool) -> Venue | None:
    """The version a ``.bib`` entry and a Zotero item describe: the published venue, or None
    for the arXiv preprint. The published version only when asked for *and* an authoritative
    source named its venue; a paper not on arXiv has no preprint, so its authoritative venue
    is used whenever there is one."""
    if paper.arxiv_id and not prefer_published:
        return None
    return published_venue(paper.venue, paper.venue_type)
