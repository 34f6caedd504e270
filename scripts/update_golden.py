#!/usr/bin/env python3
"""Write the expected records of samples/ to tests/golden/ (after a reviewed behaviour change).

    python scripts/update_golden.py

Review the diff (`git diff tests/golden`) before committing: these files state what
the tool must produce for the seed dumps.
"""
from __future__ import annotations

import json
from pathlib import Path

import newsclean

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    out = ROOT / "tests" / "golden"
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "samples").glob("*.txt")):
        record = newsclean.clean(path.read_text(encoding="utf-8"), id=path.stem, keep_removed=True)
        (out / f"{path.stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
        print(f"wrote {out / (path.stem + '.json')}")


if __name__ == "__main__":
    main()
