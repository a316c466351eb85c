"""The options that choose what Zotero items (and .bib entries) describe and carry.

``--prefer-published`` (``[zotero] prefer_published``): the published version where an
authoritative source names its venue; ``--pdf link|upload|none`` (``[zotero] pdf``): the
"Preprint PDF" and "Snapshot" attachments. Flags override the config for one run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import click

from zotsync.config import Config


def prefer_published_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--prefer-published",
        is_flag=True,
        default=False,
        help="Describe the published version (conference paper / journal article, canonical "
        "venue, publication year) where Semantic Scholar names the venue; the .bib and Zotero "
        "alike (default: zotero.prefer_published, off: the arXiv preprint).",
    )(func)


def pdf_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--pdf",
        type=click.Choice(["link", "upload", "none"]),
        default=None,
        help="The 'Preprint PDF' attachment: a linked URL (link), the PDF downloaded from arXiv "
        "and stored in Zotero, once (upload), or none; 'Snapshot' links the abstract page "
        "(default: zotero.pdf, link).",
    )(func)


def with_item_shape(
    config: Config, *, prefer_published: bool = False, pdf: str | None = None
) -> Config:
    """``config`` with the command line's choices applied."""
    zotero = config.zotero
    if prefer_published:
        zotero = dataclasses.replace(zotero, prefer_published=True)
    if pdf:
        zotero = dataclasses.replace(zotero, pdf=pdf)
    return dataclasses.replace(config, zotero=zotero)
