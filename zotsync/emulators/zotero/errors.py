"""The one error type of the Zotero emulator: an HTTP status with the real server's message.

Raised by the rules (validation, preconditions) and turned into either a whole
HTTP error response or one ``failed`` entry of a multi-object write report.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """``status`` + ``message`` exactly as api.zotero.org words them; ``data`` for 409/413 extras."""

    def __init__(
        self,
        status: int,
        message: str,
        data: dict[str, Any] | None = None,
        headers: list[tuple[str, str]] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.data = data
        self.headers = headers or []


def escape(message: str) -> str:
    """HTML-escape like PHP's ``htmlspecialchars(ENT_COMPAT)``: ``& < > "`` but not ``'``."""
    return (
        message.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )
