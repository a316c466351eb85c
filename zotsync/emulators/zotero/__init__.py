"""Zotero Web API v3 emulator (items, collections, notes, versions, writes, validation).

Start: ``python -m zotsync.emulators zotero --port N --api-key KEY --user-id ID [--state FILE] [--faults SPEC]``.
Rules live in ``schema``/``store``/``validate``/``values``/``writes``; the wire format in
``app``/``reads``/``render``/``query``/``mappings``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from zotsync.emulators.zotero.app import Settings, ZoteroApp

__all__ = ["Settings", "ZoteroApp", "add_arguments", "build_app"]

DEFAULT_API_KEY = "zotsyncemulatorkey000000"  # emulator-only; 24 alphanumerics like a real key


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--api-key",
        default=DEFAULT_API_KEY,
        help="the one valid API key (letters and digits, as real keys; Bearer auth allows no others)",
    )
    parser.add_argument(
        "--user-id", type=int, default=1, help="numeric id of the emulated user library"
    )
    parser.add_argument("--username", default="testuser", help="user name shown in library objects")
    parser.add_argument(
        "--group-id",
        type=int,
        action="append",
        default=[],
        help="also host a group library with this id (repeatable)",
    )
    parser.add_argument(
        "--group-name",
        action="append",
        default=[],
        metavar="ID=NAME",
        help="the name of a group given with --group-id (repeatable; default group<ID>)",
    )
    parser.add_argument(
        "--group-read-only",
        type=int,
        action="append",
        default=[],
        metavar="ID",
        help="the key may read this group but not write it (repeatable)",
    )
    parser.add_argument(
        "--no-notes",
        action="store_true",
        help="the key has no notes access: writing a note gets 403",
    )
    parser.add_argument(
        "--state",
        type=Path,
        default=None,
        help="persist the libraries to FILE (atomic writes; reloaded on start)",
    )
    parser.add_argument(
        "--faults", default=None, help="faults installed at start: a JSON list or @FILE"
    )
    parser.add_argument(
        "--read-only", action="store_true", help="the key may read but not write (403)"
    )
    parser.add_argument(
        "--lenient-multi-delete",
        action="store_true",
        help="allow DELETE ?itemKey= without If-Unmodified-Since-Version (current server code)",
    )
    parser.add_argument(
        "--bump-per-request",
        action="store_true",
        help="pre-2026-03 versioning: one library version bump per multi-object POST",
    )
    parser.add_argument(
        "--schema", default=None, help="another schema.json (default: bundled version 41)"
    )
    parser.add_argument(
        "--storage-quota",
        type=int,
        default=None,
        help="file storage quota per library in bytes (uploads beyond it: 413)",
    )


def build_app(args: argparse.Namespace) -> ZoteroApp:
    api_key = getattr(args, "api_key", DEFAULT_API_KEY)
    if not re.fullmatch(r"[A-Za-z0-9]+", api_key or ""):
        raise ValueError(
            "--api-key must be letters and digits only (clients send it as 'Bearer KEY')"
        )
    return ZoteroApp(
        Settings(
            api_key=api_key,
            user_id=getattr(args, "user_id", 1),
            username=getattr(args, "username", "testuser"),
            group_ids=tuple(getattr(args, "group_id", []) or ()),
            read_only=getattr(args, "read_only", False),
            notes=not getattr(args, "no_notes", False),
            group_names=_group_names(getattr(args, "group_name", []) or []),
            group_read_only=tuple(getattr(args, "group_read_only", []) or ()),
            state=getattr(args, "state", None),
            strict_multi_delete=not getattr(args, "lenient_multi_delete", False),
            bump_per_object=not getattr(args, "bump_per_request", False),
            schema_path=getattr(args, "schema", None),
            storage_quota=getattr(args, "storage_quota", None),
        )
    )


def _group_names(pairs: list[str]) -> dict[int, str]:
    names = {}
    for pair in pairs:
        gid, sep, name = pair.partition("=")
        if not sep or not gid.strip().isdigit():
            raise ValueError(f"--group-name needs ID=NAME, not {pair!r}")
        names[int(gid)] = name
    return names
