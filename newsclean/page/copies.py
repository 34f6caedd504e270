"""The article printed again, in one block, on a whole page (used by stage content).

A page may keep a print or summary version of the text in its markup: one long block
that repeats several of the article's paragraphs. It is found by its 4-word shingles:
most of them stand in paragraphs of the article above it, spread over several.
"""
from __future__ import annotations

import re

from ..content_features import settings
from ..features import ascii_spaces, spaced
from ..model import Document

COPY_MIN_WORDS = settings()["copies"]["min_words"]     # a block this long may be the article printed again
COPY_SHARE = settings()["copies"]["share"]        # ... when this share of its 4-word shingles stand in the article above
COPY_SOURCES = settings()["copies"]["sources"]        # ... spread over this many of its paragraphs


def _shingles(text: str) -> list[tuple[str, ...]]:
    return _runs(_tokens(text.lower()))


def _runs(words: list[str]) -> list[tuple[str, ...]]:
    return list(zip(words, words[1:], words[2:], words[3:], strict=False))  # each run of 4 words, in order


_TOKEN = re.compile(r"\w+")
_ASCII_NON_WORD = ascii_spaces(lambda ch: ch.isalnum() or ch == "_")


def _tokens(text: str) -> list[str]:
    """``_TOKEN.findall(text)``; for an ASCII text, its runs of word characters by str methods (in C)."""
    return spaced(text, _ASCII_NON_WORD).split() if text.isascii() else _TOKEN.findall(text)


def copies(doc: Document, article: list[int]) -> dict[int, int]:
    """Blocks of the article that print several of its earlier paragraphs again, as one
    block (a page's print or summary version of the text, kept in its markup):
    {index: how many paragraphs it repeats}.

    A shingle of the blocks above opens with one of their words: a block whose words
    mostly stand in no block above is no copy, and is told so without its shingles;
    those of the blocks above are made only when a block may be one."""
    seen: dict[tuple[str, ...], int] = {}  # shingle -> the first block that has it
    found: dict[int, int] = {}
    above: list[tuple[int, list[str]]] = []  # the blocks above that are no copy, with their words
    vocabulary: set[str] = set()  # their words
    shingled = 0  # how many of them are in ``seen``
    for i in article:
        words = _tokens(doc.blocks[i].content.lower())
        n = max(0, len(words) - 3)  # its shingles
        if n + 3 >= COPY_MIN_WORDS and sum(map(vocabulary.__contains__, words[:n])) >= COPY_SHARE * n:
            for j, earlier in above[shingled:]:
                for x in _runs(earlier):
                    seen.setdefault(x, j)
            shingled = len(above)
            sh = _runs(words)
            hits = [seen[x] for x in sh if x in seen]
            sources = len(set(hits))
            if len(hits) >= COPY_SHARE * len(sh) and sources >= COPY_SOURCES:
                found[i] = sources
                continue
        above.append((i, words))
        vocabulary.update(words)
    return found
