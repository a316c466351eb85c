"""What an entry names: a paper, or something else a reading list also links (``Entry.kind``).

Later stages resolve papers only; an entry of another kind is still reported (with its line)
so nothing is lost, but it is never matched to some paper. The decision, in order:

1. An entry that carries a paper identifier (any scheme, :mod:`.identifiers`) is a ``paper``.
2. An entry whose links include a paper host (``arxiv.org``, a proceedings site, a publisher,
   a ``.pdf``) is a ``paper``.
3. Otherwise the title's own link (or, for a title without a link, the first link of the
   line) decides when its host is known: ``repo`` (GitHub, GitLab, …), ``model`` / ``dataset``
   / ``tool`` (Hugging Face models, datasets and Spaces, PyPI, Kaggle), ``video`` (YouTube,
   Vimeo, Bilibili), ``blog`` (Medium, Substack, ``blog.`` hosts, ``/blog/`` paths), ``course``
   (course sites, ``/class/`` and ``/course`` paths, slides), ``book`` (book publishers and
   shops, book sites), ``standard`` (NIST, IETF, ISO, W3C TR), ``website`` (Wikipedia).
   A code host under a long title (five words or more that read as a title) stays a ``paper``:
   awesome lists often link a paper's title to its code, and its title still finds it; a PDF
   file kept in a repository (``github.com/…/blob/…/paper.pdf``) is a ``paper``.
4. A title linked to an unknown site that names a reading list or a course (``CMU 15-721 …
   Reading List``, ``… Lectures``) is a ``website`` / ``course``.
   A name of one or two words linked to an unknown site (``LiveBench``, ``FELM``) is a
   ``website``: a project or benchmark page, not a paper title.
5. Everything else (a plain title, a longer title linked to an unknown site) is a ``paper``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from zotsync.parse.identifiers import names_paper
from zotsync.parse.lines import looks_like_title

PAPER = "paper"

# host (or host suffix) -> kind; matched against the host without "www."
_HOSTS: dict[str, str] = {
    "github.com": "repo",
    "gitlab.com": "repo",
    "bitbucket.org": "repo",
    "gitee.com": "repo",
    "codeberg.org": "repo",
    "sourceforge.net": "repo",
    "youtube.com": "video",
    "youtu.be": "video",
    "vimeo.com": "video",
    "bilibili.com": "video",
    "videolectures.net": "video",
    "medium.com": "blog",
    "substack.com": "blog",
    "blogspot.com": "blog",
    "wordpress.com": "blog",
    "towardsdatascience.com": "blog",
    "zhuanlan.zhihu.com": "blog",
    "lilianweng.github.io": "blog",
    "jalammar.github.io": "blog",
    "colah.github.io": "blog",
    "karpathy.github.io": "blog",
    "coursera.org": "course",
    "edx.org": "course",
    "udacity.com": "course",
    "udemy.com": "course",
    "amazon.com": "book",
    "books.google.com": "book",
    "oreilly.com": "book",
    "manning.com": "book",
    "nostarch.com": "book",
    "deeplearningbook.org": "book",
    "d2l.ai": "book",
    "goodreads.com": "book",
    "openlibrary.org": "book",
    "kaggle.com": "dataset",
    "pypi.org": "tool",
    "npmjs.com": "tool",
    "nvlpubs.nist.gov": "standard",
    "csrc.nist.gov": "standard",
    "tools.ietf.org": "standard",
    "datatracker.ietf.org": "standard",
    "rfc-editor.org": "standard",
    "iso.org": "standard",
    "wikipedia.org": "website",
}
_PAPER_HOSTS = (
    "arxiv.org",
    "openreview.net",
    "aclanthology.org",
    "aclweb.org",
    "acm.org",
    "ieee.org",
    "springer.com",
    "sciencedirect.com",
    "nature.com",
    "science.org",
    "sciencemag.org",
    "biorxiv.org",
    "medrxiv.org",
    "researchgate.net",
    "academic.oup.com",
    "cell.com",
    "plos.org",
    "pnas.org",
    "usenix.org",
    "vldb.org",
    "cidrdb.org",
    "ecva.net",
    "thecvf.com",
    "cv-foundation.org",
    "aaai.org",
    "ijcai.org",
    "mlr.press",
    "jmlr.org",
    "nips.cc",
    "neurips.cc",
    "semanticscholar.org",
    "citeseerx.ist.psu.edu",
    "mdpi.com",
    "wiley.com",
    "tandfonline.com",
    "mitpressjournals.org",
    "distill.pub",
    "alphaxiv.org",
    "eprint.iacr.org",
    "ncbi.nlm.nih.gov",
    "doi.org",
)
_FILE_HOSTS = ("github.com", "gitlab.com", "gitee.com", "raw.githubusercontent.com")
_COURSE_PATH = re.compile(
    r"/(?:class|classes|course|courses|lectures?|teaching)(?:/|$)|/cs\d{3}", re.I
)
_SLIDES = re.compile(r"\.(?:pptx?|key)$|/slides?(?:/|$)|^/presentation/", re.I)
_BLOG_PATH = re.compile(r"/(?:blog|blogs|posts?|news)(?:/|$)", re.I)
_CODE_KINDS = ("repo", "model", "tool")


def _host(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        return (parts.hostname or "").lower().removeprefix("www."), parts.path
    except ValueError:
        return "", ""


def _matches(host: str, name: str) -> bool:
    return host == name or host.endswith("." + name)


def url_kind(url: str) -> str | None:
    """``paper`` for a paper host or identifier, another kind for a known non-paper site, else None."""
    if names_paper(url):
        return PAPER
    host, path = _host(url)
    if not host and not path:
        return None
    if host == "huggingface.co":
        first = path.strip("/").split("/")[0]
        if first == "datasets":
            return "dataset"
        if first == "spaces":
            return "tool"
        return "model" if path.strip("/").count("/") == 1 else None
    if _matches(host, "paperswithcode.com") and "/dataset" in path:
        return "dataset"
    if any(_matches(host, h) for h in _PAPER_HOSTS):
        return PAPER
    if path.lower().endswith(".pdf") and any(_matches(host, h) for h in _FILE_HOSTS):
        return PAPER  # a paper's PDF kept in a repository
    for name, kind in _HOSTS.items():
        if _matches(host, name):
            if kind == "repo" and path.strip("/").count("/") < 1:
                return "website"  # a user or organisation page
            return kind
    if _SLIDES.search(path):
        return "course"
    if path.lower().endswith(".pdf"):
        return PAPER
    if host.startswith("blog.") or _BLOG_PATH.search(path):
        return "blog"
    if _COURSE_PATH.search(path):
        return "course"
    return None


_TITLE_CUES = (
    (
        re.compile(r"\breading lists?\b|\bawesome\b|\bqualifying exam\b|\bleaderboard\b", re.I),
        "website",
    ),
    (re.compile(r"\b(?:course|lectures?|class|syllabus)\b|\bCS\s?\d{3}\b", re.I), "course"),
)


def _title_kind(title: str) -> str | None:
    """What a title linked to an unknown site says it is (``… Reading List``, ``CS 229 Lectures``)."""
    return next((kind for pattern, kind in _TITLE_CUES if pattern.search(title)), None)


def _absolute(url: str | None) -> bool:
    """A link to a site or to a page (``./2023/WMT.md``); a link to a folder next to the list
    (``./CVPR/TSD-SR/``, where its reader keeps notes on that paper) is neither."""
    if not url:
        return False
    if re.match(r"^(?:https?:)?//|^www\.", url, re.I):
        return True
    return bool(re.search(r"\.(?:md|markdown|html?|org|txt)(?:[#?].*)?$", url, re.I))


def entry_kind(title: str, title_url: str | None, urls: Iterable[str], has_id: bool) -> str:
    """The kind of one entry (see the module docstring)."""
    if has_id:
        return PAPER
    urls = [u for u in urls if u and not u.startswith("#")]
    kinds = [url_kind(u) for u in urls]
    if PAPER in kinds:
        return PAPER
    main = url_kind(title_url) if title_url else next((k for k in kinds if k), None)
    if main is None and urls:
        main = _title_kind(title)
    if main is None and _absolute(title_url) and len(title.split()) <= 2:
        return "website"  # "LiveBench", "FELM" linked to their own sites: a name, not a title
    if main is None or main == PAPER:
        return PAPER
    if main in _CODE_KINDS and len(title.split()) >= 5 and looks_like_title(title):
        return PAPER
    return main
