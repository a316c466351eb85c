"""Counted nouns in messages: ``1 entry``, ``2 entries``, never ``1 entries`` or ``1 file(s)``."""

from __future__ import annotations

_IRREGULAR = {
    "entry": "entries",
    "entries": "entries",
    "library": "libraries",
    "is": "are",
    "has": "have",
    "was": "were",
    "it": "they",
    "waits": "wait",
    "skips": "skip",
}


def plural(word: str) -> str:
    """The plural of a (lower-case, English) noun as zotsync's messages use it."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    head, _, last = word.rpartition(" ")
    if head:  # "citation key" -> "citation keys", "new citation key" -> ...
        return f"{head} {plural(last)}"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def noun(n: int, word: str) -> str:
    """``word`` or its plural, for ``n`` things."""
    return word if n == 1 else plural(word)


def count(n: int, word: str) -> str:
    """``'1 entry'``, ``'3 entries'``, ``'0 files'``."""
    return f"{n} {noun(n, word)}"
