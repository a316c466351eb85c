"""Text → BibTeX field values: escaping, math, Unicode → LaTeX, brace protection.

A canonical title from arXiv is mostly plain Unicode text with occasional
inline math (``$Q^*$``) and, rarely, a LaTeX command (``\\"o``). BibTeX field
values are TeX, so three things must happen before a title is written:

1. **Math is kept.** ``$…$`` spans pass through untouched, except that a
   non-ASCII character inside math becomes LaTeX (``$α$`` → ``$\\alpha$``).
2. **Specials are escaped outside math**: ``& % # _`` become ``\\& \\% \\# \\_``;
   an unpaired ``$`` becomes ``\\$``; unbalanced or backslash-escaped braces become
   ``\\textbraceleft{}``/``\\textbraceright{}`` (BibTeX counts braces even after a
   backslash, so ``\\{`` would break the file); a
   backslash that does not start a LaTeX command becomes ``\\textbackslash{}``.
3. **Non-ASCII** (``--style bibtex`` only) becomes LaTeX: ``ö`` → ``{\\"o}``,
   ``–`` → ``{\\textendash}`` (pylatexenc's table). Characters with no LaTeX
   spelling pdflatex can print (CJK ideographs, for instance) are transliterated
   to ASCII (``张`` → ``Zhang``) and reported by the caller, because a
   pdflatex user cannot print them at all. ``--style biblatex`` keeps UTF-8
   (accented letters work with pdflatex; CJK needs xelatex or lualatex), except
   Greek letters and math symbols, which become ``\\ensuremath{\\alpha}`` so that
   every engine prints them.

**Metadata is untrusted text.** A title or a name from arXiv, Semantic Scholar or
Hugging Face must never run TeX: only a fixed set of harmless commands survives
(accents, special letters, text styles and symbols: :data:`TEXT_COMMANDS`); any
other command (``\\input``, ``\\write``, ``\\catcode``, ``\\def``, ``\\csname`` …)
becomes ``\\textbackslash{}`` and its name plain text. A ``$…$`` span stays math
only when it holds nothing but math (:data:`MATH_COMMANDS`, no ``^^`` character
codes, no ``%``, ``#`` or ``&``); otherwise the whole span is escaped as text.
Values written raw (DOI, URL, eprint class) go through :func:`inert_raw`. Control,
bidi-override and invisible characters (:func:`zotsync.untrusted.strip_unsafe`) are
dropped: they print nothing, and pylatexenc would spell some as commands (``\nolinebreak``).

Titles additionally get **brace protection** (:func:`protect_title`) so that
styles which lower-case titles keep ``{DART}``, ``{LLMs}``, ``{MoE}``,
``{MM1.5}``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii
from pylatexenc.latexencode import UnicodeToLatexEncoder

from zotsync.untrusted import strip_unsafe

__all__ = ["Converted", "convert_text", "protect_title", "split_math", "needs_protection"]

_ENCODER = UnicodeToLatexEncoder(
    non_ascii_only=True,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
_ESCAPE = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_"}

#: Control words a field value may keep outside math: they only print text.
TEXT_COMMANDS = frozenset(
    """
    u v H c d b k r t i j l L o O ss SS aa AA ae AE oe OE dh DH th TH ng NG dj DJ
    emph textbf textit textsc textsl texttt textrm textsf textup textmd textnormal
    textsuperscript textsubscript mbox
    textendash textemdash textbackslash textbraceleft textbraceright textasciitilde
    textasciicircum textquoteright textquoteleft textquotedblleft textquotedblright
    textquotesingle textquotedbl textregistered texttrademark textcopyright textdegree
    textbullet textellipsis textperiodcentered textdagger textdaggerdbl textsection
    textparagraph textless textgreater textbar textunderscore textdollar textsterling
    texteuro ldots dots S P dag ddag pounds copyright guillemotleft guillemotright
    LaTeX TeX BibTeX ensuremath relax
    """.split()
)
#: Control symbols a field value may keep: accents, escaped specials, spacing.
TEXT_SYMBOLS = frozenset("\"'`^~=.&%#_${},;:!/-@ ")
#: Control words a ``$…$`` span may use and stay math.
MATH_COMMANDS = frozenset(
    """
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu
    nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma
    Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega
    times cdot circ pm mp div ast star dagger bullet oplus ominus otimes odot wedge vee cap
    cup setminus leq le geq ge neq ne approx sim simeq cong equiv propto ll gg subset
    subseteq supset supseteq in notin ni mid parallel perp to rightarrow leftarrow
    Rightarrow Leftarrow leftrightarrow Leftrightarrow mapsto longrightarrow uparrow
    downarrow infty partial nabla forall exists neg lnot emptyset varnothing ell hbar
    imath jmath prime angle top bot ldots cdots dots vdots ddots sum prod coprod int iint
    oint lim liminf limsup log ln exp sin cos tan sinh cosh tanh arcsin arccos arctan max
    min arg det dim sup inf Pr deg gcd ker hom langle rangle lfloor rfloor lceil rceil
    lvert rvert lVert rVert vert Vert backslash sqrt frac dfrac tfrac binom hat bar tilde
    vec dot ddot breve check acute grave widehat widetilde overline underline overbrace
    underbrace mathcal mathbb mathbf mathrm mathit mathsf mathtt mathfrak mathscr
    boldsymbol bm text textrm textbf textit textsf texttt operatorname left right big Big
    bigg Bigg bigl bigr Bigl Bigr quad qquad displaystyle textstyle scriptstyle
    """.split()
)
_MATH_SYMBOLS = frozenset(",;:!{}|%#&_$ ")
# A control word (\emph) or a control symbol (\" \' \& \%), as LaTeX reads them.
_COMMAND = re.compile(r"\\(?:[A-Za-z]+|[^A-Za-z\s{}])")


@dataclass(frozen=True)
class Converted:
    """A field value ready for a .bib file, and whether anything had to be transliterated."""

    text: str
    transliterated: str = ""  # the characters that had no LaTeX spelling ("" if none)


def split_math(text: str) -> list[tuple[bool, str]]:
    """Split ``text`` into ``(is_math, chunk)`` pieces on paired, unescaped ``$`` signs.

    An unpaired trailing ``$``, and a ``$…$`` span whose braces do not pair up,
    stay in a text chunk (and are escaped later).
    """
    pieces: list[tuple[bool, str]] = []
    pos = 0
    pattern = re.compile(r"(?<!\\)\$(?:[^$\\]|\\.)+?(?<!\\)\$")
    for match in pattern.finditer(text):
        if not _balanced(match.group(0)):
            continue  # "${$" is not math a .bib can hold; it is escaped as text
        if match.start() > pos:
            pieces.append((False, text[pos : match.start()]))
        pieces.append((True, match.group(0)))
        pos = match.end()
    if pos < len(text):
        pieces.append((False, text[pos:]))
    return pieces


def _balanced(text: str) -> bool:
    """Whether braces pair up the way BibTeX counts them (a backslash does not escape one)."""
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _escape_specials(text: str) -> str:
    """Escape TeX specials in a non-math chunk, keeping LaTeX commands and balanced groups."""
    out: list[str] = []
    depth = _balanced_brace_mask(text)
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            m = _COMMAND.match(text, i)
            if m and _harmless_at(text, m, TEXT_COMMANDS, TEXT_SYMBOLS):
                out.append(m.group(0))
                i = m.end()
                continue
            if i + 1 < len(text) and text[i + 1] in "{}":
                # BibTeX counts braces even after a backslash: spell escaped braces out
                out.append(r"\textbraceleft{}" if text[i + 1] == "{" else r"\textbraceright{}")
                i += 2
                continue
            out.append(r"\textbackslash{}")
        elif ch in _ESCAPE:
            out.append(_ESCAPE[ch])
        elif ch == "$":
            out.append(r"\$")
        elif ch in "{}":
            out.append(
                ch if i in depth else (r"\textbraceleft{}" if ch == "{" else r"\textbraceright{}")
            )
        elif ch == "^":
            out.append(r"\^{}")
        elif ch == "~":
            out.append(r"\textasciitilde{}")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _harmless(name: str, words: frozenset[str], symbols: frozenset[str]) -> bool:
    """Whether the command ``\\name`` (a control word or symbol) is one that only prints."""
    return name in words if name[:1].isalpha() else name in symbols


def _harmless_at(
    text: str, m: re.Match[str], words: frozenset[str], symbols: frozenset[str]
) -> bool:
    """:func:`_harmless`, and still so where ``@`` is a letter (package code, some .bbl
    readers): there ``\\@@input`` and ``\\@input`` read files, so a command followed by
    ``@`` — or ``\\@`` followed by a letter — is never kept."""
    following = text[m.end() : m.end() + 1]
    if following == "@" or (m.group(0) == "\\@" and following.isalpha()):
        return False
    return _harmless(m.group(0)[1:], words, symbols)


def math_is_inert(math: str) -> bool:
    """Whether a ``$…$`` span holds only math: known commands, no ``^^`` codes, ``%``, ``#``, ``&``."""
    body = math[1:-1]
    if "^^" in body:
        return False
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            m = _COMMAND.match(body, i)
            if not m or not _harmless_at(body, m, MATH_COMMANDS, _MATH_SYMBOLS):
                return False
            i = m.end()
            continue
        if ch in "%#&":
            return False
        i += 1
    return True


def inert_raw(value: str) -> str:
    """A value written into a field as it is (DOI, URL, class): nothing in it can be TeX.

    Backslashes, braces, ``%`` and control characters are percent-encoded, which keeps
    a URL working and makes a forged value visible instead of active.
    """
    return re.sub(r"[\\{}%\x00-\x20\x7f]", lambda m: f"%{ord(m.group()):02X}", value.strip())


def _balanced_brace_mask(text: str) -> set[int]:
    """Positions of braces that pair up (escaped braces ignored); others must be escaped."""
    stack: list[int] = []
    paired: set[int] = set()
    for i, ch in enumerate(text):
        if ch in "{}" and i > 0 and text[i - 1] == "\\":
            continue
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            paired.update((stack.pop(), i))
    return paired


def _to_latex(text: str) -> Converted:
    """Non-ASCII → LaTeX; what pylatexenc cannot spell is transliterated to ASCII."""
    encoded = _ENCODER.unicode_to_latex(text)
    leftover = "".join(ch for ch in encoded if ord(ch) > 127)
    if not leftover:
        return Converted(encoded)
    pieces: list[str] = []
    previous_folded = False
    for ch in encoded:
        if ord(ch) <= 127:
            pieces.append(ch)
            previous_folded = False
            continue
        folded = _escape_specials(anyascii(ch))
        if folded and previous_folded:
            pieces.append(" ")  # 张三 -> "Zhang San", one syllable per ideograph
        pieces.append(folded)
        previous_folded = bool(folded)
    return Converted("".join(pieces), transliterated=leftover)


def _is_symbol(ch: str) -> bool:
    """Greek letters and math symbols: LaTeX spells them the same for every engine."""
    return "\u0370" <= ch <= "\u03ff" or unicodedata.category(ch) == "Sm"


def _symbols_to_latex(text: str) -> str:
    """For biblatex (UTF-8 kept): only Greek and math symbols become ``\\ensuremath{…}``."""
    out = []
    for ch in text:
        encoded = _ENCODER.unicode_to_latex(ch) if ord(ch) > 127 and _is_symbol(ch) else ch
        out.append(encoded if "ensuremath" in encoded else ch)
    return "".join(out)


def _math_to_latex(math: str) -> str:
    """Non-ASCII inside ``$…$`` for pdflatex: symbols as math (``α`` → ``\\alpha``), letters in ``\\mbox``."""
    out = []
    for ch in math:
        if ord(ch) <= 127:
            out.append(ch)
            continue
        encoded = _ENCODER.unicode_to_latex(ch)
        if ord(max(encoded)) > 127:
            encoded = _escape_specials(anyascii(ch))
        out.append(encoded if "ensuremath" in encoded else "\\mbox{" + encoded + "}")
    return "".join(out)


def convert_text(text: str, *, style: str = "bibtex") -> Converted:
    """A plain field value (title part, abstract, name) → TeX for the given style.

    Math spans pass through unchanged; everything else is escaped, and for
    ``style="bibtex"`` non-ASCII is converted to LaTeX (see module docstring).
    """
    text = strip_unsafe(unicodedata.normalize("NFC", text))
    parts: list[str] = []
    leftovers: list[str] = []
    for is_math, chunk in split_math(text):
        if is_math and math_is_inert(chunk):
            parts.append(_math_to_latex(chunk))
            continue
        escaped = _escape_specials(chunk)
        if style == "bibtex":
            conv = _to_latex(escaped)
            parts.append(conv.text)
            leftovers.append(conv.transliterated)
        else:
            parts.append(_symbols_to_latex(escaped))
    return Converted("".join(parts), "".join(leftovers))


# --------------------------------------------------------------------------- titles

_WORD_CORE = re.compile(r"^([\"'(\[]*)(.*?)([\"'),.:;!?\]]*)$", re.DOTALL)


def needs_protection(word: str) -> bool:
    """Whether a title word must keep its case in styles that lower-case titles.

    True for a capital after the first letter (``LLMs``, ``MoE``, ``iPhone``,
    ``Text-to-Image``), for two or more capitals (``DART``, ``CLIP``) and for
    letters mixed with digits (``MM1.5``, ``GPT-4``, ``3D``). A plain
    capitalised word (``Diffusion``) is left alone.
    """
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return False
    if any(ch.isupper() for ch in letters[1:]):
        return True
    return any(ch.isdigit() for ch in word) and any(ch.isupper() for ch in letters)


def protect_title(title: str, *, style: str = "bibtex") -> Converted:
    """A canonical title → a brace-protected, escaped TeX title.

    Words are protected whole, without their surrounding punctuation:
    ``DART: A Scalable …`` → ``{DART}: A Scalable …``. Math spans are kept as
    they are (math is never re-cased). Words that already contain braces or
    LaTeX commands are left to the author of the title.
    """
    title = unicodedata.normalize("NFC", " ".join(title.split()))
    out: list[str] = []
    leftovers: list[str] = []
    for is_math, chunk in split_math(title):
        if is_math and math_is_inert(chunk):
            out.append(_math_to_latex(chunk))
            continue
        for token in re.split(r"(\s+)", chunk):
            if not token or token.isspace():
                out.append(token)
                continue
            lead, core, trail = _WORD_CORE.match(token).groups()
            guarded = "{" in core or "\\" in core
            protect = not guarded and needs_protection(core)
            pieces = [convert_text(p, style=style) for p in (lead, core, trail)]
            leftovers.extend(p.transliterated for p in pieces)
            core_tex = pieces[1].text
            out.append(
                pieces[0].text + ("{" + core_tex + "}" if protect else core_tex) + pieces[2].text
            )
    return Converted("".join(out), "".join(leftovers))
