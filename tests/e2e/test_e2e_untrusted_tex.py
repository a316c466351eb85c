"""Metadata from arXiv is untrusted text: it never becomes TeX that runs (case 3).

A paper whose title, authors, abstract, DOI and class carry ``\\input``, ``\\write``,
``\\catcode``, ``\\def``, ``\\csname`` and the ``^^5c`` spelling of a backslash is served by
the arXiv emulator; ``zotsync bib`` writes a .bib in which every command left is one
that only prints, and (slow suite) pdflatex+bibtex compile it without reading the file
the title names.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from e2ekit import assert_ok, zotsync

from zotsync.bibtex.latex import MATH_COMMANDS, TEXT_COMMANDS

ARXIV_ID = "2501.00001"


def hostile_record(secret: str) -> dict:
    return {
        "arxiv_id": ARXIV_ID,
        "version": 1,
        "title": (
            f"Attention \\input{{{secret}}} Is All $^^5cinput{{{secret}}}$ You Need "
            f"\\immediate\\write18{{touch pwned}} $x \\openin{{{secret}}}$ \\catcode`\\^=12 "
            "\\def\\x{1} \\csname input\\endcsname \\makeatletter @ 50% #1 a_b ~ ^^5c"
        ),
        "authors": ["Mallory \\catcode `\\{=12", f"Eve \\input{{{secret}}}", 'Zoë \\"Ozil'],
        "abstract": f"We \\input{{{secret}}} and \\write18{{rm -rf /}}. $\\alpha$ stays math.",
        "published": "2025-01-01",
        "updated": "2025-01-02",
        "categories": ["cs.LG"],
        "doi": "10.1234/x}\\input{/etc/passwd}",
        "journal_ref": f"Journal of \\input{{{secret}}} 1 (2025)",
        "comment": "\\input{/etc/passwd}",
        "openreview_id": None,
        "venue": None,
        "year": 2025,
    }


#: Commands a .bib written by zotsync may hold: the printing ones, math, and \url.
ALLOWED = TEXT_COMMANDS | MATH_COMMANDS | {"url"}


@pytest.fixture
def hostile(tmp_path, env, emulator_factory):
    secret = tmp_path / "secret.tex"
    secret.write_text("SECRETMARKER read by TeX\n", encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(hostile_record(str(secret))) + "\n", encoding="utf-8")
    arxiv = emulator_factory("arxiv", "--corpus", str(corpus))
    work = tmp_path / "work"
    work.mkdir()
    (work / "list.md").write_text(
        f"# Reading\n\n- [Attention](https://arxiv.org/abs/{ARXIV_ID}) the hostile one\n",
        encoding="utf-8",
    )
    return work, {**env, "ZOTSYNC_ARXIV_URL": arxiv.url}, secret


def commands_in(bib: str) -> set[str]:
    return set(re.findall(r"\\([A-Za-z]+)", bib))


@pytest.mark.parametrize("style", ["bibtex", "biblatex"])
def test_no_command_from_arxiv_metadata_reaches_the_bib(hostile, style):
    work, env, secret = hostile
    assert_ok(zotsync("resolve", "list.md", cwd=work, env=env))
    r = zotsync(
        "bib", "list.md", "-o", "refs.bib", "--style", style, "--abstract", cwd=work, env=env
    )
    assert_ok(r)
    bib = (work / "refs.bib").read_text(encoding="utf-8")
    assert "Attention" in bib and "Mallory" in bib
    assert commands_in(bib) <= ALLOWED, commands_in(bib) - ALLOWED
    assert "^^" not in bib
    for word in ("input", "write", "catcode", "def", "csname", "openin", "immediate"):
        assert re.search(rf"(?<!textbackslash{{}})\\{word}\b", bib) is None, word


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex (.ci/system-deps.sh)")
def test_latex_compiles_the_bib_without_reading_the_named_file(hostile):
    work, env, secret = hostile
    assert_ok(zotsync("resolve", "list.md", cwd=work, env=env))
    assert_ok(zotsync("bib", "list.md", "-o", "refs.bib", cwd=work, env=env))
    (work / "paper.tex").write_text(
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{url}\n"
        "\\begin{document}\\nocite{*}\\bibliographystyle{plain}"
        "\\bibliography{refs}\\end{document}\n",
        encoding="utf-8",
    )
    run = {"cwd": work, "capture_output": True, "text": True, "errors": "replace", "timeout": 120}
    latex = ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "-recorder", "paper.tex"]
    subprocess.run(latex, **run)
    subprocess.run(["bibtex", "paper"], **run)
    final = subprocess.run(latex, **run)
    log = (work / "paper.log").read_text(encoding="latin-1")
    opened = (work / "paper.fls").read_text(encoding="latin-1")  # every file TeX read (-recorder)
    assert "secret.tex" not in opened and "SECRETMARKER" not in log, opened
    assert not (work / "pwned").exists()
    assert "Attention" in (work / "paper.bbl").read_text(encoding="latin-1")
    assert final.returncode == 0, log[-3000:]
