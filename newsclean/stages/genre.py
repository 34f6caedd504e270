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
* verse: stanzas of short lines that are not hard-wrapped prose;
* files that are no prose at all, told by the shape of most lines: JSON (it parses),
  a log (lines open with a timestamp), a table (lines split into as many fields by one
  separator), a configuration file (lines set a key), source code (lines end in a
  brace or a semicolon, open a statement, call or assign), stanzas of fields (a Debian
  copyright file). Comment lines are left out of the count. Such a file keeps its lines
  as they stand, indentation too: the blocks that follow each other with no blank line
  between them are made one, so that the text kept is the file (normalised).

When one is found, every free block is body and ``doc.genre`` names the kind; the
record says so (``stats.article`` is "not_an_article") and the pipeline does not read
its text again. The text is kept as it stands, so that cleaning it again finds the
same kind: a Markdown heading keeps its marks ("## Install", which stage segment
cut off as markup), and a stanza its line breaks (segment joined them as prose).
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import replace
from enum import Enum
from functools import lru_cache

import regex

from .. import resources as res
from ..model import Block, Document, Label
from .base import Stage
from .segment import Tag as SegmentTag
from .segment import segment, wrap_width

_SPEC = res.patterns()["genre"]
_WORD = re.compile(r"[^\W\d_]+")
PROSE_WORDS = _SPEC["prose_line_words"]  # a line of fewer words is no prose_line
PROSE_END, PROSE_LINE = res.compiled("genre", "prose_line_end"), res.compiled("genre", "prose_line")
SHAPED_CHARS = regex.compile(_SPEC["shaped_chars"])  # (case matters: the patterns are set (?-i))
SHAPED_OPENERS = tuple(_SPEC["shaped_openers"])
SHAPED_BULLETS = frozenset(_SPEC["shaped_bullets"])
_DIGIT = re.compile(r"\d")


class Tag(str, Enum):
    """The kinds of text that are no article."""
    MAN_PAGE = "man_page"
    README = "readme"
    PRICE_LIST = "price_list"
    VERSE = "verse"
    JSON = "json"
    LOG = "log"
    TABLE = "table"
    CONFIG = "config"
    SOURCE_CODE = "source_code"


SHAPED_KINDS = frozenset({Tag.JSON, Tag.LOG, Tag.TABLE, Tag.CONFIG, Tag.SOURCE_CODE})  # no prose: lines kept as they stand


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


def is_json(lines: list[str]) -> bool:
    if not lines or lines[0][0] not in _SPEC["json_opens"]:
        return False
    try:
        json.loads("\n".join(lines))
        return True
    except ValueError:
        pass
    try:
        return len(lines) >= _SPEC["shaped_min_lines"] and all(isinstance(json.loads(s), dict | list) for s in lines)
    except ValueError:
        return False


def uncommented(lines: list[str]) -> list[str]:
    """The lines that are no comment: not a comment line, nor inside a docstring or a
    block comment (between a line that opens one and the line that closes it; a mark
    that nothing closes, a stray "/*" atop a page, opens none)."""
    comment = res.compiled("genre", "comment_line")
    marks = _SPEC["comment_block_marks"]
    text = "\n".join(lines)
    # (most texts: no block comment at all; a mark's first character is looked for first)
    if not any(m[0] in text and m in text for m in marks):
        return [s for s in lines if not comment.match(s)]
    kept: list[str] = []
    inside: list[str] | None = None  # the lines since a block comment opened
    for s in lines:
        opens = sum(s.count(m) for m in marks) % 2 == 1
        if inside is not None:
            if opens:
                inside = None
            else:
                inside.append(s)
        elif opens:
            inside = []
        elif not comment.match(s):
            kept.append(s)
    return kept + [s for s in inside or () if not comment.match(s)]


@lru_cache(maxsize=1024)
def prose_line(line: str) -> bool:
    """The line reads as prose (``prose_line``). Asked of a dump's lines twice (of all
    of them, then of those that are no comment): the second time is a look-up."""
    # (prose has six words at least: a shorter line, most of a page's, is not tried)
    return len(line.split(None, PROSE_WORDS - 1)) >= PROSE_WORDS \
        and (PROSE_END.search(line[-3:]) is not None or PROSE_LINE.fullmatch(line) is not None)


def prose_heavy(lines: list[str]) -> bool:
    """More than ``shaped_prose_share`` of the lines read as prose: no file of settings,
    code or fields. The count stops once it is reached (an article's prose reaches it
    within its first lines)."""
    limit = _SPEC["shaped_prose_share"] * len(lines)
    n = 0
    for s in lines:
        if prose_line(s):
            n += 1
            if n > limit:
                return True
    return False


def settings_or_code(lines: list[str]) -> Tag | None:
    """CONFIG when most lines that are no comment (nor a section's heading) set a key,
    SOURCE_CODE when enough of them have the shape of code or of a setting; neither
    when they hold prose. A file that is mostly comments (comment_file_share of its
    lines: settings commented out, a module of docstrings) is of the kind its other
    lines lean to, CONFIG when they lean to none."""
    section = res.compiled("genre", "config_section")
    code_lines = uncommented(lines)
    kept = [s for s in code_lines if not (s[:1] == "[" and section.fullmatch(s))]  # (a section opens with "[")
    least = _SPEC["shaped_min_lines"]
    commented = len(lines) - len(code_lines) >= max(least, _SPEC["comment_file_share"] * len(lines))
    if not commented and (len(kept) < least or prose_heavy(kept)):
        return None
    config_bar = max(least, _SPEC["config_min_share"] * len(kept))
    code_bar = max(least, _SPEC["code_min_share"] * len(kept))
    counts = _shapes(kept, 0 if commented else min(config_bar, code_bar))
    if counts is None:
        return None
    settings, shaped = counts
    if commented:
        return Tag.SOURCE_CODE if shaped - settings > settings else Tag.CONFIG
    if settings >= config_bar:
        return Tag.CONFIG
    return Tag.SOURCE_CODE if shaped >= code_bar else None


def may_be_shaped(line: str) -> bool:
    """Whether config_line or code_line may match the line: it opens with one of
    ``shaped_openers`` or holds one of ``shaped_chars``, as every match does; past a
    list item's bullet and its space (``shaped_bullets``: "* Home"), as a match's
    shaped character stands there."""
    start = 2 if line[:1] in SHAPED_BULLETS and line[1:2].isspace() else 0
    return line.startswith(SHAPED_OPENERS) or SHAPED_CHARS.search(line, start) is not None


def _may_be_shaped_lines(lines: list[str], bar: float) -> list[str] | None:
    """The ``lines`` that may be shaped (``may_be_shaped``); None once fewer than ``bar``
    of them can be (a page's menus and prose: within its first lines, before any
    pattern is tried)."""
    most = len(lines)  # how many lines may still be shaped
    kept = []
    for s in lines:
        if may_be_shaped(s):
            kept.append(s)
        else:
            most -= 1
            if most < bar:
                return None
    return kept


def _shapes(lines: list[str], bar: float) -> tuple[int, int] | None:
    """How many ``lines`` set a key, and how many have the shape of a setting or of code;
    None once the second cannot reach ``bar``: the lines that may be shaped are counted
    first, cheaply, and the patterns tried on them only if they can reach it."""
    tried = _may_be_shaped_lines(lines, bar)
    if tried is None:
        return None
    config, code = res.compiled("genre", "config_line"), res.compiled("genre", "code_line")
    settings = shaped = 0
    left = len(tried)
    for s in tried:
        left -= 1
        if config.fullmatch(s):
            settings += 1
            shaped += 1
        elif code.fullmatch(s):
            shaped += 1
        elif shaped + left < bar:
            return None
    return settings, shaped


def is_stanzas_of_fields(doc: Document) -> bool:
    """Stanzas of fields, as a Debian control or copyright file writes them: every line
    that is not indented opens a field ("License: MIT"), the first among them; the
    lines under a field are indented (its value goes on)."""
    field = res.compiled("genre", "field_line")
    fields = []
    for block in doc.blocks:
        for line in block.lines:
            if not line.strip() or line[0] in " \t":
                continue
            if not field.match(line):
                return False
            fields.append(line)
    return len(fields) >= _SPEC["shaped_min_lines"] \
        and not prose_heavy(fields)  # (not a transcript)


def is_log(lines: list[str]) -> bool:
    head = res.compiled("genre", "log_line")
    need = max(_SPEC["shaped_min_lines"], _SPEC["log_min_share"] * len(lines))
    n, left = 0, len(lines)
    for s in lines:
        left -= 1
        if head.match(s):
            n += 1
        elif n + left < need:
            return False  # (most dumps: too few lines are left to make it)
    return n >= need


def is_table(lines: list[str]) -> bool:
    """Most lines split into as many fields by one separator, and few are prose (whose
    clauses a comma splits too)."""
    if len(lines) < _SPEC["shaped_min_lines"] or prose_heavy(lines):
        return False
    for sep in _SPEC["table_separators"]:
        if sum(1 for s in lines if sep in s) < _SPEC["table_min_share"] * len(lines):
            continue  # (most dumps: the separator is not on most lines)
        counts = Counter(len(row) for row in csv.reader(lines, delimiter=sep))
        fields, n = counts.most_common(1)[0]
        if fields >= _SPEC["table_min_fields"] and n >= max(_SPEC["shaped_min_lines"], _SPEC["table_min_share"] * len(lines)):
            return True
    return False


def shaped_kind(lines: list[str]) -> Tag | None:
    """The kind of file that is no prose ``lines`` are, or None."""
    if is_json(lines):
        return Tag.JSON
    if is_log(lines):
        return Tag.LOG
    if is_table(lines):
        return Tag.TABLE
    return settings_or_code(lines)


def line_kind(doc: Document, lines: list[str]) -> Tag | None:
    """The kind of file that is no prose ``doc`` is, or None."""
    if is_stanzas_of_fields(doc):
        return Tag.CONFIG
    return shaped_kind(lines)


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
    return line_kind(doc, lines)


def _kept(kind: Tag, block: Block) -> str:
    """The text of ``block`` as the record keeps it when the dump is of ``kind``: a file
    that is no prose keeps its lines as they stand, indentation too."""
    if kind in SHAPED_KINDS and block.tail is None:
        return "\n".join(line.rstrip() for line in block.lines)
    if kind is Tag.VERSE and len(block.lines) > 1 and block.kind != "item" and block.tail is None:
        return "\n".join(line.strip() for line in block.lines)  # a stanza keeps its lines
    if block.head is not None and block.head.tag is SegmentTag.MARKDOWN_HEADING:
        return block.text  # the heading's marks are part of the text kept whole
    return block.content


def _free(block: Block) -> bool:
    return block.label is None and block.tail is None


def runs(blocks: list[Block]) -> list[Block]:
    """For a file that is no prose: the free blocks that follow each other with no blank
    line between them made one, as the record keeps its paragraphs apart by a blank
    line (so that the text kept is the file's, and cleaning it again finds the same
    blocks). New blocks: ``blocks`` are left as they are."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if last is not None and _free(last) and _free(block) and block.line_no == last.line_no + len(last.lines):
            out[-1] = replace(last, lines=last.lines + block.lines, kind="line", features=None, bare=None)
        else:
            out.append(block)
    return [replace(b, index=i) if b.index != i else b for i, b in enumerate(out)]


def _reads_again_as(kind: Tag, blocks: list[Block]) -> bool:
    """Whether the text kept whole is told to be of ``kind`` again when it is cleaned
    again (so that the output is a fixed point): a shape found only by a hair, in noise,
    is not kept whole."""
    text = "\n\n".join(_kept(kind, b) for b in blocks)
    again = Document(raw=text, text=text)
    again.blocks = segment(text)
    return kind_of(again) is kind


class Genre(Stage):
    name = "genre"
    summary = ("text that is no article (a manual page, a README, verse, a price list, JSON, a log, a table, "
               "a configuration file, source code) -> kept whole as body")
    tags = Tag
    reads = frozenset({"blocks"})
    writes = frozenset({"blocks", "genre"})

    def applies(self, doc: Document) -> bool:
        return not doc.reading and bool(doc.blocks)

    def __call__(self, doc: Document) -> None:
        kind = kind_of(doc)
        if kind is None:
            return
        blocks = runs(doc.blocks) if kind in SHAPED_KINDS else doc.blocks
        if not _reads_again_as(kind, blocks):
            return
        doc.blocks, doc.genre = blocks, kind.value
        reason = f"no article: {kind.value.replace('_', ' ')}, kept whole"
        for block in doc.blocks:
            kept = _kept(kind, block)
            if block.head is not None and block.head.tag is SegmentTag.MARKDOWN_HEADING:
                block.cut_head(None)  # the heading's marks are part of the text kept whole
            if kept != block.content:
                block.set_text(kept)
            block.assign(Label.BODY, self.name, reason, kind)
