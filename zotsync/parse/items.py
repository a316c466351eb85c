"""One list line -> the parts of a listed paper: title, links, venue prefix, inline notes, tags.

Shared by the Markdown and awesome-list dialects. The line
``5. Arxiv [ACE: …](https://arxiv.org/abs/2410.00086) (https://arxiv.org/abs/2410.00086) (研究…) [[Code](…)] **ReadNotes 2**``
becomes venue ``arXiv``, title ``ACE: …``, paper link, one note ``研究…``,
``links["code"]``, ``read_notes=2``. The rules:

* The **title** is the first link/bracket whose text is not a label (``Code``, ``Project``, …)
  or a ``ReadNotes`` marker. Without one, the line is a plain title: the text up to the first
  annotation (a bare URL, a labelled link, a ``ReadNotes`` marker).
* Text **before** a linked title is a venue (``arXiv``, ``EMNLP Findings``), else an alias
  (``RPO``), else a note.
* **After** the title: ``(…)`` is a note (without its parentheses), unless it holds only a URL
  (the duplicated-link habit); ``[[Label](url)]`` / ``[Label](url)`` go to ``links[label]``;
  ``[[Code]]`` without a URL is recorded in ``labels_without_url`` (never an invented URL);
  ``**bold**`` is a tag; ``**ReadNotes N**`` and its variants set ``read_notes``; a short
  acronym-like word (``RPO``) is an alias; other text is a note.
* A broken link ``[Title]()https://…`` takes the URL that follows it.
* Images and badges (``![alt](src)``, ``[![badge](svg)](url)``) are removed first: never titles.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from zotsync.parse.citation import (
    NAME_TOKEN,
    cited_title,
    described_titles,
    gbt_title,
    is_label,
    looks_like_authors,
    names_before_title,
    names_then_title,
    normalise_inline,
    quoted_title,
    restore,
    strip_lead,
    venue_of,
    venue_tail,
)
from zotsync.parse.hints import Venue, looks_like_alias, match_venue
from zotsync.parse.identifiers import find_urls, from_url, names_paper
from zotsync.parse.inline import Segment, tokenize
from zotsync.parse.kinds import url_kind
from zotsync.parse.lines import cjk_ratio, is_paragraph_prose, looks_like_title
from zotsync.parse.titles import is_acronym_of, split_trailing_aside

# label as written (lower case) -> key in Entry.links
LABELS: dict[str, str] = {
    "code": "code",
    "github": "code",
    "repo": "code",
    "repository": "code",
    "project": "project",
    "project page": "project",
    "homepage": "project",
    "page": "project",
    "website": "website",
    "web": "website",
    "site": "website",
    "demo": "demo",
    "blog": "blog",
    "slides": "slides",
    "video": "video",
    "talk": "video",
    "dataset": "dataset",
    "data": "dataset",
    "model": "model",
    "models": "model",
    "weights": "model",
    "poster": "poster",
    "notes": "notes",
    "paper": "paper",
    "pdf": "paper",
    "arxiv": "paper",
    "openreview": "paper",
}
_READ_NOTES = re.compile(r"^[\s*\[\]]*read\s*notes?(?:\s*(?P<n>\d+))?[\s*\[\]]*$", re.IGNORECASE)
_SEPARATORS = set(" \t-–—|,;:·•")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")  # ![alt](src): badges and figures are not titles
_EMPTY_LINK = re.compile(
    r"\[\s*\]\((?!\))[^)\n]*\)"
)  # what a badge link [![..](..)](url) leaves behind
_HOST_LABELS = {
    "github.com": "code",
    "gitlab.com": "code",
    "huggingface.co": "model",
    "youtube.com": "video",
}


@dataclass
class ItemParts:
    """What one line holds. ``title is None`` for lines without a title (annotations, notes)."""

    title: str | None = None
    # link | double | bracket | plain | url | label | none, or quoted: a citation's grammar
    # marks the title (quotes, GB/T 7714, the authors and year before it)
    title_kind: str = "none"
    paper_url: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    venue: Venue | None = None
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    read_notes: int | bool | None = None
    labels_without_url: list[str] = field(default_factory=list)
    broken_link: bool = False
    prefix: str = ""  # text before a linked title that was neither venue nor alias
    hints: dict = field(default_factory=dict)  # authors, listed_date: what stood around the title
    # further papers on the line: (title, url, their notes); see :func:`_notes_of_last`
    more: list[tuple[str, str | None, list[str]]] = field(default_factory=list)
    delimited: bool = False  # the plain title is a bold span: its own bounds, nothing to split

    @property
    def has_annotations(self) -> bool:
        return bool(
            self.links
            or self.read_notes is not None
            or self.labels_without_url
            or self.tags
            or self.paper_url
        )


def _label(text: str) -> str:
    text = restore(text).replace("`", " ").replace("\\", " ")
    return " ".join(text.replace("*", " ").replace("[", " ").replace("]", " ").split()).lower()


def _read_notes(text: str) -> int | bool | None:
    m = _READ_NOTES.match(text)
    if not m:
        return None
    return int(m.group("n")) if m.group("n") else True


def _is_annotation(seg: Segment) -> bool:
    if seg.kind in ("url", "double"):
        return True
    if seg.kind == "paren":  # "Title (https://arxiv.org/abs/…)": the link, written out
        urls = find_urls(seg.text.strip())
        return bool(urls) and urls[0] == seg.text.strip()
    if seg.kind in ("link", "bracket"):
        return _is_annotation_text(seg.text)
    if seg.kind == "bold":
        return _read_notes(seg.text) is not None
    return False


def _title_index(segs: list[Segment]) -> int | None:
    """Index of the linked/bracketed title, if the line has one."""
    for i, seg in enumerate(segs):
        if (
            seg.kind in ("link", "double", "bracket")
            and not _is_annotation_text(seg.text)
            and seg.text.strip()
        ):
            return i
        if seg.kind in ("url", "paren"):
            return None
    return None


def _titles_before(text: str) -> bool:
    """Is the plain text before a link a title of its own (four words or more, no link)?"""
    s = text.strip()
    return "](" not in s and len(s.split()) >= 4 and looks_like_title(restore(s))


@functools.lru_cache(maxsize=4096)  # the same few labels ("Code", "PDF", "Paper") on most lines
def _is_annotation_text(text: str) -> bool:
    return _label(text) in LABELS or _read_notes(text) is not None or is_label(text)


def _host_label(url: str) -> str:
    host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/")[0]
    return _HOST_LABELS.get(host, "link")


def add_link(links: list[tuple[str, str]], label: str, url: str) -> None:
    """Append ``(label, url)`` unless the URL is already there; a repeated label becomes ``code_2``…"""
    if any(u == url for _, u in links):
        return
    taken = {k for k, _ in links}
    key, n = label, 2
    while key in taken:
        key, n = f"{label}_{n}", n + 1
    links.append((key, url))


def _add_link(parts: ItemParts, label: str, url: str) -> None:
    if label == "paper" and (not parts.paper_url or parts.paper_url == url):
        parts.paper_url = url
    else:
        add_link(parts.links, label, url)


def _add_url(parts: ItemParts, url: str) -> None:
    if names_paper(url):
        _add_link(parts, "paper" if not parts.paper_url or parts.paper_url == url else "alt", url)
    else:
        _add_link(parts, _host_label(url), url)


def _notes_of_last(parts: ItemParts) -> list[str]:
    """Where a note goes: to the paper it follows. On a line naming several papers
    (``[A](a) (1981) and [B](b) (1990): description``) a note after one paper and before the
    next is that paper's, and what follows the last paper is the last paper's."""
    return parts.more[-1][2] if parts.more else parts.notes


# what stands between two linked titles: a joiner, and an article that starts the second title
_JOINER_ARTICLE = re.compile(r"^(?:(?:and|&|,|;)\s*)?(?P<article>The|A|An)?$")


def _annotate(parts: ItemParts, seg: Segment) -> None:
    """Record one segment that follows the title."""
    if seg.kind == "text":
        text = seg.text.strip()
        if not text or set(text) <= _SEPARATORS:
            return
        text = text.lstrip("-–—|:;,· \t")  # "[T](u) - Ho et al.": the dash only separates
        if not text.replace("<br>", "").strip(".!?。 "):
            return  # "(GPT-3).", "[T](u) <br />": the full stop or line break ending it is no note
        if text and all(w.lower() in LABELS for w in text.split()):
            parts.labels_without_url.extend(text.split())  # "Code" left where a link was
        elif parts.title and looks_like_alias(text) and not parts.aliases:
            parts.aliases.append(text)
        else:
            _notes_of_last(parts).append(restore(text))
    elif seg.kind == "paren":
        inner = seg.text.strip()
        urls = find_urls(inner)
        if urls and urls[0] == inner:
            _add_url(parts, inner)
        elif inner:
            _notes_of_last(parts).append(restore(inner))
    elif seg.kind in ("link", "double", "bracket"):
        marker = _read_notes(seg.text)
        label = _label(seg.text)
        if marker is not None:
            parts.read_notes = marker if parts.read_notes in (None, True) else parts.read_notes
            if seg.url:
                _add_link(parts, "notes", seg.url)
        elif seg.url and names_paper(seg.url) and not parts.paper_url:
            _add_link(parts, "paper", seg.url)
        elif seg.url and _another_paper(parts, seg):
            title, before = restore(seg.text).strip(), _notes_of_last(parts)
            joiner = _JOINER_ARTICLE.match(before[-1]) if before else None
            if joiner:  # "… and The [R*-tree: …](…)": the article is the title's first word
                before.pop()
                title = f"{joiner.group('article')} {title}" if joiner.group("article") else title
            parts.more.append((title, seg.url, []))
        elif seg.url:
            _add_link(parts, LABELS.get(label, label or "link"), seg.url)
        elif label in LABELS:
            parts.labels_without_url.append(restore(seg.text).strip("[]* "))
        else:
            _notes_of_last(parts).append(
                restore(seg.text.strip() if seg.kind == "bracket" else seg.text)
            )
    elif seg.kind == "bold":
        marker = _read_notes(seg.text)
        if marker is not None:
            parts.read_notes = marker
        elif seg.text.strip():
            parts.tags.append(seg.text.strip())
    elif seg.kind == "url":
        _add_url(parts, seg.text)


def _another_paper(parts: ItemParts, seg: Segment) -> bool:
    """A second linked title after the first (``[A](a.pdf) (1981) and [B](b.pdf) (1990)``, a
    footnote citing three papers): its text is a title (three words or more, not a label) and
    its link goes to a paper."""
    if parts.title_kind not in ("link", "double") or seg.kind not in ("link", "double"):
        return False
    if len(seg.text.split()) < 3 or _is_annotation_text(seg.text) or not parts.paper_url:
        return False
    return url_kind(seg.url) == "paper" and url_kind(parts.paper_url) == "paper"


def _take_prefix(parts: ItemParts, prefix: str) -> None:
    prefix = restore(prefix).strip()
    if not prefix:
        return
    venue = match_venue(prefix)
    if venue:
        parts.venue = venue
    elif looks_like_alias(prefix):
        parts.aliases.append(prefix)
    elif looks_like_authors(prefix) or names_before_title(prefix):
        parts.hints["authors"] = prefix.strip(" ,.;:-–—")
    else:
        parts.prefix = prefix


def _plain_title(content: str, segs: list[Segment], parts: ItemParts) -> tuple[int, list[Segment]]:
    """Fill ``parts.title`` from a line without a linked title; return the index of the first
    annotation after the title and the annotations that stood before it (``[\\[PDF\\]](…) Title``)."""
    lead = 0
    while lead < len(segs) and (
        _is_annotation(segs[lead]) or (segs[lead].kind == "text" and not segs[lead].text.strip())
    ):
        lead += 1
    if lead == len(segs):
        lead = 0
    k = next((i for i in range(lead, len(segs)) if _is_annotation(segs[i])), len(segs))
    head = segs[lead:k]
    while head and head[-1].kind == "text" and not head[-1].text.strip():
        head.pop()
    if len(head) > 1 and head[0].kind == "bold" and len(head[0].text.split()) >= 2:
        rest = content[head[1].start : head[-1].end].strip(" .,;:-–—|")
        if rest:
            parts.notes.append(restore(rest))
        for seg in head[1:]:  # "**Title** (Publisher, 2025). [site](…)": the site is its link
            if seg.kind in ("link", "double") and seg.url:
                _add_url(parts, seg.url)
        head = head[:1]
    cut = next((i for i, seg in enumerate(head) if i and _is_note_paren(seg)), None)
    if cut is not None:  # "Title (提出…) [Code]": the title ends where the note begins
        k = lead + cut
        head = head[:cut]
        while head and head[-1].kind == "text" and not head[-1].text.strip():
            head.pop()
    if len(head) > 1 and head[-1].kind == "bold":
        parts.tags.append(head.pop().text.strip())
    if len(head) > 1 and head[-1].kind == "paren":
        inner = head[-1].text
        aside_ok = len(inner) <= 60 and split_trailing_aside(f"x ({inner})")[1]
        if not aside_ok and (cjk_ratio(inner) > 0.3 or len(inner.split()) >= 4):
            parts.notes.append(inner.strip())
            head.pop()
    title = content[head[0].start : head[-1].end].strip() if head else ""
    if len(head) == 1 and head[0].kind == "bold":
        title = head[0].text.strip()
        if title.endswith(".") and not title.endswith(".."):
            title = title[:-1]  # "**Title.** *Authors. Venue.*": the full stop ends the span
        parts.delimited = True
    title = _EDGE_BREAKS.sub("", title)  # "Title (UNIBZ 2014) <br />": a line break is no part
    if title.startswith("|"):  # " | **[CVPR' 19]** |[pdf](…)": the fields of the line above
        venue = venue_of(restore(title).strip(" |*[]`"))
        if venue is not None:
            parts.venue, title = venue, ""
    if " | " in title:  # "Title | **[ICCV' 17]** |": pipes separate fields outside a table
        title, _, rest = title.partition(" | ")
        rest = rest.strip(" |")
        if rest:
            parts.notes.append(restore(rest))
    if _LABEL_COLON.match(title) and k < len(segs) and segs[k].kind == "url":
        title = ""  # "- Paper: https://arxiv.org/abs/…": a labelled link under a title
        parts.title_kind = "label"
    if any(ch.isalnum() for ch in title):  # "-[pdf](…)": a dash is no title
        parts.title, parts.title_kind = restore(title.strip()), "plain"
    return k, segs[:lead] if lead else []


_EDGE_BREAKS = re.compile(r"^(?:\s*<br>)+\s*|(?:\s*<br>)+\s*$")
_LABEL_COLON = re.compile(r"^[\w\s/.-]{1,25}[:：]$")


def _is_note_paren(seg: Segment) -> bool:
    """A parenthesis that is a note, not part of a title: CJK prose, or empty (a stripped link)."""
    if seg.kind != "paren":
        return False
    inner = seg.text.strip()
    return not inner or (cjk_ratio(inner) > 0.3 and len(inner) > 8)


def _title_structure(parts: ItemParts, listed: bool) -> None:
    """A plain title that is really a citation, or (in a list item) a title with its
    description: the same title as when the title is a link (``Authors. 2014. Title. Venue``,
    ``Title - description``, ``Title (1997): description``)."""
    parts.title = _linked_text(parts, parts.title or "")  # "Stanford NLP ([CS224d](…)) by …"
    if parts.delimited:
        return
    words = (parts.title or "").split()
    if (
        len(words) >= 3
        and looks_like_alias(words[-1])
        and is_acronym_of(words[-1], " ".join(words[:-1]))
    ):
        parts.aliases.append(words[-1])  # "Relative Preference Optimization: … RPO"
        parts.title = " ".join(words[:-1])
        return
    cited = cited_title(parts.title or "")
    tail = venue_tail(parts.title or "") if cited is None else None
    if tail is not None:  # "Title. In *COLT 2016*." / "Title. Jessy Lin et al. ACL"
        parts.title, after = tail
        named = names_then_title(parts.title)  # "Ziniu Hu, Yizhou Sun, Title. WWW 2020."
        if named is not None:  # a citation's grammar placed the title, as quotes would
            parts.hints["authors"], parts.title = named
            parts.title_kind = "quoted"
        after = after.strip(" ,.;:/")
        venue = match_venue(re.sub(r"^In\s+|[*_]", "", after).strip(" ./"))
        if venue and parts.venue is None:
            parts.venue = venue
        parts.notes.insert(0, after)
        return
    if cited is not None:
        authors, title, after = cited
        rest = venue_tail(title)  # "Authors (2020). Title. arXiv preprint.": the title ends
        if rest is not None:
            title, after = rest[0], f"{rest[1]} {after}"
        parts.hints["authors"] = authors
        parts.title, parts.title_kind = _linked_text(parts, title), "quoted"
        after = after.strip(" ,.;:")
        if after:
            parts.notes.insert(0, after)
        return
    described = described_titles(parts.title or "") if listed else None
    named = described is not None and NAME_TOKEN.match(described[0][0][0]) is not None
    if described is None or not (looks_like_title(described[0][0][0]) or named):
        if listed and is_paragraph_prose(parts.title or ""):
            # "- Model Card Toolkit. The Model Card Toolkit (MCT) streamlines …": the first
            # sentence of a list item names it when it reads as a title
            first, _, rest = (parts.title or "").partition(". ")
            if looks_like_title(first) and len(first.split()) <= 12:
                parts.title = first
                parts.notes.insert(0, rest.strip())
        return
    titles, description = described
    (first, year), *others = titles
    parts.title = first
    parts.delimited = named  # "- awesome-japanese-llm - A list of …": a name, as written
    notes = [str(year)] if year else []
    for title, other_year in others:  # "A (1981) and B (1990): …": one entry each
        parts.more.append((title, None, [str(other_year)] if other_year else []))
    if description:  # it follows the last title: that paper's (see _notes_of_last)
        (parts.more[-1][2] if parts.more else notes).append(description)
    parts.notes[:0] = notes


def _linked_text(parts: ItemParts, title: str) -> str:
    """A link inside a plain title (``Stanford NLP ([CS224d](…)) by …``, ``Mention Flags (MF):
    [Mention Flags (MF): Constraining …](url)``): its text stays in the title, its target is
    one of the entry's links (the paper's when it names one)."""
    if "](" not in title:
        return title
    pieces = []
    for seg in tokenize(title):
        if seg.kind in ("link", "double") and seg.url:
            _add_url(parts, seg.url)
            pieces.append(seg.text)
        elif seg.kind == "paren" and "](" in seg.text:
            inner = _linked_text(parts, seg.text)
            pieces.append(title[seg.start] + inner + title[seg.end - 1])
        else:
            pieces.append(title[seg.start : seg.end])
    return restore("".join(pieces)).strip()


def _venue_prefix(parts: ItemParts) -> None:
    """``arXiv DART: Denoising …`` / ``EMNLP Findings LongGenBench: …``: a venue written before a
    plain title (the linked form ``arXiv [DART: …](…)`` has it as its prefix)."""
    words = (parts.title or "").split()
    for n in (2, 1):
        if len(words) < n + 2 or parts.venue is not None:
            continue
        venue = match_venue(" ".join(words[:n]))
        first = words[n][0]
        if venue and (first.isupper() or first.isdigit()):
            parts.venue, parts.title = venue, " ".join(words[n:])
            return


def _take_lead(parts: ItemParts, found: dict) -> None:
    if found.get("venue") and parts.venue is None:
        parts.venue = found["venue"]
    if found.get("date"):
        parts.hints["listed_date"] = found["date"]
    parts.notes.extend(found.get("notes", ()))
    for alias in found.get("aliases", ()):
        if alias not in parts.aliases:
            parts.aliases.append(alias)


def strip_images(text: str) -> str:
    """Remove ``![alt](src)`` images and the empty links badges leave behind."""
    return _EMPTY_LINK.sub("", _IMAGE.sub("", text)) if "![" in text else text


def parse_item(content: str, listed: bool = False) -> ItemParts:
    """Parse one line's content (list marker already removed); see the module docstring.

    Pure: a line looked at more than once (dialect detection, a heading's body, the walk) is
    parsed once; each caller gets its own copy to change."""
    p = _parse_item(content, listed)
    return ItemParts(
        title=p.title,
        title_kind=p.title_kind,
        paper_url=p.paper_url,
        links=list(p.links),
        venue=p.venue,
        notes=list(p.notes),
        tags=list(p.tags),
        aliases=list(p.aliases),
        read_notes=p.read_notes,
        labels_without_url=list(p.labels_without_url),
        broken_link=p.broken_link,
        prefix=p.prefix,
        hints=dict(p.hints),
        more=[(title, url, list(notes)) for title, url, notes in p.more],
        delimited=p.delimited,
    )


def clear_item_cache() -> None:
    """Forget the lines parsed so far (each file's parse starts and ends with this)."""
    _parse_item.cache_clear()


@functools.lru_cache(maxsize=8192)
def _parse_item(content: str, listed: bool) -> ItemParts:
    parts = ItemParts()
    content = strip_images(normalise_inline(content))
    content, lead = strip_lead(content)
    _take_lead(parts, lead)
    gbt = gbt_title(content)
    if gbt is not None:
        parts.hints["authors"] = gbt[0]
        parts.title, parts.title_kind = restore(gbt[1]), "quoted"
        for seg in tokenize(gbt[2]):
            _annotate(parts, seg)
        return parts
    quoted = quoted_title(content)
    if quoted is not None:
        before, title, after = quoted
        _take_prefix(parts, before.strip(" ,.:;-–—*_"))
        parts.title, parts.title_kind = restore(title), "quoted"
        for seg in tokenize(after):
            _annotate(parts, seg)
        return parts
    segs = tokenize(content)
    t = _title_index(segs)
    if t and segs[0].kind == "bold" and len(segs[0].text.split()) >= 4:
        # "**(2019-12) Deep learning of …** [[Briefings in Bioinformatics](…)]": a bold title
        # that opens the line; the link after it says where to read it
        title = segs[0].text.strip()
        parts.title, parts.title_kind = (
            restore(title[:-1] if title.endswith(".") else title),
            "plain",
        )
        parts.delimited = True
        for seg in segs[1:]:
            _annotate(parts, seg)
        return parts
    d = next((i for i, seg in enumerate(segs) if seg.kind == "double"), None)
    if t is not None and d is not None and d <= t and _titles_before(content[: segs[d].start]):
        # "Deep learning of … oncology [[Briefings in Bioinformatics](…)][[github](…)]": the
        # same line without its bold; links in double brackets after a title say where to read it
        parts.title, parts.title_kind = restore(content[: segs[d].start].strip()), "plain"
        for seg in segs[d:]:
            _annotate(parts, seg)
        return parts
    if t is not None:
        seg = segs[t]
        prefix = content[: seg.start].strip()
        if prefix in ("The", "A", "An"):  # "The [R*-tree: …](…)": the title's first word
            parts.title, parts.title_kind = f"{prefix} {restore(seg.text)}", seg.kind
        else:
            _take_prefix(parts, prefix)
            parts.title, parts.title_kind = restore(seg.text), seg.kind
        rest = segs[t + 1 :]
        if seg.url:
            _add_url(parts, seg.url) if from_url(seg.url) else _add_link(parts, "paper", seg.url)
        elif seg.url == "":
            nxt = next((s for s in rest if s.kind != "text" or s.text.strip()), None)
            if nxt is not None and nxt.kind == "url":
                parts.broken_link = True
                parts.paper_url = nxt.text
                rest = rest[rest.index(nxt) + 1 :]
    else:
        k, before = _plain_title(content, segs, parts)
        rest = before + segs[k:]
        if parts.title_kind == "plain":
            _title_structure(parts, listed)
        _venue_prefix(parts)
        if (
            parts.title is None
            and parts.title_kind != "label"
            and rest
            and rest[0].kind == "url"
            and names_paper(rest[0].text)
        ):
            parts.title, parts.title_kind = "", "url"
    for seg in rest:
        _annotate(parts, seg)
    return parts
