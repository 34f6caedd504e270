#!/usr/bin/env python3
"""A local proxy of the "public suite": a peer's with/without evaluation, on text dumps.

    PYTHONPATH=$PWD python scripts/public_suite.py [--dir ../pubsuite] [--style page|w3m]
                                                  [--worst N]

The peer's suite gives, for each web page, a few snippets that an extraction must
contain ("with") and a few it must not ("without"). Its score counts, over all pages,
a "with" snippet found in the extracted text as a true positive (not found: a false
negative) and a "without" snippet found as a false positive (not found: a true
negative), after collapsing every run of whitespace to one space on both sides (the
test is case-sensitive); precision, recall and F1 come from the summed counts.

The folder (outside the project: its pages are not ours to ship) holds ``gold.jsonl``
(one ``{"id", "url", "with", "without"}`` a page) and the pages rendered to text in
the shared corpora's two dump styles, ``page/<id>.txt`` and ``w3m/<id>.txt``; its
README says where they come from. Each dump is cleaned as the command line cleans a
folder (the folder's name as the site) and its body text (``text``) is scored. The
whole dump unchanged is scored too, as a baseline: what keeping every line gives.

``--worst N`` lists the N pages with the most misses, each missed "with" snippet
and each leaked "without" snippet with where newsclean put its text: the label,
stage and tag of the block holding it (``head``/``tail`` when it is in a cut of the
block), so that the failures can be sorted into kinds; then the misses counted by
where they went.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsclean import analyse
from newsclean.model import Block, Document, Label
from newsclean.record import build_record

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "pubsuite"  # beside the project, as ../shared is
STYLES = ("page", "w3m")


def norm(text: str) -> str:
    """Every run of whitespace as one space, ends stripped (the suite's normalisation)."""
    return re.sub(r"\s+", " ", text).strip()


def count(item: dict, result: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page: its "with" and "without" snippets looked up in
    ``result`` (None, as a crash, finds nothing)."""
    text = norm(result) if result is not None else None
    tp, fp = len(found(item["with"], text)), len(found(item["without"], text))
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def found(snippets: list[str], text: str | None) -> list[str]:
    """The snippets that the normalised ``text`` holds (None holds none)."""
    return [] if text is None else [s for s in snippets if norm(s) in text]


@dataclass
class Matrix:
    """Summed counts and the scores drawn from them (0.0 over an empty denominator)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, counts: tuple[int, int, int, int]) -> None:
        self.tp += counts[0]
        self.fp += counts[1]
        self.fn += counts[2]
        self.tn += counts[3]

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0


@dataclass
class PageResult:
    item: dict
    doc: Document
    text: str
    counts: tuple[int, int, int, int]


def load_gold(folder: Path) -> list[dict]:
    with open(folder / "gold.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_style(folder: Path, style: str, gold: list[dict]) -> tuple[list[PageResult], Matrix, Matrix]:
    """Clean every dump of one style: the pages' results, newsclean's counts, the whole dump's."""
    results, ours, whole = [], Matrix(), Matrix()
    for item in gold:
        path = folder / style / f"{item['id']}.txt"
        if not path.is_file():
            continue
        dump = path.read_text(encoding="utf-8")
        doc = analyse(dump, source=str(path), site=style)
        text = build_record(doc, id=item["id"])["text"]
        counts = count(item, text)
        ours.add(counts)
        whole.add(count(item, dump))
        results.append(PageResult(item, doc, text, counts))
    return results, ours, whole


def where(doc: Document, snippet: str, kept: bool = False) -> str:
    """Where the pipeline put a snippet's text: the deciding stage of the block holding it
    (of a leaked snippet, ``kept``, the block kept in the body when the text is in several)."""
    wanted = norm(snippet)
    holding = [b for b in doc.blocks if wanted in norm(b.text)]
    if kept:
        holding.sort(key=lambda b: b.label is not Label.BODY)
    if holding:
        return describe(holding[0], wanted)
    first = " ".join(wanted.split()[:3])
    for block in doc.blocks:
        if first and first in norm(block.text):
            return "across blocks, from " + describe(block, first)
    return "not in the dump"


def describe(block: Block, wanted: str) -> str:
    if block.head is not None and wanted in norm(block.head.text):
        cut = block.head
        return f"{cut.label.value}/{cut.stage}/{cut.tag.name} (head cut of block {block.index})"
    if block.tail is not None and wanted in norm(block.tail.text):
        cut = block.tail
        return f"{cut.label.value}/{cut.stage}/{cut.tag.name} (tail cut of block {block.index})"
    label = block.label.value if block.label is not None else "-"
    tag = block.tag.name if block.tag is not None else "-"
    return f"{label}/{block.stage}/{tag} (block {block.index})"


def kind_of(place: str) -> str:
    """The label/stage/tag of a place, without the block number: what the misses are counted by."""
    return place.split(" (")[0]


def show_worst(results: list[PageResult], n: int) -> None:
    """The n pages with the most misses, each miss with where its text went; then the tally."""
    tally: Counter[str] = Counter()
    for r in results:
        for s in missed(r):
            tally["missed  " + kind_of(where(r.doc, s))] += 1
        for s in leaked(r):
            tally["leaked  " + kind_of(where(r.doc, s, kept=True))] += 1
    ranked = sorted(results, key=lambda r: (-(r.counts[1] + r.counts[2]), r.item["id"]))
    for r in ranked[:n]:
        if not r.counts[1] + r.counts[2]:
            break
        print(f"\n{r.item['id']}  ({len(r.text)} chars kept of {len(r.doc.raw)})")
        for s in missed(r):
            print(f"  missed  {s[:60]!r}: {where(r.doc, s)}")
        for s in leaked(r):
            print(f"  leaked  {s[:60]!r}: {where(r.doc, s, kept=True)}")
    print("\nmisses by where the text went (label/stage/tag):")
    for place, k in tally.most_common():
        print(f"  {k:4d}  {place}")


def missed(r: PageResult) -> list[str]:
    kept = found(r.item["with"], norm(r.text))
    return [s for s in r.item["with"] if s not in kept]


def leaked(r: PageResult) -> list[str]:
    return found(r.item["without"], norm(r.text))


def row(name: str, pages: int, m: Matrix) -> str:
    return (f"{name:<16} {pages:5d} {m.tp + m.fn:6d} {m.fp + m.tn:9d}"
            f" {m.precision():9.3f} {m.recall():7.3f} {m.f1():6.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="the suite's folder (default %(default)s)")
    parser.add_argument("--style", choices=STYLES, action="append", help="a dump style (default: both)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list the N pages with most misses")
    args = parser.parse_args(argv)
    if not (args.dir / "gold.jsonl").is_file():
        print(f"public_suite: no suite in {args.dir} (it needs gold.jsonl and page/ or w3m/ dumps;"
              " see this script's docstring)", file=sys.stderr)
        return 2
    gold = load_gold(args.dir)
    print(f"{'style':<16} {'pages':>5} {'with':>6} {'without':>9} {'precision':>9} {'recall':>7} {'F1':>6}")
    for style in args.style or STYLES:
        if not (args.dir / style).is_dir():
            print(f"{style:<16} (no dumps)")
            continue
        results, ours, whole = run_style(args.dir, style, gold)
        print(row(style, len(results), ours))
        print(row(f"{style} whole dump", len(results), whole))
        if args.worst:
            show_worst(results, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
