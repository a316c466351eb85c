"""Characters that must never pass a trust boundary raw.

Text from outside (Zotero notes, arXiv / Semantic Scholar / Hugging Face
metadata) can carry characters that act instead of being read: terminal escape
sequences (ESC, CSI and the other C0/C1 controls), bidirectional overrides and
isolates that make text display in another order than it is stored (the
"Trojan Source" trick), and invisible characters that hide what a word is.

* :func:`terminal_safe`: for anything printed — each such character, and any character
  of the private-use block zotsync's colour marks use (:data:`MARK_BLOCK`), becomes a
  visible ``\\uXXXX`` (which inside a JSON string is the same character again, so
  ``--json`` output keeps its values);
* :func:`strip_unsafe`: for text written into the user's files — such
  characters are removed (zero-width joiners, which scripts and emoji need, stay).
"""

from __future__ import annotations

import re

#: C0 controls except tab, newline and carriage return; DEL; the C1 controls (CSI is U+009B).
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
#: Bidi marks, embeddings, overrides and isolates; zero-width space, word joiner and
#: invisible operators; the BOM used as a zero-width no-break space.
_INVISIBLE = "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"

#: The private-use block zotsync's own output marks (colours) are drawn from: text from
#: outside that carries these is shown as ``\uXXXX``, never read as one of zotsync's marks.
MARK_BLOCK = "\ue000-\ue0ff"

UNSAFE = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")
_UNSAFE_FOR_TERMINAL = re.compile(f"[{_CONTROLS}{_INVISIBLE}{MARK_BLOCK}]|\r(?!\n)")


def strip_unsafe(text: str) -> str:
    """``text`` without control, bidi-override or invisible characters (tab, newlines kept)."""
    return UNSAFE.sub("", text)


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on shown as ``\\uXXXX`` instead."""
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: The only link schemes that cross into a note, either way (Markdown ↔ Zotero HTML).
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "doi"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def safe_url(url: str) -> bool:
    """Whether a link target may stay a link: an allowed scheme, or a relative reference.

    ``javascript:``, ``data:``, ``vbscript:``, ``file:`` … are not, however they are
    spelled (case, control characters or spaces inside the scheme).
    """
    compact = re.sub(r"[\x00-\x20\x7f]", "", strip_unsafe(url))
    m = _SCHEME.match(compact)
    if m:
        return m.group(1).lower() in SAFE_SCHEMES
    return ":" not in re.split(r"[/?#]", compact, maxsplit=1)[0]
