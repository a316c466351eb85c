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


# Every top-level module and package of zotsync, lowest first. A unit may import only units of
# earlier tiers; units of one tier never import each other (the .bib and the Zotero item are
# two renderings of one resolved paper: what both need lives below them). The emulators stand
# apart (the tests above).
TIERS: list[tuple[str, ...]] = [
    ("errors",),
    ("model", "config", "atomic", "notify", "untrusted", "wording", "reach"),
    ("names", "dates", "venues"),  # names, the date rule, which edition: shared by .bib and Zotero
    ("sections",),  # headings -> collection paths: shared by .bib keywords, Zotero and parse
    ("parse",),
    ("notes", "resolve"),
    ("bibtex", "zotero"),
    ("push",),  # the push engine: desired state, plan, apply, sync state; list reading
    ("twoway",),  # pull, status, both directions
    ("workflow", "sandbox", "setup"),
    ("cli",),
    ("__main__",),
]
TIER = {unit: n for n, units in enumerate(TIERS) for unit in units}


def _unit(path: Path) -> str:
    return path.relative_to(PKG).parts[0].removesuffix(".py")


def _all_imports(path: Path) -> set[str]:
    """zotsync modules ``path`` imports anywhere (function bodies and TYPE_CHECKING blocks
    included), relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["zotsync", *path.relative_to(PKG).parent.parts]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                names.update(
                    [module] if node.module else [f"{module}.{a.name}" for a in node.names]
                )
            elif node.module:
                names.add(node.module)
    return {n for n in names if n.startswith("zotsync.")}


def test_every_unit_has_a_tier():
    units = {_unit(p) for p in modules_under()} - {"__init__", "emulators"}
    assert units - set(TIER) == set(), "add the new module or package to TIERS"


def test_units_import_only_lower_tiers():
    """cli → workflow → twoway → push → bibtex | zotero → resolve | notes → parse → model: one way."""
    offenders = {}
    for path in modules_under():
        unit = _unit(path)
        if unit in ("__init__", "emulators"):
            continue
        bad = sorted(
            m
            for m in _all_imports(path)
            if (other := m.split(".")[1]) != unit and other in TIER and TIER[other] >= TIER[unit]
        )
        if bad:
            offenders[str(path.relative_to(PKG))] = bad
    assert offenders == {}


def _module_name(path: Path) -> str:
    parts = ["zotsync", *path.relative_to(PKG).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycle_between_modules():
    """Inside a package too: two modules that import each other (even for type hints only)
    are one module in two files, or a value that belongs in a third."""
    modules = {_module_name(p): p for p in modules_under()}
    graph = {
        name: {m for m in _all_imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    for name, deps in graph.items():  # a package's __init__ re-exporting is not a cycle
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append(trail[trail.index(dep) :] + [dep])
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
