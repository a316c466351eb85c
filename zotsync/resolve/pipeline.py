"""Resolution, stage by stage: lock → ids → titles → enrichment → lock.

:func:`resolve_entries` runs these named stages over the entries' distinct
identities (a paper listed twice is resolved once):

1. ``from_lock`` — identities already decided in the lock file make no
   request (``resolved``, ``pinned`` with metadata, ``rejected``,
   ``not-a-paper``, ``review``, and ``unresolved`` "no match"). Only
   ``unresolved`` entries whose reason is a source failure or an offline run
   are tried again, plus pins whose paper must be fetched, plus usable
   decisions with ``pending`` work (see 4.) — those make only the
   enrichment requests they lack, never a new search.
2. ``by_ids`` — arXiv ids in batched ``id_list`` requests; DOIs through one
   Semantic Scholar ``paper/batch``; ids arXiv could not serve (it failed)
   degrade to S2's batch, then HF. An id the services answered "unknown" falls
   through to the title stage, but its entry is never *resolved* there: the
   user linked a paper that does not exist (a typo'd or withdrawn id), and a
   paper with the listed title under another id is offered for review, not
   silently swapped in (reason ``linked … not found``).
3. ``by_titles`` — batched title searches with every service working at once
   (:mod:`.cascade`): arXiv first (up to 40 quoted phrases OR-ed in one request),
   then what arXiv left open goes on to S2 ``search/match`` and then HF (entries
   copied from Hugging Face pages ask HF before S2: their titles are HF's). After
   each answer the entry's candidates so far are re-ranked (:mod:`.matching`); an
   entry stops at the first clear winner.
4. ``enrich`` (:mod:`.enrich`) — winners found on HF/S2 get their arXiv record
   (version, categories, DOI) in one batched ``id_list``; every new
   arXiv-resolved paper gets its published venue from one S2 ``paper/batch``;
   records that describe different works are never merged (review instead).
   Failures here keep the decision, are reported, and are recorded in the
   lock as ``pending`` (``"arxiv"``: the arXiv record is missing because
   arXiv failed — e.g. an id or title decided through S2 while arXiv was
   down; ``"venue"``: S2 failed before it gave the venue). A pending
   decision is provisional: the next online run fetches what it lacks
   (upgrading the metadata) and clears the mark (:mod:`.pending`).
5. the lock is saved (atomically) with the new decisions merged in. Decisions are also
   saved as they are made (:mod:`.checkpoint`: at most every 30 s, and on Ctrl-C), so a
   long run that stops loses none of them.

A pinned id that the services answer "no such paper" for becomes a
``review`` item with reason ``pinned id not found: …`` and no paper: no
later stage ever uses a pin whose paper was never fetched.

A source that fails (timeouts, 5xx, 429 after backoff, an HTML or empty body)
is never read as "no such paper": an entry with no clear winner and a failed
source stays ``unresolved`` with reason ``source failed: …`` and is retried on
the next run.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from zotsync.config import Config
from zotsync.model import Entry, Paper, Reason, Resolution, Status
from zotsync.resolve import matching
from zotsync.resolve.cascade import run_cascade
from zotsync.resolve.checkpoint import Checkpoints, merge_decisions, save_decisions
from zotsync.resolve.enrich import enrich
from zotsync.resolve.lockfile import as_read, compact_candidate, needs_fetch, pinned_id, read_lock
from zotsync.resolve.nicknames import by_name
from zotsync.resolve.nonpapers import NOT_A_PAPER, not_a_paper
from zotsync.resolve.pending import Recording, pending_marks
from zotsync.resolve.report import ResolveReport, Row
from zotsync.resolve.retitled import by_earlier_titles
from zotsync.resolve.sources import Answers, Source, build_sources
from zotsync.resolve.sources.arxiv_source import canonical_arxiv_id
from zotsync.resolve.work import Work

Progress = Callable[[int, int], None]  # (identities done, identities total)

# decisions made again on every run: a service failure, an offline run, a "not a paper" flag
RETRY_REASONS = (Reason.SOURCE_FAILED, Reason.OFFLINE, Reason.NOT_A_PAPER)
USER_DECISIONS = (Status.PINNED, Status.REJECTED, Status.NOT_A_PAPER)
TITLE_ORDER = {"hf": ("arxiv", "hf", "s2"), "default": ("arxiv", "s2", "hf")}
VIA_TITLE = {"arxiv": "arxiv-title", "s2": "s2", "hf": "hf"}
ID_TITLE_WARN = 0.5  # an id-linked entry whose listed title is less similar than this gets a note


PINNED_NOT_FOUND = Reason.PINNED_NOT_FOUND.value


def is_settled(res: Resolution, pending: tuple[str, ...] = ()) -> bool:
    """Whether a lock decision stands (no request): everything but retryable failures, unfetched pins
    and usable decisions with pending enrichment."""
    if res.status.usable and pending:
        return False
    if res.status is Status.UNRESOLVED:
        return res.reason_kind not in RETRY_REASONS
    return not needs_fetch(res)


def resolve_entries(
    entries: Sequence[Entry],
    config: Config,
    *,
    lock_path: str | Path | None = None,
    offline: bool = False,
    progress: Progress | None = None,
    sources: Mapping[str, Source] | None = None,
) -> ResolveReport:
    """Resolve every entry, honouring and updating the lock file.

    ``sources`` replaces the real services (tests pass fakes); ``progress`` is
    called as identities get decided. Returns a :class:`ResolveReport` whose
    rows align with ``entries``.
    """
    path = Path(lock_path or config.resolve.lock)
    lock, old_pending = read_lock(path)
    firsts = _first_entries(entries)
    flagged = _non_papers(entries)
    cached = {
        i: lock[i]
        for i in firsts
        if i in lock
        and is_settled(lock[i], old_pending.get(i, ()))
        and (i not in flagged or lock[i].status in USER_DECISIONS)
    }
    flags = {i: _flag(firsts[i], why, lock.get(i)) for i, why in flagged.items() if i not in cached}
    work = {
        i: Work(e, prior=lock.get(i))
        for i, e in firsts.items()
        if i not in cached and i not in flags
    }
    srcs = {} if offline else dict(sources if sources is not None else build_sources(config))
    tick = _ticker(progress, len(firsts), len(cached) + len(flags))
    pending: dict[str, tuple[str, ...]] = {}
    if offline:
        for i, w in work.items():
            w.result = _offline(w)
            pending[i] = old_pending.get(i, ())
    else:
        for (
            i,
            w,
        ) in work.items():  # provisional decisions stand; only their missing metadata is fetched
            if (
                w.prior is not None
                and w.prior.status.usable
                and old_pending.get(i)
                and not needs_fetch(w.prior)
            ):
                w.result = w.prior
        checkpoints = Checkpoints(path, (lock, old_pending))
        try:
            by_ids(work, srcs, tick)
            for i, w in work.items():
                if w.result is not None and w.result is not w.prior:  # decided by its id
                    checkpoints.add(i, w.result)
            by_titles(work, srcs, config, tick, on_settled=checkpoints.add)
        except KeyboardInterrupt:  # what was decided so far is kept: a re-run repeats none of it
            checkpoints.flush()
            raise
        recorders = {n: Recording(s) for n, s in srcs.items()}
        enrich(work, recorders)
        pending = {i: pending_marks(w.result, recorders) for i, w in work.items()}
    decided = {**flags, **{i: _finish(w) for i, w in work.items()}}
    report = ResolveReport(
        rows=[Row(e, cached.get(e.ident) or decided[e.ident], e.ident in cached) for e in entries],
        resolutions={**cached, **decided},
        sources={n: s.stats for n, s in srcs.items()},
        offline=offline,
        lock_path=str(path),
        pending={i: p for i, p in pending.items() if p},
    )
    report.lock_written = save_decisions(path, (lock, old_pending), decided, pending)
    report.lock = _lock_after(lock, old_pending, decided, pending, report.lock_written)
    tick(len(work))
    return report


def _non_papers(entries: Iterable[Entry]) -> dict[str, str]:
    """Identities that name no paper (:mod:`.nonpapers`): every entry of it is flagged."""
    why: dict[str, str | None] = {}
    for e in entries:
        reason = not_a_paper(e)
        why[e.ident] = reason if why.get(e.ident, reason) is not None else None
    return {i: r for i, r in why.items() if r is not None}


def _flag(entry: Entry, why: str, prior: Resolution | None) -> Resolution:
    """A non-paper: flagged, never looked up (a pin in the lock file overrides it)."""
    return Resolution(
        ident=entry.ident,
        status=Status.UNRESOLVED,
        reason=f"{NOT_A_PAPER}: {why}; not looked up (pin an id in the lock file if it is a paper)",
        listed_title=entry.title,
        citation_key=prior.citation_key if prior else None,
    )


def _first_entries(entries: Iterable[Entry]) -> dict[str, Entry]:
    firsts: dict[str, Entry] = {}
    for e in entries:
        firsts.setdefault(e.ident, e)
    return firsts


def _ticker(progress: Progress | None, total: int, done: int) -> Callable[[int], None]:
    state = {"done": done}
    lock = threading.Lock()  # the title stage ticks from every service's worker

    def tick(n: int = 1) -> None:
        with lock:
            state["done"] = min(total, state["done"] + n)
            if progress:
                progress(state["done"], total)

    tick(0)
    return tick


def _offline(w: Work) -> Resolution:
    """What an offline run can say about an identity the lock does not settle."""
    if w.prior and needs_fetch(
        w.prior
    ):  # the pin stands; its paper is fetched by the next online run
        return dataclasses.replace(
            w.prior, reason=Reason.OFFLINE.because("the pinned paper's metadata is not fetched yet")
        )
    if (
        w.prior and w.prior.status.usable
    ):  # a provisional decision stands; its pending metadata waits for a run online
        return w.prior
    what = (
        f"an earlier run left it unresolved ({w.prior.reason})"
        if w.prior
        else "not in the lock file"
    )
    return Resolution(
        ident=w.entry.ident,
        status=Status.UNRESOLVED,
        reason=Reason.OFFLINE.because(what),
        listed_title=w.entry.title,
    )


# --------------------------------------------------------------------------- stage 2: ids


def _wanted_id(w: Work) -> str | None:
    """The ``kind:value`` id to look up for this identity (a pin first), if any."""
    if w.result is not None:  # a provisional decision: only enrichment is pending
        return None
    pin = pinned_id(w.prior) if w.prior else None
    if pin is not None:
        return f"arxiv:{pin.arxiv_id}" if pin.arxiv_id else (f"doi:{pin.doi}" if pin.doi else None)
    e = w.entry
    return f"arxiv:{e.arxiv_id}" if e.arxiv_id else (f"doi:{e.doi.lower()}" if e.doi else None)


def by_ids(work: dict[str, Work], srcs: Mapping[str, Source], tick: Callable[[int], None]) -> None:
    """Look up every identity that carries an id, batched per source, degrading on failure."""
    pending = {i: k for i, w in work.items() if (k := _wanted_id(w))}
    for name in ("arxiv", "s2", "hf"):
        src = srcs.get(name)
        keys = sorted({k for k in pending.values() if src and k.split(":", 1)[0] in src.id_kinds})
        if not keys:
            continue
        answers = src.lookup(keys)
        for ident, key in list(pending.items()):
            w = work[ident]
            if key in answers.found:
                del pending[ident]
                if answers.found[key]:
                    w.result = _id_resolution(w, answers.found[key][0], name)
                    tick(1)
                elif w.prior and needs_fetch(w.prior):
                    w.failures.append(f"{name} knows no paper {key}")
                else:
                    w.unknown_id = key
            elif key in answers.failed:
                w.failures.append(answers.failed[key])
    for ident in pending:  # every source failed: the title stage may still find it
        work[ident].failures.append(f"id lookup failed for {pending[ident]}")


def id_title_note(listed: str, linked: str) -> str | None:
    """A note when the title a list gives an id-linked entry looks like another paper's, else None.

    Short titles are not judged, and a paper renamed between versions that kept its
    name (``PrefixQuant: <old subtitle>`` → ``PrefixQuant: <new subtitle>``) is not flagged.
    """
    if len(listed.split()) < 4 or matching.same_short_name(listed, linked):
        return None
    if matching.title_similarity(listed, linked) >= ID_TITLE_WARN:
        return None
    return f"note: the listed title differs from the linked paper's ({linked!r}); check the link"


def _id_resolution(w: Work, paper: Paper, source: str) -> Resolution:
    """The paper an id names is the answer (the user linked it); a title that disagrees is noted."""
    pinned = w.prior is not None and needs_fetch(w.prior)
    note = None if pinned else id_title_note(w.entry.title, paper.title)
    return Resolution(
        ident=w.entry.ident,
        status=Status.PINNED if pinned else Status.RESOLVED,
        paper=paper,
        confidence=1.0,
        via="user" if pinned else f"{source}-id",
        listed_title=w.entry.title,
        reason=note,
        citation_key=w.prior.citation_key if w.prior else None,
    )


# --------------------------------------------------------------------------- stage 3: titles


def _needs_title_search(w: Work) -> bool:
    if w.result is not None or not w.entry.title.strip():
        return False
    return not (w.prior and w.prior.status is Status.PINNED)  # a pin is never re-guessed


def by_titles(
    work: dict[str, Work],
    srcs: Mapping[str, Source],
    config: Config,
    tick: Callable[[int], None],
    on_settled: Callable[[str, Resolution], None] | None = None,
) -> None:
    """Batched title searches, every service at once (:mod:`.cascade`); each entry stops at its
    first clear winner and only what one service leaves open goes on to the next."""
    threshold, margin = config.resolve.threshold, config.resolve.margin
    todo = {i: w for i, w in work.items() if _needs_title_search(w)}
    orders = {
        i: TITLE_ORDER["hf" if w.entry.dialect == "hf" else "default"] for i, w in todo.items()
    }

    def handle(name: str, idents: list[str]) -> set[str]:
        answers = srcs[name].search([_asked(todo[i].entry) for i in idents])
        settled = set()
        for ident in idents:
            w = todo[ident]
            _absorb(w, name, answers)
            decision = _decision(w, threshold, margin)
            if decision.status is not Status.RESOLVED:
                continue
            if w.unknown_id:
                w.result = _undecided(w, threshold, margin)
            elif _agrees_with_link(w.entry, decision.candidate.paper):
                w.result = _title_resolution(w, decision)
            else:
                continue
            settled.add(ident)
            tick(1)
            if on_settled:
                on_settled(ident, w.result)
        return settled

    batches = {n: getattr(srcs[n], "search_batch", 50) for n in ("arxiv", "s2", "hf") if n in srcs}
    run_cascade(orders, batches, handle)
    left = {
        i: w
        for i, w in todo.items()
        if w.result is None and not w.failures and not (w.entry.arxiv_id or w.entry.doi)
    }
    for ident, res in by_earlier_titles(left, srcs, threshold, margin).items():
        work[ident].result = res
        tick(1)
        if on_settled:
            on_settled(ident, res)
    named = {i: w for i, w in left.items() if w.result is None}
    for ident, res in by_name(named, srcs).items():  # nicknames: review, never decided
        work[ident].result = res
        tick(1)
        if on_settled:
            on_settled(ident, res)
    for ident, w in work.items():
        if w.result is None:
            w.result = _undecided(w, threshold, margin)
            tick(1)
            if on_settled and ident in todo:
                on_settled(ident, w.result)


def _agrees_with_link(entry: Entry, paper: Paper) -> bool:
    """Whether a title winner is the paper the entry links (always true for an entry without an id).

    An id-linked entry reaches the title stage only when its id could not be
    fetched; a title match under *another* id is then a look-alike (or the
    linked paper was renamed), never a reason to swap the user's link.
    """
    if entry.arxiv_id:
        return bool(paper.arxiv_id) and canonical_arxiv_id(paper.arxiv_id) == canonical_arxiv_id(
            entry.arxiv_id
        )
    if entry.doi:
        return (paper.doi or "").lower() == entry.doi.lower()
    return True


def _decision(w: Work, threshold: float, margin: float) -> matching.Decision:
    ranked = matching.rank(w.entry, w.found)
    agreeing = len(
        {
            src
            for p, src in w.found
            if ranked and matching.paper_key(p) == matching.paper_key(ranked[0].paper)
        }
    )
    return matching.decide(w.entry, ranked, threshold, margin, sources_agreeing=agreeing)


def _asked(entry: Entry) -> str:
    """What the services are asked for an entry: its title without the labels left in it."""
    return matching.strip_labels(entry.title)


def _absorb(w: Work, source: str, answers: Answers) -> None:
    title = _asked(w.entry)
    if title in answers.found:
        w.found.extend((p, source) for p in answers.found[title])
    elif title in answers.failed:
        w.failures.append(answers.failed[title])


def _title_resolution(w: Work, decision: matching.Decision) -> Resolution:
    cand = decision.candidate
    assert cand is not None
    paper = cand.paper
    if (
        w.entry.openreview_id and not paper.openreview_id
    ):  # the list linked this paper's OpenReview page
        paper = dataclasses.replace(
            paper,
            openreview_id=w.entry.openreview_id,
            url=paper.url or f"https://openreview.net/forum?id={w.entry.openreview_id}",
        )
    return Resolution(
        ident=w.entry.ident,
        status=Status.RESOLVED,
        paper=paper,
        confidence=round(decision.confidence, 3),
        via=VIA_TITLE.get(cand.source, cand.source),
        listed_title=w.entry.title,
        reason=decision.reason,  # a note, e.g. which duplicate submission was chosen and why
        citation_key=w.prior.citation_key if w.prior else None,
    )


def _undecided(w: Work, threshold: float, margin: float) -> Resolution:
    """No clear winner: review, unresolved ("no match"), or unresolved because a source failed."""
    decision = _decision(w, threshold, margin)
    base = dict(
        ident=w.entry.ident,
        listed_title=w.entry.title,
        candidates=tuple(compact_candidate(c) for c in decision.candidates),
        confidence=round(decision.confidence, 3),
        citation_key=w.prior.citation_key if w.prior else None,
    )
    if w.prior and w.prior.status is Status.PINNED:
        return _pin_unfetched(w)
    if w.failures:
        reason = Reason.SOURCE_FAILED.because("; ".join(dict.fromkeys(w.failures)))
        return Resolution(status=Status.UNRESOLVED, reason=reason, **base)
    via = decision.candidate.source if decision.candidate else None
    if w.unknown_id:
        return _dead_link(w.unknown_id, decision, base, via)
    if decision.status is Status.RESOLVED:  # a clear title winner that is not the linked paper
        return Resolution(
            status=Status.REVIEW,
            via=via,
            reason=f"the listed title matches another paper than the linked {w.entry.ident}",
            **{**base, "candidates": (compact_candidate(decision.candidate),)},
        )
    return Resolution(status=decision.status, reason=decision.reason, via=via, **base)


def _dead_link(
    unknown_id: str, decision: matching.Decision, base: dict, via: str | None
) -> Resolution:
    """A linked id the services do not know: never swapped for a title match — the user decides."""
    kind, _, value = unknown_id.partition(":")
    lost = f"linked {'arXiv id' if kind == 'arxiv' else kind.upper()} {value} not found"
    if decision.candidate is None:
        return Resolution(
            status=Status.UNRESOLVED, reason=f"{lost}; no paper matches the listed title", **base
        )
    why = (
        "a paper with the listed title exists under another id"
        if decision.status is Status.RESOLVED
        else decision.reason
    )
    return Resolution(
        status=Status.REVIEW,
        reason=f"{lost}; {why}",
        via=via,
        **{**base, "candidates": base["candidates"] or (compact_candidate(decision.candidate),)},
    )


def _only_unknown_ids(failures: list[str]) -> bool:
    return bool(failures) and all(" knows no paper " in f for f in failures)


def _pin_unfetched(w: Work) -> Resolution:
    """A pin whose paper could not be fetched: retried next run if a source failed; review if no source knows it.

    Either way the resolution carries no paper, so no later stage can use it
    (a pinned id nobody knows must never become an empty-titled .bib entry or
    Zotero item).
    """
    prior = w.prior
    assert prior is not None
    why = "; ".join(dict.fromkeys(w.failures)) or "no source could fetch it"
    if not _only_unknown_ids(w.failures):  # the pin stands; its paper is fetched next run
        return dataclasses.replace(prior, reason=Reason.SOURCE_FAILED.because(why))
    pin = pinned_id(prior)
    shown = (pin.arxiv_id or pin.doi) if pin else "?"
    return Resolution(
        ident=prior.ident,
        status=Status.REVIEW,
        confidence=0.0,
        via="user",
        reason=Reason.PINNED_NOT_FOUND.because(
            f"{shown} ({why}); pin another id, or delete the block to resolve again"
        ),
        listed_title=prior.listed_title or w.entry.title,
        citation_key=prior.citation_key,
    )


# --------------------------------------------------------------------------- stage 5: finish + lock


def _finish(w: Work) -> Resolution:
    assert w.result is not None, "every identity is decided by the title stage at the latest"
    return w.result


def _lock_after(
    lock: Mapping[str, Resolution],
    old_pending: Mapping[str, tuple[str, ...]],
    decided: Mapping[str, Resolution],
    pending: Mapping[str, tuple[str, ...]],
    written: bool,
) -> dict[str, Resolution]:
    """The whole lock as the file now holds it (what the .bib and push stages of ``sync`` use)."""
    if not written:
        return dict(lock)
    merged = merge_decisions((lock, old_pending), decided, pending)
    return as_read(merged.lock, merged.marks)


# --------------------------------------------------------------------------- files


def parse_entries(paths: Sequence[str]) -> list[Entry]:
    """All entries of the given reading lists, in document order (the parser's output)."""
    from zotsync.parse import (
        parse_files,  # the parse stage; imported late to keep this module light
    )

    return [e for result in parse_files(list(paths)) for e in result.entries]


def resolve_files(
    paths: Sequence[str],
    config: Config,
    *,
    lock_path: str | Path | None = None,
    offline: bool = False,
    progress: Progress | None = None,
) -> ResolveReport:
    """Parse the lists, then :func:`resolve_entries` their entries (what ``zotsync resolve`` runs)."""
    return resolve_entries(
        parse_entries(paths), config, lock_path=lock_path, offline=offline, progress=progress
    )
