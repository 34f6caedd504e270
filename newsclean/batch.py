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
  which writes out nothing partial (see cli.py and io/writers.py). The main process
  holds a Ctrl-C while a pass runs on the pool and acts on it between tasks
  (:class:`HeldInterrupt`), never in the middle of starting a worker.
- One :class:`WorkerPool` can serve several passes over a batch (`clean` over a folder
  learns, then cleans): its workers start once. A pass's options (the profile learned
  by the pass before) go with its tasks, pickled, until every worker has said it
  holds them; later tasks carry only their key.
"""
from __future__ import annotations

import gc
import itertools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from types import FrameType
from typing import TYPE_CHECKING, Any, NamedTuple

from .api import clean, get_pipeline
from .duplicates import KeyOnly, KeySet, PartTexts, part_texts, site_text_key, text_key
from .io.decoding import decode
from .io.errors import InputError
from .io.html import prepare
from .io.readers import MAX_BYTES, Input
from .io.writers import format_record
from .profile import Counts, Learner, Partition, Profile, count_partition, count_partition_keys, dump_lines
from .rules import Rules, RuleTimeout

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNK_SIZE = 32       # dumps per task: big enough to amortise the hand-over, small enough to stream
CHUNKS_PER_JOB = 4    # chunks in flight per worker: keeps workers busy while the writer catches up
WAIT_TICK = 0.1       # seconds between looks for a held Ctrl-C while waiting for a worker


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
    html: bool | None = None         # --input-format html: True; else None, told by looking
    keyed: bool = True               # give each result its text's key: False when repeats are known already


@dataclass(slots=True)
class Result:
    """The outcome of one input: ``output`` (bytes to write) or ``error`` (a reason)."""
    id: str | None
    source: str | None
    output: bytes | None = None
    error: str | None = None
    size: int = 0                              # bytes read
    blocks: dict[str, int] = field(default_factory=dict)  # blocks per label
    key: int | None = None           # its text's key (duplicates.py): repeats are found by it
    done: bool = False               # a KeyOnly input: cleaned by an earlier run, only its key taken
    duplicate_of: str | None = None  # set in the main process when it repeats an earlier input
    stages: dict[str, dict[str, int]] = field(default_factory=dict)  # decisions per stage and tag

    @property
    def ok(self) -> bool:
        return self.error is None


def _read_text(item: Input, opts: CleanOptions) -> tuple[str, dict | None, int]:
    """An input's text, how its bytes were decoded (None for a text given as text), and its size."""
    if item.text is not None:
        if not item.text.strip():
            raise InputError("empty text")
        return item.text, None, len(item.text)
    data = item.read_bytes(opts.max_bytes)
    text, info = decode(data)
    return text, info, len(data)


def _key_only(item: Input, opts: CleanOptions) -> Result:
    """A KeyOnly input: its text's key, or none when it cannot be read any more."""
    try:
        key = text_key(_read_text(item, opts)[0])
    except Exception:  # it was cleaned before: what it gives now is not this run's error
        key = None
    return Result(item.id, item.source, key=key, done=True)


def process(item: Input | InputError | KeyOnly, opts: CleanOptions) -> Result:
    """Read, decode and clean one input; never raises for a bad input."""
    if isinstance(item, InputError):
        return Result(None, item.source, error=str(item))
    if isinstance(item, KeyOnly):  # (with no key to take, nothing to read)
        return _key_only(item.item, opts) if opts.keyed else Result(item.item.id, item.item.source, done=True)
    try:
        text, info, size = _read_text(item, opts)
        record = clean(text, id=item.id, source=item.source, keep_removed=opts.keep_removed,
                       disable=opts.disable, site=opts.site if opts.site is not None else item.site,
                       profile=opts.profile, rules=opts.rules, favor=opts.favor, html=opts.html)
    except (InputError, RuleTimeout) as e:
        return Result(item.id, item.source, error=str(e))
    except MemoryError:
        return Result(item.id, item.source, error="out of memory")
    except RecursionError:
        return Result(item.id, item.source, error="cleaning failed: input too deeply nested")
    except Exception as e:  # a defect of ours: report it for this dump, go on with the batch
        return Result(item.id, item.source, error=f"internal error while cleaning ({type(e).__name__}: {e})")
    if info is not None:  # how the bytes were read, before what was done with the text (HTML rendered)
        record["stats"]["input"] = {**info, **record["stats"].get("input", {})}
    if item.path is not None and item.path.endswith(".gz"):
        record["stats"]["input"]["gzip"] = True
    if item.meta:
        record["meta"] = item.meta
    return Result(item.id, item.source, output=format_record(record, opts.fmt), size=size,
                  blocks=record["stats"]["blocks"], stages=record["stats"]["stages"],
                  key=text_key(text) if opts.keyed else None)


_settled = False  # whether this process froze what its start-up made (see settle)


def settle(opts: CleanOptions) -> None:
    """Once per process, before its first dump: build the pipeline ``opts`` asks for
    (patterns compiled, models read), then move all that start-up made out of the
    garbage collector's sight (``gc.freeze``). It lives as long as the process, and
    every full collection would walk it again (callgrind: about 20 M instructions of
    a one-dump run of ``clean``). Only start-up is frozen, once: memory stays flat
    over any number of dumps."""
    global _settled
    if not _settled:
        _settled = True
        get_pipeline(opts.disable, opts.rules, opts.favor)
        gc.collect()
        gc.freeze()


# --- worker side -----------------------------------------------------------------

_worker_options: CleanOptions | None = None
_worker_options_key: int | None = None  # the pass whose options these are


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides when to stop


def _load_options(key: int, options: bytes | None) -> None:
    """Make pass ``key``'s options this worker's. A pool that outlives a pass cannot take
    new options through its initializer, and sending the profile with every task would
    send it hundreds of times: the main process sends the pickled ``options`` only until
    every worker has run a task of the pass (see BatchRunner._submit), and a worker keeps
    them. (The pool hands out tasks in the order they were sent, so a worker never meets
    a pass's task after one of the next pass.)"""
    global _worker_options, _worker_options_key
    if key != _worker_options_key:
        assert options is not None, "a pass's options come with its tasks until every worker holds them"
        import pickle
        _worker_options = pickle.loads(options)
        _worker_options_key = key
        settle(_worker_options)


def _run_task(worker: Callable[[list], list], key: int, options: bytes | None, chunk: list) -> tuple[int, list]:
    """What a pool runs: a pass's chunk function with that pass's options in place. Gives
    back this worker's pid with the results: the main process counts who holds them."""
    _load_options(key, options)
    return os.getpid(), worker(chunk)


def _process_chunk(chunk: list[Input | InputError]) -> list[Result]:
    assert _worker_options is not None
    return [process(item, _worker_options) for item in chunk]


def learn_lines(item: Input | InputError, opts: CleanOptions) -> tuple[str | None, set[str], int] | None:
    """The first pass of site learning for one input: (site, its countable lines, its text's
    key), or None when it cannot be read (the cleaning pass reports that)."""
    if isinstance(item, InputError):
        return None
    try:
        text = item.text if item.text is not None else decode(item.read_bytes(opts.max_bytes))[0]
        return _found(item, text, opts)
    except InputError:
        return None


def _found(item: Input, text: str, opts: CleanOptions, key: int | None = None) -> tuple[str | None, set[str], int]:
    """(site, countable lines, learning key) of a text; ``key``: its text_key, if known."""
    lines, html = prepare(text, opts.html)  # an HTML page's lines are those of its text
    site = opts.site if opts.site is not None else item.site
    return site, dump_lines(lines), site_text_key(site, lines, None if html else key)


def learn_keyed(item: Input | InputError, opts: CleanOptions) -> tuple[tuple[str | None, set[str], int] | None,
                                                                          int | None]:
    """:func:`learn_lines` and, from the same reading, the key :func:`process` gives the
    input's text (None when cleaning will not read it: repeats are found by it)."""
    if isinstance(item, InputError):
        return None, None
    try:
        text = item.text if item.text is not None else decode(item.read_bytes(opts.max_bytes))[0]
        key = text_key(text) if item.text is None or item.text.strip() else None  # (see _read_text)
        return _found(item, text, opts, key), key  # (one hash of the text for both)
    except InputError:
        return None, None


def text_key_of(item: Input | InputError, opts: CleanOptions) -> int | None:
    """The key :func:`process` gives an input's text, read without cleaning it (None when it
    cannot be read)."""
    return None if isinstance(item, InputError) else _key_only(item, opts).key


def _recount(items: list, opts: CleanOptions, earlier: frozenset[int]) -> Counts:
    """The counts of a partition's inputs without the texts ``earlier`` partitions counted."""
    return count_partition((learn_lines(item, opts) for item in items), skip=earlier)


class Counted(NamedTuple):
    """A partition counted by a worker: its counts with the keys of the texts counted, and
    its PartTexts (the first input of each text, its inner repeats: see duplicates.py)."""
    partition: Partition
    texts: PartTexts


def _learn_partition(chunk: list[Input | InputError]) -> list[Counted]:
    """A worker counts a whole partition and sends back its pruned counts (far less than
    the lines of every dump: the main process only adds them up) and its texts' keys."""
    assert _worker_options is not None
    found, keys = [], []
    for item in chunk:
        lines, key = learn_keyed(item, _worker_options)
        found.append(lines)
        keys.append((key, None if isinstance(item, InputError) else item.id))
    return [Counted(count_partition_keys(found, len(chunk)), part_texts(keys))]


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


class WorkerPool:
    """Worker processes (forkserver) kept for several passes over a batch.

    Starting a pool costs a fork per worker and newsclean's import in each (about
    0.2 s of wall time on 2 cores): `clean` over a folder, which learns and then
    cleans, pays it once. Started on first use; :meth:`close` ends it. After a worker
    dies the pool is broken and :meth:`renew` starts another."""

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)
        self._executor: ProcessPoolExecutor | None = None

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            import multiprocessing
            self._executor = pool_class()(
                max_workers=self.jobs, mp_context=multiprocessing.get_context("forkserver"),
                initializer=_init_worker)
        return self._executor

    def renew(self) -> ProcessPoolExecutor:
        self._end(grace=0.0)
        return self.executor()

    def close(self) -> None:
        self._end(grace=STOP_GRACE)

    def _end(self, grace: float) -> None:
        """Stop the pool; a Ctrl-C meanwhile is raised once it has stopped (half
        stopped, a pool can leave a worker that the exit waits for)."""
        if self._executor is not None:
            with HeldInterrupt():
                _stop(self._executor, grace=grace)
                self._executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def pool_class() -> type[ProcessPoolExecutor]:
    """The class of the worker pool, imported when a pool is first started: importing
    multiprocessing and concurrent.futures costs a run in one process (``-j 1``, a single
    dump) about 59 M instructions for nothing."""
    from concurrent.futures import ProcessPoolExecutor
    return ProcessPoolExecutor


STOP_GRACE = 10.0  # seconds a closing pool's workers have to end by themselves


def _stop(executor: ProcessPoolExecutor, grace: float) -> None:
    """Shut a pool down and make sure that none of its workers outlives it.

    A pool that breaks (a worker died) may start a worker while it is breaking, when a
    task is handed over at that moment: Python 3.11 then never stops that worker, and
    waits for it forever, in ``shutdown(wait=True)`` or at the interpreter's exit. So the
    pool is shut down without waiting, its workers get ``grace`` seconds to end, and
    those left are terminated (a broken pool's, at once)."""
    # (private attributes, read before shutdown forgets them)
    processes = list((getattr(executor, "_processes", None) or {}).values())
    thread = getattr(executor, "_executor_manager_thread", None)
    executor.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + (0.0 if getattr(executor, "_broken", False) else grace)
    for p in processes:
        p.join(max(0.0, deadline - time.monotonic()))
        if p.is_alive():
            p.terminate()
            p.join(1.0)
            if p.is_alive():
                p.kill()
    if thread is not None:
        thread.join(grace)


class HeldInterrupt:
    """Ctrl-C held during a parallel pass, and raised where it is safe.

    Python raises KeyboardInterrupt wherever the main thread happens to be. Inside the
    pool's ``submit`` that can be halfway through starting a worker: the worker then
    runs but the pool never lists it, and multiprocessing waits for it forever when
    the interpreter exits (the run hangs after saying it was interrupted). So while a
    pass runs on the pool, SIGINT only sets a flag, and :meth:`check` raises
    KeyboardInterrupt between tasks, or within ``WAIT_TICK`` while waiting for one.
    Only the main thread can take signals, and a handler someone else installed is
    left alone: then there is nothing to hold."""

    def __init__(self) -> None:
        self.pending = False
        self._previous: Callable[[int, FrameType | None], Any] | int | None = None

    def __enter__(self) -> HeldInterrupt:
        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
            self._previous = signal.signal(signal.SIGINT, self._hold)
        return self

    def _hold(self, signum, frame) -> None:
        self.pending = True

    def check(self) -> None:
        if self.pending:
            self.pending = False
            raise KeyboardInterrupt

    def __exit__(self, kind, value, tb) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None
        if kind is None:
            self.check()  # a Ctrl-C held until the pass ended is not lost


_pass_keys = itertools.count()


class BatchRunner:
    """Runs inputs through :func:`process` and yields their results in input order.

    Without ``pool`` the runner starts its own (of ``jobs`` workers) and ends it with
    the run; a ``pool`` given sets the number of jobs and is the caller's to close (the
    runner only cancels its own tasks), so that the next pass finds its workers ready."""

    def __init__(self, opts: CleanOptions, jobs: int = 1, chunk_size: int = CHUNK_SIZE,
                 worker: Callable[[list], list] | None = None, one: Callable | None = None,
                 pool: WorkerPool | None = None):
        self.opts = opts
        # what a worker process runs on a chunk (a top-level function: it is pickled),
        # and what this process runs on one input when there is no pool
        self.worker = worker or _process_chunk
        self.one = one or process
        self.pool = pool or WorkerPool(jobs)
        self._owns_pool = pool is None
        self.jobs = self.pool.jobs
        self.chunk_size = chunk_size
        self.crashes = 0  # worker processes lost during the run
        self._window: deque[tuple[list, Future]] = deque()  # chunks in flight
        self._key = -1                      # this run's pass, for the workers (see _load_options)
        self._options: bytes | None = None  # its options pickled for the workers
        self._holders: set[int] = set()     # pids of the pool's workers that hold them
        self._interrupt = HeldInterrupt()   # Ctrl-C, held while tasks are being sent

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
            with self._interrupt:
                self._start_pass()
                yield from self._parallel(_prepend(first, _prepend(second, chunks)))
        finally:
            self.close()

    def close(self) -> None:
        """End this run's work: its tasks, and its pool if it is the runner's own."""
        for _, future in self._window:
            future.cancel()
        self._window.clear()
        if self._owns_pool:
            self.pool.close()

    def _start_pass(self) -> None:
        """A new pass on the pool: a new key, and options that no worker holds yet."""
        import pickle  # (only a pool's passes send options: -j 1 never imports it)
        self._key = next(_pass_keys)
        self._options = pickle.dumps(self.opts, protocol=pickle.HIGHEST_PROTOCOL)
        self._holders = set()

    def _submit(self, pool: ProcessPoolExecutor, chunk: list) -> Future:
        """Send a chunk, with the run's options while some worker may lack them (a pool
        never has more workers than ``jobs``, and a broken one is replaced whole).

        A pool can break while chunks are being sent (the dump that kills a worker was
        sent a moment before): the chunk then gets a future that holds the pool's
        failure, and is handled like every chunk the breaking pool lost."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool
        options = self._options if len(self._holders) < self.jobs else None
        try:
            return pool.submit(_run_task, self.worker, self._key, options, chunk)
        except BrokenProcessPool as e:
            lost: Future = Future()
            lost.set_exception(e)
            return lost

    def _results(self, future: Future) -> list:
        """A task's results, once it is done; a Ctrl-C held meanwhile is raised here."""
        self._interrupt.check()
        while True:
            try:
                pid, results = future.result(timeout=WAIT_TICK)
                break
            except TimeoutError:
                self._interrupt.check()
        self._holders.add(pid)
        return results

    def _new_pool(self) -> ProcessPoolExecutor:
        self._holders.clear()
        return self.pool.renew()

    def _parallel(self, chunks: Iterator[list]) -> Iterator[Result]:
        from concurrent.futures.process import BrokenProcessPool  # (loaded with the pool)
        pool = self.pool.executor()
        window = self._window
        limit = self.jobs * CHUNKS_PER_JOB
        exhausted = False
        while True:
            while not exhausted and len(window) < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                window.append((chunk, self._submit(pool, chunk)))
            if not window:
                return
            chunk, future = window.popleft()
            try:
                results = self._results(future)
            except BrokenProcessPool:
                # a worker died: every chunk in flight is lost with the pool. Clean them
                # again one dump per task in a fresh pool, to find the one that kills.
                self.crashes += 1
                pending = [chunk] + [c for c, _ in window]
                window.clear()
                self._new_pool()
                for c in pending:
                    yield from self._one_by_one(c)
                pool = self.pool.executor()  # _one_by_one may have replaced it
                continue
            yield from results

    def _one_by_one(self, chunk: list) -> Iterator:
        """Run each input of a chunk as its own task; an input whose task dies is run
        again alone in a fresh pool (a neighbour's death breaks its task too), and only
        if it dies alone is it reported as the culprit."""
        from concurrent.futures.process import BrokenProcessPool
        pool = self.pool.executor()
        futures = [self._submit(pool, [item]) for item in chunk]
        for i, item in enumerate(chunk):
            try:
                [result] = self._results(futures[i])
            except BrokenProcessPool:
                self.crashes += 1
                pool = self._new_pool()
                try:
                    [result] = self._results(self._submit(pool, [item]))
                except BrokenProcessPool:
                    ident = None if isinstance(item, InputError) else item.id
                    result = Result(ident, item.source, error="the worker process cleaning it died "
                                    "(killed, out of memory, or a crash); see the system log")
                    pool = self._new_pool()
                # the rest of the chunk was lost with the pool: send it again
                futures[i + 1:] = [self._submit(pool, [it]) for it in chunk[i + 1:]]
            yield result


@dataclass
class Learned:
    """What the learning pass gives the cleaning pass: the profile, and the batch's repeats
    found on the way (input's position -> its first copy's position), so that cleaning
    needs no key of its own (``CleanOptions.keyed``); cleaning takes the first copies'
    ids as it passes them (duplicates.mark_found)."""
    profile: Profile
    repeats: dict[int, int]


class Repeats:
    """The repeats of a batch, found in input order as learning reads it: one key and the
    position of its first input per distinct text while it reads (a flat KeySet: no id is
    kept, cleaning reads them again), the repeats alone after."""

    def __init__(self) -> None:
        self.found: dict[int, int] = {}
        self._first = KeySet(value_code="I")  # key -> the position of its first input (32 bits)
        self._position = 0

    def one(self, key: int | None) -> None:
        """The next input, with its text's key (None: it cannot be read)."""
        if key is not None:
            self._note(key, self._position)
        self._position += 1

    def partition(self, counted: Counted) -> None:
        """The next ``counted.partition.size`` inputs, read apart (in the order of their
        positions, as :meth:`FirstCopies.marks` takes them)."""
        texts, base = counted.texts, self._position
        for key, (position, _) in texts.firsts.items():
            self._note(key, base + position)
        for position, key in texts.repeats.items():
            self.found[base + position] = self._first.get(key)  # type: ignore[assignment]
        self._position += counted.partition.size

    def _note(self, key: int, position: int) -> None:
        first = self._first.get(key)
        if first is None:
            self._first.add(key, position)
        else:
            self.found[position] = first


def learn(inputs: Iterable[Input | InputError], opts: CleanOptions, jobs: int = 1,
          pool: WorkerPool | None = None) -> Profile:
    """Site learning over a batch (lines only, no cleaning), in parallel like cleaning
    (in ``pool`` if given: the workers that will clean next)."""
    return _learn(inputs, opts, jobs, pool, None).profile


def learn_and_mark(inputs: Iterable[Input | InputError], opts: CleanOptions, jobs: int = 1,
                   pool: WorkerPool | None = None) -> Learned:
    """:func:`learn`, and the batch's repeats, found from the same reading of each input."""
    return _learn(inputs, opts, jobs, pool, Repeats())


def _learn(inputs: Iterable[Input | InputError], opts: CleanOptions, jobs: int, pool: WorkerPool | None,
           repeats: Repeats | None) -> Learned:
    learner = Learner()
    # chunks are whole partitions, so that a worker's counts are a partition's
    runner = BatchRunner(opts, jobs=jobs, chunk_size=learner.partition, worker=_learn_partition, one=learn_keyed,
                         pool=pool)
    sent: deque = deque()  # the inputs sent and not counted back yet, for a recount
    for got in runner.run(_noting(inputs, sent)):
        if isinstance(got, Counted):  # a partition counted by a worker
            part = [sent.popleft() for _ in range(got.partition.size)]
            learner.add_partition(got.partition, partial(_recount, part, opts))
            if repeats is not None:
                repeats.partition(got)
            continue
        sent.popleft()
        # one dump read in this process, or a Result: its worker died
        found, key = got if isinstance(got, tuple) else (None, None)
        if found is not None:
            learner.add(*found)
        else:  # unreadable, or its worker died: it still takes its place in the partition
            learner.add(None, None)
        if repeats is not None:
            repeats.one(key)
    return Learned(learner.profile(), repeats.found if repeats is not None else {})


def _noting(items: Iterable, sent: deque) -> Iterator:
    """``items``, each noted in ``sent`` as it is taken."""
    for item in items:
        sent.append(item)
        yield item


def _prepend(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest
