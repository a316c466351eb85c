"""Where the title sits in a line that is not just ``[Title](url)``: the shapes of citations.

Small recognisers in the spirit of citation parsers (GROBID, AnyStyle label a reference's
tokens by position, punctuation and capitalisation); pure functions over one line.

* :func:`normalise_inline` – the line as plain Markdown: HTML inside it read by
  :mod:`html.parser` (``<a href>`` becomes a link, ``<br>`` a separator, ``<img>``/badges
  dropped, other tags keep their text), emphasis around a whole link dropped
  (``**[Title](url)**``), escaped brackets (``[\\[PDF\\]](…)``) kept as text.
* :func:`strip_lead` – what stands before the title and is not part of it: a reference number
  (``**[12]**``, ``[3]``), a bullet (``•``), a date (``[2023/10]``, ``(2019-01)``), a bracketed
  venue (``[2024 TPAMI]``), a bracketed or bold nickname (``[R-CNN]``, ``**ViT**:``).
* :func:`quoted_title` – ``Surname, A., et al. "Title." Venue (year).``, ``**ABBR**: "Title",
  Venue``: the quoted span is the title when what precedes it is authors, a nickname or nothing.
* :func:`looks_like_authors` – ``Sutskever, Vinyals, and Le. 2014.``, ``Zhang et al.``.
* :func:`is_label` – link text that labels a link rather than naming a paper: ``PDF``,
  ``[pdf]``, ``Paper``, ``arXiv:2101.00001``, ``CVPR20``, ``Nature Genetics paper``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from zotsync.parse.hints import match_venue, parse_year

# escaped brackets become these (rare) characters while a line is tokenized; restored after
OPEN_ESC, CLOSE_ESC = "\u2045", "\u2046"
_RESTORE = str.maketrans({OPEN_ESC: "[", CLOSE_ESC: "]"})
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_EMPH_LINK = re.compile(r"(\*\*|__|\*|_)(\[[^\[\]]+\]\([^()\s]+\))\1")
_LEAD = re.compile(
    r"^\s*(?:"
    r"(?P<num>\**\[\d{1,4}\]\**(?![(\[]))"  # **[12]**, [3]
    r"|(?P<bullet>[•·▪◦►➤]+)"
    r"|(?P<date>[\[(](?:19|20)\d\d(?:[/.-]\d{1,2}){0,2}[\])])"  # [2023/10], (2019-01)
    r"|(?P<venue>(?:\[[^\[\]\u2045\u2046]{2,30}\]|\u2045[^\[\]\u2045\u2046]{2,30}\u2046)(?![(\[\]]))"  # [2024 TPAMI] (a venue or a nickname)
    r"|(?P<bold>\*\*[^*]{1,30}\*\*\s*[:：|-]?)"  # **ViT**: or **[R-CNN]**
    r")\s*"
)
_QUOTE = re.compile(r"[\"“”„]\s*(?P<title>[^\"“”„]{3,400}?)\s*[\"“”]")
_YEAR_END = re.compile(r"\b(?:19|20)\d\d[a-z]?[.,)]?\s*$")
_ET_AL = re.compile(r"\bet\s*al\b|等")
_LABEL_WORDS = {
    "pdf",
    "paper",
    "code",
    "github",
    "arxiv",
    "link",
    "html",
    "pub",
    "doi",
    "project",
    "slides",
    "video",
    "abs",
    "abstract",
    "official",
    "website",
    "page",
    "blog",
    "demo",
    "openreview",
    "poster",
    "talk",
    "supp",
    "supplementary",
    "bibtex",
    "citation",
    "pytorch",
    "tensorflow",
    "torch",
    "caffe",
    "keras",
    "jax",
    "mxnet",
    "unofficial",
    "preprint",
    "biorxiv",
    "web",
    "interface",
    "server",
    "supplement",
    "data",
    "dataset",
}
# a label's last word ("Nature Genetics paper", "bioRxiv preprint"); "video", "data" and the
# like end real titles too ("Learning from Video"), so they label only on their own
_LAST_LABEL_WORDS = {
    "paper",
    "pdf",
    "code",
    "preprint",
    "page",
    "website",
    "slides",
    "poster",
    "link",
    "html",
    "bibtex",
    "github",
    "arxiv",
    "openreview",
    "doi",
    "pub",
}
_ID_TEXT = re.compile(r"^(?:arxiv\s*[:：]?\s*)?(?:\d{4}\.\d{4,5}|[a-z-]+/\d{7})(?:v\d+)?$", re.I)


def restore(text: str) -> str:
    """Escaped brackets back as the user wrote them (without the backslash)."""
    return text.translate(_RESTORE)


class _InlineHtml(HTMLParser):
    """An inline HTML fragment as Markdown text: links kept, images dropped, breaks as `` | ``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            self.href.append(href)
            if href:
                self.out.append("[")
        elif tag == "br" or tag in ("p", "div", "li", "tr"):
            self.out.append(" <br> ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.out.append(" <br> ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            href = self.href.pop()
            if href:
                self.out.append(f"]({href})")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def _html_to_markdown(text: str) -> str:
    reader = _InlineHtml()
    try:
        reader.feed(text)
        reader.close()
    except Exception:  # lenient by design; a broken fragment keeps its text
        return _TAG.sub(" ", text)
    return "".join(reader.out)


def normalise_inline(text: str) -> str:
    """See the module docstring. ``<br>`` is kept as the separator ``<br>`` (see :func:`split_breaks`)."""
    text = text.replace("\\[", OPEN_ESC).replace("\\]", CLOSE_ESC)
    if "<" in text and _TAG.search(text):
        text = _html_to_markdown(text)
    if "](" in text and ("*" in text or "_" in text):
        text = _EMPH_LINK.sub(r"\2", text)
    return text


def split_breaks(text: str) -> list[str]:
    """A table cell's parts between ``<br>`` breaks (non-empty, stripped)."""
    return [part.strip() for part in text.split("<br>") if part.strip()]


def strip_lead(text: str) -> tuple[str, dict]:
    """``**[12]** Smith, …`` -> (``Smith, …``, {}); ``[2023/10] **Title.**`` -> (…, {"date": "2023/10"});
    ``[2024 TPAMI] Title`` -> venue; ``**ViT**: "…"`` / ``[R-CNN] Title`` -> alias."""
    found: dict = {}
    for _ in range(4):
        m = _LEAD.match(text)
        rest = text[m.end() :] if m else ""
        if not m or len(rest.split()) < 2:
            break
        if m.group("date"):
            found.setdefault("date", m.group("date")[1:-1])
        elif m.group("venue"):
            inner = restore(m.group("venue"))[1:-1].strip()
            venue = _venue_words(inner)
            if venue is not None:
                found.setdefault("venue", venue)
            elif len(inner.split()) > 3:
                break  # "[Scaling laws for …] …": a bracketed title, not a nickname
            else:
                found.setdefault("aliases", []).append(inner)
        elif m.group("bold"):
            inner = m.group("bold").strip(" :：|-*").strip("[]").strip()
            if len(inner.split()) > 3:
                break  # a bold title, not a nickname
            if inner and inner not in ("?", "-"):
                found.setdefault("aliases", []).append(inner)
        text = rest
    return text, found


def _venue_words(text: str):
    """``2024 TPAMI`` / ``TPAMI 2024`` / ``CVPR'19`` -> a Venue, else None."""
    words = text.replace("'", " ").split()
    years = [w for w in words if parse_year(w)]
    others = [w for w in words if not parse_year(w)]
    return match_venue(" ".join(others + years)) if others else None


def looks_like_authors(text: str) -> bool:
    """A list of author names (and maybe a year) rather than a title or prose."""
    s = re.sub(r"[*_]", "", text).strip(" ,.;:-–—")
    if not s or len(s) > 400:
        return False
    if _ET_AL.search(s) and len(s.split()) <= 40:
        return True
    if _YEAR_END.search(s) and ("," in s or "." in s):
        return True
    names = [n.strip() for n in re.split(r",|\band\b|&|;", s) if n.strip()]
    if len(names) >= 2 and all(_is_name(n) for n in names):
        return sum(len(n.split()) for n in names) / len(names) <= 3.2
    return False


def _is_name(text: str) -> bool:
    """``Geoffrey E. Hinton``, ``Hinton, G.`` parts, ``J. Zico Kolter``: capitalised words only."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(
        w[0].isupper() or w in ("van", "von", "de", "der", "da", "di", "le") for w in words
    )


def quoted_title(text: str) -> tuple[str, str, str] | None:
    """(before, title, after) when a quoted span is this line's title (module docstring)."""
    if not any(q in text for q in '"“'):
        return None
    m = _QUOTE.search(text)
    if not m:
        return None
    title = m.group("title").strip()
    words = re.sub(r"[*_]", "", title).strip(" .,").split()
    if len(words) < 2 and not (len(words) == 1 and len(words[0]) > 3 and words[0][0].isupper()):
        return None
    before, after = text[: m.start()], text[m.end() :]
    if "](" in before or "http" in before:
        return None  # a quote after a linked title is a note
    plain = re.sub(r"[*_]", "", before).strip(" ,.:;-–—")
    if plain and not looks_like_authors(plain) and len(plain.split()) > 2:
        return None
    return before, title.rstrip(" ,.").strip("*_ ").rstrip(" ,."), after


# one GB/T author: surname (particles allowed: "Van den Oord") then initials: "Van den Oord A"
_GBT_NAME = r"[A-Z][\w'’-]+(?: (?:[a-z]{1,3}|[A-Z][\w'’-]+))*? [A-Z]{1,3}(?: [A-Z]{1,2})*"
_GBT_MARK = re.compile(r"\[(?:J|C|M|D|R|A|Z|P|S|N|EB/OL|J/OL|C/OL)\]")
# GB/T 7714: "Deng J, Dong W, Socher R, et al. Imagenet: A large-scale …[C]//Venue, 2009."
_GBT = re.compile(
    rf"^(?P<authors>(?:{_GBT_NAME}, )*{_GBT_NAME}(?:, et al)?)\.\s+"
    r"(?P<title>[^\[\]]{3,400}?)\s*\[(?:J|C|M|D|R|A|Z|P|S|N|EB/OL|J/OL|C/OL)\]"
)


def gbt_title(text: str) -> tuple[str, str, str] | None:
    """(authors, title, after) of a GB/T 7714 reference, else None."""
    if len(text) > 1000 or not _GBT_MARK.search(text):
        return None
    m = _GBT.match(text.strip())
    if not m:
        return None
    return m.group("authors"), m.group("title").strip(" ."), text.strip()[m.end() :]


def is_label(text: str) -> bool:
    """Link text that labels the link (module docstring), not a title."""
    s = restore(text).strip(" []*`\\")
    if not s:
        return True
    if _ID_TEXT.match(s):
        return True
    low = s.lower()
    words = [w for w in (re.sub(r"[^\w]+", "", w) for w in low.split()) if w]
    if (
        words
        and len(s.split()) <= 5
        and (
            (words[-1] in _LAST_LABEL_WORDS and len(words) <= 3)
            or all(w in _LABEL_WORDS for w in words)
            or any(w in ("code", "pdf", "github", "slides", "bibtex") for w in words)
        )
    ):
        return True
    return _venue_words(s.replace("'", " ")) is not None and len(s.split()) <= 3
