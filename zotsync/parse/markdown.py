"""The Markdown-family dialects (personal notes, awesome lists; tables inside them): lines -> drafts.

The walk, line by line:

* **Headings** (ATX of any depth, and setext ``===``/``---`` underlines) either open a section or are a paper. A heading is a
  *paper* when it links a paper by identifier, or when it is long (five words or more,
  three with a ``Head: rest`` colon, or a trailing ``, ICLR 2023``) **and** its body (the
  lines up to the next heading) lists no papers (no linked title, no table, fewer than two
  plain title-like lines) and the next heading is not deeper (a heading with subheadings
  is a topic). Otherwise it is a *section*: ``#### RM``, ``#### 解耦``,
  ``## Language_based Detector``.
* **Section paths** follow Markdown scope: a heading of level *n* closes every open
  section of level *n* or deeper, and its path is the open sections above it. So in
  seed 000 ``#### Data Scale`` sits inside ``## Language_based Detector`` (that is what
  the hierarchy says; we do not second-guess a user's heading levels), the three paper
  headings at the top of the file have the empty path ``()`` (no section is open yet),
  and blank lines never close a section: the two unheaded lines after ``#### Lora``
  belong to ``Lora`` (the user's gap is not a heading, and guessing a topic would invent
  one).
* A **paper heading** does not open a section (it closes open sections of its level or
  deeper, like any heading): lines under it are its notes (verbatim, ``notes_span`` = first
  to last non-blank line). Only when the heading itself links a paper can a line under it
  link another paper (a long heading over linked papers is a topic, see above); such a
  line is an entry of its own, in the heading's enclosing section.
* Other lines are parsed with :func:`zotsync.parse.items.parse_item`. A title line is an
  entry; a line of annotations only (``    [[Code](…)]``) joins the entry above; any other
  line is a note of the entry above (or, with no entry above in its section, is reported
  as skipped); lines indented under an entry are its notes unless they link a paper.
* The block structure (headings of every kind, fenced code, GFM tables, front matter,
  footnotes, HTML blocks, paragraphs whose links run over a line break) comes from a real
  CommonMark parser (:mod:`zotsync.parse.blocks`). **Tables** are handed to
  :mod:`zotsync.parse.table`; fenced code is notes of the entry above, never titles; front
  matter is reported as skipped; HTML blocks without words (``<details>``, anchors) are never
  titles; an HTML heading (``<h3>Neural MT</h3>``) is a heading like any other. A line
  ``#2 Deep Learning Method`` (no space after ``#``, then a digit or capital) is read as the
  heading a person sees, although CommonMark would not. A paragraph whose link text runs over
  a line break is read as one line (its raw text keeps both lines).
* A **thematic break** (``---``, ``***``, ``___``) normally ends the entry above: what
  follows starts fresh (a title is an entry, other text is skipped). It stays *inside* the
  notes when it sits where that entry's notes are — indented under the entry's list item,
  or at any indent under a paper heading or a plain (unbulleted) title line — **and** the
  next non-blank line is more note text for the same entry (not a heading, another break,
  a table, or a line that would start a paper). That is how ``zotsync pull`` writes a
  Zotero note's ``<hr>``, so a note with a rule survives the round trip; a break at the
  margin after a list item ends the list (as CommonMark reads it) and so still ends the
  notes, and a break followed by the next paper separates the two as before.
* The lines of a zotsync **conflict block** (``masked``, see
  :func:`zotsync.parse.conflict_lines`) are notes of the entry above, whatever they hold.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import deque
from collections.abc import Iterator

from zotsync.model import Skipped, normalise_title
from zotsync.parse.blocks import Blocks, html_text, read_blocks
from zotsync.parse.citation import looks_like_authors, names_before_title
from zotsync.parse.drafts import (
    draft_from_parts,
    is_paper_line,
    merge_annotations,
    names_paper_by_id,
)
from zotsync.parse.hf import is_abstract_like
from zotsync.parse.identifiers import names_paper, url_id
from zotsync.parse.inline import tokenize
from zotsync.parse.items import LABELS, ItemParts, add_link, parse_item, strip_images
from zotsync.parse.lines import (
    MAX_LINE,
    Line,
    is_navigation,
    is_rule,
    is_table_row,
    looks_like_title,
    strip_list_marker,
)
from zotsync.parse.passes import Draft, only_identifier
from zotsync.parse.table import parse_table
from zotsync.parse.titles import split_venue_suffix, strip_emphasis

NO_ENTRY = "not a paper title, and no entry above it to attach it to"
# headings that announce a title on the next line rather than name a topic
LABEL_HEADINGS = {
    "論文名",
    "論文タイトル",
    "タイトル",
    "论文名",
    "论文标题",
    "论文题目",
    "标题",
    "题目",
    "title",
    "paper",
    "paper title",
    "paper name",
}


def _item(text: str) -> tuple[int, ItemParts]:
    if len(text) > MAX_LINE:
        return 0, ItemParts(notes=[text])
    indent, marker, content = strip_list_marker(text)
    return indent, parse_item(content, listed=bool(marker))


def _is_long_title(title: str) -> bool:
    words = len(title.split())
    return (
        words >= 5
        or (words >= 3 and ":" in title)
        or split_venue_suffix(title)[1] is not None
        or (words >= 2 and _YEAR_ASIDE.search(title) is not None)  # "Topic Models (2012)"
    )


_YEAR_ASIDE = re.compile(r"\((?:19|20)\d\d\)$")


_NUMBERED_SECTION = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+\S")


def is_paper_heading(text: str, body: list[Line]) -> bool:
    """See the module docstring: long and over no list of papers, or linked to a paper."""
    parts = parse_item(text)
    if names_paper_by_id(parts):
        return True
    if parts.title and (parts.title_kind == "quoted" or parts.hints.get("authors")):
        return True  # a citation: "Smith et al.: [Title](…), Venue, 2014."
    if not _is_long_title(parts.title or "") or _NUMBERED_SECTION.match(text):
        return False  # "2.3 Unsupervised Learning / Deep Generative Model" numbers a section
    linked = titled = 0
    prose = _wrapped_prose(body)
    for line in body:
        if line.blank:
            continue
        if is_table_row(line.text):  # a table under a heading is a list of papers
            linked += 1
            continue
        _, p = _item(line.text)
        if p.title_kind in ("link", "double", "url", "quoted") and is_paper_line(p):
            linked += 1
        elif (
            p.title_kind == "plain" and line.number not in prose and looks_like_title(p.title or "")
        ):
            titled += 1
    return linked == 0 and titled < 2


def _wrapped_prose(body: list[Line]) -> set[int]:
    """Numbers of the lines of plain paragraphs that wrap prose over several lines (a line
    goes on in lower case on the next): an abstract under a paper heading, not a list of
    titles, however capitalised each line's start."""
    found: set[int] = set()
    run: list[Line] = []
    for line in [*body, Line(0, "")]:
        if not line.blank and not strip_list_marker(line.text)[1] and not line.text.startswith("#"):
            run.append(line)
            continue
        if len(run) >= 2 and any(ln.text.lstrip()[:1].islower() for ln in run[1:]):
            if not _one_title_per_line(run):
                found.update(ln.number for ln in run)
        run = []
    return found


@functools.lru_cache(maxsize=1024)  # each heading is named three times (contents, label, path)
def section_name(text: str) -> str:
    """``## [Diffusion **Models**](#diffusion)`` -> ``Diffusion Models``: heading text without markup."""
    text = strip_images(text)
    if "<" in text:  # "<a name='x'> Basics</a>": the heading's words, not its anchor
        text = html_text(text)[0] or text
    pieces = [
        seg.text if seg.kind in ("link", "double") else text[seg.start : seg.end]
        for seg in tokenize(text)
    ]
    return " ".join(strip_emphasis("".join(pieces)).split())


class MarkdownWalk:
    """One pass over a Markdown-family file; collects drafts and skipped lines in document order."""

    def __init__(
        self,
        lines: list[Line],
        source: str,
        dialect: str,
        masked: frozenset[int] = frozenset(),
        blocks: Blocks | None = None,
    ):
        self.lines, self.source, self.dialect = lines, source, dialect
        self.sections: list[tuple[int, str]] = []
        self.drafts: deque[Draft] = deque()  # drafts the walk may still change (see settled)
        self.skipped: list[Skipped] = []
        self.current: Draft | None = None  # the entry that receives notes
        self.current_indent = 0
        self.under_heading = False  # current is a paper heading
        self.label_level: int | None = None  # inside a "## Paper title" block (see _heading)
        self.title_next = False  # the next content line is the title a label heading announced
        self.masked = masked
        self.blocks = (
            blocks
            if blocks is not None
            # a lone "\r" inside a line is a line break to markdown-it: keep our line numbers
            else read_blocks("\n".join(ln.text.replace("\r", " ") for ln in lines))
        )
        found = {**_loose_headings(lines, self.blocks), **self.blocks.headings}
        self._headings = {i: h for i, h in found.items() if lines[i].number not in masked}
        self._heading_at = sorted(self._headings)
        # a plain item that repeats a heading of this file is its table of contents
        self._heading_names = {normalise_title(section_name(h)) for _, h in self._headings.values()}
        # tables of contents, decided list by list as the walk reaches each list (so that its
        # items' parses are still cached when the walk reads them)
        self._list_at = sorted(self.blocks.lists)
        self._toc: dict[int, frozenset[int]] = {}

    def _repeats_heading(self, text: str, parts: ItemParts) -> bool:
        names = self._heading_names
        return normalise_title(parts.title or "") in names or normalise_title(text) in names

    def _in_contents(self, i: int) -> bool:
        """Is ``lines[i]`` an item of a list that is a table of contents? (See :meth:`_contents`.)"""
        k = bisect.bisect_right(self._list_at, i) - 1
        if k < 0:
            return False
        first = self._list_at[k]
        if i >= self.blocks.lists[first]:
            return False
        if first not in self._toc:
            self._toc[first] = self._contents(first, self.blocks.lists[first])
        return i in self._toc[first]

    def _contents(self, first: int, end: int) -> frozenset[int]:
        """The items of the list ``lines[first:end]`` when it is a table of contents: at least
        three of its items, and half of them, repeat a heading of this file (``Brief
        engineer-oriented introductions`` then lists under the heading ``Brief introductions``
        all the same)."""
        items = [
            i
            for i in range(first, min(end, len(self.lines)))
            if strip_list_marker(self.lines[i].text)[1]
        ]
        if len(items) < 3 or len(items) > 500:
            return frozenset()
        repeated = 0
        for i in items:
            content = strip_list_marker(self.lines[i].text)[2]
            parts = parse_item(content, listed=True)
            if parts.paper_url and not parts.paper_url.startswith("#"):
                continue
            repeated += self._repeats_heading(content, parts) or (parts.paper_url or "").startswith(
                "#"
            )
        return frozenset(items) if repeated >= 3 and repeated * 2 >= len(items) else frozenset()

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.sections)

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(level for level, _ in self.sections)

    def _body(self, i: int) -> list[Line]:
        k = bisect.bisect_right(self._heading_at, i)
        following = self._heading_at[k] if k < len(self._heading_at) else len(self.lines)
        start = self.blocks.heading_end.get(i, i + 1)  # skip a setext underline
        return [line for line in self.lines[start:following] if line.number not in self.masked]

    def run(self) -> tuple[list[Draft], list[Skipped]]:
        drafts = list(self.settled())
        return drafts, self.skipped

    def settled(self) -> Iterator[Draft]:
        """The drafts in document order, each handed out as soon as the walk can no longer change
        it: the walk only ever changes the entry receiving notes (``current``) and the last two
        drafts. Finishing each draft while its lines were just read is what lets the later passes
        reuse those lines' cached parses; ``skipped`` is complete once this is exhausted."""
        i = 0
        while i < len(self.lines):
            i = self.step(i)
            while len(self.drafts) > 2 and self.drafts[0] is not self.current:
                yield self.drafts.popleft()
        yield from self.drafts
        self.drafts.clear()

    def step(self, i: int) -> int:
        """Handle ``lines[i]`` (and any lines it owns); return the next index."""
        line = self.lines[i]
        blocks = self.blocks
        if line.number in self.masked:
            self._note(line, "conflict block outside any entry")
        elif i in blocks.code:
            self._note(line, "code block outside any entry")
        elif i in blocks.front_matter:
            self.skipped.append(Skipped(self.source, line.number, line.text, "front matter"))
        elif line.blank:
            if self.current:
                self.current.note_lines.append(line)
        elif i in self._headings:
            self._heading(i, *self._headings[i])
            return max(i + 1, blocks.heading_end.get(i, i + 1))
        elif i in blocks.chrome:
            self._note(line, "HTML markup, not a paper")
        elif is_rule(line.text):
            if not self._rule_inside_notes(i):
                self.current = None
            else:
                self.current.note_lines.append(line)
        elif i in blocks.tables:
            drafts, skipped, end = parse_table(
                self.lines, i, blocks.tables[i], self.path, self.source, self.levels
            )
            self.drafts.extend(drafts)
            self.skipped.extend(skipped)
            self.current = None
            return end
        elif i in blocks.joined and blocks.joined[i] <= len(self.lines):
            end = blocks.joined[i]
            self._content(self._joined(i, end), raw=[ln.text for ln in self.lines[i:end]])
            return end
        elif i in blocks.paragraphs:
            return self._paragraph(i, blocks.paragraphs[i])
        else:
            self._content(line)
        return i + 1

    def _paragraph(self, i: int, end: int) -> int:
        """The first line of a paragraph that runs over several lines: a citation wrapped over
        lines is one entry (its joined text names a title the first line alone does not), and a
        plain line that breaks off mid-sentence (the next line goes on in lower case) is prose."""
        end = min(end, len(self.lines))
        if end <= i + 1:
            self._content(self.lines[i])
            return i + 1
        line, nxt = self.lines[i], self.lines[i + 1]
        if self.title_next:
            self._content(line)
            return i + 1
        _, alone = _item(line.text)
        if not names_paper_by_id(alone):
            joined = self._joined(i, end)
            _, together = _item(joined.text)
            cited = together.title_kind == "quoted" or (
                together.hints.get("authors") and alone.title_kind == "plain"
            )  # "Authors⏎. 2019. [Title](…)": the names alone are no title
            if cited and (
                alone.title_kind != "quoted" or alone.title != together.title
            ):  # a citation whose title runs over the break
                self._content(joined, raw=[ln.text for ln in self.lines[i:end]])
                return end
        if alone.title_kind != "quoted" and not names_paper_by_id(alone):
            tail = nxt.text.lstrip()
            wrapped = (
                alone.title_kind == "plain"
                and tail[:1].islower()
                and not tail.startswith(("http://", "https://"))
                and not line.text.rstrip().endswith((".", ":", "!", "?"))
            )
            if (
                (wrapped or is_abstract_like(joined.text))
                and "](" not in joined.text
                and not alone.delimited  # "**Title**" over its notes
                and not _one_title_per_line(self.lines[i:end])
            ):
                for ln in self.lines[i:end]:  # a paragraph of prose: every line is a note
                    self._note(ln, "prose, not a paper title")
                return end
        self._content(line)
        return i + 1

    def _joined(self, i: int, end: int) -> Line:
        """Lines ``i..end`` of one paragraph as one logical line (numbered as the first)."""
        first = self.lines[i].text
        rest = " ".join(ln.text.strip() for ln in self.lines[i + 1 : end])
        return Line(self.lines[i].number, f"{first.rstrip()} {rest}")

    def _rule_inside_notes(self, i: int) -> bool:
        """Is the break at ``lines[i]`` part of the current entry's notes? (See the module docstring.)"""
        if self.current is None:
            return False
        listed = bool(strip_list_marker(self.current.raw_lines[0])[1])
        if listed and not self.under_heading and _indent(self.lines[i].text) <= self.current_indent:
            return False  # a break at (or left of) the item's marker ends the list
        nxt = next((j for j in range(i + 1, len(self.lines)) if not self.lines[j].blank), None)
        if nxt is None or nxt in self._headings:
            return False
        if self.lines[nxt].number in self.masked:
            return True  # a conflict block: notes of this entry
        text = self.lines[nxt].text
        if is_rule(text) or nxt in self.blocks.code or nxt in self.blocks.tables:
            return False
        indent, parts = _item(text)
        if names_paper_by_id(parts):
            return False
        if self.under_heading:
            return True
        return indent > self.current_indent or not is_paper_line(parts)

    def _has_subheadings(self, i: int, level: int) -> bool:
        k = bisect.bisect_right(self._heading_at, i)
        nxt = self._headings[self._heading_at[k]] if k < len(self._heading_at) else None
        return nxt is not None and nxt[0] > level

    def _heading(self, i: int, level: int, text: str) -> None:
        if self.label_level is not None and level > self.label_level:
            self._note(self.lines[i], "heading inside a paper's notes")  # "### 著者" under it
            self.title_next = False  # a label heading with no title under it (a template)
            return
        self.label_level = None
        if section_name(text).casefold() in LABEL_HEADINGS:
            # "## 論文名" / "## Paper title": the line below is the title, what follows its notes
            while self.sections and self.sections[-1][0] >= level:
                self.sections.pop()
            self.label_level, self.title_next, self.current = level, True, None
            return
        while self.sections and self.sections[-1][0] >= level:
            self.sections.pop()
        if not self._has_subheadings(i, level) and is_paper_heading(text, self._body(i)):
            self._start(self.lines[i], parse_item(text), indent=-1)
            self.current.heading_level = level
            self.under_heading = True
        else:
            self.sections.append((level, section_name(text)))
            self.current = None

    def _start(
        self, line: Line, parts: ItemParts, indent: int, raw: list[str] | None = None
    ) -> None:
        draft = draft_from_parts(line, parts, self.path, self.dialect, self.levels)
        if raw is not None:
            draft.raw_lines = list(raw)
        self.drafts.append(draft)
        for title, url, notes in parts.more:  # one candidate naming several papers: one each
            other = Draft(
                line=draft.line,
                raw_lines=list(draft.raw_lines),
                section=draft.section,
                section_levels=draft.section_levels,
                title_text=title,
                dialect=draft.dialect,
                paper_url=url,
                own_urls={url} if url else set(),
                inline_notes=list(notes),
            )
            self.drafts.append(other)
        if parts.more:
            draft.own_urls = {draft.paper_url or "", *(u for _, u in draft.links)}
        self.current, self.current_indent, self.under_heading = draft, indent, False

    def _note(self, line: Line, reason: str = NO_ENTRY) -> None:
        if self.current is not None:
            self.current.note_lines.append(line)
        else:
            self.skipped.append(Skipped(self.source, line.number, line.text, reason))

    def _content(self, line: Line, raw: list[str] | None = None) -> None:
        if line.number - 1 in self.blocks.footnotes:
            indent, parts = 0, _footnote_parts(line.text)
        else:
            indent, parts = _item(line.text)
        by_id = names_paper_by_id(parts)
        if self.title_next:
            self.title_next = False
            if parts.title is not None or parts.paper_url:
                if parts.title is None:
                    parts.title, parts.title_kind = "", "url"
                self._start(line, parts, indent=-1, raw=raw)
                self.under_heading = True
                return
        if parts.title is None and self._names_its_own_paper(line, parts, indent):
            parts.title, parts.title_kind = "", "link"  # its title is left to the resolver
            by_id = True
        if self.label_level is not None and self.current is None and not by_id:
            # "## 論文名" with no title under it (its URL line removed, or a template): the
            # block is the notes of a paper that is not named, never papers of its own
            self.skipped.append(
                Skipped(self.source, line.number, line.text, "notes of a paper with no title")
            )
            return
        if not by_id and self._is_navigation(parts, indent):
            self.skipped.append(Skipped(self.source, line.number, line.text, "page navigation"))
            return
        if line.number - 1 in self.blocks.quotes and not by_id:
            self._note(line, "quoted prose, not a paper title")
            return
        listed, content = strip_list_marker(line.text)[1:]
        if not by_id and (
            self._in_contents(line.number - 1)
            or (
                listed
                and parts.title_kind == "plain"
                and not parts.has_annotations
                and not parts.notes  # "- Post-quantum cryptography - Introduction …" describes
                and self._repeats_heading(content, parts)
            )
        ):
            self._note(line, "table of contents: a heading of this list")
            return
        bare_link_below = (  # "Title\nhttp://aclweb.org/anthology/P18-1065": the title's link
            parts.title_kind == "url"
            and self.current is not None
            and not self.current.paper_url
            and line.number == self.current.last_line + 1
        )
        if bare_link_below:
            parts.title = None
        if (
            self.current is not None
            and parts.title is None
            and parts.has_annotations
            and not parts.notes
        ):
            self._annotate(line, parts)
        elif self.current is not None and self.under_heading and not by_id:
            self._note(line)
        elif (
            self.current is not None
            and indent > self.current_indent
            and self._is_cited_child(line, parts)
        ):
            self._cited_child(line, parts, indent, raw)
        elif self.current is not None and indent > self.current_indent and not by_id:
            self._note(line)
        elif is_paper_line(parts) or self._titled_by_next_line(line, parts):
            self._start(line, parts, indent, raw)
        elif raw is not None:
            for k, text in enumerate(raw):
                self._note(Line(line.number + k, text))
        else:
            self._note(line)

    def _names_its_own_paper(self, line: Line, parts: ItemParts, indent: int) -> bool:
        """``- [PDF](https://arxiv.org/abs/…)``, ``- [Paper1](…)``: a list item of labelled links
        only, one naming a paper by its identifier, is that paper, as a bare paper URL is, unless
        it can be the link of the entry above: indented under it, or under a title that names
        no paper by an identifier yet (or names this same one)."""
        if parts.notes or not names_paper(parts.paper_url) or not strip_list_marker(line.text)[1]:
            return False
        above = self.current
        if above is None:
            return True
        if indent > self.current_indent:
            return False
        mine, theirs = url_id(parts.paper_url or ""), url_id(above.paper_url or "")
        if theirs is None or mine is None:
            return False
        return (theirs.scheme, theirs.value) != (mine.scheme, mine.value)

    def _is_navigation(self, parts: ItemParts, indent: int) -> bool:
        """``[back to top](#contents)``, ``↑ Top``: a line that is page navigation and nothing
        else (no note beside it, no link but to this page). Under an entry (indented under its
        item, or under a paper heading) only a link to this page is navigation; the same words
        without one are the user's note, and notes are never dropped."""
        if not parts.title or not is_navigation(parts.title):
            return False
        if parts.notes or parts.links or parts.tags or parts.aliases or parts.prefix:
            return False
        if parts.paper_url and not parts.paper_url.startswith("#"):
            return False
        if parts.paper_url or self.current is None:
            return True
        return not (self.under_heading or indent > self.current_indent)

    def _is_cited_child(self, line: Line, parts: ItemParts) -> bool:
        """``* GFRNN [[Paper](…)]`` over ``  * Chung, …, Bengio, *Gated Feedback Recurrent Neural
        Networks*, ICML 2015``: a citation (authors and a title) in a list item under an entry."""
        if not strip_list_marker(line.text)[1] or self.current is None or self.under_heading:
            return False
        if parts.title_kind == "quoted" and parts.hints.get("authors"):
            return True
        # "* Alex Graves (2008)" over "  * [Supervised Sequence Labelling …](…)": the authors' bullet
        return (
            parts.title_kind in ("link", "double", "plain")
            and is_paper_line(parts)
            and _authors_only(self.current.title_text)
        )

    def _cited_child(self, line: Line, parts: ItemParts, indent: int, raw) -> None:
        """The citation is the paper. The first one under a label bullet takes the label's place:
        the label becomes its alias (``GFRNN``) and the label's links are its links; the label
        line is reported as skipped. Under a bullet that is itself a citation, or after the
        first, a citation is an entry of its own."""
        parent = self.current
        assert parent is not None
        label = (
            parent is self.drafts[-1]
            and not parent.hints.get("authors")
            and all(ln.blank for ln in parent.note_lines)
        )
        self._start(line, parts, indent, raw)
        child = self.current
        assert child is not None
        if not label:
            return
        del self.drafts[next(k for k, d in enumerate(self.drafts) if d is parent)]
        if parent.paper_url or parent.links:
            if len(parent.title_text.split()) <= 6:
                child.aliases.append(parent.title_text)
            if not child.paper_url:
                child.paper_url = parent.paper_url
            for key, url in parent.links:
                if url != child.paper_url:
                    add_link(child.links, key, url)
        elif _authors_only(parent.title_text):
            child.hints.setdefault("authors", _authors_only(parent.title_text))
        else:
            child.hints["group"] = parent.title_text
        child.link_lines = [Line(parent.line + k, text) for k, text in enumerate(parent.raw_lines)]
        self.skipped.append(
            Skipped(
                self.source, parent.line, parent.raw_lines[0], "a label over the citation below it"
            )
        )

    def _titled_by_next_line(self, line: Line, parts: ItemParts) -> bool:
        """``- holograhpic duality from random tensor network`` over ``\t- arXiv:1601.01694``: a
        line followed by an indented line holding only an identifier, or only the paper's link
        labels (``[[pdf]](…)``, ``[pdf]``), names that paper, even in lower case."""
        if parts.title_kind != "plain" or not parts.title or len(parts.title.split()) < 2:
            return False
        k = line.number  # index of the next line
        if k >= len(self.lines) or self.lines[k].blank:
            return False
        nxt = self.lines[k]
        if _indent(nxt.text) <= _indent(line.text):
            return False
        if only_identifier(nxt):
            return True
        # "- Contrastive learning, multi-view redundancy, and linear models." over "  [[pdf]](…)"
        # (or "  [pdf]" where the link was removed): the paper's own link labels
        _, below = _item(nxt.text)
        return (
            below.title is None
            and not below.notes
            and (
                bool(below.paper_url)
                or any(LABELS.get(label.lower()) == "paper" for label in below.labels_without_url)
            )
        )

    def _annotate(self, line: Line, parts: ItemParts) -> None:
        """A line of links/markers only: part of the title line(s) when adjacent, else a note line."""
        draft = self.current
        assert draft is not None
        if line.number == draft.last_line + 1 and not draft.note_lines:
            draft.raw_lines.append(line.text)
        else:
            draft.note_lines.append(line)
        merge_annotations(draft, parts)


_FOOTNOTE = re.compile(r"^\s{0,3}\[\^[^\]]+\]:\s*")


def _split_outside_brackets(text: str, sep: str) -> list[str]:
    pieces, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        if ch in "[(":
            depth += 1
        elif ch in "])" and depth:
            depth -= 1
        elif ch == sep and depth == 0:
            pieces.append(text[start:k])
            start = k + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _footnote_parts(text: str) -> ItemParts:
    """``[^1]: Vaswani et al. "Attention …" NeurIPS 2017; Devlin et al. "BERT: …" NAACL 2019.``:
    a footnote's text without its label; citations separated by ``;`` that each name a paper
    are one entry each (the first is the footnote's entry, the others ride in ``more``)."""
    body = _FOOTNOTE.sub("", text)
    parts = parse_item(body, listed=True)
    pieces = _split_outside_brackets(body, ";")
    if len(pieces) < 2 or len(pieces) > 20:
        return parts
    cited = [parse_item(piece, listed=True) for piece in pieces]
    if not all(is_paper_line(p) and p.title for p in cited):
        return parts
    first, *others = cited
    for other in others:
        first.more.append((other.title or "", other.paper_url, list(other.notes)))
    return first


def _authors_only(text: str) -> str | None:
    """``Alex Graves (2008)`` / ``Ian Goodfellow, Yoshua Bengio, and Aaron Courville (2016)``:
    the names alone (without the year), when that is all the text is."""
    names = re.sub(r"\s*\((?:19|20)\d\d\)\s*$", "", text).strip(" ,.")
    if not names or not re.search(r"\((?:19|20)\d\d\)\s*$", text):
        return None
    return names if looks_like_authors(names) or names_before_title(names + ",") else None


_LOOSE_HEADING = re.compile(r"^(?P<hashes>#{1,6})(?=[A-Z0-9])(?P<text>\S.*)$")


def _loose_headings(lines: list[Line], blocks: Blocks) -> dict[int, tuple[int, str]]:
    """``#2 Deep Learning Method``: a heading to a person, though not to CommonMark."""
    found = {}
    for i, line in enumerate(lines):
        if line.text.startswith("#") and i not in blocks.code and len(line.text) <= MAX_LINE:
            m = _LOOSE_HEADING.match(line.text)
            if m:
                found[i] = (len(m.group("hashes")), m.group("text").strip())
    return found


def _indent(text: str) -> int:
    """Width of the leading white space (a tab counts to the next multiple of 4, as in list markers)."""
    return len(text[: len(text) - len(text.lstrip(" \t"))].expandtabs(4))


def parse_markdown(
    lines: list[Line],
    source: str,
    dialect: str = "markdown",
    *,
    masked: frozenset[int] = frozenset(),
    blocks: Blocks | None = None,
) -> tuple[list[Draft], list[Skipped]]:
    """Drafts and skipped lines of a Markdown-family file (``dialect`` labels the entries;
    ``masked``: line numbers of zotsync conflict blocks, read as notes)."""
    return MarkdownWalk(lines, source, dialect, masked, blocks).run()


TITLE_LINE_MAX_WORDS = 30
_SENTENCE_BREAK = re.compile(r"[a-z]{2}\.\s+[A-Z][a-z]")


def _one_title_per_line(lines: list[Line]) -> bool:
    """A paragraph that is a list of titles, one per line, without list markers (titles pasted
    from somewhere): three or more lines, each a plain title on its own — it starts with a
    capital, a digit or a ``name:`` (``gen2seg: …``), is at most :data:`TITLE_LINE_MAX_WORDS` words, and does not break off
    mid-sentence (no trailing comma, semicolon or hyphen) nor holds two sentences; and few
    lines end with a full stop. Prose wraps and ends its sentences: its lines fail this."""
    if len(lines) < 3:
        return False
    if 3 * sum(ln.text.rstrip().endswith(".") for ln in lines) >= len(lines):
        return False
    for ln in lines:
        text = ln.text.strip()
        if not (text[:1].isupper() or text[:1].isdigit() or text.split()[0].endswith(":")):
            return False
        if len(text.split()) > TITLE_LINE_MAX_WORDS or text.endswith((",", ";", "-")):
            return False
        if _SENTENCE_BREAK.search(text):
            return False
        if _item(text)[1].title_kind != "plain":
            return False
    return True
