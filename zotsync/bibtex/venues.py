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

__all__ = ["Venue", "classify"]

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
