"""The rules Zotero's own arXiv translator (``arXiv.org.js``) and translation framework apply.

"Add Item by Identifier" with an arXiv id runs that translator against arXiv's API
record; zotsync builds its items by the same rules, so a paper added either way looks
the same (same tags, URL form, creator split, date), and Zotero's duplicate detection
and the user's saved searches treat them alike:

* **tags**: each arXiv category becomes its *name* (``cs.LG`` → ``Computer Science -
  Machine Learning``, ``astro-ph`` → ``Astrophysics``), as an automatic tag (type 1);
  a category arXiv's taxonomy does not name gives no tag;
* **creators**: Zotero's ``cleanAuthor`` without a comma: the last word is the last
  name (``Peter H. N. de`` / ``With``), bare initials get their full stops;
* **shortTitle**: the framework's rule: the title before its first colon (then cut
  after a question mark inside it), only when that shortens the title;
* **url** ``http://arxiv.org/abs/<id>``, the PDF at ``http://arxiv.org/pdf/<id>v<n>``;
* **extra** ``arXiv:<id> [<primary category>]`` (old-style ids: ``arXiv:<id>`` alone);
* the arXiv **comment** as a child note ``Comment: …``.

Pure functions; the category names live in ``data/arxiv_categories.json``.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

ABS_URL = "http://arxiv.org/abs/{id}"
PDF_URL = "http://arxiv.org/pdf/{id}v{version}"
CATALOG = "arXiv.org"
PDF_TITLE = "Preprint PDF"
SNAPSHOT_TITLE = "Snapshot"
COMMENT_PREFIX = "Comment: "

_WS = re.compile(r"\s+")
_CAPS = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0400-\u042f"
_ALL_CAPS = re.compile(f"^[{_CAPS}]+$")
_INITIAL = re.compile(f"^-?[{_CAPS}]$")
_EDGE = "\\s\u00a0.,/\\[\\]:"
_LEAD = re.compile(f"^[{_EDGE}]+")
_TRAIL = re.compile(f"[{_EDGE}]+$")
_FIRST_SPACE_RUN = re.compile("[\\s\u00a0]+")
_DASH = re.compile("\\s*([\u002d\u00ad\u2010-\u2015\u2212\u2e3a\u2e3b])\\s*")
_NAME_PARTS = re.compile(r"(?:[\s.]+|(?=-))")


def trim_internal(text: str) -> str:
    """Whitespace runs (newlines too) as one space, no space at the ends."""
    return _WS.sub(" ", text).strip()


@cache
def category_names() -> dict[str, str]:
    path = Path(__file__).with_name("data") / "arxiv_categories.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))["names"])


def category_tag(code: str) -> str | None:
    """The tag the translator gives a category: ``Archive - Class``, or the name alone."""
    names = category_names()
    name = names.get(code)
    if name is None:
        return None
    archive = code.split(".", 1)[0]
    if archive != code and archive in names:
        return f"{names[archive]} - {name}"
    return name


def category_tags(codes: tuple[str, ...] | list[str]) -> list[str]:
    """Every category's tag, in arXiv's order, each once."""
    return list(dict.fromkeys(t for t in map(category_tag, codes) if t))


def clean_author(name: str, creator_type: str = "author") -> dict[str, str]:
    """A ``firstName``/``lastName`` creator from "Given Family", as Zotero's cleanAuthor splits it."""
    name = _TRAIL.sub("", _LEAD.sub("", name))
    name = _FIRST_SPACE_RUN.sub(" ", name, count=1)
    cut = len(name)
    while True:  # the last word that starts with a letter is the last name ("Name Family [X]")
        cut = name.rfind(" ", 0, cut)
        last, first = name[cut + 1 :], name[:cut] if cut > 0 else ""
        if not last or last[0].isalpha() or cut <= 0:
            break
    if first and _ALL_CAPS.match(first) and len(first) < 4:
        if len(first) == 1 or last.upper() != last:  # "JR Smith": initials
            first = " ".join(f"{ch}." for ch in first)
    if first:
        first = re.sub(r"^[\s.]+", "", first)
        first = re.sub(r"[\s,]+$", "", first)
        first = _DASH.sub("-", first, count=1)
        parts = _js_split(first)
        first = "".join(p + ("." if _INITIAL.match(p) else "") + " " for p in parts)
        first = first.replace(" -", "-").strip()
    return {"firstName": first, "lastName": last, "creatorType": creator_type}


def _js_split(text: str) -> list[str]:
    """Split at spaces/full stops and before dashes the way JavaScript's ``split`` does:
    an empty match right where the previous separator ended is no split point."""
    parts, start = [], 0
    for m in _NAME_PARTS.finditer(text):
        if m.start() == m.end() and (m.start() == start or m.start() == 0):
            continue
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    return parts


def short_title(title: str) -> str | None:
    """The framework's automatic short title, or None when it would be the title itself."""
    short = title
    changed = False
    if ":" in short:
        short, changed = short[: short.index(":")], True
    if "?" in short and short.index("?") + 1 != len(short):
        short, changed = short[: short.index("?") + 1], True
    short = short.strip()
    return short if changed and short and short != title.strip() else None


def arxiv_extra(arxiv_id: str, primary: str | None) -> str:
    """``arXiv:<id> [<primary>]``; old-style ids (with a ``/``) carry no category."""
    if "/" in arxiv_id or not primary:
        return f"arXiv:{arxiv_id}"
    return f"arXiv:{arxiv_id} [{primary}]"


def comment_note(comment: str) -> str:
    """The child note the translator makes of arXiv's comment (text kept inert: escaped)."""
    return html.escape(COMMENT_PREFIX + trim_internal(comment), quote=False)


def abs_url(arxiv_id: str) -> str:
    return ABS_URL.format(id=arxiv_id)


def pdf_url(arxiv_id: str, version: int | None) -> str:
    return PDF_URL.format(id=arxiv_id, version=version or 1)
