"""Habits (issue 16.9): no function of the package runs over MAX_LINES lines (ruff and
mypy, configured in pyproject.toml, are run by .ci/run)."""
from __future__ import annotations

import ast
from pathlib import Path

import newsclean

PACKAGE = Path(newsclean.__file__).parent
MAX_LINES = 60


def long_functions(source: str, limit: int = MAX_LINES) -> list[tuple[str, int, int]]:
    """(name, first line, lines) of each function or method, nested ones included, of more
    than ``limit`` lines from its ``def`` to its last line (decorators left out)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > limit:
                found.append((node.name, node.lineno, lines))
    return found


def test_the_counter_finds_a_long_method_and_passes_a_short_one():
    body = "".join(f"        x{i} = {i}\n" for i in range(60))
    source = f"class A:\n    def long(self):\n{body}\n    def short(self):\n        return 1\n"
    assert long_functions(source) == [("long", 2, 61)]
    assert long_functions(source, limit=61) == []


def test_no_function_in_the_package_is_over_60_lines():
    found = [f"{path.relative_to(PACKAGE)}:{line} {name} ({n} lines)"
             for path in sorted(PACKAGE.rglob("*.py"))
             for name, line, n in long_functions(path.read_text(encoding="utf-8"))]
    assert found == []
