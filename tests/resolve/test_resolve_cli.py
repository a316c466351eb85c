"""`zotsync resolve` end to end (a subprocess against the emulators): --json shape, summary, offline, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

SEED = Path(__file__).resolve().parents[1] / "data" / "seeds" / "000_f3a17fb8dc4736dd.txt"


def run(*args, cwd, services=None, extra_env=None, stdin=None):
    env = dict(os.environ)
    if services:
        arxiv, s2, hf = services
        env.update(ZOTSYNC_ARXIV_URL=arxiv.url, ZOTSYNC_S2_URL=s2.url, ZOTSYNC_HF_URL=hf.url)
    env.update(ZOTSYNC_ARXIV_DELAY="0", **(extra_env or {}))
    return subprocess.run(
        [sys.executable, "-m", "zotsync", "resolve", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        input=stdin,
        timeout=120,
    )


def test_json_rows_align_with_the_list(arxiv_emulator, s2_emulator, hf_emulator, in_tmp):
    r = run(str(SEED), "--json", cwd=in_tmp, services=(arxiv_emulator, s2_emulator, hf_emulator))
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    parsed = json.loads(
        subprocess.run(
            [sys.executable, "-m", "zotsync", "parse", str(SEED), "--json"],
            capture_output=True,
            text=True,
            cwd=in_tmp,
        ).stdout
    )
    assert [(x["line"], x["title"]) for x in rows] == [(p["line"], p["title"]) for p in parsed]
    for row in rows:
        assert {
            "source",
            "line",
            "title",
            "status",
            "arxiv_id",
            "confidence",
            "via",
            "canonical_title",
        } <= set(row)
        assert 0.0 <= row["confidence"] <= 1.0
        assert row["arxiv_id"] is None or "v" not in row["arxiv_id"]
    by_line = {x["line"]: x for x in rows}
    assert by_line[21]["status"] == "resolved" and by_line[21]["arxiv_id"] == "2304.11463"
    assert by_line[21]["via"] == "arxiv-id"
    assert by_line[97]["status"] == "review" and by_line[97]["candidates"]  # Diffusion-DPO
    assert "requests" in r.stderr and "resolved" in r.stderr  # the summary table
    assert (in_tmp / "zotsync.lock").is_file()
    # warm: nothing asked, same answers
    for s in (arxiv_emulator, s2_emulator, hf_emulator):
        s.clear_log()
    again = run(
        str(SEED), "--json", cwd=in_tmp, services=(arxiv_emulator, s2_emulator, hf_emulator)
    )
    assert again.returncode == 0
    assert [(x["status"], x["arxiv_id"]) for x in json.loads(again.stdout)] == [
        (x["status"], x["arxiv_id"]) for x in rows
    ]
    assert not any(s.log for s in (arxiv_emulator, s2_emulator, hf_emulator)), [
        (x.get("method"), x.get("path"), x.get("query"))
        for s in (arxiv_emulator, s2_emulator, hf_emulator)
        for x in s.log
    ]


def test_offline_never_touches_the_network(in_tmp):
    dead = "http://127.0.0.1:9"  # nothing listens: any request would fail loudly
    r = run(
        str(SEED),
        "--offline",
        cwd=in_tmp,
        extra_env={"ZOTSYNC_ARXIV_URL": dead, "ZOTSYNC_S2_URL": dead, "ZOTSYNC_HF_URL": dead},
    )
    assert r.returncode == 0, r.stderr
    assert "offline: not in the lock file" in r.stdout
    assert "offline: no request made" in r.stdout
    assert not (in_tmp / "zotsync.lock").exists()


def test_service_down_exits_5_after_saving(arxiv_emulator, s2_emulator, hf_emulator, in_tmp):
    for s in (arxiv_emulator, s2_emulator, hf_emulator):
        requests.post(
            f"{s.url}/_emulator/faults",
            json=[{"kind": "status", "status": 503, "retry_after": 0, "times": -1}],
            timeout=5,
        )
    r = run(
        str(SEED),
        "--lock",
        "my.lock",
        cwd=in_tmp,
        services=(arxiv_emulator, s2_emulator, hf_emulator),
        extra_env={"ZOTSYNC_TIMEOUT": "2"},
    )
    assert r.returncode == 5
    assert r.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert "Traceback" not in r.stderr
    assert "DOWN" in r.stdout and "source failed" in r.stdout
    assert (in_tmp / "my.lock").is_file()


def test_review_without_a_terminal_refuses_instead_of_hanging(in_tmp):
    r = run(str(SEED), "--review", "--offline", cwd=in_tmp, stdin="")
    assert (
        r.returncode == 2 and "needs an interactive terminal" in r.stderr
    )  # like push/pull (README)


def test_accept_and_reject_edit_the_lock(arxiv_emulator, s2_emulator, hf_emulator, in_tmp):
    services = (arxiv_emulator, s2_emulator, hf_emulator)
    r = run(
        str(SEED),
        "--json",
        "--accept",
        f"{SEED}:97=2311.12908",
        "--not-a-paper",
        f"{SEED}:1",
        cwd=in_tmp,
        services=services,
    )
    assert r.returncode == 0, r.stderr
    by_line = {x["line"]: x for x in json.loads(r.stdout)}
    assert by_line[97]["status"] == "pinned" and by_line[97]["arxiv_id"] == "2311.12908"
    assert (
        by_line[97]["canonical_title"]
        == "Diffusion Model Alignment Using Direct Preference Optimization"
    )
    assert by_line[1]["status"] == "not-a-paper"
    bad = run(str(SEED), "--accept", "nope:3=2311.12908", "--offline", cwd=in_tmp)
    assert bad.returncode == 3 and "no entry matches" in bad.stderr


def test_interactive_review_on_a_terminal(in_tmp):
    """--review on a real pseudo-terminal: the answer pins the entry in the lock."""
    import pty
    import select

    from zotsync.model import Candidate, Paper, Resolution, Status
    from zotsync.resolve.lockfile import load_lock, pinned_id, save_lock

    lock = in_tmp / "zotsync.lock"
    cands = (
        Candidate(
            Paper(
                title="Diffusion-DPO: Direct Preference Optimization for Discrete Diffusion",
                arxiv_id="2408.13347",
            ),
            1.0,
            "arxiv",
        ),
    )
    save_lock(
        lock,
        {
            "title:diffusion dpo": Resolution(
                ident="title:diffusion dpo",
                status=Status.REVIEW,
                candidates=cands,
                reason="acronym-only title",
            )
        },
    )
    master, slave = pty.openpty()
    env = dict(os.environ, ZOTSYNC_ARXIV_DELAY="0")
    proc = subprocess.Popen(
        [sys.executable, "-m", "zotsync", "resolve", str(SEED), "--review", "--offline"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=in_tmp,
        env=env,
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60
    while b"q = quit" not in seen and time.monotonic() < deadline:
        if select.select([master], [], [], 1)[0]:
            seen += os.read(master, 4096)
    assert b"Diffusion-DPO" in seen and b"1. Diffusion-DPO: Direct Preference" in seen
    os.write(master, b"2311.12908\n")
    proc.communicate(timeout=60)
    os.close(master)
    got = load_lock(lock)["title:diffusion dpo"]
    assert (
        got.status is Status.PINNED
        and pinned_id(got).arxiv_id == "2311.12908"
        and got.via == "user"
    )
