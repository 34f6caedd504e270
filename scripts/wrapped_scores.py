#!/usr/bin/env python3
"""Score the dev corpora hard-wrapped at a width, as fold, fmt or `w3m -cols N` print them.

    python scripts/wrapped_scores.py [--shared ../shared] [--width 80] [--tool textwrap|fold|fmt] [CORPUS ...]

Each dump is wrapped (tests/dumpstyles.py: the greedy fill of textwrap and `w3m -cols N`,
`fold -s`, or the balanced lines of `fmt`), cleaned in this process, and scored by
../shared/tools/score.py against the corpus's gold (the README's hard-wrapped figures).
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from devdata import CORPORA, corpora  # noqa: E402
from dumpstyles import TOOLS, hard_wrap  # noqa: E402

import newsclean  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--width", type=int, default=80)
    ap.add_argument("--tool", choices=sorted(TOOLS), default="textwrap")
    ap.add_argument("corpora", nargs="*", default=list(CORPORA))
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("score", a.shared / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    keys = ["body_f1", "caption_f1", "title_accuracy", "dateline_accuracy", "byline_accuracy", "related_f1",
            "boilerplate_leak_rate"]
    for name in a.corpora:
        gold, pred = {}, {}
        for _, ident, text, g in corpora(a.shared, [name]):
            gold[ident] = {**g, "id": ident}
            pred[ident] = newsclean.clean(hard_wrap(text, a.width, a.tool), id=ident)
        m, _ = score.score(gold, pred)
        print(f"{name}, wrapped at {a.width} by {a.tool}: " + " | ".join(f"{k} {m[k]:.3f}" for k in keys if k in m))


if __name__ == "__main__":
    main()
