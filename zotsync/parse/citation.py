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

from zotsync.parse.hints import Venue, match_venue, parse_year

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
    r"|(?P<label>\((?=[^()]*\s)[A-Z][^()]{2,30}\))"  # (Optional Reading), (GNN and WL)
    r")\s*"
)
_LINKED_VENUE = re.compile(
    r"^\s*\u2045(?P<a>[^\[\]\u2045\u2046]{0,20})\[(?P<name>[^\[\]]{1,30})\]\([^()\s]*\)"
    r"(?P<b>[^\[\]\u2045\u2046]{0,20})\u2046\s*"
)
_QUOTE = re.compile(r"[\"“”„]\s*(?P<title>[^\"“”„]{3,400}?)\s*[\"“”]")
_YEAR_END = re.compile(r"\b(?:19|20)\d\d[a-z]?[.,)]?\s*$")
_ET_AL = re.compile(r"\bet\s*al\b|等")
_LABEL_WORDS = {
    "pdf",
    "paper",
    "code",
    "github",
    "repo",
    "repository",
    "arxiv",
    "link",
    "card",  # Zenn's "@[card](url)": the page's embed of the link
    "embed",
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
_STRONG_LABEL_WORDS = {"code", "pdf", "github", "slides", "bibtex"}
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


# Angle brackets used as quotes around a title: "<[Title](url)> by …" (the link inside), and
# "<A class of rapidly converging algorithms> by …", which HTML would read as an <a> tag with
# four bare attributes; no tag is written that way (several bare words, no "=", quote or "/").
_ANGLED_LINK = re.compile(r"<(\[[^\[\]]*\]\([^()\s]*\))>")
_ANGLED_WORDS = re.compile(r"<([^<>=\"'/!?\s][^<>=\"'/\s]*(?:\s+[^<>=\"'/\s]+){2,})>")
_HTML_NAMES = frozenset(
    "a abbr b br center code details div em font h1 h2 h3 h4 h5 h6 i img kbd li ol p pre "
    "span strong sub summary sup table td th tr u ul".split()
)


def _angled(m: re.Match) -> str:
    words = m.group(1).split()
    if words[0].lower() in _HTML_NAMES and len(words) < 4:
        return m.group(0)  # "<img src alt>": a tag after all
    return f"“{m.group(1)}”"


def normalise_inline(text: str) -> str:
    """See the module docstring. ``<br>`` is kept as the separator ``<br>`` (see :func:`split_breaks`)."""
    text = text.replace("\\[", OPEN_ESC).replace("\\]", CLOSE_ESC)
    if "<" in text:
        text = _ANGLED_WORDS.sub(_angled, _ANGLED_LINK.sub(r"\1", text))
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
        linked = _LINKED_VENUE.match(text)  # "\\[2019 [RA-L](…)\\] Title": the venue links its page
        if linked and len(text[linked.end() :].split()) >= 2:
            venue = _linked_venue(linked)
            if venue is not None:
                found.setdefault("venue", venue)
                text = text[linked.end() :]
                continue
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
        elif m.group("label"):  # a word or two about the item, before its citation
            found.setdefault("notes", []).append(m.group("label")[1:-1].strip())
        elif m.group("bold"):
            inner = m.group("bold").strip(" :：|-*").strip("[]").strip()
            if len(inner.split()) > 3 or rest.lstrip().startswith("("):
                break  # a bold title (its byline after it: "**Title** (Publisher, 2025)")
            if inner and inner not in ("?", "-"):
                found.setdefault("aliases", []).append(inner)
        text = rest
    return text, found


def _linked_venue(m: re.Match) -> Venue | None:
    """``\\[2019 [RA-L](…)\\]``: a known venue, or a short name linked to its page beside a year."""
    around = f"{m.group('a')} {m.group('b')}".split()
    venue = _venue_words(" ".join([*around, m.group("name")]))
    if venue is not None:
        return venue
    name, years = m.group("name").strip(), [parse_year(w) for w in around]
    if len(around) == 1 and years[0] and " " not in name and len(name) <= 15:
        return Venue(name=f"{name} {years[0]}", year=years[0], as_written=f"{name} {around[0]}")
    return None


def is_venue(text: str) -> bool:
    """``2023 ACL``, ``NeurIPS 2023``, ``CVPR'19``: a venue and a year, nothing else."""
    return len(text.split()) <= 4 and _venue_words(text.replace("'", " ")) is not None


def venue_of(text: str):
    """``CVPR' 19`` / ``2024 TPAMI`` -> its Venue, when the text is a venue and a year only."""
    return _venue_words(text.replace("'", " ")) if len(text.split()) <= 4 else None


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
    s = _AFFILIATION.sub("", s)  # "…, Jan Kautz (NVIDIA)": where they work, after the names
    names = [n.strip() for n in re.split(r",|\band\b|&|;", s) if n.strip()]
    if len(names) >= 2 and all(_is_name(n) for n in names):
        return sum(len(n.split()) for n in names) / len(names) <= 3.2
    return False


_AFFILIATION = re.compile(r"\s*\((?:[A-Z][\w&.-]*\s?){1,4}\)$")


def _is_name(text: str) -> bool:
    """``Geoffrey E. Hinton``, ``Hinton, G.`` parts, ``J. Zico Kolter``: capitalised words only
    (a quoted nickname, ``Jan "Honza" Cernocky``, is part of the name)."""
    words = [w for w in text.split() if not re.fullmatch(r"[\"“][^\"“”]+[\"”]", w)]
    return (
        1 <= len(words) <= 4
        and all(w[0].isupper() or w in _PARTICLES for w in words)
        and words[0] not in _NOT_NAMES
    )


# capitalised words that open titles, never names: "The Google File System (2003)"
_NOT_NAMES = {
    "The",
    "A",
    "An",
    "On",
    "In",
    "Of",
    "For",
    "To",
    "Towards",
    "Toward",
    "With",
    "From",
    "Is",
    "Are",
    "What",
    "How",
    "Why",
    "When",
    "Learning",
    "Deep",
    "Neural",
}


# surname particles: "Aaron van den Oord", "Cicero Nogueira dos Santos", "Ibn al Haytham"
_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "do",
    "dos",
    "du",
    "del",
    "della",
    "la",
    "le",
    "ter",
    "ten",
    "bin",
    "al",
    "y",
}


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
    if len(words) == 1 and re.match(r"\s+[A-Z]", after) and before[-1:].isspace():
        return None  # 'Jan "Honza" Cernocky': a nickname inside a name
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


_LABEL_NOISE = re.compile(r"[^\w]+|(?<=[a-z])\d+$")  # "github1" -> "github", "(PDF)" -> "pdf"
_JOINED_LABEL = re.compile(r"(?:paper|pdf)-[a-z]+\d*")


def is_label(text: str) -> bool:
    """Link text that labels the link (module docstring), not a title."""
    s = restore(text).strip(" []*`\\")
    if not s:
        return True
    if _ID_TEXT.match(s):
        return True
    low = s.lower()
    # "github1", "Paper-arXiv", "Paper-ICML": numbered labels, and a label joined to a venue
    words = [w for w in (_LABEL_NOISE.sub("", w) for w in low.split()) if w]
    if _JOINED_LABEL.fullmatch(low):
        return True
    if (
        words
        and len(s.split()) <= 5
        and (
            (words[-1] in _LAST_LABEL_WORDS and len(words) <= 3)
            # "Nature Reviews Genetics paper", "J Roy Soc interface paper": where to read it
            or (words[-1] in ("paper", "preprint") and len(words) <= 5)
            or all(w in _LABEL_WORDS for w in words)
            # "official code - torch", "PyTorch code": a label word among a few, or at an end;
            # "Competition-Level Code Generation with AlphaCode" is a title
            or (
                any(w in _STRONG_LABEL_WORDS for w in words)
                and (len(words) <= 3 or {words[0], words[-1]} & _STRONG_LABEL_WORDS)
            )
        )
    ):
        return True
    return len(s.split()) <= 3 and _venue_words(s.replace("'", " ")) is not None


# ---------------------------------------------------------------------------------------------
# Citations written without a link or quotes: where the title sits follows from the grammar
# around it, the same with or without a link on the title.

_EMPH_SPAN = re.compile(
    r"(?<![\\\w])(\*\*|__|\*|_)(?=[^\s*_])(?P<t>[^*_]{3,400}?)(?<=[^\s*_\\])\1(?![*_\w])"
)
_AUTHOR_YEAR = re.compile(
    r"^(?P<authors>[^()\[\]]{3,3000}?)(?:\s*\.\s+|\s+\()(?P<year>(?:19|20)\d\d)[a-z]?\)?\.?\s+"
    r'(?P<rest>[\w"“*_\[].*)$'
)
_TITLE_END = re.compile(
    r"(?<=[^\s.])\s?\.(?:\s+(?=[A-Z*_(\[“\"]|In\b)|\s*$)|(?<=[?!])\s+(?=[*_(\[]|In\b)"
)
_ARXIV_TEXT = re.compile(r"^arxiv\s*[:：]?\s*(?:\d{4}\.\d{4,5}|[a-z-]+/\d{7})", re.I)


def _title_words_ok(title: str) -> bool:
    words = re.sub(r"[*_]", "", title).strip(" .,").split()
    return len(words) >= 2 or (len(words) == 1 and len(words[0]) > 3 and words[0][0].isupper())


_ELLIPSIS = re.compile(r"(?:,\s*)?(?:\.\.\.|…)(?:\s*,)?")


def _authors_before(text: str, *, dated: bool = False) -> str | None:
    """``Sutskever, Vinyals, and Le. 2014.`` / ``McKeown et al.:`` before a title: the authors.
    ``dated``: a year follows the names (``Franz Josef Och. 2003.``), so names as people type
    them (``Jun xie``) count too."""
    text = _ELLIPSIS.sub(",", text)  # "Gomez, A. N., ... & Polosukhin, I.": names left out
    plain = re.sub(r"[*_]", "", text).strip(" ,.:;-–—")
    plain = re.sub(r"[.,]?\s*\(?(?:19|20)\d\d[a-z]?\)?$", "", plain).strip(" ,.:;")
    if not plain:
        return None
    return plain if looks_like_authors(plain) or _names_only(plain, loose=dated) else None


def names_before_title(text: str) -> bool:
    """``Zachary C. Lipton,`` before a linked title: full names (two words or more each), then
    a comma or full stop that separates them from the title."""
    s = text.strip()
    if not s.endswith((",", ".")):
        return False
    names = [n.strip() for n in re.split(r",|\band\b|&", s.rstrip(",. ")) if n.strip()]
    return _names_only(s.rstrip(",. ")) and all(len(n.split()) >= 2 for n in names)


def _names_only(text: str, *, loose: bool = False) -> bool:
    """``Franz Josef Och`` / ``Peter E. Brown, Stephen A. Della Pietra, and Robert L. Mercer``:
    nothing but names (each one to four capitalised words), before a year that ends them."""
    names = [n.strip() for n in re.split(r",|\band\b|&", text) if n.strip()]
    name = _loose_name if loose else _is_name_chunk
    return 1 <= len(names) <= 100 and all(name(n) for n in names)


def _loose_name(text: str) -> bool:
    """A name as people type it in an author list: ``Jun xie``, ``Lei Li``, ``Aaron van den Oord``
    (the first word capitalised, at most five words, no digits)."""
    words = text.split()
    return (
        1 <= len(words) <= 5
        and words[0][0].isupper()
        and words[0] not in _NOT_NAMES
        and not any(ch.isdigit() or ch in ":;!?" for ch in text)
        and sum(1 for w in words[1:] if w[0].islower() and w not in _PARTICLES) <= 1
    )


def _venue_like(chunk: str) -> bool:
    """The part of a citation after its title: ``Nature 2015``, ``ICML``, ``2015.``,
    ``arXiv:1506.00019``, ``Trans. on Signal Processing 1997``."""
    s = re.sub(r"[*_]", "", chunk).strip(" .;")
    if not s:
        return False
    if parse_year(s) or _ARXIV_TEXT.match(s) or match_venue(s) or _venue_words(s):
        return True
    if re.fullmatch(r"[A-Za-z]{2,12}'?(?:19|20)?\d\d", s):  # "OptML2019", "CVPR'17"
        return True
    words = s.split()
    return len(words) <= 8 and parse_year(words[-1]) is not None


def _name_list(text: str) -> bool:
    """``W. and Yan, F`` / ``Carl and Gupta, Abhinav and Efros``: pieces of a list of names
    (surnames, given names, initials) rather than a title."""
    parts = [p.strip() for p in re.split(r",|\band\b|&", text) if p.strip()]
    return (
        "," in text
        and len(parts) >= 2
        and all(_is_name(p) or re.fullmatch(r"(?:[A-Z]\.?\s*)+", p) for p in parts)
    )


def _is_name_chunk(chunk: str) -> bool:
    return _is_name(chunk) and not any(ch.isdigit() for ch in chunk)


_LAST_AUTHOR = re.compile(
    r", (and|&) ([A-Z][\w'’-]*(?: [A-Z][\w'’.-]*){1,3})(?<![\s.][A-Z])\.\s+(?=[A-Z\"“])"
)  # the full stop after a surname, not after an initial ("Christopher D. Manning")


def _close_author_list(text: str) -> str:
    """``A, B, and Hisashi Kashima.  Random features …`` -> ``A, B, and Hisashi Kashima, Random
    features …``: the full stop after the last author separates the names from the title as a
    comma would."""
    m = _LAST_AUTHOR.search(text)
    if m is None or not _is_name_chunk(m.group(2)):
        return text
    return f"{text[: m.start()]}, {m.group(1)} {m.group(2)}, {text[m.end() :]}"


_AND = re.compile(r"\s+(?:and|&)\s+")


def _comma_citation(text: str) -> tuple[str, str, str] | None:
    """``Yann LeCun, Yoshua Bengio, and Geoffrey Hinton, Deep Learning, Nature 2015``: names,
    then the title, then a venue or year. The names end at ``and Name`` or where a part stops
    being a name (``A Critical Review of …``); without a venue/year after it, no title."""
    chunks = _close_author_list(text).split(", ")
    if len(chunks) < 3 or len(chunks) > 60 or len(chunks[0].split()) < 2:
        return None  # "Wang, Xiaolong and Gupta, Abhinav": surname first, a BibTeX author list
    j, closed = 0, False
    while j < len(chunks) - 2 and not closed:
        chunk = chunks[j].strip()
        last = chunk.startswith(("and ", "& "))
        name = chunk.split(" ", 1)[1] if last else chunk
        pair = _AND.split(name) if not last else [name]
        if len(pair) == 2 and all(_is_name_chunk(p) for p in pair):
            last = True  # "Mike Schuster and Kuldip K. Paliwal, Title, Venue": two authors
        elif not _is_name_chunk(name):
            break
        closed = last
        j += 1
    if j == 0 or (not closed and _is_name_chunk(chunks[j])):
        return None
    k = next((k for k in range(j + 1, len(chunks)) if _venue_like(chunks[k])), None)
    if k is None:
        return None
    title = ", ".join(chunks[j:k]).strip()
    if not _title_words_ok(title) or _name_list(title) or title.startswith(("and ", "& ")):
        return None  # "…, Jure Leskovec, and Stefanie Jegelka, …": a name, not the title
    return ", ".join(chunks[:j]), title, ", " + ", ".join(chunks[k:])


def names_then_title(text: str) -> tuple[str, str] | None:
    """``Ziniu Hu, Yuxiao Dong, Kuansan Wang, Yizhou Sun, Heterogeneous Graph Transformer``: two
    full names or more (two to four capitalised words each, the last maybe after ``and``), then
    the title: (authors, title), else None. One name alone is not enough (``Deep Learning,
    …`` reads as a name), and the title must not read as names itself."""
    if ";" in text:
        return None  # "A B*, UC Berkeley; C D, University of …": authors with affiliations
    chunks = _close_author_list(text).split(", ")
    if len(chunks) < 3 or len(chunks) > 60:
        return None
    j, closed = 0, False
    while j < len(chunks) - 1 and not closed:
        chunk = chunks[j].strip()
        last = chunk.startswith(("and ", "& "))
        name = chunk.split(" ", 1)[1] if last else chunk
        if not (_is_name_chunk(name) and 2 <= len(name.split()) <= 4 and ":" not in name):
            break
        closed = last
        j += 1
    title = ", ".join(chunks[j:]).strip()
    if j < 2 or len(title.split()) < 3 or not _title_words_ok(title):
        return None
    if title.startswith(("and ", "& ")):
        return None  # "…, Orestis Plevrakis, and Nikunj Saunshi": names only
    if _name_list(title) or looks_like_authors(title) or _is_name_chunk(chunks[j].strip()):
        return None
    return ", ".join(chunks[:j]), title


_ROLE_LABEL = re.compile(
    r"(?:^|\s)(?:presenters?|presented by|(?:guest )?lecturers?|speakers?|discussants?|scribes?"
    r"|leads?|hosts?|moderators?|chairs?|instructors?|reviewers?|readers?)\s*[:：]\s*$",
    re.IGNORECASE,
)


def cited_title(text: str) -> tuple[str, str, str] | None:
    """(authors, title, after) of a citation written without a link or quotes, else None:

    * ``Schuster and Paliwal, *Bidirectional Recurrent Neural Networks*, Trans. …`` /
      ``McKeown et al.: **OpenFlow: …**, *ACM CCR*, 2008.``: an emphasised span right after
      the authors (and a year) is the title;
    * ``Brown, Della Pietra, and Mercer. 1993. The Mathematics of … Estimation. *Comp. Ling.*``
      (and ``Authors (1993). Title. Venue``): after the authors and the year, the title runs
      to the end of its sentence;
    * ``LeCun, Bengio, and Hinton, Deep Learning, Nature 2015``: see :func:`_comma_citation`.
    """
    if len(text) > 4000:
        return None
    m = _EMPH_SPAN.search(text)
    if m and _ROLE_LABEL.search(text[: m.start()]):
        return None  # "Presenters: **Shuwen Qiu**, …": who presents the paper, not its citation
    if m and m.start() > 0 and _authors_before(text[: m.start()]):
        title = m.group("t").strip(" ,.")
        if _title_words_ok(title) and not _venue_like(title) and not is_label(title):
            return _authors_before(text[: m.start()]) or "", title, text[m.end() :]
    m = _AUTHOR_YEAR.match(text.strip())
    if m and _authors_before(m.group("authors"), dated=True):
        rest = m.group("rest")
        end = _TITLE_END.search(rest)
        title = rest[: end.start()] if end else rest
        if _title_words_ok(title) and not title.startswith(("*", "_")):
            return m.group("authors").strip(" ,."), title.strip(), rest[end.end() :] if end else ""
    return _comma_citation(text.strip())


_SENTENCE_END = re.compile(
    r"(?<=[^\s.])(?<![\s.,][A-Z])\.\s+(?=[A-Z*_]|arXiv\b)|(?<=[?!])\s+(?=[A-Z*_]|arXiv\b)"
)
_ACRONYM_YEAR = re.compile(r"[A-Z][A-Z&-]{1,9}'?\s?(?:19|20)\d\d")  # "WWW 2020", "SIGMOD'19"
_IN_VENUE = re.compile(r"^In\s+(?:Proc(?:eedings|\.)?\s+(?:of\s+)?(?:the\s+)?)?(?P<venue>.+)$")
_ET_AL_LEAD = re.compile(
    r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s+\([^()]{1,80}\))?\s+et\s*al\b"
)  # "Jessy Lin et al.", "Felix Hill (University of Cambridge) et al."


def venue_tail(text: str) -> tuple[str, str] | None:
    """``Title. In *COLT 2016*.`` / ``Title. *NeurIPS 2022*.`` / ``Title. arXiv preprint`` /
    ``Title. Jessy Lin et al. ACL``: a title written out in full, then the rest of its citation
    (a venue, with or without ``In``, or an author list): (title, tail), else None. The title
    ends at the first full stop (not an initial's) after which the rest reads as a venue or as
    authors, so a title with a full stop of its own (``Q-learning. A survey``) stays whole."""
    if len(text) > 2000 or not re.search(r"[.?!]\s", text):
        return None
    for m in _SENTENCE_END.finditer(text):
        head, tail = text[: m.start() + (text[m.start()] in "?!")], text[m.end() :]
        first = re.sub(r"[*_]", "", tail).strip()
        sentence = re.split(r"(?<=[^\s.]{2})\.(?:\s|$)", first, maxsplit=1)[0].strip(" ./")
        inside = _IN_VENUE.match(sentence)
        if inside:
            venue_ok = _venue_like(inside.group("venue").strip(" ./"))
        else:
            venue_ok = bool(
                match_venue(sentence)
                or _venue_words(sentence)
                or re.match(r"arxiv preprint\b", sentence, re.I) is not None
                or _ET_AL_LEAD.match(first)
                or _ACRONYM_YEAR.fullmatch(sentence)
            )
        if not venue_ok:
            continue
        plain = re.sub(r"[*_]", "", head).strip()
        named = names_then_title(plain) is not None  # "A B, C D, Title. WWW 2020"
        if _title_words_ok(head) and not (
            _venue_like(plain) or _ET_AL.search(plain) or (looks_like_authors(plain) and not named)
        ):
            return head.strip(), tail.strip()
        return None
    return None


_DASH = re.compile(r"\s+[-–—]\s+")
# one token that names something (a repository, a tool): "awesome-japanese-llm", "llm_eval"
NAME_TOKEN = re.compile(r"^[A-Za-z][\w.]*[-_][\w.-]+$")
_YEAR_PAREN = re.compile(r"\s*\((?P<year>(?:19|20)\d\d)\)")
_PAREN_COLON = re.compile(r"^(?P<head>[^():]{3,300}\([^()]{1,60}\))\s*:\s+(?P<tail>\S.*)$")
_COLON_PROSE = re.compile(r"^(?P<head>.{3,300}?):\s+(?P<tail>(?:(?! [-–—] )[^:]){20,}\S)$")
_JOINER = re.compile(r"^\s*(?:,|;|and\b|&)\s*", re.I)


def is_description(text: str) -> bool:
    """What follows a title in ``Title - description`` / ``Title (1997): description``: a sentence
    (ends with ``.``/``!``/``?``, or is in sentence case), or a byline (``By Gary C. Kessler``).
    A Title-Case tail without a full stop (``- A Survey``) may be a subtitle, so it is not."""
    s = re.sub(r"[*_`]", "", text).strip()
    words = s.split()
    if not words or not any(ch.isalpha() for ch in s):
        return False
    if words[0][:1].islower() or words[0].lower() == "by":
        return True
    if s.endswith((".", "!", "?", "。")) and (len(words) >= 2 or s.endswith("...")):
        return True
    lower = sum(1 for w in words[1:] if w[:1].islower())
    return len(words) >= 4 and lower >= 0.6 * (len(words) - 1)


def _is_prose(text: str) -> bool:
    """A long sentence in sentence case ending with a full stop (a description, not a subtitle:
    ``BERT: Pre-training of deep bidirectional transformers`` has no full stop)."""
    words = text.split()
    lower = sum(1 for w in words[1:] if w[:1].islower())
    return len(words) >= 8 and text.rstrip().endswith(".") and lower >= 0.6 * (len(words) - 1)


def described_titles(text: str) -> tuple[list[tuple[str, int | None]], str] | None:
    """``Title (1997): description`` -> ([(Title, 1997)], description); ``A (1981) and The B
    (1990): description`` -> both titles; ``Title - description`` -> ([(Title, None)], …).
    None when the line is not a title followed by a description."""
    if len(text) > 2000:
        return None
    years = list(_YEAR_PAREN.finditer(text))
    if years:
        titles: list[tuple[str, int | None]] = []
        start = 0
        for m in years:
            piece = text[start : m.start()]
            if titles:
                joiner = _JOINER.match(piece)
                if not joiner:
                    break
                piece = piece[joiner.end() :]
            if not _title_words_ok(piece):
                break
            titles.append((piece.strip(), int(m.group("year"))))
            start = m.end()
        tail = text[start:]
        if titles and (not tail.strip() or tail.lstrip()[:1] in (":", "-", "–", "—", ",", ".")):
            tail = tail.strip().lstrip(":-–—,.").strip()
            if len(titles) > 1 or tail:
                return titles, tail
    m = _PAREN_COLON.match(text)  # "Readings in Database Systems (The Red Book): A compact …"
    if m and _title_words_ok(m.group("head")) and is_description(m.group("tail")):
        return [(m.group("head").strip(), None)], m.group("tail").strip()
    for m in reversed(list(_DASH.finditer(text))):  # "A - subtitle - Description." : the last
        head = text[: m.start()].strip()
        named = _title_words_ok(head) or NAME_TOKEN.match(head)
        if m.start() > 0 and named and is_description(text[m.end() :]):
            return [(text[: m.start()].strip(), None)], text[m.end() :].strip()
    m = _COLON_PROSE.match(text)  # "What Goes Around Comes Around: Stonebraker and … provide …."
    if m and len(m.group("head").split()) >= 3 and _is_prose(m.group("tail")):
        return [(m.group("head").strip(), None)], m.group("tail").strip()
    return None
