"""Stage repeats: lines the dump's site repeats on many of its pages are boilerplate.

Reads the site's learned lines (``doc.site_lines``, from a profile: see profile.py).
A free block is dropped when every one of its lines is learned, unless it reads as
prose: a sentence a site prints on every page (a standing disclaimer, a bio) may
still belong to the article, so only furniture-like blocks are taken.
"""
from __future__ import annotations

from enum import Enum

from .. import resources as res
from ..features import features, is_prose
from ..model import Document, Label
from ..profile import line_key
from .base import Stage

PROSE_WORDS = res.patterns()["repeats"]["prose_words"]  # a one-line call to action ("Sign up for our newsletter.") is no article prose


def _repeat_counts(block, site) -> list[int] | None:
    """On how many of the site's pages each non-blank line of the block stands; None
    when a line is on none of them (the lines after it are not hashed) or the block
    has no line."""
    counts = []
    for line in block.lines:
        if line.strip():
            count = site.count(line_key(line))
            if not count:
                return None
            counts.append(count)
    return counts or None


class Tag(str, Enum):
    """The decisions of stage repeats."""
    SITE_REPEAT = "site_repeat"  # every line repeated on many of the site's pages


class Repeats(Stage):
    name = "repeats"
    summary = "blocks whose lines the site repeats on many of its pages (learned from the batch or --profile) -> boilerplate"
    tags = Tag
    reads = frozenset({"blocks", "site_lines"})
    writes = frozenset({"blocks"})

    def __call__(self, doc: Document) -> None:
        site = doc.site_lines
        if site is None or not site.lines:
            return
        for block in doc.blocks:
            # prose first: most free blocks are paragraphs, whose features later stages
            # read anyway, while hashing their lines would be work for nothing
            if block.label is not None or is_prose(block) and features(block).n_words >= PROSE_WORDS:
                continue
            counts = _repeat_counts(block, site)
            if counts is None:
                continue
            block.assign(Label.BOILERPLATE, self.name,
                         f"repeated on {min(counts)} of {site.docs} pages of this site", Tag.SITE_REPEAT)
