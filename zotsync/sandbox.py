"""``--sandbox``: run the whole pipeline against local emulators, offline.

A newcomer with no network and no Zotero account can watch zotsync work: the
four emulators (arXiv, Semantic Scholar, Hugging Face papers, Zotero) start as
child processes on loopback (``python -m zotsync.emulators …``; the client never
imports emulator code), and the run's :class:`~zotsync.config.Config` points
every service URL at them. The sandbox Zotero library persists in
``.zotsync-sandbox/`` so a second run shows what a re-sync does (nothing).

It is never the default: only ``--sandbox`` selects it, and the output says
clearly that it is a local emulation.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from zotsync.config import Config, Secret
from zotsync.errors import ServiceError

SANDBOX_DIR = ".zotsync-sandbox"
SANDBOX_API_KEY = (
    "sandboxkeyLOCALONLY0000"  # the local Zotero emulator's key, not a real credential
)
SANDBOX_USER_ID = "1"
START_TIMEOUT = 20.0


@dataclass(frozen=True)
class Sandbox:
    """The running emulators and the config that points at them."""

    config: Config
    directory: Path
    urls: dict[str, str]


def corpus_for(list_path: Path) -> Path | None:
    """The bundled corpus for an example list (``examples/NAME.corpus.jsonl``), if any."""
    candidate = list_path.with_suffix(".corpus.jsonl")
    return candidate if candidate.is_file() else None


def _spawn(service: str, args: list[str], log_path: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "zotsync.emulators", service, "--port", "0", *args]
    with log_path.open("a", encoding="utf-8") as log:  # the child keeps its own handle
        return subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )


def _address(service: str, proc: subprocess.Popen[str], deadline: float, log_path: Path) -> str:
    """The URL the emulator prints once it listens (it prints nothing else on stdout)."""
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("listening on "):
            return line.split("listening on ", 1)[1].strip()
        if not line and proc.poll() is not None:
            break
    raise ServiceError(
        f"the local {service} emulator did not start",
        service=service,
        hint=f"see {log_path} for its output",
    )


def bib_name(list_paths: list[Path]) -> str:
    """The sandbox .bib's file name: the list's name for one list, ``references.bib`` for several."""
    stems = {p.stem for p in list_paths}
    return f"{stems.pop()}.bib" if len(stems) == 1 else "references.bib"


@contextlib.contextmanager
def running_sandbox(
    config: Config, list_paths: list[Path], workdir: Path | None = None
) -> Iterator[Sandbox]:
    """Start the emulators, yield a :class:`Sandbox`, stop them on exit."""
    directory = (workdir or Path.cwd()) / SANDBOX_DIR
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():  # git skips the whole folder: a sandbox is never committed by accident
        ignore.write_text(
            "# zotsync --sandbox: local emulation and sample data; never commit it\n*\n",
            encoding="utf-8",
        )
    log_path = directory / "emulators.log"
    corpus = next((c for c in map(corpus_for, list_paths) if c is not None), None)
    corpus_args = ["--corpus", str(corpus)] if corpus else []
    services = {
        "arxiv": corpus_args,
        "s2": corpus_args,
        "hf": corpus_args,
        "zotero": [
            "--api-key",
            SANDBOX_API_KEY,
            "--user-id",
            SANDBOX_USER_ID,
            "--state",
            str(directory / "zotero-library.json"),
        ],
    }
    procs: dict[str, subprocess.Popen[str]] = {}
    try:
        # all four start at once and load their corpora side by side: the wait is the slowest one's
        for service, args in services.items():
            procs[service] = _spawn(service, args, log_path)
        deadline = time.monotonic() + START_TIMEOUT
        urls = {s: _address(s, proc, deadline, log_path) for s, proc in procs.items()}
        sandboxed = dataclasses.replace(
            config,
            sandbox=True,
            services=dataclasses.replace(
                config.services,
                arxiv_url=urls["arxiv"],
                s2_url=urls["s2"],
                hf_url=urls["hf"],
                arxiv_delay=0.0,
            ),
            zotero=dataclasses.replace(
                config.zotero,
                url=urls["zotero"],
                api_key=Secret(SANDBOX_API_KEY),
                library_id=SANDBOX_USER_ID,
                library_type="user",
                state_dir=str(directory / "state"),
            ),
            resolve=dataclasses.replace(config.resolve, lock=str(directory / "zotsync.lock")),
        )
        yield Sandbox(config=sandboxed, directory=directory, urls=urls)
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
