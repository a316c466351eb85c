"""Scripted failures, matched against incoming requests.

A fault is a JSON object, e.g.::

    {"kind": "status", "status": 429, "retry_after": 2, "match": {"method": "POST", "path": "/items$"}, "times": 3}

Kinds:

``status``     answer with ``status`` (429, 500, 503, 409, ...) without handling the request;
               optional ``retry_after`` (seconds), ``body`` and ``content_type``; without a body
               the app's ``fault_body(status)`` (if it has one) gives the service's own error body
``backoff``    handle normally, add ``Backoff: <seconds>`` to the (successful) response
``conflict``   call ``app.concurrent_bump(request)`` first (another client wrote), then handle
               normally: the app's own precondition checks answer 412
``drop``       handle the request (a write is applied), then close the connection with no response
``reset``      close the connection without handling the request
``slow``       sleep ``seconds`` before handling
``html``       answer 200 with an HTML error page instead of handling
``empty``      answer 200 with an empty body instead of handling
``rate_limit`` answer 429 (``Retry-After: min_interval``) to any request that comes sooner than
               ``min_interval`` seconds after the previous one it let through

Common keys: ``match`` (``method`` exact, ``path`` regex searched in the path),
``times`` (how many matching requests it fires on; default 1, -1 = forever),
``after`` (let that many matching requests through first; default 0).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

KINDS = ("status", "backoff", "conflict", "drop", "reset", "slow", "html", "empty", "rate_limit")


class FaultSpecError(ValueError):
    pass


@dataclass
class Fault:
    kind: str
    status: int = 503
    retry_after: float | None = None
    body: str | None = None
    content_type: str | None = None
    seconds: float = 1.0
    min_interval: float = 3.0
    method: str | None = None
    path: re.Pattern[str] | None = None
    times: int = 1
    after: int = 0
    fired: int = 0
    seen: int = 0
    last_pass: float | None = field(default=None, repr=False)

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> Fault:
        if not isinstance(spec, dict) or spec.get("kind") not in KINDS:
            raise FaultSpecError(f"fault needs a 'kind' in {KINDS}: {spec!r}")
        match = spec.get("match") or {}
        try:
            return cls(
                kind=spec["kind"],
                status=int(spec.get("status", 429 if spec["kind"] == "rate_limit" else 503)),
                retry_after=None if spec.get("retry_after") is None else float(spec["retry_after"]),
                body=spec.get("body"),
                content_type=spec.get("content_type"),
                seconds=float(spec.get("seconds", 1.0)),
                min_interval=float(spec.get("min_interval", 3.0)),
                method=(match.get("method") or "").upper() or None,
                path=re.compile(match["path"]) if match.get("path") else None,
                times=int(spec.get("times", -1 if spec["kind"] == "rate_limit" else 1)),
                after=int(spec.get("after", 0)),
            )
        except (TypeError, ValueError, re.error) as exc:
            raise FaultSpecError(f"bad fault spec {spec!r}: {exc}") from None

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method != method.upper():
            return False
        return not (self.path and not self.path.search(path))

    @property
    def exhausted(self) -> bool:
        return self.times >= 0 and self.fired >= self.times


class FaultPlan:
    """The active faults of one server; thread-safe."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def install(self, specs: list[dict[str, Any]] | dict[str, Any]) -> None:
        if isinstance(specs, dict):
            specs = specs.get("faults", [specs]) if "kind" not in specs else [specs]
        faults = [Fault.from_spec(s) for s in specs]
        with self._lock:
            self._faults.extend(faults)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def describe(self) -> list[dict[str, Any]]:
        with self._lock:
            return [{"kind": f.kind, "fired": f.fired, "times": f.times} for f in self._faults]

    def take(self, method: str, path: str) -> Fault | None:
        """The fault to apply to this request, if any (consumes one firing)."""
        now = time.monotonic()
        with self._lock:
            for fault in self._faults:
                if fault.exhausted or not fault.matches(method, path):
                    continue
                if fault.kind == "rate_limit":
                    if fault.last_pass is not None and now - fault.last_pass < fault.min_interval:
                        fault.fired += 1
                        return fault
                    fault.last_pass = now
                    continue
                fault.seen += 1
                if fault.seen <= fault.after:
                    continue
                fault.fired += 1
                return fault
        return None
