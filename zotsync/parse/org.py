"""Org-mode reading lists: lines -> drafts, read as a person reads an Org outline.

orgparse reads the outline (heading levels, ``:tags:``, ``:PROPERTIES:`` drawers); each line
is then written in its Markdown form (``*** H`` -> ``### H``, ``[[url][desc]]`` ->
``[desc](url)``, ``*bold*``, ``/italic/``, ``=code=``, ``+ item``, ``#+BEGIN_SRC`` fences) and
read by the same walk as Markdown (:mod:`.markdown`), line for line, so line numbers, sections,
notes and ``notes_span`` mean what they mean there. Entries keep the Org text as written
(``raw`` and notes are the original lines). What is Org's own:

* heading ``:tags:`` are the entry's tags; a drawer's properties (``:RELEVANCE: mustread``)
  are ``hints["properties"]``; ``#+TITLE:``-style settings and drawers are never titles;
* a long heading (four words or more) whose sub-headings are all short (``** try``) is a paper
  with notes, not a topic: its short sub-headings are read as note lines;
* a year closing a heading (``Kernel Methods For Deep Learning 2009``) is the entry's year.
"""

from __future__ import annotations

import re

import orgparse

from zotsync.model import Skipped
from zotsync.parse.lines import Line
from zotsync.parse.markdown import parse_markdown
from zotsync.parse.passes import Draft

_HEADING = re.compile(r"^(?P<stars>\*+)\s+(?P<text>.*?)(?:\s+(?P<tags>:[\w@#%:]+:))?\s*$")
_LINK = re.compile(r"\[\[(?P<url>[^\[\]]+)\](?:\[(?P<desc>[^\[\]]*)\])?\]")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)(?P<t>[^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w/:])/(?=\S)(?P<t>[^/\n]+?)(?<=\S)/(?![\w/])")
_CODE = re.compile(r"(?<!\w)[=~](?=\S)(?P<t>[^=~\n]+?)(?<=\S)[=~](?!\w)")
_SETTING = re.compile(r"^\s*#\+(?!begin_|end_)\w+:?", re.IGNORECASE)
_FENCE = re.compile(r"^\s*#\+(?:begin|end)_(?:src|example|quote)\b", re.IGNORECASE)
_DRAWER = re.compile(r"^\s*:(?P<name>[A-Za-z_]+):\s*(?P<value>.*)$")
_PLANNING = re.compile(r"^\s*(?:(?:CLOSED|SCHEDULED|DEADLINE):\s*[\[<][^\]>]*[\]>]\s*)+$")
_PLUS_ITEM = re.compile(r"^(\s*)\+(\s+)")
_LIST_ITEM = re.compile(r"^\s*(?:[-+]|\d+[.)])\s")
_YEAR_END = re.compile(r"\s+(?P<year>(?:19|20)\d\d)$")


def _inline(text: str) -> str:
    """Org inline markup in its Markdown form."""
    text = _LINK.sub(lambda m: f"[{m.group('desc') or m.group('url')}]({m.group('url')})", text)
    text = _BOLD.sub(lambda m: f"**{m.group('t')}**", text)
    text = _ITALIC.sub(lambda m: f"*{m.group('t')}*", text)
    return _CODE.sub(lambda m: f"`{m.group('t')}`", text)


def _outline(text: str) -> tuple[dict[int, tuple[int, str, list[str]]], dict[int, dict]]:
    """1-based line -> (level, heading text, tags) and line -> drawer properties, by orgparse.
    The heading text is without its TODO keyword (``TODO``/``DONE``, or the file's own, declared
    by ``#+TODO: READING NEXT | READ``) and priority."""
    headings: dict[int, tuple[int, str, list[str]]] = {}
    properties: dict[int, dict] = {}
    try:
        root = orgparse.loads(text)
        nodes = list(root[1:])
    except Exception:  # orgparse is strict about some odd drawers; fall back to the lines alone
        return headings, properties
    for node in nodes:
        if node.linenumber:
            heading = node.get_heading(format="raw")
            headings[node.linenumber] = (node.level, heading, sorted(node.tags))
            if node.properties:
                properties[node.linenumber] = {k: str(v) for k, v in node.properties.items()}
    return headings, properties


_URL_VALUE = re.compile(r"^(?:https?://|doi:)\S+$", re.IGNORECASE)
# Drawer properties that describe a work (a book, a paper): a heading that carries them is an
# entry however short its title ("* Solaris" with :AUTHOR: Stanisław Lem), never a topic.
_WORK_PROPERTIES = frozenset(
    "author authors year date doi isbn url link goodreads arxiv journal publisher".split()
)


def _names_a_work(props: dict | None) -> bool:
    return bool(props) and any(
        k.lower() in _WORK_PROPERTIES or _URL_VALUE.match(v.strip()) for k, v in props.items()
    )


def _has_children(headings: dict, number: int) -> bool:
    """Does the heading on line ``number`` have sub-headings?"""
    level = headings[number][0] if number in headings else 0
    later = sorted(n for n in headings if n > number)
    return bool(later) and headings[later[0]][0] > level


def _notes_like_children(headings: dict, numbers: list[int]) -> set[int]:
    """Sub-headings to read as note lines: the short children of a long heading (module docstring)."""
    demoted: set[int] = set()
    for k, n in enumerate(numbers):
        level, text, _ = headings[n]
        children = []
        for m in numbers[k + 1 :]:
            if headings[m][0] <= level:
                break
            children.append(m)
        if (
            len(text.split()) >= 4
            and children
            and all(len(headings[m][1].split()) <= 3 for m in children)
        ):
            demoted.update(children)
    return demoted


def parse_org(
    lines: list[Line], source: str, *, masked: frozenset[int] = frozenset()
) -> tuple[list[Draft], list[Skipped]]:
    """Drafts and skipped lines of an Org-mode list (see the module docstring)."""
    text = "\n".join(line.text for line in lines)
    headings, properties = _outline(text)
    demoted = _notes_like_children(headings, sorted(headings))
    translated: list[Line] = []
    skipped: list[Skipped] = []
    tags: dict[int, list[str]] = {}
    in_drawer = False
    for line in lines:
        raw = line.text
        m = _HEADING.match(raw) if raw.startswith("*") else None
        if m and line.number not in demoted:
            level = min(len(m.group("stars")), 6)
            body = headings[line.number][1] if line.number in headings else m.group("text")
            year = _YEAR_END.search(body)
            if year:
                body = f"{body[: year.start()]} ({year.group('year')})"
            tags[line.number] = headings.get(line.number, (0, "", []))[2]
            if _names_a_work(properties.get(line.number)) and not _has_children(
                headings, line.number
            ):
                out = "- " + _inline(body)  # a work with its drawer: an entry, as a list item
            else:
                out = "#" * level + " " + _inline(body)
        elif m:
            out = _inline(m.group("text"))
        elif _FENCE.match(raw):
            out = "```"
        elif _SETTING.match(raw):
            skipped.append(Skipped(source, line.number, raw, "Org setting"))
            out = ""
        elif _PLANNING.match(raw):  # "CLOSED: [2017-05-14]": when a task was done, not a note
            skipped.append(Skipped(source, line.number, raw, "Org planning line"))
            out = ""
        elif in_drawer or (_DRAWER.match(raw) and raw.strip().upper() == ":PROPERTIES:"):
            in_drawer = raw.strip().upper() != ":END:"
            out = ""
        else:  # body text: Org indents it under its heading, which Markdown would read as code
            body = raw.lstrip() if not _LIST_ITEM.match(raw) else raw
            out = _inline(_PLUS_ITEM.sub(r"\1-\2", body))
        translated.append(Line(line.number, out))
    drafts, walk_skipped = parse_markdown(translated, source, "org", masked=masked)
    original = {line.number: line for line in lines}
    for draft in drafts:
        draft.raw_lines = [original[draft.line + k].text for k in range(len(draft.raw_lines))]
        draft.note_lines = [original[ln.number] if ln.text else ln for ln in draft.note_lines]
        draft.tags.extend(t for t in tags.get(draft.line, ()) if t not in draft.tags)
        props = next(
            (properties[n] for n in range(draft.line, draft.line + 1) if n in properties), None
        )
        if props:
            draft.hints["properties"] = props
            for key, value in props.items():  # ":GOODREADS: https://…": the work's page
                if _URL_VALUE.match(value.strip()) and value.strip().lower().startswith("http"):
                    draft.links.append((key.lower(), value.strip()))
    skipped += [
        Skipped(s.source, s.line, original[s.line].text, s.reason)
        for s in walk_skipped
        if s.line in original
    ]
    return drafts, skipped
