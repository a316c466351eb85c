"""Reviewing decisions: the same edits a user could make by hand in the lock file.

Two paths, one set of edits (:class:`Edit`):

* non-interactive — ``zotsync resolve --accept REF=ARXIVID --reject REF --not-a-paper REF``,
  where ``REF`` is an entry's ident (``title:…``, ``arxiv:…``) or ``FILE:LINE``;
* interactive — ``zotsync resolve --review`` walks the review items
  (:func:`walk`) and asks, for each, through an injected ``ask`` function (the
  CLI uses click prompts and refuses to start without a terminal, so nothing
  ever hangs waiting for input that cannot come).

:func:`apply_edits` writes the edits into the lock (pins become stubs that the
next resolve run fetches by id).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

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


def walk(items: Sequence[tuple[Entry, Resolution]], ask: Ask) -> list[Edit]:
    """Ask about each review item; returns the edits (skipped items make none)."""
    edits: list[Edit] = []
    for number, (entry, res) in enumerate(items, 1):
        lines = [
            f"[{number}/{len(items)}] {entry.source}:{entry.line}  {entry.title}",
            f"    {res.reason or 'needs review'}",
        ]
        for i, cand in enumerate(res.candidates, 1):
            paper = cand.paper
            lines.append(
                f"  {i}. {paper.title}  [{paper.arxiv_id or paper.doi or '?'}, {paper.year or '?'}, "
                f"{cand.source}, score {cand.score:.2f}]"
            )
        edit = _ask_one(entry, res, lines, ask)
        if edit == "quit":
            break
        if edit is not None:
            edits.append(edit)
    return edits


def _ask_one(entry: Entry, res: Resolution, lines: list[str], ask: Ask) -> Edit | str | None:
    question = "number = take that candidate, an arXiv id = pin it, r = reject, n = not a paper, s = skip, q = quit"
    while True:
        answer = ask(question, lines).strip()
        lines = []  # show the item once
        if answer.isdigit() and 1 <= int(answer) <= len(res.candidates):
            paper = res.candidates[int(answer) - 1].paper
            if paper.arxiv_id:
                return Edit(res.ident, Status.PINNED, arxiv_id=paper.arxiv_id, paper=paper)
        elif answer.lower() in ("r", "n", "s", "q", ""):
            return {
                "r": Edit(res.ident, Status.REJECTED),
                "n": Edit(res.ident, Status.NOT_A_PAPER),
                "q": "quit",
            }.get(answer.lower())
        elif _ARXIV.match(answer):
            return Edit(res.ident, Status.PINNED, arxiv_id=pin_id(answer))
