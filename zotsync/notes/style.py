"""How a reading list writes its notes, so pulled notes look like the user wrote them.

A list written with ``-`` bullets gets ``-`` bullets back; an awesome-list whose
notes live in ``( … )`` on the title line gets a single line back. The style is
read from the notes already in the list (:func:`detect_style`); a list without
notes gets :data:`DEFAULT_STYLE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class NoteStyle:
    """Markdown spelling choices for rendering a note.

    bullet:          ``*`` or ``-`` (or ``+``) for bullet list items.
    strong:          ``**`` or ``__`` around bold text.
    emphasis:        ``*`` or ``_`` around italic text.
    ordered_delim:   ``.`` or ``)`` after the number of a numbered item.
    indent:          extra indentation of nested list levels and continuation lines
                     (``None``: the width of the item marker, which CommonMark needs).
    headings:        ``"bold"`` renders a heading inside a note as a bold paragraph
                     (a ``#`` line in a note would be read as a *section* of the list);
                     ``"atx"`` keeps ``#`` headings (for notes files that are not lists).
    list_gap:        a blank line between a paragraph and the list that follows it
                     (``False``: the list starts on the next line, ``Key ideas:\n- a``).
    inline:          the note lives inside ``( … )`` on the entry's title line: render one
                     line, no newlines (see :mod:`zotsync.notes.html2md` for the rules).
    inline_joiner:   what joins paragraphs, list items and line breaks in inline mode.
                     After full-width punctuation (``。；！？：，``) nothing is added, so
                     Chinese sentences are not split by stray spaces.
    """

    bullet: str = "*"
    strong: str = "**"
    emphasis: str = "*"
    ordered_delim: str = "."
    indent: str | None = None
    headings: str = "bold"
    list_gap: bool = True
    inline: bool = False
    inline_joiner: str = " "

    def __post_init__(self) -> None:
        if self.bullet not in ("*", "-", "+"):
            raise ValueError(f"bullet must be '*', '-' or '+', not {self.bullet!r}")
        if self.strong not in ("**", "__"):
            raise ValueError(f"strong must be '**' or '__', not {self.strong!r}")
        if self.emphasis not in ("*", "_"):
            raise ValueError(f"emphasis must be '*' or '_', not {self.emphasis!r}")
        if self.ordered_delim not in (".", ")"):
            raise ValueError(f"ordered_delim must be '.' or ')', not {self.ordered_delim!r}")
        if self.headings not in ("bold", "atx"):
            raise ValueError(f"headings must be 'bold' or 'atx', not {self.headings!r}")
        if self.inline_joiner and ("\n" in self.inline_joiner or "\r" in self.inline_joiner):
            raise ValueError("inline_joiner must not contain a line break")

    def as_inline(self, joiner: str | None = None) -> NoteStyle:
        """The same spelling, rendered on one line (awesome-list parentheticals)."""
        return replace(
            self, inline=True, inline_joiner=self.inline_joiner if joiner is None else joiner
        )


#: What a list without any notes gets: the style of the seed Markdown notes.
DEFAULT_STYLE = NoteStyle()

#: The spelling used for content hashes: every list style normalises to this.
CANONICAL_STYLE = NoteStyle()

_BULLET_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[-*+])[ \t]+\S")
_ORDERED_LINE = re.compile(r"^[ \t]*\d{1,9}(?P<delim>[.)])[ \t]+\S")
_STRONG_UNDERSCORE = re.compile(r"(?<![\w_])__\S(?:.*?\S)?__(?![\w_])")
_STRONG_STAR = re.compile(r"\*\*\S(?:.*?\S)?\*\*")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_[^\s_](?:[^_]*?[^\s_])?_(?![\w_])")
_EM_STAR = re.compile(r"(?<![\w*])\*[^\s*](?:[^*]*?[^\s*])?\*(?![\w*])")
_THEMATIC = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def detect_style(notes: str, *, inline: bool = False) -> NoteStyle:
    """The style of existing notes (one entry's, or several joined by blank lines).

    Each choice is taken from the first place the notes show it; a choice the notes
    never show keeps its :data:`DEFAULT_STYLE` value.
    """
    bullet = strong = emphasis = delim = indent = list_gap = None
    previous = ""
    for line in notes.splitlines():
        if _THEMATIC.match(line):
            previous = line
            continue
        b = _BULLET_LINE.match(line)
        o = _ORDERED_LINE.match(line)
        if (b or o) and list_gap is None and previous.strip():
            if not (
                _BULLET_LINE.match(previous)
                or _ORDERED_LINE.match(previous)
                or previous[:1] in " \t"
            ):
                list_gap = False
        previous = line
        if b:
            bullet = bullet or b.group("mark")
            if b.group("indent") and indent is None:
                indent = b.group("indent")
        if o:
            delim = delim or o.group("delim")
        if strong is None:
            if _STRONG_UNDERSCORE.search(line):
                strong = "__"
            elif _STRONG_STAR.search(line):
                strong = "**"
        if emphasis is None:
            bare = _STRONG_STAR.sub("", _STRONG_UNDERSCORE.sub("", line))
            if _EM_UNDERSCORE.search(bare):
                emphasis = "_"
            elif _EM_STAR.search(bare) and not b:
                emphasis = "*"
    return NoteStyle(
        bullet=bullet or DEFAULT_STYLE.bullet,
        strong=strong or DEFAULT_STYLE.strong,
        emphasis=emphasis or DEFAULT_STYLE.emphasis,
        ordered_delim=delim or DEFAULT_STYLE.ordered_delim,
        indent=indent,
        list_gap=DEFAULT_STYLE.list_gap if list_gap is None else list_gap,
        inline=inline,
    )
