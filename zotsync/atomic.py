"""Replace a file atomically: the one way zotsync writes a file the user keeps.

    replace_file(Path("zotsync.lock"), text.encode("utf-8"))

The bytes go to a temporary file in the same folder, are flushed to disk, and the
temporary file is renamed over the target (:func:`os.replace`): a reader, or a crash,
sees the old file or the new one, never half of either. An existing file keeps its
permission bits; a new one gets the usual ``0o666`` minus the umask (not the
``0o600`` of a bare temporary file). ``private=True`` (zotsync's own state files:
the sync state, the library snapshot with the user's notes, pending conflicts) makes
the file ``0o600`` and new folders ``0o700`` whatever the umask, an existing file
included. On any failure the temporary file is removed
and the target is left as it was; a file-system error (no space, no permission, a
folder that is a file) becomes one :class:`~zotsync.errors.InputError` naming the
file, so every writer reports it the same way (exit 3), never as a traceback.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from zotsync.errors import InputError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def replace_file(
    path: str | os.PathLike[str], data: bytes, *, make_parents: bool = False, private: bool = False
) -> None:
    """Write ``data`` to ``path`` atomically (see the module docstring)."""
    try:
        _replace_file(Path(path), data, make_parents, private)
    except OSError as exc:
        raise InputError(
            f"cannot write {path}: {exc.strerror or str(exc) or exc.__class__.__name__}",
            hint="check that the folder exists and is writable; the existing file was not changed",
        ) from None


def _replace_file(target: Path, data: bytes, make_parents: bool, private: bool) -> None:
    folder = target.parent
    if make_parents:
        folder.mkdir(mode=PRIVATE_DIR if private else 0o777, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = PRIVATE_FILE if private else target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data: Any, *, compact: bool = False) -> None:
    """Write one of zotsync's state files (private: ``0o600``) via a temporary file and ``os.replace``.

    ``compact`` for big machine-only files.
    """
    text = json.dumps(
        data,
        ensure_ascii=False,
        indent=None if compact else 1,
        separators=(",", ":") if compact else None,
    )
    replace_file(path, text.encode("utf-8"), make_parents=True, private=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
