"""Stage segment: split the normalised dump into blocks.

A block is one line of the dump (scraped dumps put one paragraph on a line, with or
without blank lines between them), except that

* a list item keeps the lines that continue it: lines indented deeper than its
  bullet, and after blank lines, lines standing at the column of its text; but a
  menu entry (one to three words) keeps no line that does not go on in lower case
  (a whole page's breadcrumb and headline stand indented under its menu);
* hard-wrapped prose is joined back into paragraphs: in a dump wrapped at a width
  (read off its lines) where the line goes on mid-sentence in lower case or the next
  word did not fit, and across a paragraph whose lines were evened out (fmt);
  otherwise in a run of lines broken mid-sentence;
* the marks of a Markdown heading ("## Recent news") are cut off it.
"""
from __future__ import annotations

import re
from enum import Enum

from .. import resources as res
from ..bullets import BULLET, may_open_bullet
from ..model import Block, Cut, Document, Label
from .base import Stage

# The marks of a Markdown heading ("## Recent news"): markup, not the heading's words
MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+(?=\S)")


def _is_bullet(line: str, first: str) -> bool:
    return may_open_bullet(first) and BULLET.match(line) is not None


_TERMINAL = frozenset(".!?:;…|")
_CLOSERS = frozenset('"”’\')]»')


def _ends_sentence(line: str) -> bool:
    """The (right-stripped) line ends a sentence: "...end.", "...end.”", "...(Photo: X)" """
    s = line.rstrip()
    if s[-1] in _TERMINAL:
        return True
    return s[-1] in _CLOSERS and (len(s) > 1 and s[-2] in _TERMINAL or s[-1] == ")")
_SPEC = res.patterns()["segment"]
_SOFT_BREAK_MIN_LINE = _SPEC["soft_break_min_line"]  # a line broken by wrapping is rarely shorter


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_soft_break(line: str, following: str) -> bool:
    """The line ends mid-sentence and the next one goes on in lower case."""
    s = line.rstrip()
    nxt = following.lstrip()
    return (len(s) >= _SOFT_BREAK_MIN_LINE and not _ends_sentence(s)
            and bool(nxt) and nxt[0].islower())


# A dump hard-wrapped at a width (fold, fmt, `w3m -cols 80`, lynx, a mail archive)
# fills its lines up to that width: most of its long lines end within WRAP_SLACK
# characters of the longest ones.
WRAP_MIN_LINE = _SPEC["wrap_min_line"]            # lines this long tell the width (shorter ones may be anything)
WRAP_WIDTHS = tuple(_SPEC["wrap_widths"])       # the widths text is wrapped at
WRAP_SLACK = _SPEC["wrap_slack"]               # a filled line ends this close to the width (a long word goes on the next)
WRAP_MIN_FULL = _SPEC["wrap_min_full"]             # filled lines that show a width
WRAP_FULL_SHARE = _SPEC["wrap_full_share"]         # ...and their share of the long lines
WRAP_EVEN_SLACK = _SPEC["wrap_even_slack"]         # the lines of an evened-out paragraph end this close to the width


def wrap_width(lines: list[str]) -> int | None:
    """The width the dump's text was hard-wrapped at, or None when it was not: the
    longest lines (a few over-long ones, an unbreakable link, left out) give the width,
    and most long lines must end near it."""
    long = [n for n in map(len, lines) if n >= WRAP_MIN_LINE]
    if len(long) < WRAP_MIN_FULL:
        return None
    long.sort(reverse=True)
    width = long[len(long) // 20]
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return None
    full = sum(1 for n in long if width - WRAP_SLACK <= n <= width)
    return width if full >= WRAP_MIN_FULL and full >= WRAP_FULL_SHARE * len(long) else None


def _hyphen_split(line: str) -> bool:
    """The (right-stripped) line ends inside a hyphenated word, where wrapping breaks it
    ("a well-" / "prepared plan"): the next line goes on with no space."""
    return len(line) >= 2 and line[-1] == "-" and line[-2].isalnum()


def _wrapped_here(line: str, following: str, width: int) -> bool:
    """In a text wrapped at ``width``, the line goes on into the next: the line is
    filled, and it goes on mid-sentence in lower case, or ends with a word no sentence
    ends with, or the next word did not fit on it (it, the next line's first word and
    the blank `fold` keeps after a word are longer than the width; no space after a
    hyphen that wrapping broke a word at)."""
    s = line.rstrip()
    if len(s) < width - WRAP_SLACK:
        return False
    word = following.lstrip().split(None, 1)
    if not word:
        return False
    if word[0][0].islower() and not _ends_sentence(s) or _open_ended(s):
        return True  # (a tool that evens the lines out, fmt, leaves room for a short word)
    return len(s) + (0 if _hyphen_split(s) else 1) + len(word[0]) >= width and not (
        _ends_sentence(s) and _image_line(following))


def _image_line(line: str) -> bool:
    """The line is whole an image's placeholder or a leftover of its markup (furniture's
    ``image_artifact``: "photo.jpg)"): after a sentence's end it is a line of its own,
    not the next word of a wrapped paragraph that did not fit."""
    return res.compiled("furniture", "image_artifact").fullmatch(line.strip()) is not None


_OPEN_WORDS = frozenset(_SPEC["open_words"])


def _open_ended(line: str) -> bool:
    """The line ends with a word no sentence ends with ("and", "of", "the"), in lower case
    as running text prints it ("ET" closing a time is no French "et"): it goes on."""
    cut = line.rfind(" ")
    return cut >= 0 and line[cut + 1:] in _OPEN_WORDS


def _one_paragraph(chunk: list[str], width: int) -> bool:
    """A run of lines between blank lines, each but the last ending within
    WRAP_EVEN_SLACK characters of the width, one of them wrapped, reads as a paragraph
    whose lines were evened out (fmt, an editor's fill): there a line that does not end
    a sentence goes on into the next though a short next word (a name) would have fitted."""
    return len(chunk) >= 2 and all(len(line.rstrip()) >= width - WRAP_EVEN_SLACK for line in chunk[:-1]) \
        and any(_wrapped_here(a, b, width) for a, b in zip(chunk, chunk[1:], strict=False))


def _wrapped_runs(chunk: list[str], first_of_doc: bool, width: int | None = None,
                  bounded: bool = False) -> list[list[int]]:
    """Group the lines of a run of non-blank lines into paragraphs.

    In a dump wrapped at a known ``width``, a line goes on into the next where it was
    wrapped, and a run ``bounded`` by blank lines that reads as one paragraph is one.
    Otherwise lines are joined only when the run shows hard wrapping (at least two
    lines that break mid-sentence); then a line that does not end a sentence goes on
    into the next.
    """
    n = len(chunk)
    groups: list[list[int]]
    if width is not None:
        even = bounded and _one_paragraph(chunk, width)
        groups = [[0]]
        for i in range(1, n):
            if _wrapped_here(chunk[i - 1], chunk[i], width) or even and not _ends_sentence(chunk[i - 1]):
                groups[-1].append(i)
            else:
                groups.append([i])
        return groups
    # a soft break needs a line that goes on in lower case: count those first, cheaply
    if sum(1 for line in chunk[1:] if line.lstrip()[:1].islower()) < 2:
        return [[i] for i in range(n)]
    soft = sum(_is_soft_break(chunk[i], chunk[i + 1]) for i in range(n - 1))
    if soft < 2:
        return [[i] for i in range(n)]
    groups = [[0]]
    for i in range(1, n):
        ends = _ends_sentence(chunk[i - 1])
        if not ends and not (first_of_doc and groups[-1] == [0] and i == 1 and not chunk[i].lstrip()[0].islower()):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


_TAG_LINE = re.compile(r" *[-–—] +(\w[\w&/,.' -]{0,40})")


def _is_tag_line(line: str) -> bool:
    """A dash and a short tag in capitals ("- SOCIETY"): a label inside an item, not a new item."""
    m = _TAG_LINE.fullmatch(line)
    return m is not None and m.group(1) == m.group(1).upper() and not m.group(1)[0].islower()


MAX_ITEM_GAP = _SPEC["max_item_gap"]  # blank lines: two or more between an item and an indented line part page regions


def _menu_entry(text: str) -> bool:
    """A list item of one to three words and no punctuation: a menu or breadcrumb entry.
    The indented line after a blank line is the next thing on the page (a whole-page
    dump's headline under its breadcrumb), not the item's continuation."""
    words = text.split()
    return 1 <= len(words) <= _SPEC["menu_entry_words"] and text.rstrip()[-1:].isalnum()


def bullet_of(block: Block) -> str:
    """The list bullet of an item block ("•", "-", "3."), or "" for other blocks."""
    if block.kind != "item":
        return ""
    m = BULLET.match(block.lines[0])
    return m["bullet"] if m else ""


def item_lines(block: Block) -> list[str]:
    """An item's lines, stripped, blank ones left out, the bullet taken off the first; in
    a hard-wrapped dump, a line that goes on into the next is joined with it."""
    m = BULLET.match(block.lines[0])
    first = block.lines[0][m.end():].strip() if m else block.lines[0].strip()
    if block.wrap is None:
        return [first] + [ln.strip() for ln in block.lines[1:] if ln.strip()]
    out, before = [first], block.lines[0]
    for line in block.lines[1:]:
        part = line.strip()
        if part and before and _wrapped_here(before, line, block.wrap):
            out[-1] += part if _hyphen_split(out[-1]) else " " + part
        elif part:
            out.append(part)
        before = line if part else ""
    return out


def bare_text(block: Block) -> str:
    """What remains of the block (after any cut), without its list bullet."""
    if block.kind != "item":
        return block.content
    bare = block.bare
    if bare is None:  # (several stages read it: joined once)
        bare = block.bare = " ".join(item_lines(block))
    return bare


def segment(text: str) -> list[Block]:
    blocks = _Segmenter(text).run()
    for block in blocks:
        if block.text[:1] == "#" and block.kind != "item" and (m := MARKDOWN_HEADING.match(block.text)):
            block.cut_head(Cut(m.group(0), Label.BOILERPLATE, Segment.name, "Markdown heading mark", Tag.MARKDOWN_HEADING))
    return blocks


class _Segmenter:
    """The blocks of one text, built line by line: list items, lone lines, wrapped runs."""

    __slots__ = ("lines", "stripped", "width", "blocks")

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.stripped = list(map(str.strip, self.lines))  # once per line; "" for a blank line
        self.width = wrap_width(self.lines)
        self.blocks: list[Block] = []

    def run(self) -> list[Block]:
        lines, stripped = self.lines, self.stripped
        n = len(lines)
        i = 0
        while i < n:
            if not stripped[i]:
                i += 1
                continue
            m = BULLET.match(lines[i]) if may_open_bullet(stripped[i][0]) else None
            i = self._item(i, m) if m else self._plain_run(i)
        return self.blocks

    def _add_line(self, i: int, kind: str = "line") -> None:
        blocks, line = self.blocks, self.lines[i]
        blocks.append(Block(len(blocks), [line], i + 1, kind, self.stripped[i], len(line) - len(line.lstrip(" "))))

    def _add(self, idx: list[int], kind: str) -> None:
        if len(idx) == 1:  # (most list items: a line of their own, nothing to join)
            self._add_line(idx[0], kind)
            return
        lines, stripped, blocks = self.lines, self.stripped, self.blocks
        raw = [lines[i] for i in idx]
        # an item's continuation lines are joined like wrapped lines: written out as one
        # line, the item reads back as the same block
        parts = [stripped[i] for i in idx if stripped[i]]
        if kind == "wrapped" and any(_hyphen_split(p) for p in parts[:-1]):
            joined = "".join(p if k + 1 == len(parts) or _hyphen_split(p) else p + " " for k, p in enumerate(parts))
        else:
            joined = " ".join(parts)
        blocks.append(Block(index=len(blocks), lines=raw, line_no=idx[0] + 1, kind=kind,
                            text=joined, indent=_indent(raw[0])))

    def _item(self, i: int, m: re.Match[str]) -> int:
        """Add the list item whose bullet ``m`` opens line ``i``; return the line after it."""
        stripped = self.stripped
        n = len(stripped)
        column = m.end()
        idx = [i]
        j = i + 1
        while j < n:
            if stripped[j]:
                if self._item_ends(i, j, m, len(idx)):
                    break  # a menu entry, and a line that does not go on with it: the next thing
                idx.append(j)
                j += 1
                continue
            k = j
            while k < n and not stripped[k]:
                k += 1
            if not self._resumes_at(j, k, column, idx):
                break
            idx.extend(range(j, k + 1))
            j = k + 1
        if len(idx) == 1:  # (most items: a line of their own, its text without the bullet known here)
            self._add_line(i, "item")
            self.blocks[-1].bare = self.lines[i][m.end():].strip()  # (as bare_text gives it)
        else:
            self._add(idx, "item")
        self.blocks[-1].wrap = self.width
        return j

    def _item_ends(self, i: int, j: int, m: re.Match[str], taken: int) -> bool:
        """Whether non-blank line ``j`` no longer belongs to the item opened at line ``i``
        (``taken``: its lines so far)."""
        lines, stripped, width = self.lines, self.stripped, self.width
        cur = lines[j]
        indent = len(m["indent"])
        return (not cur.startswith(" " * (indent + 1))  # (indented no deeper than the bullet: _indent(cur) <= indent)
                or (_is_bullet(cur, stripped[j][0]) and not _is_tag_line(cur)
                    and not (width and _wrapped_here(lines[j - 1], cur, width)))
                or (taken == 1 and not stripped[j][0].islower()
                    and _menu_entry(stripped[i][m.end() - indent:])))

    def _resumes_at(self, j: int, k: int, column: int, idx: list[int]) -> bool:
        """Whether the item of lines ``idx`` goes on at line ``k``, past the blank lines from ``j``."""
        lines, stripped = self.lines, self.stripped
        return bool(k < len(lines) and k - j < MAX_ITEM_GAP and _indent(lines[k]) == column
                    and (not _is_bullet(lines[k], stripped[k][0]) or _is_tag_line(lines[k]))
                    and not _menu_entry(lines[idx[-1]][column:] if len(idx) == 1 else "x."))

    def _plain_run(self, i: int) -> int:
        """Add the run of plain non-blank lines that line ``i`` opens; return the line after it."""
        lines, stripped, width = self.lines, self.stripped, self.width
        n = len(lines)
        j = i + 1
        # (in a wrapped text, a line may open with a dash that did not fit on the line before)
        while j < n and stripped[j] and (not _is_bullet(lines[j], stripped[j][0])
                                         or width and _wrapped_here(lines[j - 1], lines[j], width)):
            j += 1
        if j == i + 1:
            self._add_line(i)  # a line on its own: nothing to join
            return j
        bounded = (i == 0 or not stripped[i - 1]) and (j == n or not stripped[j])
        for group in _wrapped_runs(lines[i:j], not self.blocks, width, bounded):
            if len(group) == 1:
                self._add_line(i + group[0])
            else:
                self._add([i + g for g in group], "wrapped")
        return j


class Tag(str, Enum):
    """The decisions of stage segment."""
    MARKDOWN_HEADING = "markdown_heading"  # the marks of a Markdown heading (a cut)


class Segment(Stage):
    name = "segment"
    summary = "split the dump into blocks: lines, list items with their continuation lines, re-joined hard-wrapped paragraphs"
    tags = Tag
    required = True
    reads = frozenset({"text", "reading"})
    writes = frozenset({"blocks"})

    def applies(self, doc: Document) -> bool:
        return not doc.reading  # a reading of the body: the pipeline built its blocks

    def __call__(self, doc: Document) -> None:
        doc.blocks = segment(doc.text)
