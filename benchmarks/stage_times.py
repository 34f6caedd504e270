"""Per-stage time of the pipeline, in microseconds per dump (``bench.py --profile-stages``).

Runs in this process: each dump of a folder is read, decoded and cleaned as the
command line does with ``-j 1`` (``batch.process``), with every stage of the pipeline
wrapped in a timer. A stage's time on the first reading and on the second reading
(pipeline.py: the body read again) are counted apart; what is outside the stages
(decoding, the record, the learning pass is not run) is "other".
"""
from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path


class TimedStage:
    """A stage that adds up the time it takes, per reading."""

    def __init__(self, stage, totals: dict[str, float]):
        self.stage, self.totals = stage, totals
        self.name, self.required = stage.name, stage.required

    def applies(self, doc) -> bool:
        return self.stage.applies(doc)

    def __call__(self, doc) -> None:
        t0 = time.perf_counter()
        self.stage(doc)
        self.totals[(self.name, doc.reading)] += time.perf_counter() - t0


def stage_times(folder: Path, limit: int | None = None) -> tuple[int, float, dict]:
    """(dumps, total seconds, {(stage, second reading?): seconds}) over ``folder``'s dumps."""
    from newsclean.api import get_pipeline
    from newsclean.batch import CleanOptions, process
    from newsclean.io.readers import iter_inputs

    pipeline = get_pipeline()
    totals: dict = defaultdict(float)
    original = pipeline.stages
    pipeline.stages = [TimedStage(s, totals) for s in original]
    try:
        opts, n = CleanOptions(), 0
        t0 = time.perf_counter()
        for item in iter_inputs([str(folder)]):
            if limit is not None and n >= limit:
                break
            assert process(item, opts).ok
            n += 1
        return n, time.perf_counter() - t0, dict(totals)
    finally:
        pipeline.stages = original


def report(label: str, n: int, seconds: float, totals: dict) -> list[str]:
    order = list(dict.fromkeys(name for name, _ in totals))
    lines = [f"per-stage time, {label}: {n:,} dumps, {seconds * 1e6 / n:,.0f} µs per dump in all"]
    lines.append(f"  {'stage':<12} {'1st reading':>12} {'2nd reading':>12}")
    for name in order:
        first, second = totals.get((name, False), 0.0), totals.get((name, True), 0.0)
        lines.append(f"  {name:<12} {first * 1e6 / n:12,.0f} {second * 1e6 / n:12,.0f}")
    other = seconds - sum(totals.values())
    lines.append(f"  {'other':<12} {other * 1e6 / n:12,.0f}   (reading, decoding, the record)")
    return lines
