"""Teaser cards glued together, on whole-page dumps (used by stage content).

A text renderer that meets a card layout (a link to another article: its headline,
then its summary, in two elements with no space between) prints them run together:
"Police: 2 In Custody After Death Of Student-AthleteA 24-year-old woman...",
"...Applications To 250,000The state of Michigan will mail...". The glue: a lower-case
word of four letters or more, a number, ? or !, then a capitalised word (or A, I)
that opens the summary (``[teasers] glued_card`` in data/patterns.toml).

Two or more such blocks in a run (page furniture between them does not break it),
each a one-sentence headline of 3 to 20 words and a summary of 8 words or more,
are related items, split at the glue. One such block alone, or a camel-case name
in prose ("MacBook"), is left alone. Only whole pages are searched: the cards are
page furniture, and the search costs a pattern scan of every long block.

A text renderer that keeps a list item's paragraphs under its bullet (w3m) prints a
teaser item as one block whose opening line comes again inside it: the headline as a
link, then as the card's heading, then its summary ("• Ship breaks up / Science /
11 Comments / Ship breaks up / An unmanned cargo ship..."). Two or more such items on
a page (``repeated_items``) are related items too; an item alone, or one whose lines
differ, is left alone.
"""
from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from .. import resources as res
from ..features import features
from ..model import Block, Document, Label, RelatedItem

_SPEC = res.data_file("content.toml")["cards"]
HEADLINE_WORDS = tuple(_SPEC["headline_words"])
SUMMARY_WORDS = _SPEC["summary_words"]
SEARCH_CHARS = _SPEC["search_chars"]  # a headline of 20 words fits in this
ITEM_HEADLINE_WORDS = _SPEC["item_headline_words"]  # a repeated item's opening line: at least this many words
ITEMS_MIN = _SPEC["items_min"]  # repeated items on a page: at least this many
REASON = "teaser card, its headline glued to its summary"
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+\S")  # a headline is one sentence at most


@lru_cache(maxsize=None)
def _glue():
    return res.compiled("teasers", "glued_card")


def headlines_glued(block: Block) -> bool:
    """The block is headlines glued together, two glues or more (a ticker of other
    stories as a text renderer prints it: "…in der VerwaltungCDU-Fraktion würdigt…")."""
    found = _glue().finditer(block.content)
    return next(found, None) is not None and next(found, None) is not None


def glued_at(block: Block) -> int | None:
    """Where the summary starts in a teaser card glued together, or None. Read on what a
    stage before left of the block (an alt text printed twice was cut off its tail)."""
    text = block.content
    lo, hi = HEADLINE_WORDS
    if len(text) < 40 or features(block).n_words < lo + SUMMARY_WORDS:
        return None
    for m in _glue().finditer(text, 12, SEARCH_CHARS):
        headline = text[:m.start()]
        words = headline.split()
        if len(words) > hi:
            return None
        if len(words) >= lo and (headline[0].isupper() or headline[0].isdigit()) \
                and not _SENTENCE_INSIDE.search(headline) \
                and len(text[m.start():].split()) >= SUMMARY_WORDS:
            return m.start()
    return None


def take(doc: Document, stage: str, tag: Enum) -> None:
    """Label every run of two or more glued cards ``related``, each an item of ``doc.related``."""
    glued = {b.index: k for b in doc.blocks if b.label is None and (k := glued_at(b)) is not None}
    run: list[Block] = []
    for b in doc.blocks + [None]:
        if b is not None and (b.index in glued or (run and b.label is Label.BOILERPLATE)):  # (no run, most blocks)
            if b.index in glued:
                run.append(b)  # page furniture between cards does not break the run
            continue
        if len(run) >= 2:
            for card in run:
                k = glued[card.index]
                text = card.content
                doc.related.append(RelatedItem(title=text[:k].strip(), summary=text[k:].strip(),
                                               blocks=[card.index]))
                card.assign(Label.RELATED, stage, REASON, tag)
        run = []


def repeats_opening(block: Block) -> tuple[str, list[str]] | None:
    """(a list item's bullet, its lines without the bullet) when its opening line (a
    headline of ITEM_HEADLINE_WORDS words or more) is printed again inside it, else None."""
    if block.kind != "item" or block.label is not None or len(block.lines) < 2:
        return None  # (an item of one line, most: it prints nothing again)
    lines = [" ".join(line.split()) for line in block.lines if line.strip()]
    bullet, _, lines[0] = lines[0].partition(" ")  # the bullet taken off
    if len(lines) < 2 or len(lines[0].split()) < ITEM_HEADLINE_WORDS:
        return None
    return (bullet, lines) if lines[0] in lines[1:] else None


def take_items(doc: Document, stage: str, tag: Enum) -> None:
    """Label the list items that print their opening line again ``related`` when a page
    holds ITEMS_MIN of them or more: each an item of ``doc.related``."""
    found = [(b, rep) for b in doc.blocks if (rep := repeats_opening(b)) is not None]
    if len(found) < ITEMS_MIN:
        return
    for b, (bullet, lines) in found:  # the summary keeps the headline's second copy: nothing is lost
        item = RelatedItem(title=lines[0], summary=" ".join(lines[1:]), blocks=[b.index])
        item.keep_bullet(bullet)  # a number ("1.") is text of the dump
        doc.related.append(item)
        b.assign(Label.RELATED, stage, "teaser item, its headline printed again inside it", tag)
