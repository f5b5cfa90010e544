"""The shape of src/sourcecheck (docs/architecture.md): dependencies run one way, down the
pipeline numbers -> ledger -> sources -> compare -> report -> run -> formats -> cli; no
cycles; modules of a readable size; imports inside functions only where they keep a
heavy library out of a run that does not need it; the cache and the worker pool known
to the runner alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sourcecheck"

# The stage of each module, by its dotted name's longest listed prefix; a module may
# import only modules of its own stage or an earlier one.  The package root is the
# public facade (it imports its stages lazily) and is left out.
STAGES = {
    "codes": 0, "errors": 0, "findings": 0, "interval": 0, "project": 0, "textfile": 0, "yamlfile": 0, "limits": 0,
    "numbers": 1, "config": 1, "prose": 1,
    "ledger": 2,
    "sources": 3, "upstream": 3,
    "compare": 4,
    "report": 5,
    "run": 6,
    "formats": 7,
    "cli": 8, "scaffold": 8, "linking": 8, "linked_ledger": 8, "review": 8, "mutate": 8, "pytest_plugin": 8,
    "existing_ledger": 8, "importers": 8, "refresh": 8,
    "__main__": 8,
}
MAX_LINES = 400
# the CLI imports init, accept, mutate, extract, package new, import and refresh on use;
# prose/ the Markdown and HTML readers; the runner its engine for blocks (pandas, pandera)
# and dask.distributed only for --scheduler/--memory-budget
MAX_INNER_IMPORTS = 20


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, bool]]:
    """(imported module of sourcecheck, whether inside a function) for every import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner = {id(node) for function in ast.walk(tree) if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
             for node in ast.walk(function)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".") if package else []
            base = base[:len(base) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                target = f"{module}.{alias.name}".strip(".")
                found.append((target if target in MODULES else module, id(node) in inner))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sourcecheck"):
            module = node.module.removeprefix("sourcecheck").strip(".")
            found.append((module, id(node) in inner))
    return found


def _stage(name: str) -> int | None:
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in STAGES:
            return STAGES[".".join(parts[:end])]
    return None


def test_every_module_has_a_stage():
    assert sorted(name for name in MODULES if name and _stage(name) is None) == []


def test_dependencies_run_down_the_pipeline():
    upward = [f"{name} (stage {_stage(name)}) imports {target} (stage {_stage(target)})"
              for name, path in MODULES.items() if name
              for target, _ in _imports(name, path)
              if target and _stage(target) is not None and _stage(target) > _stage(name)]  # type: ignore[operator]
    assert upward == []


def test_there_are_no_import_cycles():
    graph = {name: {target for target, inner in _imports(name, path) if target in MODULES and target != name}
             for name, path in MODULES.items()}
    # a module may import its own package's __init__ only for names the package defines
    visiting: list[str] = []
    done: set[str] = set()
    cycles: list[list[str]] = []

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            cycles.append(visiting[visiting.index(name):] + [name])
            return
        visiting.append(name)
        for target in sorted(graph[name]):
            if not name.startswith(f"{target}.") and target:  # a package's own __init__ is not a cycle
                visit(target)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_400_lines(name):
    assert len(MODULES[name].read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def _inner_imports() -> list[str]:
    """Every import statement inside a function, as "module: statement"."""
    found = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                found += [f"{name}: {ast.unparse(node)}" for node in ast.walk(function)
                          if isinstance(node, ast.Import | ast.ImportFrom)]
    return found


def test_few_imports_inside_functions():
    assert len(_inner_imports()) <= MAX_INNER_IMPORTS, "\n".join(_inner_imports())


def _third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level
              and node.module}
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("module", ["run.cache", "run.workers"])
def test_the_cache_and_the_workers_are_the_runners_alone(module):
    users = sorted(name for name, path in MODULES.items()
                   if any(target == module for target, _ in _imports(name, path)))
    assert "run.check" in users and len(users) <= 2, users
    assert all(name.startswith("run.") for name in users), users


def test_the_core_knows_nothing_of_caches_or_processes():
    for name, path in MODULES.items():
        if name.split(".")[0] in ("numbers", "ledger", "sources", "compare"):
            assert not _third_party(path) & {"multiprocessing", "concurrent", "sqlite3", "orjson"}, name
            assert not any(target.startswith("run") for target, _ in _imports(name, path)), name
