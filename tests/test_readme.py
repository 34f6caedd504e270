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


def _cells(cell: str) -> set[str]:
    return set(re.findall(r"`(\w+)`", cell))


def test_the_stage_table_is_the_pipelines_contracts():
    from newsclean.stages import STAGE_CLASSES

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `(\w+)`[^|]*\|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|$", text, re.MULTILINE)
    table = {name: (int(n), *map(_cells, cells)) for n, name, *cells in rows}
    assert list(table) == [c.name for c in STAGE_CLASSES]
    for i, c in enumerate(STAGE_CLASSES, 1):
        tags = {t.value for t in c.tags} if getattr(c, "tags", None) else set()
        assert table[c.name] == (i, set(c.reads), set(c.reads_optional), set(c.writes), tags), c.name
