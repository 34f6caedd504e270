#!/usr/bin/env python3
"""Score every caption candidate of the dev corpora and compare with the gold captions.

    python scripts/caption_report.py [--shared ../shared] [--all] [--margin 1.5]

Prints, per candidate block that the `captions` stage scores, its gold class
(CAP = a gold caption, body = anything else), its score and the features that
fired; by default only errors and near misses (|score - threshold| < margin).
Development tool: reads the evaluation corpora from ../shared, never ships them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsclean.api import get_pipeline
from newsclean.model import Document, Label
from newsclean.stages.captions import Captions, Tag

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devdata import corpora, same_caption  # noqa: E402


def candidates(text: str, cap_stage: Captions):
    """Run the pipeline up to the caption stage; yield (block, feature vector, score)."""
    doc = Document(raw=text, text=text)
    for stage in get_pipeline().stages:
        if stage.name == "captions":
            break
        if stage.applies(doc):
            stage(doc)
    for block, fv, s in cap_stage.scored(doc):
        yield block, fv, s
        if s > cap_stage.model.threshold:  # as the stage does, so later context is the same
            block.assign(Label.CAPTION, cap_stage.name, "", Tag.SCORED, s)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--margin", type=float, default=1.5)
    ap.add_argument("--corpus", action="append", help="seeds, vn-dev, web-body, page, w3m (default: seeds, vn-dev)")
    a = ap.parse_args()
    stage = Captions()
    errors = total = 0
    for name, doc_id, text, gold in corpora(Path(a.shared), a.corpus or ["seeds", "vn-dev"]):
        gold_caps = gold.get("captions") or []
        for block, fv, s in candidates(text, stage):
            is_cap = any(same_caption(g, block.text) for g in gold_caps)
            pred = s > stage.model.threshold
            total += 1
            errors += pred != is_cap
            if a.all or pred != is_cap or abs(s - stage.model.threshold) < a.margin:
                mark = "ERR" if pred != is_cap else "   "
                print(f"{mark} {'CAP ' if is_cap else 'body'} {s:+5.1f} {name}/{doc_id}:{block.line_no} "
                      f"{block.text[:90]!r}\n        {stage.explain(fv)}")
    print(f"{errors} errors in {total} candidates", file=sys.stderr)


if __name__ == "__main__":
    main()
