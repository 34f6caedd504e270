"""The article's region on a whole page: the densest runs of blocks (used by stage content).

Each block votes for the article (stage content: its probability of being article
text less a threshold, weighted by its length); the region is the run of blocks with
the largest total vote (a maximum-sum segment), and the runs on either side of it
whose totals are a good share of it (an article interrupted by a teaser box). A
barrier (a comments heading, a box about the writer) with article text above it
ends the search.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
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


def runs(votes: list[float], share: float, barriers: Sequence[int] = (),
         reads: Callable[[Run], bool] | None = None) -> list[Run]:
    """The best run, and the best runs left and right of it worth ``share`` of it.

    The first barrier with a run of BARRIER_RUN_SHARE of the best one above it ends
    the search: nothing after it is taken (long reader comments can outweigh the
    article above them). With ``reads``, only a run above that reads as the article
    makes the barrier its end: a comment count in the article's header ("11 Comments"
    by the byline) under a box of teasers ends nothing."""
    n = len(votes)
    top, s, e = best_run(votes, 0, n)
    if s < 0:
        return []
    for b in barriers:
        before, bs, be = best_run(votes, 0, b)
        if before < BARRIER_RUN_SHARE * top or (reads is not None and not reads(Run(bs, be))):
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


class Gaps(NamedTuple):
    """What a gap between two runs holds: each block's words (0: not free) and prose."""

    words: Sequence[float]
    prose: Sequence[bool]
    stops: set[int]
    share: float       # prose holds this share of the free blocks' words...
    blocks: float      # ...and is this share of the free blocks (not a headline and name over each)
    min_words: int
    boxes: set[int] = set()  # blocks of a box of other stories (teasers): a strong run is not joined across one

    def is_prose(self, lo: int, hi: int) -> bool:
        """The free blocks lo..hi (none at all: adjacent runs) are mostly prose, and no barrier."""
        if hi < lo:
            return True
        if any(lo <= s <= hi for s in self.stops):
            return False
        words, prose = self.words[lo:hi + 1], self.prose[lo:hi + 1]
        prosy = sum(w for w, p in zip(words, prose, strict=True) if p)
        free = sum(1 for w in words if w)
        return prosy >= self.min_words and prosy >= self.share * sum(words) and sum(prose) >= self.blocks * free

    def joins(self, lo: int, hi: int, strong: bool, near: int) -> bool:
        """A run beyond the blocks lo..hi belongs with the article: they are prose, or
        the run is strong and they are few and hold no barrier."""
        if self.is_prose(lo, hi):
            return True
        return strong and not any(lo <= s <= hi for s in self.stops | self.boxes) \
            and sum(1 for w in self.words[lo:hi + 1] if w) <= near


def prose_gaps(found: Sequence[Run], gaps: Gaps) -> list[Run]:
    """The gaps between two runs of the article that are the article too: the text on
    both sides of the gap is the article's, and the gap's own free blocks are mostly
    prose (``share`` of their words, ``min_words`` at least), not the short lines of a
    teaser box; no gap holds a barrier.

    The paragraphs of a long article cut up by advert labels and picture credits score
    low for their neighbours; the article above and below them says what they are."""
    return [Run(a.end + 1, b.start - 1) for a, b in zip(found, found[1:], strict=False)
            if b.start - 1 >= a.end + 1 and gaps.is_prose(a.end + 1, b.start - 1)]


def joined(found: Sequence[Run], lesser: Sequence[Run], gaps: Gaps, strong: Collection[Run] = (),
           near: int = 0) -> list[Run]:
    """``found`` and the ``lesser`` runs (too light to be the article on their own) next
    to it, one after another: one that prose joins to it (the article's tail goes on
    past a stretch of paragraphs that score low, to more of its text), and a ``strong``
    one (its prose reads as the article) at most ``near`` free blocks and no barrier
    away from it (a lead above a list and a link, then the article). What stands
    between a strong run and the article joins the region, each block to be judged
    on its own."""
    out, todo = sorted(found), sorted(lesser)
    while True:
        lo, hi = out[0].start, out[-1].end
        above = [r for r in todo if r.end < lo and gaps.joins(r.end + 1, lo - 1, r in strong, near)]
        below = [r for r in todo if r.start > hi and gaps.joins(hi + 1, r.start - 1, r in strong, near)]
        if not above and not below:
            return out
        todo = [r for r in todo if r not in above and r not in below]
        out = sorted(out + [Run(r.start, lo - 1) if r in strong else r for r in above]
                     + [Run(hi + 1, r.end) if r in strong else r for r in below])
