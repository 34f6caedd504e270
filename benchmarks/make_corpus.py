#!/usr/bin/env python3
"""Build N dumps for the benchmark: seed-size article dumps from samples/, or whole pages.

    python benchmarks/make_corpus.py OUT_DIR N [--seed 1] [--gzip-every K] [--pages]

With ``--pages`` the dumps are whole news pages (menus, teasers, footers and all): the
``page/`` and ``w3m/`` dumps of ../shared/corpus/scrapinghub-dev and readability-dev,
cycled to N (it exits with a message when they are absent).

Each dump is a sample with every line of prose made unique: a few of its words are
swapped for other words of the samples, and its numbers redrawn. Short lines (comment
widgets, headings) stay as they are, as they repeat across the pages of a real site.
So a cache keyed by text helps no more than it would on a real batch. Files are
spread over 100 sub-folders, as a scraper's output often is.
"""
from __future__ import annotations

import argparse
import gzip
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT.parent / "shared" / "corpus" / name / style
         for name in ("scrapinghub-dev", "readability-dev") for style in ("page", "w3m")]
WORD = re.compile(r"[A-Za-z]{4,}")
NUMBER = re.compile(r"\d+")


def variants(samples: list[str], rng: random.Random):
    vocab = sorted({w for s in samples for w in WORD.findall(s)})
    while True:
        yield unique_prose(rng.choice(samples), vocab, rng)


def cycled(pages: list[str], rng: random.Random):
    """Every page in turn, again and again, each time with its prose made unique."""
    vocab = sorted({w for s in pages for w in WORD.findall(s)})
    while True:
        for text in pages:
            yield unique_prose(text, vocab, rng)


def unique_prose(text: str, vocab: list[str], rng: random.Random) -> str:
    """``text`` with every line of prose (over 40 characters) changed: three words drawn
    again from ``vocab`` and its numbers redrawn."""
    out = []
    for line in text.split("\n"):
        if len(line.strip()) > 40:
            words = line.split(" ")
            for _ in range(3):
                i = rng.randrange(len(words))
                if WORD.fullmatch(words[i]):
                    words[i] = rng.choice(vocab)
            line = " ".join(words)
            line = NUMBER.sub(lambda m: str(rng.randrange(10 ** len(m.group(0)))), line)
        out.append(line)
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gzip-every", type=int, default=0, help="write every K-th dump as .txt.gz")
    ap.add_argument("--pages", action="store_true", help="whole pages from ../shared/corpus instead of samples/")
    a = ap.parse_args()
    if a.pages:
        files = [p for folder in PAGES if folder.is_dir() for p in sorted(folder.glob("*.txt"))]
        if not files:
            raise SystemExit(f"no whole pages: {PAGES[0].parents[1]} holds no page/ or w3m/ dumps")
        gen = cycled([p.read_text(encoding="utf-8") for p in files], random.Random(a.seed))
    else:
        samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
        gen = variants(samples, random.Random(a.seed))
    for i in range(a.n):
        folder = a.out / f"{i % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = next(gen).encode("utf-8")
        if a.gzip_every and i % a.gzip_every == 0:
            (folder / f"dump{i:07d}.txt.gz").write_bytes(gzip.compress(data))
        else:
            (folder / f"dump{i:07d}.txt").write_bytes(data)


if __name__ == "__main__":
    main()
