"""Hugging Face papers API wire format: ``/api/papers/search?q=`` and ``/api/papers/{arxiv_id}``.

JSON bodies as the Hub sends them (compact, UTF-8, ``application/json; charset=utf-8``).
Errors are ``{"error": "…"}``: 404 ``Paper not found`` for an id HF has no page for, 400
for a search without ``q``. The exact error texts of the real Hub are not recorded
anywhere we could read; these follow the Hub's usual ``{"error": …}`` shape.
"""

from __future__ import annotations

import json
from typing import Any

from zotsync.emulators.core.http import Request, Response
from zotsync.emulators.hf.backend import HFBackend

PREFIX = "/api/papers"


def _json(obj: Any, status: int = 200) -> Response:
    body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, body, [("Content-Type", "application/json; charset=utf-8")])


class HFApp:
    """The emulator app (``handle``/``reset``) over an :class:`HFBackend`. Stateless."""

    def __init__(self, backend: HFBackend):
        self.backend = backend

    def reset(self) -> None:
        """Nothing to reset: the corpus is read-only."""

    def handle(self, request: Request) -> Response:
        path = request.path.rstrip("/")
        if request.method != "GET" or not path.startswith(PREFIX + "/"):
            return _json({"error": "Sorry, we can't find the page you are looking for."}, 404)
        rest = path[len(PREFIX) + 1 :]
        if rest == "search":
            query = request.arg("q")
            if query is None or not query.strip():
                return _json({"error": "Missing required parameter: q"}, 400)
            return _json(self.backend.search(query))
        paper = self.backend.paper(rest)
        if paper is None:
            return _json({"error": "Paper not found"}, 404)
        return _json(paper)
