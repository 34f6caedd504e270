#!/usr/bin/env python3
"""Fit the block classifier of stage content (logistic regression, pure Python).

    python scripts/fit_content.py [--shared ../shared] [--write] [--cv]

Training data: the whole-page dev corpora (scrapinghub-dev, `page` and `w3m` dumps).
Each free block that stage content would see is labelled from the gold: article
(most of its 4-token shingles are in the gold body or captions) or not. Blocks of
one or two tokens carry no label.

--cv reports figures that predict unseen pages: weights fitted on half of the pages
(both dump styles) scored end to end (the whole pipeline, with the scorer's
metrics) on the other half, both ways; and fitted on one dump style, scored on the
other. --write fits on everything and writes newsclean/data/content_model.toml.
"""
from __future__ import annotations

import argparse
import hashlib
import math
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
import logistic  # noqa: E402
from devdata import corpora, shared_tool, tokens  # noqa: E402

import newsclean.stages.content as content_stage  # noqa: E402
from newsclean.content_features import FEATURE_NAMES, block_text, vectors  # noqa: E402
from newsclean.model import Document  # noqa: E402
from newsclean.page import headline  # noqa: E402
from newsclean.pipeline import Pipeline  # noqa: E402
from newsclean.record import build_record  # noqa: E402

STYLES = ("page", "w3m")


def shingles(toks: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def block_rows(text: str, gold: dict, pipeline: Pipeline):
    """(vector, label, weight) for each free block as stage content sees it."""
    doc = Document(raw=text, text=text)
    for stage in pipeline.stages:
        if stage.name == "content":
            break
        if stage.applies(doc):
            stage(doc)
    gold_text = (gold.get("body") or "") + "\n" + "\n".join(gold.get("captions") or [])
    gtok = tokens(gold_text)
    g4 = shingles(gtok)
    g_short = {tuple(gtok[i:i + n]) for n in (2, 3) for i in range(len(gtok) - n + 1)}
    rows = []
    for b, v in zip(doc.blocks, vectors(doc), strict=True):
        if v is None:
            continue
        t = tokens(b.content)
        if len(t) >= 4:
            sh = [tuple(t[i:i + 4]) for i in range(len(t) - 3)]
            y = float(sum(s in g4 for s in sh) / len(sh) >= 0.5)
        elif len(t) >= 2:
            y = float(tuple(t) in g_short)
        else:
            continue
        weight = 1.0 + math.log1p(min(block_text(b).length, 200))
        rows.append((v, y, weight))
    return rows


def fit(rows, l2: float = 1.0, iterations: int = 12, names=FEATURE_NAMES):
    """Weighted logistic regression (scripts/logistic.py), L2-regularised, the bias not."""
    return logistic.fit(rows, names, l2, iterations=iterations, tol=1e-5)


def title_rows(docs, w, b):
    """The headline candidates of each page (stage content's), labelled by the gold title."""
    rows = []
    saved_model, saved_choose = content_stage.model, content_stage.choose_headline

    def record(doc, probs, first, model=None, refuse=None, article=None):
        cands = headline.candidates(doc, probs, first, article)
        want = " ".join(doc_title[0].split()).lower()
        for i, fv in cands:
            rows.append((fv, float(" ".join(doc.blocks[i].content.split()).lower() == want), 1.0))
        return None

    content_stage.model = lambda: {"bias": b, "weights": w}
    content_stage.choose_headline = record
    try:
        pipeline = Pipeline()
        for _, text, gold in docs:
            if gold.get("title"):
                doc_title = [gold["title"]]
                pipeline.run(text)
    finally:
        content_stage.model, content_stage.choose_headline = saved_model, saved_choose
    return rows


def accuracy(rows, w, b) -> float:
    ok = tot = 0.0
    for v, y, weight in rows:
        z = b + sum(w.get(k, 0.0) * x for k, x in v.items())
        ok += weight * ((z > 0) == (y > 0.5))
        tot += weight
    return ok / tot if tot else 0.0


def load_scorer(shared: Path):
    return shared_tool(shared, "score")


# The headline model's L2 penalty, its own: a few hundred headlines among thousands of
# candidates are few to fit 26 weights on. Swept with scripts/heldout.py after the body
# and caption rounds of 2026-12-07 (held-out titles scrapinghub page/w3m, readability
# page/w3m): 1.0 gave .883/.883/.784/.838, 1.5 .883/.862/.784/.838, 2.0 .872/.851/.784/.838,
# 3.0 .862/.840/.811/.811. At 1.0 the most titles held out (and in sample); readability's
# held-out titles differ from in sample only through the folds' headline weights (its
# pages are not fitted on).
TITLE_L2 = 1.0


def fit_all(docs, rows, l2, drop: frozenset[str] = frozenset()):
    """Block weights, then headline weights on the candidates those give. Features in
    ``drop`` get no weight (what a page gains without them shows in --cv)."""
    w, b = fit(rows, l2, names=[k for k in FEATURE_NAMES if k not in drop])
    trows = title_rows(docs, w, b)
    tw, tb = fit(trows, TITLE_L2, names=[k for k in headline.TITLE_FEATURES if k not in drop])
    return {"bias": b, "weights": w, "title_bias": tb, "title_weights": tw}


def end_to_end(docs, m, scorer, favor="balanced") -> dict:
    """The scorer's metrics on ``docs`` [(id, text, gold)] with the given model."""
    saved = content_stage.model
    content_stage.model = lambda: m
    try:
        pipeline = Pipeline(favor=favor)
        pred = {i: build_record(pipeline.run(text), id=i) for i, text, _ in docs}
    finally:
        content_stage.model = saved
    m, _ = scorer.score({i: g for i, _, g in docs}, pred)
    return m


def fmt(m: dict) -> str:
    return (f"body F1 {m['body_f1']:.3f} (P {m['body_precision']:.3f} R {m['body_recall']:.3f}) | "
            f"caption P {m.get('caption_precision', 0):.3f} R {m.get('caption_recall', 0):.3f} | "
            f"title {m.get('title_accuracy', 0):.3f}")


def write(m: dict, path: Path, n_rows: int) -> None:
    w, b = m["weights"], m["bias"]
    lines = [
        "# The block classifier of stage content: logistic regression over the features of",
        "# newsclean/content_features.py; p(article) = 1 / (1 + exp(-(bias + sum(weight * feature)))).",
        f"# Written by scripts/fit_content.py --write from {n_rows} blocks of the scrapinghub-dev",
        "# dumps (both styles); do not edit by hand.",
        f"bias = {b:.4f}",
        "# The headline among the candidates above the article: the best log-odds wins",
        "# (page/headline.py; a key under a [table] would belong to the table).",
        f"title_bias = {m['title_bias']:.4f}",
        "",
        "[weights]",
    ]
    lines += [f"{k} = {w.get(k, 0.0):.4f}" for k in FEATURE_NAMES]
    lines += ["", "[title_weights]"] + [f"{k} = {m['title_weights'][k]:.4f}" for k in headline.TITLE_FEATURES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--drop", default="", help="features to fit without, comma-separated")
    ap.add_argument("--seed", type=int, default=0, help="--cv: another split of the pages in halves")
    a = ap.parse_args()
    drop = frozenset(filter(None, a.drop.split(",")))
    unknown = drop - set(FEATURE_NAMES) - set(headline.TITLE_FEATURES)
    if unknown:
        ap.error(f"unknown features: {', '.join(sorted(unknown))}")
    shared = Path(a.shared)
    pipeline = Pipeline()
    data = {}  # (style, id) -> (text, gold, rows)
    for style, doc_id, text, gold in corpora(shared, list(STYLES)):
        data[style, doc_id] = (text, gold, block_rows(text, gold, pipeline))
    all_rows = [r for _, _, rows in data.values() for r in rows]
    print(f"{len(all_rows)} labelled blocks, {sum(r[1] for r in all_rows):.0f} of the article, "
          f"{len(data)} dumps")
    if a.cv:
        scorer = load_scorer(shared)
        # (CRC is linear: a seed added to ids of one length would only swap the halves)
        half = {k: (zlib.crc32(k[1].encode()) if not a.seed else
                    hashlib.sha256(f"{a.seed}/{k[1]}".encode()).digest()[0]) % 2 for k in data}
        # body P and R summed over pages, pages, titles right, pages with a title
        pooled = {style: [0.0, 0.0, 0, 0.0, 0] for style in STYLES}
        for fold in (0, 1):
            train = [r for k, (_, _, rows) in data.items() if half[k] != fold for r in rows]
            tdocs = [(k[1], t, g) for k, (t, g, _) in data.items() if half[k] != fold]
            m = fit_all(tdocs, train, a.l2, drop)
            w, b = m["weights"], m["bias"]
            for style in STYLES:
                test = [(k[1], t, g) for k, (t, g, _) in data.items() if half[k] == fold and k[0] == style]
                rows = [r for k, (_, _, rs) in data.items() if half[k] == fold and k[0] == style for r in rs]
                got = end_to_end(test, m, scorer)
                pooled[style][0] += got["body_precision"] * len(test)
                pooled[style][1] += got["body_recall"] * len(test)
                pooled[style][2] += len(test)
                titled = sum(1 for _, _, g in test if g.get("title"))
                pooled[style][3] += got.get("title_accuracy", 0.0) * titled
                pooled[style][4] += titled
                print(f"half {fold} held out, {style:4} ({len(test)} pages): block accuracy "
                      f"{accuracy(rows, w, b):.3f} | {fmt(got)}")
        for style, (p, r, n, t, nt) in pooled.items():
            p, r = p / n, r / n
            print(f"every page held out once, {style:4}: body F1 {2 * p * r / (p + r):.3f} (P {p:.3f} R {r:.3f})"
                  f" | title {t / nt if nt else 0.0:.3f}")
        for src in STYLES:
            dst = [s for s in STYLES if s != src][0]
            train = [r for k, (_, _, rows) in data.items() if k[0] == src for r in rows]
            tdocs = [(k[1], t, g) for k, (t, g, _) in data.items() if k[0] == src]
            m = fit_all(tdocs, train, a.l2, drop)
            w, b = m["weights"], m["bias"]
            test = [(k[1], t, g) for k, (t, g, _) in data.items() if k[0] == dst]
            rows = [r for k, (_, _, rs) in data.items() if k[0] == dst for r in rs]
            print(f"fit on {src}, scored on {dst}: block accuracy {accuracy(rows, w, b):.3f} | "
                  f"{fmt(end_to_end(test, m, scorer))}")
    m = fit_all([(k[1], t, g) for k, (t, g, _) in data.items()], all_rows, a.l2, drop)
    w, b = m["weights"], m["bias"]
    print(f"all dumps: block accuracy (training) {accuracy(all_rows, w, b):.3f}")
    for k in sorted(w, key=lambda k: -abs(w[k])):
        print(f"  {k:15} {w[k]:+.3f}")
    print("headline:", ", ".join(f"{k} {v:+.2f}" for k, v in m["title_weights"].items()))
    if a.write:
        write(m, ROOT / "newsclean" / "data" / "content_model.toml", len(all_rows))
        print("written: newsclean/data/content_model.toml")


if __name__ == "__main__":
    main()
