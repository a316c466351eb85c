"""Text -> numbered lines, and the line-level shapes every dialect needs.

Line numbers are 1-based and count ``\\n`` line breaks (a ``\\r\\n`` ending is one
break; a file that uses bare ``\\r`` throughout is split on ``\\r``), so they match
what an editor shows and what ``zotsync pull`` later rewrites.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_LINE = 20_000  # longer lines are never taken as titles (keeps every pass linear)

_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+|(?=[^#\s]))(?P<text>.*)$")
_LIST = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[*+\-]|\d{1,4}[.)])(?:[ \t]+|$)")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"^ {0,3}(?:(?P<h1>={3,})|-{3,})[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_PROSE_START = re.compile(
    r"^(?:I|You|We|They|He|She|It|This|These|That|Those|There|Here|Our|My|Your|If|When|Please|Note|See|Check|Thanks?|Provided|Maintained|Written|Compiled|Created|Updated|Last)\b[^:]*\s\w+\s",
)
_PERSONAL = re.compile(r"\s(?:I|I'm|I've|we|We|you|my|our|me|us)\s")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_SENTENCE_BREAK = re.compile(r"[.!?。！？](?:\s+|$)")
# one word that names a part of a document or of a list, never a paper: "Intro.", "Overview"
GENERIC_WORDS = frozenset(
    """abstract about acknowledgements acknowledgments agenda appendix applications background
    basics bibliography blogs books citation citations code conclusion conclusions contact contents
    contributing courses datasets discussion examples experiments extras faq further general
    glossary index intro introduction license links misc miscellaneous motivation news notes
    optional others outline overview papers preface preliminaries readings recommended references
    related resources results slides summary surveys todo tools tutorials updates videos""".split()
)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    text: str  # without the line break

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_EOL_LF = re.compile(r"\r?\n")
_EOL_CR = re.compile(r"\r")


def eol_pattern(text: str) -> re.Pattern[str]:
    """How ``text`` breaks lines: ``\\n``/``\\r\\n``, or bare ``\\r`` in a file without ``\\n``
    (the rule :func:`split_lines` follows)."""
    return _EOL_LF if "\n" in text else _EOL_CR


def split_lines(text: str) -> list[Line]:
    """Numbered lines; a final line break does not start an extra line."""
    if "\n" not in text and "\r" in text:
        parts = text.split("\r")
    else:
        parts = [p[:-1] if p.endswith("\r") else p for p in text.split("\n")]
    if parts and parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if parts == [""]:
        return []
    return [Line(i, p) for i, p in enumerate(parts, start=1)]


def heading(text: str) -> tuple[int, str] | None:
    """``#### RM`` -> (4, "RM"); None for non-headings (``#hashtag`` needs two ``#`` to count)."""
    m = _HEADING.match(text) if len(text) <= MAX_LINE else None
    if not m:
        return None
    level, body = len(m.group("hashes")), m.group("text").rstrip()
    unclosed = body.rstrip("#")
    if unclosed != body and unclosed[-1:] in (
        " ",
        "\t",
    ):  # "## Title ##": closing hashes are decoration
        body = unclosed
    body = body.strip()
    if not body or (level == 1 and not text.lstrip().startswith("# ")):
        return None
    return level, body


def find_headings(lines: list[Line]) -> dict[int, tuple[int, str]]:
    """Index in ``lines`` -> (level, text) for every heading: ATX (``## T``) and setext
    (a plain line underlined with ``===`` for level 1 or ``---`` for level 2, as CommonMark
    reads it). Lines inside fenced code are not headings."""
    found: dict[int, tuple[int, str]] = {}
    in_fence = False
    for i, line in enumerate(lines):
        if is_fence(line.text):
            in_fence = not in_fence
        if in_fence or line.blank:
            continue
        atx = heading(line.text)
        if atx:
            found[i] = atx
        elif (
            i + 1 < len(lines)
            and (m := _SETEXT.match(lines[i + 1].text))
            and _can_be_setext(line.text)
        ):
            found[i] = (1 if m.group("h1") else 2, line.text.strip())
    return found


def _can_be_setext(text: str) -> bool:
    return not (
        _LIST.match(text)
        or is_rule(text)
        or is_table_row(text)
        or is_fence(text)
        or text.startswith("    ")
    )


def strip_list_marker(text: str) -> tuple[int, str, str]:
    """``"  2. arXiv [T](u)"`` -> (indent 2, marker "2.", content "arXiv [T](u)")."""
    m = _LIST.match(text)
    if not m:
        stripped = text.lstrip(" \t")
        return len(text) - len(stripped), "", stripped.rstrip()
    indent = len(m.group("indent").expandtabs(4))
    return indent, m.group("marker"), text[m.end() :].strip()


def is_rule(text: str) -> bool:
    """A thematic break (``---``, ``***``): structure only, carries no words."""
    return bool(_RULE.match(text))


def is_fence(text: str) -> bool:
    return bool(_FENCE.match(text))


def is_table_row(text: str) -> bool:
    s = text.strip()
    return s.startswith("|") and s.count("|") >= 2


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among the letters of ``text`` (0 for no letters)."""
    if text.isascii():
        return 0.0
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    cjk = sum(
        1
        for ch in letters
        if unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
    )
    return cjk / len(letters)


def _sentence_case(text: str, min_words: int) -> bool:
    """At least ``min_words`` words, and seven in ten after the first in lower case."""
    words = text.split()
    lower = sum(1 for w in words[1:] if w[:1].islower())
    return len(words) >= min_words and lower >= 0.7 * (len(words) - 1)


def is_paragraph_prose(text: str) -> bool:
    """Sentences of prose (25 words or more, two sentence breaks or more): never a title, even
    when a paper's link sits somewhere in it."""
    return len(text.split()) >= 25 and len(_SENTENCE_BREAK.findall(text)) >= 2


def is_generic_word(text: str) -> bool:
    """``Intro.``, ``Overview``, ``References:``: one word of :data:`GENERIC_WORDS`; or page
    navigation (``Back to Overview``, ``[back to top]``, ``↑ Top``)."""
    word = text.strip().strip(".:：!*_#[]()↑⬆️ ").strip()
    return (" " not in word and word.lower() in GENERIC_WORDS) or is_navigation(word)


def is_navigation(text: str) -> bool:
    """``Back to Overview``, ``[back to top]``, ``↑ Top``: a link within the page, never a paper."""
    return bool(_NAVIGATION.match(text.strip().strip(".:：!*_#[]()↑⬆️ ").strip()))


_NAVIGATION = re.compile(
    r"^(?:(?:back|return|go|jump|scroll)\s+(?:up\s+|back\s+)?to\s+(?:the\s+)?"
    r"(?:top|overview|contents|table of contents|toc|index|home|menu|start|list)|top)$",
    re.IGNORECASE,
)


def looks_like_title(text: str) -> bool:
    """Could this plain line be a paper title (rather than a sentence of notes)?

    A title: 1–40 words, at most 300 characters, mostly non-CJK letters, starting with
    a capital or digit (or a ``name: Title`` head such as ``d1: Scaling …``), at most one
    sentence break (none if it ends with a period: two sentences are prose), not ending in
    ``:`` (a label like ``Notes:``), no e-mail address, not ``Field: 中文的值``, not one
    generic word (``Intro.``, ``Overview``: :func:`is_generic_word`).
    """
    s = text.strip()
    if not s or len(s) > 300 or len(s.split()) > 40 or s.endswith((":", "：")):
        return False
    if is_generic_word(s):
        return False
    if cjk_ratio(s) > 0.3 or sum(ch.isalpha() for ch in s) < 2:
        return False  # "7", "Q": a number or a letter is no title
    if _EMAIL.search(s):
        return False  # "Email: someone@example.org": contact details
    head, colon, rest = s.partition(": ")
    if colon and len(head.split()) <= 2 and cjk_ratio(rest) > 0 and len(rest.split()) <= 3:
        return False  # "LinkedIn: 王喆的LinkedIn": a field and its value
    first = next((ch for ch in s if ch.isalnum()), "")
    if not first:
        return False
    if not (
        first.isupper()
        or first.isdigit()
        or re.match(r"^\S{1,20}:\s+[A-Z]", s)
        or re.match(r"^[a-z]+[A-Z][\w-]*:\s+\w", s)  # "scPRINT: pre-training on …"
    ):
        return False
    if s.endswith((".", "!", "。", "！")) and _PROSE_START.match(s):
        return False  # "I would continue adding papers to this roadmap." is a sentence
    if _PROSE_START.match(s) and _sentence_case(s, 8):
        return False  # "This impressive review was written completely in the open on [Github](…)"
    words = s.rstrip(".!").split()
    if s.endswith(".") and _PERSONAL.search(s):
        return False  # "A list of papers I read, with notes." speaks to the reader
    if s.endswith((".", "!")) and len(words) >= 9 and ":" not in s:
        lower = sum(1 for w in words[1:] if w[:1].islower())
        if lower >= 0.7 * (len(words) - 1):
            return False  # a sentence in sentence case, ending with a period: prose
    breaks = len(_SENTENCE_BREAK.findall(s.rstrip(".!?。")))
    return breaks == 0 or (breaks == 1 and not s.endswith((".", "。")))
