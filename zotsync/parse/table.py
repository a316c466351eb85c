"""Markdown tables of papers: ``| Title | Link | Notes |``.

Columns are recognised by their header (case-insensitive, English or Chinese):
title, link, notes, venue, year, code, tags. A table without a recognised title
column takes its first column as the title. Each data row with a title or a paper
link is one entry; its notes cell is the entry's notes (``notes_span`` is the row's
line). Cells of other columns are kept in ``hints["columns"]`` under their header.
Rows with neither title nor paper link are reported as skipped.
"""

from __future__ import annotations

import re

from zotsync.model import Skipped
from zotsync.parse.blocks import Table
from zotsync.parse.citation import looks_like_authors, normalise_inline, split_breaks
from zotsync.parse.drafts import draft_from_parts, merge_annotations
from zotsync.parse.hints import Venue, match_venue, parse_year
from zotsync.parse.items import ItemParts, parse_item
from zotsync.parse.lines import Line, is_table_row
from zotsync.parse.passes import Draft

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
ROLES: dict[str, set[str]] = {
    "title": {
        "title",
        "paper",
        "papers",
        "name",
        "paper title",
        "标题",
        "论文",
        "题目",
        "名字",
        "名称",
    },
    "link": {"link", "links", "url", "arxiv", "pdf", "paper link", "链接"},
    "notes": {
        "notes",
        "note",
        "comment",
        "comments",
        "summary",
        "remarks",
        "tldr",
        "tl;dr",
        "description",
        "备注",
        "笔记",
        "简介",
        "总结",
    },
    "venue": {"venue", "conference", "conf", "journal", "publication", "会议", "期刊"},
    "year": {"year", "年份"},
    "code": {"code", "github", "repo", "代码"},
    "tags": {"tags", "tag", "topic", "category", "keywords", "标签"},
}


def is_separator(text: str) -> bool:
    return "-" in text and bool(_SEPARATOR.match(text))


def starts_table(lines: list[Line], i: int) -> bool:
    """A header row followed by a ``|---|`` separator row."""
    return i + 1 < len(lines) and is_table_row(lines[i].text) and is_separator(lines[i + 1].text)


def split_row(text: str) -> list[str]:
    s = text.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(s)]


# Words that make a header a title column when it is not one of ROLES' names exactly
# ("文章名称", "📑 标题 (Title)", "Paper Name"); checked after the link words, so "Paper Link"
# stays a link column.
_TITLE_WORDS = ("title", "paper", "标题", "题目", "名称", "论文", "文章", "タイトル", "論文")
_LINK_WORDS = ("link", "url", "链接", "リンク")
_NUMBER_CELL = re.compile(r"^\W*\d{1,4}\W*$")


def _header_role(cell: str) -> str:
    name = " ".join(re.sub(r"[*_`]", "", cell).split()).lower()
    exact = next((role for role, names in ROLES.items() if name in names), None)
    if exact:
        return exact
    if any(word in name for word in _LINK_WORDS):
        return "link"
    if any(word in name for word in _TITLE_WORDS):
        return "title"
    return f"column:{cell}"


def column_roles(header: list[str], rows: list[list[str]] | None = None) -> list[str]:
    """One role per column, by its header. When no header names the title, the title is the
    first column that is not a column of row numbers (``编号``, ``#``, ``No.``: every cell a
    number or empty); the first column when every column is."""
    roles = [_header_role(cell) for cell in header]
    if "title" in roles or not roles:
        return roles

    def numbers_only(col: int) -> bool:
        cells = [r[col].strip() for r in rows or () if col < len(r)]
        return any(cells) and all(not c or _NUMBER_CELL.match(c) for c in cells)

    free = [i for i, r in enumerate(roles) if r.startswith("column:")] or [0]
    roles[next((i for i in free if not numbers_only(i)), free[0])] = "title"
    return roles


def _apply_cell(draft: Draft, role: str, cell: str) -> None:
    if not cell:
        return
    if role in ("link", "code"):
        parts = parse_item(cell)
        if role == "code" and parts.links == [] and parts.paper_url and not parts.title:
            parts.links, parts.paper_url = [("code", parts.paper_url)], None
        parts.title = None
        merge_annotations(draft, parts)
    elif role == "notes":
        draft.inline_notes.append(cell)
    elif role == "venue":
        draft.venue = match_venue(cell) or Venue(name=cell, year=None, as_written=cell)
    elif role == "year":
        draft.year = parse_year(cell)
        if draft.year is None:
            draft.hints.setdefault("columns", {})["year"] = cell
    elif role == "tags":
        draft.tags.extend(t.strip() for t in re.split(r"[,;，、]", cell) if t.strip())
    else:
        draft.hints.setdefault("columns", {})[role.removeprefix("column:")] = cell


def _title_cell(cell: str) -> tuple[ItemParts, str | None]:
    """The title in a cell that stacks several things with ``<br>`` (badges, the linked title,
    the authors): the part that links a paper by a non-label text, else the longest part that is
    not an author list. Returns the parts and the authors, if a part lists them."""
    pieces = split_breaks(normalise_inline(cell)) if "<" in cell else []
    if len(pieces) < 2:
        return parse_item(cell), None
    parsed = [(piece, parse_item(piece)) for piece in pieces]
    authors = next((p for p in pieces if looks_like_authors(p) and "](" not in p), None)
    linked = [
        p for _, p in parsed if p.title_kind in ("link", "double") and (p.title or "").strip()
    ]
    if linked:
        return linked[0], authors
    plain = [(len(p.title or ""), p) for piece, p in parsed if piece != authors and p.title]
    best = max(plain, key=lambda x: x[0])[1] if plain else parse_item(cell)
    return best, authors


def parse_table(
    lines: list[Line],
    start: int,
    table: Table,
    section: tuple[str, ...],
    source: str,
    levels: tuple[int, ...] = (),
) -> tuple[list[Draft], list[Skipped], int]:
    """Parse the table (read by :mod:`.blocks`) whose header is ``lines[start]``; returns drafts,
    skipped rows and the index after the table. The table ends at its first line that is not a
    ``|`` row (GFM would take a following paragraph line as a one-cell row; a person does not)."""
    roles = column_roles(table.header, [cells for _, cells in table.rows])
    drafts: list[Draft] = []
    skipped: list[Skipped] = []
    end = start + 2
    for index, cells in table.rows:
        if index >= len(lines) or not is_table_row(lines[index].text):
            break
        end = index + 1
        line = lines[index]
        cells = [cell.strip() for cell in cells]
        title_cell = next((c for r, c in zip(roles, cells) if r == "title"), "")
        parts, authors = _title_cell(title_cell)
        draft = draft_from_parts(line, parts, section, "table", levels)
        if authors:
            draft.hints.setdefault("authors", authors)
        for role, cell in zip(roles, cells):
            if role != "title":
                _apply_cell(draft, role, cell)
        if draft.inline_notes:
            draft.hints["notes_inline"] = True
        if (parts.title or "").strip() or draft.paper_url:
            drafts.append(draft)
        else:
            skipped.append(
                Skipped(source, line.number, line.text, "table row without a title or paper link")
            )
    return drafts, skipped, end
