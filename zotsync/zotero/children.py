"""The child objects Zotero's arXiv translator gives an item: the comment note and the attachments.

* ``comment``: arXiv's comment as its own note, ``Comment: 44 pages, …`` (never mixed
  into the managed note of the user's own text);
* ``pdf``: "Preprint PDF", the versioned PDF (``http://arxiv.org/pdf/<id>v<n>``) —
  a linked URL (``--pdf link``, the default) or the file itself stored in Zotero
  (``--pdf upload``: an ``imported_url`` attachment whose file is uploaded once);
* ``snapshot``: "Snapshot", the abstract page, a linked URL.

:func:`children` says what an item should have (pure); :func:`find_existing` recognises
the same child among an item's children in the library, so an item added with Zotero's
own translator (whose attachments carry older titles too) is completed, not duplicated.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from zotsync.model import Paper
from zotsync.zotero import translator as tr


class PdfMode(str, enum.Enum):
    LINK = "link"  # linked-URL attachments (no file stored in Zotero)
    UPLOAD = "upload"  # the PDF stored in Zotero's file storage
    NONE = "none"  # no attachments

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value

    @classmethod
    def parse(cls, value: str) -> PdfMode:
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(
                f"pdf must be one of {', '.join(m.value for m in cls)}, not {value!r}"
            ) from None


@dataclass(frozen=True)
class Child:
    """One child object an item should have: ``role`` names it among the item's children."""

    role: str  # "comment" | "pdf-link" | "pdf-upload" | "snapshot"
    data: Mapping[str, Any]  # item JSON without key, version and parentItem

    @property
    def upload(self) -> bool:
        return self.data.get("linkMode") == "imported_url"


def pdf_filename(paper: Paper) -> str:
    """The stored PDF's file name: ``arXiv-<id>v<n>.pdf`` (an old id's ``/`` becomes ``_``)."""
    return f"arXiv-{(paper.arxiv_id or '').replace('/', '_')}v{paper.version or 1}.pdf"


def children(paper: Paper, pdf: PdfMode = PdfMode.LINK) -> tuple[Child, ...]:
    """The children of ``paper``'s item, in the order the translator makes them."""
    out: list[Child] = []
    if paper.comment and paper.comment.strip():
        out.append(Child("comment", {"itemType": "note", "note": tr.comment_note(paper.comment)}))
    if not paper.arxiv_id or pdf is PdfMode.NONE:
        return tuple(out)
    pdf_data: dict[str, Any] = {
        "itemType": "attachment",
        "linkMode": "linked_url",
        "title": tr.PDF_TITLE,
        "url": tr.pdf_url(paper.arxiv_id, paper.version),
        "contentType": "application/pdf",
    }
    if pdf is PdfMode.UPLOAD:
        pdf_data.update(linkMode="imported_url", filename=pdf_filename(paper))
    out.append(Child(f"pdf-{pdf.value}", pdf_data))
    out.append(
        Child(
            "snapshot",
            {
                "itemType": "attachment",
                "linkMode": "linked_url",
                "title": tr.SNAPSHOT_TITLE,
                "url": tr.abs_url(paper.arxiv_id),
                "contentType": "text/html",
            },
        )
    )
    return tuple(out)


_TAGS = re.compile(r"<[^>]+>")
#: Attachment titles Zotero's arXiv translator has used over the years.
_PDF_TITLES = {tr.PDF_TITLE.lower(), "arxiv fulltext pdf", "full text pdf"}
_SNAPSHOT_TITLES = {tr.SNAPSHOT_TITLE.lower(), "arxiv.org snapshot"}


def _role_of(data: Mapping[str, Any]) -> str | None:
    if data.get("itemType") == "note":
        text = _TAGS.sub("", str(data.get("note", ""))).strip()
        return "comment" if text.startswith(tr.COMMENT_PREFIX.strip()) else None
    if data.get("itemType") != "attachment":
        return None
    title = str(data.get("title", "")).strip().lower()
    mode = data.get("linkMode")
    if title in _PDF_TITLES or data.get("contentType") == "application/pdf":
        return "pdf-upload" if mode in ("imported_url", "imported_file") else "pdf-link"
    if title in _SNAPSHOT_TITLES:
        return "snapshot"
    return None


def find_existing(role: str, siblings: Iterable[Mapping[str, Any]], taken: set[str]) -> str | None:
    """The key of a child already in the library that plays ``role`` (none taken twice)."""
    for data in sorted(siblings, key=lambda d: (d.get("dateAdded", ""), d.get("key", ""))):
        if data.get("deleted") or data.get("key") in taken:
            continue
        if _role_of(data) == role:
            return str(data["key"])
    return None
