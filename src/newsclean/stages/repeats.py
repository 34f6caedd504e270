"""Stage repeats: lines the dump's site repeats on many of its pages are boilerplate.

Reads the site's learned lines (``doc.site_lines``, from a profile: see profile.py).
A free block is dropped when every one of its lines is learned, unless it reads as
prose: a sentence a site prints on every page (a standing disclaimer, a bio) may
still belong to the article, so only furniture-like blocks are taken.
"""
from __future__ import annotations

from ..features import features, is_prose
from ..model import Document, Label
from ..profile import line_key
from .base import Stage

PROSE_WORDS = 20  # a one-line call to action ("Sign up for our newsletter.") is no article prose


class Repeats(Stage):
    name = "repeats"
    summary = "blocks whose lines the site repeats on many of its pages (learned from the batch or --profile) -> boilerplate"

    def __call__(self, doc: Document) -> None:
        site = doc.site_lines
        if site is None or not site.lines:
            return
        for block in doc.blocks:
            if block.label is not None:
                continue
            counts = [site.count(line_key(line)) for line in block.lines if line.strip()]
            if not counts or not all(counts):
                continue
            if is_prose(block) and features(block).n_words >= PROSE_WORDS:
                continue
            block.assign(Label.BOILERPLATE, self.name,
                         f"repeated on {min(counts)} of {site.docs} pages of this site")
