"""Stage body: what no earlier stage claimed.

Free blocks from the lead to the end of the article are body, and so are prose
blocks between the headline and the lead (a summary above a dateline lead) and a
numbered section heading that opens the article above its lead ("Step 1"); other
free blocks above the lead are page header, and free blocks after the article's end
mark are page footer (both boilerplate). A heading that opens the reader comments
(stage widgets) below the article's text ends the article too, where no earlier end
comes before it: the thread, its form and what follows are page footer; so does the
last post navigation under its text (stage post_nav: "← Title of the older post"):
the site's footer menus and credits after it are page footer. A dump in which no
block reads as prose is all body, unless it is a page with no article (a listing of teasers, a form): no
free block reads as prose, and at least ``[body] no_article_min_furniture`` blocks
and as many as are left free were found to be page furniture or teasers; then what
is left is boilerplate too, and the record's text is empty (``stats.article`` "none").
"""
from __future__ import annotations

from enum import Enum

from .. import resources as res
from ..features import is_prose
from ..model import Document, Label
from ..page.lists import opens_sections
from .base import Stage
from .post_nav import Tag as PostNavTag
from .widgets import Tag as WidgetsTag


class Tag(str, Enum):
    """The decisions of stage body."""
    PAGE_HEADER = "page_header"    # above the lead
    PAGE_FOOTER = "page_footer"    # after the end of the article
    ARTICLE_TEXT = "article_text"
    NO_ARTICLE = "no_article"      # a page with no article: a listing, a form


NO_ARTICLE_MIN = res.patterns()["body"]["no_article_min_furniture"]
# the members read for every block, as plain names (reading an Enum class's attribute is
# slow in Python 3.11)
_BODY, _TITLE, _BOILERPLATE, _RELATED = Label.BODY, Label.TITLE, Label.BOILERPLATE, Label.RELATED
_COMMENT_HEADING, _LAST_NAV = WidgetsTag.COMMENT_HEADING, PostNavTag.LAST_NAV


def no_article(doc: Document) -> bool:
    """No free block reads as prose, and page furniture and teasers are at least as
    many as the free blocks: a listing or a form, not an article."""
    if doc.reading:
        return False
    free = taken = 0
    for b in doc.blocks:
        if b.label is None:
            if is_prose(b):
                return False
            free += 1
        elif b.label is _BODY or b.label is _TITLE:
            return False
        else:
            taken += b.label is _BOILERPLATE or b.label is _RELATED
    return free > 0 and taken >= max(free, NO_ARTICLE_MIN)


def _first_section(doc: Document, lead: int | None) -> int:
    """The first numbered section heading above the lead ("Step 1", with "Step 2" further
    down) under the headline: the article opens there (len(blocks): none)."""
    start = doc.title_index + 1 if doc.title_index is not None else 0
    for i in range(start, lead if lead is not None else 0):
        if doc.blocks[i].label is None and opens_sections(doc, i):
            return i
    return len(doc.blocks)


def article_end(doc: Document, lead: int | None, end: int | None) -> int | None:
    """The article's end: the block above the first heading that opens the comments
    (stage widgets), or the last post navigation (stage post_nav), after the lead with a
    free prose block between them (the article's text is above it); ``end`` when no such
    block comes before it."""
    if lead is None:
        return end
    last = len(doc.blocks) - 1 if end is None else end
    text = False
    for block in doc.blocks[lead:last + 1]:
        if text and (block.tag is _COMMENT_HEADING or block.tag is _LAST_NAV):
            return block.index - 1
        text = text or (block.label is None and is_prose(block))
    return end


class Body(Stage):
    name = "body"
    summary = "the rest: article text from the lead to the end mark -> body; above the lead / after the end mark -> boilerplate"
    tags = Tag
    required = True
    reads = frozenset({"blocks"})
    reads_optional = frozenset({"title_index", "lead_index", "end_index"})
    writes = frozenset({"blocks"})

    def __call__(self, doc: Document) -> None:
        lead = doc.lead_index
        end = article_end(doc, lead, doc.end_index)
        if no_article(doc):
            for block in doc.blocks:
                block.assign(_BOILERPLATE, self.name, "a page with no article (a listing, a form)", Tag.NO_ARTICLE)
            return
        # the article opens at the lead, or at a numbered section above it (-1: no lead,
        # nothing is above it); its tags read once, not for every block
        opening = min(lead, _first_section(doc, lead)) if lead is not None else -1
        header, footer, text = Tag.PAGE_HEADER, Tag.PAGE_FOOTER, Tag.ARTICLE_TEXT
        for block in doc.blocks:
            if block.label is not None:
                continue
            if block.index < opening and not (
                    doc.title_index is not None and block.index > doc.title_index and is_prose(block)):
                block.assign(_BOILERPLATE, self.name, "above the lead (page header)", header)
            elif end is not None and block.index > end:
                block.assign(_BOILERPLATE, self.name, "after the end of the article", footer)
            else:
                block.assign(_BODY, self.name, "article text", text)
