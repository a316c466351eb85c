"""Request and response values passed between the server core and an app."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.message import Message
from typing import Any


class BadJSON(ValueError):
    """The request body is not valid JSON."""


@dataclass
class Request:
    method: str
    path: str  # percent-decoded path, without the query string
    raw_path: str  # the request target as sent (path + "?" + query)
    query: dict[str, list[str]]  # parsed query, blank values kept
    headers: Message  # case-insensitive .get()
    body: bytes = b""

    @property
    def query_string(self) -> str:
        return self.raw_path.partition("?")[2]

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def json(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadJSON(str(exc)) from None


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def json(
        cls, obj: Any, status: int = 200, headers: list[tuple[str, str]] | None = None
    ) -> Response:
        body = json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8")
        return cls(status, body, [("Content-Type", "application/json"), *(headers or [])])

    @classmethod
    def text(
        cls,
        text: str,
        status: int = 200,
        content_type: str = "text/plain; charset=utf-8",
        headers: list[tuple[str, str]] | None = None,
    ) -> Response:
        return cls(status, text.encode("utf-8"), [("Content-Type", content_type), *(headers or [])])

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None
