"""End-to-end helpers: the real CLI in a subprocess, against the loopback emulators.

Every helper here asserts what a user notices at a terminal: the exit code, a
single ``Error: …`` line on stderr, no traceback, the Zotero key nowhere, and
no file touched that the command had no business touching.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SHORT_LIST = DATA / "short-list.md"

# A key the emulator accepts, distinctive enough that a leak cannot hide (letters+digits only).
SECRET_KEY = "Zk9SECRETsecret1234abcd"
SECRET_USER = "5151"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def zotsync(
    *args: str, cwd: Path, env: Mapping[str, str], timeout: float = 90
) -> subprocess.CompletedProcess:
    """Run ``python -m zotsync ARGS`` with stdin closed (no TTY): a prompt would be a hang, caught by ``timeout``."""
    return subprocess.run(
        [sys.executable, "-m", "zotsync", *args],
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def zotsync_all(
    calls: list[tuple[str, ...]], *, cwd: Path, env: Mapping[str, str]
) -> list[subprocess.CompletedProcess]:
    """Run independent read-only invocations side by side (the machine has spare cores; the suite stays fast)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: zotsync(*args, cwd=cwd, env=env), calls))


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    """Poll ``condition`` until it holds (a test waits on a state, never for a fixed time)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def assert_error(result: subprocess.CompletedProcess, code: int, *fragments: str) -> str:
    """Exit ``code``, exactly one ``Error:`` line (the last line of stderr), no traceback (unless ``-v`` asked for one,
    as the README promises); returns that line."""
    if "-v" not in result.args:
        assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == code, (
        f"exit {result.returncode}, wanted {code}: {result.stderr[-600:]}"
    )
    errors = error_lines(result)
    assert len(errors) == 1, result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == errors[0]
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]


def assert_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr[-800:]
    assert "Traceback" not in result.stderr and not error_lines(result), result.stderr


def tree_state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` (dot-dirs included) with its bytes and mtime: compare before/after a run."""
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Like :func:`tree_state` but contents only (a same-bytes rewrite does not count)."""
    return {name: content for name, (content, _) in tree_state(root).items()}


def files_containing(root: Path, needle: str) -> list[str]:
    return [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and needle.encode() in p.read_bytes()
    ]


def control(server, method: str, path: str, payload=None) -> object:
    """Talk to an emulator's control plane (``/_emulator/...``)."""
    body = None if payload is None else json.dumps(payload).encode()
    req = urllib.request.Request(
        server.url + path, data=body, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        raw = resp.read()
    return json.loads(raw) if raw.strip() else None


def set_faults(server, *faults: dict) -> None:
    control(server, "DELETE", "/_emulator/faults")
    if faults:
        control(server, "POST", "/_emulator/faults", list(faults))


def writes(server) -> list[dict]:
    return [r for r in server.log if r["method"] in WRITE_METHODS]


def closed_port_url() -> str:
    """A loopback URL nobody listens on (network down)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def zotero_get(server, path: str) -> object:
    """Read the emulated library as the user's Zotero client would (``path`` after ``/users/ID``)."""
    req = urllib.request.Request(
        f"{server.url}/users/{SECRET_USER}{path}", headers={"Zotero-API-Key": SECRET_KEY}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())
