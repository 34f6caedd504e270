"""Save the CLI's output on samples/ and every shared corpus, or compare it with a saved set.

    python scripts/outputs.py save DIR       # before a change
    python scripts/outputs.py compare DIR    # after it: which records changed, per corpus
    python scripts/outputs.py compare DIR --ignore stats.stages   # leaving out a field a change adds

A refactoring must leave every record byte-identical; a change that means to alter
output says so, and this lists the ids it altered. Exit 1 when anything differs.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
CORPORA = {
    "samples": ROOT / "samples",
    "vn-dev": SHARED / "vn-dev" / "dumps",
    "scrapinghub-page": SHARED / "scrapinghub-dev" / "page",
    "scrapinghub-w3m": SHARED / "scrapinghub-dev" / "w3m",
    "readability-page": SHARED / "readability-dev" / "page",
    "readability-w3m": SHARED / "readability-dev" / "w3m",
}


def run(folder: Path, ignore: tuple[str, ...] = ()) -> bytes:
    """The records `newsclean clean FOLDER` prints, timings and the ``ignore`` keys (dotted
    paths) left out."""
    where = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder  # the same sources in any clone
    out = subprocess.run([sys.executable, "-m", "newsclean", "clean", str(where)],
                         cwd=ROOT, capture_output=True, check=True).stdout
    lines = []
    for line in out.splitlines():
        record = orjson.loads(line)
        record.get("stats", {}).pop("seconds", None)
        for key in ignore:
            *parents, last = key.split(".")
            node = record
            for part in parents:
                node = node.get(part, {})
            node.pop(last, None)
        lines.append(orjson.dumps(record, option=orjson.OPT_SORT_KEYS))
    return b"\n".join(lines) + b"\n"


def by_id(data: bytes) -> dict[str, bytes]:
    return {orjson.loads(line)["id"]: line for line in data.splitlines() if line}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("save", "compare"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--ignore", action="append", default=[], metavar="KEY",
                    help="a field to leave out of every record (dotted: stats.stages); repeatable")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    differ = 0
    for name, folder in CORPORA.items():
        if not folder.is_dir():
            print(f"{name:<18} (no data)")
            continue
        now = run(folder, tuple(args.ignore))
        saved = args.dir / f"{name}.jsonl"
        if args.action == "save":
            saved.write_bytes(now)
            print(f"{name:<18} saved {len(now.splitlines())} records")
            continue
        before, after = by_id(saved.read_bytes()), by_id(now)
        changed = sorted(i for i in before.keys() | after.keys() if before.get(i) != after.get(i))
        differ += len(changed)
        print(f"{name:<18} {'identical' if not changed else f'{len(changed)} of {len(before)} records differ'}")
        for i in changed[:20]:
            print(f"    {i}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
