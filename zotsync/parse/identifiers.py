"""Identifiers hidden in a reading list: in link targets, bare URLs and plain text.

Pure functions, no I/O. :func:`url_id` reads one URL, :func:`text_ids` reads prose, and
:func:`scan` reads a piece of Markdown (links, bare URLs and text alike) and says where each
identifier came from. Whatever a link's label (``PDF``, ``[[pdf]]``, ``arXiv``, ``paper``)
the target is read the same way. The schemes (``FoundId.scheme``):

* ``arxiv`` – ``arxiv.org`` (any subdomain) ``/abs/``, ``/pdf/`` (with or without ``.pdf``),
  ``/html/``, ``/format/``; ``ar5iv``; alphaXiv (``/abs/``, ``/overview/``, ``/pdf/``); Hugging
  Face paper pages (``huggingface.co/papers/ID``); Semantic Scholar's ``/arxiv/ID``; the arXiv
  DOI (``10.48550/arXiv.ID``); ``arXiv:ID`` written in text; old-style ids of a known archive
  written bare (``hep-th/9901001``, ``cs/0112017``). New style ``2410.08159`` and old style
  ``astro-ph/0601001`` (also ``math.GT/0309136``); a version suffix ``v2`` is split off.
* ``openreview`` – ``openreview.net/forum?id=``, ``/pdf?id=``, ``/attachment?id=…``.
* ``doi`` – resolver links (``doi.org``, ``dx.doi.org``, ``doi.acm.org``), publisher links that
  embed one (``dl.acm.org/doi/…``, ``link.springer.com/article/…``, bioRxiv/medRxiv
  ``/content/10.1101/…v2.full``, ``onlinelibrary.wiley.com/doi/…``), ``nature.com/articles/ID``
  (Nature's article ids are DOI suffixes of ``10.1038``), ``doi:10.…`` and bare ``10.NNNN/…``
  in text; returned bare, prefix lower-cased, trailing punctuation removed.
* ``acl`` – ACL Anthology ids (``P18-1001``, ``2020.acl-main.1``) from ``aclanthology.org``
  and ``aclweb.org/anthology``. ``pmlr`` – ``v139/radford21a`` from ``proceedings.mlr.press``
  and the old ``jmlr.org/proceedings/papers``; ``jmlr`` – ``v21/20-074`` from ``jmlr.org/papers``.
* ``neurips`` – proceedings pages: ``2020/1457c0d6…`` (hash pages and files) or ``5423`` (the
  old ``papers.nips.cc/paper/5423-…`` form). ``cvf`` – the paper's file stem on
  ``openaccess.thecvf.com``. ``s2`` – Semantic Scholar's 40-hex paper id (``/paper/…/ID``,
  ``pdfs.semanticscholar.org/abcd/ef….pdf``). ``pwc`` – a Papers with Code paper slug.
  ``iacr`` – an IACR ePrint (``2019/123``). ``pubmed`` / ``pmc``. ``ieee`` – an IEEE Xplore
  document number.

An arXiv DOI is reported as an arXiv id, not as a DOI: the resolver treats the two very
differently and the arXiv id is the stronger handle. :func:`from_url` / :func:`from_text`
keep the older three-field view (arXiv, OpenReview, DOI) that entries' main fields use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from zotsync.model import FoundId

# new style: YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-); old style: archive[.SUB]/YYMMNNN
_NEW_ID = r"\d{4}\.\d{4,5}"
_OLD_ID = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
# after the id: nothing, ".pdf", a final "/", or junk glued to it that cannot continue an id
# ("1112.6209.pdf&embed", "2407.11681mini"); a deeper path ("…v1/x1.png", a figure) names no paper
_ARXIV_PATH = re.compile(
    rf"^/(?:abs|pdf|html|format|papers|overview|arxiv)/(?P<id>{_NEW_ID}|{_OLD_ID})"
    r"(?:v(?P<version>\d+)|(?!v\d))(?!\d)(?:\.pdf)?(?:/?$|[^/\d])",
    re.ASCII,
)
_ARXIV_TEXT = re.compile(
    rf"arxiv\s*[:：]?\s*(?P<id>{_NEW_ID}|{_OLD_ID})(?:v(?P<version>\d+))?(?![\d.]*\d)",
    re.ASCII | re.IGNORECASE,
)
# archives of old-style ids, so that "hep-th/9901001" written bare is an id and "a/1234567" is not
_ARCHIVES = (
    "astro-ph|cond-mat|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|nlin|nucl-ex|nucl-th|physics|"
    "quant-ph|math|cs|q-bio|q-fin|stat|chao-dyn|solv-int|patt-sol|adap-org|comp-gas|cmp-lg|"
    "alg-geom|dg-ga|funct-an|q-alg|chem-ph|atom-ph|plasm-ph|supr-con|mtrl-th|ao-sci|acc-phys|bayes-an"
)
_OLD_BARE = re.compile(
    rf"(?<![\w/.-])(?P<id>(?:{_ARCHIVES})(?:\.[A-Z]{{2}})?/\d{{7}})(?:v(?P<version>\d+))?(?![\w/])",
    re.ASCII,
)
_DOI = re.compile(r"\b(?P<doi>10\.\d{4,9}/[^\s\"<>]+)", re.ASCII)
# "Title, arXiv:cs/0112017", "Title (arXiv: 2410.08159v2)", "Title. doi:10.1145/…": an identifier written after the title
_TRAILING_ID = re.compile(
    rf"[\s,;.|–—-]*[(\[]?\s*(?:arxiv\s*:\s*(?:{_NEW_ID}|{_OLD_ID})(?:v\d+)?|doi\s*:\s*10\.\d{{4,9}}/[^\s\"<>()\[\]]+)"
    r"\s*[)\]]?[\s.,;]*$",
    re.ASCII | re.IGNORECASE,
)
_DOI_TEXT = re.compile(r"(?<![\w/.])(?P<doi>10\.\d{4,9}/[^\s\"<>\]\[(){}]+)", re.ASCII)
_ARXIV_DOI = re.compile(
    rf"^10\.48550/arxiv\.(?P<id>{_NEW_ID})(?:v(?P<version>\d+))?$", re.ASCII | re.IGNORECASE
)
# the commonest link of all, read without taking the URL apart (the same answer as the long way)
_PLAIN_ARXIV = re.compile(
    rf"(?i:https?://(?:www\.)?arxiv\.org)/(?:abs|pdf)/(?P<id>{_NEW_ID})(?:v(?P<version>\d+))?(?:\.pdf)?/?",
    re.ASCII,
)
_OPENREVIEW_ID = re.compile(r"^[A-Za-z0-9_\-]{6,40}$")
_URL = re.compile(r"https?://[^\s<>\"'\]\[]+", re.IGNORECASE)
# a paper host written without its scheme ("arxiv.org/abs/1706.03762" in prose)
_SCHEMELESS = re.compile(
    r"(?<![\w/.@-])(?:www\.)?(?:arxiv\.org|openreview\.net|aclanthology\.org|doi\.org)/[^\s<>\"'\]\[]+",
    re.IGNORECASE,
)
_ACL_ID = re.compile(r"^(?:[A-Z]\d{2}-\d{4}|\d{4}\.[a-z0-9\-]+\.\d+)$", re.ASCII)
_ACL_OLD_PATH = re.compile(r"^/anthology/[A-Z]/[A-Z]\d{2}/(?P<id>[A-Z]\d{2}-\d{4})", re.ASCII)
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX40 = re.compile(r"^[0-9a-f]{40}$")
_BIORXIV_DOI = re.compile(
    r"^(?P<doi>10\.1101/[\d.]+?\d)(?:v\d+)?(?:\.(?:full|abstract|article-info)(?:\.pdf)?|\.pdf)?$"
)

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


@dataclass(frozen=True)
class UrlId:
    """One identifier a URL names: ``scheme``, ``value`` and the version it pinned (arXiv only)."""

    scheme: str
    value: str
    version: int | None = None


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


def _arxiv(match: re.Match | None) -> UrlId | None:
    if match is None:
        return None
    version = match.group("version")
    return UrlId("arxiv", match.group("id"), int(version) if version else None)


def _doi(doi: str) -> UrlId | None:
    doi = strip_trailing_punctuation(unquote(doi))
    arxiv = _ARXIV_DOI.match(doi)
    if arxiv:
        return _arxiv(arxiv)
    for suffix in (".pdf", ".full", ".abstract", "/full", "/abstract", "/pdf", "/epdf"):
        doi = doi.removesuffix(suffix)
    prefix, _, suffix = doi.partition("/")
    return UrlId("doi", f"{prefix.lower()}/{suffix}") if suffix else None


def _stem(segment: str) -> str:
    return re.sub(r"\.(?:pdf|html?)$", "", segment, flags=re.IGNORECASE)


def _openreview(parts, path: str) -> UrlId | None:
    ids = parse_qs(parts.query).get("id", [])
    if (
        ids
        and _OPENREVIEW_ID.match(ids[0])
        and path.rstrip("/") in ("/forum", "/pdf", "/attachment")
    ):
        return UrlId("openreview", ids[0])
    return None


def _acl(path: str) -> UrlId | None:
    old = _ACL_OLD_PATH.match(path)
    if old:
        return UrlId("acl", old.group("id"))
    segs = [s for s in path.split("/") if s]
    if segs and segs[0] == "anthology":
        segs = segs[1:]
    if len(segs) == 1 and _ACL_ID.match(_stem(segs[0])):
        return UrlId("acl", _stem(segs[0]))
    return None


def _pmlr(segs: list[str]) -> UrlId | None:
    # /v139/radford21a.html, /v9/glorot10a/glorot10a.pdf, /v37/gregor15.pdf
    if len(segs) >= 2 and re.fullmatch(r"v\d+|r\d+", segs[0]):
        return UrlId("pmlr", f"{segs[0]}/{_stem(segs[1])}")
    return None


def _neurips(segs: list[str]) -> UrlId | None:
    # /paper/2020/hash/<hex>-Abstract.html, /paper_files/paper/2022/file/<hex>-Paper-Conference.pdf,
    # /paper/5423-generative-adversarial-nets.pdf
    for i, seg in enumerate(segs):
        if re.fullmatch(r"(?:19|20)\d\d", seg) and i + 2 < len(segs):
            key = segs[i + 2].split("-")[0]
            if _HEX32.match(key):
                return UrlId("neurips", f"{seg}/{key}")
    if len(segs) == 2 and segs[0] == "paper" and (m := re.match(r"^(\d{2,5})-", segs[1])):
        return UrlId("neurips", m.group(1))
    return None


def _semantic_scholar(host: str, segs: list[str]) -> UrlId | None:
    if host.startswith("pdfs.") and len(segs) == 2:
        key = segs[0] + _stem(segs[1])
        return UrlId("s2", key) if _HEX40.match(key) else None
    if segs and segs[0] == "arxiv" and len(segs) == 2:
        return _arxiv(_ARXIV_PATH.match("/" + "/".join(segs)))
    if segs and segs[0] == "paper" and _HEX40.match(segs[-1]):
        return UrlId("s2", segs[-1])
    return None


def _host_is(host: str, *names: str) -> bool:
    return any(host == n or host.endswith("." + n) for n in names)


@functools.lru_cache(maxsize=16384)
def url_id(url: str) -> UrlId | None:
    """The identifier one link names, or None.

    >>> url_id("https://arxiv.org/pdf/2410.08159v2")
    UrlId(scheme='arxiv', value='2410.08159', version=2)
    """
    url = strip_trailing_punctuation(url.strip())
    if len(url) > 2000:
        return None
    plain = _PLAIN_ARXIV.fullmatch(url)
    return _arxiv(plain) if plain else _url_id_by_parts(url)


def _url_id_by_parts(url: str) -> UrlId | None:
    """:func:`url_id` the long way: host, path and query taken apart and read by site."""
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    # "….pdf&embed": a query written with "&" instead of "?" is no part of the path
    path = unquote(parts.path.partition("&")[0])
    segs = [s for s in path.split("/") if s]
    if _host_is(host, "arxiv.org", "ar5iv.org", "alphaxiv.org", "arxiv-vanity.com", "scirate.com"):
        return _arxiv(_ARXIV_PATH.match(re.sub(r"^/(?:labs/)?", "/", path)))
    if host in ("huggingface.co", "www.huggingface.co", "hf.co"):
        return _arxiv(_ARXIV_PATH.match(path)) if path.startswith("/papers/") else None
    if _host_is(host, "openreview.net"):
        return _openreview(parts, path)
    if _host_is(host, "aclanthology.org", "aclweb.org"):
        return _acl(path)
    if _host_is(host, "proceedings.mlr.press"):
        return _pmlr(segs)
    if _host_is(host, "jmlr.org"):
        if segs[:2] == ["proceedings", "papers"]:
            return _pmlr(segs[2:])
        if segs[:1] == ["papers"] and len(segs) >= 3:
            volume = segs[1].replace("volume", "v")
            return (
                UrlId("jmlr", f"{volume}/{_stem(segs[2])}")
                if re.fullmatch(r"v\d+", volume)
                else None
            )
        return None
    if _host_is(host, "papers.nips.cc", "proceedings.neurips.cc", "papers.neurips.cc"):
        return _neurips(segs)
    if _host_is(host, "semanticscholar.org"):
        return _semantic_scholar(host, segs)
    if _host_is(host, "paperswithcode.com"):
        return UrlId("pwc", segs[1]) if len(segs) == 2 and segs[0] == "paper" else None
    if _host_is(host, "thecvf.com", "cv-foundation.org"):
        stem = _stem(segs[-1]) if segs else ""
        return UrlId("cvf", stem.removesuffix("_paper")) if stem.endswith("_paper") else None
    if _host_is(host, "iacr.org") and host.startswith("eprint."):
        m = re.match(r"^(\d{4})/(\d{3,5})", "/".join(segs))
        return UrlId("iacr", f"{m.group(1)}/{m.group(2)}") if m else None
    if host in ("pubmed.ncbi.nlm.nih.gov",) and segs and segs[0].isdigit():
        return UrlId("pubmed", segs[0])
    if _host_is(host, "ncbi.nlm.nih.gov"):
        if len(segs) >= 2 and segs[0] == "pubmed" and segs[1].isdigit():
            return UrlId("pubmed", segs[1])
        pmc = next((s for s in segs if re.fullmatch(r"PMC\d+", s)), None)
        return UrlId("pmc", pmc) if pmc else None
    if _host_is(host, "ieeexplore.ieee.org"):
        number = parse_qs(parts.query).get("arnumber", [None])[0]
        if number is None and "document" in segs:
            number = (
                segs[segs.index("document") + 1] if segs.index("document") + 1 < len(segs) else None
            )
        return UrlId("ieee", number) if number and number.isdigit() else None
    if _host_is(host, "nature.com") and len(segs) == 2 and segs[0] == "articles":
        return UrlId("doi", f"10.1038/{_stem(segs[1])}")
    if _host_is(host, "biorxiv.org", "medrxiv.org"):
        m = _BIORXIV_DOI.match(path.removeprefix("/content/"))
        return UrlId("doi", m.group("doi")) if m else None
    doi = _DOI.search(path)
    if doi and (
        host.endswith("doi.org")
        or host.startswith("doi.")
        or "/doi/" in path
        or _host_is(host, "springer.com", "wiley.com", "tandfonline.com", "sagepub.com")
    ):
        return _doi(doi.group("doi"))
    return None


def _identifiers(found: UrlId | None) -> Identifiers:
    if found is None:
        return NONE
    if found.scheme == "arxiv":
        return Identifiers(arxiv_id=found.value, arxiv_version=found.version)
    if found.scheme == "openreview":
        return Identifiers(openreview_id=found.value)
    if found.scheme == "doi":
        return Identifiers(doi=found.value)
    return NONE


def from_url(url: str) -> Identifiers:
    """The arXiv / OpenReview / DOI identifier one link names (``NONE`` when it names none).

    >>> from_url("https://arxiv.org/pdf/2410.08159v2")
    Identifiers(arxiv_id='2410.08159', arxiv_version=2, openreview_id=None, doi=None)
    """
    return _identifiers(url_id(url))


def names_paper(url: str | None) -> bool:
    """Does this link name a paper by an identifier of any scheme?"""
    return bool(url) and url_id(url) is not None


def text_ids(text: str) -> list[tuple[int, UrlId]]:
    """Identifiers written as text (not links), with their offsets: ``arXiv:2410.08159``,
    ``arxiv:hep-th/9905111``, a bare old-style id of a known archive, ``doi:10.…`` or a bare
    ``10.NNNN/…`` DOI, and paper URLs written without ``https://``."""
    if "/" not in text and "rxiv" not in text.lower():
        return []  # every form below holds a "/" except "arXiv:NNNN.NNNNN"
    found: list[tuple[int, UrlId]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: UrlId | None) -> None:
        if value is not None and not any(s < end and start < e for s, e in taken):
            found.append((start, value))
            taken.append((start, end))

    for m in _URL.finditer(text):  # URLs are read by url_id, never as text
        taken.append(m.span())
    for m in _SCHEMELESS.finditer(text):
        add(*m.span(), url_id(strip_trailing_punctuation(m.group(0))))
    for m in _ARXIV_TEXT.finditer(text):
        add(*m.span(), _arxiv(m))
    for m in _OLD_BARE.finditer(text):
        add(*m.span(), _arxiv(m))
    for m in _DOI_TEXT.finditer(text):
        add(*m.span(), _doi(m.group("doi")))
    return sorted(found, key=lambda f: f[0])


def from_text(text: str) -> Identifiers:
    """Identifiers written as text rather than links: ``arXiv:2410.08159``, ``doi:10.1145/…``."""
    found = NONE
    for _, value in text_ids(text):
        found = found.merged(_identifiers(value))
    return found


def found_id(
    value: UrlId, where: str, *, line: int, url: str | None = None, label: str | None = None
) -> FoundId:
    return FoundId(
        scheme=value.scheme,
        value=value.value,
        version=value.version,
        where=where,
        line=line,
        url=url,
        label=label,
    )


def strip_trailing_identifier(text: str) -> str:
    """``text`` without an ``arXiv:…``/``doi:…`` written after it (the id itself is read by :func:`from_text`)."""
    rest = _TRAILING_ID.sub("", text)
    return rest if rest.strip() else text


def link_kind(url: str) -> str | None:
    """``"paper"`` for links that name a paper by identifier, else None."""
    return "paper" if names_paper(url) else None
