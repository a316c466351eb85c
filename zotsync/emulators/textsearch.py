"""A small English text analyzer, close to Elasticsearch's ``english`` analyzer.

The arXiv search service indexes titles and abstracts with ES's ``english`` analyzer:

1. the *standard* tokenizer (Unicode word boundaries, UAX #29): hyphens, slashes,
   brackets, ``$``, ``^``, ``*`` ... split words; letters joined by an apostrophe, a full
   stop or a colon stay one token (``e.g``, ``don't``), and so do digits joined by ``.``
   or ``,`` (``3.5``, ``1,000``); letters, digits and ``_`` run together (``gpt4``);
2. a possessive filter that drops a trailing ``'s``;
3. lower-casing (no accent folding: ``Schrödinger`` stays distinct from ``Schrodinger``);
4. the English stop-word set, *removed but leaving a gap in the positions*;
5. the (original) Porter stemmer.

:func:`analyze` returns the token stream as ``(position, term)`` pairs, so phrase
matching can honour stop-word gaps: ``"Attention Is All You Need"`` becomes
``[(0, "attent"), (2, "all"), (3, "you"), (4, "need")]`` and a stop word in a query
phrase acts as a one-position wildcard. :func:`phrase_positions` finds a phrase as a
contiguous sub-sequence of a document's stream, which is how ES matches
``ti:"..."``. The module is pure (no I/O) and shared by the paper-service emulators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = ["STOP_WORDS", "tokenize", "analyze", "porter_stem", "phrase_positions", "Token"]

#: Lucene's English stop-word set (the ``_english_`` set of ES).
STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with".split()
)

Token = tuple[int, str]  # (position, term)

# A word: runs of letters/digits/marks/underscore, joined by one "mid" character when
# letters (or digits) sit on both sides. Approximates UAX #29 for Latin-script text.
_WORD = re.compile(
    r"""
    (?:[^\W_]|_)+                        # letters, digits, underscore
    (?:
        (?<=[^\W\d_])['’.:](?=[^\W\d_])  # letter MID letter   (don't, e.g, U.S)
        (?:[^\W_]|_)+
      | (?<=\d)[.,'](?=\d)                # digit MID digit      (3.5, 1,000)
        (?:[^\W_]|_)+
    )*
    """,
    re.VERBOSE,
)
_POSSESSIVE = re.compile(r"['’][sS]$")


def tokenize(text: str) -> list[str]:
    """Split ``text`` into standard-tokenizer words (original case, no filtering)."""
    return _WORD.findall(text)


def analyze(text: str, *, stem: bool = True, stop: bool = True) -> list[Token]:
    """The analyzed token stream of ``text``: ``(position, term)``, stop words leave gaps.

    ``stem=False`` and ``stop=False`` give the plainer streams other fields use
    (e.g. an author name is lower-cased words only).
    """
    tokens: list[Token] = []
    for position, word in enumerate(tokenize(text)):
        term = _POSSESSIVE.sub("", word).lower()
        if not term or (stop and term in STOP_WORDS):
            continue
        tokens.append((position, porter_stem(term) if stem else term))
    return tokens


def phrase_positions(phrase: Sequence[Token], document: Sequence[Token]) -> list[int]:
    """Start positions in ``document`` where ``phrase`` occurs with the same relative offsets.

    Positions not named by the phrase (its stop-word gaps) may hold anything, which is
    Lucene's phrase-query behaviour after stop-word removal. An empty phrase matches nowhere.
    """
    if not phrase:
        return []
    first = phrase[0][0]
    offsets = [(pos - first, term) for pos, term in phrase]
    at: dict[int, str] = dict(document)
    return [
        start
        for start, term in document
        if term == offsets[0][1] and all(at.get(start + off) == t for off, t in offsets[1:])
    ]


# --------------------------------------------------------------------------- Porter stemmer
#
# M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980, with the two
# departures of Porter's own reference implementation that Lucene's PorterStemmer keeps
# ("bli" -> "ble" in step 2 instead of "abli" -> "able", and "logi" -> "log").

_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """m in [C](VC)^m[V]: the number of vowel-consonant sequences of ``stem``."""
    m, prev_vowel = 0, False
    for i in range(len(stem)):
        vowel = not _is_consonant(stem, i)
        if prev_vowel and not vowel:
            m += 1
        prev_vowel = vowel
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y (e.g. -hop, -fil)."""
    if len(word) < 3:
        return False
    i = len(word) - 1
    return (
        _is_consonant(word, i)
        and not _is_consonant(word, i - 1)
        and _is_consonant(word, i - 2)
        and word[i] not in "wxy"
    )


def _replace(word: str, rules: Iterable[tuple[str, str]], min_m: int) -> str:
    """Apply the first rule whose suffix ends ``word`` (only if the stem's m > ``min_m``)."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + replacement if _measure(stem) > min_m else word
    return word


def _step1ab(w: str) -> str:
    if w.endswith("sses") or w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if w.endswith("eed"):
        return w[:-1] if _measure(w[:-3]) > 0 else w
    for suffix in ("ed", "ing"):
        if w.endswith(suffix) and _has_vowel(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if w.endswith(("at", "bl", "iz")):
                return w + "e"
            if _double_consonant(w) and w[-1] not in "lsz":
                return w[:-1]
            if _measure(w) == 1 and _cvc(w):
                return w + "e"
            return w
    return w


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


def _longest_first(rules):
    return tuple(sorted(rules, key=lambda r: -len(r[0] if isinstance(r, tuple) else r)))


_STEP2, _STEP3 = _longest_first(_STEP2), _longest_first(_STEP3)
_STEP4 = _longest_first(_STEP4)


def _step4(w: str) -> str:
    for suffix in _STEP4:
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if suffix == "ion" and not stem.endswith(("s", "t")):
                return w
            return stem if _measure(stem) > 1 else w
    return w


def _step5(w: str) -> str:
    if w.endswith("e"):
        stem = w[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _cvc(stem)):
            w = stem
    if w.endswith("ll") and _measure(w) > 1:
        w = w[:-1]
    return w


@lru_cache(maxsize=65536)
def porter_stem(word: str) -> str:
    """The Porter stem of a lower-case word: ``networks`` → ``network``, ``training`` → ``train``.

    Words of one or two letters, and words with characters outside a-z, pass through
    unchanged except for the steps that only look at ASCII suffixes.
    """
    if len(word) <= 2:
        return word
    w = _step1ab(word)
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    w = _replace(w, _STEP2, 0)
    w = _replace(w, _STEP3, 0)
    w = _step4(w)
    return _step5(w)
