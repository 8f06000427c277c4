"""The house stays easy to change: no import circle in skill/ (a module that needs another's helper imports
it, never the other way round too, even inside a function) and no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "skill"
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The skill modules `name` imports, anywhere in it (inside functions too), except under TYPE_CHECKING;
    importing a.b.c also runs the packages a.b and a."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in
                   ast.unparse(node.test) for part in node.body for n in ast.walk(part)}
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else [])) \
                if node.level else node.module or ""
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    with_packages = set()
    for target in found & set(modules):
        parts = target.split(".")
        with_packages |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return {m for m in with_packages & set(modules) if m != name and not name.startswith(m + ".")}


def circles(modules: dict[str, Path]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def skill_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_import_circle_in_skill():
    assert circles(skill_modules()) == []


def test_the_circle_finder_finds_one_inside_a_function_and_across_packages(tmp_path):
    (tmp_path / "a.py").write_text("from .b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from .sub.c import y\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "__init__.py").write_text("")
    (tmp_path / "sub" / "c.py").write_text("from typing import TYPE_CHECKING\nfrom .. import a\n"
                                           "if TYPE_CHECKING:\n    from ..d import z\n")
    (tmp_path / "d.py").write_text("from .a import w\n")
    names = {"pkg." + ".".join(p.relative_to(tmp_path).with_suffix("").parts).removesuffix(".__init__"): p
             for p in tmp_path.rglob("*.py")}
    assert circles(names) == [{"pkg.a", "pkg.b", "pkg.sub.c"}]


def test_no_module_over_400_lines():
    long = {name: n for name, path in skill_modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these by what they hold: {long}"
