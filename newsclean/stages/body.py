"""Stage body: what no earlier stage claimed.

Free blocks from the lead to the end of the article are body, and so are prose
blocks between the headline and the lead (a summary above a dateline lead); other
free blocks above the lead are page header, and free blocks after the article's end
mark are page footer (both boilerplate). A dump in which no block reads as prose is
all body.
"""
from __future__ import annotations

from enum import Enum

from ..features import is_prose
from ..model import Document, Label
from .base import Stage


class Tag(str, Enum):
    """The decisions of stage body."""
    PAGE_HEADER = "page_header"    # above the lead
    PAGE_FOOTER = "page_footer"    # after the end of the article
    ARTICLE_TEXT = "article_text"


class Body(Stage):
    name = "body"
    summary = "the rest: article text from the lead to the end mark -> body; above the lead / after the end mark -> boilerplate"
    tags = Tag
    required = True
    reads = frozenset({"blocks"})
    reads_optional = frozenset({"title_index", "lead_index", "end_index"})
    writes = frozenset({"blocks"})

    def __call__(self, doc: Document) -> None:
        lead, end = doc.lead_index, doc.end_index
        BODY, BOILERPLATE = Label.BODY, Label.BOILERPLATE  # (read once: slow to read in Python 3.11)
        for block in doc.blocks:
            if block.label is not None:
                continue
            if lead is not None and block.index < lead and not (
                    doc.title_index is not None and block.index > doc.title_index and is_prose(block)):
                block.assign(BOILERPLATE, self.name, "above the lead (page header)", Tag.PAGE_HEADER)
            elif end is not None and block.index > end:
                block.assign(BOILERPLATE, self.name, "after the end of the article", Tag.PAGE_FOOTER)
            else:
                block.assign(BODY, self.name, "article text", Tag.ARTICLE_TEXT)
