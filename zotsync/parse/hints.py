"""Small recognisers for the hints a list carries next to titles: venues, years, dates, aliases.

Pure functions over short strings; no I/O. Used by title cleaning, by the
awesome-list item parser (``arXiv [Title](…)``) and by the Hugging Face page parser
(``Apr 17, 2025``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass

# lower-case spelling as users write it -> canonical spelling. "icrl" is a real typo in seed 004.
VENUES: dict[str, str] = {
    "arxiv": "arXiv",
    "neurips": "NeurIPS",
    "nips": "NeurIPS",
    "iclr": "ICLR",
    "icrl": "ICLR",
    "icml": "ICML",
    "cvpr": "CVPR",
    "iccv": "ICCV",
    "eccv": "ECCV",
    "accv": "ACCV",
    "wacv": "WACV",
    "bmvc": "BMVC",
    "aaai": "AAAI",
    "ijcai": "IJCAI",
    "acl": "ACL",
    "emnlp": "EMNLP",
    "naacl": "NAACL",
    "eacl": "EACL",
    "coling": "COLING",
    "colm": "COLM",
    "kdd": "KDD",
    "sigir": "SIGIR",
    "siggraph": "SIGGRAPH",
    "tpami": "TPAMI",
    "tmlr": "TMLR",
    "jmlr": "JMLR",
    "icassp": "ICASSP",
    "interspeech": "Interspeech",
    "miccai": "MICCAI",
    "corl": "CoRL",
    "icra": "ICRA",
    "iros": "IROS",
    "uai": "UAI",
    "aistats": "AISTATS",
    "colt": "COLT",
    "mlsys": "MLSys",
    "ijcv": "IJCV",
    "tacl": "TACL",
    "tip": "TIP",
    "tog": "TOG",
}
_VENUE_NAMES = "|".join(sorted(VENUES, key=len, reverse=True))
_QUALIFIER = r"(?:findings|workshops?|oral|spotlight|poster)"
_VENUE = re.compile(
    rf"^(?:(?P<pre>findings)\s+of\s+(?:the\s+)?)?(?P<name>{_VENUE_NAMES})"
    rf"(?:\s*(?P<q1>{_QUALIFIER}))?(?:\s*'?(?P<year>\d{{4}}|\d{{2}}))?(?:\s*(?P<q2>{_QUALIFIER}))?$",
    re.IGNORECASE,
)

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}
_DATE_MDY = re.compile(r"^(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$")
_DATE_DMY = re.compile(r"^(?P<day>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})$")
_DATE_ISO = re.compile(r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})$")
_BARE_DAY = re.compile(r"^(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_ALIAS_WORD = re.compile(r"^[\w\-+.]{1,24}$")


@dataclass(frozen=True)
class Venue:
    name: str  # as the list should show it: canonical spelling, qualifier, year as written ("CVPR 22")
    year: int | None
    as_written: str


def expand_year(text: str) -> int:
    """``"22"`` -> 2022, ``"98"`` -> 1998, ``"2023"`` -> 2023."""
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value < 70 else 1900 + value
    return value


@functools.lru_cache(maxsize=4096)  # a list repeats its few venues on many lines
def match_venue(text: str) -> Venue | None:
    """A venue hint such as ``arXiv``, ``EMNLP Findings``, ``CVPR 22``, ``ICLR 2023``, or None.

    >>> match_venue("CVPR 22")
    Venue(name='CVPR 22', year=2022, as_written='CVPR 22')
    """
    text = " ".join(text.split())
    m = _VENUE.match(text) if len(text) <= 40 else None
    if not m:
        return None
    parts = [VENUES[m.group("name").lower()]]
    if (
        m.group("pre")
        or (m.group("q1") or "").lower() == "findings"
        or (m.group("q2") or "").lower() == "findings"
    ):
        parts.append("Findings")
    for q in (m.group("q1"), m.group("q2")):
        if q and q.lower() != "findings":
            parts.append(q.capitalize())
    year = m.group("year")
    if year:
        parts.append(year)
    return Venue(name=" ".join(parts), year=expand_year(year) if year else None, as_written=text)


def _month(text: str) -> int | None:
    return _MONTHS.get(text[:3].lower()) if text[:3].lower() in _MONTHS and len(text) >= 3 else None


def parse_date(text: str) -> str | None:
    """``"Apr. 15, 2024"``, ``"Jun 5, 2024"``, ``"15 Apr 2024"``, ``"2024-04-15"`` -> ISO date, else None."""
    text = " ".join(text.split())
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        m = pattern.match(text)
        if not m:
            continue
        mon = m.group("mon")
        month = int(mon) if mon.isdigit() else _month(mon)
        try:
            return _dt.date(int(m.group("year")), month or 0, int(m.group("day"))).isoformat()
        except (ValueError, TypeError):
            return None
    return None


def is_bare_day(text: str) -> bool:
    """``"Mar 14"``: a day heading without a year (page chrome on Hugging Face pages)."""
    m = _BARE_DAY.match(text.strip())
    return bool(m and _month(m.group("mon")) and 1 <= int(m.group("day")) <= 31)


def parse_year(text: str) -> int | None:
    text = text.strip()
    return int(text) if _YEAR.match(text) else None


def looks_like_alias(text: str) -> bool:
    """A nickname such as ``GLIP``, ``DDPO``, ``DRaFT``, ``RPO``, ``LoRA``, ``Q*``: short, acronym-like.

    One or two words, at least one with two capitals or a capital after its first letter
    (so ``Extended`` or ``and more`` are not aliases).
    """
    words = text.split()
    if not 1 <= len(words) <= 2 or len(text) > 30:
        return False
    if not all(_ALIAS_WORD.match(w.rstrip("*")) for w in words):
        return False
    return any(
        sum(ch.isupper() for ch in w) >= 2 or any(ch.isupper() for ch in w[1:]) for w in words
    )
