"""Print the README's table of the stages and their contracts, from STAGE_CLASSES.

    python scripts/stage_table.py            # the table, to paste
    python scripts/stage_table.py --write    # replace the table in README.md

tests/test_readme.py fails when the README's table and the code disagree.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from newsclean.stages import STAGE_CLASSES

README = Path(__file__).resolve().parents[1] / "README.md"
ROW = re.compile(r"^\| \d+ \| `\w+`")


def _cell(names) -> str:
    return ", ".join(f"`{n}`" for n in names) if names else "–"


def rows() -> list[str]:
    out = []
    for i, c in enumerate(STAGE_CLASSES, 1):
        tags = [t.value for t in c.tags] if c.tags else []
        name = f"`{c.name}`" + (" (required)" if c.required else "")
        out.append(f"| {i} | {name} | {_cell(sorted(c.reads))} | {_cell(sorted(c.reads_optional))} | "
                   f"{_cell(sorted(c.writes))} | {_cell(tags)} |")
    return out


def write() -> None:
    lines = README.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if ROW.match(line))
    rest = [line for line in lines[first:] if not ROW.match(line)]
    README.write_text("\n".join(lines[:first] + rows() + rest), encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write()
    else:
        print("\n".join(rows()))
