"""Human and JSON renderings of a push: the plan before, the summary after.

JSON shape (``zotsync push --json``; keys are part of the interface)::

    {"library": "users/1", "dry_run": false, "applied": true,
     "wanted": {"collections": 5, "items": 40, "notes": 12, "skipped": 3},
     "counts": {"collections": {"create": 5, "update": 0, "trash": 0}, "items": {…}, "notes": {…}},
     "writes": [{"kind", "op", "key", "slot", "label", "changes"}],
     "conflicts": [{"kind", "slot", "key", "fields", "decision", "label"}],
     "notices": [{"code", "message", "slot"}],
     "uploads": [{"key", "slot", "label"}],            (PDFs to store, --pdf upload)
     "result": {"written": 50, "unchanged": 0, "failed": [{"label", "key", "code", "message"}],
                "uploaded": 3, "existed": 0, "upload_failed": [{"label", "key", "message"}]} | null,
     "requests": {"reads": 3, "writes": 2}}
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from zotsync.push.actions import CREATE, TRASH, UPDATE, Plan
from zotsync.push.push import PushOutcome
from zotsync.push.state import KINDS
from zotsync.wording import count

_MARK = {CREATE: "+", UPDATE: "~", TRASH: "-"}


def counts(plan: Plan) -> dict[str, dict[str, int]]:
    tally = Counter((w.kind, w.op) for w in plan.writes)
    return {kind: {op: tally[(kind, op)] for op in (CREATE, UPDATE, TRASH)} for kind in KINDS}


def to_json(outcome: PushOutcome) -> dict[str, Any]:
    plan = outcome.plan
    result = None
    if outcome.result is not None:
        r = outcome.result
        result = {
            "written": len(r.done),
            "unchanged": len(r.unchanged),
            "failed": [
                {"label": f.write.label, "key": f.write.key, "code": f.code, "message": f.message}
                for f in r.failed
            ],
            "uploaded": len(r.uploaded),
            "existed": len(r.existed),
            "upload_failed": [
                {"label": up.label, "key": up.key, "message": why} for up, why in r.upload_failed
            ],
        }
    return {
        "library": plan.library,
        "dry_run": outcome.dry_run,
        "applied": outcome.applied,
        "wanted": dict(plan.stats),
        "counts": counts(plan),
        "writes": [
            {
                "kind": w.kind,
                "op": w.op,
                "key": w.key,
                "slot": w.slot,
                "label": w.label,
                "changes": list(w.changes),
            }
            for w in plan.writes
        ],
        "uploads": [{"key": u.key, "slot": u.slot, "label": u.label} for u in plan.uploads],
        "conflicts": [
            {
                "kind": c.kind,
                "slot": c.slot,
                "key": c.key,
                "fields": list(c.fields),
                "decision": c.decision,
                "label": c.label,
            }
            for c in plan.conflicts
        ],
        "notices": [{"code": n.code, "message": n.message, "slot": n.slot} for n in plan.notices],
        "result": result,
        "requests": {"reads": outcome.requests.reads, "writes": outcome.requests.writes},
    }


def _changes(plan: Plan, *, past: bool) -> str:
    c = counts(plan)
    verbs = {
        CREATE: "created" if past else "create",
        UPDATE: "updated" if past else "update",
        TRASH: "trashed" if past else "trash",
    }
    parts = [
        f"{verbs[op]} {', '.join(_count(c[k][op], k) for k in KINDS if c[k][op])}"
        for op in (CREATE, UPDATE, TRASH)
        if any(c[k][op] for k in KINDS)
    ]
    return "; ".join(parts) or "no changes"


def _count(n: int, kind: str) -> str:
    """``3 notes``, ``1 note`` (kinds are the plural endpoint names); ``children`` are the
    items' comment notes and attachments."""
    if kind == "children":
        return f"{n} {'attachments/comment notes' if n != 1 else 'attachment/comment note'}"
    return f"{n} {kind if n != 1 else kind[:-1]}"


def plan_text(plan: Plan, *, limit: int = 200) -> str:
    """The plan as the user reads it before confirming."""
    s = plan.stats
    lines = [
        f"Zotero library {plan.library}: the lists want "
        + ", ".join(_count(s.get(k, 0), k) for k in ("collections", "items", "notes"))
    ]
    writes = [w for kind in KINDS for w in plan.writes_of(kind)]
    for w in writes[:limit]:
        extra = f" ({', '.join(w.changes)})" if w.op == UPDATE and w.changes else ""
        lines.append(f"  {_MARK[w.op]} {w.label}{extra}")
    if len(writes) > limit:
        lines.append(f"  … and {len(writes) - limit} more")
    for c in plan.conflicts:
        lines.append(
            f"  ! conflict: {c.label}: {', '.join(c.fields)} changed in the list and in Zotero → {c.decision}"
        )
    for u in plan.uploads[:limit]:
        lines.append(f"  ^ {u.label}")
    for n in plan.notices:
        lines.append(f"  i {n.message}")
    if not plan.writes and not plan.uploads:
        lines.append("  nothing to write: Zotero already matches the lists")
    if plan.refused:
        lines.append(f"  refused: {plan.refused}")
    return "\n".join(lines)


def summary_text(outcome: PushOutcome) -> str:
    """One or two lines after a push (or a dry run)."""
    what = _changes(outcome.plan, past=outcome.applied)
    req = f"{outcome.requests.reads} read / {outcome.requests.writes} write requests"
    if outcome.dry_run:
        if not outcome.plan.writes:
            return f"Dry run: nothing to write. Nothing was written ({req})."
        return f"Dry run: would {what}. Nothing was written ({req})."
    if not outcome.applied:
        return f"Not applied: {what} ({req})." if outcome.plan.writes else f"Up to date ({req})."
    r = outcome.result
    failed = f"; {len(r.failed)} FAILED" if r and r.failed else ""
    if r and (r.uploaded or r.existed or r.upload_failed):
        what += f"; uploaded {count(len(r.uploaded), 'PDF')}"
        what += f" ({len(r.existed)} already stored)" if r.existed else ""
        failed += f"; {count(len(r.upload_failed), 'upload')} FAILED" if r.upload_failed else ""
    lines = [f"Done: {what}{failed} ({req})."]
    for f in r.failed if r else []:
        lines.append(f"  failed: {f.write.label}: HTTP {f.code} {f.message}")
    for up, why in r.upload_failed if r else []:
        lines.append(f"  failed: {up.label}: {why}")
    if outcome.plan.conflicts:
        lines.append(f"  {count(len(outcome.plan.conflicts), 'conflict')} reported above")
    return "\n".join(lines)
