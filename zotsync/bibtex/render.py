"""Parsed entries + lock decisions → the text of a .bib file, and what was left out.

* Entries sharing an identity (a paper listed in several sections) become one
  BibTeX entry whose ``keywords`` carry the names of every collection it is filed in
  (its headings, as :func:`zotsync.sections.collection_paths` maps them) and every tag.
  Identities resolving to the same paper (an arXiv link in one section, the
  bare title in another) also share one entry.
* Only usable decisions (``resolved``, ``pinned``) with a citation key are
  written. Review and unresolved items are *not guessed*: they are listed in
  :attr:`BibResult.left_out` (and, with ``include_unresolved``, written as
  clearly marked placeholders). Rejected and not-a-paper items are left out
  because the user said so.
* Entries are sorted by citation key, so reordering the list never reorders
  the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zotsync.bibtex.fields import BibEntry, paper_entry, placeholder_entry
from zotsync.bibtex.keys import make_key, paper_identity
from zotsync.bibtex.writer import format_bib
from zotsync.model import Entry, Paper, Resolution, Status
from zotsync.sections import CollectionPath, SectionRules, collection_paths

__all__ = ["BibResult", "LeftOut", "render_bib", "HEADER", "SANDBOX_HEADER"]

HEADER = (
    "Written by zotsync (`zotsync bib`). Entries whose keys are in zotsync.lock are managed: "
    "`zotsync bib --merge` rewrites them and leaves every other entry and comment as it is."
)
SANDBOX_HEADER = (
    HEADER
    + " SANDBOX: made from the local emulators' sample data (`--sandbox`), where authors, dates and "
    "arXiv ids the sample does not know are invented: do not cite from this file. Run without "
    "--sandbox, against the real services, for a .bib you can use."
)


@dataclass(frozen=True)
class LeftOut:
    """An identity the .bib does not cite, and why."""

    ident: str
    title: str  # as listed
    where: str  # "file:line" of its first listing
    status: str  # a Status value, "missing" (not in the lock) or "no-key"
    reason: str | None = None

    @property
    def user_choice(self) -> bool:
        """Left out because the user rejected it or said it is not a paper."""
        return self.status in (Status.REJECTED.value, Status.NOT_A_PAPER.value)


@dataclass(frozen=True)
class BibResult:
    """The rendered .bib text and an honest account of it."""

    text: str
    keys: tuple[str, ...]  # citation keys of the real entries written, in file order
    left_out: tuple[LeftOut, ...]
    placeholders: tuple[str, ...] = ()  # keys of --include-unresolved placeholders
    warnings: tuple[str, ...] = ()


def _groups(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.ident, []).append(entry)
    return groups


def _keywords(listed: Iterable[tuple[Entry, CollectionPath]]) -> list[str]:
    """The collection path's names of every listing, then the user's tags; each word once."""
    words: list[str] = []
    for entry, path in listed:
        for word in (*path, *entry.tags):
            if word and word not in words:
                words.append(word)
    return words


def _left_out(ident: str, listed: list[Entry], res: Resolution | None) -> LeftOut:
    first = listed[0]
    where = f"{first.source}:{first.line}"
    if res is None:
        return LeftOut(
            ident, first.title, where, "missing", "not in the lock file; run `zotsync resolve`"
        )
    if res.status.usable and res.paper is None:
        return LeftOut(
            ident,
            first.title,
            where,
            res.status.value,
            "metadata not fetched yet; run `zotsync resolve`",
        )
    if res.status.usable:
        return LeftOut(
            ident,
            first.title,
            where,
            "no-key",
            "no citation key assigned (see zotsync.bibtex.keys.assign_keys)",
        )
    return LeftOut(ident, first.title, where, res.status.value, res.reason)


def render_bib(
    entries: Iterable[Entry],
    resolutions: Mapping[str, Resolution],
    *,
    style: str = "bibtex",
    abstract: bool = False,
    prefer_preprint: bool = False,
    prefer_published: bool = False,
    include_unresolved: bool = False,
    code_links: bool = False,
    header: str = HEADER,
    sections: SectionRules | None = None,
) -> BibResult:
    """Render every listed paper that has a usable decision and a key (see module docstring).

    ``sections``: how headings become ``keywords`` (the same paths as Zotero's collections).
    """
    entries = list(entries)
    # each listing's collection path, by object identity (entries are unhashable values)
    filed = dict(zip(map(id, entries), collection_paths(entries, sections or SectionRules())))
    by_paper: dict[str, tuple[Resolution, list[Entry]]] = {}
    left_out: list[LeftOut] = []
    for ident, listed in _groups(entries).items():
        res = resolutions.get(ident)
        if res is None or not res.status.usable or res.paper is None or not res.citation_key:
            left_out.append(_left_out(ident, listed, res))
            continue
        slot = by_paper.setdefault(paper_identity(res), (res, []))
        slot[1].extend(listed)

    built: list[BibEntry] = []
    warnings: list[str] = []
    for res, listed in by_paper.values():
        paper = res.paper
        code = (
            next((e.links.get("code") for e in listed if e.links.get("code")), None)
            if code_links
            else None
        )
        text_abstract = (
            (paper.abstract or next((e.abstract for e in listed if e.abstract), None))
            if abstract
            else None
        )
        entry = paper_entry(
            paper,
            res.citation_key,
            style=style,
            keywords=_keywords((e, filed[id(e)]) for e in listed),
            abstract=text_abstract,
            prefer_published=prefer_published and not prefer_preprint,
            code_link=code,
        )
        if entry.transliterated:
            warnings.append(
                f"{entry.key}: {entry.transliterated!r} cannot be printed by pdflatex and was romanised; "
                "use --style biblatex with xelatex/lualatex to keep it"
            )
        built.append(entry)
    built.sort(key=lambda e: e.key.casefold())

    placeholders = (
        _placeholders(left_out, {e.key.casefold() for e in built}, style)
        if include_unresolved
        else []
    )
    text = format_bib([*built, *placeholders], header=header)
    return BibResult(
        text,
        tuple(e.key for e in built),
        tuple(left_out),
        tuple(p.key for p in placeholders),
        tuple(warnings),
    )


def _placeholders(left_out: list[LeftOut], taken: set[str], style: str) -> list[BibEntry]:
    """Marked stand-ins for review/unresolved/missing items (never for the user's rejections)."""
    out = []
    for item in left_out:
        if item.user_choice:
            continue
        base = make_key(Paper(title=item.title), "'unresolved' + shorttitle(3,3)") or "unresolved"
        key, n = base, 1
        while key.casefold() in taken:
            n += 1
            key = f"{base}{n}"
        taken.add(key.casefold())
        out.append(placeholder_entry(key, item.title, item.where, item.status, style=style))
    return out
