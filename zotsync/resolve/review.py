"""Reviewing decisions: the same edits a user could make by hand in the lock file.

Two paths, one set of edits (:class:`Edit`):

* non-interactive — ``zotsync resolve --accept REF=ARXIVID --reject REF --not-a-paper REF``,
  where ``REF`` is an entry's ident (``title:…``, ``arxiv:…``) or ``FILE:LINE``;
* interactive — ``zotsync resolve --review`` walks the review items
  (:func:`walk`) and asks, for each, through an injected ``ask`` function (the
  CLI uses click prompts and refuses to start without a terminal, so nothing
  ever hangs waiting for input that cannot come). Each item shows what a
  decision needs: why it was flagged, and per candidate its authors, year,
  venue, arXiv link and the first lines of its abstract, the runner-up marked.
  Every answer is confirmed and saved at once; what was skipped is remembered
  (:func:`save_skipped`) so the next ``--review`` starts with what it never
  showed (:func:`order_for_resume`).

:func:`apply_edits` writes the edits into the lock (pins become stubs that the
next resolve run fetches by id).
"""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from zotsync.atomic import replace_file
from zotsync.errors import InputError
from zotsync.model import Entry, Paper, Resolution, Status
from zotsync.resolve.lockfile import load_lock, pin_candidate, save_lock

_ARXIV = re.compile(
    r"^(?:arxiv:)?(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Edit:
    """One user decision about one identity."""

    ident: str
    status: Status  # PINNED, REJECTED or NOT_A_PAPER
    arxiv_id: str | None = None  # for PINNED
    paper: Paper | None = None  # a full candidate paper, when the user picked one


def find_ident(ref: str, entries: Sequence[Entry]) -> str:
    """The ident an ``--accept``/``--reject`` reference names: an ident, or ``FILE:LINE``."""
    if any(e.ident == ref for e in entries):
        return ref
    m = re.match(r"^(.*):(\d+)$", ref)
    if m:
        path, line = m.group(1), int(m.group(2))
        for e in entries:
            if e.line == line and (e.source == path or Path(e.source).name == Path(path).name):
                return e.ident
    if ref.startswith(("title:", "arxiv:", "doi:", "openreview:")):
        return ref  # an ident of an entry not in these files: still a valid lock edit
    raise InputError(
        f"no entry matches {ref!r}",
        hint="use an ident from the lock file or --json output, or FILE:LINE",
    )


def pin_id(value: str) -> str:
    """A bare arXiv id from user input (``arXiv:2410.08159v2`` → ``2410.08159``)."""
    m = _ARXIV.match(value.strip())
    if not m:
        raise InputError(
            f"{value!r} is not an arXiv id", hint="write it like 2410.08159 or hep-th/9901001"
        )
    return m.group(1)


def edits_from_options(
    entries: Sequence[Entry],
    accept: Iterable[str],
    reject: Iterable[str],
    not_a_paper: Iterable[str],
) -> list[Edit]:
    """Turn ``--accept REF=ID``, ``--reject REF`` and ``--not-a-paper REF`` into edits."""
    edits = []
    for item in accept:
        ref, sep, value = item.rpartition("=")
        if not sep or not ref:
            raise InputError(
                f"--accept needs REF=ARXIVID, not {item!r}",
                hint="e.g. --accept list.md:97=2311.12908",
            )
        edits.append(Edit(find_ident(ref, entries), Status.PINNED, arxiv_id=pin_id(value)))
    edits += [Edit(find_ident(ref, entries), Status.REJECTED) for ref in reject]
    edits += [Edit(find_ident(ref, entries), Status.NOT_A_PAPER) for ref in not_a_paper]
    return edits


def apply_edits(
    lock_path: str | Path, edits: Sequence[Edit], titles: Mapping[str, str] | None = None
) -> int:
    """Write edits into the lock file; returns how many changed it."""
    if not edits:
        return 0
    lock = load_lock(lock_path)
    for edit in edits:
        prior = lock.get(edit.ident) or Resolution(
            ident=edit.ident, status=Status.UNRESOLVED, listed_title=(titles or {}).get(edit.ident)
        )
        lock[edit.ident] = _edited(prior, edit)
    save_lock(lock_path, lock)
    return len(edits)


def _edited(prior: Resolution, edit: Edit) -> Resolution:
    if edit.status is Status.PINNED:
        if edit.paper and edit.paper.arxiv_id == edit.arxiv_id and edit.paper.categories:
            paper, candidates = edit.paper, ()
        else:  # no paper yet: the next run fetches the pinned id (nothing downstream uses it until then)
            paper, candidates = None, (pin_candidate(arxiv_id=edit.arxiv_id),)
        return dataclasses.replace(
            prior,
            status=Status.PINNED,
            paper=paper,
            via="user",
            confidence=1.0,
            reason=None,
            candidates=candidates,
        )
    return dataclasses.replace(prior, status=edit.status, via="user", reason=None)


# --------------------------------------------------------------------------- interactive

Ask = Callable[[str, Sequence[str]], str]  # (question, lines to show first) -> answer
OpenUrl = Callable[[str], object]

QUESTION = (
    "a = accept 1, 2-9 = pick another, or paste an arXiv id; r = reject, n = not a paper, "
    "s = skip, o[N] = open in browser, q = quit"
)
ABSTRACT_CHARS = 300


def arxiv_link(paper: Paper) -> str | None:
    if paper.arxiv_id:
        return f"https://arxiv.org/abs/{paper.arxiv_id}"
    if paper.doi:
        return f"https://doi.org/{paper.doi}"
    return paper.url


def _authors(authors: Sequence[str]) -> str:
    if not authors:
        return "authors unknown"
    shown = ", ".join(authors[:3])
    return shown + (f" and {len(authors) - 3} more" if len(authors) > 3 else "")


def _abstract(text: str | None) -> list[str]:
    if not text:
        return []
    flat = " ".join(text.split())
    cut = flat if len(flat) <= ABSTRACT_CHARS else flat[:ABSTRACT_CHARS].rsplit(" ", 1)[0] + " …"
    return textwrap.wrap(cut, width=88, initial_indent="       ", subsequent_indent="       ")


def item_lines(
    number: int, total: int, entry: Entry, res: Resolution, details: Mapping[str, Paper]
) -> list[str]:
    """What a reviewer needs to decide: the entry, why it was flagged, and each candidate in full."""
    lines = [
        f"[{number}/{total}] {entry.source}:{entry.line}  {entry.title}",
        f"    why flagged: {res.reason or 'no clear winner'}",
    ]
    if not res.candidates:
        lines.append("    no candidate found: paste an arXiv id, or r / n / s")
    for i, cand in enumerate(res.candidates, 1):
        paper = details.get(cand.paper.arxiv_id or "") or cand.paper
        label = " (best)" if i == 1 else " (runner-up)" if i == 2 else ""
        lines.append(f"  {i}. {paper.title}{label}")
        venue = (
            paper.venue
            or paper.journal_ref
            or ("arXiv preprint" if paper.arxiv_id else "venue unknown")
        )
        lines.append(
            f"       {_authors(paper.authors)} · {paper.year or (paper.published or '?')[:4]} · {venue}"
            f" · score {cand.score:.2f} via {cand.source}"
        )
        link = arxiv_link(paper)
        if link:
            lines.append(f"       {link}")
        lines.extend(_abstract(paper.abstract))
    return lines


def confirmation(entry: Entry, edit: Edit | None, res: Resolution) -> str:
    """The line that confirms what was decided (and written to the lock)."""
    where = f"{entry.source}:{entry.line}"
    if edit is None:
        return f"  -> skipped {where}: asked again next time"
    if edit.status is Status.PINNED:
        title = edit.paper.title if edit.paper else "fetched on the next run"
        return f"  -> pinned {where} to arXiv:{edit.arxiv_id} ({title}), saved in the lock"
    if edit.status is Status.REJECTED:
        return f"  -> rejected the match for {where}: never guessed again, left out of the .bib and Zotero"
    return f"  -> marked {where} as not a paper"


def walk(
    items: Sequence[tuple[Entry, Resolution]],
    ask: Ask,
    *,
    details: Mapping[str, Paper] | None = None,
    on_decision: Callable[[Entry, Edit | None, str], None] | None = None,
    open_url: OpenUrl | None = None,
) -> list[Edit]:
    """Ask about each review item; returns the edits (skipped items make none).

    ``on_decision(entry, edit_or_None_for_skip, confirmation_line)`` is called at once after
    each answer, so a caller can save it before the next question (quitting keeps it).
    """
    edits: list[Edit] = []
    for number, (entry, res) in enumerate(items, 1):
        lines = item_lines(number, len(items), entry, res, details or {})
        edit = _ask_one(entry, res, lines, ask, open_url)
        if edit == "quit":
            break
        if on_decision is not None:
            on_decision(entry, edit, confirmation(entry, edit, res))
        if edit is not None:
            edits.append(edit)
    return edits


def _ask_one(
    entry: Entry, res: Resolution, lines: list[str], ask: Ask, open_url: OpenUrl | None
) -> Edit | str | None:
    while True:
        answer = ask(QUESTION, lines).strip()
        lines = []  # show the item once
        low = answer.lower()
        if low == "a" and res.candidates:
            answer = "1"
        if answer.isdigit() and 1 <= int(answer) <= len(res.candidates):
            paper = res.candidates[int(answer) - 1].paper
            if paper.arxiv_id:
                return Edit(res.ident, Status.PINNED, arxiv_id=paper.arxiv_id, paper=paper)
            lines = ["  that candidate has no arXiv id: paste one, or r / n / s"]
        elif low.startswith("o") and (low[1:].isdigit() or low == "o"):
            pick = int(low[1:] or "1")
            link = (
                arxiv_link(res.candidates[pick - 1].paper)
                if 1 <= pick <= len(res.candidates)
                else None
            )
            if link and open_url is not None:
                open_url(link)
                lines = [f"  opened {link}"]
            else:
                lines = ["  nothing to open" if not link else f"  {link}"]
        elif low in ("r", "n", "s", "q", ""):
            return {
                "r": Edit(res.ident, Status.REJECTED),
                "n": Edit(res.ident, Status.NOT_A_PAPER),
                "q": "quit",
            }.get(low)
        elif _ARXIV.match(answer):
            return Edit(res.ident, Status.PINNED, arxiv_id=pin_id(answer))


# --------------------------------------------------------------------------- resume


def order_for_resume(
    items: Sequence[tuple[Entry, Resolution]], skipped: Iterable[str]
) -> list[tuple[Entry, Resolution]]:
    """Items never shown first, in list order; those skipped last time after them."""
    earlier = set(skipped)
    return [i for i in items if i[1].ident not in earlier] + [
        i for i in items if i[1].ident in earlier
    ]


def skipped_path(state_dir: str | Path) -> Path:
    """Where ``--review`` remembers what was skipped: ``review-skipped.json`` in zotsync's state folder."""
    return Path(state_dir) / "review-skipped.json"


def load_skipped(state_dir: str | Path) -> list[str]:
    try:
        data = json.loads(skipped_path(state_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict):
        return []
    return [s for s in data.get("skipped", []) if isinstance(s, str)]


def save_skipped(state_dir: str | Path, idents: Sequence[str]) -> None:
    path = skipped_path(state_dir)
    if not idents:
        path.unlink(missing_ok=True)
        return
    replace_file(
        path, json.dumps({"skipped": list(idents)}, indent=2).encode("utf-8"), make_parents=True
    )
