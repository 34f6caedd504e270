#!/usr/bin/env python3
"""Fit the caption model's weights by logistic regression and compare with data/captions.toml.

    python scripts/fit_captions.py [--corpus seeds --corpus vn-dev --corpus web-body]
                                   [--l2 1.0] [--pos-weight 4] [--folds 5] [--prior]

Trains on the caption candidates of the dev corpora: the news dumps (gold captions
are the positives, every other candidate a negative) and the gold bodies of the
whole web pages read as articles (``web-body``: what cleaning a page's output again
reads; all negatives). Reports, for the shipped weights and for weights fitted
without the held-out part, the captions found in held-out news sites (leave one
site out) and the false captions in held-out web pages (k folds of pages). Prints
the fitted weights beside the shipped ones, rounded to 0.5, for a hand to copy into
newsclean/data/captions.toml. Pure Python (Newton's method, L2 penalty; with
--prior the penalty pulls towards the shipped weights, so that held-out results show
whether data the weights were not fitted on still agrees with them).
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import logistic  # noqa: E402
from caption_report import candidates  # noqa: E402
from devdata import GOLD_BODIES, corpora, same_caption  # noqa: E402

from newsclean.stages.captions import Captions  # noqa: E402


def site(doc_id: str) -> str:
    m = re.match(r"(?:\d+_|vn_)?([a-z]+)", doc_id)
    return m.group(1) if m else doc_id


def web_fold(doc_id: str, folds: int) -> str:
    return f"web{int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % folds}"


def caption_rows(text: str, caps: list[str], stage: Captions) -> list[tuple[dict, int]]:
    """(feature vector, 1 if a gold caption) for each caption candidate of a dump; a
    text repeated on a page counts once."""
    rows, seen = [], set()
    for block, fv, _ in candidates(text, stage):
        if block.text not in seen:
            seen.add(block.text)
            rows.append((fv, int(any(same_caption(g, block.text) for g in caps))))
    return rows


# The penalty and the weight of a caption that fit best on what they were not fitted on
# (news captions F1 leaving each site out, 2026-12-07: 0.93 at 0.3, 0.89 at 1.0, with as
# many false captions in the web bodies held out)
L2, POS_WEIGHT = 0.3, 4.0


def fit(rows, keys, l2=L2, pos_weight=1.0, prior=None, iterations=30):
    """The caption model's weights: captions (positives) weigh ``pos_weight``; the
    penalty pulls the weights towards ``prior``. Returns (weights, bias)."""
    return logistic.fit([(fv, y, pos_weight if y else 1.0) for fv, y in rows], keys, l2, prior, iterations)


def predict(fv, w, b, threshold=0.0) -> bool:
    return b + sum(w.get(k, 0.0) * v for k, v in fv.items() if v) > threshold


class Tally:
    """Captions found in news dumps, false captions in web bodies."""

    def __init__(self):
        self.tp = self.fp = self.fn = self.web_fp = self.web_n = 0

    def add(self, rows, web: bool, w, b, threshold=0.0):
        for fv, y in rows:
            pred = predict(fv, w, b, threshold)
            if web:
                self.web_n += 1
                self.web_fp += pred
            else:
                self.tp += pred and y
                self.fp += pred and not y
                self.fn += y and not pred

    def __str__(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return (f"news captions P {p:.3f} R {r:.3f} F1 {f:.3f} ({self.tp} found, {self.fp} false, "
                f"{self.fn} missed); web bodies: {self.web_fp} false captions in {self.web_n} candidates")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--corpus", action="append", help="seeds, vn-dev, web-body, page, w3m "
                                                       "(default: seeds, vn-dev, web-body)")
    ap.add_argument("--l2", type=float, default=L2,
                    help="L2 penalty (default: the one that leaving a news site out favours)")
    ap.add_argument("--pos-weight", type=float, default=POS_WEIGHT,
                    help="weight of a caption against a non-caption in the fit")
    ap.add_argument("--folds", type=int, default=5, help="folds of the web pages")
    ap.add_argument("--prior", action="store_true",
                    help="pull the weights towards the shipped ones instead of towards 0")
    a = ap.parse_args()
    stage = Captions()
    groups: dict[str, list] = defaultdict(list)
    web_groups = set()
    for name, doc_id, text, gold in corpora(Path(a.shared), a.corpus or ["seeds", "vn-dev", "web-body"]):
        caps = gold.get("captions") or []
        web = name in GOLD_BODIES
        group = web_fold(doc_id, a.folds) if web else site(doc_id)
        if web:
            web_groups.add(group)
        groups[group].extend(caption_rows(text, caps, stage))
    keys = sorted(stage.model.weights)
    rows = [r for rs in groups.values() for r in rs]
    print(f"{len(rows)} candidates, {sum(y for _, y in rows)} captions; groups: "
          f"{', '.join(f'{g} {len(rs)}' for g, rs in sorted(groups.items()))}")

    prior = stage.model.weights if a.prior else None
    shipped_all, held_out = Tally(), Tally()
    for g, rs in groups.items():
        shipped_all.add(rs, g in web_groups, stage.model.weights, stage.model.bias, stage.model.threshold)
        train = [r for t, other in groups.items() if t != g for r in other]
        w, b = fit(train, keys, a.l2, a.pos_weight, prior)
        held_out.add(rs, g in web_groups, w, b)
    w, b = fit(rows, keys, a.l2, a.pos_weight, prior)
    fitted_all = Tally()
    for g, rs in groups.items():
        fitted_all.add(rs, g in web_groups, w, b)
    print(f"shipped weights, all data:         {shipped_all}")
    print(f"fitted weights, all data:          {fitted_all}")
    print(f"fitted without the held-out part:  {held_out}")
    print("  (held out: each news site in turn, each fold of web pages in turn)")
    shipped_b = stage.model.bias - stage.model.threshold
    print(f"bias {b:+.2f}, rounded {round(2 * b) / 2:+.1f} (shipped {shipped_b:+.2f} incl. threshold)")
    for k in keys:
        flag = "  <-" if abs(round(2 * w[k]) / 2 - stage.model.weights[k]) >= 1.0 else ""
        print(f"  {k:<20} fitted {w[k]:+.2f} ({round(2 * w[k]) / 2:+.1f})   shipped {stage.model.weights[k]:+.2f}{flag}")


if __name__ == "__main__":
    main()
