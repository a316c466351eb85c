"""Title cleaning: from a title as the user wrote it to the paper's real title plus the hints around it.

Pure, table-tested. :func:`clean_title` runs these small steps in order; each step
moves what it removes into a field, so nothing the user wrote is lost:

1. ``strip_emphasis`` – ``**bold**``/``*italic*``/`` `code` `` markers (the words stay in the title).
2. ``tidy_spaces`` – collapse runs of white space, drop a space before ``:``, drop one trailing ``.``;
   then ``strip_trailing_identifier`` – an ``arXiv:…``/``doi:…`` written after the title (the
   identifier pass reads it from the raw text).
3. ``split_trailing_aside`` – a final ``(…)`` (or an unclosed ``(…`` at the end) whose every
   comma-separated part is a hint: an alias (``GLIP``, ``DDPO``), a venue (``CVPR 22``), a year,
   a date (``Apr. 15, 2024``), or who wrote it and when (``Stanford 2017``). An aside with any other text stays in the title.
4. ``split_venue_suffix`` / ``split_venue_prefix`` – ``…, ICLR 2023`` and ``NeurIPS 2023: …``.
5. ``split_alias_prefix`` – a nickname written before the real title (see its docstring for the rule).

Titles copied from Hugging Face pages are already canonical: the HF parser only
runs steps 1–2 (``nicknames=False``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from zotsync.model import normalise_title
from zotsync.parse.hints import Venue, looks_like_alias, match_venue, parse_date, parse_year
from zotsync.parse.identifiers import strip_trailing_identifier

MAX_TITLE = 1000  # longer "titles" are not cleaned (keeps every step linear and cheap)

_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]+)`")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
_SPACE_COLON = re.compile(r"\s+([:：])")
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_COLON = re.compile(r"[:：]\s+|：")
_ASIDE = re.compile(r"\s*\((?P<body>[^()]{1,60})\)?\s*$")
_VENUE_SUFFIX = re.compile(r"\s*[,|–—-]\s*(?P<venue>[A-Za-z][A-Za-z' ]{1,30}?\s*'?\d{0,4})\s*$")
_VENUE_PREFIX = re.compile(r"^(?P<venue>[A-Za-z][A-Za-z ]{1,25}?(?:\s*'?\d{2,4})?)\s*[:|]\s+")


@dataclass(frozen=True)
class CleanTitle:
    """A cleaned title and what was taken off it."""

    title: str
    venue: Venue | None = None
    year: int | None = None
    aliases: tuple[str, ...] = ()
    date: str | None = None  # ISO date from an aside such as "(Jun 5, 2024)"
    by: str | None = None  # who wrote it: "Stanford" from an aside such as "(Stanford 2017)"


def strip_emphasis(text: str) -> str:
    """``A **Deep** Dive`` -> ``A Deep Dive``, ```code``` -> ``code``; ``Q∗`` and lone ``*`` stay."""
    if "*" not in text and "_" not in text and "`" not in text:
        return text
    text = _CODE.sub(r"\1", _BOLD.sub(r"\2", text))
    return _ITALIC.sub(r"\1", text)


def tidy_spaces(text: str) -> str:
    """Collapse white space, ``Q∗ : Your`` -> ``Q∗: Your``, drop one trailing period (not ``...``),
    comma or semicolon (``Title, [[pdf](…)]``: the comma only separates the title from its link)."""
    text = " ".join(text.split())
    if ":" in text or "：" in text:
        text = _SPACE_COLON.sub(r"\1", text)
    if text.endswith((".", ",", ";")) and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def _classify_aside_part(part: str, found: dict) -> bool:
    """Record one comma-separated part of an aside in ``found``; False if it is not a hint."""
    part = part.strip()
    venue = match_venue(part)
    if venue:
        found["venue"] = venue
        found["year"] = venue.year or found.get("year")
    elif parse_year(part):
        found["year"] = parse_year(part)
    elif looks_like_alias(part):
        found.setdefault("aliases", []).append(part)
    elif m := _ORG_YEAR.match(part):  # "Stanford 2017", "Microsoft Research 2016": who and when
        found["year"] = int(m.group("year"))
        if m.group("org") not in _SEASONS:
            found["by"] = m.group("org")
    else:
        return False
    return True


_SEASONS = {"Spring", "Summer", "Fall", "Autumn", "Winter"}
_ORG_YEAR = re.compile(r"^(?P<org>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2}) (?P<year>(?:19|20)\d\d)$")


def split_trailing_aside(text: str) -> tuple[str, dict]:
    """``Grounded Language-Image Pre-training(GLIP, CVPR 22)`` -> title, {aliases, venue, year}.

    ``(Apr. 15, 2024`` (unclosed) and ``(Jun 5, 2024)`` give a date and a year.
    """
    m = _ASIDE.search(text)
    if not m or m.start() == 0:
        return text, {}
    body = m.group("body").strip()
    found: dict = {}
    date = parse_date(body)
    if date:
        found = {"date": date, "year": int(date[:4])}
    elif not all(_classify_aside_part(p, found) for p in body.split(",")):
        return text, {}
    return text[: m.start()].rstrip(), found


def split_venue_suffix(text: str) -> tuple[str, Venue | None]:
    """``DIAGNOSING … LANGUAGE, ICLR 2023`` -> (``DIAGNOSING … LANGUAGE``, ICLR 2023)."""
    m = _VENUE_SUFFIX.search(text)
    venue = match_venue(m.group("venue")) if m else None
    if not venue or m.start() == 0:
        return text, None
    return text[: m.start()].rstrip(), venue


def split_venue_prefix(text: str) -> tuple[str, Venue | None]:
    """``NeurIPS 2023: Title`` -> (``Title``, NeurIPS 2023). Needs the ``:``/``|`` separator."""
    m = _VENUE_PREFIX.match(text)
    venue = match_venue(m.group("venue")) if m else None
    rest = text[m.end() :] if m else ""
    if not venue or len(rest.split()) < 2:
        return text, None
    return rest, venue


def _split_colon(text: str) -> tuple[str, str]:
    m = _COLON.search(text)
    if not m:
        return text, ""
    return text[: m.start()].strip(), text[m.end() :].strip()


def is_acronym_of(head: str, rest: str) -> bool:
    """``DART`` for ``Denoising Autoregressive Transformer …``: the head spells the first letters."""
    letters = "".join(ch for ch in head if ch.isalpha()).lower()
    if len(letters) < 2:
        return False
    words = itertools.islice(_WORD.finditer(rest), len(letters))  # as many as the head has letters
    return "".join(w.group()[0] for w in words).lower() == letters


def split_alias_prefix(text: str) -> tuple[str, str | None]:
    """Split a nickname prefix off a title: ``(title, alias)`` or ``(text, None)``.

    A prefix ``P`` in ``P: R`` (``P`` of at most four words) is a nickname only when ``R``
    is itself a complete title, which we recognise by one of:

    * ``R`` repeats ``P`` at its start: ``AlignGPT: AlignGPT: …``, ``Multi-Modal Adapter:
      Multi-Modal Adapter for …`` (then ``R`` is the title);
    * ``R`` contains ``P`` (two words or more) as a phrase: ``Visual Prompting: Rethinking
      Visual Prompting for …``;
    * ``R`` has its own ``Head: rest`` structure: ``V2T Tokenizer: Beyond Text: Frozen …``,
      ``SoM prompting: List Items One by One: …``, ``WCA: Visual-Text Cross Alignment: …``
      – unless ``P`` is the acronym of ``R``.

    Everything else keeps its prefix, because ``P: R`` is how most real titles are built:
    ``DART: Denoising Autoregressive Transformer …``, ``KTO: Model Alignment as …``.
    """
    head, rest = _split_colon(text)
    if not rest or not 1 <= len(head.split()) <= 4:
        return text, None
    n_head, n_rest = normalise_title(head), normalise_title(rest)
    if not n_head:
        return text, None
    if n_rest == n_head or n_rest.startswith(n_head + " "):
        return rest, head
    if len(n_head.split()) >= 2 and f" {n_head} " in f" {n_rest} ":
        return rest, head
    inner_head, inner_rest = _split_colon(rest)
    if (
        inner_rest
        and 1 <= len(inner_head.split()) <= 8
        and len(inner_rest.split()) >= 3
        and not is_acronym_of(head, rest)
    ):
        return rest, head
    return text, None


def clean_title(text: str, *, nicknames: bool = True) -> CleanTitle:
    """Run the cleaning steps (module docstring) on one listed title."""
    if len(text) > MAX_TITLE:
        return CleanTitle(title=" ".join(text.split()))
    title = tidy_spaces(strip_emphasis(text))
    if not nicknames:
        return CleanTitle(title=title)
    title = tidy_spaces(strip_trailing_identifier(title))
    title, aside = split_trailing_aside(title)
    title = tidy_spaces(title)
    title, venue_suffix = split_venue_suffix(title)
    title, venue_prefix = split_venue_prefix(title)
    venue = aside.get("venue") or venue_suffix or venue_prefix
    aliases = list(aside.get("aliases", []))
    title, alias = split_alias_prefix(title)
    if alias:
        aliases.insert(0, alias)
    year = aside.get("year") or (venue.year if venue else None)
    return CleanTitle(
        title=title,
        venue=venue,
        year=year,
        aliases=tuple(aliases),
        date=aside.get("date"),
        by=aside.get("by"),
    )
