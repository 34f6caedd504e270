#!/usr/bin/env python3
"""Held-out figures: what newsclean does on sites it has never seen.

    python scripts/heldout.py [--shared ../shared] [--folds 5] [--seed 0] [--jobs 2]
                              [--caption-prior] [--only-shipped]

Leave-site-out cross-validation over all the shared corpora together: every page's
site comes from ../shared/tools/sites.py, and the sites (not the pages) are dealt
into ``--folds`` folds, so that a site's pages are never on both sides. For each
fold, every fitted weight set of the project is fitted again on the other folds'
sites, as its own script fits it:

* stage content's block classifier and headline model (data/content_model.toml):
  scripts/fit_content.py's fit on the whole-page dumps (CONTENT_FIT: scrapinghub-dev
  and readability-dev, both styles, each corpus weighed by fit_content.CORPUS_WEIGHT;
  readability-dev weighs 0 there, so its held-out figures are of pages never fitted on);
* stage captions' model (data/captions.toml): scripts/fit_captions.py's fit on the
  news dumps (seeds, vn-dev) and the web pages' gold bodies (towards the shipped
  weights with --caption-prior, towards 0 otherwise);

then the fold's pages are cleaned in-process with those weights (the data files are
not written: the stages are built with the fold's weights), by the `clean` command
over each corpus folder as the scorecard runs it, and scored with
../shared/tools/score.py. Printed per corpus and dump style: body F1, caption
P/R/F1, title and byline accuracy, in sample (the shipped weights) beside held out
(each page scored by the weights of the fold that left its site out). A rule added
by hand is judged by the same table: run it before and after.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
import fit_captions  # noqa: E402
import fit_content  # noqa: E402
from devdata import corpora, shared_tool  # noqa: E402

import newsclean.stages.captions as captions_stage  # noqa: E402
import newsclean.stages.content as content_stage  # noqa: E402
from newsclean import api  # noqa: E402
from newsclean.pipeline import Pipeline  # noqa: E402

# style: (dump folder, gold file, corpus name in sites.py)
STYLES = {
    "seeds": ("seeds", "gold/seeds.jsonl", "seeds"),
    "vn-dev": ("corpus/vn-dev/dumps", "corpus/vn-dev/gold.jsonl", "vn-dev"),
    "scrapinghub-page": ("corpus/scrapinghub-dev/page", "corpus/scrapinghub-dev/gold.jsonl", "scrapinghub-dev"),
    "scrapinghub-w3m": ("corpus/scrapinghub-dev/w3m", "corpus/scrapinghub-dev/gold.jsonl", "scrapinghub-dev"),
    "readability-page": ("corpus/readability-dev/page", "corpus/readability-dev/gold.jsonl", "readability-dev"),
    "readability-w3m": ("corpus/readability-dev/w3m", "corpus/readability-dev/gold.jsonl", "readability-dev"),
}
# the training corpora of devdata.corpora, with their corpus name in sites.py
CONTENT_FIT = {"page": "scrapinghub-dev", "w3m": "scrapinghub-dev",
               "readability-page": "readability-dev", "readability-w3m": "readability-dev"}
CAPTIONS_FIT = {"seeds": "seeds", "vn-dev": "vn-dev", "web-body": "scrapinghub-dev"}
KEPT = ("id", "text", "captions", "title", "byline", "dateline", "related")

_DATA: dict = {}  # set before the fold workers fork: they read it, never write it


def read_gold(shared: Path, style: str) -> dict[str, dict]:
    lines = (shared / STYLES[style][1]).read_text(encoding="utf-8").splitlines()
    return {g["id"]: g for g in map(json.loads, filter(str.strip, lines))}


def deal(sites: dict[str, int], folds: int, seed: int) -> dict[str, int]:
    """Each site's fold: the largest sites first, each to the fold with the fewest pages
    (ties and equal sizes broken by a hash of the seed and the site)."""
    def key(s: str) -> tuple:
        return -sites[s], hashlib.sha256(f"{seed}/{s}".encode()).hexdigest()
    load, out = [0] * folds, {}
    for s in sorted(sites, key=key):
        f = min(range(folds), key=lambda k: (load[k], k))
        out[s] = f
        load[f] += sites[s]
    return out


def training_data(shared: Path, site_of) -> dict:
    """The rows every fit reads, each with the site of its page."""
    pipeline, stage = Pipeline(), captions_stage.Captions()
    content, captions = [], []
    for name, doc_id, text, gold in corpora(shared, list(CONTENT_FIT)):
        site = site_of(CONTENT_FIT[name], gold or {"id": doc_id})
        rows = fit_content.weighted(name, fit_content.block_rows(text, gold, pipeline))
        content.append((site, (doc_id, text, gold, fit_content.CORPUS_WEIGHT[name][1]), rows))
    for name, doc_id, text, gold in corpora(shared, list(CAPTIONS_FIT)):
        site = site_of(CAPTIONS_FIT[name], gold or {"id": doc_id})
        captions.append((site, fit_captions.caption_rows(text, gold.get("captions") or [], stage)))
    return {"content": content, "captions": captions}


def fit_fold(train: dict, held: set[str], l2: float, prior: dict | None) -> tuple[dict, dict]:
    """The content model and the caption model fitted without the sites in ``held``."""
    docs = [d for s, d, _ in train["content"] if s not in held]
    rows = [r for s, _, rs in train["content"] if s not in held for r in rs]
    content = fit_content.fit_all(docs, rows, l2)
    shipped = captions_stage.model()
    keys = sorted(shipped["weights"])
    crow = [r for s, rs in train["captions"] if s not in held for r in rs]
    w, b = fit_captions.fit(crow, keys, fit_captions.L2, fit_captions.POS_WEIGHT, prior)
    return content, {**shipped, "weights": w, "bias": b, "threshold": 0.0}


@contextmanager
def weights(content: dict | None, captions: dict | None):
    """The stages built from now on read these weights instead of the data files'."""
    saved = content_stage.model, captions_stage.model
    if content is not None:
        content_stage.model = lambda: content
    if captions is not None:
        captions_stage.model = lambda: captions
    api._pipeline.cache_clear()
    try:
        yield
    finally:
        content_stage.model, captions_stage.model = saved
        api._pipeline.cache_clear()


def clean_folder(folder: Path) -> dict[str, dict]:
    """The `clean` command over a folder, in this process (as the scorecard runs it)."""
    from click.testing import CliRunner

    from newsclean.cli import main
    out = CliRunner().invoke(main, ["clean", str(folder), "--jobs", "1", "--quiet"], catch_exceptions=False)
    recs = (json.loads(line) for line in out.stdout.splitlines() if line.strip())
    return {r["id"]: {k: r.get(k) for k in KEPT} for r in recs if isinstance(r, dict) and r.get("id")}


def run_fold(fold: int | None) -> dict[str, dict[str, dict]]:
    """{style: {id: record}}: the fold's pages with its weights (None: every page, shipped weights)."""
    d = _DATA
    if fold is None:
        models = (None, None)
    else:
        held = {s for s, f in d["fold_of"].items() if f == fold}
        models = fit_fold(d["train"], held, d["l2"], d["prior"])
    out = {}
    with weights(*models):
        for style, (folder, _, _) in STYLES.items():
            recs = clean_folder(d["shared"] / folder)
            out[style] = {i: r for i, r in recs.items() if fold is None or d["fold"][style].get(i) == fold}
    return out


def fmt_row(style: str, n: int, a: dict, b: dict) -> str:
    def pair(key: str) -> str:
        if key not in a and key not in b:
            return f"{'-':>11}"
        return f"{a.get(key, 0.0):.3f}/{b.get(key, 0.0):.3f}"
    cells = [pair(k) for k in ("body_f1", "caption_precision", "caption_recall", "caption_f1",
                              "title_accuracy", "byline_accuracy")]
    return f"{style:<17} {n:>5}  " + "  ".join(f"{c:>11}" for c in cells)


def report(scorer, golds: dict, shipped: dict, held: dict) -> None:
    print("in sample / held out (leave-site-out)")
    print(f"{'corpus/style':<17} {'pages':>5}  " + "  ".join(
        f"{h:>11}" for h in ("body F1", "caption P", "caption R", "caption F1", "title", "byline")))
    for style, gold in golds.items():
        a, _ = scorer.score(gold, shipped[style])
        b, _ = scorer.score(gold, held[style])
        print(fmt_row(style, len(gold), a, b))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2, help="folds cleaned at once (processes)")
    ap.add_argument("--l2", type=float, default=1.0, help="the content fit's L2 penalty")
    ap.add_argument("--caption-prior", action="store_true",
                    help="fit the caption weights towards the shipped ones, not towards 0")
    ap.add_argument("--save", metavar="DIR",
                    help="write the held-out records of each style to DIR/STYLE.jsonl (for score.py per page)")
    a = ap.parse_args()
    shared = Path(a.shared)
    sites = shared_tool(shared, "sites")
    golds = {style: read_gold(shared, style) for style in STYLES}
    site = {(st, i): sites.site(STYLES[st][2], g) for st, gs in golds.items() for i, g in gs.items()}
    sizes: dict[str, int] = {}
    for s in site.values():
        sizes[s] = sizes.get(s, 0) + 1
    fold_of = deal(sizes, a.folds, a.seed)
    print(f"{len(site)} pages of {len(sizes)} sites in {a.folds} folds of "
          + ", ".join(str(sum(n for s, n in sizes.items() if fold_of[s] == f)) for f in range(a.folds)) + " pages")
    _DATA.update(shared=shared, l2=a.l2, fold_of=fold_of,
                 prior=captions_stage.model()["weights"] if a.caption_prior else None,
                 fold={st: {i: fold_of[site[st, i]] for i in gs} for st, gs in golds.items()},
                 train=training_data(shared, sites.site))
    with multiprocessing.get_context("fork").Pool(max(1, a.jobs)) as pool:
        results = pool.map(run_fold, [None, *range(a.folds)], chunksize=1)
    held = {st: {i: r for res in results[1:] for i, r in res[st].items()} for st in STYLES}
    report(shared_tool(shared, "score"), golds, results[0], held)
    if a.save:
        save(Path(a.save), held)


def save(folder: Path, held: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for style, recs in held.items():
        with open(folder / f"{style.replace('/', '-')}.jsonl", "w", encoding="utf-8") as f:
            for i in sorted(recs):
                f.write(json.dumps({"id": i, **recs[i]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
