#!/usr/bin/env python3
"""Instructions per dump, counted by valgrind's callgrind: a figure that does not drift
with the machine's load, unlike seconds.

    python benchmarks/instructions.py [--articles 100] [--pages 30] [--seed 1] [--keep DIR]

Builds the benchmark's two corpora (benchmarks/make_corpus.py, the same seed each run)
and a one-dump folder of each, then counts the instructions of:
- the minimal loop of bench.py (read each file, write {"id", "text"} JSON Lines);
- `newsclean clean DIR -j 1 -o OUT` (site learning on, as a user runs it);
each over the corpus less a run over its first dump (start-up, imports and patterns
compiled, taken out), per dump, and the ratio of the two. Start-up is given apart,
with the modules' bytecode cached (as pip installs them; a warm-up run writes it to a
cache in the work folder, whatever PYTHONDONTWRITEBYTECODE says), so that it counts the
program's start, not the compiling of its sources. Needs valgrind; whole pages need ../shared (skipped with a message when absent).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import MINIMAL_LOOP  # noqa: E402


def environment(work: Path) -> dict[str, str]:
    """The runs' environment: a fixed hash seed, and bytecode written to and read from
    a cache in ``work``."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def collected(cmd: list[str], env: dict[str, str]) -> int:
    """The instructions callgrind counted for ``cmd`` (its children not followed)."""
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                         capture_output=True, text=True, env=env)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode or not found:
        sys.exit(f"callgrind failed on {' '.join(cmd)}:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def corpus(work: Path, name: str, n: int, seed: int, pages: bool) -> tuple[Path, Path]:
    """The corpus of ``n`` dumps and a folder holding its first dump alone."""
    many, one = work / name, work / f"{name}-1"
    cmd = [sys.executable, str(HERE / "make_corpus.py"), str(many), str(n), "--seed", str(seed)]
    subprocess.run(cmd + (["--pages"] if pages else []), check=True, capture_output=True)
    first = min(p for p in many.rglob("*") if p.is_file())
    one.mkdir()
    shutil.copy(first, one / first.name)
    return many, one


def per_dump(cmd, many: Path, one: Path, n: int, out: Path) -> tuple[float, int]:
    """(instructions per dump less the one-dump run, the one-dump run's instructions),
    after a warm-up run that caches the bytecode."""
    env = environment(out.parent)
    subprocess.run(cmd(one, out), check=True, capture_output=True, env=env)
    big, small = collected(cmd(many, out), env), collected(cmd(one, out), env)
    return (big - small) / (n - 1), small


def report(name: str, n: int, many: Path, one: Path, work: Path) -> None:
    minimal = per_dump(lambda d, o: [sys.executable, "-c", MINIMAL_LOOP, str(d), str(o)], many, one, n, work / "m.jsonl")
    clean = per_dump(lambda d, o: [sys.executable, "-m", "newsclean", "clean", str(d), "-j", "1", "-q", "-o", str(o)],
                     many, one, n, work / "c.jsonl")
    print(f"{name:<22} minimal loop {minimal[0] / 1e6:6.2f} M | newsclean {clean[0] / 1e6:7.2f} M "
          f"({clean[0] / minimal[0]:.1f}x) | start-up and one dump {clean[1] / 1e9:.2f} G")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="build the corpora here (default: a temporary folder)")
    a = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed (apt install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        work = a.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        report("article dump", a.articles, *corpus(work, "articles", a.articles, a.seed, False), work)
        try:
            pages = corpus(work, "pages", a.pages, a.seed, True)
        except subprocess.CalledProcessError:
            print("whole pages: skipped (../shared/corpus is absent)")
            return
        report("whole page", a.pages, *pages, work)


if __name__ == "__main__":
    main()
