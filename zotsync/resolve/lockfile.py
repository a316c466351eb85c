"""The lock file: every resolve decision, human-readable, reviewable, committable.

Location: ``config.resolve.lock`` (default ``zotsync.lock`` in the working
directory; ``ZOTSYNC_LOCK`` or ``--lock PATH`` override it).

Format: TOML, one ``[[entry]]`` block per paper identity (``Entry.ident``),
sorted by identity, with no timestamps, so that a diff shows only decisions
that changed. Each block holds the decision (``status``, ``arxiv_id``,
``confidence``, ``via``, ``reason``, ``citation_key``), then ``[entry.paper]``
with the metadata later stages need, then ``[[entry.candidates]]`` for review
items. The header comment (:data:`HEADER`) tells a user how to edit it.

Users edit the file; re-runs respect the edits:

* pin: ``status = "pinned"`` and ``arxiv_id = "2410.08159"`` (or ``doi = "10.…"``)
  → the next ``zotsync resolve`` fetches that paper by id (one batched request);
* reject: ``status = "rejected"`` → the entry is never re-guessed and never used;
* not a paper: ``status = "not-a-paper"`` → ignored by every later stage.

Pending work: ``pending = ["arxiv", "venue"]`` on a usable decision records
what a failed service left undone (the arXiv record — version, categories,
dates —, or the published venue from Semantic Scholar). Such a decision is
provisional: the next online run fetches exactly that, and clears the mark.
:func:`read_lock` returns the marks; :func:`save_lock` keeps the file's marks
unless the caller (the resolver) passes new ones.

Format: ``format = 1`` at the top. A file from a newer zotsync (a higher
``format``) is refused, never rewritten in the old format.

Every value is type-checked when read (:mod:`.lock_values`): a wrong type (``title = 5``,
``authors = "A B"``, ``score = "hi"``, ``published = "yesterday"``) is an
:class:`InputError` naming the block's line and the field.

Keys zotsync does not know (a user's own ``note = "…"``, or fields a newer
version writes) are kept: :func:`save_lock` carries them over from the file it
replaces. Writes are atomic (temporary file + :func:`os.replace`).

Downstream stages read the lock only through :func:`load_lock` and write back
(e.g. ``Resolution.citation_key``) only through :func:`save_lock`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from zotsync.atomic import replace_file
from zotsync.errors import InputError
from zotsync.model import Candidate, Paper, Resolution, Status
from zotsync.resolve import toml_emit
from zotsync.resolve.lock_values import candidate_from_table, number, paper_from_table, typed

FORMAT_VERSION = 1

HEADER = """\
zotsync lock file: one [[entry]] block per paper, written by `zotsync resolve`.
Review it and commit it with your list; re-runs make no request for entries in here.

Edit a block to correct a decision (then run `zotsync resolve` again):
  pin an id:      status = "pinned"   and   arxiv_id = "2410.08159"   (or doi = "10.1234/x")
  reject a match: status = "rejected"       (never guessed again; the entry is left out)
  not a paper:    status = "not-a-paper"    (a blog post, a talk, a tool, ...)
  re-resolve:     delete the whole block
`status = "review"` blocks list their candidates below; `zotsync resolve --review` walks them.
`pending = ["arxiv", "venue"]`: metadata a failed service left undone; the next run fetches it.
Keys zotsync does not know are kept as they are.""".splitlines()

# Keys of an [[entry]] block and its [entry.paper] table that zotsync owns.
_ENTRY_KEYS = (
    "ident",
    "status",
    "listed_title",
    "arxiv_id",
    "doi",
    "version",
    "confidence",
    "via",
    "reason",
    "citation_key",
    "pending",
)
PENDING_KINDS = ("arxiv", "venue")  # what a failed service may leave undone on a usable decision
PIN_SOURCE = "user"  # the candidate source of a pinned id whose paper is not fetched yet
_PAPER_FIELDS = tuple(f.name for f in dataclasses.fields(Paper))
_CANDIDATE_PAPER_KEYS = (
    "arxiv_id",
    "title",
    "authors",
    "published",
    "year",
    "venue",
    "doi",
    "openreview_id",
)
_STATUSES = {s.value: s for s in Status}
_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*entry[ \t]*\]\]", re.MULTILINE)


# --------------------------------------------------------------------------- load


def load_lock(path: str | os.PathLike[str]) -> dict[str, Resolution]:
    """Read a lock file into ``{ident: Resolution}``.

    A missing file is an empty lock. A file that is not valid TOML, a newer
    ``format``, or a block with a missing ident, an unknown status or a value
    of the wrong type raises :class:`InputError` naming the line. A pinned
    block whose ``arxiv_id``/``doi`` no longer matches its ``[entry.paper]``
    has *no* paper (so no later stage can use it) and the pinned id as its one
    candidate (source :data:`PIN_SOURCE`): :func:`needs_fetch` is true and
    :func:`pinned_id` names what the resolver must fetch.
    """
    return read_lock(path)[0]


def read_lock(
    path: str | os.PathLike[str],
) -> tuple[dict[str, Resolution], dict[str, tuple[str, ...]]]:
    """:func:`load_lock` plus the ``pending`` marks (ident -> kinds still to fetch)."""
    raw = _read_raw(Path(path))
    if raw is None:
        return {}, {}
    return _decode(*raw, path)


def as_read(
    resolutions: Mapping[str, Resolution], pending: Mapping[str, tuple[str, ...]] | None = None
) -> dict[str, Resolution]:
    """``resolutions`` exactly as a later read of the lock file written from them gives them
    (sorted by ident, numbers rounded, candidates compacted): what a stage after the resolver
    uses, so a run that passes the lock on in memory sees what a run reading the file sees."""
    text = dumps(resolutions, None, pending)
    return _decode(text, tomllib.loads(text), "<lock>")[0]


def _decode(
    text: str, data: Mapping[str, Any], path: Any
) -> tuple[dict[str, Resolution], dict[str, tuple[str, ...]]]:
    lines = _entry_lines(text)
    out: dict[str, Resolution] = {}
    pending: dict[str, tuple[str, ...]] = {}
    for index, block in enumerate(_entry_blocks(data, path)):
        where = f"{path}, line {lines[index] if index < len(lines) else '?'}"
        res = _resolution_from_block(block, where)
        if res.ident in out:
            raise InputError(
                f"lock file {where}: ident {res.ident!r} appears twice",
                hint="delete one of the two blocks",
            )
        out[res.ident] = res
        marks = _pending_from_block(block, where)
        if marks and res.status.usable:
            pending[res.ident] = marks
    return out, pending


def _pending_from_block(block: Mapping[str, Any], where: str) -> tuple[str, ...]:
    value = block.get("pending", [])
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v in PENDING_KINDS for v in value
    ):
        raise InputError(
            f"lock file {where}: field 'pending' must be a list of {', '.join(map(repr, PENDING_KINDS))}",
            hint="delete the line to fetch nothing more",
        )
    return tuple(dict.fromkeys(value))


def _read_raw(path: Path) -> tuple[str, dict[str, Any]] | None:
    if not path.exists():
        return None
    if path.is_dir():
        raise InputError(f"lock file {path} is a directory", hint="pass a file path with --lock")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read lock file {path}: {exc.__class__.__name__}",
            hint="it must be UTF-8 TOML written by zotsync",
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            f"lock file {path} is not valid TOML: {exc}",
            hint="fix that line (see the header comment for the format), or delete the file to resolve again",
        ) from None
    _check_format(data.get("format", FORMAT_VERSION), path)
    return text, data


def _check_format(value: Any, path: Path) -> None:
    """Refuse a lock written by a newer zotsync (rewriting it as format 1 would lose what it knows)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(
            f"lock file {path}: field 'format' must be a whole number (this zotsync writes {FORMAT_VERSION})"
        )
    if value > FORMAT_VERSION:
        raise InputError(
            f"lock file {path} has format = {value}, newer than this zotsync understands ({FORMAT_VERSION})",
            hint="upgrade zotsync; the file is left untouched",
        )


def _entry_lines(text: str) -> list[int]:
    """1-based line number of each ``[[entry]]`` header, in file order."""
    lines, line, pos = [], 1, 0
    for m in _ENTRY_HEADER.finditer(text):  # counted on from the previous header: linear time
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lines.append(line)
    return lines


def _entry_blocks(data: Mapping[str, Any], path: Any) -> list[Mapping[str, Any]]:
    blocks = data.get("entry", [])
    if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
        raise InputError(
            f"lock file {path}: 'entry' must be [[entry]] blocks",
            hint="see the header comment for the format",
        )
    return blocks


def _resolution_from_block(block: Mapping[str, Any], where: str) -> Resolution:
    ident = block.get("ident")
    if not isinstance(ident, str) or not ident:
        raise InputError(
            f"lock file {where}: block without an ident", hint='every [[entry]] needs ident = "..."'
        )
    status_text = block.get("status", "")
    if status_text not in _STATUSES:
        raise InputError(
            f"lock file {where}: unknown status {status_text!r} for {ident}",
            hint=f"use one of: {', '.join(_STATUSES)}",
        )
    status = _STATUSES[status_text]
    for key in ("listed_title", "arxiv_id", "doi", "via", "reason", "citation_key"):
        typed(block, key, (str,), "text", where)
    typed(block, "version", (int,), "a whole number", where)
    paper = paper_from_table(block.get("paper"), where)
    confidence = number(block.get("confidence", 0.0), "confidence", where)
    raw_cands = block.get("candidates", [])
    if not isinstance(raw_cands, list) or not all(isinstance(c, dict) for c in raw_cands):
        raise InputError(f"lock file {where}: 'candidates' must be [[entry.candidates]] tables")
    candidates = tuple(candidate_from_table(c, where) for c in raw_cands)
    paper, pin = _apply_pin(status, block, paper, where)
    return Resolution(
        ident=ident,
        status=status,
        paper=paper,
        confidence=max(0.0, min(1.0, confidence)),
        via=_opt_str(block.get("via")),
        reason=_opt_str(block.get("reason")),
        candidates=pin + candidates if pin else candidates,
        citation_key=_opt_str(block.get("citation_key")),
        listed_title=_opt_str(block.get("listed_title")),
    )


def _apply_pin(
    status: Status, block: Mapping[str, Any], paper: Paper | None, where: str
) -> tuple[Paper | None, tuple[Candidate, ...]]:
    """A pinned id that differs from the stored paper: no paper, and the pinned id as a candidate to fetch."""
    pin_id = _opt_str(block.get("arxiv_id"))
    pin_doi = _opt_str(block.get("doi"))
    if status is not Status.PINNED:
        return paper, ()
    if not pin_id and not pin_doi and paper is None:
        raise InputError(
            f'lock file {where}: status is "pinned" but there is no arxiv_id or doi',
            hint='add arxiv_id = "YYMM.NNNNN" (or doi = "10.…") to the block',
        )
    if pin_id:
        pin_id = pin_id.removeprefix("arXiv:").removeprefix("arxiv:").strip()
        pin_id = re.sub(r"v\d+$", "", pin_id)
        if paper is None or paper.arxiv_id != pin_id:
            return None, (pin_candidate(arxiv_id=pin_id),)
    elif pin_doi and (paper is None or (paper.doi or "").lower() != pin_doi.lower()):
        return None, (pin_candidate(doi=pin_doi.lower()),)
    return paper, ()


def pin_candidate(*, arxiv_id: str | None = None, doi: str | None = None) -> Candidate:
    """The stand-in for a pinned id whose paper is not fetched yet (never a usable paper)."""
    return Candidate(
        paper=Paper(title="", arxiv_id=arxiv_id, doi=doi), score=1.0, source=PIN_SOURCE
    )


def pinned_id(res: Resolution) -> Paper | None:
    """The id (as a title-less Paper) a pin still has to fetch, or None when there is nothing to fetch."""
    if res.status is not Status.PINNED:
        return None
    if res.paper is not None and not res.paper.title:  # an in-memory stub (older callers, tests)
        return res.paper
    if res.paper is None:
        return next(
            (c.paper for c in res.candidates if c.source == PIN_SOURCE and not c.paper.title), None
        )
    return None


def compact_candidate(c: Candidate) -> Candidate:
    """A candidate as the lock file keeps it (key fields, score to 3 decimals): what a re-run reads back."""
    paper = Paper(**{name: getattr(c.paper, name) for name in _CANDIDATE_PAPER_KEYS})
    return Candidate(paper=paper, score=round(float(c.score), 3), source=c.source)


def needs_fetch(res: Resolution) -> bool:
    """Whether a pinned resolution still lacks the pinned paper's metadata."""
    return res.status is Status.PINNED and (res.paper is None or not res.paper.title)


def _opt_str(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


# --------------------------------------------------------------------------- save


def save_lock(
    path: str | os.PathLike[str],
    resolutions: Mapping[str, Resolution],
    pending: Mapping[str, tuple[str, ...]] | None = None,
) -> None:
    """Write ``resolutions`` atomically, sorted by ident, keeping unknown keys of the file it replaces.

    ``pending`` (ident -> kinds, see :data:`PENDING_KINDS`) replaces the file's
    ``pending`` marks; None keeps them (what a stage that only adds citation keys wants).
    """
    path = Path(path)
    previous = _read_raw(path)
    extras = _unknown_keys(previous[1]) if previous else {}
    if pending is None:
        pending = _previous_pending(previous[1]) if previous else {}
    text = dumps(resolutions, extras, pending)
    replace_file(path, text.encode("utf-8"), make_parents=True)


def _previous_pending(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    blocks = data.get("entry") if isinstance(data.get("entry"), list) else []
    return {
        b["ident"]: tuple(v for v in b["pending"] if v in PENDING_KINDS)
        for b in blocks
        if isinstance(b, dict)
        and isinstance(b.get("ident"), str)
        and isinstance(b.get("pending"), list)
    }


def dumps(
    resolutions: Mapping[str, Resolution],
    extras: Mapping[str, Mapping[str, Any]] | None = None,
    pending: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """The lock file text for ``resolutions`` (deterministic: same input, same bytes)."""
    extras, pending = extras or {}, pending or {}
    lines = toml_emit.comment_block(HEADER)
    lines += ["", f"format = {FORMAT_VERSION}"]
    for ident in sorted(resolutions):
        marks = pending.get(ident, ()) if resolutions[ident].status.usable else ()
        block = _block_for(resolutions[ident], extras.get(ident, {}), marks)
        lines.append("")
        lines.extend(toml_emit.table_block("entry", block, array=True))
    return "\n".join(lines) + "\n"


def _block_for(
    res: Resolution, extra: Mapping[str, Any], pending: tuple[str, ...] = ()
) -> dict[str, Any]:
    paper = res.paper or pinned_id(res)
    block: dict[str, Any] = {
        "ident": res.ident,
        "status": res.status.value,
        "listed_title": res.listed_title,
        "arxiv_id": paper.arxiv_id if paper else None,
        "doi": paper.doi if paper and not paper.arxiv_id and res.status is Status.PINNED else None,
        "version": paper.version if paper else None,
        "confidence": round(float(res.confidence), 3),
        "via": res.via,
        "reason": res.reason,
        "citation_key": res.citation_key,
        "pending": list(pending) or None,
    }
    for k, v in extra.items():
        if k not in block and k not in ("paper", "candidates"):
            block[k] = v
    if paper is not None and paper.title:
        table = _paper_table(paper)
        for k, v in (extra.get("paper") or {}).items():
            table.setdefault(k, v)
        block["paper"] = table
    shown = [
        c for c in res.candidates if c.paper.title or c.source != PIN_SOURCE
    ]  # a pin is its arxiv_id line
    if shown:
        block["candidates"] = [_candidate_table(c) for c in shown]
    return block


def _paper_table(paper: Paper) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name in _PAPER_FIELDS:
        v = getattr(paper, name)
        if v is None or v == () or v == "":
            continue
        table[name] = list(v) if isinstance(v, tuple) else v
    return table


def _candidate_table(c: Candidate) -> dict[str, Any]:
    table: dict[str, Any] = {"score": round(float(c.score), 3), "source": c.source}
    for name in _CANDIDATE_PAPER_KEYS:
        v = getattr(c.paper, name)
        if v not in (None, (), ""):
            table[name] = list(v) if isinstance(v, tuple) else v
    return table


def _unknown_keys(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per ident, the block keys (and paper keys) zotsync does not own, to carry over."""
    out: dict[str, dict[str, Any]] = {}
    for block in data.get("entry", []) if isinstance(data.get("entry"), list) else []:
        if not isinstance(block, dict) or not isinstance(block.get("ident"), str):
            continue
        extra = {
            k: v
            for k, v in block.items()
            if k not in _ENTRY_KEYS and k not in ("paper", "candidates") and _writable(v)
        }
        paper = block.get("paper")
        if isinstance(paper, dict):
            pextra = {k: v for k, v in paper.items() if k not in _PAPER_FIELDS and _writable(v)}
            if pextra:
                extra["paper"] = pextra
        if extra:
            out[block["ident"]] = extra
    return out


def _writable(v: Any) -> bool:
    """Values the emitter can write back (scalars and flat arrays)."""
    if isinstance(v, (str, int, float, bool)):
        return True
    return isinstance(v, list) and all(isinstance(x, (str, int, float, bool)) for x in v)
