"""The article printed again, in one block, on a whole page (used by stage content).

A page may keep a print or summary version of the text in its markup: one long block
that repeats several of the article's paragraphs. It is found by its 4-word shingles:
most of them stand in paragraphs of the article above it, spread over several.
"""
from __future__ import annotations

import re

from ..content_features import settings
from ..model import Document

COPY_MIN_WORDS = settings()["copies"]["min_words"]     # a block this long may be the article printed again
COPY_SHARE = settings()["copies"]["share"]        # ... when this share of its 4-word shingles stand in the article above
COPY_SOURCES = settings()["copies"]["sources"]        # ... spread over this many of its paragraphs


def _shingles(text: str) -> list[tuple[str, ...]]:
    words = _TOKEN.findall(text.lower())
    return list(zip(words, words[1:], words[2:], words[3:], strict=False))  # each run of 4 words, in order


_TOKEN = re.compile(r"\w+")


def copies(doc: Document, article: list[int]) -> dict[int, int]:
    """Blocks of the article that print several of its earlier paragraphs again, as one
    block (a page's print or summary version of the text, kept in its markup):
    {index: how many paragraphs it repeats}."""
    seen: dict[tuple[str, ...], int] = {}  # shingle -> the first block that has it
    found: dict[int, int] = {}
    for i in article:
        b = doc.blocks[i]
        sh = _shingles(b.content)
        if len(sh) + 3 >= COPY_MIN_WORDS:
            hits = [seen[x] for x in sh if x in seen]
            sources = len(set(hits))
            if len(hits) >= COPY_SHARE * len(sh) and sources >= COPY_SOURCES:
                found[i] = sources
                continue
        for x in sh:
            seen.setdefault(x, i)
    return found
