#!/usr/bin/env python3
"""Fit the caption model's weights by logistic regression and compare with data/captions.toml.

    python scripts/fit_captions.py [--corpus seeds --corpus vn-dev] [--l2 1.0] [--write]

Trains on the caption candidates of the dev corpora (gold captions = positives),
reports leave-one-site-out accuracy of the fitted and the shipped weights, and with
--write replaces the weights in src/newsclean/data/captions.toml. Pure Python.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from caption_report import candidates  # noqa: E402
from devdata import corpora, same_caption  # noqa: E402

from newsclean.stages.captions import Captions  # noqa: E402


def site(doc_id: str) -> str:
    m = re.match(r"(?:\d+_|vn_)?([a-z]+)", doc_id)
    return m.group(1) if m else doc_id


def fit(rows, keys, l2=1.0, epochs=3000, lr=0.1):
    w = {k: 0.0 for k in keys}
    b = 0.0
    n = len(rows)
    for _ in range(epochs):
        gw = {k: 0.0 for k in keys}
        gb = 0.0
        for fv, y in rows:
            z = b + sum(w[k] * v for k, v in fv.items())
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            d = p - y
            gb += d
            for k, v in fv.items():
                gw[k] += d * v
        b -= lr * gb / n
        for k in keys:
            w[k] -= lr * (gw[k] / n + l2 * w[k] / n)
    return w, b


def accuracy(rows, w, b, threshold=0.0):
    return sum((b + sum(w.get(k, 0) * v for k, v in fv.items()) > threshold) == bool(y) for fv, y in rows) / len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--corpus", action="append")
    ap.add_argument("--l2", type=float, default=1.0)
    a = ap.parse_args()
    stage = Captions()
    data = defaultdict(list)
    for name, doc_id, text, gold in corpora(Path(a.shared), a.corpus or ["seeds", "vn-dev"]):
        caps = gold.get("captions") or []
        for block, fv, _ in candidates(text, stage):
            data[site(doc_id)].append((fv, int(any(same_caption(g, block.text) for g in caps))))
    keys = sorted(stage.weights)
    rows = [r for rs in data.values() for r in rs]
    print(f"{len(rows)} candidates, {sum(y for _, y in rows)} captions, sites: {', '.join(sorted(data))}")
    shipped = accuracy(rows, stage.weights, stage.bias, stage.threshold)
    loso_fit = loso_hand = 0
    for s in data:
        train = [r for t, rs in data.items() if t != s for r in rs]
        w, b = fit(train, keys, a.l2)
        loso_fit += accuracy(data[s], w, b) * len(data[s])
        loso_hand += accuracy(data[s], stage.weights, stage.bias, stage.threshold) * len(data[s])
    print(f"shipped weights: accuracy {shipped:.3f}; leave-one-site-out {loso_hand / len(rows):.3f}")
    w, b = fit(rows, keys, a.l2)
    print(f"fitted weights:  accuracy {accuracy(rows, w, b):.3f}; leave-one-site-out {loso_fit / len(rows):.3f}")
    print(f"bias {b:+.2f} (shipped {stage.bias - stage.threshold:+.2f} incl. threshold)")
    for k in keys:
        print(f"  {k:<20} fitted {w[k]:+.2f}   shipped {stage.weights[k]:+.2f}")


if __name__ == "__main__":
    main()
