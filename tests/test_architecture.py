"""Dependency rules that keep the pipeline honest.

- The emulators never import zotsync's client code, and the client never imports
  the emulators: a shared misunderstanding of an API would then never show in a test.
- Library stages never import the CLI (the CLI is a thin layer over the library).
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "zotsync"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n for n in names if n == "zotsync" or n.startswith("zotsync.")}


def modules_under(sub: str | None = None):
    base = PKG / sub if sub else PKG
    return sorted(base.rglob("*.py"))


def test_emulators_import_only_emulators():
    offenders = {
        str(p.relative_to(PKG)): sorted(
            m for m in imported_modules(p) if not m.startswith("zotsync.emulators")
        )
        for p in modules_under("emulators")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_client_never_imports_emulators():
    offenders = {
        str(p.relative_to(PKG)): sorted(
            m for m in imported_modules(p) if m.startswith("zotsync.emulators")
        )
        for p in modules_under()
        if "emulators" not in p.relative_to(PKG).parts
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_library_never_imports_cli():
    offenders = {
        str(p.relative_to(PKG)): sorted(
            m for m in imported_modules(p) if m.startswith("zotsync.cli")
        )
        for p in modules_under()
        if p.relative_to(PKG).parts[0] not in ("cli", "__main__.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


# The pipeline's stages in order; a stage may import the ones before it, never the ones after.
STAGES = ["parse", "resolve", "bibtex", "zotero", "sync", "notes", "twoway"]
LATER = {
    "parse": {"resolve", "bibtex", "zotero", "sync", "twoway", "workflow"},
    "resolve": {"bibtex", "zotero", "sync", "twoway", "workflow"},
    "bibtex": {"zotero", "sync", "twoway", "workflow"},
    "zotero": {"sync", "twoway", "workflow"},
    "sync": {"twoway", "workflow"},
    "notes": {"twoway", "workflow"},
    "twoway": {"workflow"},
}


def test_stages_never_import_later_stages():
    """parse → resolve → bibtex / zotero → sync (push) → twoway (pull, both ways) → workflow: one direction."""
    offenders = {}
    for stage, later in LATER.items():
        for p in modules_under(stage):
            bad = sorted(m for m in imported_modules(p) if m.split(".")[1] in later)
            if bad:
                offenders[str(p.relative_to(PKG))] = bad
    assert offenders == {}
