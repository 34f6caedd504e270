"""Cleaning on a Dask cluster: the same pure cleaning, partitioned (``pip install 'newsclean[dask]'``).

Nothing here schedules anything: Dask does. This module only says what to run:

- :func:`clean_bag` turns a ``dask.bag`` of texts (str), or of :class:`Input` items,
  into a bag of :class:`~newsclean.batch.Result` s, with the same options as the
  local runner (disabled stages, rules, profile, favor); :func:`record_bag` gives
  plain records.
- :func:`learn_bag` does site learning in distributed form: each partition counts
  its lines (profile.count_partition), the counts are added up in a tree
  (addition is order-free), the client makes the profile.
- :func:`run` is what ``newsclean clean PATHS --dask ADDRESS -o OUTDIR`` does: list
  the inputs (local paths or any fsspec URL), learn, clean, and write one
  ``part-NNNNN.jsonl`` per partition (through a temporary name, renamed when whole),
  returning a summary and the error records for the client to report.

Partitions are PARTITION consecutive inputs, the size the local runner learns by,
so both learn the same profile and write the same records.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from .batch import CleanOptions, Result, learn_lines, process
from .io.errors import InputError
from .io.readers import Input
from .profile import PARTITION, Counts, Profile, count_partition, merge_counts, profile_from_counts
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


def _learn_partition(items: list, opts: CleanOptions) -> list[Counts]:
    return [count_partition(learn_lines(_as_input(item, i), opts) for i, item in enumerate(items))]


def learn_bag(bag, opts: CleanOptions = DEFAULT_OPTIONS) -> Profile:
    """Site learning over a bag of inputs: counted per partition, added up in a tree."""
    parts = bag.map_partitions(_learn_partition, opts)
    total = parts.reduction(merge_counts, merge_counts, split_every=8).compute()
    return profile_from_counts(total)


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


def _write_partition(items: list, index: int, outdir: str, opts: CleanOptions) -> PartSummary:
    import fsspec

    summary = PartSummary(index)
    fs, root = fsspec.core.url_to_fs(outdir)
    final = f"{root.rstrip('/')}/part-{index:05d}.jsonl"
    temporary = f"{root.rstrip('/')}/.part-{index:05d}.jsonl.tmp"
    with fs.open(temporary, "wb") as out:
        for result in _clean_partition(items, opts):
            if result.ok:
                out.write(result.output)
                summary.documents += 1
                summary.bytes += result.size
                summary.blocks.update(result.blocks)
                add_decisions(summary.decisions, result.stages)
            else:
                summary.errors.append({"source": result.source, "id": result.id, "error": result.error})
    fs.mv(temporary, final)
    return summary


@dataclass
class ClusterRun:
    documents: int = 0
    bytes: int = 0
    blocks: Counter = field(default_factory=Counter)
    decisions: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)
    partitions: int = 0


def run(inputs: Iterable[Input | InputError], outdir: str, opts: CleanOptions, *, learn: bool = True,
        partition_size: int = PARTITION) -> ClusterRun:
    """Learn (unless told not to or given a profile), clean and write partitioned JSON Lines
    on the current Dask scheduler (a ``distributed.Client`` made by the caller)."""
    _require_dask()
    import dask
    import fsspec

    fs, root = fsspec.core.url_to_fs(outdir)
    fs.makedirs(root, exist_ok=True)
    bag = bag_of_inputs(inputs, partition_size)
    if learn and opts.profile is None:
        opts = replace(opts, profile=learn_bag(bag, opts))
    opts_key = dask.delayed(opts, pure=True)  # one copy in the graph, not one per task
    tasks = [dask.delayed(_write_partition)(part, i, outdir, opts_key)
             for i, part in enumerate(bag.to_delayed())]
    summaries: Iterator[PartSummary] = iter(dask.compute(*tasks))
    total = ClusterRun(partitions=len(tasks))
    for s in sorted(summaries, key=lambda s: s.index):
        total.documents += s.documents
        total.bytes += s.bytes
        total.blocks.update(s.blocks)
        total.decisions.update(s.decisions)
        total.errors.extend(s.errors)
    return total
