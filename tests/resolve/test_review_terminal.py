"""`zotsync resolve --review` on a real pseudo-terminal: each key does what it says, every decision is
confirmed and saved at once, and the next `--review` resumes where the last one stopped."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from zotsync.model import Candidate, Entry, Paper, Resolution, Status
from zotsync.resolve.lockfile import load_lock, pinned_id, save_lock
from zotsync.resolve.review import item_lines

LIST = """# Alignment

- Diffusion-DPO
- KTO
- SPIN
- IPO
"""
PROMPT = b"q = quit"


def paper(n: int, title: str, year: int, venue: str | None = None) -> Paper:
    return Paper(
        title=title,
        arxiv_id=f"2401.{n:05d}",
        authors=("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"),
        year=year,
        venue=venue,
        published=f"{year}-01-15",
    )


def review(ident: str, *papers: Paper) -> Resolution:
    return Resolution(
        ident=ident,
        status=Status.REVIEW,
        listed_title=ident.split(":", 1)[1],
        reason="acronym-only title: 2 papers are named by it",
        candidates=tuple(Candidate(p, 0.9 - i / 10, "arxiv") for i, p in enumerate(papers)),
    )


def write_case(tmp: Path) -> dict[str, Resolution]:
    (tmp / "list.md").write_text(LIST, encoding="utf-8")
    lock = {
        "title:diffusion dpo": review(
            "title:diffusion dpo",
            paper(
                1,
                "Diffusion Model Alignment Using Direct Preference Optimization",
                2023,
                "CVPR 2024",
            ),
            paper(2, "Diffusion-DPO for Discrete Diffusion", 2024),
        ),
        "title:kto": review(
            "title:kto",
            paper(3, "KTO: Aligning Without Pairs", 2024),
            paper(4, "KTO: Model Alignment as Prospect Theoretic Optimization", 2024, "ICML 2024"),
        ),
        "title:spin": review(
            "title:spin",
            paper(5, "Self-Play Fine-Tuning", 2024),
            paper(6, "SPIN: Spinning Up", 2023),
        ),
        "title:ipo": review(
            "title:ipo",
            paper(7, "A General Theoretical Paradigm", 2023),
            paper(8, "IPO Revisited", 2024),
        ),
    }
    save_lock(tmp / "zotsync.lock", lock)
    return lock


class Terminal:
    """`zotsync resolve list.md --review --offline` on a pseudo-terminal, driven by what it prints."""

    def __init__(self, cwd: Path, env: dict[str, str]):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "zotsync", "resolve", "list.md", "--review", "--offline"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=slave,
            cwd=cwd,
            env=env,
        )
        os.close(slave)
        self.seen = b""

    def until(self, marker: bytes, timeout: float = 60) -> str:
        """Everything printed up to (and including) the next ``marker``."""
        start = len(self.seen)
        deadline = time.monotonic() + timeout
        while marker not in self.seen[start:]:
            assert time.monotonic() < deadline, self.seen[start:].decode(errors="replace")
            if select.select([self.master], [], [], 1)[0]:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    break
                self.seen += chunk
        return self.seen[start:].decode(errors="replace")

    def answer(self, text: str) -> None:
        os.write(self.master, text.encode() + b"\n")

    def finish(self) -> str:
        self.proc.communicate(timeout=60)
        rest = b""
        while select.select([self.master], [], [], 0.2)[0]:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                break
            if not chunk:
                break
            rest += chunk
        os.close(self.master)
        self.seen += rest
        return self.seen.decode(errors="replace")


def test_review_keys_confirmations_and_resume_on_a_terminal(tmp_path):
    write_case(tmp_path)
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("ZOTERO_", "ZOTSYNC_"))},
        "BROWSER": f"{browser} %s",
        "ZOTSYNC_ARXIV_DELAY": "0",
    }

    term = Terminal(tmp_path, env)
    first = term.until(PROMPT)
    assert "[1/4] list.md:3  Diffusion-DPO" in first
    assert "why flagged: acronym-only title: 2 papers are named by it" in first
    assert "1. Diffusion Model Alignment Using Direct Preference Optimization (best)" in first
    assert "Ada Lovelace, Alan Turing, Grace Hopper and 1 more · 2023 · CVPR 2024" in first
    assert "https://arxiv.org/abs/2401.00001" in first
    assert "2. Diffusion-DPO for Discrete Diffusion (runner-up)" in first
    term.answer("o2")  # open the runner-up in the browser, then decide
    assert "opened https://arxiv.org/abs/2401.00002" in term.until(PROMPT)
    term.answer("a")  # accept the best
    second = term.until(PROMPT)
    assert "-> pinned list.md:3 to arXiv:2401.00001 (Diffusion Model Alignment" in second
    assert "[2/4] list.md:4  KTO" in second
    # saved before the next question: the lock already holds the first decision
    assert (
        pinned_id(load_lock(tmp_path / "zotsync.lock")["title:diffusion dpo"]).arxiv_id
        == "2401.00001"
    )
    term.answer("2")  # pick the runner-up
    third = term.until(PROMPT)
    assert "-> pinned list.md:4 to arXiv:2401.00004 (KTO: Model Alignment" in third
    term.answer("s")
    fourth = term.until(PROMPT)
    assert (
        "-> skipped list.md:5: asked again next time" in fourth and "[4/4] list.md:6  IPO" in fourth
    )
    term.answer("q")
    term.finish()
    assert opened.read_text(encoding="utf-8").split() == ["https://arxiv.org/abs/2401.00002"]
    lock = load_lock(tmp_path / "zotsync.lock")
    assert (
        lock["title:kto"].status is Status.PINNED
        and pinned_id(lock["title:kto"]).arxiv_id == "2401.00004"
    )
    assert lock["title:spin"].status is Status.REVIEW and lock["title:ipo"].status is Status.REVIEW

    again = Terminal(tmp_path, env)
    resumed = again.until(PROMPT)
    assert "Resuming: 2 items to review; 1 item you skipped last time comes last." in resumed
    assert "[1/2] list.md:6  IPO" in resumed  # never answered: first
    again.answer("r")
    assert "-> rejected the match for list.md:6" in (nxt := again.until(PROMPT))
    assert "[2/2] list.md:5  SPIN" in nxt
    again.answer("n")
    out = again.finish()
    assert "-> marked list.md:5 as not a paper" in out
    lock = load_lock(tmp_path / "zotsync.lock")
    assert (
        lock["title:ipo"].status is Status.REJECTED
        and lock["title:spin"].status is Status.NOT_A_PAPER
    )

    done = Terminal(tmp_path, env)
    assert "Nothing to review." in done.finish()


def test_an_item_shows_the_first_lines_of_each_abstract():
    entry = Entry(source="l.md", line=3, raw="- X", section=(), title="X")
    res = review("title:x", paper(1, "First", 2023))
    full = paper(1, "First", 2023)
    abstract = "We study alignment. " * 40
    import dataclasses

    lines = item_lines(
        1, 1, entry, res, {"2401.00001": dataclasses.replace(full, abstract=abstract)}
    )
    text = "\n".join(lines)
    assert "We study alignment." in text and text.rstrip().endswith("…")
    assert sum(1 for line in lines if "We study" in line or "alignment" in line) <= 4
