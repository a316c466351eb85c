"""Polite, bounded HTTP for every source: pacing, timeouts, backoff, sanity checks.

:class:`Gate` wraps *one request* (a callable) with the rules that every
service gets:

* **pacing** — at most one request per ``interval`` seconds (arXiv's terms ask
  for 3 s; the resolver derives each service's interval from
  ``services.arxiv_delay``);
* **timeouts** — every request carries ``services.timeout`` (the ``arxiv``
  package sets none; :class:`TimeoutSession` adds it);
* **backoff** — 429 and 5xx answers are retried up to ``max_retries`` times,
  waiting what ``Retry-After`` says (seconds or an HTTP date), else an
  exponential ``interval``-based wait; a timeout or a connection error is
  retried once. A wait the user would notice is announced
  (:func:`zotsync.notify.announce_wait`); a ``Retry-After`` longer than
  ``max_wait`` (``services.max_wait``) is not waited out at all: the call fails
  at once, saying how long the service asked for;
* **sanity** — a 200 whose body fails the caller's ``validate`` check (an HTML
  error page, an empty body) is a failure, never "no results";
* **one at a time** — calls from several threads wait for each other (the services ask
  for a single connection at a time);
* **circuit breaker** — after ``trip_after`` consecutive failed calls the source
  is marked down and later calls fail at once, so one dead service costs a few
  timeouts, not one per entry.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from zotsync.notify import announce_wait
from zotsync.resolve.sources.base import SourceFailure, SourceStats

MAX_WAIT = 60.0  # default longest Retry-After waited out (services.max_wait)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class Reply:
    """One HTTP answer, reduced to what the gate and the sources need."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    value: Any = None  # a parsed payload, when the caller already has one


class TimeoutSession(requests.Session):
    """A ``requests.Session`` that puts a timeout on every request and remembers the last response."""

    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout
        self.last_response: requests.Response | None = None

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        kwargs.setdefault("timeout", self.timeout)
        self.last_response = None
        resp = super().request(method, url, **kwargs)
        self.last_response = resp
        return resp


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Parse a ``Retry-After`` header: delta-seconds or an HTTP date; None when absent/garbled."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if seconds >= 0 else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def looks_like_html(body: bytes) -> bool:
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


class Gate:
    """Paces, times out, retries and sanity-checks the requests of one source."""

    def __init__(
        self,
        name: str,
        stats: SourceStats,
        *,
        interval: float,
        max_retries: int = 3,
        max_wait: float = MAX_WAIT,
        trip_after: int = 2,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.name = name
        self.stats = stats
        self.interval = max(0.0, interval)
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.trip_after = trip_after
        self._sleep = sleep
        self._clock = clock
        self._last: float | None = None
        self._consecutive_failures = 0
        self._one_at_a_time = threading.Lock()  # one connection at a time, whatever the threads

    def call(
        self,
        send: Callable[[], Reply],
        *,
        what: str,
        validate: Callable[[Reply], str | None] = lambda r: None,
        answered: frozenset[int] = frozenset(),
    ) -> Reply:
        """Send one request (with retries); return a good reply or raise :class:`SourceFailure`.

        ``answered`` lists non-2xx statuses that are real answers for this call
        (e.g. S2's 404 "Title match not found").
        """
        with self._one_at_a_time:
            return self._call(send, what=what, validate=validate, answered=answered)

    def _call(
        self,
        send: Callable[[], Reply],
        *,
        what: str,
        validate: Callable[[Reply], str | None],
        answered: frozenset[int],
    ) -> Reply:
        if self.stats.down:
            raise SourceFailure(f"{self.name} is down (earlier calls failed)")
        problem = "no attempt"
        for attempt in range(self.max_retries + 1):
            if attempt:
                self.stats.retries += 1
            self._wait_turn()
            self.stats.requests += 1
            wait: float | None = None
            try:
                reply = send()
            except requests.Timeout:
                problem, transient = "timed out", attempt < 1
            except requests.RequestException as exc:
                problem, transient = f"connection failed ({exc.__class__.__name__})", attempt < 1
            else:
                if reply.status in RETRY_STATUSES:
                    problem, transient = f"HTTP {reply.status}", True
                    wait = retry_after_seconds(reply.headers.get("Retry-After"))
                elif reply.status >= 400 and reply.status not in answered:
                    problem, transient = f"HTTP {reply.status}", False
                else:
                    problem = validate(reply) if 200 <= reply.status < 300 else None
                    transient = attempt < 1
                    if problem is None:
                        self._consecutive_failures = 0
                        return reply
            if not transient or attempt == self.max_retries:
                break
            if wait is not None and wait > self.max_wait:
                problem = (
                    f"{problem}, and it asked to wait {wait:.0f} s (Retry-After), longer than "
                    f"services.max_wait ({self.max_wait:.0f} s)"
                )
                break
            delay = min(self.max_wait, wait if wait is not None else self._backoff(attempt))
            announce_wait(
                self.name, delay, f"{problem}, Retry-After" if wait is not None else problem
            )
            self._sleep(delay)
        rejected = (
            problem.startswith("HTTP 4") and problem != "HTTP 429"
        )  # our request, not the service, is at fault
        return self._fail(f"{self.name} {what}: {problem}", trip=not rejected)

    def _fail(self, message: str, *, trip: bool = True) -> Reply:
        self.stats.failures.append(message)
        if trip:
            self._consecutive_failures += 1
            if self._consecutive_failures >= self.trip_after:
                self.stats.down = True
        raise SourceFailure(message)

    def _backoff(self, attempt: int) -> float:
        return max(self.interval, 0.25) * (2**attempt)

    def _wait_turn(self) -> None:
        now = self._clock()
        if self._last is not None and self.interval:
            gap = self._last + self.interval - now
            if gap > 0:
                self._sleep(gap)
        self._last = self._clock()


def reply_from(resp: requests.Response) -> Reply:
    return Reply(status=resp.status_code, headers=resp.headers, body=resp.content)


def json_body(reply: Reply) -> tuple[Any, str | None]:
    """Decode a JSON reply; (value, problem) where problem names an empty/HTML/garbled body."""
    if not reply.body.strip():
        return None, "empty body"
    if looks_like_html(reply.body):
        return None, "an HTML page instead of JSON"
    try:
        return json.loads(reply.body.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError):
        return None, "a body that is not JSON"
