"""Paper metadata → Zotero item JSON, shaped the way Zotero's own arXiv translator saves a paper.

An arXiv paper becomes what "Add Item by Identifier" would create::

    itemType preprint, repository "arXiv", archiveID "arXiv:2410.08159",
    DOI 10.48550/arXiv.2410.08159, url https://arxiv.org/abs/2410.08159,
    extra "arXiv:2410.08159 [cs.CL]", libraryCatalog "arXiv.org",
    creators split into first/last name, date = the v1 date,
    arXiv categories as automatic tags (type 1)

plus what zotsync adds: ``citationKey`` (a native field since schema 32, present in
schema 41 for preprint, journalArticle and conferencePaper) set to the same key as
the ``.bib``, and the user's tags from the list as manual tags.

A paper with a published venue becomes a ``conferencePaper`` (``proceedingsTitle``)
or a ``journalArticle`` (``publicationTitle``) unless ``prefer_preprint`` is set —
the same rule the BibTeX stage follows. Dates use the FIRST version, like the .bib.

Everything here is pure; :func:`item_data` output is checked by
:meth:`zotsync.zotero.schema.Schema.validate` before anything is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from zotsync.dates import paper_date
from zotsync.model import Paper
from zotsync.names import is_cjk, split_name

#: Venue words that mean "proceedings of a conference or workshop".
_CONFERENCE = re.compile(
    r"\b(conference|proceedings|proc\.|workshop|symposium|neurips|nips|icml|iclr|cvpr|iccv|eccv|acl|naacl|"
    r"emnlp|coling|aaai|ijcai|kdd|sigir|www|colm|corl|rss|icra|iros|interspeech|icassp|uai|aistats|wacv|bmvc)\b",
    re.IGNORECASE,
)


def split_creator(full_name: str, creator_type: str = "author") -> dict[str, str]:
    """A Zotero creator from a full name, by the same rule the .bib uses (:func:`split_name`).

    ``lastName`` is the family name *with* its particle ("van der Maaten"), so a
    later Better BibTeX export computes the same citation key; a single word or
    a CJK name (family-given, no spaces) stays in the single-field form
    ``{"name": …}`` (Zotero's fieldMode 1), because splitting it would be wrong.
    """
    name = " ".join(full_name.split())
    parts = split_name(name)
    if parts.cjk or not parts.first or is_cjk(name):
        return {"creatorType": creator_type, "name": name}
    first = f"{parts.first}, {parts.jr}" if parts.jr else parts.first
    return {"creatorType": creator_type, "firstName": first, "lastName": parts.family}


def item_type_for(paper: Paper, prefer_preprint: bool = False) -> str:
    """``preprint`` for an arXiv-only paper, else the published type."""
    venue = paper.venue or paper.journal_ref
    if not venue or (prefer_preprint and paper.arxiv_id):
        return "preprint"
    return "conferencePaper" if _CONFERENCE.search(venue) else "journalArticle"


def item_data(
    paper: Paper,
    *,
    citation_key: str | None = None,
    user_tags: Iterable[str] = (),
    prefer_preprint: bool = False,
) -> dict[str, Any]:
    """The item JSON (``data`` part, without key/version/collections) for one paper."""
    item_type = item_type_for(paper, prefer_preprint)
    data: dict[str, Any] = {
        "itemType": item_type,
        "title": paper.title,
        "creators": [split_creator(a) for a in paper.authors],
    }
    data["abstractNote"] = paper.abstract or ""
    data["date"] = paper_date(paper).iso  # the project's rule: the first version's date
    data.update(_identifier_fields(paper, item_type))
    venue = paper.venue or paper.journal_ref or ""
    if item_type == "conferencePaper":
        data["proceedingsTitle"] = venue
    elif item_type == "journalArticle":
        data["publicationTitle"] = venue
    if citation_key:
        data["citationKey"] = citation_key
    data["tags"] = _tags(paper.categories, user_tags)
    return data


def _identifier_fields(paper: Paper, item_type: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    if paper.arxiv_id:
        aid = paper.arxiv_id
        primary = f" [{paper.primary_category}]" if paper.primary_category else ""
        fields["url"] = f"https://arxiv.org/abs/{aid}"
        fields["extra"] = f"arXiv:{aid}{primary}"
        if item_type == "preprint":
            fields.update(repository="arXiv", archiveID=f"arXiv:{aid}", libraryCatalog="arXiv.org")
            fields["DOI"] = paper.doi or f"10.48550/arXiv.{aid}"
        elif paper.doi:
            fields["DOI"] = paper.doi
    else:
        if paper.doi:
            fields["DOI"] = paper.doi
        url = paper.url or (
            f"https://openreview.net/forum?id={paper.openreview_id}" if paper.openreview_id else ""
        )
        if url:
            fields["url"] = url
        if item_type == "preprint" and paper.openreview_id:
            fields["repository"] = "OpenReview"
    return fields


def _tags(categories: Iterable[str], user_tags: Iterable[str]) -> list[dict[str, Any]]:
    """arXiv categories as automatic tags (type 1), the user's tags as manual ones; no duplicates."""
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
