"""Why a service could not be reached, in words a user can act on: no network, or a wrong URL.

One exception from ``requests`` or ``httpx`` becomes one :class:`Unreachable` reason:

* ``dns`` — the host name does not resolve: no network, or a typo in the URL;
* ``refused`` — the host answers but nothing listens there: a wrong URL or port;
* ``timeout`` — no answer in time: a slow or broken network, or the service is down;
* ``other`` — any other transport failure.

:func:`unreachable` turns it into the :class:`~zotsync.errors.ServiceError` the CLI
prints, naming the setting to check when the URL is not the service's default.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from zotsync.errors import ServiceError

DEFAULT_URLS = {
    "https://api.zotero.org",
    "https://export.arxiv.org",
    "https://api.semanticscholar.org",
    "https://huggingface.co",
}

_DNS = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "getaddrinfo",
    "name resolution",
    "no address associated",
)
_REFUSED = ("connection refused", "errno 111", "actively refused", "errno 61")


@dataclass(frozen=True)
class Unreachable:
    kind: str  # "dns" | "refused" | "timeout" | "other"
    why: str


def classify(exc: BaseException, url: str, timeout: float | None = None) -> Unreachable:
    """What went wrong talking to ``url`` (see the module docs)."""
    text = _chain_text(exc).lower()
    host = urlsplit(url).hostname or url
    if any(mark in text for mark in _DNS):
        return Unreachable("dns", f"the host {host} cannot be found: no network, or a wrong URL")
    if any(mark in text for mark in _REFUSED):
        return Unreachable("refused", "nothing answers there: a wrong URL or port")
    if "timeout" in text or "timed out" in text:
        within = f" within {timeout:g} s" if timeout else ""
        return Unreachable(
            "timeout", f"no answer{within}: a slow or broken network, or the service is down"
        )
    return Unreachable("other", f"the connection failed: {exc.__class__.__name__}")


def unreachable(
    service: str, url: str, exc: BaseException, *, setting: str, timeout: float | None = None
) -> ServiceError:
    """The error for a service that could not be reached: what happened and what to check."""
    reason = classify(exc, url, timeout)
    if url.rstrip("/") in DEFAULT_URLS:
        hint = "check your network connection; re-running is safe"
    else:
        hint = f"check {setting} and your network; re-running is safe"
    return ServiceError(
        f"cannot reach {service} at {url}: {reason.why}", service=service.lower(), hint=hint
    )


def _chain_text(exc: BaseException) -> str:
    """The exception and its causes as one string (requests wraps the socket error twice)."""
    parts, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(f"{current.__class__.__name__}: {current}")
        for arg in getattr(current, "args", ()):
            if isinstance(arg, BaseException):
                parts.append(f"{arg.__class__.__name__}: {arg}")
        current = current.__cause__ or current.__context__
    return " | ".join(parts)
