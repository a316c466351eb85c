"""Title normalisation and candidate scoring: pure functions, no I/O.

How a candidate is scored (0..1), for an entry as listed:

1. **Title similarity** (:func:`title_similarity`) on normalised titles
   (:func:`normalise`): LaTeX to plain text (``$Q^*$`` → ``q*``), accents folded,
   punctuation and case dropped, British spellings and light stemming
   (``techniques``/``technique``) unified. Equal normalised titles score 1.0;
   otherwise a blend of token overlap (Dice) and character-sequence ratio, so
   a swapped or extra word ("Improved Techniques for Training Consistency
   Models" vs "Improved Training Technique for Latent Consistency Models") falls
   clearly below the threshold. Two titles that differ by a whole content
   word (not a typo, not a stop word) score at most :data:`WORD_DIFF_CAP`,
   below the default threshold: one changed, added or dropped word is how a
   different paper looks ("... Latent Consistency Models"). Halves of
   ``Name: Title`` titles are judged by :func:`_part_score`: a list that omits
   the paper's short *name* ("Better Aligning ..." for "Human Preference
   Score: Better Aligning ...") or adds a nickname ("IPO: A General ...")
   scores :data:`PART_SCORE`; a list that omits the *subtitle* (the listed
   title is the main part before the colon) scores :data:`MAIN_PART_SCORE`:
   enough when it is the only candidate, but it loses to a paper titled
   exactly as listed (margin), and an extension without a colon ("... in
   Direct Alignment Algorithms") is a whole-word difference (review).
2. **Other signals** the list gives (:func:`signal_adjustment`): year hints and
   Hugging Face page dates against the paper's dates, HF author counts against
   the author list, the page's abstract against the paper's abstract, a venue
   hint against the paper's venue/journal reference. Each nudges the score by a
   few hundredths; a contradiction (a different abstract, a year off by more
   than one) pulls it down decisively. The nudge *up* applies in full only to
   titles at least :data:`SIGNAL_LIFT_FLOOR` similar; below it, signals may lift
   a title into review (up to :data:`LIFT_CEILING`), never further: they never
   turn a different or half title into a winner (a follow-up paper shares the year, the author
   count and most of the abstract).

Decision (:func:`decide`): accept the best candidate only when its score is
at least ``threshold`` (``config.resolve.threshold``, default 0.90) **and**
leads the runner-up (a *different* paper) by at least ``margin``
(``config.resolve.margin``, default 0.08). A best score of at least
:data:`REVIEW_FLOOR` that fails either test goes to review with its
candidates; anything lower is unresolved ("no match"). Acronym-only entries
("Diffusion-DPO") are never accepted on similarity: only a paper whose title
*starts with* the acronym as its own ``Acronym: …`` name, offered by at least
two sources, the only candidate any source offered, *and* corroborated by the
list's own signals (year, author count, abstract, venue) counts as a
well-supported answer; otherwise review. (Two services agreeing on a title
that merely starts with the nickname is exactly how a distractor wins.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from zotsync.model import Candidate, Entry, Paper, Status
from zotsync.resolve.normalise import (
    fold_accents,
    latex_to_text,
    normalise,
    query_title,
    stem,
    strip_labels,
    tokens,
)

__all__ = [
    "fold_accents",
    "latex_to_text",
    "normalise",
    "query_title",
    "stem",
    "tokens",
    "title_similarity",
    "contains_phrase",
    "is_acronym_only",
    "listed_forms",
    "same_work",
    "strip_labels",
    "signal_adjustment",
    "score",
    "year_of",
    "paper_key",
    "rank",
    "decide",
    "Decision",
]

PART_SCORE = 0.93  # one title is the other plus a short name ("Name: Title" vs "Title")
PART_MIN_TOKENS = 4  # ... and the shared part has at least this many words
NAME_MAX_TOKENS = 3  # a "name" part ("Human Preference Score", "IPO") has at most this many words
MAIN_PART_SCORE = (
    0.91  # the listed title is the main part of "Main: Subtitle" (the list omitted the subtitle)
)
WORD_DIFF_CAP = 0.88  # titles that differ by a whole content word score at most this (below 0.90)
TYPO_MIN_LEN = (
    6  # a "typo" that does not make another paper: both (stemmed) words at least this long ...
)
TYPO_STRICT_RATIO = 0.85  # ... and this alike ("Langauge"/"Language" 0.875; "Modal"/"Model" is not)
SIGNAL_LIFT_FLOOR = (
    0.95  # the list's signals lift only titles already this similar (not half-title matches) ...
)
LIFT_CEILING = 0.89  # ... and lift any other title at most to here (review at the default 0.90)
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "for",
        "and",
        "in",
        "on",
        "with",
        "to",
        "via",
        "by",
        "from",
        "is",
        "are",
        "as",
        "at",
        "or",
        "its",
        "your",
        "we",
        "do",
        "can",
    }
)
UNMATCHED_PENALTY = 0.06  # per word found in only one of the two titles (typos excepted)
REVIEW_FLOOR = 0.60  # best score below this: no plausible candidate at all
ACRONYM_CONFIDENCE = 0.92
ACRONYM_REVIEW_CAP = 0.5  # confidence reported for an acronym-only review item
MAX_BONUS = 0.05  # the other signals can lift a title score by at most this much

# --------------------------------------------------------------------------- similarity


def _dice(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    common, pool = 0, list(b)
    for tok in a:
        if tok in pool:
            pool.remove(tok)
            common += 1
    return 2 * common / (len(a) + len(b))


def _parts(title: str) -> list[list[str]]:
    """The halves of a ``Main: Subtitle`` (or ``Main - Subtitle``) title, tokenised."""
    pieces = re.split(r"\s*:\s+|\s+[-–—]\s+", latex_to_text(title), maxsplit=1)
    return [tokens(p) for p in pieces] if len(pieces) == 2 else []


def shares_words(listed: str, canonical: str, share: float = 0.25) -> bool:
    """A cheap first test: at least ``share`` of the shorter title's distinct words occur in the other.

    A batch's page holds every title's hits; this keeps the costly scoring to the pairs
    that could be the same paper.
    """
    a, b = set(tokens(listed)), set(tokens(canonical))
    return bool(a and b) and len(a & b) >= share * min(len(a), len(b))


@lru_cache(maxsize=65536)
def title_similarity(listed: str, canonical: str) -> float:
    """How alike two titles are, 0..1 (1.0 = same title after normalisation)."""
    a, b = tokens(listed), tokens(canonical)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if "".join(a) == "".join(b):  # "Pre-training" vs "Pretraining", "Chat GPT" vs "ChatGPT"
        return 0.98
    part = _part_score(listed, canonical, a, b)
    if part is not None:
        return part
    ratio = SequenceMatcher(None, " ".join(a), " ".join(b), autojunk=False).ratio()
    unmatched = _unmatched(a, b) + _unmatched(b, a)
    sim = max(0.0, 0.5 * _dice(a, b) + 0.5 * ratio - UNMATCHED_PENALTY * unmatched)
    if _unmatched(a, b, content_only=True) or _unmatched(b, a, content_only=True):
        sim = min(
            sim, WORD_DIFF_CAP
        )  # a whole word differs: another paper until a human says otherwise
    return round(sim, 4)


def same_short_name(listed: str, canonical: str) -> bool:
    """Both titles are ``Name: …`` with the same short name (``PrefixQuant: …``).

    A paper renamed between arXiv versions keeps its name and changes the rest,
    so an id-linked entry whose listed title shares the name is the same paper.
    """
    a, b = _parts(listed), _parts(canonical)
    return bool(a and b and a[0] and a[0] == b[0] and len(a[0]) <= NAME_MAX_TOKENS)


def _part_score(listed: str, canonical: str, a: Sequence[str], b: Sequence[str]) -> float | None:
    """The score when one title is a half of the other's ``Main: Subtitle`` form, else None.

    * canonical ``Name: <listed>`` (the list omitted a short name) or listed
      ``Nick: <canonical>`` (the list added a nickname): :data:`PART_SCORE`;
    * canonical ``<listed>: Subtitle`` (the list omitted the subtitle):
      :data:`MAIN_PART_SCORE`, just over the default threshold, so a paper
      titled exactly as listed wins by the margin.
    """
    if len(a) < PART_MIN_TOKENS and len(b) < PART_MIN_TOKENS:
        return None
    for whole, half, _other in ((canonical, a, b), (listed, b, a)):
        parts = _parts(whole)
        if (
            parts
            and parts[1] == list(half)
            and len(half) >= PART_MIN_TOKENS
            and len(parts[0]) <= NAME_MAX_TOKENS
        ):
            return PART_SCORE
    parts = _parts(canonical)
    if parts and parts[0] == list(a) and len(a) >= PART_MIN_TOKENS:
        return MAIN_PART_SCORE
    return None


def _unmatched(a: Sequence[str], b: Sequence[str], *, content_only: bool = False) -> int:
    """Words of ``a`` with no exact or typo-level partner in ``b``.

    For the score's penalty a typo is a char ratio >= 0.8. With ``content_only``
    (is this another paper?) stop words are not counted and a typo must be
    stricter — both words :data:`TYPO_MIN_LEN` long and a ratio >= :data:`TYPO_STRICT_RATIO`
    — because real words sit a typo apart: "Modals"/"Models", "Segmentation"/
    "Augmentation", "Training"/"Raining", "Sparse"/"Spare".
    """
    pool = set(b)
    if (
        content_only
    ):  # counted as multisets: "... Long Video Diffusion for Video" has one "video" too many
        extra = Counter(a) - Counter(b)
        return sum(
            n
            for tok, n in extra.items()
            if tok not in STOP_WORDS
            and not (tok not in pool and any(_strict_typo(tok, o) for o in pool))
        )
    return sum(
        1
        for tok in a
        if tok not in pool and not (len(tok) >= 4 and any(_typo(tok, o) for o in pool))
    )


def _strict_typo(x: str, y: str) -> bool:
    if min(len(x), len(y)) < TYPO_MIN_LEN or not _typo(x, y):
        return False
    return SequenceMatcher(None, x, y, autojunk=False).ratio() >= TYPO_STRICT_RATIO


@lru_cache(maxsize=65536)
def _typo(x: str, y: str) -> bool:
    """Whether two words differ by a typo (char ratio >= 0.8); cheap length test first."""
    if abs(len(x) - len(y)) > 2:
        return False
    sm = SequenceMatcher(None, x, y, autojunk=False)
    return sm.real_quick_ratio() >= 0.8 and sm.quick_ratio() >= 0.8 and sm.ratio() >= 0.8


def contains_phrase(listed: str, canonical: str) -> bool:
    """Whether the listed title's words occur, in order and contiguously, in the canonical title."""
    a, b = tokens(listed), tokens(canonical)
    return bool(a) and any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def is_acronym_only(title: str) -> bool:
    """A nickname rather than a title: one or two words, e.g. ``Diffusion-DPO``, ``SoM``, ``GLIP v2``."""
    words = title.split()
    return 0 < len(words) <= 2 and len(tokens(title)) <= 3


# --------------------------------------------------------------------------- other signals


def year_of(paper: Paper) -> int | None:
    """The paper's publication year: its venue year, else the year of its first version."""
    if paper.year:
        return paper.year
    if paper.published and paper.published[:4].isdigit():
        return int(paper.published[:4])
    return None


def _entry_year(entry: Entry) -> int | None:
    if entry.year:
        return entry.year
    date = str(entry.hints.get("date") or "")
    return int(date[:4]) if date[:4].isdigit() else None


def signal_adjustment(entry: Entry, paper: Paper) -> float:
    """The score nudge from the list's other signals (negative on contradictions)."""
    adjust = 0.0
    ey, py = _entry_year(entry), year_of(paper)
    if ey and py:
        adjust += 0.02 if abs(ey - py) <= 1 else -0.15
    count = entry.hints.get("authors_count")
    if isinstance(count, int) and paper.authors:
        adjust += (
            0.03
            if count == len(paper.authors)
            else (-0.05 if abs(count - len(paper.authors)) > 2 else 0.0)
        )
    if entry.abstract and paper.abstract:
        overlap = _abstract_overlap(entry.abstract, paper.abstract)
        adjust += 0.05 if overlap >= 0.6 else (-0.2 if overlap < 0.25 else 0.0)
    if entry.venue and _venue_mentioned(entry.venue, paper):
        adjust += 0.02
    return min(adjust, MAX_BONUS)


def _abstract_overlap(listed: str, canonical: str) -> float:
    """Share of the listed abstract's words found in the paper's (listed ones may be truncated)."""
    a = set(tokens(listed[:1200]))
    b = set(tokens(canonical))
    return len(a & b) / len(a) if a else 0.0


def _venue_mentioned(venue: str, paper: Paper) -> bool:
    name = re.sub(r"[\s'\d]+$", "", venue).strip().casefold()
    haystack = " ".join(x for x in (paper.venue, paper.journal_ref, paper.comment) if x).casefold()
    return bool(name) and name in haystack


def listed_forms(title: str) -> tuple[str, ...]:
    """The listed title, and the same without the venue/year labels left in it (if any)."""
    bare = strip_labels(title)
    return (title,) if bare == title else (title, bare)


def score(entry: Entry, paper: Paper) -> float:
    """Title similarity plus the other signals, clamped to 0..1.

    The listed title is compared as written and without the labels left in it
    (:func:`strip_labels`: ``ICLR Vision Transformers Need Registers``); the better counts.
    An acronym-only entry is compared with the paper's own short name (the
    part before its colon) as well, so a review shows how well the name fits.
    """
    forms = listed_forms(entry.title)
    base = max(title_similarity(form, paper.title) for form in forms)
    if is_acronym_only(forms[-1]):
        base = max(
            [base] + [title_similarity(forms[-1], " ".join(p)) for p in _parts(paper.title)[:1]]
        )
    if base < 0.5:
        return round(base, 4)
    total = base + signal_adjustment(entry, paper)
    if (
        base < SIGNAL_LIFT_FLOOR
    ):  # corroboration may lift a weak title into review, never over the line
        total = min(total, max(base, LIFT_CEILING))
    return round(max(0.0, min(1.0, total)), 4)


# --------------------------------------------------------------------------- decision


@dataclass(frozen=True)
class Decision:
    status: Status  # RESOLVED, REVIEW or UNRESOLVED
    candidate: Candidate | None  # the winner (RESOLVED) or the best (REVIEW)
    confidence: float
    reason: str | None
    candidates: tuple[Candidate, ...]  # ranked, distinct papers, for review


def paper_key(paper: Paper) -> str:
    """Identity of a candidate paper, to merge what several sources found."""
    if paper.arxiv_id:
        return f"arxiv:{paper.arxiv_id}"
    if paper.doi:
        return f"doi:{paper.doi.lower()}"
    return f"title:{normalise(paper.title)}"


def rank(entry: Entry, found: Iterable[tuple[Paper, str]]) -> list[Candidate]:
    """Score every found (paper, source) pair and keep the best per distinct paper, best first."""
    best: dict[str, Candidate] = {}
    for paper, source in found:
        cand = Candidate(paper=paper, score=score(entry, paper), source=source)
        key = paper_key(paper)
        if key not in best or cand.score > best[key].score:
            best[key] = cand
    return sorted(best.values(), key=lambda c: (-c.score, paper_key(c.paper)))


def decide(
    entry: Entry,
    ranked: Sequence[Candidate],
    threshold: float,
    margin: float,
    *,
    keep: int = 5,
    sources_agreeing: int = 1,
) -> Decision:
    """Accept a clear winner, else review the close calls, else unresolved.

    ``sources_agreeing`` is how many sources offered the top candidate (only
    acronym-only entries need more than one).
    """
    kept = tuple(c for c in ranked[:keep] if c.score >= REVIEW_FLOOR / 2)
    if is_acronym_only(listed_forms(entry.title)[-1]):
        return _decide_acronym(entry, ranked, kept, sources_agreeing)
    if not ranked or ranked[0].score < REVIEW_FLOOR:
        return Decision(
            Status.UNRESOLVED, None, ranked[0].score if ranked else 0.0, "no match", kept
        )
    top = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    if top.score >= threshold and top.score - runner_up >= margin:
        return Decision(Status.RESOLVED, top, top.score, None, ())
    if top.score >= threshold:
        chosen = _duplicate_submission(ranked, margin)
        if chosen is not None:
            return chosen
    if top.score < threshold:
        reason = f"best match scored {top.score:.2f} (< {threshold:.2f})"
    else:
        reason = f"close call: {top.score:.2f} vs {runner_up:.2f} (margin < {margin:.2f})"
    return Decision(Status.REVIEW, top, top.score, reason, kept)


def _decide_acronym(
    entry: Entry, ranked: Sequence[Candidate], kept: tuple[Candidate, ...], sources_agreeing: int
) -> Decision:
    """An acronym-only entry resolves only to the one paper *named* by it (``Acronym: …``)
    when it is the only candidate any source offered, at least two sources offered it,
    and the list's own signals (year, authors, abstract, venue) corroborate it."""
    name = tokens(listed_forms(entry.title)[-1])
    exact = [c for c in ranked if tokens(c.paper.title) == name]
    if len(name) >= 2 and len(exact) == 1:  # "Pixtral 12B" is that paper's whole title
        winner = Candidate(exact[0].paper, 1.0, exact[0].source)
        return Decision(Status.RESOLVED, winner, 1.0, None, ())
    named = [c for c in ranked if _named_by(name, c.paper.title)]
    if (
        len(named) == 1
        and len(ranked) == 1
        and sources_agreeing >= 2
        and signal_adjustment(entry, named[0].paper) > 0
    ):
        winner = Candidate(named[0].paper, ACRONYM_CONFIDENCE, named[0].source)
        return Decision(Status.RESOLVED, winner, ACRONYM_CONFIDENCE, None, ())
    if not ranked:
        return Decision(Status.UNRESOLVED, None, 0.0, "acronym-only title: no candidate found", ())
    review = tuple(named[:5]) or kept or tuple(ranked[:5])
    if len(named) > 1:
        why = f"{len(named)} papers are named by it"  # two or more: plural
    elif named:
        why = "one paper is named by it, but nothing else in the list confirms it"
    else:
        why = "no paper is named by it"
    return Decision(
        Status.REVIEW,
        review[0],
        min(review[0].score, ACRONYM_REVIEW_CAP),
        f"acronym-only title: {why}",
        review,
    )


def _named_by(name: list[str], canonical: str) -> bool:
    parts = _parts(canonical)
    return bool(parts) and parts[0] == name


# --------------------------------------------------------------------------- duplicate submissions


def same_work(a: Paper, b: Paper) -> bool:
    """Whether two records describe the same work: similar titles, or mostly the same authors.

    A revised title ("PrefixQuant: Static Quantization Beats ..." → "PrefixQuant:
    Eliminating Outliers ...") keeps its authors; a record mis-linked to another
    paper's id shares neither title nor authors.
    """
    if title_similarity(a.title, b.title) >= REVIEW_FLOOR:
        return True
    return _same_authors(a, b)


def _same_authors(a: Paper, b: Paper) -> bool:
    fa, fb = _family_names(a), _family_names(b)
    return (
        bool(fa and fb) and len(fa & fb) >= max(len(fa), len(fb)) / 2
    )  # one shared name is chance


def _family_names(paper: Paper) -> set[str]:
    return {fold_accents(n.split()[-1]).casefold() for n in paper.authors if n.split()}


def _withdrawn(paper: Paper) -> bool:
    return bool(re.search(r"\bwithdrawn\b", paper.comment or "", re.I))


def _duplicate_submission(ranked: Sequence[Candidate], margin: float) -> Decision | None:
    """The top candidates are one work submitted to arXiv twice (the same title, mostly the
    same authors, two ids): the librarian's pick — not withdrawn, then with a journal
    reference, then the earlier — resolves it, and the reason names the other record.
    None when the close candidates are anything else (other authors: a different paper)."""
    top = ranked[0]
    close = [c for c in ranked if top.score - c.score < margin]
    same = [
        c
        for c in close
        if c.paper.arxiv_id
        and tokens(c.paper.title) == tokens(top.paper.title)
        and _same_authors(c.paper, top.paper)
    ]
    if len(close) < 2 or len(same) != len(close) or len({c.paper.arxiv_id for c in same}) < 2:
        return None

    def rank_key(c: Candidate) -> tuple:
        p = c.paper
        return (_withdrawn(p), not p.journal_ref, p.published or "9999", p.arxiv_id or "")

    chosen, *others = sorted(same, key=rank_key)
    why = (
        "the others are withdrawn"
        if _withdrawn(others[0].paper) and not _withdrawn(chosen.paper)
        else "it has the journal reference"
        if chosen.paper.journal_ref and not others[0].paper.journal_ref
        else "it is the earlier submission"
    )
    reason = (
        f"note: duplicate arXiv submissions of this title ({', '.join(c.paper.arxiv_id or '' for c in others)}); "
        f"chose {chosen.paper.arxiv_id}: {why}"
    )
    return Decision(Status.RESOLVED, chosen, chosen.score, reason, ())
