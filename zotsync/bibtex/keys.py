"""Citation keys: Better BibTeX's default formula, assigned once and never renamed.

The formula
===========
The default is BBT's own default, ``auth.lower + shorttitle(3,3) + year``:

* ``auth`` — the first author's family name *with* its particle
  (``van der Maaten``); ``.lower`` lower-cases it;
* ``shorttitle(n, m)`` — the first ``n`` title words after dropping BBT's
  skip words (:data:`SKIP_WORDS`: articles, prepositions, conjunctions in
  several languages), punctuation and one-letter words, with the first ``m``
  of them capitalised (existing capitals are kept). Hyphenated words are one
  word with the hyphen removed (``Actor-Critic`` → ``ActorCritic``); ``:`` and
  ``/`` separate words; math and LaTeX commands are reduced to their text;
* ``year`` — the year of the paper's first version (:mod:`zotsync.dates`).

The pieces are concatenated, folded to ASCII (``Vlček`` → ``Vlcek``, CJK
romanised), and whitespace plus characters that break ``\\cite`` are
removed. Example (from BBT's own test fixtures): Haarnoja et al. 2018, *Soft
Actor-Critic: Off-Policy Maximum Entropy Deep Reinforcement Learning with a
Stochastic Actor* → ``haarnojaSoftActorCriticOffPolicy2018``.

Other formulas may use ``auth(n,m)`` (first ``n`` characters of the ``m``-th
author), ``authorLast``, ``year``, ``shortyear``, ``shorttitle(n,m)``,
``veryshorttitle(n,m)``, ``title``, ``arxiv`` (the arXiv id), quoted literal
text (``'_'``), the filters ``.lower``, ``.upper``, ``.capitalize``,
``.substring(start,n)``, and ``|`` between alternatives (the first one that
yields a non-empty key wins). Configure it as ``[bib] key_format``.

Stability
=========
:func:`assign_keys` keeps every key already in the lock file, and gives new
keys only to usable resolutions that have none. A clash (case-insensitive,
because BibTeX keys are) with any key in use — including keys of entries no
longer listed and keys of foreign entries in a merged ``.bib`` — gets BBT's
suffix ``a``, ``b``, … ``z``, ``aa``, …. New keys are handed out in identity
order, so the result does not depend on the order of the list, and adding or
removing other entries never renames an existing key.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from anyascii import anyascii

from zotsync.dates import paper_date
from zotsync.errors import ConfigError
from zotsync.model import Paper, Resolution
from zotsync.names import is_cjk, split_name

__all__ = [
    "DEFAULT_FORMULA",
    "SKIP_WORDS",
    "assign_keys",
    "make_key",
    "title_words",
    "compile_formula",
    "paper_identity",
]

DEFAULT_FORMULA = "auth.lower + shorttitle(3,3) + year"

#: Better BibTeX's default ``skipWords`` preference, verbatim.
SKIP_WORDS = frozenset(
    "a,ab,aboard,about,above,across,after,against,al,along,amid,among,an,and,anti,around,as,at,before,"
    "behind,below,beneath,beside,besides,between,beyond,but,by,d,da,das,de,del,dell,dello,dei,degli,della,"
    "dell,delle,dem,den,der,des,despite,die,do,down,du,during,ein,eine,einem,einen,einer,eines,el,en,et,"
    "except,for,from,gli,i,il,in,inside,into,is,l,la,las,le,les,like,lo,los,near,nor,of,off,on,onto,or,"
    "over,past,per,plus,round,save,since,so,some,sur,than,the,through,to,toward,towards,un,una,unas,under,"
    "underneath,une,unlike,uno,unos,until,up,upon,versus,via,von,while,with,within,without,yet,zu,zum".split(
        ","
    )
)

# BBT's citekeyUnsafeChars plus what else breaks \cite{} in LaTeX.
_UNSAFE = re.compile(r"[\s\\\"#%'(),={}~$^&\[\]]")
_LATEX_CMD = re.compile(r"\\[A-Za-z]+\*?|\\.")


# --------------------------------------------------------------------------- title words


def _punct(ch: str) -> bool:
    return unicodedata.category(ch) in ("Pe", "Pf", "Pi", "Po", "Ps")


def _nopunct(word: str) -> str:
    """Drop punctuation; dashes join (``Off-Policy`` → ``OffPolicy``)."""
    return "".join(
        ch
        for ch in word
        if unicodedata.category(ch) != "Pd" and not _punct(ch) and ch not in "\u2500\uff0d\u2015"
    )


def _plain_title(title: str) -> str:
    """Title text as a reader sees it: no math delimiters, LaTeX commands or braces."""
    text = _LATEX_CMD.sub("", title)
    return re.sub(r"[${}\"^*_]", "", text)


def title_words(title: str, *, transliterate: bool = False) -> list[str]:
    """BBT's significant title words: skip words, punctuation and one-letter words removed."""
    text = re.sub(r"[/:]", " ", _plain_title(title))
    words = []
    for token in text.split():
        if token.lower() in SKIP_WORDS:
            continue
        word = _nopunct(token)
        if not word or (len(word) == 1 and not word.isdigit() and not is_cjk(word)):
            continue
        if transliterate:
            word = anyascii(word)
        if word and word.lower() not in SKIP_WORDS:
            words.append(word)
    return words


# --------------------------------------------------------------------------- formula


class _Ctx:
    """What a formula can read from one paper."""

    def __init__(self, paper: Paper):
        self.paper = paper
        self.names = [split_name(a) for a in paper.authors]
        self.date = paper_date(paper)


def _fn_auth(ctx: _Ctx, n: int = 0, m: int = 1) -> str:
    if len(ctx.names) < m or m < 1:
        return ""
    family = ctx.names[m - 1].key_part()
    if is_cjk(family):  # romanise first so that filters like .lower apply (张 -> zhang)
        family = anyascii(family)
    return family[:n] if n else family


def _fn_author_last(ctx: _Ctx) -> str:
    return ctx.names[-1].key_part() if ctx.names else ""


def _fn_shorttitle(ctx: _Ctx, n: int = 3, m: int = 0) -> str:
    words = title_words(ctx.paper.title, transliterate=m > 0)[:n]
    return " ".join(w[:1].upper() + w[1:] if i < m else w for i, w in enumerate(words))


def _fn_veryshorttitle(ctx: _Ctx, n: int = 1, m: int = 0) -> str:
    return _fn_shorttitle(ctx, n, m)


def _fn_title(ctx: _Ctx) -> str:
    return " ".join(title_words(ctx.paper.title))


def _fn_year(ctx: _Ctx) -> str:
    return str(ctx.date.year) if ctx.date.year else ""


def _fn_shortyear(ctx: _Ctx) -> str:
    return f"{ctx.date.year % 100:02d}" if ctx.date.year else ""


def _fn_arxiv(ctx: _Ctx) -> str:
    return ctx.paper.arxiv_id or ""


_FUNCTIONS: dict[str, Callable[..., str]] = {
    "auth": _fn_auth,
    "authorlast": _fn_author_last,
    "shorttitle": _fn_shorttitle,
    "veryshorttitle": _fn_veryshorttitle,
    "title": _fn_title,
    "year": _fn_year,
    "shortyear": _fn_shortyear,
    "arxiv": _fn_arxiv,
}
_FILTERS: dict[str, Callable[..., str]] = {
    "lower": lambda s: s.lower(),
    "upper": lambda s: s.upper(),
    "capitalize": lambda s: re.sub(r"(^|\s)([a-z])", lambda m: m.group(1) + m.group(2).upper(), s),
    "substring": lambda s, start=1, n=None: s[start - 1 : (start - 1 + n) if n else None],
}
_TERM = re.compile(
    r"""\s*(?:'([^']*)'|"([^"]*)"|([A-Za-z]+)(\([^)]*\))?((?:\.[A-Za-z]+(?:\([^)]*\))?)*))\s*$"""
)
_FILTER = re.compile(r"\.([A-Za-z]+)(\([^)]*\))?")

Term = Callable[[_Ctx], str]


def _args(text: str | None, where: str) -> list[int]:
    if not text or text == "()":
        return []
    try:
        return [int(a) for a in text[1:-1].split(",") if a.strip()]
    except ValueError:
        raise ConfigError(
            f"citation key formula: arguments of {where} must be numbers, not {text}"
        ) from None


def _compile_term(source: str) -> Term:
    m = _TERM.match(source)
    if not m:
        raise ConfigError(
            f"citation key formula: cannot read {source.strip()!r}",
            hint=f"use functions and filters like {DEFAULT_FORMULA!r}",
        )
    literal = m.group(1) if m.group(1) is not None else m.group(2)
    if literal is not None:
        return lambda ctx: literal
    name, raw_args, raw_filters = m.group(3), m.group(4), m.group(5)
    fn = _FUNCTIONS.get(name.lower())
    if fn is None:
        raise ConfigError(
            f"citation key formula: unknown function {name!r}",
            hint=f"known: {', '.join(sorted(_FUNCTIONS))}",
        )
    args = _args(raw_args, name)
    filters = []
    for fname, fargs in _FILTER.findall(raw_filters or ""):
        flt = _FILTERS.get(fname.lower())
        if flt is None:
            raise ConfigError(
                f"citation key formula: unknown filter .{fname}",
                hint=f"known: {', '.join(sorted(_FILTERS))}",
            )
        filters.append((flt, _args(fargs, fname)))

    def term(ctx: _Ctx) -> str:
        value = fn(ctx, *args)
        for flt, fa in filters:
            value = flt(value, *fa)
        return value

    return term


@functools.lru_cache(maxsize=16)
def compile_formula(formula: str) -> tuple[tuple[Term, ...], ...]:
    """Parse a formula into alternatives of terms; :class:`ConfigError` on a bad one."""
    alternatives = tuple(
        tuple(_compile_term(t) for t in alt.split("+")) for alt in formula.split("|")
    )
    if not alternatives or any(not alt for alt in alternatives):
        raise ConfigError(
            "citation key formula is empty", hint=f"the default is {DEFAULT_FORMULA!r}"
        )
    return alternatives


#: Characters a key may hold (names from outside must not put a backtick, ``@`` or ``|`` in it).
_NOT_KEY = re.compile(r"[^A-Za-z0-9_\-:.+/]")


def _finalise(raw: str) -> str:
    return _NOT_KEY.sub("", _UNSAFE.sub("", anyascii(unicodedata.normalize("NFC", raw))))


def make_key(paper: Paper, formula: str = DEFAULT_FORMULA) -> str:
    """The base key for ``paper`` (no clash suffix); ``""`` if every alternative is empty."""
    ctx = _Ctx(paper)
    for alternative in compile_formula(formula):
        key = _finalise("".join(term(ctx) for term in alternative))
        if key:
            return key
    return ""


# --------------------------------------------------------------------------- assignment


def _suffix(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (BBT's alphabetic disambiguator)."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _fallback_key(res: Resolution) -> str:
    """A key for a paper the formula yields nothing for (no authors, no title words, no year)."""
    return (
        _finalise("zotsync" + re.sub(r"[^A-Za-z0-9]", "", res.ident.split(":", 1)[-1]))[:40]
        or "zotsync"
    )


def paper_identity(res: Resolution) -> str:
    """What makes two resolutions the same paper: the paper's identifier, else the entry's ident."""
    paper = res.paper
    return paper.ident if paper is not None and paper.has_identifier else res.ident


def assign_keys(
    resolutions: Mapping[str, Resolution],
    formula: str = DEFAULT_FORMULA,
    *,
    reserved: Iterable[str] = (),
) -> dict[str, Resolution]:
    """Give every usable resolution without a citation key a new, unique one.

    Pure: returns a new mapping and never changes or renames an existing key.
    ``reserved`` names keys that are taken elsewhere (foreign entries of a
    ``.bib`` being merged). See the module docstring for the rules.
    """
    compile_formula(formula)  # fail early on a bad formula, even with nothing to assign
    taken = {r.citation_key.casefold() for r in resolutions.values() if r.citation_key}
    taken.update(k.casefold() for k in reserved)
    same_paper = {
        paper_identity(r): r.citation_key
        for r in resolutions.values()
        if r.citation_key and r.status.usable and r.paper is not None
    }
    out = dict(resolutions)
    for ident in sorted(resolutions):
        res = resolutions[ident]
        if res.citation_key or not res.status.usable or res.paper is None:
            continue
        key = same_paper.get(paper_identity(res))  # one paper listed under two identities: one key
        if key is None:
            base = make_key(res.paper, formula) or _fallback_key(res)
            key, n = base, 0
            while key.casefold() in taken:
                n += 1
                key = base + _suffix(n)
            taken.add(key.casefold())
            same_paper[paper_identity(res)] = key
        out[ident] = dataclasses.replace(res, citation_key=key)
    return out
