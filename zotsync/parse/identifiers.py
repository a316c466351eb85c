"""Identifiers hidden in the links of a reading list: arXiv, OpenReview, DOI.

Pure functions, no I/O. The rules, one per identifier:

* **arXiv** ids come from links to ``arxiv.org`` (any subdomain: ``www.``,
  ``export.``), in the ``/abs/``, ``/pdf/`` (with or without ``.pdf``) and
  ``/html/`` forms, from Hugging Face paper pages (``huggingface.co/papers/ID``)
  and from the arXiv DOI (``10.48550/arXiv.ID``). New style ``2410.08159`` and
  old style ``astro-ph/0601001`` (also ``math.GT/0309136``) are both accepted; a
  version suffix ``v2`` is split off into its own number.
* **OpenReview** ids come from ``openreview.net/forum?id=``, ``/pdf?id=`` and
  ``/attachment?id=…&name=pdf`` links.
* **DOIs** come from resolver links (``doi.org``, ``dx.doi.org``), from
  publisher links that embed one (``dl.acm.org/doi/10.1145/…``) and from a bare
  ``doi:10.…``; they are returned bare (``10.1145/3442188.3445922``), prefix lower-cased,
  trailing punctuation removed.

An arXiv DOI is reported as an arXiv id, not as a DOI: the resolver treats the
two very differently and the arXiv id is the stronger handle.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

# new style: YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-); old style: archive[.SUB]/YYMMNNN
_NEW_ID = r"\d{4}\.\d{4,5}"
_OLD_ID = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID = re.compile(rf"(?P<id>{_NEW_ID}|{_OLD_ID})(?:v(?P<version>\d+))?", re.ASCII)
_ARXIV_PATH = re.compile(
    rf"^/(?:abs|pdf|html|format|papers)/(?P<id>{_NEW_ID}|{_OLD_ID})(?:v(?P<version>\d+))?(?:\.pdf)?/?$",
    re.ASCII,
)
_ARXIV_TEXT = re.compile(
    rf"\barxiv\s*:\s*(?P<id>{_NEW_ID}|{_OLD_ID})(?:v(?P<version>\d+))?\b", re.ASCII | re.IGNORECASE
)
_DOI = re.compile(r"\b(?P<doi>10\.\d{4,9}/[^\s\"<>]+)", re.ASCII)
# "Title, arXiv:cs/0112017", "Title (arXiv: 2410.08159v2)", "Title. doi:10.1145/…": an identifier written after the title
_TRAILING_ID = re.compile(
    rf"[\s,;.|–—-]*[(\[]?\s*(?:arxiv\s*:\s*(?:{_NEW_ID}|{_OLD_ID})(?:v\d+)?|doi\s*:\s*10\.\d{{4,9}}/[^\s\"<>()\[\]]+)"
    r"\s*[)\]]?[\s.,;]*$",
    re.ASCII | re.IGNORECASE,
)
_DOI_TEXT = re.compile(r"\bdoi\s*:\s*(?P<doi>10\.\d{4,9}/[^\s\"<>]+)", re.ASCII | re.IGNORECASE)
_ARXIV_DOI = re.compile(
    rf"^10\.48550/arxiv\.(?P<id>{_NEW_ID})(?:v(?P<version>\d+))?$", re.ASCII | re.IGNORECASE
)
_OPENREVIEW_ID = re.compile(r"^[A-Za-z0-9_\-]{6,40}$")
_URL = re.compile(r"https?://[^\s<>\"'\]\[]+", re.IGNORECASE)

_TRAILING_PUNCT = ".,;:!?)]}>'\""


@dataclass(frozen=True)
class Identifiers:
    """What one link (or one piece of text) names. Every field may be None."""

    arxiv_id: str | None = None
    arxiv_version: int | None = None
    openreview_id: str | None = None
    doi: str | None = None

    def __bool__(self) -> bool:
        return bool(self.arxiv_id or self.openreview_id or self.doi)

    def merged(self, other: Identifiers) -> Identifiers:
        """Fields of ``self`` win; gaps are filled from ``other``."""
        return Identifiers(
            arxiv_id=self.arxiv_id or other.arxiv_id,
            arxiv_version=self.arxiv_version if self.arxiv_id else other.arxiv_version,
            openreview_id=self.openreview_id or other.openreview_id,
            doi=self.doi or other.doi,
        )


NONE = Identifiers()


def strip_trailing_punctuation(url: str) -> str:
    """``https://x/y).`` -> ``https://x/y``; keeps a ``)`` that closes a ``(`` inside the URL."""
    while url and url[-1] in _TRAILING_PUNCT:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def find_urls(text: str) -> list[str]:
    """Bare ``http(s)://`` URLs in ``text``, in order, trailing punctuation removed."""
    return [strip_trailing_punctuation(m.group(0)) for m in _URL.finditer(text)]


def _arxiv_from(match: re.Match | None) -> Identifiers:
    if match is None:
        return NONE
    version = match.group("version")
    return Identifiers(arxiv_id=match.group("id"), arxiv_version=int(version) if version else None)


def _clean_doi(doi: str) -> Identifiers:
    doi = strip_trailing_punctuation(unquote(doi))
    arxiv = _ARXIV_DOI.match(doi)
    if arxiv:
        return _arxiv_from(arxiv)
    prefix, _, suffix = doi.partition("/")
    return Identifiers(doi=f"{prefix.lower()}/{suffix}") if suffix else NONE


@functools.lru_cache(maxsize=8192)
def from_url(url: str) -> Identifiers:
    """The identifiers one link names (``NONE`` when it names none).

    >>> from_url("https://arxiv.org/pdf/2410.08159v2")
    Identifiers(arxiv_id='2410.08159', arxiv_version=2, openreview_id=None, doi=None)
    """
    url = strip_trailing_punctuation(url.strip())
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").lower()
    except ValueError:
        return NONE
    path = unquote(parts.path)
    if host == "arxiv.org" or host.endswith(".arxiv.org"):
        return _arxiv_from(_ARXIV_PATH.match(path))
    if host in ("huggingface.co", "www.huggingface.co", "hf.co") and path.startswith("/papers/"):
        return _arxiv_from(_ARXIV_PATH.match(path))
    if host in ("openreview.net", "www.openreview.net"):
        ids = parse_qs(parts.query).get("id", [])
        if (
            ids
            and _OPENREVIEW_ID.match(ids[0])
            and path.rstrip("/") in ("/forum", "/pdf", "/attachment")
        ):
            return Identifiers(openreview_id=ids[0])
        return NONE
    doi = _DOI.search(path)
    if doi and (host.endswith("doi.org") or "/doi/" in path or host.startswith("doi.")):
        return _clean_doi(doi.group("doi"))
    return NONE


def from_text(text: str) -> Identifiers:
    """Identifiers written as text rather than links: ``arXiv:2410.08159``, ``doi:10.1145/…``."""
    found = _arxiv_from(_ARXIV_TEXT.search(text))
    doi = _DOI_TEXT.search(text)
    if doi:
        found = found.merged(_clean_doi(doi.group("doi")))
    return found


def strip_trailing_identifier(text: str) -> str:
    """``text`` without an ``arXiv:…``/``doi:…`` written after it (the id itself is read by :func:`from_text`)."""
    rest = _TRAILING_ID.sub("", text)
    return rest if rest.strip() else text


def link_kind(url: str) -> str | None:
    """``"paper"`` for links that name a paper by identifier, else None."""
    return "paper" if from_url(url) else None
