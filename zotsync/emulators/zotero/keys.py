"""Zotero object keys: 8 characters from an alphabet without 0, 1 and O."""

from __future__ import annotations

import re
import secrets

KEY_ALPHABET = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
_KEY_RE = re.compile(f"^[{KEY_ALPHABET}]{{8}}$")


def is_valid_key(value: object) -> bool:
    """True for a well-formed key (upper case only, as the server checks)."""
    return isinstance(value, str) and bool(_KEY_RE.match(value))


def new_key() -> str:
    """A fresh random key, as the server assigns to objects uploaded without one."""
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(8))
