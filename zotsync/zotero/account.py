"""What a Zotero API key may do: its user, the libraries it reaches (with their names) and its rights.

``GET /keys/current`` names the key's user and its permissions::

    {"userID": 475425, "username": "…", "access": {
        "user": {"library": true, "notes": true, "write": true, "files": true},
        "groups": {"all": {"library": true, "write": true}}}}

``access.groups`` holds either ``all`` (every group the user is in) or one entry
per group id. ``GET /users/ID/groups`` gives those groups' names. zotsync needs, in
the library it syncs: read (the library), write (items and collections) and notes
(your notes become Zotero notes). :meth:`LibraryAccess.problems` says, one line
each, what is missing and where to allow it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from zotsync.config import Secret, redact
from zotsync.errors import AuthError, ServiceError
from zotsync.reach import unreachable

KEYS_PAGE = "https://www.zotero.org/settings/keys"


@dataclass(frozen=True)
class LibraryAccess:
    kind: str  # "user" | "group"
    id: str
    name: str
    read: bool
    write: bool
    notes: bool

    @property
    def label(self) -> str:
        what = "your library" if self.kind == "user" else f"group {self.name!r}"
        return f"{what} ({self.kind}s/{self.id})"

    def problems(self) -> list[str]:
        """One line per right zotsync needs here and the key lacks (empty: all is well)."""
        if not self.read:
            return [
                f"{self.label}: the key cannot read this library; allow library access "
                f"for it at {KEYS_PAGE}"
            ]
        lines = []
        if not self.write:
            lines.append(
                f"{self.label}: the key is read-only here; zotsync writes collections and items, "
                f"so allow write access at {KEYS_PAGE}"
            )
        if not self.notes:
            lines.append(
                f"{self.label}: the key has no notes access; your list's notes become Zotero notes, "
                f"so allow notes access at {KEYS_PAGE}"
            )
        return lines


@dataclass(frozen=True)
class KeyAccess:
    user_id: str
    username: str
    libraries: tuple[LibraryAccess, ...]

    def library(self, kind: str, library_id: str) -> LibraryAccess | None:
        return next(
            (lib for lib in self.libraries if lib.kind == kind and lib.id == str(library_id)), None
        )


def key_access(url: str, api_key: Secret, *, timeout: float = 30.0) -> KeyAccess:
    """Ask Zotero what ``api_key`` may do (two GET requests); errors name the next step."""
    key = api_key.reveal() or ""
    info = _get(url, "/keys/current", key, timeout)
    user_id = str(info.get("userID") or "")
    if not user_id:
        raise ServiceError(f"Zotero at {url} answered /keys/current without a user id")
    access = info.get("access") or {}
    user = access.get("user") or {}
    libraries = [
        LibraryAccess(
            "user",
            user_id,
            str(info.get("username") or info.get("displayName") or user_id),
            bool(user.get("library")),
            bool(user.get("write")),
            bool(user.get("notes")),
        )
    ]
    groups = access.get("groups") or {}
    for group in _get(url, f"/users/{user_id}/groups", key, timeout) or []:
        data = group.get("data", group) if isinstance(group, dict) else {}
        gid = str(data.get("id", group.get("id") if isinstance(group, dict) else ""))
        rights = groups.get(gid) or groups.get("all") or {}
        libraries.append(
            LibraryAccess(
                "group",
                gid,
                str(data.get("name") or gid),
                bool(rights.get("library")),
                bool(rights.get("write")),
                bool(rights.get("library")),  # a group's notes come with its library access
            )
        )
    return KeyAccess(user_id, libraries[0].name, tuple(libraries))


def _get(url: str, path: str, key: str, timeout: float) -> Any:
    try:
        response = requests.get(
            url.rstrip("/") + path,
            headers={"Zotero-API-Key": key, "Zotero-API-Version": "3"},
            timeout=timeout,
        )
    except requests.RequestException as exc:
        raise unreachable("Zotero", url, exc, setting="ZOTSYNC_ZOTERO_URL") from None
    if response.status_code == 403:
        raise AuthError(
            f"Zotero rejected the API key (HTTP 403: {redact(response.text.strip()[:60])})",
            hint=f"copy the key again from {KEYS_PAGE}, or create a new one there",
        )
    if response.status_code != 200:
        raise ServiceError(
            f"Zotero at {url} answered HTTP {response.status_code} for {path}",
            service="zotero",
            status=response.status_code,
            hint="check ZOTSYNC_ZOTERO_URL: it should be the Web API, https://api.zotero.org",
        )
    try:
        return response.json()
    except ValueError:
        raise ServiceError(
            f"{url} does not answer as the Zotero Web API (not JSON at {path})",
            service="zotero",
            hint="check ZOTSYNC_ZOTERO_URL: it should be https://api.zotero.org",
        ) from None
