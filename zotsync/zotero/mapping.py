"""Paper metadata → Zotero item JSON, the item Zotero's own "Add Item by Identifier" makes.

An arXiv paper becomes what Zotero's arXiv translator creates from arXiv's record
(rules in :mod:`zotsync.zotero.translator`)::

    itemType preprint, title, creators split by Zotero's cleanAuthor,
    abstractNote, date = the latest version's date (arXiv's <updated>),
    url http://arxiv.org/abs/<id>, extra "arXiv:<id> [<primary>]" ("arXiv:<id>" for old ids),
    repository "arXiv", archiveID "arXiv:<id>", DOI 10.48550/arXiv.<id>,
    libraryCatalog "arXiv.org", shortTitle (title before its colon), accessDate,
    one automatic tag (type 1) per category name ("Computer Science - Machine Learning")

plus what zotsync adds on purpose: the native ``citationKey`` (schema 41) equal to the
``.bib`` key, and the user's tags from the list as manual tags. The arXiv comment
and the PDF / snapshot attachments are child objects (:mod:`zotsync.zotero.children`).

**Which version an item describes** is :func:`zotsync.venues.edition`,
the rule the ``.bib`` uses too: the preprint, unless the user asked for published
versions (``ItemOptions.prefer_published``) *and* an authoritative source named the
venue with its type. Then the item is a ``conferencePaper`` (``proceedingsTitle``) or a
``journalArticle`` (``publicationTitle``) with the canonical venue name, the
publication year, volume/pages when known and the publisher DOI, the arXiv id kept in
``extra`` and the arXiv URL — what the translator makes when arXiv links a DOI.

Everything here is pure; :func:`item_data` output is checked by
:meth:`zotsync.zotero.schema.Schema.validate` before anything is sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zotsync.dates import version_date
from zotsync.model import Paper
from zotsync.venues import edition
from zotsync.zotero import translator as tr

#: Fields stamped once when an item is saved (Zotero's "time of saving"), never updated after.
STAMPED_FIELDS = ("accessDate",)

#: The published item type and its container field, by BibTeX entry type.
PUBLISHED_TYPES = {
    "inproceedings": ("conferencePaper", "proceedingsTitle"),
    "article": ("journalArticle", "publicationTitle"),
}


@dataclass(frozen=True)
class ItemOptions:
    """How items are built: which version they describe, and when they were saved."""

    prefer_published: bool = False  # [zotero] prefer_published / --prefer-published
    access_date: str | None = None  # ISO 8601 UTC time of saving (set on new items only)


def split_creator(full_name: str, creator_type: str = "author") -> dict[str, str]:
    """A Zotero creator from a full name, split as Zotero's translators split it."""
    return tr.clean_author(" ".join(full_name.split()), creator_type)


def item_type_for(paper: Paper, prefer_published: bool = False) -> str:
    venue = edition(paper, prefer_published)
    return PUBLISHED_TYPES[venue.entry_type][0] if venue else "preprint"


def item_data(
    paper: Paper,
    *,
    citation_key: str | None = None,
    user_tags: Iterable[str] = (),
    options: ItemOptions | None = None,
) -> dict[str, Any]:
    """The item JSON (``data`` part, without key/version/collections) for one paper."""
    options = options or ItemOptions()
    venue = edition(paper, options.prefer_published)
    item_type, container = PUBLISHED_TYPES[venue.entry_type] if venue else ("preprint", None)
    title = tr.trim_internal(paper.title)
    data: dict[str, Any] = {
        "itemType": item_type,
        "title": title,
        "creators": [split_creator(a) for a in paper.authors if a.strip()],
        "abstractNote": tr.trim_internal(paper.abstract or ""),
        "date": version_date(paper, published=venue is not None).iso,
    }
    if venue and container:
        data[container] = venue.name
        data.update({k: v for k, v in (("volume", paper.volume), ("pages", paper.pages)) if v})
    data.update(_identifier_fields(paper, published=venue is not None))
    if short := tr.short_title(title):
        data["shortTitle"] = short
    if options.access_date and data.get("url"):
        data["accessDate"] = options.access_date
    if citation_key:
        data["citationKey"] = citation_key
    data["tags"] = _tags(tr.category_tags(paper.categories), user_tags)
    return data


def _identifier_fields(paper: Paper, *, published: bool) -> dict[str, str]:
    fields: dict[str, str] = {}
    if paper.arxiv_id:
        aid = paper.arxiv_id
        fields["url"] = tr.abs_url(aid)
        fields["extra"] = tr.arxiv_extra(aid, paper.primary_category)
        fields["libraryCatalog"] = tr.CATALOG
        if published:
            if paper.doi:
                fields["DOI"] = paper.doi
        else:
            fields.update(repository="arXiv", archiveID=f"arXiv:{aid}", DOI=f"10.48550/arXiv.{aid}")
        return fields
    if paper.doi:
        fields["DOI"] = paper.doi
    url = paper.url or (
        f"https://openreview.net/forum?id={paper.openreview_id}" if paper.openreview_id else ""
    )
    if url:
        fields["url"] = url
    if not published and paper.openreview_id:
        fields["repository"] = "OpenReview"
    return fields


def _tags(categories: Iterable[str], user_tags: Iterable[str]) -> list[dict[str, Any]]:
    """The user's tags as manual tags, arXiv category names as automatic ones (type 1); no duplicates."""
    tags: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name in user_tags:
        name = " ".join(name.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            tags.append({"tag": name})
    for name in categories:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            tags.append({"tag": name, "type": 1})
    return tags
