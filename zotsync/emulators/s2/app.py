"""Semantic Scholar Graph API wire format: routes, parameters, bodies, headers.

Bodies are serialised the way the real service does (see ``tests/data/s2/``): success
bodies with Python's default separators (``", "``, ``": "``) and ASCII escapes, error
bodies compact (``{"error":"…"}``), each followed by a newline, ``Content-Type:
application/json``. An unknown route answers like the API gateway in front of S2
(403 ``Missing Authentication Token``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from zotsync.emulators.core.http import BadJSON, Request, Response
from zotsync.emulators.s2.backend import S2Backend, S2Error, parse_fields

PREFIX = "/graph/v1/paper"
_HEADERS = [("Access-Control-Allow-Origin", "*")]

#: The 429 body S2's gateway sends; pass it as ``body`` of a core ``status`` fault.
TOO_MANY_REQUESTS_BODY = json.dumps(
    {
        "message": "Too Many Requests. Please wait and try again or apply for a key for higher rate limits. "
        "https://www.semanticscholar.org/product/api#api-key-form",
        "code": "429",
    }
)
FORBIDDEN_BODY = '{"message":"Forbidden"}'


def ok(obj: Any) -> Response:
    body = (json.dumps(obj) + "\n").encode("utf-8")
    return Response(200, body, [("Content-Type", "application/json"), *_HEADERS])


def error(status: int, message: str) -> Response:
    body = (
        json.dumps({"error": message}, separators=(",", ":"), ensure_ascii=False) + "\n"
    ).encode("utf-8")
    return Response(status, body, [("Content-Type", "application/json"), *_HEADERS])


class S2App:
    """The emulator app (``handle``/``reset``) over an :class:`S2Backend`.

    ``api_key``: when set, a request carrying a *different* ``x-api-key`` gets 403 (a
    request without the header uses the shared unauthenticated pool, as on S2).
    """

    def __init__(self, backend: S2Backend, api_key: str | None = None):
        self.backend = backend
        self.api_key = api_key

    def reset(self) -> None:
        """Stateless: nothing to reset (the corpus is read-only)."""

    def handle(self, request: Request) -> Response:
        key = request.headers.get("x-api-key")
        if self.api_key and key is not None and key != self.api_key:
            return Response(
                403, FORBIDDEN_BODY.encode(), [("Content-Type", "application/json"), *_HEADERS]
            )
        try:
            return ok(self._route(request))
        except S2Error as exc:
            return error(exc.status, exc.message)

    def _route(self, request: Request) -> Any:
        path, method = request.path.rstrip("/"), request.method
        fields = lambda: parse_fields(request.arg("fields"))  # noqa: E731 - validated per route, after the path
        if path == f"{PREFIX}/search/match" and method == "GET":
            return self.backend.match(_required_query(request), _params(request), fields())
        if path == f"{PREFIX}/search" and method == "GET":
            offset, limit = _int_arg(request, "offset", 0), _int_arg(request, "limit", 100)
            return self.backend.search(
                _required_query(request), _params(request), offset, limit, fields()
            )
        if path == f"{PREFIX}/batch" and method == "POST":
            try:
                body = request.json()
            except BadJSON:
                raise S2Error(400, "Invalid JSON body") from None
            selection = fields()
            return self.backend.batch(
                body.get("ids") if isinstance(body, dict) else None, selection
            )
        if path.startswith(f"{PREFIX}/") and method == "GET":
            paper_id = path[len(PREFIX) + 1 :]
            return self.backend.paper(paper_id, fields())
        raise _GatewayMiss()


class _GatewayMiss(S2Error):
    def __init__(self) -> None:
        super().__init__(403, "Missing Authentication Token")


def _params(request: Request) -> dict[str, str]:
    return {name: values[0] for name, values in request.query.items() if values}


def _required_query(request: Request) -> str:
    query = request.arg("query")
    if query is None or not query.strip():
        raise S2Error(400, "Missing required parameter: 'query'")
    return query


def _int_arg(request: Request, name: str, default: int) -> int:
    raw = request.arg(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"-?\d+", raw):
        raise S2Error(400, f"Unacceptable query params: [{name}={raw}]")
    return int(raw)
