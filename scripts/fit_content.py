#!/usr/bin/env python3
"""Fit the block classifier of stage content (logistic regression, pure Python).

    python scripts/fit_content.py [--shared ../shared] [--write] [--cv]

Training data: the whole-page dev corpora (FIT: scrapinghub-dev and readability-dev,
`page` and `w3m` dumps of each), each corpus's rows weighed by CORPUS_WEIGHT (blocks,
headlines): readability-dev is read, and scored by --cv, but weighs 0, because
leave-site-out figures (scripts/heldout.py) were worse with it in (see CORPUS_WEIGHT).
Each free block that stage content would see is labelled from the gold: article (most
of its 4-token shingles are in the gold body or captions) or not. Blocks of one token
carry no label. Readability's gold is its reader view's article: its body holds the
captions without `<figcaption>` markup and the odd line of the site's that the reader
view kept, leaves out short or linked figcaptions, and seldom holds the headline (as
scrapinghub's); the headline model learns from the pages with a gold title.

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

# The training corpora of devdata.corpora: the whole-page dev corpora, both dump styles.
FIT = ("page", "w3m", "readability-page", "readability-w3m")
STYLES = ("page", "w3m")


# What a training corpus's pages count for, (blocks, headlines): a page's rows are
# weighed by it (scrapinghub-dev has 102 pages of about 100 sites, readability-dev 60 of 51).
# readability-dev weighs 0: swept with scripts/heldout.py on 2026-12-07 (held out, body
# F1 scrapinghub page/w3m, readability page/w3m; titles the same; against .942/.932/
# .933/.911 and .883/.883/.784/.838 without it), every weight that lets it in costs
# readability's own held-out body and scrapinghub's titles more than it gains:
# (1, 1) body .942/.936/.921/.900, titles .840/.862/.838/.811; by pages (1.7, 1.7)
# .940/.945/.922/.900, .840/.840/.838/.811; (0.5, 0.5) .943/.937/.920/.907,
# .862/.862/.865/.811; (0.25, 0.25) .943/.937/.927/.906, .862/.883/.838/.811 (TITLE_L2 2:
# .862/.872/.865/.811); blocks only (1, 0) .942/.936/.921/.900, .862/.862/.865/.811 and
# readability-w3m bylines .757 -> .730; headlines only (0, 1) body unchanged, titles
# .862/.851/.838/.811 (TITLE_L2 0.5 the same, 2 .862/.862/.838/.811).
CORPUS_WEIGHT = {"page": (1.0, 1.0), "w3m": (1.0, 1.0),
                 "readability-page": (0.0, 0.0), "readability-w3m": (0.0, 0.0)}


def weighted(name: str, rows: list) -> list:
    """A corpus's block rows under its weight (none under a weight of 0)."""
    k = CORPUS_WEIGHT[name][0]
    return [(v, y, w * k) for v, y, w in rows] if k else []


def style_of(name: str) -> str:
    """The dump style of a training corpus (``readability-w3m`` -> ``w3m``)."""
    return name.rsplit("-", 1)[-1]


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
    rows, title_weight = [], [1.0]
    saved_model, saved_choose = content_stage.model, content_stage.choose_headline

    def record(doc, probs, first, model=None, refuse=None, article=None):
        cands = headline.candidates(doc, probs, first, article)
        want = " ".join(doc_title[0].split()).lower()
        for i, fv in cands:
            rows.append((fv, float(" ".join(doc.blocks[i].content.split()).lower() == want), title_weight[0]))
        return None

    content_stage.model = lambda: {"bias": b, "weights": w}
    content_stage.choose_headline = record
    try:
        pipeline = Pipeline()
        for doc in docs:  # (id, text, gold[, weight of its headline rows])
            _, text, gold = doc[:3]
            title_weight[0] = doc[3] if len(doc) > 3 else 1.0
            if gold.get("title") and title_weight[0]:
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
    for name, doc_id, text, gold in corpora(shared, list(FIT)):
        data[name, doc_id] = (text, gold, weighted(name, block_rows(text, gold, pipeline)))
    all_rows = [r for _, _, rows in data.values() for r in rows]
    print(f"{len(all_rows)} labelled blocks, {sum(r[1] for r in all_rows):.0f} of the article, "
          f"{len(data)} dumps")
    if a.cv:
        scorer = load_scorer(shared)
        # (CRC is linear: a seed added to ids of one length would only swap the halves)
        half = {k: (zlib.crc32(k[1].encode()) if not a.seed else
                    hashlib.sha256(f"{a.seed}/{k[1]}".encode()).digest()[0]) % 2 for k in data}
        # body P and R summed over pages, pages, titles right, pages with a title
        pooled = {name: [0.0, 0.0, 0, 0.0, 0] for name in FIT}
        for fold in (0, 1):
            train = [r for k, (_, _, rows) in data.items() if half[k] != fold for r in rows]
            tdocs = [(k[1], t, g) for k, (t, g, _) in data.items() if half[k] != fold]
            m = fit_all(tdocs, train, a.l2, drop)
            w, b = m["weights"], m["bias"]
            for style in FIT:
                test = [(k[1], t, g) for k, (t, g, _) in data.items() if half[k] == fold and k[0] == style]
                rows = [r for k, (_, _, rs) in data.items() if half[k] == fold and k[0] == style for r in rs]
                got = end_to_end(test, m, scorer)
                pooled[style][0] += got["body_precision"] * len(test)
                pooled[style][1] += got["body_recall"] * len(test)
                pooled[style][2] += len(test)
                titled = sum(1 for _, _, g in test if g.get("title"))
                pooled[style][3] += got.get("title_accuracy", 0.0) * titled
                pooled[style][4] += titled
                print(f"half {fold} held out, {style:16} ({len(test)} pages): block accuracy "
                      f"{accuracy(rows, w, b):.3f} | {fmt(got)}")
        for style, (p, r, n, t, nt) in pooled.items():
            p, r = p / n, r / n
            print(f"every page held out once, {style:16}: body F1 {2 * p * r / (p + r):.3f} (P {p:.3f} R {r:.3f})"
                  f" | title {t / nt if nt else 0.0:.3f}")
        for src in STYLES:
            dst = [s for s in STYLES if s != src][0]
            train = [r for k, (_, _, rows) in data.items() if style_of(k[0]) == src for r in rows]
            tdocs = [(k[1], t, g) for k, (t, g, _) in data.items() if style_of(k[0]) == src]
            m = fit_all(tdocs, train, a.l2, drop)
            w, b = m["weights"], m["bias"]
            test = [(k[1], t, g) for k, (t, g, _) in data.items() if style_of(k[0]) == dst]
            rows = [r for k, (_, _, rs) in data.items() if style_of(k[0]) == dst for r in rs]
            print(f"fit on {src}, scored on {dst}: block accuracy {accuracy(rows, w, b):.3f} | "
                  f"{fmt(end_to_end(test, m, scorer))}")
    m = fit_all([(k[1], t, g, CORPUS_WEIGHT[k[0]][1]) for k, (t, g, _) in data.items()], all_rows, a.l2, drop)
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
