"""Stage content: the article in a dump of a whole web page.

A dump of a whole page holds the article among menus, link lists, teasers, buttons
and footers. The stage runs only on such dumps (many short blocks that are not
prose are left after the earlier stages; an article-only dump has a few). Then

1. each free block gets a probability of being article text from a logistic model
   over its features and its neighbours' (``content_features.py``; weights in
   ``data/content_model.toml``, fitted by scripts/fit_content.py);
2. the article is the densest run of blocks: each block votes (p - threshold),
   weighted by its length, and the run with the largest total wins (as in a
   maximum-sum segment); further runs are kept when their total is a good share of
   the best one (an article interrupted by a teaser box);
3. blocks outside the runs are boilerplate; inside them, blocks with a low
   probability (a "Share" button, an advert label) are boilerplate too;
4. the headline is chosen among the lines just above the article (``headline``).

The threshold moves with ``favor``: "precision" keeps less, "recall" more.
"""
from __future__ import annotations

import math
import tomllib
from functools import lru_cache
from importlib import resources

from ..content_features import is_short_furniture, settings, vectors
from ..model import Document, Label
from .base import Stage
from .headline import choose_headline

FAVOR_SIGN = {"precision": 1.0, "balanced": 0.0, "recall": -1.0}


@lru_cache(maxsize=None)
def model() -> dict:
    with resources.files("newsclean.data").joinpath("content_model.toml").open("rb") as f:
        return tomllib.load(f)


def is_whole_page(doc: Document) -> bool:
    """Many free blocks that are not prose: a dump of a whole page, not of an article."""
    gate = settings()["gate"]
    free = short = 0
    for b in doc.blocks:
        if b.label is None:
            free += 1
            short += is_short_furniture(b)
    return short >= gate["min_short_blocks"] and short >= gate["min_short_share"] * free


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


def runs(votes: list[float], share: float) -> list[tuple[int, int]]:
    """The best run, and the best runs left and right of it worth ``share`` of it."""
    top, s, e = best_run(votes, 0, len(votes))
    if s < 0:
        return []
    found = [(s, e)]
    todo = [(0, s), (e + 1, len(votes))]
    while todo:
        lo, hi = todo.pop()
        if hi - lo <= 0:
            continue
        total, s2, e2 = best_run(votes, lo, hi)
        if s2 >= 0 and total >= share * top:
            found.append((s2, e2))
            todo += [(lo, s2), (e2 + 1, hi)]
    return sorted(found)


class Content(Stage):
    name = "content"
    summary = "whole-page dumps: block classifier + densest run of prose -> the article; menus, teasers, footers -> boilerplate"

    def __init__(self) -> None:
        m = model()
        self.weights: dict[str, float] = m["weights"]
        self.bias: float = m["bias"]
        self.region = settings()["region"]

    def probabilities(self, doc: Document) -> list[float | None]:
        w, bias = self.weights, self.bias
        out: list[float | None] = []
        for v in vectors(doc):
            if v is None:
                out.append(None)
                continue
            z = bias + sum(w[k] * x for k, x in v.items() if x and k in w)
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out

    def __call__(self, doc: Document) -> None:
        if not doc.blocks or not is_whole_page(doc):
            return
        r = self.region
        shift = FAVOR_SIGN.get(doc.favor, 0.0) * r["favor_shift"]
        threshold, keep = r["threshold"] + shift, r["keep"] + shift
        probs = self.probabilities(doc)
        from ..content_features import block_text
        votes = []
        for b, p in zip(doc.blocks, probs):
            if p is None:
                votes.append(0.0 if b.label is Label.CAPTION else -threshold)
            else:
                votes.append((p - threshold) * min(block_text(b).length, r["cap"]) ** r["power"])
        found = runs(votes, r["other_run_share"])
        if not found:
            return  # nothing reads as an article: leave the dump to the other stages
        inside = [False] * len(doc.blocks)
        for s, e in found:
            for i in range(s, e + 1):
                inside[i] = True
        article = [i for i, p in enumerate(probs) if p is not None and inside[i] and p >= keep]
        if not article:
            return
        title = choose_headline(doc, probs, article[0])
        for i, (b, p) in enumerate(zip(doc.blocks, probs)):
            if p is None or i == title:
                continue
            if not inside[i]:
                b.assign(Label.BOILERPLATE, self.name, f"outside the article (content score {p:.2f})")
            elif p < keep:
                b.assign(Label.BOILERPLATE, self.name, f"page furniture inside the article (content score {p:.2f})")
            elif title is not None and i < title:
                b.assign(Label.BOILERPLATE, self.name, f"above the headline (content score {p:.2f})")
        if title is not None:
            doc.blocks[title].assign(Label.TITLE, self.name, "headline of the page, above the article")
            doc.title_index = title
        first = next((i for i in article if title is None or i > title), None)
        doc.lead_index = first
        doc.end_index = article[-1]
