#!/usr/bin/env python3
"""How much of a file that is no article newsclean keeps in its text.

    python scripts/not_articles.py                      # the default kinds, found on this machine
    python scripts/not_articles.py --kind table '/tmp/made/*.csv'     # more files of a kind
    python scripts/not_articles.py --no-defaults --kind log '/var/log/*.log'
    python scripts/not_articles.py --save after.json --before before.json

Users feed the tool files that are no news: source code, configuration files, logs,
tables, JSON, licences. Such a file should be kept whole (every word in ``text``,
``stats.article`` "not_an_article"). For each kind, the files its globs find on this
machine (none is copied into the project; at most ``--max-files`` of them, spread
evenly over the sorted list, each at most ``--max-bytes``; a shell script is a file
whose first line is a ``#!`` naming a shell) are cleaned in-process with the code
found on ``sys.path`` (run it with PYTHONPATH=$PWD for a worktree's code), and printed:
how many files, how many were kept whole, the share of the files' words (pooled) found
in the text, the lowest share of one file, and the file it was; "moved" counts the
files kept whole whose text changes when it is cleaned again (it should be none). ``--save`` writes the
per-file figures; ``--before`` prints the pooled share of a saved run beside them.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
from collections import Counter
from pathlib import Path

import newsclean

# Each kind and the globs that find its files on a Debian machine with Python, node and
# zlib's examples; a glob that finds nothing adds nothing.
KINDS: dict[str, list[str]] = {
    "python": ["/usr/lib/python3*/*.py", "/usr/lib/python3*/*/*.py"],
    "shell": ["/usr/bin/*", "/usr/sbin/*", "/etc/cron.daily/*"],
    "c": ["/usr/include/*.h", "/usr/share/doc/*/examples/*.c", "/usr/share/vim/vim*/macros/*/*.c"],
    "javascript": ["/usr/share/doc/python3/_static/*.js", "/usr/share/gitweb/static/*.js",
                   "/usr/lib/node_modules/npm/lib/*.js", "/usr/lib/node_modules/npm/lib/*/*.js"],
    "config": ["/etc/*.conf", "/etc/*/*.conf", "/etc/services", "/etc/protocols", "/etc/crontab", "/etc/cron.d/*",
               "/usr/lib/llvm-*/build/utils/lit/tests/Inputs/*/*.ini", "/usr/lib/node_modules/npm/node_modules/*/.*.yml",
               "/usr/share/doc/python3-yaml/examples/*/*.yaml"],
    "table": ["/usr/share/distro-info/*.csv", "/usr/share/package-lists/*.tsv",
              "/root/.pyenv/versions/*/lib/python*/site-packages/numpy/random/tests/data/*.csv"],
    "log": ["/var/log/*.log", "/var/log/apt/*.log"],
    "json": ["/usr/share/doc/nodejs/api/*.json", "/usr/lib/node_modules/npm/package.json",
             "/usr/share/cmake-*/Templates/MSBuild/FlagTables/*.json"],
    "licence": ["/usr/share/doc/*/copyright"],
}
SHELLS = (b"sh", b"bash", b"dash")


def _is_shell_script(data: bytes) -> bool:
    first = data.split(b"\n", 1)[0]
    return first.startswith(b"#!") and any(first.rstrip().endswith(b"/" + s) or b"/" + s + b" " in first
                                           or b"env " + s in first for s in SHELLS)


def files_of(kind: str, globs: list[str], max_files: int, max_bytes: int) -> list[tuple[str, bytes]]:
    """Up to ``max_files`` files the globs find (text, at most ``max_bytes``), spread over the sorted list."""
    found = []
    for path in sorted({p for g in globs for p in glob.glob(g, recursive=True)}):
        p = Path(path)
        if not p.is_file() or p.is_symlink() or not 0 < p.stat().st_size <= max_bytes:
            continue
        data = p.read_bytes()
        if b"\0" in data or (kind == "shell" and not _is_shell_script(data)):
            continue
        found.append((path, data))
    if len(found) > max_files:
        step = len(found) / max_files
        found = [found[int(i * step)] for i in range(max_files)]
    return found


def share_kept(data: bytes) -> tuple[int, int, bool, bool] | None:
    """The file's words, how many of them are in the record's text, whether it was kept
    whole, and whether cleaning the text again changes it; None for a file newsclean
    refuses (not text)."""
    try:
        record = newsclean.clean(data)
    except newsclean.InputError:
        return None
    source = Counter(data.decode("utf-8", "replace").split())
    kept = Counter(record["text"].split())
    whole = record["stats"]["article"] == "not_an_article"
    moved = whole and newsclean.clean(record["text"])["text"] != record["text"]
    return sum(source.values()), sum((source & kept).values()), whole, moved


def measure(kind: str, files: list[tuple[str, bytes]]) -> list[dict]:
    rows = []
    for path, data in files:
        got = share_kept(data)
        if got is not None and got[0]:
            rows.append({"kind": kind, "path": path, "words": got[0], "kept": got[1], "whole": got[2],
                         "moved": got[3]})
    return rows


def _pooled(rows: list[dict]) -> float:
    return sum(r["kept"] for r in rows) / max(1, sum(r["words"] for r in rows))


def report(rows: list[dict], before: list[dict] | None) -> None:
    print(f"{'kind':<11} {'files':>5} {'whole':>5} {'moved':>5} {'before':>7} {'kept':>7} {'lowest':>7}  lowest file")
    kinds = list(dict.fromkeys(r["kind"] for r in rows))
    for kind in kinds + ["all"]:
        mine = [r for r in rows if kind in ("all", r["kind"])]
        old = [r for r in before or [] if kind in ("all", r["kind"])]
        low = min(mine, key=lambda r: r["kept"] / r["words"])
        was = f"{_pooled(old):7.3f}" if old else f"{'-':>7}"
        print(f"{kind:<11} {len(mine):5d} {sum(r['whole'] for r in mine):5d} {sum(r.get('moved', 0) for r in mine):5d} "
              f"{was} {_pooled(mine):7.3f} "
              f"{low['kept'] / low['words']:7.3f}  {low['path'] if kind != 'all' else ''}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kind", nargs=2, action="append", metavar=("NAME", "GLOB"),
                    help="a kind and a glob of its files, added to the default kinds' (repeatable)")
    ap.add_argument("--no-defaults", action="store_true", help="only the files of --kind")
    ap.add_argument("--max-files", type=int, default=25, help="files per kind (default 25)")
    ap.add_argument("--max-bytes", type=int, default=60_000, help="largest file taken (default 60000)")
    ap.add_argument("--save", type=Path, help="write the per-file figures (JSON) here")
    ap.add_argument("--before", type=Path, help="per-file figures saved by an earlier run, shown beside")
    ap.add_argument("--list", action="store_true", help="print each file's share too")
    args = ap.parse_args()
    kinds: dict[str, list[str]] = {} if args.no_defaults else {k: list(v) for k, v in KINDS.items()}
    for name, pattern in args.kind or []:
        kinds.setdefault(name, []).append(pattern)
    rows = []
    for kind, globs in kinds.items():
        rows += measure(kind, files_of(kind, globs, args.max_files, args.max_bytes))
    if not rows:
        print("no files found", file=sys.stderr)
        return 1
    if args.list:
        for r in rows:
            print(f"{r['kind']:<11} {r['kept'] / r['words']:.3f} {'whole' if r['whole'] else '     '} {r['path']}")
    before = json.loads(args.before.read_text()) if args.before else None
    report(rows, before)
    if args.save:
        args.save.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
