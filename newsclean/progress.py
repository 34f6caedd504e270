"""What a batch tells its user on standard error: a progress bar while it runs (only
when standard error is a terminal) and a summary at the end."""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .batch import Result
from .record import LABELS

TOP_DECISIONS = 8  # the most frequent decisions the summary names


def add_decisions(total: Counter[tuple[str, str]], stages: dict[str, dict[str, int]]) -> None:
    """Sum a record's ``stats.stages`` into ``total``, keyed (stage, tag)."""
    for stage, tags in stages.items():
        for tag, n in tags.items():
            total[stage, tag] += n

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


class Tally:
    """Counts of a run: documents, bytes, blocks per label, decisions per stage and tag, errors, time."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.documents = 0
        self.errors = 0
        self.skipped = 0
        self.repeats = 0  # records marked duplicate_of an earlier one
        self.bytes = 0
        self.blocks: Counter[str] = Counter()
        self.decisions: Counter[tuple[str, str]] = Counter()

    def add(self, result: Result) -> None:
        if result.ok:
            self.documents += 1
            self.bytes += result.size
            self.blocks.update(result.blocks)
            self.repeats += result.duplicate_of is not None
            add_decisions(self.decisions, result.stages)
        else:
            self.errors += 1

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def summary(self, crashes: int = 0, interrupted: bool = False) -> str:
        t = self.seconds
        rate = self.documents / t if t > 0 else 0.0
        head = "interrupted after" if interrupted else "cleaned"
        parts = [f"{head} {_count(self.documents, 'document')} ({_size(self.bytes)}) in {t:,.1f}s "
                 f"({rate:,.0f} docs/s)"]
        if self.skipped:
            parts.append(f"{self.skipped:,} already done (resumed)")
        if self.repeats:
            parts.append(f"{_count(self.repeats, 'repeat')} of an earlier dump (marked duplicate_of)")
        parts.append(_count(self.errors, "error"))
        if crashes:
            parts.append(f"{crashes} worker crash{'es' if crashes > 1 else ''}")
        lines = ["newsclean: " + "; ".join(parts)]
        blocks = ", ".join(f"{label} {self.blocks[label]:,}" for label in LABELS if self.blocks.get(label))
        if blocks:
            lines.append(f"newsclean: blocks: {blocks}")
        return "\n".join(lines) + self._top_decisions()

    def _top_decisions(self) -> str:
        """The most frequent decisions, as stage.tag and count (most first, then by name)."""
        if not self.decisions:
            return ""
        top = sorted(self.decisions.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_DECISIONS]
        return "\nnewsclean: decisions: " + ", ".join(f"{stage}.{tag} {n:,}" for (stage, tag), n in top)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _size(n: int) -> str:
    """Bytes read, in the unit that shows them: 512 B, 12.3 kB, 4.1 MB."""
    if n < 1000:
        return f"{n:,} B"
    if n < 1_000_000:
        return f"{n / 1e3:,.1f} kB"
    return f"{n / 1e6:,.1f} MB"


class BatchProgress:
    """A rich progress bar (files, MB, docs/s, ETA) on a terminal; nothing otherwise.

    The number of inputs is counted by a background thread from ``count`` (a second,
    cheap walk of the same paths), so the bar shows an ETA without delaying the start.
    """

    def __init__(self, console: Console | None, enabled: bool, count: Callable[[], Iterable] | None = None):
        self.enabled = enabled
        self._progress: Progress | None = None
        if not enabled:
            return
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("[bold]cleaning"), BarColumn(),
            TextColumn("{task.completed:,}/{task.fields[total_text]} files"),
            TextColumn("{task.fields[mb]:,.1f} MB"),
            TextColumn("{task.fields[rate]:,.0f} docs/s"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=console, transient=True, refresh_per_second=4)
        self._task = self._progress.add_task("clean", total=None, total_text="?", mb=0.0, rate=0.0)
        self._started = time.perf_counter()
        self._done = 0
        self._bytes = 0
        self._progress.start()
        if count is not None:
            threading.Thread(target=self._count, args=(count,), daemon=True).start()

    def _count(self, count: Callable[[], Iterable]) -> None:
        n = sum(1 for _ in count())
        if self._progress is not None:
            self._progress.update(self._task, total=n, total_text=f"{n:,}")

    def advance(self, result: Result) -> None:
        if self._progress is None:
            return
        self._done += 1
        self._bytes += result.size
        elapsed = time.perf_counter() - self._started
        if self._done % 16 == 0 or self._done < 16:
            self._progress.update(self._task, completed=self._done, mb=self._bytes / 1e6,
                                  rate=self._done / elapsed if elapsed > 0 else 0.0)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
