"""Cleaning on a Dask cluster: the same pure cleaning, partitioned (``pip install 'newsclean[dask]'``).

Nothing here schedules anything: Dask does. This module only says what to run:

- :func:`clean_bag` turns a ``dask.bag`` of texts (str), or of :class:`Input` items,
  into a bag of :class:`~newsclean.batch.Result` s, with the same options as the
  local runner (disabled stages, rules, profile, favor); :func:`record_bag` gives
  plain records.
- :func:`learn_and_mark` does site learning in distributed form: each partition counts
  its lines (profile.count_partition), the counts are added up in a tree
  (addition is order-free), the client makes the profile; each distinct text is
  counted once, and the repeats (same text as an earlier input) are found on the way
  (:func:`learn_bag` gives the profile only; :func:`find_repeats` is the key pass of
  a run that does not learn).
- :func:`run` is what ``newsclean clean PATHS --dask ADDRESS -o OUTDIR`` does: list
  the inputs (local paths or any fsspec URL), learn, clean, and write one
  ``part-NNNNN.jsonl`` per partition (through a temporary name, renamed when whole),
  returning a summary and the error records for the client to report.

Partitions are PARTITION consecutive inputs, the size the local runner learns by,
so both learn the same profile and write the same records, a repeat's marked
``duplicate_of`` the same first copy.

The client holds the inputs' list, and, as the local runner, one key and one id per
distinct text (duplicates.FirstCopies), never the texts: a partition's tasks send back
keys, and a cleaning task gets only the map of its partition's repeats.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from .batch import CleanOptions, Result, learn_keyed, learn_lines, process, text_key_of
from .duplicates import FirstCopies, KeySet, PartTexts, part_texts, with_duplicate_of
from .io.errors import InputError
from .io.readers import Input
from .profile import (
    PARTITION,
    Counts,
    Profile,
    SiteCounts,
    count_partition,
    count_partition_keys,
    profile_from_counts,
    replace_partition,
)
from .progress import add_decisions


def _require_dask():
    try:
        import dask.bag  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the install
        raise ImportError("newsclean's Dask runner needs Dask: pip install 'newsclean[dask]'") from None


def _as_input(item, index: int) -> Input | InputError:
    if isinstance(item, (Input, InputError)):
        return item
    if isinstance(item, str):
        return Input(id=str(index), source=None, text=item)
    raise TypeError(f"a bag of str or newsclean Input items, not {type(item).__name__}")


def bag_of_inputs(items: Iterable[Input | InputError], partition_size: int = PARTITION):
    """A Dask bag of inputs in partitions of ``partition_size`` consecutive items."""
    _require_dask()
    import dask.bag as db

    items = list(items)
    return db.from_sequence(items, partition_size=max(1, partition_size)) if items else db.from_sequence([], npartitions=1)


DEFAULT_OPTIONS = CleanOptions()  # frozen: one shared default
SPLIT_EVERY = 8  # partition counts added up per task of the tree


def _learn_partition(items: list, opts: CleanOptions) -> tuple[list[Counts], tuple[frozenset[int], PartTexts]]:
    """A partition's learning task: its pruned counts (for the tree), the keys of the texts
    it counted, and its PartTexts (both for the client), from one reading of each input."""
    found, keys = [], []
    for i, item in enumerate(items):
        item = _as_input(item, i)
        lines, key = learn_keyed(item, opts)
        found.append(lines)
        keys.append((key, None if isinstance(item, InputError) else item.id))
    part = count_partition_keys(found, len(found))
    return [part.counts], (part.keys, part_texts(keys))


def _key_partition(items: list, opts: CleanOptions) -> PartTexts:
    """The key pass of a run that does not learn: a partition's PartTexts (each input read
    and hashed, not cleaned)."""
    keys = []
    for i, item in enumerate(items):
        item = _as_input(item, i)
        keys.append((text_key_of(item, opts), None if isinstance(item, InputError) else item.id))
    return part_texts(keys)


def _recount_partition(items: list, opts: CleanOptions, earlier: frozenset[int]) -> tuple[Counts, Counts]:
    """A partition's counts as its learning task gave them, and without the texts that
    ``earlier`` partitions counted (see profile.Learner.add_partition)."""
    found = [learn_lines(_as_input(item, i), opts) for i, item in enumerate(items)]
    return count_partition(found), count_partition(found, skip=earlier)


def _sum_counts(parts: Iterable[Counts]) -> Counts:
    """Partition counts added up into new ones (a task's inputs are left as they are)."""
    total: Counts = {}
    for part in parts:
        for site, c in part.items():
            total.setdefault(site, SiteCounts()).merge(c)
    return total


@dataclass
class Learned:
    """What the learning pass gives the client: the profile, and each partition's repeats
    (position in the partition -> the first copy's id)."""
    profile: Profile
    repeats: list[dict[int, str | None]]


def learn_and_mark(bag, opts: CleanOptions = DEFAULT_OPTIONS) -> Learned:
    """Site learning over a bag of inputs, as the local runner learns, and the repeats.

    One task per partition reads its inputs once: its counts are added up in a tree on
    the cluster, and the client gets back only the keys (the texts it counted, its
    PartTexts). In input order, the client finds the repeats and the partitions that
    counted a text an earlier one counted; each of those (rare) is counted again in a
    task, without those texts, and its counts replace those it added to the total."""
    import dask
    import dask.bag as db

    opts_key = dask.delayed(opts, pure=True)
    parts = bag.to_delayed()
    leaves = [dask.delayed(_learn_partition, nout=2)(part, opts_key) for part in parts]
    tree = db.from_delayed([counts for counts, _ in leaves]).reduction(_sum_counts, _sum_counts,
                                                                       split_every=SPLIT_EVERY)
    total, *keys = dask.compute(tree, *(k for _, k in leaves))
    copies, seen = FirstCopies(), KeySet(values=False)  # flat tables: a few tens of bytes a text
    repeats: list[dict[int, str | None]] = []
    recount: dict[int, frozenset[int]] = {}
    for i, (counted, texts) in enumerate(keys):
        if earlier := frozenset(k for k in counted if k in seen):
            recount[i] = earlier
        for k in counted:
            seen.add(k)
        repeats.append(copies.marks(texts))
    del keys, seen, copies
    again = dask.compute(*(dask.delayed(_recount_partition)(parts[i], opts_key, earlier)
                           for i, earlier in recount.items()))
    for old, new in again:
        total = replace_partition(total, old, new)
    return Learned(profile_from_counts(total), repeats)


def find_repeats(bag, opts: CleanOptions = DEFAULT_OPTIONS) -> list[dict[int, str | None]]:
    """The key pass (for a run that does not learn): each partition's repeats, as
    :func:`learn_and_mark` finds them, each input read and hashed in a task."""
    import dask

    opts_key = dask.delayed(opts, pure=True)
    texts = dask.compute(*(dask.delayed(_key_partition)(part, opts_key) for part in bag.to_delayed()))
    copies = FirstCopies()
    return [copies.marks(t) for t in texts]


def learn_bag(bag, opts: CleanOptions = DEFAULT_OPTIONS) -> Profile:
    """Site learning over a bag of inputs: counted per partition, added up in a tree,
    each distinct text counted once (see :func:`learn_and_mark`)."""
    return learn_and_mark(bag, opts).profile


def _clean_partition(items: list, opts: CleanOptions) -> list[Result]:
    return [process(_as_input(item, i), opts) for i, item in enumerate(items)]


def clean_bag(bag, opts: CleanOptions = DEFAULT_OPTIONS):
    """A bag of Results (``output`` holds the formatted record, or ``error`` the reason)."""
    return bag.map_partitions(_clean_partition, opts)


def record_bag(bag, **options):
    """A bag of records (dicts) from a bag of texts: ``newsclean.clean`` mapped over it.

    ``options`` are those of :func:`newsclean.clean` (disable, rules, profile, favor,
    keep_removed, site). Texts that fail give no record.
    """
    import orjson

    site = options.pop("site", None)
    opts = CleanOptions(**options, site=site)
    return clean_bag(bag, opts).filter(lambda r: r.ok).map(lambda r: orjson.loads(r.output))


@dataclass
class PartSummary:
    """What one partition task reports to the client: counts and error records (small)."""
    index: int
    documents: int = 0
    bytes: int = 0
    blocks: Counter = field(default_factory=Counter)
    decisions: Counter = field(default_factory=Counter)  # (stage, tag): n
    errors: list[dict] = field(default_factory=list)
    repeats: int = 0  # records marked duplicate_of


def _marked(results: Iterable[Result], repeats: dict[int, str | None]) -> Iterator[Result]:
    """A partition's results, the records of its repeats (by position) marked with the first copy's id."""
    for position, result in enumerate(results):
        if position in repeats and result.ok and result.output is not None:
            result.duplicate_of = repeats[position]
            result.output = with_duplicate_of(result.output, result.duplicate_of)
        yield result


def _write_partition(items: list, index: int, outdir: str, opts: CleanOptions,
                     repeats: dict[int, str | None] | None = None) -> PartSummary:
    import fsspec

    summary = PartSummary(index)
    fs, root = fsspec.core.url_to_fs(outdir)
    final = f"{root.rstrip('/')}/part-{index:05d}.jsonl"
    temporary = f"{root.rstrip('/')}/.part-{index:05d}.jsonl.tmp"
    with fs.open(temporary, "wb") as out:
        for result in _marked(_clean_partition(items, opts), repeats or {}):
            if result.ok:
                out.write(result.output)
                summary.documents += 1
                summary.bytes += result.size
                summary.repeats += result.duplicate_of is not None
                summary.blocks.update(result.blocks)
                add_decisions(summary.decisions, result.stages)
            else:
                summary.errors.append({"source": result.source, "id": result.id, "error": result.error})
    fs.mv(temporary, final)
    return summary


class InterruptedBeforeOutput(KeyboardInterrupt):
    """Ctrl-C during the pass before cleaning (its name is the argument): no part file written."""


@dataclass
class ClusterRun:
    documents: int = 0
    bytes: int = 0
    blocks: Counter = field(default_factory=Counter)
    decisions: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)
    partitions: int = 0
    repeats: int = 0
    seconds: float = 0.0  # of the cleaning pass (a run here times that pass too)

    def add(self, s: PartSummary) -> None:
        """Count one partition's summary in the run's totals."""
        self.documents += s.documents
        self.bytes += s.bytes
        self.blocks.update(s.blocks)
        self.decisions.update(s.decisions)
        self.errors.extend(s.errors)
        self.repeats += s.repeats


def run(inputs: Iterable[Input | InputError], outdir: str, opts: CleanOptions, *, learn: bool = True,
        partition_size: int = PARTITION) -> ClusterRun:
    """Learn (unless told not to or given a profile), clean and write partitioned JSON Lines
    on the current Dask scheduler (a ``distributed.Client`` made by the caller).

    A repeat's record is marked ``duplicate_of`` its first copy, as the local runner marks
    it: the learning pass finds the repeats as it reads; a run that does not learn reads
    and hashes every input in a key pass first (no cleaning: about 2% of the cleaning's
    time on the scrapinghub-dev dumps). (The first copy is the first input read with
    that text: should its cleaning fail where its reading did not, e.g. on a rule's time
    limit, its repeats still name it, as the local runner's do when it learns, where
    without learning it names the next copy.)"""
    _require_dask()
    import dask
    import fsspec

    fs, root = fsspec.core.url_to_fs(outdir)
    fs.makedirs(root, exist_ok=True)
    bag = bag_of_inputs(inputs, partition_size)
    learning = learn and opts.profile is None
    try:
        if learning:
            learned = learn_and_mark(bag, opts)
            opts, repeats = replace(opts, profile=learned.profile), learned.repeats
        else:
            repeats = find_repeats(bag, opts)
    except KeyboardInterrupt:
        raise InterruptedBeforeOutput("learning" if learning else "finding repeats") from None
    # (one copy in the graph, not one per task; the repeats are known: no key to take)
    opts_key = dask.delayed(replace(opts, keyed=False), pure=True)
    tasks = [dask.delayed(_write_partition)(part, i, outdir, opts_key, repeats[i] or None)
             for i, part in enumerate(bag.to_delayed())]
    started = time.perf_counter()
    summaries: Iterator[PartSummary] = iter(dask.compute(*tasks))
    total = ClusterRun(partitions=len(tasks), seconds=time.perf_counter() - started)
    for s in sorted(summaries, key=lambda s: s.index):
        total.add(s)
    return total
