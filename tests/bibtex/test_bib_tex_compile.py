"""The real TeX toolchain reads what we write: pdflatex+bibtex+natbib and pdflatex+biber+biblatex.

Two worlds are compiled, each with both toolchains:

* every paper of the sample corpus (the five example lists plus distractors) and a
  handful of hard cases (particles, accents, math, TeX specials, venues), rendered
  directly from hand-built resolutions;
* the real pipeline: ``zotsync bib`` on the five example lists, resolving against
  the emulators, in both styles.

The runs must finish with no error, no bibliography warning, and print every entry.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bibworld import corpus_world, entry, paper, resolved
from click.testing import CliRunner

from zotsync.bibtex import assign_keys, render_bib
from zotsync.cli import cli

pytestmark = pytest.mark.slow

HARD = [
    paper(
        "DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation",
        "Jiatao Gu",
        "Laurens van der Maaten",
        "Jean de La Fontaine",
        "Martin Vlček",
        "Søren Kierkegaard",
        "Łukasz Kaiser",
        "Hans Müller Jr.",
        "José Lezama",
        arxiv_id="2410.99001",
    ),
    paper(
        "From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function",
        "Rafael Rafailov",
        arxiv_id="2410.99002",
        published="2024-04-18",
    ),
    paper(
        "Costs & Benefits: 50% of #1 models_v2 in MM1.5, {MoE} and LLMs",
        "Ann O'Neil",
        "Bo Strauß",
        arxiv_id="2410.99003",
        venue="ICLR 2024",
        doi="10.5555/iclr.2024.3",
    ),
    paper(
        "Nature Paper on CLIP",
        "Anne Smith",
        arxiv_id="2410.99004",
        journal_ref="Nature 600, 1-10 (2024)",
        doi="10.1007/978-3-642-13190-5_2",
    ),
    paper(
        "Learning $α$-Divergences in $\\mathcal{O}(n)$ with Café Models — $é$",
        "Ünal Öztürk",
        arxiv_id="2410.99005",
    ),
    paper(
        "Old Style Identifier Paper",
        "Ed Witten",
        arxiv_id="hep-th/9901001",
        published="1999-01-01",
        categories=("hep-th",),
    ),
]

TOOLS = ("pdflatex", "bibtex", "biber")


def _world():
    entries, resolutions = corpus_world()
    for i, p in enumerate(HARD):
        e = entry(
            p.title,
            arxiv_id=p.arxiv_id,
            section=("Hard", "Cases"),
            line=1000 + i,
            tags=("Edge_case",),
        )
        entries.append(e)
        resolutions[e.ident] = resolved(p, ident=e.ident)
    return entries, assign_keys(resolutions)


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300
    )
    assert proc.returncode == 0, (
        f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
    )
    return proc


def _cites(keys: tuple[str, ...]) -> str:
    return "\n".join("\\cite{" + ",".join(keys[i : i + 20]) + "}" for i in range(0, len(keys), 20))


@pytest.fixture(scope="module")
def tex_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.fail(f"TeX tools missing: {missing} (run .ci/system-deps.sh)")


@pytest.fixture(scope="module")
def rendered(tex_tools):
    return _world()


def _log_problems(log: str) -> list[str]:
    bad = re.compile(
        r"(Citation .* undefined|There were undefined references|Empty bibliography|"
        r"Package (natbib|biblatex) Warning|^! )",
        re.MULTILINE,
    )
    return [m.group(0) for m in bad.finditer(log)]


NATBIB = (
    "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[numbers]{natbib}\n"
    "\\usepackage{url}\n\\begin{document}\n%s\n\\bibliographystyle{plainnat}\n\\bibliography{refs}\n"
    "\\end{document}\n"
)
BIBLATEX = (
    "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n"
    "\\usepackage[backend=biber,style=numeric]{biblatex}\n\\addbibresource{refs.bib}\n"
    "\\begin{document}\n%s\n\\printbibliography\n\\end{document}\n"
)
LATEX = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]


def compile_natbib(folder: Path, bib: str, keys: tuple[str, ...]) -> None:
    """pdflatex, bibtex, pdflatex x2 with natbib/plainnat: no error, no warning, one \\bibitem per key."""
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "doc.tex").write_text(NATBIB % _cites(keys), encoding="utf-8")
    for cmd in (LATEX, ["bibtex", "doc"], LATEX, LATEX):
        _run(cmd, folder)
    blg = (folder / "doc.blg").read_text(errors="replace")
    assert "Warning--" not in blg and "error message" not in blg, blg[-3000:]
    assert _log_problems((folder / "doc.log").read_text(errors="replace")) == []
    assert (folder / "doc.bbl").read_text(errors="replace").count("\\bibitem") == len(keys)


def compile_biblatex(folder: Path, bib: str, keys: tuple[str, ...]) -> None:
    """pdflatex, biber, pdflatex x2 with biblatex: no error, no WARN, one \\entry per key."""
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "doc.tex").write_text(BIBLATEX % _cites(keys), encoding="utf-8")
    for cmd in (LATEX, ["biber", "doc"], LATEX, LATEX):
        _run(cmd, folder)
    blg = (folder / "doc.blg").read_text(errors="replace")
    problems = [line for line in blg.splitlines() if re.search(r"\b(WARN|ERROR)\b", line)]
    assert problems == [], problems[:20]
    assert _log_problems((folder / "doc.log").read_text(errors="replace")) == []
    assert (folder / "doc.bbl").read_text(errors="replace").count("\\entry{") == len(keys)


def test_corpus_and_hard_cases_compile_with_bibtex_natbib(rendered, tmp_path):
    entries, resolutions = rendered
    result = render_bib(entries, resolutions, style="bibtex", abstract=True, code_links=True)
    assert len(result.keys) >= 300 and not result.left_out
    compile_natbib(tmp_path, result.text, result.keys)


def test_corpus_and_hard_cases_compile_with_biber_biblatex(rendered, tmp_path):
    entries, resolutions = rendered
    result = render_bib(entries, resolutions, style="biblatex", abstract=True, code_links=True)
    compile_biblatex(tmp_path, result.text, result.keys)


def test_five_example_lists_end_to_end(
    tex_tools, seeds, in_tmp, monkeypatch, arxiv_emulator, s2_emulator, hf_emulator
):
    """The real pipeline: parse the five lists, resolve against the emulators, write both styles, compile."""
    for var, server in (
        ("ZOTSYNC_ARXIV_URL", arxiv_emulator),
        ("ZOTSYNC_S2_URL", s2_emulator),
        ("ZOTSYNC_HF_URL", hf_emulator),
    ):
        monkeypatch.setenv(var, server.url)
    runs = {}
    for style, extra in (("bibtex", []), ("biblatex", ["--offline"])):
        out = in_tmp / style
        out.mkdir()
        res = CliRunner().invoke(
            cli,
            ["bib", *map(str, seeds), "-o", str(out / "refs.bib"), "--style", style, *extra],
            catch_exceptions=False,
        )
        assert res.exit_code == 0, res.output
        runs[style] = (out, (out / "refs.bib").read_text(encoding="utf-8"))
    keys = tuple(re.findall(r"^@(?!comment)\w+\{([^,]+),", runs["bibtex"][1], re.MULTILINE))
    assert len(keys) >= 300 and len(keys) == runs["bibtex"][1].count(
        "\n@"
    )  # every entry gets cited
    assert keys == tuple(
        re.findall(r"^@(?!comment)\w+\{([^,]+),", runs["biblatex"][1], re.MULTILINE)
    )
    compile_natbib(runs["bibtex"][0], runs["bibtex"][1], keys)
    compile_biblatex(runs["biblatex"][0], runs["biblatex"][1], keys)
