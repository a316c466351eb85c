"""End-to-end helpers: the real CLI in a subprocess, against the loopback emulators.

Every helper here asserts what a user notices at a terminal: the exit code, a
single ``Error: …`` line on stderr, no traceback, the Zotero key nowhere, and
no file touched that the command had no business touching.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
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
    *args: str, cwd: Path, env: Mapping[str, str], timeout: float = 90, process: bool = False
) -> subprocess.CompletedProcess:
    """Run ``zotsync ARGS`` as a user would, with stdin closed (no TTY): a prompt would be a hang,
    caught by ``timeout``.

    In this process by default (the command line's own entry point, with the environment,
    working directory and standard streams swapped for the call: what a user sees, without
    paying a Python start-up per command); ``process=True`` runs ``python -m zotsync``, for
    what only a real process shows (start-up, signals, the interpreter's exit).
    """
    argv = [sys.executable, "-m", "zotsync", *args]
    if process:
        return subprocess.run(
            argv,
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    return _in_process(argv, list(args), cwd, env, timeout)


def _in_process(
    argv: list[str], args: list[str], cwd: Path, env: Mapping[str, str], timeout: float
) -> subprocess.CompletedProcess:
    from zotsync.cli import main

    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="") for _ in "oe")
    result: dict[str, object] = {}

    def command() -> None:
        try:
            main(args)
        except SystemExit as done:
            result["code"] = done.code
        except BaseException as exc:  # noqa: BLE001 - a crash past the boundary is a test failure
            result["crash"] = exc

    saved = (dict(os.environ), os.getcwd(), sys.stdin, sys.stdout, sys.stderr, sys.argv)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    sys.stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # closed: EOF at once
    sys.stdout, sys.stderr, sys.argv = out, err, argv[2:]
    try:
        runner = threading.Thread(target=command, name="zotsync-in-process", daemon=True)
        runner.start()
        runner.join(timeout)
    finally:
        os.environ.clear()
        os.environ.update(saved[0])
        os.chdir(saved[1])
        sys.stdin, sys.stdout, sys.stderr, sys.argv = saved[2:]
    if runner.is_alive():
        raise subprocess.TimeoutExpired(argv, timeout)
    if "crash" in result:
        raise result["crash"]  # type: ignore[misc]
    code = result.get("code")
    return subprocess.CompletedProcess(
        argv,
        code if isinstance(code, int) else (0 if code is None else 1),
        _text(out),
        _text(err),
    )


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8", "replace")  # type: ignore[attr-defined]


def zotsync_all(
    calls: list[tuple[str, ...]], *, cwd: Path, env: Mapping[str, str]
) -> list[subprocess.CompletedProcess]:
    """Run independent read-only invocations, one after the other (each in this process)."""
    return [zotsync(*args, cwd=cwd, env=env) for args in calls]


def sigint_as_at_a_terminal() -> None:
    """``preexec_fn`` for a child that a test interrupts: Ctrl-C back to its default.

    A test runner started in the background (``cmd &``) ignores SIGINT, and a child would
    inherit that and never see the Ctrl-C the test sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


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


def zotero_post(server, objects: list[dict]) -> dict:
    """Create or update objects in the library as the user's own Zotero client would."""
    req = urllib.request.Request(
        f"{server.url}/users/{SECRET_USER}/items",
        data=json.dumps(objects).encode(),
        method="POST",
        headers={"Zotero-API-Key": SECRET_KEY, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        report = json.loads(resp.read())
    assert not report["failed"], report
    return report
