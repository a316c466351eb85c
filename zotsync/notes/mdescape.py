"""Escaping plain note text so that it stays plain text when read back as Markdown.

The rule is *minimal* escaping: a character gets a backslash only where zotsync's
Markdown reading would otherwise turn it into markup — a bullet or number at the
start of a line, ``**bold**``/``*italic*`` pairs, a `` `code` `` pair, a
``[text](url)`` link, a ``#`` heading, a ``[x]: url`` definition, and — because
a note's text comes from Zotero, where anyone may have typed it — a ``<`` that would
open HTML, a comment or one of zotsync's own conflict markers (``<!--``), and an
``&`` that would spell an entity. Everything else stays exactly as typed:
``a < b``, ``2 * 3 * 4``, ``snake_case``, ``$L_a$``, ``C:\\path``, CJK
text. That keeps notes readable in the list and makes ``html2md(md2html(x)) == x``
hold for notes written without escapes (which is all of them in real lists).
"""

from __future__ import annotations

import re

_ASCII_PUNCT = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BACKSLASH = re.compile(rf"\\(?=[{_ASCII_PUNCT}])")
_SPECIAL = re.compile(r"[\\`\[*<&]")
#: ``<`` that a Markdown renderer would read as the start of raw HTML, a comment or an autolink.
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
#: ``&`` that would be read as an entity (``&lt;`` is a ``<`` once rendered).
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_REFERENCE_DEF = re.compile(r"^(?P<lead>[ \t]*)\[(?=[^\]\n]*\]:)")
_CODE_PAIR = re.compile(r"`[^`\n]+`")
_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)")
_STRONG = re.compile(r"\*\*(?=\S).+?\*\*")
_EM = re.compile(r"(?<![\w*\\])\*[^*\s][^*\n]*?\*(?![\w*])")
_LINE_START = re.compile(
    r"^(?P<lead>[ \t]*)(?:(?P<bullet>[-*+])(?=[ \t])|(?P<num>\d{1,9})(?P<delim>[.)])(?=[ \t])|(?P<hash>#{1,6})(?=[ \t]|$))"
)


def escape_inline(text: str) -> str:
    """Backslash-escape markup-looking runs inside one text run."""
    if not _SPECIAL.search(text):
        return text
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _TAG_OPEN.sub(r"\\<", text)  # text from Zotero never becomes HTML in the list
    text = _ENTITY.sub(r"\\&", text)
    text = _escape_matches(_CODE_PAIR, text, "`")
    text = _escape_matches(_LINK, text, "[")
    text = _escape_matches(_STRONG, text, "*")
    text = _escape_matches(_EM, text, "*")
    return text


def _escape_matches(pattern: re.Pattern[str], text: str, char: str) -> str:
    """Escape ``char`` at both ends of every match (only the opening for links)."""
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        chunk = m.group(0)
        if char == "[":
            chunk = "\\" + chunk
        else:
            chunk = chunk.replace(char, "\\" + char)
        out.append(text[pos : m.start()])
        out.append(chunk)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def escape_line_start(line: str) -> str:
    """Escape a leading bullet, number or ``#`` that would make a plain line a list item or heading."""
    line = _REFERENCE_DEF.sub(r"\g<lead>\\[", line)  # "[x]: javascript:…" defines no link
    m = _LINE_START.match(line)
    if not m:
        return line
    lead = m.group("lead")
    rest = line[m.end() :]
    if m.group("bullet"):
        return f"{lead}\\{m.group('bullet')}{rest}"
    if m.group("num"):
        return f"{lead}{m.group('num')}\\{m.group('delim')}{rest}"
    return f"{lead}\\{m.group('hash')}{rest}"


def code_span(text: str) -> str:
    """`` `text` `` with a fence longer than any backtick run inside."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link_target(href: str) -> str:
    """A URL safe inside ``( … )``: spaces and parentheses percent-encoded."""
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def balance_parens(text: str) -> str:
    """Escape parentheses that would end an awesome-list ``( … )`` note early or never close it."""
    out: list[str] = []
    opened: list[int] = []  # indexes in `out` of "(" not closed yet
    for ch in text:
        if ch == "(":
            opened.append(len(out))
        elif ch == ")":
            if not opened:
                out.append("\\)")
                continue
            opened.pop()
        out.append(ch)
    for index in opened:
        out[index] = "\\("
    return "".join(out)
