"""One paper → one BibTeX entry (type + ordered fields), in BibTeX or biblatex style.

Entry shapes (modelled on what Better BibTeX exports for an arXiv preprint):

==================  ========================================================================
``--style bibtex``  ``@misc``: title, author, year, month, eprint, archiveprefix = {arXiv},
                    primaryclass, doi = {10.48550/arXiv.<id>}, url
``--style biblatex````@online``: title, author, date, eprint, eprinttype = {arxiv},
                    eprintclass, pubstate = {prepublished}, doi, url
published version   ``@inproceedings`` (booktitle) or ``@article`` (journal / journaltitle)
                    with the canonical venue name, volume/pages when known, the publisher
                    DOI, and still eprint & co. so readers find the free version
==================  ========================================================================

Which version an entry describes is :func:`zotsync.venues.edition` — the same
rule the Zotero items follow, so an entry and its item never disagree: the preprint,
unless published versions are asked for (``[zotero] prefer_published``,
``--prefer-published``) and an authoritative source named the venue with its type. A
free-text venue hint or a ``journal_ref`` alone never makes an entry published.

Dates follow :func:`zotsync.dates.version_date` (that version's date). Then optional
``keywords`` (section path components and the user's tags, comma-separated,
as written), ``abstract`` (``--abstract``) and ``note`` with the code link
(``code_links``).

Non-ASCII: ``--style bibtex`` writes LaTeX (``{\\"o}``) so pdflatex + BibTeX
print it with no package; **CJK names and titles**, which pdflatex cannot print
at all, are romanised (``张三`` → ``Zhang, San``) and reported as a warning —
use ``--style biblatex`` (UTF-8 kept, names written as one literal ``{张三}``)
with xelatex or lualatex to keep them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from anyascii import anyascii

from zotsync.bibtex.latex import convert_text, inert_raw, protect_title
from zotsync.dates import version_date
from zotsync.model import Paper
from zotsync.names import Name, split_name
from zotsync.venues import Venue, edition

__all__ = ["BibEntry", "paper_entry", "placeholder_entry", "STYLES", "arxiv_doi", "arxiv_url"]

STYLES = ("bibtex", "biblatex")


@dataclass(frozen=True)
class BibEntry:
    """An entry ready to serialise: values are TeX; ``month`` may be a macro name."""

    entry_type: str
    key: str
    fields: tuple[tuple[str, str], ...]
    macros: frozenset[str] = frozenset()  # field names whose value is a bare macro (month = jun)
    transliterated: str = ""  # characters romanised because the style cannot print them
    notes: tuple[str, ...] = field(default=())

    def get(self, name: str) -> str | None:
        return dict(self.fields).get(name)


def arxiv_doi(arxiv_id: str) -> str:
    """arXiv's DataCite DOI for a paper: ``10.48550/arXiv.<id>``."""
    return f"10.48550/arXiv.{arxiv_id}"


def arxiv_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


class _Builder:
    """Collects fields in order, converting text and remembering what was romanised."""

    def __init__(self, style: str):
        self.style = style
        self.fields: list[tuple[str, str]] = []
        self.macros: set[str] = set()
        self.romanised: list[str] = []

    def raw(self, name: str, value: str | None) -> None:
        if value:
            self.fields.append((name, value))

    def text(self, name: str, value: str | None) -> None:
        if value:
            conv = convert_text(value, style=self.style)
            self.romanised.append(conv.transliterated)
            self.fields.append((name, conv.text))

    def title(self, value: str) -> None:
        conv = protect_title(value, style=self.style)
        self.romanised.append(conv.transliterated)
        self.fields.append(("title", conv.text))

    def authors(self, names: Iterable[str]) -> None:
        rendered = [self._name(split_name(n)) for n in names if n.strip()]
        if rendered:
            self.fields.append(("author", " and ".join(rendered)))

    def _name(self, name: Name) -> str:
        if name.cjk:  # only CJK characters: no TeX specials to escape
            if self.style == "biblatex":
                return "{" + name.last + name.first + "}"
            self.romanised.append(name.last + name.first)
            return f"{anyascii(name.last)}, {' '.join(anyascii(ch) for ch in name.first)}".rstrip(
                ", "
            )
        converted = [
            convert_text(p, style=self.style) for p in (name.first, name.von, name.last, name.jr)
        ]
        self.romanised.extend(c.transliterated for c in converted)
        return Name(*(c.text for c in converted)).bibtex()

    def build(self, entry_type: str, key: str) -> BibEntry:
        return BibEntry(
            entry_type, key, tuple(self.fields), frozenset(self.macros), "".join(self.romanised)
        )


def _inert(value: str | None) -> str | None:
    return inert_raw(value) if value else value


def _eprint_fields(b: _Builder, paper: Paper) -> None:
    if not paper.arxiv_id:
        return
    b.raw("eprint", inert_raw(paper.arxiv_id))
    if b.style == "biblatex":
        b.raw("eprinttype", "arxiv")
        b.raw("eprintclass", _inert(paper.primary_category))
    else:
        b.raw("archiveprefix", "arXiv")
        b.raw("primaryclass", _inert(paper.primary_category))


def _date_fields(b: _Builder, paper: Paper, venue: Venue | None) -> None:
    date = version_date(paper, published=venue is not None)
    if b.style == "biblatex":
        b.raw("date", date.iso)
        return
    b.raw("year", str(date.year) if date.year else None)
    if date.month_macro:
        b.raw("month", date.month_macro)
        b.macros.add("month")


def _doi(paper: Paper, venue: Venue | None) -> str | None:
    """The publisher DOI for the published version (or a paper not on arXiv), else arXiv's DOI."""
    if paper.doi and (venue is not None or not paper.arxiv_id):
        return paper.doi
    return arxiv_doi(paper.arxiv_id) if paper.arxiv_id else None


def _url(paper: Paper) -> str | None:
    if paper.arxiv_id:
        return arxiv_url(paper.arxiv_id)
    if paper.url:
        return paper.url
    if paper.openreview_id:
        return f"https://openreview.net/forum?id={paper.openreview_id}"
    return None


def paper_entry(
    paper: Paper,
    key: str,
    *,
    style: str = "bibtex",
    keywords: Iterable[str] = (),
    abstract: str | None = None,
    prefer_published: bool = False,
    code_link: str | None = None,
) -> BibEntry:
    """The entry for one resolved paper (see the module docstring for shapes)."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}")
    venue = edition(paper, prefer_published)
    b = _Builder(style)
    b.title(paper.title)
    b.authors(paper.authors)
    if venue:
        entry_type = venue.entry_type
        container = (
            "booktitle"
            if entry_type == "inproceedings"
            else ("journaltitle" if style == "biblatex" else "journal")
        )
        b.text(container, venue.name)
    elif style == "biblatex":
        entry_type = "online" if _url(paper) else "misc"
    else:
        entry_type = "misc"
    _date_fields(b, paper, venue)
    _eprint_fields(b, paper)
    if style == "biblatex" and not venue and paper.arxiv_id:
        b.raw("pubstate", "prepublished")
    if venue:
        b.raw("volume", _inert(paper.volume))
        pages = re.sub(r"\s*[-\u2013]+\s*", "--", paper.pages) if paper.pages else None
        b.raw("pages", _inert(pages))
    b.raw("doi", _inert(_doi(paper, venue)))
    b.raw("url", _inert(_url(paper)))
    _extra_fields(b, keywords, abstract, code_link)
    return b.build(entry_type, key)


def _extra_fields(
    b: _Builder, keywords: Iterable[str], abstract: str | None, code_link: str | None
) -> None:
    words: list[str] = []
    for word in keywords:
        word = " ".join(word.replace("{", "(").replace("}", ")").replace("\\", "/").split())
        if word and word not in words:
            words.append(word)
    b.raw("keywords", ", ".join(words))
    b.text("abstract", " ".join(abstract.split()) if abstract else None)
    if code_link:
        b.raw("note", "Code: \\url{" + inert_raw(code_link).replace("#", "\\#") + "}")


PLACEHOLDER_MARK = "by zotsync: listed at"  # in every placeholder's note; lets a later run recognise its own stand-ins


def placeholder_entry(
    key: str, listed_title: str, where: str, status: str, *, style: str = "bibtex"
) -> BibEntry:
    """A clearly marked stand-in for an entry zotsync could not resolve (``--include-unresolved``)."""
    b = _Builder(style)
    b.title(listed_title)
    b.text(
        "note",
        f"UNRESOLVED ({status}) {PLACEHOLDER_MARK} {where}; check the lock file and run `zotsync resolve`",
    )
    return b.build("misc", key)
