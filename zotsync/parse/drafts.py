"""Build a :class:`~zotsync.parse.passes.Draft` from a parsed line (shared by the Markdown-family dialects)."""

from __future__ import annotations

import re

from zotsync.parse.citation import NAME_TOKEN, is_venue
from zotsync.parse.identifiers import names_paper
from zotsync.parse.items import ItemParts, add_link
from zotsync.parse.kinds import PAPER, entry_kind
from zotsync.parse.lines import Line, is_generic_word, is_paragraph_prose, looks_like_title
from zotsync.parse.passes import Draft


def is_paper_line(parts: ItemParts) -> bool:
    """Does this line list a paper (rather than a note)?

    A line that links a paper by identifier always does (even ``Title. Authors. Venue.
    [[pdf](arxiv)]``, whose text alone reads like prose); other linked titles do; ``[Title]`` without a link does when it
    has at least two words; a plain line does when it :func:`looks like a title
    <zotsync.parse.lines.looks_like_title>`. A link introduced by ordinary words
    (``see [this post](…)``) is a note unless the link names a paper by identifier, and an
    in-page link (``[Diffusion](#diffusion)``, a table of contents) is never a paper, nor is a
    link to something else whose text is no title (:func:`_named_only_by_its_link`).
    """
    if parts.title is None or (parts.paper_url or "").startswith(
        "#"
    ):  # "[Diffusion](#diffusion)": a TOC link
        return False
    if parts.title_kind == "plain" and is_venue(parts.title):
        return False  # "- 2023 ACL": a venue and a year name a proceedings, not a paper
    if parts.title_kind == "plain" and is_paragraph_prose(parts.title):
        return False  # "This is a Theano implementation … published a [conference paper](doi) …"
    if names_paper(parts.paper_url):
        return True
    if is_generic_word(parts.title):
        return False  # "[Intro](slides.pdf)", "Overview": a part of a document, not a paper
    if parts.title_kind == "quoted":
        return True
    if parts.prefix:
        return False
    if parts.title_kind in ("link", "double") and _named_only_by_its_link(parts):
        return False
    if parts.title_kind in ("link", "double", "url"):
        return True
    if parts.title_kind == "bracket":
        return len(parts.title.split()) >= 2
    if parts.delimited and parts.notes and " " not in parts.title:
        return True  # "- awesome-llm-webapps - A curated list of …": a name and its description
    if parts.title_kind == "plain" and _runs_on(parts, parts.title):
        return False
    return looks_like_title(parts.title)


# Words a sentence does not end on: a long plain text ending with one before a URL is a sentence
# that goes on through the URL ("… publicly accessible through a repository at https://…. …").
_RUNS_ON_WORDS = frozenset("a an the of at in on to from by via with and or see here".split())


def _runs_on(parts: ItemParts, title: str) -> bool:
    """A piece of prose cut off at the line's end or at a URL, not a title: a linkless line
    ending with a comma or semicolon (``(1) Learning Dynamics of GD and SGD,`` in an enumeration
    written as paragraphs), or twelve words or more ending on an article or preposition."""
    s = title.rstrip()
    if s.endswith((",", ";", "，", "；")) and not parts.paper_url and not parts.links:
        return True
    words = s.split()
    return len(words) >= 12 and words[-1].lower() in _RUNS_ON_WORDS


_ONE_NAME = re.compile(r"[A-Za-z][\w.+#-]*", re.ASCII)  # "libsodium", "llama.cpp": a name


def _named_only_by_its_link(parts: ItemParts) -> bool:
    """``* [计算广告相关论文和资源列表](https://github.com/…)``: a link to something other than a
    paper (a repository, a blog, a course) whose text is no title (a phrase in Chinese, a
    sentence in lower case): without its link the line is a note, so with it the line is not
    an entry either. A link to a paper, a title-like text or a name (``libsodium``,
    ``awesome-llm``) stays one."""
    title = (parts.title or "").strip()
    if looks_like_title(title) or NAME_TOKEN.match(title) or _ONE_NAME.fullmatch(title):
        return False
    urls = [parts.paper_url or "", *(url for _, url in parts.links)]
    return (
        entry_kind(title, parts.paper_url, urls, has_id=any(names_paper(u) for u in urls)) != PAPER
    )


def names_paper_by_id(parts: ItemParts) -> bool:
    return bool(parts.title is not None and names_paper(parts.paper_url))


def draft_from_parts(
    line: Line,
    parts: ItemParts,
    section: tuple[str, ...],
    dialect: str,
    levels: tuple[int, ...] = (),
) -> Draft:
    """A fresh draft for a title line; annotations go to links/hints, inline notes stay in order."""
    draft = Draft(
        line=line.number,
        raw_lines=[line.text],
        section=section,
        section_levels=levels,
        title_text=parts.title or "",
        dialect=dialect,
        venue=parts.venue,
        paper_url=parts.paper_url,
    )
    if parts.prefix:
        draft.inline_notes.append(parts.prefix)
    if parts.title_kind == "url":
        draft.hints["bare_url"] = True
    if parts.broken_link:
        draft.hints["broken_link"] = True
    draft.hints.update(parts.hints)
    merge_annotations(draft, parts)
    return draft


def merge_annotations(draft: Draft, parts: ItemParts) -> None:
    """Add a line's links, notes, tags, aliases and markers to ``draft`` (continuation lines too)."""
    for label, url in parts.links:
        if url != draft.paper_url:
            add_link(draft.links, label, url)
    if parts.paper_url and not draft.paper_url:
        draft.paper_url = parts.paper_url
    draft.inline_notes.extend(parts.notes)
    draft.tags.extend(parts.tags)
    draft.aliases.extend(a for a in parts.aliases if a not in draft.aliases)
    if parts.read_notes is not None:
        draft.hints["read_notes"] = parts.read_notes
    if parts.labels_without_url:
        draft.hints.setdefault("labels_without_url", []).extend(parts.labels_without_url)
