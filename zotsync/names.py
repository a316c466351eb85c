"""Person names: "Given Family" strings → BibTeX's First / von / Last / Jr parts.

Sources give full names in reading order (``"Laurens van der Maaten"``).
:func:`split_name` applies BibTeX's own rule for the ``First von Last`` form,
so the name BibTeX or biber would read back is the one we meant:

* the *last* token is always part of Last;
* the von part runs from the first lower-case token (not the first token) to
  the last lower-case token before Last: ``Jean de La Fontaine`` → First
  ``Jean``, von ``de``, Last ``La Fontaine``; ``Laurens van der Maaten`` → von
  ``van der``, Last ``Maaten``;
* a trailing ``Jr.``, ``Sr.``, ``II``, ``III``, ``IV`` is the Jr part;
* a name already written ``Family, Given`` is split on its comma(s);
* a name written only in CJK characters, without spaces (``张三``), is family-first:
  the first character is the family name. See :mod:`zotsync.bibtex.fields`
  for how each style prints it.

The family name *with* its particle (``van der Maaten``) is what citation keys
use (:func:`Name.key_part`), and what the Zotero sync should store as
``lastName`` so that Better BibTeX regenerates the same key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Name", "split_name", "is_cjk"]

_SUFFIX = re.compile(r"^(?:Jr\.?|Sr\.?|II|III|IV)$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def is_cjk(text: str) -> bool:
    """Whether ``text`` contains Chinese, Japanese or Korean characters."""
    return bool(_CJK.search(text))


@dataclass(frozen=True)
class Name:
    """One person's name in BibTeX's four parts (any part may be empty)."""

    first: str = ""
    von: str = ""
    last: str = ""
    jr: str = ""
    cjk: bool = False  # written in CJK characters, family name first

    @property
    def family(self) -> str:
        """Last name with its particle: ``van der Maaten``."""
        return f"{self.von} {self.last}".strip()

    def key_part(self) -> str:
        """The text citation-key formulas call ``auth``: the family name with particle."""
        return self.family

    def bibtex(self) -> str:
        """``von Last, Jr, First`` (the unambiguous form BibTeX and biber read)."""
        if not self.first and not self.jr:
            return self.family
        if self.jr:
            return f"{self.family}, {self.jr}, {self.first}"
        return f"{self.family}, {self.first}"


def _lower_start(token: str) -> bool:
    for ch in token:
        if ch.isalpha():
            return ch.islower()
    return False


def split_name(full: str) -> Name:
    """Split a full name as described in the module docstring."""
    text = " ".join(unicodedata.normalize("NFC", full).split())
    if not text:
        return Name()
    if "," in text:
        return _split_comma(text)
    if " " not in text and all(_CJK.match(ch) or ch in "·・" for ch in text):
        return Name(first=text[1:], last=text[:1], cjk=True)
    tokens = text.split(" ")
    jr = ""
    if len(tokens) > 2 and _SUFFIX.match(tokens[-1]):
        jr = tokens.pop()
    if len(tokens) == 1:
        return Name(last=tokens[0], jr=jr)
    lower = [i for i, tok in enumerate(tokens[:-1]) if i > 0 and _lower_start(tok)]
    if not lower:
        return Name(first=" ".join(tokens[:-1]), last=tokens[-1], jr=jr)
    start, end = lower[0], lower[-1]
    return Name(
        first=" ".join(tokens[:start]),
        von=" ".join(tokens[start : end + 1]),
        last=" ".join(tokens[end + 1 :]),
        jr=jr,
    )


def _split_comma(text: str) -> Name:
    parts = [p.strip() for p in text.split(",")]
    family, rest = parts[0], parts[1:]
    jr = rest[0] if len(rest) >= 2 else ""
    first = rest[-1] if rest else ""
    tokens = family.split(" ")
    lower = [i for i, tok in enumerate(tokens[:-1]) if _lower_start(tok)]
    if lower:
        end = lower[-1]
        return Name(
            first=first, von=" ".join(tokens[: end + 1]), last=" ".join(tokens[end + 1 :]), jr=jr
        )
    return Name(first=first, last=family, jr=jr)
