"""The article's region on a whole page: the densest runs of blocks (used by stage content).

Each block votes for the article (stage content: its probability of being article
text less a threshold, weighted by its length); the region is the run of blocks with
the largest total vote (a maximum-sum segment), and the runs on either side of it
whose totals are a good share of it (an article interrupted by a teaser box). A
barrier (a comments heading, a box about the writer) with article text above it
ends the search.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..content_features import settings

BARRIER_RUN_SHARE = settings()["barriers"]["run_share"]  # a comments heading ends the article when this much of one stands above it


def best_run(votes: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The run of votes[lo:hi] with the largest sum: (sum, start, end inclusive)."""
    best, bs, be = 0.0, -1, -1
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0.0:
            total, start = 0.0, i
        total += votes[i]
        if total > best:
            best, bs, be = total, start, i
    return best, bs, be


class Run(NamedTuple):
    """A run of blocks, from ``start`` to ``end`` inclusive."""

    start: int
    end: int


def runs(votes: list[float], share: float, barriers: Sequence[int] = ()) -> list[Run]:
    """The best run, and the best runs left and right of it worth ``share`` of it.

    The first barrier with a run of BARRIER_RUN_SHARE of the best one above it ends
    the search: nothing after it is taken (long reader comments can outweigh the
    article above them)."""
    n = len(votes)
    top, s, e = best_run(votes, 0, n)
    if s < 0:
        return []
    for b in barriers:
        before, _, _ = best_run(votes, 0, b)
        if before < BARRIER_RUN_SHARE * top:
            continue  # a comments link above the article or at its top: not its end
        n = b  # the comments: the article is above them, even when they outweigh it
        if b <= e:
            top, s, e = best_run(votes, 0, b)
        break
    found = [Run(s, e)]
    todo = [(0, s), (e + 1, n)]
    while todo:
        lo, hi = todo.pop()
        if hi - lo <= 0:
            continue
        total, s2, e2 = best_run(votes, lo, hi)
        if s2 >= 0 and total >= share * top:
            found.append(Run(s2, e2))
            todo += [(lo, s2), (e2 + 1, hi)]
    return sorted(found)
