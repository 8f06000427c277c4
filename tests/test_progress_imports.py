"""No import circle among the progress modules (imports inside functions count too): the stores depend
on backend.py for their protocol and errors, store.py on the stores, never the other way round."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "skill" / "progress"


def imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module} if node.module else {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("skill.progress."):
            found.add(node.module.rpartition(".")[2])
    return found


def test_no_module_of_progress_imports_itself_through_others():
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    graph = {m: imports(m) & modules for m in modules}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph[start])

    assert [m for m in sorted(modules) if reaches(m, m, {m})] == []
    for the_store in ("sqlite_store", "dynamodb_store"):
        assert "backend" in graph[the_store]
        assert not reaches(the_store, "store", {the_store}), f"{the_store} reaches store.py"
