"""Stage teasers: lists of links to other articles become ``related`` items.

Two shapes are recognised:

* a section opened by a teaser heading ("Recent news", "Related Topics",
  "TIN LIÊN QUAN", "Read more"... see ``[teasers] heading``), followed by items: list
  items (title line, repeated title, ``SECTION -`` line, summary), or headline-like
  blocks each optionally followed by a summary paragraph (once an item has none, a
  paragraph that more prose follows is the article going on, not a summary);
* without a heading, a run of two or more list items that read as headlines
  (several words, no final period; a thumbnail's placeholder opening the link text
  is left out of the title) that does not follow a colon;
* a link set in the text, its heading and its headline on one line ("Read also:
  Mayor promises more parks", ``[teasers] inline_link``);
* a link card set between the article's paragraphs: a headline printed twice (two
  lines in a row, perhaps a section label or an alt text between, or one line saying
  it twice or more) and the one-paragraph summary under it (``[teasers] card_*``);
  a headline found elsewhere in the dump (the page's own, printed twice) is left alone.

A teaser that is a Markdown link, "[Title](https://...)", has the link's text as its
title; the brackets and the address are accounted for as markup.

(Teaser cards glued together on whole pages are found by ``cards``, for stage content.)

Each item gives ``{title, section, summary}``; what an item repeats (the title
printed twice, a dateline tag in the summary) is kept as its leftovers, so that
nothing of the input is lost.
"""
from __future__ import annotations

from enum import Enum
from functools import lru_cache, partial
from itertools import compress, count
from operator import eq

import regex

from .. import resources as res
from ..features import features, is_headline_like, is_prose, text_features
from ..model import Block, Document, Label, RelatedItem
from .base import Stage
from .furniture import Tag as FurnitureTag
from .segment import bare_text, bullet_of, item_lines

_STRAY_QUOTES = "'\"`"
_SPEC = res.patterns()["teasers"]
_MIN_HEADLINE_WORDS = _SPEC["min_headline_words"]


def _strip_stray_quote(title: str) -> str:
    """Drop a quote mark that opens a link text but never closes ("'Title")."""
    if title and title[0] in _STRAY_QUOTES and title.count(title[0]) % 2 == 1:
        return title[1:].lstrip()
    return title


class Tag(str, Enum):
    """The decisions of stage teasers."""
    HEADING = "heading"                      # the heading over a teaser section
    LIST_ITEM = "list_item"                  # an item of a list under a heading
    TITLE_AND_SUMMARY = "title_and_summary"  # a headline-like block (and its summary) under a heading
    HEADLINE_LINKS = "headline_links"        # a run of headline links without a heading
    INLINE_LINK = "inline_link"              # "Read also: <headline>" on one line
    DOUBLED_CARD = "doubled_card"            # a link card in the text: its headline printed twice, its summary


class Teasers(Stage):
    name = "teasers"
    summary = "teaser blocks ('Recent news', 'Related Topics', headline link lists) -> related items {title, section, summary}"
    tags = Tag
    reads = frozenset({"blocks"})
    writes = frozenset({"blocks", "related"})

    def __init__(self) -> None:
        self.heading = res.compiled("teasers", "heading")
        self.markdown_link = res.compiled("teasers", "markdown_link")
        self.inline_link = res.compiled("teasers", "inline_link")
        self.section = res.compiled("teasers", "section")
        self.thumbnail = res.compiled("furniture", "image_prefix")
        self.dateline = res.compiled_list("dateline", "strong")
        # a text is tried with heading (inline_link) only when its first prefix_chars
        # characters may open a match (a partial match; remembered by prefix): most do not
        self.prefix_chars = _SPEC["prefix_chars"]
        self.may_open_heading = lru_cache(maxsize=1024)(partial(_may_open, self.heading))
        self.may_open_inline = lru_cache(maxsize=1024)(partial(_may_open, self.inline_link))

    # -- item parsing -------------------------------------------------------
    def _unlink(self, text: str) -> tuple[str, list[str]]:
        """(the link's text, its markup) for a text that is a Markdown link and nothing
        else, "[Title](https://...)"; (the text, []) for any other."""
        m = self.markdown_link.fullmatch(text) if text[:1] == "[" else None
        if m is None:
            return text, []
        return m["text"].strip(), ["[", text[m.end("text"):]]

    def _item_from_list_block(self, block: Block) -> RelatedItem:
        first, *rest = item_lines(block)
        first, markup = self._unlink(first)
        item = RelatedItem(title=_strip_stray_quote(first), blocks=[block.index], markup=markup)
        self._keep_numbering(block, item)
        if rest and rest[0] in (first, item.title) or (rest and _strip_stray_quote(rest[0]) == item.title):
            # the link text is printed twice; keep the clean copy, account for the other
            item.leftovers.append(first)
            item.title = rest.pop(0)
        if rest:
            m = self.section.fullmatch(rest[0])
            if m:
                item.section = m["section"].strip()
                rest.pop(0)
        if rest:
            item.summary = self._strip_dateline(" ".join(rest), item)
        return item

    @staticmethod
    def _keep_numbering(block: Block, item: RelatedItem) -> None:
        """A numbered item's number ("3.") is not part of its title; account for it."""
        item.keep_bullet(bullet_of(block))

    def _strip_dateline(self, summary: str, item: RelatedItem) -> str:
        for pattern in self.dateline:
            m = pattern.match(summary)
            if m and len(m["tag"].split()) <= _SPEC["dateline_max_words"]:
                item.leftovers.append(m.group(0))
                return summary[m.end():].strip()
        return summary

    def _is_heading(self, block: Block) -> bool:
        if len(block.text) > _SPEC["heading_max_chars"] or features(block).n_words > _SPEC["heading_max_words"]:
            return False
        text = bare_text(block).strip().rstrip(":.…").strip()
        return self.may_open_heading(text[:self.prefix_chars]) and self.heading.fullmatch(text) is not None

    def _is_headline(self, block: Block) -> bool:
        return is_headline_like(block) and features(block).n_words >= _MIN_HEADLINE_WORDS

    def _section(self, doc: Document, start: int) -> int:
        """Parse teaser items from ``start``; return the index after the last one."""
        blocks = doc.blocks
        j, n = start, len(blocks)
        listed = False  # the section is a list: a block that is no list item ends it
        bare = False    # an item had no summary: prose that the article goes on with is none either
        while j < n:
            b = blocks[j]
            if b.label is not None:
                if isinstance(b.tag, FurnitureTag):  # dates and thumbnails between teasers
                    j += 1
                    continue
                break
            if listed and b.kind != "item":
                break
            if b.kind == "item":
                listed = True
                item = self._item_from_list_block(b)
                if not item.title:
                    break
                self._take(doc, item, [b], "teaser item", Tag.LIST_ITEM)
                j += 1
                continue
            if self._is_headline(b) or (j == n - 1 and features(b).n_words >= _MIN_HEADLINE_WORDS
                                       and not features(b).ends_terminal):
                item = RelatedItem(title=bare_text(b), blocks=[b.index])
                taken = [b]
                nxt = blocks[j + 1] if j + 1 < n else None
                if nxt is not None and nxt.label is None and nxt.kind != "item" and \
                        self._is_summary(nxt, b, last=nxt.index == n - 1) and \
                        not (bare and self._prose_follows(blocks, j + 2)):
                    item.summary = self._strip_dateline(bare_text(nxt), item)
                    item.blocks.append(nxt.index)
                    taken.append(nxt)
                else:
                    bare = True
                self._take(doc, item, taken, "teaser title and summary", Tag.TITLE_AND_SUMMARY)
                j += len(taken)
                continue
            break
        return j

    @staticmethod
    def _prose_follows(blocks: list[Block], k: int) -> bool:
        """Block k is free prose: after a section of bare headlines, the article going on
        (a summary is followed by the next teaser or the section's end)."""
        return k < len(blocks) and blocks[k].label is None and blocks[k].kind != "item" and is_prose(blocks[k])

    def _take(self, doc: Document, item: RelatedItem, blocks: list[Block], reason: str, tag: Tag) -> None:
        for b in blocks:
            b.assign(Label.RELATED, self.name, reason, tag)
        doc.related.append(item)

    def _inline(self, block: Block) -> RelatedItem | None:
        """The related item of a block that is a teaser heading and its headline on one
        line ("Read also: Mayor promises more parks"), or None."""
        if features(block).n_words > _SPEC["link_max_words"] + _SPEC["heading_max_words"]:
            return None
        text = bare_text(block).strip()
        m = self.inline_link.fullmatch(text) if self.may_open_inline(text[:self.prefix_chars]) else None
        if m is None:
            return None
        title, markup = self._unlink(m["title"].strip())
        if not title or title[-1] in ".;,:" or not _MIN_HEADLINE_WORDS <= len(title.split()) <= _SPEC["link_max_words"]:
            return None
        item = RelatedItem(title=title, blocks=[block.index], markup=markup)
        item.leftovers.append(m.group(0)[:m.start("title")].strip())
        self._keep_numbering(block, item)
        return item

    # -- link cards in the text ---------------------------------------------
    def _doubled_cards(self, doc: Document) -> None:
        after = 0  # the block after the last card taken
        for i in _card_openings(doc.blocks):  # (most documents: none)
            if i >= after:
                after = self._doubled_card(doc, i) or i + 1

    def _doubled_card(self, doc: Document, i: int) -> int | None:
        """Take the link card whose first block is ``doc.blocks[i]`` (see doubled_title);
        the index of the block after it, or None when none starts there."""
        blocks = doc.blocks
        if not _may_open_card(blocks[i]) or not _in_text(blocks, i):
            return None
        lines = _card_lines(blocks, i)
        found = doubled_title([ln for _, ln in lines])
        if found is None:
            return None
        title, at = found
        end = lines[at][0]
        after = [ln for k, ln in lines[at + 1:] if k == end]  # the summary in the headline's block
        nxt = blocks[end + 1] if end + 1 < len(blocks) and not after else None
        if nxt is not None and not (nxt.label is None and nxt.kind != "item" and is_prose(nxt)
                                    and features(nxt).n_words <= _SPEC["card_summary_max_words"]):
            nxt = None
        last = end + 1 if nxt is not None else end
        if any(title in blocks[k].text for k in range(len(blocks)) if not i <= k <= last):
            return None  # the page's own headline printed twice, or a headline the page gives again
        item = RelatedItem(title=title, blocks=[b.index for b in blocks[i:last + 1]])
        _account_copies(item, [ln for k, ln in lines[:at + 1]])
        if after:
            item.summary = " ".join(after)
        elif nxt is not None:
            item.summary = bare_text(nxt).strip()
        self._take(doc, item, blocks[i:last + 1], "link card in the text: its headline printed twice",
                   Tag.DOUBLED_CARD)
        return last + 1

    # -- the stage ----------------------------------------------------------
    def __call__(self, doc: Document) -> None:
        self._doubled_cards(doc)
        blocks = doc.blocks
        i, n = 0, len(blocks)
        while i < n:
            b = blocks[i]
            if b.label is None and b.text[:1].isalpha() and (item := self._inline(b)) is not None:
                self._take(doc, item, [b], "a link to another article in the text", Tag.INLINE_LINK)
                i += 1
                continue
            if b.label is None and self._is_heading(b):
                b.assign(Label.BOILERPLATE, self.name, "teaser heading", Tag.HEADING)
                i = max(self._section(doc, i + 1), i + 1)
                continue
            if b.label is None and b.kind == "item":
                # a run of list items; boilerplate between them (dates, icons) does not break it
                run, j = [], i
                while j < n and (blocks[j].label is Label.BOILERPLATE or
                                 (blocks[j].label is None and blocks[j].kind == "item")):
                    if blocks[j].label is None:
                        run.append(blocks[j])
                    j += 1
                if len(run) >= 2 and all(self._is_teaser_link(x) for x in run) and not _after_colon(blocks, i):
                    for x in run:
                        thumb, title = self._link_text(x)
                        title, markup = self._unlink(title)
                        item = RelatedItem(title=title, blocks=[x.index], markup=markup)
                        if thumb:
                            item.leftovers.append(thumb)
                        self._keep_numbering(x, item)
                        self._take(doc, item, [x], "run of headline links", Tag.HEADLINE_LINKS)
                i = max(j, i + 1)
                continue
            i += 1

    def _is_summary(self, block: Block, title: Block, last: bool) -> bool:
        """Prose after a teaser title; at the very end of a dump, a longer cut-off line too."""
        if is_prose(block) and not self._is_headline(block):
            return True
        n = features(block).n_words
        return last and n >= _SPEC["summary_min_words"] and n >= _SPEC["summary_title_ratio"] * features(title).n_words

    def _link_text(self, block: Block) -> tuple[str, str]:
        """(the thumbnail's placeholder opening the item, or "", the link text)."""
        text = bare_text(block).strip()
        m = self.thumbnail.match(text)
        return (m.group(0).strip(), text[m.end():]) if m else ("", text)

    def _is_teaser_link(self, block: Block) -> bool:
        text = self._unlink(self._link_text(block)[1])[0]
        return _headline_shaped(text, features(block).n_words)  # (a thumbnail glued to the link text adds no word)


def _may_open(pattern: regex.Pattern, prefix: str) -> bool:
    """Whether the pattern may match the whole of a text that opens with ``prefix``."""
    return pattern.fullmatch(prefix, partial=True) is not None


def _headline_shaped(text: str, n_words: int) -> bool:
    """A text that could be a teaser's headline (a list item's link, a card's headline):
    more than min_headline_words and at most link_max_words words (``n_words``, counted
    by the caller), no final period, comma, semicolon or colon, opened by a capital or a
    digit."""
    return (bool(text) and _MIN_HEADLINE_WORDS < n_words <= _SPEC["link_max_words"] and text[-1] not in ".,;:"
            and (text[0].isupper() or text[0].isdigit()))


def said_twice(line: str) -> str | None:
    """The headline a line says two or more times over ("Big win Big win"; a last copy
    cut short, "Big win Big win Bi", counts), or None."""
    head = line.split(None, 1)
    if len(head) < 2 or head[0] not in head[1]:
        return None  # (no copy: the first word never comes back; most lines, found in C)
    most = _SPEC["link_max_words"]  # (a longer title is no headline: see _headline_shaped)
    if head[0] not in line.split(None, most + 1)[_MIN_HEADLINE_WORDS + 1:most + 1]:
        return None  # (nor as a word where a copy of a headline would open)
    words = line.split()
    n = len(words)
    for size in range(_MIN_HEADLINE_WORDS + 1, min(n // 2, most) + 1):
        if words[size] != words[0]:
            continue  # (a copy opens with the first word: the test below, its first step)
        repeats = all(words[j] == words[j - size] for j in range(size, n - 1))
        if repeats and words[n - 1 - size].startswith(words[n - 1]):
            title = " ".join(words[:size])
            return title if _headline_shaped(title, size) else None
    return None


def _card_headline(line: str) -> bool:
    """A line that could be a link card's headline: headline-shaped, single-spaced."""
    return "  " not in line and _headline_shaped(line, len(line.split()))


def _is_credit(line: str) -> bool:
    """A photo credit ("Photo: Ann Lee / The Gazette"): a caption and its credit printed
    twice are no label and headline."""
    return text_features(line).credit


def _is_label(line: str) -> bool:
    """A section label over a card's headline: a few words, no final punctuation."""
    most = _SPEC["heading_max_words"]
    return line[-1:] not in ".,;:!?" and 0 < len(line.split(None, most)) <= most


def doubled_title(lines: list[str]) -> tuple[str, int] | None:
    """(the headline, the index of its last copy) when, among the first lines of
    ``lines``, a headline-shaped line says itself twice or more ("Big win Big win"), or a
    section label and a headline are printed twice (at most card_gap_lines lines, an
    image's alt text, between the copies); None otherwise. (A line merely printed twice
    is as often a caption or a subheading given twice; a caption and its credit given
    twice are no label and headline.)"""
    gap = _SPEC["card_gap_lines"]
    for i, line in enumerate(lines[:gap + 2]):
        said = said_twice(line)
        if said is not None:
            return said, i
        if i + 1 < len(lines) and _is_label(line) and _card_headline(lines[i + 1]) and not _is_credit(lines[i + 1]):
            for d in range(2, gap + 3):
                if lines[i + d:i + d + 2] == [line, lines[i + 1]]:
                    return lines[i + 1], i + d + 1
        if not _is_label(line):
            break  # a card opens with its headline or labels, not with a paragraph
    return None


def _account_copies(item: RelatedItem, lines: list[str]) -> None:
    """The lines of a link card up to its headline's last copy: the first copy is the
    title, every other line (the copies, a section label, an alt text) a leftover."""
    title = item.title or ""
    kept = False
    for line in lines:
        flat = " ".join(line.split())
        if not kept and flat.startswith(title) and (flat == title or said_twice(line) == title):
            kept = True
            flat = flat[len(title):].strip()
        if flat:
            item.leftovers.append(flat)


def _may_open_card(block: Block) -> bool:
    """The block's first line may open a link card (doubled_title's first test, made
    before the card's lines are gathered): a section label or a headline said twice over;
    a paragraph opens none."""
    first = next((ln.strip() for ln in block.lines if ln.strip()), "")
    return bool(first) and (_is_label(first) or said_twice(first) is not None)


def _card_openings(blocks: list[Block]) -> list[int]:
    """The blocks that may open a link card, found once from what every card needs (see
    doubled_title): among the card_gap_lines + 2 lines from the block's first, a line
    that _hot_lines finds. A card's lines are those of free blocks in a row: they stand
    in a row among the lines of all the free blocks too. Most documents hold no such
    line, and no block of theirs is tried."""
    hot = _hot_lines([line for b in blocks if b.label is None for ln in b.lines if (line := ln.strip())])
    if not hot:
        return []
    reach = _SPEC["card_gap_lines"] + 2
    openings, at = [], 0  # (at: the position of the block's first line among those lines)
    for i, b in enumerate(blocks):
        if b.label is None:
            if not hot.isdisjoint(range(at, at + reach)):
                openings.append(i)
            at += sum(1 for ln in b.lines if ln.strip())
    return openings


def _hot_lines(lines: list[str]) -> set[int]:
    """The positions of the lines that may be a card's headline, or its section label
    (doubled_title): a line that says itself twice, or a line printed again two to
    card_gap_lines + 2 lines below it."""
    hot: set[int] = set()
    for d in range(2, _SPEC["card_gap_lines"] + 3):
        hot.update(compress(count(), map(eq, lines, lines[d:])))
    for k, line in enumerate(lines):
        head = line.split(None, 1)  # (said_twice's first test, without a call for each line)
        if len(head) == 2 and head[0] in head[1] and said_twice(line) is not None:
            hot.add(k)
    return hot


def _in_text(blocks: list[Block], i: int) -> bool:
    """``blocks[i]`` stands in the article's text: the nearest free block above it, past
    at most card_back_blocks labelled ones (an ad marker, the card before), is a
    paragraph of prose of card_prose_words words or more."""
    for k in range(i - 1, max(-1, i - 2 - _SPEC["card_back_blocks"]), -1):
        if blocks[k].label is None:
            return is_prose(blocks[k]) and features(blocks[k]).n_words >= _SPEC["card_prose_words"]
    return False


def _card_lines(blocks: list[Block], start: int) -> list[tuple[int, str]]:
    """(block position, stripped line) of the free blocks from ``start`` a link card can
    span: at most card_max_lines lines and card_max_words words."""
    out: list[tuple[int, str]] = []
    words = 0
    for k in range(start, len(blocks)):
        b = blocks[k]
        lines = [ln.strip() for ln in b.lines if ln.strip()]
        words += features(b).n_words
        if b.label is not None or len(out) + len(lines) > _SPEC["card_max_lines"] or words > _SPEC["card_max_words"]:
            break
        out.extend((k, ln) for ln in lines)
    return out


def _after_colon(blocks: list[Block], i: int) -> bool:
    """The free block before ``blocks[i]`` ends with a colon (it introduces a list)."""
    prev = next((blocks[k] for k in range(i - 1, -1, -1) if blocks[k].label is None), None)
    return prev is not None and prev.text.rstrip().endswith(":")
