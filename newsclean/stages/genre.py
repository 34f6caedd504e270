"""Stage genre: a dump that is no news or blog article is kept whole.

A manual page, a README, a poem or a price list has no headline, lead or byline,
and the other stages would tear it apart (a section heading taken for a byline, a
poem's title for page header, a line of code for a caption). Each such kind is told
by the shape of its lines (``[genre]`` in ``data/patterns.toml``):

* a manual page: section headings in capitals on lines of their own ("NAME",
  "SYNOPSIS", "DESCRIPTION");
* a README (Markdown): fenced code and headings ("## Install"), or headings
  underlined with "===" or "---" (a plain-text README, a licence);
* a price list: most lines end with a price;
* verse: stanzas of short lines that are not hard-wrapped prose.

When one is found, every free block is body and ``doc.genre`` names the kind; the
record says so (``stats.article`` is "not_an_article") and the pipeline does not read
its text again. The text is kept as it stands, so that cleaning it again finds the
same kind: a Markdown heading keeps its marks ("## Install", which stage segment
cut off as markup), and a stanza its line breaks (segment joined them as prose).
"""
from __future__ import annotations

import re
from enum import Enum

from .. import resources as res
from ..model import Block, Document, Label
from .base import Stage
from .segment import Tag as SegmentTag
from .segment import segment, wrap_width

_SPEC = res.patterns()["genre"]
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


class Tag(str, Enum):
    """The kinds of text that are no article."""
    MAN_PAGE = "man_page"
    README = "readme"
    PRICE_LIST = "price_list"
    VERSE = "verse"


def _lines(doc: Document) -> list[str]:
    return [s for b in doc.blocks for line in b.lines if (s := line.strip())]


def is_man_page(blocks: list[Block]) -> bool:
    names = frozenset(_SPEC["man_headings"])
    return len({b.text for b in blocks if b.text in names}) >= _SPEC["man_min_headings"]


def underlined_headings(blocks: list[Block]) -> int:
    """Headings underlined with "===" or "---": a short line of its own (at the top or
    after a blank line), and under it a line of the marks alone."""
    underline = res.compiled("genre", "heading_underline")
    n = 0
    for i in range(1, len(blocks)):
        head, mark = blocks[i - 1], blocks[i]
        if mark.text[:1] not in "=-" or not underline.fullmatch(mark.text):  # (most blocks: not a mark)
            continue
        before = blocks[i - 2] if i >= 2 else None
        after_blank = before is None or head.line_no - (before.line_no + len(before.lines)) >= 1
        n += (after_blank and len(head.lines) == 1 and len(head.text) <= _SPEC["underlined_heading_chars"]
              and not underline.fullmatch(head.text))
    return n


def is_readme(blocks: list[Block], lines: list[str]) -> bool:
    if underlined_headings(blocks) >= _SPEC["readme_min_underlined"]:
        return True
    text = "\n".join(lines)  # (a dump holding no fence's mark at all, most, is not tried line by line)
    if not any(need in text for need in _SPEC["code_fence_needs"]):
        return False
    fence, heading = res.compiled("genre", "code_fence"), res.compiled("genre", "markdown_heading")
    return sum(1 for s in lines if fence.fullmatch(s)) >= _SPEC["readme_min_fences"] \
        and sum(1 for s in lines if heading.fullmatch(s)) >= _SPEC["readme_min_headings"]


def is_price_list(lines: list[str]) -> bool:
    price = res.compiled("genre", "price_line")
    need = max(_SPEC["price_min_lines"], _SPEC["price_min_share"] * len(lines))  # price lines it takes
    short = [s for s in lines if len(s) <= _SPEC["price_line_chars"]]
    n, left = 0, len(short)
    for s in short:
        left -= 1
        if _DIGIT.search(s) and price.fullmatch(s):  # (every price holds a digit: most lines hold none)
            n += 1
        elif n + left < need:
            return False  # (most dumps: too few lines are left to make it)
    return n >= need


def is_verse(blocks: list[Block], lines: list[str]) -> bool:
    if len(lines) < _SPEC["verse_min_lines"]:
        return False
    # (the stanzas first, counted by block: most dumps, a line a block, have too few)
    stanzas = [b for b in blocks if len(b.lines) >= 2]
    if len(stanzas) < _SPEC["verse_min_stanzas"] \
            or sum(len(b.lines) for b in stanzas) < _SPEC["verse_stanza_share"] * len(lines):
        return False
    if wrap_width(lines) is not None:
        return False
    if sum(1 for s in lines if len(s) <= _SPEC["verse_max_chars"]) < _SPEC["verse_short_share"] * len(lines):
        return False
    worded = sum(1 for s in lines if len(_WORD.findall(s)) >= _SPEC["verse_line_words"])
    if worded < _SPEC["verse_worded_share"] * len(lines):
        return False
    return sum(1 for s in lines if s[-1] in ".!?") <= _SPEC["verse_stop_share"] * len(lines)


def kind_of(doc: Document) -> Tag | None:
    """The kind of text that is no article ``doc`` is, or None."""
    lines = _lines(doc)
    if is_man_page(doc.blocks):
        return Tag.MAN_PAGE
    if is_readme(doc.blocks, lines):
        return Tag.README
    if is_price_list(lines):
        return Tag.PRICE_LIST
    if is_verse(doc.blocks, lines):
        return Tag.VERSE
    return None


def _kept(kind: Tag, block: Block) -> str:
    """The text of ``block`` as the record keeps it when the dump is of ``kind``."""
    if kind is Tag.VERSE and len(block.lines) > 1 and block.kind != "item" and block.tail is None:
        return "\n".join(line.strip() for line in block.lines)  # a stanza keeps its lines
    if block.head is not None and block.head.tag is SegmentTag.MARKDOWN_HEADING:
        return block.text  # the heading's marks are part of the text kept whole
    return block.content


def _reads_again_as(kind: Tag, doc: Document) -> bool:
    """Whether the text kept whole is told to be of ``kind`` again when it is cleaned
    again (so that the output is a fixed point): a shape found only by a hair, in noise,
    is not kept whole."""
    text = "\n\n".join(_kept(kind, b) for b in doc.blocks)
    again = Document(raw=text, text=text)
    again.blocks = segment(text)
    return kind_of(again) is kind


class Genre(Stage):
    name = "genre"
    summary = "text that is no article (a manual page, a README, verse, a price list) -> kept whole as body"
    tags = Tag
    reads = frozenset({"blocks"})
    writes = frozenset({"blocks", "genre"})

    def applies(self, doc: Document) -> bool:
        return not doc.reading and bool(doc.blocks)

    def __call__(self, doc: Document) -> None:
        kind = kind_of(doc)
        if kind is None or not _reads_again_as(kind, doc):
            return
        doc.genre = kind.value
        reason = f"no article: {kind.value.replace('_', ' ')}, kept whole"
        for block in doc.blocks:
            kept = _kept(kind, block)
            if block.head is not None and block.head.tag is SegmentTag.MARKDOWN_HEADING:
                block.head = None  # the heading's marks are part of the text kept whole
            if kept != block.content:
                block.text, block.features = kept, None
            block.assign(Label.BODY, self.name, reason, kind)
