"""The README stays true: every test its guarantees table names exists."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _named_tests() -> list[tuple[str, str]]:
    """(file, test) of every `file.py::test_name` or `::test_name` (the file of the entry
    before it) in the README's "What newsclean guarantees" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## What newsclean guarantees", 1)[1].split("\n## ", 1)[0]
    found, current = [], ""
    for file, name in re.findall(r"`(test_\w+\.py)?::(test_\w+)`", section):
        current = file or current
        found.append((current, name))
    return found


def test_the_guarantees_table_names_tests_that_exist():
    named = _named_tests()
    assert len(named) >= 30
    missing = [f"{f}::{n}" for f, n in named
               if not re.search(rf"^\s*def {n}\(", (ROOT / "tests" / f).read_text(encoding="utf-8"), re.MULTILINE)]
    assert not missing, f"the README names tests that do not exist: {missing}"
