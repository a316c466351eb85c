"""The real TeX toolchain reads what we write: pdflatex+bibtex+natbib and pdflatex+biber+biblatex.

Every paper of the sample corpus (the five example lists, plus distractors) and a
handful of hard cases (particles, accents, math, TeX specials, venues) is cited;
the runs must finish with no error, no bibliography warning, and print every entry.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bibworld import corpus_world, entry, paper, resolved
from zotsync.bibtex import assign_keys, render_bib

pytestmark = pytest.mark.slow

HARD = [
    paper("DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation",
          "Jiatao Gu", "Laurens van der Maaten", "Jean de La Fontaine", "Martin Vlček", "Søren Kierkegaard",
          "Łukasz Kaiser", "Hans Müller Jr.", "José Lezama", arxiv_id="2410.99001"),
    paper("From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function", "Rafael Rafailov",
          arxiv_id="2410.99002", published="2024-04-18"),
    paper("Costs & Benefits: 50% of #1 models_v2 in MM1.5, {MoE} and LLMs", "Ann O'Neil", "Bo Strauß",
          arxiv_id="2410.99003", venue="ICLR 2024", doi="10.5555/iclr.2024.3"),
    paper("Nature Paper on CLIP", "Anne Smith", arxiv_id="2410.99004", journal_ref="Nature 600, 1-10 (2024)"),
    paper("Old Style Identifier Paper", "Ed Witten", arxiv_id="hep-th/9901001", published="1999-01-01",
          categories=("hep-th",)),
]

TOOLS = ("pdflatex", "bibtex", "biber")


def _world():
    entries, resolutions = corpus_world()
    for i, p in enumerate(HARD):
        e = entry(p.title, arxiv_id=p.arxiv_id, section=("Hard", "Cases"), line=1000 + i, tags=("Edge_case",))
        entries.append(e)
        resolutions[e.ident] = resolved(p, ident=e.ident)
    return entries, assign_keys(resolutions)


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
    return proc


def _cites(keys: tuple[str, ...]) -> str:
    return "\n".join("\\cite{" + ",".join(keys[i:i + 20]) + "}" for i in range(0, len(keys), 20))


@pytest.fixture(scope="module")
def rendered():
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.fail(f"TeX tools missing: {missing} (run .ci/system-deps.sh)")
    return _world()


def _log_problems(log: str) -> list[str]:
    bad = re.compile(r"(Citation .* undefined|There were undefined references|Empty bibliography|"
                     r"Package (natbib|biblatex) Warning|^! )", re.MULTILINE)
    return [m.group(0) for m in bad.finditer(log)]


def test_pdflatex_bibtex_natbib_prints_every_entry_without_warnings(rendered, tmp_path):
    entries, resolutions = rendered
    result = render_bib(entries, resolutions, style="bibtex", abstract=True, code_links=True)
    assert len(result.keys) >= 300 and not result.left_out
    (tmp_path / "refs.bib").write_text(result.text, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[numbers]{natbib}\n\\usepackage{url}\n"
        "\\begin{document}\n" + _cites(result.keys) + "\n\\bibliographystyle{plainnat}\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    _run(latex, tmp_path)
    _run(["bibtex", "doc"], tmp_path)
    _run(latex, tmp_path)
    _run(latex, tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert "Warning--" not in blg and "error message" not in blg, blg[-3000:]
    assert _log_problems((tmp_path / "doc.log").read_text(errors="replace")) == []
    bbl = (tmp_path / "doc.bbl").read_text(errors="replace")
    assert bbl.count("\\bibitem") == len(result.keys)


def test_pdflatex_biber_biblatex_prints_every_entry_without_warnings(rendered, tmp_path):
    entries, resolutions = rendered
    result = render_bib(entries, resolutions, style="biblatex", abstract=True, code_links=True)
    (tmp_path / "refs.bib").write_text(result.text, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n"
        "\\usepackage[backend=biber,style=numeric]{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\n" + _cites(result.keys) + "\n\\printbibliography\n\\end{document}\n", encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    _run(latex, tmp_path)
    _run(["biber", "doc"], tmp_path)
    _run(latex, tmp_path)
    _run(latex, tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert not re.search(r"\b(WARN|ERROR)\b", blg), "\n".join(l for l in blg.splitlines() if "WARN" in l or "ERROR" in l)[:3000]
    assert _log_problems((tmp_path / "doc.log").read_text(errors="replace")) == []
    bbl = (tmp_path / "doc.bbl").read_text(errors="replace")
    assert bbl.count("\\entry{") == len(result.keys)
