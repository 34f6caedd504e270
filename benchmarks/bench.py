#!/usr/bin/env python3
"""Batch benchmark: throughput, memory and parallel speed-up of `newsclean clean`.

    python benchmarks/bench.py [--n 10000] [--pages-n 1000] [--rss-n 1000 100000] [--keep DIR]
    python benchmarks/bench.py --profile-stages [--n 2000] [--pages-n 300]

Builds two corpora (benchmarks/make_corpus.py: every prose line unique, so caches
help no more than on a real batch): N seed-size article dumps from samples/, and
PAGES_N whole pages (the page/ and w3m/ dumps of ../shared/corpus/scrapinghub-dev and
readability-dev, cycled; skipped with a message when absent). Then, on each corpus
and its own files, in one run, it times:
- a minimal loop that reads each file and writes {"id", "text"} JSON Lines (the floor
  any tool that touches every file pays);
- `newsclean clean DIR -o OUT -j 1` and `-j 2` (the real CLI, in a subprocess);
and reports docs/s, MB/s, the ratio of the one-process time to the minimal loop's,
the speed-up of -j 2, and peak RSS. Nothing samples a timed run: its peak RSS is the
kernel's high-water mark of its largest process (``wait4``'s ``ru_maxrss``, read by a
small launcher process, see LAUNCHER), exact and free. For -j 2, whose workers share the loaded code, a second, untimed run sums their
PSS, sampled from /proc every 20 ms (what the run costs the machine; the sampler takes
about a seventh of a core, which -j 2 needs, so it would slow a timed run).
`--rss-n` runs -j 1 (one process) over corpora of those sizes to show that memory stays
flat. Output is byte-compared between -j 1 and -j 2.

``--profile-stages`` times each stage instead, in this process, in microseconds per
dump, on the first reading and on the second (benchmarks/stage_times.py).
"""
from __future__ import annotations

import argparse
import filecmp
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import PAGES  # noqa: E402  (the shared whole pages, when they are there)

MINIMAL_LOOP = r'''
import json, os, sys
root, out_path = sys.argv[1], sys.argv[2]
with open(out_path, "w", encoding="utf-8") as out:
    for dirpath, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            out.write(json.dumps({"id": os.path.relpath(path, root)[:-4], "text": text}, ensure_ascii=False) + "\n")
'''


def _tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants, in kB: the sum of their PSS
    (resident pages, a page shared by k processes counted 1/k in each, as workers
    forked from one server share the loaded code), i.e. what the run costs the machine."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


# Runs a command and prints its wall seconds, exit code and peak RSS (kB). A child's
# high-water mark starts from its parent's peak (fork copies the parent's memory map,
# and exec keeps its mark): launched from this small, fresh process, whose peak is
# below any run's, the mark is the command's own, however much this script has held.
LAUNCHER = r'''
import os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(time.perf_counter() - t0, os.waitstatus_to_exitcode(status), usage.ru_maxrss,
      usage.ru_utime + usage.ru_stime)
'''


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Run a command that nothing samples; return (wall seconds, peak RSS in MB of its
    largest process, the kernel's high-water mark: the whole run's for one process, CPU
    seconds, user and system, of the command and the children it waited for: not the
    workers of a pool, which a forkserver starts). On a
    machine that others share, the CPU seconds move far less than the wall time."""
    proc = subprocess.run([sys.executable, "-c", LAUNCHER, *cmd], capture_output=True)
    fields = proc.stdout.split()
    if proc.returncode != 0 or len(fields) != 4 or int(fields[1]) != 0:
        sys.exit(f"failed ({fields[1].decode() if len(fields) == 4 else proc.returncode}): "
                 f"{' '.join(cmd)}\n{proc.stderr.decode()}")
    return float(fields[0]), int(fields[2]) / 1024, float(fields[3])  # kB on Linux


def _line_digests(paths: list[Path]) -> list[bytes]:
    """The sorted digests of the files' lines, read line by line (a whole output in
    memory would not fit a million-record run)."""
    digests = []
    for path in paths:
        with open(path, "rb") as f:
            digests.extend(hashlib.blake2b(line.rstrip(b"\n"), digest_size=16).digest() for line in f)
    return sorted(digests)


def tree_pss(cmd: list[str]) -> float:
    """Run a command, sampling it; return the peak PSS of its process tree in MB."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.02)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return peak / 1024


def corpus(n: int, where: Path, pages: bool = False) -> tuple[Path, float]:
    folder = where / f"{'pages' if pages else 'dumps'}-{n}"
    if not folder.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(folder), str(n)]
                       + (["--pages"] if pages else []), check=True)
    size = sum(f.stat().st_size for f in folder.rglob("*.txt"))
    return folder, size / 1e6


def throughput(a, folder: Path, n: int, mb: float, work: Path) -> bool:
    """Time the minimal loop, -j 1 and -j 2 side by side on ``folder``; print the lines;
    whether -j 1 and -j 2 wrote the same bytes."""
    out1, out2, outm = work / "j1.jsonl", work / "j2.jsonl", work / "minimal.jsonl"
    cli = [a.python, "-m", "newsclean", "clean", str(folder), "-q"]
    minimal = [a.python, "-c", MINIMAL_LOOP, str(folder), str(outm)]
    timed(minimal)  # warm the page cache
    t_min, _, c_min = timed(minimal)
    t1, rss1, c1 = timed(cli + ["-j", "1", "-o", str(out1)])
    t2, rss2, _ = timed(cli + ["-j", "2", "-o", str(out2)])
    identical = filecmp.cmp(out1, out2, shallow=False)
    pss2 = tree_pss(cli + ["-j", "2", "-o", os.devnull])
    print(f"minimal loop     {t_min:7.2f} s  {n / t_min:8,.0f} docs/s  {mb / t_min:6.1f} MB/s  CPU {c_min:6.2f} s")
    print(f"newsclean -j 1   {t1:7.2f} s  {n / t1:8,.0f} docs/s  {mb / t1:6.1f} MB/s  peak RSS {rss1:6.1f} MB"
          f"  ({t1 / t_min:.1f}x the minimal loop)"
          f"\n                 CPU {c1:6.2f} s ({c1 / c_min:.1f}x the minimal loop's)")
    print(f"newsclean -j 2   {t2:7.2f} s  {n / t2:8,.0f} docs/s  {mb / t2:6.1f} MB/s  peak RSS {rss2:6.1f} MB per process,"
          f" {pss2:.1f} MB in all (PSS)"
          f"\n                 ({t2 / t_min:.1f}x the minimal loop; speed-up {t1 / t2:.2f}x over -j 1;"
          f" output {'byte-identical' if identical else 'DIFFERENT'})")
    if a.dask:
        parts = work / "dask-parts"
        shutil.rmtree(parts, ignore_errors=True)
        td, rssd, _ = timed(cli + ["--dask", "local", "-j", "2", "-o", str(parts)])
        same = _line_digests(sorted(parts.glob("part-*.jsonl"))) == _line_digests([out1])
        print(f"dask local, 2    {td:7.2f} s  {n / td:8,.0f} docs/s  {mb / td:6.1f} MB/s  peak RSS {rssd:6.1f} MB per process"
              f"  (cluster start-up included; records {'equal' if same else 'DIFFERENT'} to -j 1)")
    return identical


def bytecode_cached(a, work: Path) -> None:
    """Let the runs read the package's bytecode from a cache in ``work``, written once
    here, as a pip install has it (whatever PYTHONDONTWRITEBYTECODE says): a run then
    times the program, not the compiling of its sources, which would weigh on short
    runs and on -j 2's speed-up."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    find = "import newsclean, os; print(os.path.dirname(newsclean.__file__))"
    package = subprocess.run([a.python, "-c", find], check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run([a.python, "-m", "compileall", "-q", package], check=True)


def corpora(a, work: Path) -> list[tuple[str, Path, int, float]]:
    """(what, folder, dumps, MB) of the article dumps and, when the shared corpora are
    there, of the whole pages."""
    folder, mb = corpus(a.n, work)
    found = [(f"{a.n:,} seed-size article dumps", folder, a.n, mb)]
    if a.pages_n and not any(p.is_dir() for p in PAGES):
        print(f"whole pages: skipped, no page/ or w3m/ dumps under {PAGES[0].parents[1]}")
    elif a.pages_n:
        folder, mb = corpus(a.pages_n, work, pages=True)
        found.append((f"{a.pages_n:,} whole pages", folder, a.pages_n, mb))
    return found


def profile_stages(a, work: Path) -> None:
    from stage_times import report, stage_times
    for what, folder, _n, _mb in corpora(a, work):
        print("\n".join(report(what, *stage_times(folder))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="article dumps for the throughput runs")
    ap.add_argument("--pages-n", type=int, default=1_000, help="whole pages for the throughput runs (0: none)")
    ap.add_argument("--rss-n", type=int, nargs="*", default=[1_000, 100_000], help="corpus sizes for the memory runs")
    ap.add_argument("--keep", type=Path, help="build the corpora here and keep them (default: a temporary folder)")
    ap.add_argument("--python", default=sys.executable, help="the Python that has newsclean installed")
    ap.add_argument("--dask", action="store_true", help="also run on a local Dask cluster of 2 worker processes")
    ap.add_argument("--profile-stages", action="store_true",
                    help="time each stage in this process (µs per dump) instead of the CLI runs")
    a = ap.parse_args()

    work = a.keep or Path(tempfile.mkdtemp(prefix="newsclean-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if a.profile_stages:
            profile_stages(a, work)
            return
        bytecode_cached(a, work)
        cores = len(os.sched_getaffinity(0))
        print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}")
        identical = True
        for what, folder, n, mb in corpora(a, work):
            print(f"corpus: {what}, {mb:,.1f} MB ({mb * 1e3 / n:,.1f} kB each)")
            identical &= throughput(a, folder, n, mb, work)
        rss = {}
        for n in a.rss_n:
            f, _ = corpus(n, work)
            t, r, _ = timed([a.python, "-m", "newsclean", "clean", str(f), "-q", "-j", "1", "-o", os.devnull])
            rss[n] = r
            print(f"memory: {n:>9,} dumps, -j 1: peak RSS {r:6.1f} MB ({n / t:,.0f} docs/s)")
        if len(rss) >= 2:
            lo, hi = min(rss), max(rss)
            print(f"memory: {hi:,} vs {lo:,} dumps: {rss[hi] / rss[lo]:.2f}x")
        if not identical:
            sys.exit(1)
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
