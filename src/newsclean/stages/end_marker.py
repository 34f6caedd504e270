"""Stage end_marker: the mark that ends a wire-style article.

``./.`` (or ``/.`` after the last sentence) and an agency tag glued to the last
sentence (``...in particular.-VNA``) are cut off the paragraph and recorded as
boilerplate; the article ends with that paragraph.
"""
from __future__ import annotations

from .. import resources as res
from ..model import Cut, Document, Label
from .base import Stage

TAIL = 24  # end marks stand at the very end of a block: only its tail is searched


class EndMarker(Stage):
    name = "end_marker"
    summary = "end-of-article marks ('./.', '-VNA' glued to the last sentence): cut off; the article ends there"

    def __init__(self) -> None:
        self.final = res.compiled("end_markers", "final")
        self.agency = res.compiled("end_markers", "agency")

    def __call__(self, doc: Document) -> None:
        for pattern, reason in ((self.final, "end marker"), (self.agency, "agency end tag")):
            for block in doc.blocks:
                if block.label is not None or block.kind == "item":
                    continue
                m = pattern.search(block.text, max(0, len(block.text) - TAIL))
                if not m:
                    continue
                if m.start() == 0:  # the block is only the mark
                    block.assign(Label.BOILERPLATE, self.name, reason)
                    doc.end_index = max(block.index - 1, 0)
                else:
                    block.cut_tail(Cut(block.text[m.start():], Label.BOILERPLATE, self.name, reason))
                    doc.end_index = block.index
                return
