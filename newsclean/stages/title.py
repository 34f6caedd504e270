"""Stage title: the headline, when the dump opens with one.

The lead is the first free block that reads as prose. The title is the nearest
headline-like block above it (a few words, capitalised, no final period, not a
name on its own); free blocks above the title are the page header. A dump that
opens straight into the lead has no title. On a second reading of a body whose
headline was found already (``Document.headline_known``), that line is page header
(a date, a credit line) and no second title is taken.
"""
from __future__ import annotations

from enum import Enum

from .. import resources as res
from ..content_features import block_text
from ..features import features, is_agency_credit, is_headline_like, is_name_like, is_prose
from ..model import Document, Label
from ..page.lists import opens_rows, opens_sections
from .base import Stage

MAX_QUESTION_TITLE = res.patterns()["title"]["max_question_words"]  # words of a headline that asks a question
NAME_MAX_WORDS = res.patterns()["title"]["name_max_words"]  # a name this short is no headline


def find_lead(doc: Document, start: int = 0) -> int | None:
    """The first free block from ``start`` that reads as prose (CJK text counted by its
    characters: a sentence may be one "word"). A list item that is a sentence may be
    the lead too, on a reading of the body under the page's headline, or when only list
    items stand above it (an article cleaned before, read again): an article may open
    with a list (the notes of a weekly update), and what stands above its lead is
    dropped. Not on a reading of a whole page's body found with no headline: its list
    may be a gallery above it. A line ending with a colon over a list of numbers
    ("Ingredients:" over "200 g sugar", ``lists.opens_rows``) is the lead too."""
    opening = not (doc.page_body and not doc.headline_known)  # only list items so far
    for block in doc.blocks[start:]:
        if block.label is not None:
            continue
        if (is_prose(block) or block_text(block).prose) and (
                block.kind != "item" or (doc.headline_known or opening) and features(block).ends_terminal):
            return block.index  # (an item: a sentence, not a long line of links)
        if opens_rows(doc, block.index):
            return block.index  # a text may open with a list it announces ("Ingredients:")
        opening = opening and block.kind == "item"
    return None


def _question_headline(block) -> bool:
    """A headline that asks a question reads like a short sentence ending in '?'."""
    f = features(block)
    return (block.text.rstrip().endswith("?") and f.n_words <= MAX_QUESTION_TITLE
            and f.n_sentences == 1 and f.starts_upper and not f.has_quote)


class Tag(str, Enum):
    """The decisions of stage title."""
    HEADLINE = "headline"
    QUESTION_HEADLINE = "question_headline"
    HEADER_UNDER_HEADLINE = "header_under_headline"  # a reading of the body: a headline-shaped line is page header
    PAGE_HEADER = "page_header"                      # above the headline


class Title(Stage):
    name = "title"
    summary = "the headline: nearest headline-like line above the lead; blocks above it are page header"
    tags = Tag
    reads = frozenset({"blocks", "headline_known", "page_body"})
    reads_optional = frozenset({"title_index"})
    writes = frozenset({"blocks", "title_index", "lead_index"})

    def __call__(self, doc: Document) -> None:
        if doc.title_index is not None:
            return  # found already (stage content, on a whole-page dump)
        lead = find_lead(doc)
        if lead is not None and _question_headline(doc.blocks[lead]):
            after = find_lead(doc, lead + 1)
            if after is not None and all(b.label is not None or b.kind == "item"
                                         for b in doc.blocks[lead + 1:after]):
                self._headline(doc, doc.blocks[lead], "question headline above the lead", Tag.QUESTION_HEADLINE)
                doc.lead_index = after
                self._header(doc, lead)
                return
        doc.lead_index = lead
        if lead is None:
            return
        title = None
        for block in reversed(doc.blocks[:lead]):
            if block.label is not None or block.kind == "item" or opens_sections(doc, block.index):
                continue  # ("Step 1" over the first part of the article: no headline)
            if is_headline_like(block) and not (is_name_like(block) and features(block).n_words <= NAME_MAX_WORDS) \
                    and not is_agency_credit(block):
                title = block
                break
        if title is None:
            return
        self._headline(doc, title, "headline above the lead", Tag.HEADLINE)
        self._header(doc, title.index)

    def _headline(self, doc: Document, block, reason: str, tag: Tag) -> None:
        if doc.headline_known:
            # a reading of the body text, under the page's headline: a line shaped like
            # a headline above its lead is a date, a credit or a heading of the page
            block.assign(Label.BOILERPLATE, self.name, f"{reason}, under the page's headline: page header",
                         Tag.HEADER_UNDER_HEADLINE)
            return
        block.assign(Label.TITLE, self.name, reason, tag)
        doc.title_index = block.index

    def _header(self, doc: Document, title_index: int) -> None:
        for block in doc.blocks[:title_index]:
            block.assign(Label.BOILERPLATE, self.name, "page header above the headline", Tag.PAGE_HEADER)
