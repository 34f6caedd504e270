"""The batch runner: many dumps through the same cleaning, in order, in parallel.

Design:
- Inputs come from a lazy iterator (see io/readers.py) and are cut into chunks of a
  few dozen; at most a few chunks per worker are in flight, so memory stays flat
  however many files there are.
- A worker process reads, decodes and cleans a chunk and sends back each record
  already serialised (bytes), so the main process only writes.
- Results come back in input order whatever the number of workers: the output of
  ``-j 8`` is byte-identical to that of ``-j 1``.
- With one job, or when the whole input fits in one chunk, everything runs in this
  process (no start-up cost for a single dump).
- A dump that cannot be read or decoded gives an error result; the batch goes on.
  A worker that dies (killed, out of memory, a crash in C code) breaks the pool: it
  is replaced and the chunks that were in flight are cleaned again one dump at a
  time, so that only the dump that kills a worker gets an error result.
- Worker processes ignore SIGINT: an interrupted run is stopped by the main process,
  which writes out nothing partial (see cli.py and io/writers.py).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice

from .api import clean
from .io.decoding import decode
from .io.errors import InputError
from .io.readers import MAX_BYTES, Input
from .io.writers import format_record
from .profile import Counts, Learner, Profile, count_partition, dump_lines
from .rules import Rules, RuleTimeout

CHUNK_SIZE = 32       # dumps per task: big enough to amortise the hand-over, small enough to stream
CHUNKS_PER_JOB = 4    # chunks in flight per worker: keeps workers busy while the writer catches up


@dataclass(frozen=True)
class CleanOptions:
    """Everything a worker needs to turn an input into output bytes (picklable)."""
    keep_removed: bool = False
    disable: tuple[str, ...] = ()
    fmt: str = "jsonl"
    max_bytes: int = MAX_BYTES
    profile: Profile | None = None   # site-learned lines (learned in a first pass, or --profile)
    rules: Rules | None = None       # --rules
    site: str | None = None          # --site: the site of every input, instead of its folder
    favor: str = "balanced"          # --favor


@dataclass(slots=True)
class Result:
    """The outcome of one input: ``output`` (bytes to write) or ``error`` (a reason)."""
    id: str | None
    source: str | None
    output: bytes | None = None
    error: str | None = None
    size: int = 0                              # bytes read
    blocks: dict[str, int] = field(default_factory=dict)  # blocks per label

    @property
    def ok(self) -> bool:
        return self.error is None


def process(item: Input | InputError, opts: CleanOptions) -> Result:
    """Read, decode and clean one input; never raises for a bad input."""
    if isinstance(item, InputError):
        return Result(None, item.source, error=str(item))
    try:
        if item.text is not None:
            if not item.text.strip():
                raise InputError("empty text")
            dump: str | bytes = item.text
        else:
            dump = item.read_bytes(opts.max_bytes)
        size = len(dump)
        record = clean(dump, id=item.id, source=item.source, keep_removed=opts.keep_removed,
                       disable=opts.disable, site=opts.site if opts.site is not None else item.site,
                       profile=opts.profile, rules=opts.rules, favor=opts.favor)
    except (InputError, RuleTimeout) as e:
        return Result(item.id, item.source, error=str(e))
    except MemoryError:
        return Result(item.id, item.source, error="out of memory")
    except RecursionError:
        return Result(item.id, item.source, error="cleaning failed: input too deeply nested")
    except Exception as e:  # a defect of ours: report it for this dump, go on with the batch
        return Result(item.id, item.source, error=f"internal error while cleaning ({type(e).__name__}: {e})")
    if item.path is not None and item.path.endswith(".gz"):
        record["stats"]["input"]["gzip"] = True
    if item.meta:
        record["meta"] = item.meta
    return Result(item.id, item.source, output=format_record(record, opts.fmt), size=size,
                  blocks=record["stats"]["blocks"])


# --- worker side -----------------------------------------------------------------

_worker_options: CleanOptions | None = None


def _init_worker(opts: CleanOptions) -> None:
    global _worker_options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides when to stop
    _worker_options = opts


def _process_chunk(chunk: list[Input | InputError]) -> list[Result]:
    assert _worker_options is not None
    return [process(item, _worker_options) for item in chunk]


def learn_lines(item: Input | InputError, opts: CleanOptions) -> tuple[str | None, dict[int, str]] | None:
    """The first pass of site learning for one input: (site, its countable lines), or
    None when it cannot be read (the cleaning pass reports that)."""
    if isinstance(item, InputError):
        return None
    try:
        text = item.text if item.text is not None else decode(item.read_bytes(opts.max_bytes))[0]
    except InputError:
        return None
    return (opts.site if opts.site is not None else item.site), dump_lines(text)


def _learn_partition(chunk: list[Input | InputError]) -> list[Counts]:
    """A worker counts a whole partition and sends back its pruned counts: far less than
    the lines of every dump, and the main process only adds them up."""
    assert _worker_options is not None
    return [count_partition(learn_lines(item, _worker_options) for item in chunk)]


# --- main side --------------------------------------------------------------------

def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class BatchRunner:
    """Runs inputs through :func:`process` and yields their results in input order."""

    def __init__(self, opts: CleanOptions, jobs: int = 1, chunk_size: int = CHUNK_SIZE,
                 worker: Callable[[list], list] | None = None, one: Callable | None = None):
        self.opts = opts
        # what a worker process runs on a chunk (a top-level function: it is pickled),
        # and what this process runs on one input when there is no pool
        self.worker = worker or _process_chunk
        self.one = one or process
        self.jobs = max(1, jobs)
        self.chunk_size = chunk_size
        self.crashes = 0  # worker processes lost during the run
        self._pool: ProcessPoolExecutor | None = None

    def run(self, inputs: Iterable[Input | InputError]) -> Iterator[Result]:
        chunks = _chunks(inputs, self.chunk_size)
        first = next(chunks, None)
        if first is None:
            return
        if self.jobs == 1:
            for chunk in _prepend(first, chunks):
                for item in chunk:
                    yield self.one(item, self.opts)
            return
        second = next(chunks, None)
        if second is None:  # everything fits in one chunk: a pool would only cost start-up
            for item in first:
                yield self.one(item, self.opts)
            return
        try:
            yield from self._parallel(_prepend(first, _prepend(second, chunks)))
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _new_pool(self) -> ProcessPoolExecutor:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=multiprocessing.get_context("forkserver"),
            initializer=_init_worker, initargs=(self.opts,))
        return self._pool

    def _parallel(self, chunks: Iterator[list]) -> Iterator[Result]:
        pool = self._new_pool()
        window: deque[tuple[list, Future]] = deque()
        limit = self.jobs * CHUNKS_PER_JOB
        exhausted = False
        while True:
            while not exhausted and len(window) < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                window.append((chunk, pool.submit(self.worker, chunk)))
            if not window:
                return
            chunk, future = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # a worker died: every chunk in flight is lost with the pool. Clean them
                # again one dump per task in a fresh pool, to find the one that kills.
                self.crashes += 1
                pending = [chunk] + [c for c, _ in window]
                window.clear()
                pool = self._new_pool()
                for c in pending:
                    yield from self._one_by_one(c)
                    pool = self._pool  # _one_by_one may have replaced it
                continue
            yield from results

    def _one_by_one(self, chunk: list) -> Iterator:
        """Run each input of a chunk as its own task; an input whose task dies is run
        again alone in a fresh pool (a neighbour's death breaks its task too), and only
        if it dies alone is it reported as the culprit."""
        assert self._pool is not None
        futures = [self._pool.submit(self.worker, [item]) for item in chunk]
        for i, item in enumerate(chunk):
            try:
                [result] = futures[i].result()
            except BrokenProcessPool:
                self.crashes += 1
                pool = self._new_pool()
                try:
                    [result] = pool.submit(self.worker, [item]).result()
                except BrokenProcessPool:
                    ident = None if isinstance(item, InputError) else item.id
                    result = Result(ident, item.source, error="the worker process cleaning it died "
                                    "(killed, out of memory, or a crash); see the system log")
                    pool = self._new_pool()
                # the rest of the chunk was lost with the pool: send it again
                futures[i + 1:] = [pool.submit(self.worker, [it]) for it in chunk[i + 1:]]
            yield result


def learn(inputs: Iterable[Input | InputError], opts: CleanOptions, jobs: int = 1) -> Profile:
    """Site learning over a batch (line hashes only, no cleaning), in parallel like cleaning."""
    learner = Learner()
    # chunks are whole partitions, so that a worker's counts are a partition's
    runner = BatchRunner(opts, jobs=jobs, chunk_size=learner.partition, worker=_learn_partition, one=learn_lines)
    for found in runner.run(inputs):
        if isinstance(found, dict):  # a partition counted by a worker
            learner.add_counts(found)
        elif isinstance(found, tuple):  # one dump, read in this process
            learner.add(*found)
        else:  # unreadable, or its worker died: it still takes its place in the partition
            learner.add(None, None)
    return learner.profile()


def _prepend(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest
