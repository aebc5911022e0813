"""Every package the code imports is declared in pyproject.toml: src/ in the dependencies (an
import inside a function may come from an extra, as the semantic model does), tests/ and
bench/ in the dependencies or the test extra."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
LOCAL = {"claimledger", "common", "ingest"} | {p.stem for p in (REPO / "tests").glob("*.py")}  # our own test modules


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(*extras: str) -> set[str]:
    requirements = PROJECT["dependencies"] + [r for e in extras for r in PROJECT["optional-dependencies"][e]]
    return {canonical(re.split(r"[\s<>=!~\[;]", r, maxsplit=1)[0]) for r in requirements}


def imports(folder: Path, *, top_level_only: bool = False) -> dict[str, str]:
    """Third-party modules imported under `folder` -> one file that imports it."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text())
        nodes = [n for n in tree.body if not isinstance(n, ast.If)] if top_level_only else ast.walk(tree)
        for node in nodes:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL:
                    found.setdefault(top, str(path.relative_to(REPO)))
    return found


def undeclared(modules: dict[str, str], allowed: set[str]) -> list[str]:
    distributions = packages_distributions()
    # a module that is not installed (an extra left out) is checked by its own name
    return [f"{module} ({where})" for module, where in sorted(modules.items())
            if not {canonical(d) for d in distributions.get(module, [module])} & allowed]


def test_modules_imported_at_load_time_are_core_dependencies():
    assert undeclared(imports(REPO / "src", top_level_only=True), declared()) == []


def test_every_module_imported_by_src_is_a_dependency_or_in_an_extra():
    assert undeclared(imports(REPO / "src"), declared(*PROJECT["optional-dependencies"])) == []


@pytest.mark.parametrize("folder", ["tests", "bench"])
def test_tests_and_benchmarks_import_only_what_the_test_extra_installs(folder):
    assert undeclared(imports(REPO / folder), declared("test")) == []
