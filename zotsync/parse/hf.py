"""Hugging Face "Daily Papers" pages copied as text: lines -> drafts.

What such a copy holds, and what we make of it:

* **Page chrome** (``new``, ``Get trending papers in your email inbox!``, ``Subscribe``,
  ``Daily Papers``, ``byAK and the research community``, a bare day such as ``Mar 14``)
  is never an entry; each chrome line is reported as skipped with reason ``"page chrome"``.
  Chrome glued to the first title (``SubscribeCoDe: Blockwise …``) is split off and
  reported; the rest of the line is the title.
* A **title** line starts an entry. The next content line is its **abstract** when it reads
  like one (over 250 characters, over 40 words, or two sentences or more); further
  abstract-like lines before any metadata are more paragraphs of the same abstract.
  Blank lines are optional (seed 002 has none).
* **Metadata** after the abstract: ``• 5 authors`` -> ``hints["authors_count"]``, a lone
  ``·``, ``Apr 17, 2025`` -> ``hints["date"]`` (ISO) and ``year``, and an upvote count after
  the date (``Mar 7, 2025 2``) or on its own line -> ``hints["upvotes"]``. The same metadata
  on one line (``• 5 authors · Apr 17, 2025 2``) is read the same way.
* The lines of a zotsync **conflict block** are notes of the paper above (never titles).
* Titles on these pages are Hugging Face's canonical titles: only white space is tidied,
  no nickname or venue rules apply. Abstracts ending in ``…``/``...`` get
  ``hints["abstract_truncated"] = True``.
"""

from __future__ import annotations

import re

from zotsync.model import Skipped
from zotsync.parse.hints import is_bare_day, parse_date
from zotsync.parse.lines import MAX_LINE, Line
from zotsync.parse.passes import Draft

CHROME = (
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "byAK and the research community",
    "Daily Papers",
    "Trending Papers",
    "Subscribe",
    "new",
)
CHROME_REASON = "page chrome"
AUTHORS_LINE = re.compile(
    r"^[•·*-]?\s*(?P<n>\d{1,5})\s+authors?$", re.IGNORECASE
)  # on stripped text
_DOT = re.compile(r"^\s*[·•]\s*$")
_DATE_LINE = re.compile(
    r"^\s*(?P<date>[A-Za-z]{3,9}\.? \d{1,2}, \d{4})(?:\s+(?P<upvotes>\d{1,6}))?\s*$"
)
_NUMBER = re.compile(r"^\s*(?P<n>\d{1,6})\s*$")
_SENTENCE = re.compile(r"[.!?](?:\s+|$)")


_SUBMITTED = re.compile(r"^Submitted by \S+$")


def is_chrome(text: str) -> bool:
    s = text.strip()
    return s in CHROME or is_bare_day(s) or bool(_SUBMITTED.match(s))


def split_glued_chrome(text: str) -> tuple[str, str] | None:
    """``SubscribeCoDe: …`` -> (``Subscribe``, ``CoDe: …``); None when nothing is glued."""
    s = text.strip()
    for chrome in CHROME:
        rest = s[len(chrome) :]
        if (
            len(chrome) > 3
            and s.startswith(chrome)
            and rest
            and (rest[0].isupper() or rest[0].isdigit())
        ):
            return chrome, rest
    return None


def _is_meta(part: str) -> bool:
    part = part.strip()
    return not part or bool(AUTHORS_LINE.match(part) or _DATE_LINE.match(part))


def is_abstract_like(text: str) -> bool:
    s = text.strip()
    return len(s) > 250 or len(s.split()) > 40 or len(_SENTENCE.findall(s)) >= 2


class HfWalk:
    """State machine over the page: title -> abstract -> metadata -> next title."""

    def __init__(self, source: str):
        self.source = source
        self.drafts: list[Draft] = []
        self.skipped: list[Skipped] = []
        self.current: Draft | None = None
        self.meta_seen = False  # metadata closes the abstract

    def run(
        self, lines: list[Line], masked: frozenset[int] = frozenset()
    ) -> tuple[list[Draft], list[Skipped]]:
        for line in lines:
            if line.number in masked:
                self._conflict_line(line)
            elif not line.blank:
                self.step(line)
        return self.drafts, self.skipped

    def _conflict_line(self, line: Line) -> None:
        """A line of a zotsync conflict block: a note of the paper above (never a title)."""
        if self.current is not None:
            self.current.note_lines.append(line)
        elif not line.blank:
            self._skip(line, "conflict block before any paper")

    def step(self, line: Line) -> None:
        text = line.text.strip()
        if is_chrome(text):
            self._skip(line, CHROME_REASON)
        elif (m := AUTHORS_LINE.match(text)) is not None:
            self._meta(line, "authors_count", int(m.group("n")))
        elif _DOT.match(text):
            self._meta(line, None, None)
        elif "·" in text and len(text) < 80 and all(_is_meta(p) for p in text.split("·")):
            self._meta(line, None, None)
            for part in filter(
                str.strip, text.split("·")
            ):  # "• 5 authors · Apr 17, 2025 2" on one line
                self.step(Line(line.number, part))
        elif (m := _DATE_LINE.match(text)) is not None and parse_date(m.group("date")):
            self._date(line, m)
        elif (m := _NUMBER.match(text)) is not None and self.current is not None and self.meta_seen:
            self._meta(line, "upvotes", int(m.group("n")))
        elif (glued := split_glued_chrome(text)) is not None:
            self.skipped.append(Skipped(self.source, line.number, glued[0], CHROME_REASON))
            self._title(line, glued[1])
        else:
            self._content(line, text)

    def _skip(self, line: Line, reason: str) -> None:
        self.skipped.append(Skipped(self.source, line.number, line.text, reason))

    def _meta(self, line: Line, key: str | None, value: object) -> None:
        if self.current is None:
            self._skip(line, "page metadata before any paper")
            return
        self.meta_seen = True
        if key:
            self.current.hints[key] = value

    def _date(self, line: Line, m: re.Match) -> None:
        self._meta(line, "date", parse_date(m.group("date")))
        if self.current is not None:
            self.current.year = int(self.current.hints["date"][:4])
            if m.group("upvotes"):
                self.current.hints["upvotes"] = int(m.group("upvotes"))

    def _content(self, line: Line, text: str) -> None:
        d = self.current
        if len(text) > MAX_LINE and (d is None or self.meta_seen):
            self._skip(line, "line too long to be a title")
            return
        if d is not None and not self.meta_seen and is_abstract_like(text):
            d.abstract = text if d.abstract is None else f"{d.abstract}\n\n{text}"
            if text.endswith(("…", "...")):
                d.hints["abstract_truncated"] = True
            return
        self._title(line, text)

    def _title(self, line: Line, title: str) -> None:
        self.current = Draft(
            line=line.number,
            raw_lines=[line.text],
            section=(),
            title_text=title,
            dialect="hf",
            nicknames=False,
        )
        self.drafts.append(self.current)
        self.meta_seen = False


def parse_hf(
    lines: list[Line], source: str, *, masked: frozenset[int] = frozenset()
) -> tuple[list[Draft], list[Skipped]]:
    """Drafts and skipped lines of a copied Hugging Face papers page (``masked``: conflict-block line numbers)."""
    return HfWalk(source).run(lines, masked)
